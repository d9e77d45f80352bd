/* SPDX-License-Identifier: GPL-2.0-only */
/* The ELF loader (xen/lib/elf/) against images the host toolchain links from
 * data/elf/ and hand-built hostile ones. Images sit in exact-size heap
 * buffers, so ASan reports any read past their end. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/lib.h>

#ifndef ELF_DATA_DIR
#error "test_elf.mk must define ELF_DATA_DIR"
#endif

#define BIT(n) (1u << (n))

/* ---- Images -------------------------------------------------------------- */

static uint8_t *exact_copy(const void *src, size_t size)
{
    uint8_t *p = malloc(size ? size : 1);

    assert_non_null(p);
    memcpy(p, src, size);
    return p;
}

static uint8_t *read_image(const char *name, size_t *size)
{
    char path[512];
    uint8_t *buf;
    FILE *f;
    long len;

    snprintf(path, sizeof(path), "%s/%s", ELF_DATA_DIR, name);
    f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    len = ftell(f);
    assert_true(len > 0);
    rewind(f);
    buf = malloc(len);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, len, f), (size_t)len);
    fclose(f);
    *size = len;
    return buf;
}

static Elf64_Ehdr *ehdr64(uint8_t *img)
{
    return (Elf64_Ehdr *)img;
}

static Elf64_Phdr *phdr64(uint8_t *img, unsigned int i)
{
    return (Elf64_Phdr *)(img + ehdr64(img)->e_phoff) + i;
}

/* ---- Guest memory behind the load callbacks ------------------------------ */

struct guest_mem {
    uint64_t base;
    size_t size;
    uint8_t *bytes;
    unsigned int copies;
    unsigned int zeroes;
    int copy_rc;            /* returned instead of copying, if non-zero */
    int zero_rc;
};

static void mem_init(struct guest_mem *m, uint64_t base, size_t size)
{
    memset(m, 0, sizeof(*m));
    m->base = base;
    m->size = size;
    m->bytes = malloc(size);
    assert_non_null(m->bytes);
    memset(m->bytes, 0xcc, size);
}

static uint8_t *mem_at(struct guest_mem *m, uint64_t paddr, size_t len)
{
    assert_true(paddr >= m->base);
    assert_true(paddr - m->base <= m->size);
    assert_true(len <= m->size - (paddr - m->base));
    return m->bytes + (paddr - m->base);
}

static int mem_copy(void *ctx, uint64_t paddr, const void *src, size_t len)
{
    struct guest_mem *m = ctx;

    if ( m->copy_rc )
        return m->copy_rc;
    memcpy(mem_at(m, paddr, len), src, len);
    m->copies++;
    return 0;
}

static int mem_zero(void *ctx, uint64_t paddr, size_t len)
{
    struct guest_mem *m = ctx;

    if ( m->zero_rc )
        return m->zero_rc;
    memset(mem_at(m, paddr, len), 0, len);
    m->zeroes++;
    return 0;
}

static bool all_bytes(const uint8_t *p, size_t len, uint8_t v)
{
    while ( len-- )
        if ( *p++ != v )
            return false;
    return true;
}

/* ---- Hand-built ELF64: header, LOAD + NOTE headers, notes, load bytes ---- */

#define HB_NOTES 0x100
#define HB_LOAD  0x200
#define HB_SIZE  0x300

struct hb {
    union {
        uint8_t b[HB_SIZE];
        uint64_t align;
    } u;
    size_t notes_len;
};

static void hb_init(struct hb *h)
{
    Elf64_Ehdr *e = (Elf64_Ehdr *)h->u.b;
    Elf64_Phdr *ph = (Elf64_Phdr *)(h->u.b + sizeof(*e));

    memset(h, 0, sizeof(*h));
    memcpy(e->e_ident, "\177ELF", 4);
    e->e_ident[EI_CLASS] = ELFCLASS64;
    e->e_ident[EI_DATA] = ELFDATA2LSB;
    e->e_ident[EI_VERSION] = EV_CURRENT;
    e->e_type = 2;
    e->e_machine = EM_X86_64;
    e->e_version = EV_CURRENT;
    e->e_entry = 0x400000;
    e->e_phoff = sizeof(*e);
    e->e_ehsize = sizeof(*e);
    e->e_phentsize = sizeof(*ph);
    e->e_phnum = 2;

    ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
                          .p_offset = HB_LOAD, .p_vaddr = 0x400000,
                          .p_paddr = 0x400000, .p_filesz = 0x40,
                          .p_memsz = 0x1000, .p_align = 0x1000 };
    ph[1] = (Elf64_Phdr){ .p_type = PT_NOTE, .p_flags = PF_R,
                          .p_offset = HB_NOTES, .p_align = 4 };
    memset(h->u.b + HB_LOAD, 0x5a, 0x40);
}

