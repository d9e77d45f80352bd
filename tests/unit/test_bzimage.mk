TESTS += test_bzimage
test_bzimage_SRCS := xen/arch/x86/bzimage.c xen/lib/unxz.c xen/lib/unxz_lzma.c xen/lib/inflate.c \
	xen/lib/crc32.c tests/unit/env/host_xmalloc.c

# The synthetic bzImage's payload: the host's true(1), compressed the way
# Linux compresses vmlinux for x86. A real Debian kernel is used too when one
# has been fetched under build/debian/root/boot (or named by $BZIMAGE_KERNEL).
test_bzimage_DATA := $(OUT)/data/bzimage
test_bzimage_CFLAGS := -DBZ_DATA_DIR=\"$(test_bzimage_DATA)\" \
	-DBZ_ROOT_DIR=\"$(ROOT)\"

$(OUT)/test_bzimage: | $(test_bzimage_DATA)/payload.bin $(test_bzimage_DATA)/payload.xz \
	$(test_bzimage_DATA)/payload.gz

$(test_bzimage_DATA)/payload.bin: $(firstword $(wildcard /bin/true /usr/bin/true))
	@mkdir -p $(@D)
	cp $< $@.tmp && mv $@.tmp $@

$(test_bzimage_DATA)/payload.xz: $(test_bzimage_DATA)/payload.bin test_bzimage.mk
	xz -c --check=crc32 --x86 --lzma2=dict=1MiB < $< > $@.tmp && mv $@.tmp $@

$(test_bzimage_DATA)/payload.gz: $(test_bzimage_DATA)/payload.bin test_bzimage.mk
	gzip -n -9 -c < $< > $@.tmp && mv $@.tmp $@
