TESTS += test_unxz
test_unxz_SRCS := xen/lib/unxz.c xen/lib/unxz_lzma.c xen/lib/crc32.c \
	tests/unit/env/host_xmalloc.c

# Inputs made at build time: deterministic data from data/xz/mkdata.c plus
# x86 code (the decoder's own objects and the host's true(1)), compressed by
# the real xz with the option sets the test names. Each NAME.xz decodes to
# SRC_NAME.bin.
test_unxz_DATA := $(OUT)/data/xz
test_unxz_CFLAGS := -DXZ_DATA_DIR=\"$(test_unxz_DATA)\"
test_unxz_XZ ?= xz

test_unxz_CASES := linux crc64 none preset0 extreme blocks blocks_mt stored \
	empty lclp lc4 x86start bcjmix dict4k small small2 sha256 delta
test_unxz_SRC_linux     := x86
test_unxz_OPT_linux     := --check=crc32 --x86 --lzma2=dict=1MiB
test_unxz_SRC_crc64     := text
test_unxz_OPT_crc64     := --check=crc64
test_unxz_SRC_none      := text
test_unxz_OPT_none      := --check=none
test_unxz_SRC_preset0   := mixed
test_unxz_OPT_preset0   := --lzma2=preset=0
test_unxz_SRC_extreme   := mixed
test_unxz_OPT_extreme   := -9e
test_unxz_SRC_blocks    := text
test_unxz_OPT_blocks    := -T1 --block-size=40KiB
test_unxz_SRC_blocks_mt := mixed
test_unxz_OPT_blocks_mt := -T2 --block-size=100KiB --check=crc32
test_unxz_SRC_stored    := random
test_unxz_OPT_stored    := --check=crc32
test_unxz_SRC_empty     := empty
test_unxz_OPT_empty     := --check=crc32
test_unxz_SRC_lclp      := text
test_unxz_OPT_lclp      := --lzma2=lc=0,lp=4,pb=4
test_unxz_SRC_lc4       := mixed
test_unxz_OPT_lc4       := --lzma2=lc=4,lp=0,pb=0
test_unxz_SRC_x86start  := x86
test_unxz_OPT_x86start  := --x86=start=74565 --lzma2=preset=6 --check=crc64
test_unxz_SRC_bcjmix    := x86mix
test_unxz_OPT_bcjmix    := --x86 --lzma2 --check=crc32
test_unxz_SRC_dict4k    := mixed
test_unxz_OPT_dict4k    := --lzma2=dict=4KiB
test_unxz_SRC_small     := smalltext
test_unxz_OPT_small     := --check=crc64
test_unxz_SRC_small2    := smallx86
test_unxz_OPT_small2    := --check=crc32 --x86 --lzma2=dict=1MiB
test_unxz_SRC_sha256    := smalltext
test_unxz_OPT_sha256    := --check=sha256
test_unxz_SRC_delta     := smalltext
test_unxz_OPT_delta     := --delta=dist=4 --lzma2

test_unxz_FILES := $(addprefix $(test_unxz_DATA)/, \
	$(addsuffix .xz,$(test_unxz_CASES)) \
	$(foreach c,$(test_unxz_CASES),$(test_unxz_SRC_$(c)).bin) \
	concat.xz concat.bin)

$(OUT)/test_unxz: | $(test_unxz_FILES)

$(test_unxz_DATA)/mkdata: $(ROOT)/tests/unit/data/xz/mkdata.c test_unxz.mk
	@mkdir -p $(@D)
	$(CC) -O2 -Wall -o $@ $<

$(test_unxz_DATA)/text.bin: $(test_unxz_DATA)/mkdata
	$< text 300000 > $@.tmp && mv $@.tmp $@
$(test_unxz_DATA)/smalltext.bin: $(test_unxz_DATA)/mkdata
	$< text 3000 7 > $@.tmp && mv $@.tmp $@
$(test_unxz_DATA)/random.bin: $(test_unxz_DATA)/mkdata
	$< random 200000 > $@.tmp && mv $@.tmp $@
$(test_unxz_DATA)/mixed.bin: $(test_unxz_DATA)/mkdata
	$< mixed > $@.tmp && mv $@.tmp $@
$(test_unxz_DATA)/x86mix.bin: $(test_unxz_DATA)/mkdata
	$< x86mix 100000 > $@.tmp && mv $@.tmp $@
$(test_unxz_DATA)/empty.bin:
	@mkdir -p $(@D)
	: > $@

test_unxz_X86_OBJS := $(OUT)/obj/test_unxz/xen/lib/unxz.o \
	$(OUT)/obj/test_unxz/xen/lib/unxz_lzma.o \
	$(firstword $(wildcard /bin/true /usr/bin/true))
$(test_unxz_DATA)/x86.bin: $(test_unxz_X86_OBJS)
	@mkdir -p $(@D)
	cat $^ > $@.tmp && mv $@.tmp $@
$(test_unxz_DATA)/smallx86.bin: $(test_unxz_DATA)/x86.bin
	head -c 4000 $< > $@.tmp && mv $@.tmp $@

define test_unxz_xz_rule
$(test_unxz_DATA)/$(1).xz: $(test_unxz_DATA)/$(test_unxz_SRC_$(1)).bin test_unxz.mk
	$(test_unxz_XZ) -c $(test_unxz_OPT_$(1)) < $$< > $$@.tmp && mv $$@.tmp $$@
endef
$(foreach c,$(test_unxz_CASES),$(eval $(call test_unxz_xz_rule,$(c))))

# Two streams with stream padding between them, then bytes that are not xz.
$(test_unxz_DATA)/concat.xz: $(test_unxz_DATA)/small.xz $(test_unxz_DATA)/small2.xz
	{ cat $(test_unxz_DATA)/small.xz; head -c 8 /dev/zero; \
	  cat $(test_unxz_DATA)/small2.xz; printf TAIL; } > $@.tmp && mv $@.tmp $@
$(test_unxz_DATA)/concat.bin: $(test_unxz_DATA)/smalltext.bin $(test_unxz_DATA)/smallx86.bin
	cat $^ > $@.tmp && mv $@.tmp $@