static Elf64_Ehdr *hb_ehdr(struct hb *h)
{
    return (Elf64_Ehdr *)h->u.b;
}

static Elf64_Phdr *hb_phdr(struct hb *h, unsigned int i)
{
    return phdr64(h->u.b, i);
}

/* Appends a note; name is copied up to its NUL or namesz, whichever first. */
static void hb_note(struct hb *h, const char *name, uint32_t namesz,
                    uint32_t type, const void *desc, uint32_t descsz)
{
    uint8_t *p = h->u.b + HB_NOTES + h->notes_len;
    Elf_Nhdr nh = { namesz, descsz, type };
    size_t namecopy = strlen(name) + 1;
    size_t total = sizeof(nh) + ((namesz + 3) & ~3u) + ((descsz + 3) & ~3u);

    assert_true(HB_NOTES + h->notes_len + total <= HB_LOAD);
    memcpy(p, &nh, sizeof(nh));
    memcpy(p + sizeof(nh), name, namecopy < namesz ? namecopy : namesz);
    memcpy(p + sizeof(nh) + ((namesz + 3) & ~3u), desc, descsz);
    h->notes_len += total;
    hb_phdr(h, 1)->p_filesz = h->notes_len;
}

static void hb_xen_num(struct hb *h, uint32_t type, uint64_t val,
                       uint32_t size)
{
    uint8_t d[8];
    unsigned int i;

    for ( i = 0; i < sizeof(d); i++ )
        d[i] = val >> (8 * i);
    hb_note(h, "Xen", 4, type, d, size);
}

static void hb_xen_str(struct hb *h, uint32_t type, const char *s,
                       uint32_t size)
{
    hb_note(h, "Xen", 4, type, s, size);
}

/* Parses the first size bytes of h, from an exact-size copy. */
static int hb_parse(struct hb *h, size_t size, struct elf_xen_notes *n)
{
    uint8_t *img = exact_copy(h->u.b, size);
    struct elf_binary elf;
    int rc;

    assert_int_equal(elf_init(&elf, img, size), 0);
    rc = elf_xen_parse_notes(&elf, n);
    free(img);
    return rc;
}

static int hb_init_rc(struct hb *h, size_t size)
{
    uint8_t *img = exact_copy(h->u.b, size);
    struct elf_binary elf;
    int rc = elf_init(&elf, img, size);

    free(img);
    return rc;
}

/* Runs elf_load_bounds and elf_load; both must agree on rc. */
static int hb_load(struct hb *h, struct guest_mem *m)
{
    uint8_t *img = exact_copy(h->u.b, HB_SIZE);
    struct elf_binary elf;
    uint64_t start, end;
    int rc, load_rc;

    assert_int_equal(elf_init(&elf, img, HB_SIZE), 0);
    rc = elf_load_bounds(&elf, &start, &end);
    load_rc = elf_load(&elf, mem_copy, mem_zero, m);
    assert_int_equal(rc, load_rc);
    free(img);
    return rc;
}

/* ---- ELF64, vmlinux-shaped ----------------------------------------------- */

static void test_elf64_header(void **state)
{
    size_t size;
    uint8_t *img = read_image("pvh64.elf", &size);
    struct elf_binary elf;

    assert_int_equal(elf_init(&elf, img, size), 0);
    assert_true(elf_is_64(&elf));
    assert_int_equal(elf.machine, EM_X86_64);
    assert_int_equal(elf_entry(&elf), 0xffffffff81000000ULL);
    assert_int_equal(elf_phdr_count(&elf), 3);
    assert_int_equal(elf_shdr_count(&elf), 9);
    free(img);
}

