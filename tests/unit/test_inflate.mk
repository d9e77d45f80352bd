TESTS += test_inflate
test_inflate_SRCS := xen/lib/inflate.c xen/lib/crc32.c tests/unit/env/host_xmalloc.c

# Inputs made at build time from deterministic data: the .bin originals and
# raw DEFLATE streams (.raw) by python3's zlib, .gz members by gzip itself.
test_inflate_DATA := $(OUT)/data/inflate
test_inflate_CFLAGS := -DINFLATE_DATA_DIR=\"$(test_inflate_DATA)\"
test_inflate_SETS := text random runs far small empty
test_inflate_GZ := $(foreach s,$(test_inflate_SETS),$(foreach l,1 6 9,\
    $(test_inflate_DATA)/$(s)-$(l).gz)) $(test_inflate_DATA)/text-name.gz

# text: words, so Huffman codes are skewed and long; random: incompressible,
# so the compressors fall back to stored blocks; runs: distance-1 matches of
# the maximum length; far: 30000-byte blocks each repeated once, so matches
# reach ~30 KiB back in a 240 KiB output. Each .raw has a -stored (level 0)
# and -fixed (Z_FIXED) variant; text-sync.raw has sync flushes (empty stored
# blocks) between its pieces.
define test_inflate_GEN
import os, random, sys, zlib
out = sys.argv[1]

def put(name, data):
    with open(os.path.join(out, name), 'wb') as f:
        f.write(data)

def deflate(data, level, strategy=zlib.Z_DEFAULT_STRATEGY):
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
    return c.compress(data) + c.flush()

rng = random.Random(1952)
words = [bytes(rng.choice(b'etaoinshrdlucmfwyp') for _ in range(rng.randint(1, 9)))
         for _ in range(400)]
text = bytearray()
while len(text) < 150000:
    text += rng.choice(words) + (b'\n' if rng.random() < 0.1 else b' ')
text = bytes(text[:150000])
far = b''.join(2 * random.Random(i).randbytes(30000) for i in range(4))
sets = {
    'text': text,
    'random': random.Random(7).randbytes(100000),
    'runs': b'a' * 5000 + b'b' + bytes(70000) + b'ab' * 3000 + b'c' * 777,
    'far': far,
    'small': text[:2500] + b'x' * 300 + text[:500],
    'empty': b'',
}
for name, data in sets.items():
    put(name + '.bin', data)
    put(name + '.raw', deflate(data, 9))
    put(name + '-stored.raw', deflate(data, 0))
    put(name + '-fixed.raw', deflate(data, 6, zlib.Z_FIXED))
c = zlib.compressobj(6, zlib.DEFLATED, -15)
sync = b''
for i in range(0, len(text), 15000):
    sync += c.compress(text[i:i + 15000]) + c.flush(zlib.Z_SYNC_FLUSH)
put('text-sync.raw', sync + c.flush())
endef
export test_inflate_GEN

$(OUT)/test_inflate: | $(test_inflate_GZ)

$(test_inflate_DATA)/stamp: test_inflate.mk
	@mkdir -p $(@D)
	python3 -c "$$test_inflate_GEN" $(@D)
	touch $@

$(test_inflate_DATA)/%-1.gz: $(test_inflate_DATA)/stamp
	gzip -1 -n -c $(@D)/$*.bin > $@
$(test_inflate_DATA)/%-6.gz: $(test_inflate_DATA)/stamp
	gzip -6 -n -c $(@D)/$*.bin > $@
$(test_inflate_DATA)/%-9.gz: $(test_inflate_DATA)/stamp
	gzip -9 -n -c $(@D)/$*.bin > $@
# Without -n gzip records the file name (FNAME) and time.
$(test_inflate_DATA)/text-name.gz: $(test_inflate_DATA)/stamp
	cd $(@D) && gzip -6 -c text.bin > text-name.gz
