TESTS += test_elf
test_elf_SRCS := xen/lib/elf/elf.c xen/lib/elf/load.c xen/lib/elf/notes.c

# Real images, assembled and linked by the host toolchain at build time from
# data/elf/; pvh32.elf is converted to an ELF32 container keeping EM_X86_64.
test_elf_SRC := $(ROOT)/tests/unit/data/elf
test_elf_DATA := $(OUT)/data/elf
test_elf_CFLAGS := -DELF_DATA_DIR=\"$(test_elf_DATA)\"
test_elf_IMAGES := $(addprefix $(test_elf_DATA)/,pvh64.elf pvh32.elf secnote.elf)

# Order-only, so the images stay out of the link line.
$(OUT)/test_elf: | $(test_elf_IMAGES)

$(test_elf_DATA)/%.o: $(test_elf_SRC)/%.S $(test_elf_SRC)/xen_note.inc test_elf.mk
	@mkdir -p $(@D)
	$(CC) -c -o $@ $<

$(test_elf_DATA)/%.elf64: $(test_elf_DATA)/%.o $(test_elf_SRC)/%.lds
	$(LD) -m elf_x86_64 -z max-page-size=0x1000 -T $(test_elf_SRC)/$*.lds -o $@ $<

$(test_elf_DATA)/pvh64.elf $(test_elf_DATA)/secnote.elf: $(test_elf_DATA)/%.elf: $(test_elf_DATA)/%.elf64
	cp $< $@

$(test_elf_DATA)/pvh32.elf: $(test_elf_DATA)/pvh32.elf64
	objcopy -O elf32-x86-64 $< $@

.SECONDARY: $(addprefix $(test_elf_DATA)/,pvh64.o pvh32.o secnote.o pvh64.elf64 pvh32.elf64 secnote.elf64)