static void test_elf64_phdrs(void **state)
{
    size_t size;
    uint8_t *img = read_image("pvh64.elf", &size);
    struct elf_binary elf;
    struct elf_phdr ph;

    assert_int_equal(elf_init(&elf, img, size), 0);

    assert_int_equal(elf_phdr_type(&elf, 0), PT_LOAD);
    assert_int_equal(elf_phdr_flags(&elf, 0), PF_R | PF_X);
    assert_int_equal(elf_phdr_offset(&elf, 0), 0x1000);
    assert_int_equal(elf_phdr_vaddr(&elf, 0), 0xffffffff81000000ULL);
    assert_int_equal(elf_phdr_paddr(&elf, 0), 0x1000000);
    assert_int_equal(elf_phdr_filesz(&elf, 0), 0x3c8);
    assert_int_equal(elf_phdr_memsz(&elf, 0), 0x3c8);

    assert_int_equal(elf_phdr_type(&elf, 1), PT_LOAD);
    assert_int_equal(elf_phdr_flags(&elf, 1), PF_R | PF_W);
    assert_int_equal(elf_phdr_paddr(&elf, 1), 0x1001000);
    assert_int_equal(elf_phdr_filesz(&elf, 1), 0x100);
    assert_int_equal(elf_phdr_memsz(&elf, 1), 0x3100);

    assert_int_equal(elf_phdr_type(&elf, 2), PT_NOTE);
    assert_int_equal(elf_phdr_offset(&elf, 2), 0x1200);
    assert_int_equal(elf_phdr_filesz(&elf, 2), 0x1c8);

    /* Past the table: an all-zero PT_NULL, and an error from the getter. */
    assert_int_equal(elf_phdr_type(&elf, 3), PT_NULL);
    assert_int_equal(elf_phdr_paddr(&elf, 3), 0);
    assert_int_equal(elf_phdr_get(&elf, 3, &ph), -EINVAL);
    assert_int_equal(ph.memsz, 0);
    free(img);
}

static void test_elf64_load_bounds(void **state)
{
    size_t size;
    uint8_t *img = read_image("pvh64.elf", &size);
    struct elf_binary elf;
    uint64_t start, end;

    assert_int_equal(elf_init(&elf, img, size), 0);
    assert_int_equal(elf_load_bounds(&elf, &start, &end), 0);
    assert_int_equal(start, 0x1000000);
    assert_int_equal(end, 0x1004100);
    free(img);
}

static void test_elf64_load_zeroes_bss(void **state)
{
    size_t size;
    uint8_t *img = read_image("pvh64.elf", &size);
    struct elf_binary elf;
    struct guest_mem m;

    mem_init(&m, 0x1000000, 0x4100);
    assert_int_equal(elf_init(&elf, img, size), 0);
    assert_int_equal(elf_load(&elf, mem_copy, mem_zero, &m), 0);
    assert_int_equal(m.copies, 2);
    assert_int_equal(m.zeroes, 1);

    assert_true(all_bytes(m.bytes, 0x200, 0x90));                 /* .text */
    assert_memory_equal(m.bytes + 0x200, img + 0x1200, 0x1c8);    /* .notes */
    assert_true(all_bytes(m.bytes + 0x3c8, 0x1000 - 0x3c8, 0xcc)); /* gap */
    assert_true(all_bytes(m.bytes + 0x1000, 0x100, 0xaa));        /* .data */
    assert_true(all_bytes(m.bytes + 0x1100, 0x3000, 0));          /* .bss */
    free(m.bytes);
    free(img);
}

static void test_elf64_load_callback_errors(void **state)
{
    size_t size;
    uint8_t *img = read_image("pvh64.elf", &size);
    struct elf_binary elf;
    struct guest_mem m;

    assert_int_equal(elf_init(&elf, img, size), 0);

    mem_init(&m, 0x1000000, 0x4100);
    m.copy_rc = -EIO;
    assert_int_equal(elf_load(&elf, mem_copy, mem_zero, &m), -EIO);
    assert_int_equal(m.copies + m.zeroes, 0);
    free(m.bytes);

    /* Both segments are copied before the only bss is zeroed. */
    mem_init(&m, 0x1000000, 0x4100);
    m.zero_rc = -ENOMEM;
    assert_int_equal(elf_load(&elf, mem_copy, mem_zero, &m), -ENOMEM);
    assert_int_equal(m.copies, 2);
    assert_int_equal(m.zeroes, 0);
    free(m.bytes);
    free(img);
}

static void test_elf64_notes(void **state)
{
    size_t size;
    uint8_t *img = read_image("pvh64.elf", &size);
    struct elf_binary elf;
    struct elf_xen_notes n;

    assert_int_equal(elf_init(&elf, img, size), 0);
    assert_int_equal(elf_xen_parse_notes(&elf, &n), 0);

    /* All but INFO and BSD_SYMTAB; none of the GNU note's bits. */
    assert_int_equal(n.present, 0x7fffe & ~BIT(XEN_ELFNOTE_BSD_SYMTAB));
    assert_true(elf_is_pvh_capable(&n));
    assert_int_equal(n.phys32_entry, 0x1000040);
    assert_int_equal(n.entry, 0xffffffff81000040ULL);
    assert_int_equal(n.hypercall_page, 0xffffffff81000100ULL);
    assert_int_equal(n.virt_base, 0xffffffff80000000ULL);
    assert_int_equal(n.paddr_offset, 0);
    assert_true(elf_xen_note_present(&n, XEN_ELFNOTE_PADDR_OFFSET));
    assert_int_equal(n.hv_start_low, 0xffff800000000000ULL);
    assert_int_equal(n.suspend_cancel, 1);
    assert_int_equal(n.init_p2m, 0x8000000000ULL);
    assert_int_equal(n.mod_start_pfn, 1);
    assert_int_equal(n.supported_features, 0x8801);
    assert_string_equal(n.xen_version, "xen-3.0");
    assert_string_equal(n.guest_os, "linux");   /* not .note.extra's */
    assert_string_equal(n.guest_version, "2.6");
    assert_string_equal(n.loader, "generic");
    assert_string_equal(n.pae_mode, "yes");
    assert_string_equal(n.features, "!writable_page_tables|pae_pgdir_above_4gb");
    assert_string_equal(n.bsd_symtab, "");
    free(img);
}

static void test_pt_note_at_offset0_is_skipped(void **state)
{
    size_t size;
    uint8_t *img = read_image("pvh64.elf", &size);
    struct elf_binary elf;
    struct elf_xen_notes n;

    /* The PT_NOTE is ignored, so both note sections are read in order. */
    phdr64(img, 2)->p_offset = 0;
    assert_int_equal(elf_init(&elf, img, size), 0);
    assert_int_equal(elf_xen_parse_notes(&elf, &n), 0);
    assert_int_equal(n.phys32_entry, 0x2222222);
    assert_string_equal(n.guest_os, "extra");
    assert_string_equal(n.loader, "generic");

    /* With no section table left there is nothing else to find. */
    ehdr64(img)->e_shnum = 0;
    assert_int_equal(elf_init(&elf, img, size), 0);
    assert_int_equal(elf_xen_parse_notes(&elf, &n), -ENOENT);
    assert_int_equal(n.present, 0);
    assert_false(elf_is_pvh_capable(&n));
    free(img);
}

/* ---- ELF32 container with EM_X86_64 -------------------------------------- */

static void test_elf32_x86_64(void **state)
{
    size_t size;
    uint8_t *img = read_image("pvh32.elf", &size);
    struct elf_binary elf;
    struct elf_xen_notes n;
    uint64_t start, end;
    struct guest_mem m;

    assert_int_equal(img[EI_CLASS], ELFCLASS32);
    assert_int_equal(elf_init(&elf, img, size), 0);
    assert_false(elf_is_64(&elf));
    assert_int_equal(elf.machine, EM_X86_64);
    assert_int_equal(elf_entry(&elf), 0x100000);
    assert_int_equal(elf_phdr_count(&elf), 2);
    assert_int_equal(elf_phdr_type(&elf, 0), PT_LOAD);
    assert_int_equal(elf_phdr_offset(&elf, 0), 0x1000);
    assert_int_equal(elf_phdr_vaddr(&elf, 0), 0x100000);
    assert_int_equal(elf_phdr_filesz(&elf, 0), 0x180);
    assert_int_equal(elf_phdr_memsz(&elf, 0), 0x1180);
    assert_int_equal(elf_phdr_type(&elf, 1), PT_NOTE);

    assert_int_equal(elf_load_bounds(&elf, &start, &end), 0);
    assert_int_equal(start, 0x100000);
    assert_int_equal(end, 0x101180);

    assert_int_equal(elf_xen_parse_notes(&elf, &n), 0);
    assert_int_equal(n.present, BIT(5) | BIT(6) | BIT(18));
    assert_int_equal(n.phys32_entry, 0x100000);
    assert_string_equal(n.guest_os, "XTF");
    assert_string_equal(n.xen_version, "xen-3.0");

    mem_init(&m, 0x100000, 0x1180);
    assert_int_equal(elf_load(&elf, mem_copy, mem_zero, &m), 0);
    assert_true(all_bytes(m.bytes, 0x100, 0xf4));
    assert_true(all_bytes(m.bytes + 0x140, 0x40, 0x55));
    assert_true(all_bytes(m.bytes + 0x180, 0x1000, 0));
    free(m.bytes);
    free(img);
}

static void test_elf32_machines(void **state)
{
    size_t size;
    uint8_t *img = read_image("pvh32.elf", &size);
    Elf32_Ehdr *e = (Elf32_Ehdr *)img;
    struct elf_binary elf;

    e->e_machine = EM_386;
    assert_int_equal(elf_init(&elf, img, size), 0);
    assert_int_equal(elf.machine, EM_386);

    e->e_machine = 183;     /* EM_AARCH64 */
    assert_int_equal(elf_init(&elf, img, size), -ENOEXEC);
    assert_int_equal(elf_phdr_count(&elf), 0);
    free(img);
}

/* ---- SHT_NOTE fallback ---------------------------------------------------- */

static void test_section_fallback(void **state)
{
    size_t size;
    uint8_t *img = read_image("secnote.elf", &size);
    struct elf_binary elf;
    struct elf_xen_notes n;
    uint64_t start, end;

    assert_int_equal(elf_init(&elf, img, size), 0);
    assert_int_equal(elf_phdr_count(&elf), 1);
    assert_int_equal(elf_load_bounds(&elf, &start, &end), 0);
    assert_int_equal(start, 0x200000);
    assert_int_equal(end, 0x200080);

    assert_int_equal(elf_xen_parse_notes(&elf, &n), 0);
    assert_int_equal(n.present, BIT(XEN_ELFNOTE_LOADER) | BIT(18));
    assert_true(elf_is_pvh_capable(&n));
    assert_int_equal(n.phys32_entry, 0x200000);
    assert_string_equal(n.loader, "generic");   /* no NUL in the image */
    free(img);
}

/* ---- Hand-built notes ----------------------------------------------------- */

static void test_numeric_widths(void **state)
{
    struct elf_xen_notes n;
    struct hb h;

    hb_init(&h);
    hb_xen_num(&h, XEN_ELFNOTE_SUSPEND_CANCEL, 0x01, 1);
    hb_xen_num(&h, XEN_ELFNOTE_PHYS32_ENTRY, 0x1234, 2);
    hb_xen_num(&h, XEN_ELFNOTE_ENTRY, 0x89abcdef, 4);
    hb_xen_num(&h, XEN_ELFNOTE_VIRT_BASE, 0xfedcba9876543210ULL, 8);
    hb_xen_num(&h, XEN_ELFNOTE_SUPPORTED_FEATURES, 0x8801, 8);
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), 0);
    assert_int_equal(n.suspend_cancel, 1);
    assert_int_equal(n.phys32_entry, 0x1234);
    assert_int_equal(n.entry, 0x89abcdef);
    assert_int_equal(n.virt_base, 0xfedcba9876543210ULL);
    assert_int_equal(n.supported_features, 0x8801);

    /* A number of 3 bytes is malformed, and nothing of it is kept. */
    hb_xen_num(&h, XEN_ELFNOTE_PADDR_OFFSET, 0x123456, 3);
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), -EINVAL);
    assert_int_equal(n.present, 0);
    assert_int_equal(n.phys32_entry, 0);

    /* The feature bitmap is 32 bits wide. */
    hb_init(&h);
    hb_xen_num(&h, XEN_ELFNOTE_SUPPORTED_FEATURES, 0x100000001ULL, 8);
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), -EINVAL);
}

static void test_string_notes(void **state)
{
    char longest[ELF_XEN_STR_LEN];
    struct elf_xen_notes n;
    struct hb h;

    memset(longest, 'x', sizeof(longest));
    hb_init(&h);
    hb_xen_str(&h, XEN_ELFNOTE_GUEST_OS, "ab\0cd", 6);
    hb_xen_str(&h, XEN_ELFNOTE_LOADER, "generic", 7);
    hb_xen_str(&h, XEN_ELFNOTE_XEN_VERSION, longest, ELF_XEN_STR_LEN - 1);
    hb_xen_str(&h, XEN_ELFNOTE_GUEST_VERSION, "", 0);
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), 0);
    assert_string_equal(n.guest_os, "ab");
    assert_string_equal(n.loader, "generic");
    assert_int_equal(strlen(n.xen_version), ELF_XEN_STR_LEN - 1);
    assert_string_equal(n.guest_version, "");
    assert_true(elf_xen_note_present(&n, XEN_ELFNOTE_GUEST_VERSION));
    assert_false(elf_is_pvh_capable(&n));

    /* One more character no longer fits with its NUL. */
    hb_xen_str(&h, XEN_ELFNOTE_PAE_MODE, longest, ELF_XEN_STR_LEN);
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), -EINVAL);
    assert_string_equal(n.guest_os, "");
}

static void test_note_owners(void **state)
{
    struct elf_xen_notes n;
    uint32_t v = 0x1000;
    struct hb h;

    hb_init(&h);
    hb_note(&h, "Xe", 3, XEN_ELFNOTE_PHYS32_ENTRY, &v, 4);
    hb_note(&h, "XenX", 5, XEN_ELFNOTE_PHYS32_ENTRY, &v, 4);
    hb_note(&h, "GNU", 4, XEN_ELFNOTE_PHYS32_ENTRY, &v, 4);
    hb_note(&h, "", 0, XEN_ELFNOTE_PHYS32_ENTRY, &v, 4);
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), -ENOENT);

    /* namesz 3 leaves the NUL out; the owner is still Xen. */
    hb_note(&h, "Xen", 3, XEN_ELFNOTE_PHYS32_ENTRY, &v, 4);
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), 0);
    assert_int_equal(n.phys32_entry, 0x1000);

    /* Types Xen may add later count as Xen notes but set nothing. */
    hb_init(&h);
    hb_xen_num(&h, XEN_ELFNOTE_CRASH_INFO, 7, 4);
    hb_xen_num(&h, XEN_ELFNOTE_MAX + 1, 7, 4);
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), 0);
    assert_int_equal(n.present, 0);
}

static void test_note_region_edges(void **state)
{
    struct elf_xen_notes n;
    struct hb h;

    /* A last descriptor may end the region without its padding. */
    hb_init(&h);
    hb_xen_num(&h, XEN_ELFNOTE_PHYS32_ENTRY, 0x1000, 4);
    hb_xen_str(&h, XEN_ELFNOTE_GUEST_OS, "abcde", 5);
    hb_phdr(&h, 1)->p_filesz -= 3;
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), 0);
    assert_string_equal(n.guest_os, "abcde");

    /* A tail shorter than a note header is padding. */
    hb_phdr(&h, 1)->p_filesz += 3 + 8;
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), 0);
    assert_int_equal(n.phys32_entry, 0x1000);

    /* An empty PT_NOTE and no section table: nothing to find. */
    hb_init(&h);
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), -ENOENT);
}

/* ---- Hostile images ------------------------------------------------------- */

static void test_hostile_empty(void **state)
{
    uint8_t *img = exact_copy("", 0);
    struct elf_binary elf;

    assert_int_equal(elf_init(&elf, img, 0), -ENOEXEC);
    assert_int_equal(elf_phdr_count(&elf), 0);
    assert_int_equal(elf_init(&elf, NULL, 4096), -ENOEXEC);
    free(img);
}

static void test_hostile_truncated_header(void **state)
{
    const char *names[] = { "pvh64.elf", "pvh32.elf" };
    const size_t ehsize[] = { sizeof(Elf64_Ehdr), sizeof(Elf32_Ehdr) };
    struct elf_binary elf;
    unsigned int i;
    size_t len, size;

    for ( i = 0; i < 2; i++ )
    {
        uint8_t *full = read_image(names[i], &size);

        for ( len = 0; len <= ehsize[i]; len++ )
        {
            uint8_t *img = exact_copy(full, len);
            int want = len < EI_NIDENT ? -ENOEXEC : -EINVAL;

            assert_int_equal(elf_init(&elf, img, len), want);
            free(img);
        }
        free(full);
    }
}

static void test_hostile_ident(void **state)
{
    static const struct {
        unsigned int off;
        uint8_t val;
    } bad[] = {
        { 0, 0x7e }, { 3, 'f' },
        { EI_CLASS, 0 }, { EI_CLASS, 3 },
        { EI_DATA, 2 }, { EI_DATA, 0 },
        { EI_VERSION, 0 },
        { offsetof(Elf64_Ehdr, e_machine), 40 },        /* EM_ARM */
        { offsetof(Elf64_Ehdr, e_version), 2 },
    };
    unsigned int i;
    struct hb h;

    for ( i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        hb_init(&h);
        h.u.b[bad[i].off] = bad[i].val;
        assert_int_equal(hb_init_rc(&h, HB_SIZE), -ENOEXEC);
    }
    hb_init(&h);
    assert_int_equal(hb_init_rc(&h, HB_SIZE), 0);
}

static void test_hostile_phdr_table(void **state)
{
    struct hb h;

    hb_init(&h);
    hb_ehdr(&h)->e_phoff = HB_SIZE;                         /* past end */
    assert_int_equal(hb_init_rc(&h, HB_SIZE), -EINVAL);

    hb_ehdr(&h)->e_phoff = HB_SIZE - sizeof(Elf64_Phdr);    /* straddles */
    assert_int_equal(hb_init_rc(&h, HB_SIZE), -EINVAL);

    hb_ehdr(&h)->e_phoff = UINT64_MAX - 8;                  /* off + len wraps */
    assert_int_equal(hb_init_rc(&h, HB_SIZE), -EINVAL);

    hb_init(&h);
    hb_ehdr(&h)->e_phnum = 0xfffe;
    hb_ehdr(&h)->e_phentsize = 0xffff;                      /* ~4 GiB table */
    assert_int_equal(hb_init_rc(&h, HB_SIZE), -EINVAL);

    hb_init(&h);
    hb_ehdr(&h)->e_phnum = PN_XNUM;
    assert_int_equal(hb_init_rc(&h, HB_SIZE), -EINVAL);

    hb_init(&h);
    hb_ehdr(&h)->e_phentsize = sizeof(Elf32_Phdr);          /* too small */
    assert_int_equal(hb_init_rc(&h, HB_SIZE), -EINVAL);

    /* Larger entries are allowed; they are simply strided over. */
    hb_ehdr(&h)->e_phentsize = 2 * sizeof(Elf64_Phdr);
    hb_ehdr(&h)->e_phnum = 1;
    assert_int_equal(hb_init_rc(&h, HB_SIZE), 0);

    /* Section tables are held to the same rules. */
    hb_init(&h);
    hb_ehdr(&h)->e_shoff = HB_SIZE;
    hb_ehdr(&h)->e_shnum = 1;
    hb_ehdr(&h)->e_shentsize = sizeof(Elf64_Shdr);
    assert_int_equal(hb_init_rc(&h, HB_SIZE), -EINVAL);
    hb_ehdr(&h)->e_shoff = HB_LOAD;
    assert_int_equal(hb_init_rc(&h, HB_SIZE), 0);
    hb_ehdr(&h)->e_shentsize = 16;
    assert_int_equal(hb_init_rc(&h, HB_SIZE), -EINVAL);
}

static void test_hostile_segments(void **state)
{
    struct guest_mem m;
    struct hb h;

    mem_init(&m, 0x400000, 0x1000);

    hb_init(&h);
    assert_int_equal(hb_load(&h, &m), 0);
    assert_int_equal(m.copies, 1);
    assert_int_equal(m.zeroes, 1);
    assert_true(all_bytes(m.bytes, 0x40, 0x5a));
    assert_true(all_bytes(m.bytes + 0x40, 0x1000 - 0x40, 0));
    m.copies = m.zeroes = 0;

    hb_phdr(&h, 0)->p_offset = HB_SIZE - 0x10;       /* file bytes past end */
    assert_int_equal(hb_load(&h, &m), -EINVAL);
    hb_phdr(&h, 0)->p_offset = UINT64_MAX - 0x10;     /* offset wraps */
    assert_int_equal(hb_load(&h, &m), -EINVAL);

    hb_init(&h);
    hb_phdr(&h, 0)->p_filesz = 0x2000;                /* filesz > memsz */
    hb_phdr(&h, 0)->p_memsz = 0x1000;
    assert_int_equal(hb_load(&h, &m), -EINVAL);

    hb_init(&h);
    hb_phdr(&h, 0)->p_paddr = 0xfffffffffffff000ULL;  /* ends at 2^64 */
    assert_int_equal(hb_load(&h, &m), -EINVAL);
    hb_phdr(&h, 0)->p_memsz = UINT64_MAX;             /* wraps */
    assert_int_equal(hb_load(&h, &m), -EINVAL);

    /* Nothing to load: no PT_LOAD with any of R/W/X. */
    hb_init(&h);
    hb_phdr(&h, 0)->p_flags = 0;
    assert_int_equal(hb_load(&h, &m), -ENOEXEC);

    /* Every failure above was caught before the first callback. */
    assert_int_equal(m.copies + m.zeroes, 0);
    free(m.bytes);
}

static void test_hostile_notes(void **state)
{
    struct elf_xen_notes n;
    uint64_t v = 0x1000;
    Elf_Nhdr *nh;
    struct hb h;

    /* namesz runs past the segment, and past 4 GiB. */
    hb_init(&h);
    hb_note(&h, "Xen", 4, XEN_ELFNOTE_PHYS32_ENTRY, &v, 8);
    nh = (Elf_Nhdr *)(h.u.b + HB_NOTES);
    nh->n_namesz = 0x1000;
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), -EINVAL);
    nh->n_namesz = UINT32_MAX;
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), -EINVAL);

    /* descsz runs past the segment, or wraps when padded. */
    nh->n_namesz = 4;
    nh->n_descsz = 9;
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), -EINVAL);
    nh->n_descsz = UINT32_MAX - 1;
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), -EINVAL);
    nh->n_descsz = 8;
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), 0);
    assert_int_equal(n.phys32_entry, 0x1000);

    /* A good note then a bad one: the whole parse fails and keeps nothing. */
    hb_note(&h, "Xen", 4, XEN_ELFNOTE_ENTRY, &v, 8);
    ((Elf_Nhdr *)(h.u.b + HB_NOTES + 24))->n_descsz = 0x100;
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), -EINVAL);
    assert_int_equal(n.present, 0);

    /* The PT_NOTE itself outside the image. */
    hb_init(&h);
    hb_note(&h, "Xen", 4, XEN_ELFNOTE_PHYS32_ENTRY, &v, 8);
    hb_phdr(&h, 1)->p_filesz = HB_SIZE;
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), -EINVAL);
    hb_phdr(&h, 1)->p_filesz = 24;
    hb_phdr(&h, 1)->p_offset = HB_SIZE + 4;
    assert_int_equal(hb_parse(&h, HB_SIZE, &n), -EINVAL);
}

/* ---- Fuzzing: nothing may read outside the exact-size buffer ------------- */

struct sink {
    const uint8_t *image;
    size_t size;
    unsigned long sum;
};

static int sink_copy(void *ctx, uint64_t paddr, const void *src, size_t len)
{
    struct sink *s = ctx;
    const uint8_t *p = src;

    assert_true(p >= s->image && len <= s->size - (size_t)(p - s->image));
    while ( len-- )
        s->sum += *p++;
    return 0;
}

static int sink_zero(void *ctx, uint64_t paddr, size_t len)
{
    return 0;
}

static void exercise(const uint8_t *img, size_t size, int *bounds_rc,
                     int *notes_rc)
{
    struct sink s = { img, size, 0 };
    struct elf_xen_notes n;
    struct elf_binary elf;
    uint64_t start, end;

    *bounds_rc = *notes_rc = 1;
    if ( elf_init(&elf, img, size) )
        return;
    *bounds_rc = elf_load_bounds(&elf, &start, &end);
    assert_int_equal(elf_load(&elf, sink_copy, sink_zero, &s), *bounds_rc);
    *notes_rc = elf_xen_parse_notes(&elf, &n);
}

static void test_fuzz_truncation(void **state)
{
    size_t size, len;
    uint8_t *full = read_image("pvh64.elf", &size);
    int bounds_rc, notes_rc;

    /* Without the trailing section table, truncation hits the segments. */
    ehdr64(full)->e_shnum = 0;
    for ( len = 0; len <= size; len++ )
    {
        uint8_t *img = exact_copy(full, len);

        exercise(img, len, &bounds_rc, &notes_rc);
        if ( len < 64 + 3 * sizeof(Elf64_Phdr) )
            assert_int_equal(bounds_rc, 1);
        else
        {
            assert_int_equal(bounds_rc, len >= 0x2100 ? 0 : -EINVAL);
            assert_int_equal(notes_rc, len >= 0x13c8 ? 0 : -EINVAL);
        }
        free(img);
    }
    free(full);
}

static void test_fuzz_mutation(void **state)
{
    size_t size;
    uint8_t *full = read_image("pvh64.elf", &size);
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    int bounds_rc, notes_rc;
    unsigned int i, j, ok = 0;

    for ( i = 0; i < 20000; i++ )
    {
        uint8_t *img = exact_copy(full, size);

        for ( j = 0; j < 1 + i % 4; j++ )
        {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            /* Headers, notes and the section table are where it matters. */
            img[(seed >> 33) % 2 ? (seed >> 40) % 0x13c8
                                 : size - 1 - (seed >> 40) % 0x280] = seed >> 16;
        }
        exercise(img, size, &bounds_rc, &notes_rc);
        assert_true(bounds_rc == 1 || bounds_rc == 0 ||
                    bounds_rc == -EINVAL || bounds_rc == -ENOEXEC);
        assert_true(notes_rc == 1 || notes_rc == 0 ||
                    notes_rc == -EINVAL || notes_rc == -ENOENT);
        ok += bounds_rc == 0 && notes_rc == 0;
        free(img);
    }
    /* Many mutations land in padding or bytes nobody reads. */
    assert_true(ok > 1000);
    free(full);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_elf64_header),
        cmocka_unit_test(test_elf64_phdrs),
        cmocka_unit_test(test_elf64_load_bounds),
        cmocka_unit_test(test_elf64_load_zeroes_bss),
        cmocka_unit_test(test_elf64_load_callback_errors),
        cmocka_unit_test(test_elf64_notes),
        cmocka_unit_test(test_pt_note_at_offset0_is_skipped),
        cmocka_unit_test(test_elf32_x86_64),
        cmocka_unit_test(test_elf32_machines),
        cmocka_unit_test(test_section_fallback),
        cmocka_unit_test(test_numeric_widths),
        cmocka_unit_test(test_string_notes),
        cmocka_unit_test(test_note_owners),
        cmocka_unit_test(test_note_region_edges),
        cmocka_unit_test(test_hostile_empty),
        cmocka_unit_test(test_hostile_truncated_header),
        cmocka_unit_test(test_hostile_ident),
        cmocka_unit_test(test_hostile_phdr_table),
        cmocka_unit_test(test_hostile_segments),
        cmocka_unit_test(test_hostile_notes),
        cmocka_unit_test(test_fuzz_truncation),
        cmocka_unit_test(test_fuzz_mutation),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
