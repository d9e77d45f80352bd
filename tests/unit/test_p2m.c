/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tests of the p2m walker (xen/arch/x86/mm/p2m.c) in the AMD NPT format
 * (p2m-npt.c). Table pages come from the real page allocator over a 64 MiB
 * arena, so every test can check that the tables it built are all given back:
 * the teardown fixture fails a test that leaks. A random sequence of
 * operations is checked against a flat array model over 2 GiB of gfns. */
/* The xen/ headers go first: glibc tolerates their __always_inline, not the
 * other way round. */
#include <xen/errno.h>
#include <xen/mm.h>
#include <asm/p2m.h>

#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "host_env.h"

#define ARENA_PAGES     16384UL
#define GB_PAGES        (1UL << 18)     /* 4K pages in a 1 GiB leaf */
#define MB2_PAGES       (1UL << 9)
#define NPT_TYPE(e)     (((e) >> 52) & 0xf)
#define NPT_MFN(e)      (((e) & 0x000ffffffffff000UL) >> 12)

static struct p2m_domain p2m;

/* Heap pages a test took to starve the p2m; the cleanup fixture gives them back. */
struct hog {
    void *p[64];
    unsigned int order[64];
    unsigned int n;
};
static struct hog hog;
static unsigned long baseline;      /* free heap pages with no p2m alive */

/* ---- fixtures ---- */

static int heap_setup(void **state)
{
    unit_directmap_base = aligned_alloc(PAGE_SIZE, ARENA_PAGES * PAGE_SIZE);
    if ( !unit_directmap_base )
        return -1;
    memset(unit_directmap_base, 0x5a, ARENA_PAGES * PAGE_SIZE);
    init_boot_pages(PAGE_SIZE, ARENA_PAGES * PAGE_SIZE);
    init_frametable(ARENA_PAGES);
    end_boot_allocator();
    baseline = avail_heap_pages();
    return 0;
}

static int p2m_setup(void **state)
{
    if ( p2m_init(&p2m, &p2m_format_npt) )
        return -1;
    return avail_heap_pages() == baseline - 1 ? 0 : -1;
}

static void release(struct hog *h)
{
    while ( h->n )
    {
        h->n--;
        free_xenheap_pages(h->p[h->n], h->order[h->n]);
    }
}

/* Fails the test that leaked table pages or left counters behind. */
static int p2m_cleanup(void **state)
{
    unsigned int t;

    release(&hog);
    p2m_teardown(&p2m);
    if ( avail_heap_pages() != baseline || p2m.nr_table_pages || p2m.root )
        return -1;
    for ( t = 0; t < p2m_nr_types; t++ )
        if ( p2m.nr_entries[t] )
            return -1;
    return 0;
}

/* ---- helpers ---- */

static void expect(unsigned long gfn, unsigned long mfn, p2m_type_t type,
                   unsigned int order)
{
    p2m_type_t t = p2m_nr_types;
    unsigned int o = 99;
    unsigned long m = p2m_lookup(&p2m, gfn, &t, &o);

    if ( m != mfn || t != type || o != order )
        fail_msg("gfn %#lx: got mfn %#lx type %d order %u, want %#lx %d %u",
                 gfn, m, t, o, mfn, type, order);
}

static void expect_none(unsigned long gfn)
{
    p2m_type_t t = p2m_nr_types;
    unsigned long m = p2m_lookup(&p2m, gfn, &t, NULL);

    if ( m != INVALID_MFN || t != p2m_invalid )
        fail_msg("gfn %#lx: got mfn %#lx type %d, want nothing", gfn, m, t);
}

/* The raw entry for gfn at level (1 = 4K leaf), or NULL if the walk stops above. */
static uint64_t *raw_entry(unsigned long gfn, unsigned int level)
{
    uint64_t *table = (uint64_t *)(unit_directmap_base + p2m.root);
    unsigned int l;

    for ( l = 4; ; l-- )
    {
        uint64_t *e = &table[(gfn >> (9 * (l - 1))) & 511];

        if ( l == level )
            return e;
        if ( !(*e & _PAGE_PRESENT) || (*e & _PAGE_PSE) )
            return NULL;
        table = (uint64_t *)(unit_directmap_base + (*e & PADDR_MASK));
    }
}

static unsigned int audit(void)
{
    unsigned int bad;

    unit_printk_capture_start();
    bad = p2m_audit(&p2m, "test");
    unit_printk_capture_stop();
    return bad;
}

static unsigned long tables_in_use(void)
{
    return baseline - avail_heap_pages();
}

/* ---- basic mapping ---- */

static void test_empty(void **state)
{
    expect_none(0);
    expect_none(0x12345);
    expect_none((1UL << 36) - 1);
    expect_none(1UL << 36);
    assert_int_equal(p2m.nr_table_pages, 1);
    assert_int_equal(audit(), 0);
}

/* Every type at every order: first, middle and last page of the range. */
static void test_each_type_and_order(void **state)
{
    static const unsigned int orders[] = { 0, 9, 18 };
    unsigned long want[p2m_nr_types] = { 0 };
    unsigned int t, i;

    for ( t = p2m_ram_rw; t < p2m_nr_types; t++ )
        for ( i = 0; i < 3; i++ )
        {
            unsigned int order = orders[i];
            unsigned long gfn = ((unsigned long)(t * 4 + i) << 18);
            unsigned long mfn = (0x100UL + t * 8 + i) << 18;
            unsigned long last = (1UL << order) - 1, mid = last / 2;
            bool dm = t == p2m_mmio_dm;

            assert_int_equal(p2m_set_entry(&p2m, gfn, mfn, order, t), 0);
            want[t] += 1UL << order;
            expect(gfn, dm ? INVALID_MFN : mfn, t, order);
            expect(gfn + mid, dm ? INVALID_MFN : mfn + mid, t, order);
            expect(gfn + last, dm ? INVALID_MFN : mfn + last, t, order);
            expect_none(gfn + last + 1);
        }
    for ( t = 0; t < p2m_nr_types; t++ )
        assert_int_equal(p2m.nr_entries[t], want[t]);
    assert_int_equal(audit(), 0);
}

static void test_superpage_offsets(void **state)
{
    assert_int_equal(p2m_set_entry(&p2m, 0x40000, 0x1c0000, 18, p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x80200, 0x7e00, 9, p2m_ram_ro), 0);
    expect(0x40000 + 0x12345, 0x1c0000 + 0x12345, p2m_ram_rw, 18);
    expect(0x7ffff, 0x1fffff, p2m_ram_rw, 18);
    expect_none(0x3ffff);
    expect(0x80200 + 0x1ab, 0x7e00 + 0x1ab, p2m_ram_ro, 9);
    expect_none(0x801ff);
    expect_none(0x80400);
    /* A 1 GiB leaf needs only the root and one L3 table; the 2 MiB one an L2. */
    assert_int_equal(p2m.nr_table_pages, 3);
    assert_int_equal(tables_in_use(), 3);
}

/* Raw entry bits of the NPT format. */
static void test_npt_bits(void **state)
{
    uint64_t e;

    assert_int_equal(p2m_set_entry(&p2m, 0x1234, 0xabcd, 0, p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x1235, 0xabce, 0, p2m_ram_ro), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x1236, 0xfee00, 0, p2m_mmio_direct), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x1237, INVALID_MFN, 0, p2m_mmio_dm), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x1400, 0x3400, 9, p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x40000, 0x80000, 18, p2m_ram_ro), 0);

    e = *raw_entry(0x1234, 1);
    assert_int_equal(e & (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED),
                     _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED);
    assert_true(e & _PAGE_RW);
    assert_int_equal(e & (_PAGE_PSE | _PAGE_PCD | _PAGE_PWT | _PAGE_NX), 0);
    assert_int_equal(NPT_MFN(e), 0xabcd);
    assert_int_equal(NPT_TYPE(e), p2m_ram_rw);

    e = *raw_entry(0x1235, 1);
    assert_int_equal(e & (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED),
                     _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED);
    assert_int_equal(e & (_PAGE_RW | _PAGE_PSE), 0);
    assert_int_equal(NPT_MFN(e), 0xabce);
    assert_int_equal(NPT_TYPE(e), p2m_ram_ro);

    e = *raw_entry(0x1236, 1);
    assert_int_equal(e & (_PAGE_PRESENT | _PAGE_RW | _PAGE_PCD | _PAGE_PWT),
                     _PAGE_PRESENT | _PAGE_RW | _PAGE_PCD | _PAGE_PWT);
    assert_int_equal(NPT_MFN(e), 0xfee00);
    assert_int_equal(NPT_TYPE(e), p2m_mmio_direct);

    /* Emulated MMIO: not present, but its type is kept for the fault handler. */
    e = *raw_entry(0x1237, 1);
    assert_int_equal(e & _PAGE_PRESENT, 0);
    assert_int_equal(NPT_TYPE(e), p2m_mmio_dm);

    e = *raw_entry(0x1400, 2);
    assert_int_equal(e & (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_RW |
                          _PAGE_PSE),
                     _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_RW | _PAGE_PSE);
    assert_int_equal(NPT_MFN(e), 0x3400);

    e = *raw_entry(0x40000, 3);
    assert_int_equal(e & (_PAGE_PRESENT | _PAGE_USER | _PAGE_PSE | _PAGE_RW),
                     _PAGE_PRESENT | _PAGE_USER | _PAGE_PSE);
    assert_int_equal(NPT_MFN(e), 0x80000);
    assert_int_equal(NPT_TYPE(e), p2m_ram_ro);

    /* Table entries: present, writable, user, untyped, pointing at a table page. */
    e = *raw_entry(0x1234, 2);
    assert_int_equal(e & (_PAGE_PRESENT | _PAGE_USER | _PAGE_RW | _PAGE_PSE),
                     _PAGE_PRESENT | _PAGE_USER | _PAGE_RW);
    assert_int_equal(NPT_TYPE(e), 0);
    assert_true(NPT_MFN(e) > 0 && NPT_MFN(e) < ARENA_PAGES);
}

static void test_type_names(void **state)
{
    assert_string_equal(p2m_type_name(p2m_invalid), "invalid");
    assert_string_equal(p2m_type_name(p2m_ram_rw), "ram_rw");
    assert_string_equal(p2m_type_name(p2m_mmio_dm), "mmio_dm");
    assert_string_equal(p2m_type_name(p2m_map_foreign), "foreign");
    assert_string_equal(p2m_type_name(p2m_nr_types), "?");
}

/* ---- splitting ---- */

/* Checks every page of a 1 GiB range at base mapped to mfn base_mfn, rw, except
 * hole (mapped to hole_mfn, hole_type, hole_order); pages of the 2 MiB block
 * around the hole must have become 4K leaves when hole_order is 0. */
static void check_split_gb(unsigned long base, unsigned long base_mfn,
                           unsigned long hole, unsigned int hole_order,
                           unsigned long hole_mfn, p2m_type_t hole_type)
{
    unsigned long i, hole_end = hole + (1UL << hole_order);

    for ( i = base; i < base + GB_PAGES; i++ )
    {
        if ( i >= hole && i < hole_end )
        {
            if ( hole_type == p2m_invalid )
                expect_none(i);
            else
                expect(i, hole_mfn + (i - hole), hole_type, hole_order);
        }
        else if ( hole_order == 0 && (i >> 9) == (hole >> 9) )
            expect(i, base_mfn + (i - base), p2m_ram_rw, 0);
        else
            expect(i, base_mfn + (i - base), p2m_ram_rw, 9);
    }
}

static void test_split_1g_by_4k(void **state)
{
    assert_int_equal(p2m_set_entry(&p2m, 0x80000, 0x300000, 18, p2m_ram_rw), 0);
    assert_int_equal(p2m.nr_table_pages, 2);
    assert_int_equal(p2m_set_entry(&p2m, 0x80401, 0x999, 0, p2m_ram_ro), 0);
    assert_int_equal(p2m.nr_table_pages, 4);
    assert_int_equal(tables_in_use(), 4);
    check_split_gb(0x80000, 0x300000, 0x80401, 0, 0x999, p2m_ram_ro);
    expect_none(0x7ffff);
    expect_none(0xc0000);
    assert_int_equal(p2m.nr_entries[p2m_ram_rw], GB_PAGES - 1);
    assert_int_equal(p2m.nr_entries[p2m_ram_ro], 1);
    assert_int_equal(audit(), 0);
}

static void test_split_1g_by_2m(void **state)
{
    assert_int_equal(p2m_set_entry(&p2m, 0x0, 0x300000, 18, p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x3fe00, 0x7200, 9, p2m_mmio_direct), 0);
    assert_int_equal(p2m.nr_table_pages, 3);
    check_split_gb(0, 0x300000, 0x3fe00, 9, 0x7200, p2m_mmio_direct);
    assert_int_equal(p2m.nr_entries[p2m_ram_rw], GB_PAGES - MB2_PAGES);
    assert_int_equal(p2m.nr_entries[p2m_mmio_direct], MB2_PAGES);
    assert_int_equal(audit(), 0);
}

static void test_split_2m_by_4k(void **state)
{
    unsigned long i;

    assert_int_equal(p2m_set_entry(&p2m, 0x600, 0xa00, 9, p2m_grant_map_rw), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x7ff, 0x5, 0, p2m_map_foreign), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x600, 0x6, 0, p2m_ram_rw), 0);
    for ( i = 0x601; i < 0x7ff; i++ )
        expect(i, 0xa00 + (i - 0x600), p2m_grant_map_rw, 0);
    expect(0x600, 0x6, p2m_ram_rw, 0);
    expect(0x7ff, 0x5, p2m_map_foreign, 0);
    expect_none(0x5ff);
    expect_none(0x800);
    assert_int_equal(p2m.nr_entries[p2m_grant_map_rw], 510);
    assert_int_equal(p2m.nr_entries[p2m_ram_rw], 1);
    assert_int_equal(p2m.nr_entries[p2m_map_foreign], 1);
    assert_int_equal(p2m.nr_table_pages, 4);
    assert_int_equal(audit(), 0);
}

/* An emulated-MMIO superpage splits into emulated-MMIO pages. */
static void test_split_mmio_dm(void **state)
{
    unsigned long i;

    assert_int_equal(p2m_set_entry(&p2m, 0xfee00, INVALID_MFN, 9, p2m_mmio_dm), 0);
    expect(0xfee10, INVALID_MFN, p2m_mmio_dm, 9);
    assert_int_equal(p2m.nr_entries[p2m_mmio_dm], 512);
    assert_int_equal(p2m_set_entry(&p2m, 0xfef00, 0x1000, 0, p2m_ram_rw), 0);
    for ( i = 0xfee00; i < 0xff000; i++ )
        if ( i != 0xfef00 )
            expect(i, INVALID_MFN, p2m_mmio_dm, 0);
    expect(0xfef00, 0x1000, p2m_ram_rw, 0);
    assert_int_equal(NPT_TYPE(*raw_entry(0xfee00, 1)), p2m_mmio_dm);
    assert_int_equal(*raw_entry(0xfee00, 1) & _PAGE_PRESENT, 0);
    assert_int_equal(p2m.nr_entries[p2m_mmio_dm], 511);
    assert_int_equal(p2m.nr_entries[p2m_ram_rw], 1);
    assert_int_equal(audit(), 0);
}

/* A superpage over smaller mappings frees the tables underneath. */
static void test_superpage_over_tables(void **state)
{
    unsigned long i;

    for ( i = 0; i < 8; i++ )
        assert_int_equal(p2m_set_entry(&p2m, 0x40000 + i * 0x200 + i, 0x10 + i, 0,
                                       p2m_ram_rw), 0);
    /* Root, L3, L2 and one L1 per 2 MiB block. */
    assert_int_equal(p2m.nr_table_pages, 3 + 8);
    assert_int_equal(p2m_set_entry(&p2m, 0x40000, 0x9000, 9, p2m_ram_ro), 0);
    assert_int_equal(p2m.nr_table_pages, 3 + 7);
    expect(0x40000, 0x9000, p2m_ram_ro, 9);
    expect(0x40201, 0x11, p2m_ram_rw, 0);
    assert_int_equal(p2m.nr_entries[p2m_ram_rw], 7);
    assert_int_equal(p2m.nr_entries[p2m_ram_ro], 512);

    assert_int_equal(p2m_set_entry(&p2m, 0x40000, 0x80000, 18, p2m_mmio_direct), 0);
    assert_int_equal(p2m.nr_table_pages, 2);
    assert_int_equal(tables_in_use(), 2);
    expect(0x40201, 0x80201, p2m_mmio_direct, 18);
    assert_int_equal(p2m.nr_entries[p2m_ram_rw], 0);
    assert_int_equal(p2m.nr_entries[p2m_ram_ro], 0);
    assert_int_equal(p2m.nr_entries[p2m_mmio_direct], GB_PAGES);
    assert_int_equal(audit(), 0);
}

static void test_overwrite_same_level(void **state)
{
    assert_int_equal(p2m_set_entry(&p2m, 0x10, 0x20, 0, p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x10, 0x30, 0, p2m_grant_map_ro), 0);
    expect(0x10, 0x30, p2m_grant_map_ro, 0);
    assert_int_equal(p2m.nr_entries[p2m_ram_rw], 0);
    assert_int_equal(p2m.nr_entries[p2m_grant_map_ro], 1);
    assert_int_equal(p2m_set_entry(&p2m, 0x200, 0x400, 9, p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x200, 0x600, 9, p2m_ram_rw), 0);
    expect(0x3ff, 0x7ff, p2m_ram_rw, 9);
    assert_int_equal(p2m.nr_entries[p2m_ram_rw], 512);
    assert_int_equal(audit(), 0);
}

/* ---- removal ---- */

static void test_remove(void **state)
{
    unsigned long i;

    assert_int_equal(p2m_set_entry(&p2m, 0x200, 0x400, 9, p2m_ram_rw), 0);
    assert_int_equal(p2m_remove_entry(&p2m, 0x2ff, 0), 0);
    expect_none(0x2ff);
    for ( i = 0x200; i < 0x400; i++ )
        if ( i != 0x2ff )
            expect(i, 0x400 + (i - 0x200), p2m_ram_rw, 0);
    assert_int_equal(p2m.nr_entries[p2m_ram_rw], 511);

    /* Removing the whole 2 MiB frees its L1 table. */
    assert_int_equal(p2m.nr_table_pages, 4);
    assert_int_equal(p2m_remove_entry(&p2m, 0x200, 9), 0);
    assert_int_equal(p2m.nr_table_pages, 3);
    for ( i = 0x200; i < 0x400; i += 0x55 )
        expect_none(i);
    assert_int_equal(p2m.nr_entries[p2m_ram_rw], 0);

    /* Removing nothing is fine and changes nothing. */
    assert_int_equal(p2m_remove_entry(&p2m, 0x12345, 0), 0);
    assert_int_equal(p2m_remove_entry(&p2m, 0x1c0000, 18), 0);
    expect_none(0x12345);

    /* A 1 GiB leaf, split and then removed whole. */
    assert_int_equal(p2m_set_entry(&p2m, 0x40000, 0x40000, 18, p2m_ram_ro), 0);
    assert_int_equal(p2m_remove_entry(&p2m, 0x40200, 9), 0);
    expect_none(0x40200);
    expect(0x40400, 0x40400, p2m_ram_ro, 9);
    expect(0x401ff, 0x401ff, p2m_ram_ro, 9);
    assert_int_equal(p2m.nr_entries[p2m_ram_ro], GB_PAGES - MB2_PAGES);
    assert_int_equal(p2m_remove_entry(&p2m, 0x40000, 18), 0);
    expect_none(0x40400);
    assert_int_equal(p2m.nr_entries[p2m_ram_ro], 0);
    assert_int_equal(audit(), 0);
}

/* Setting type p2m_invalid is a removal. */
static void test_set_invalid_removes(void **state)
{
    assert_int_equal(p2m_set_entry(&p2m, 0x77, 0x88, 0, p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x77, 0x88, 0, p2m_invalid), 0);
    expect_none(0x77);
    assert_int_equal(*raw_entry(0x77, 1), 0);
    assert_int_equal(p2m.nr_entries[p2m_ram_rw], 0);
}

/* ---- argument checks ---- */

static void test_einval(void **state)
{
    unsigned long before;

    assert_int_equal(p2m_set_entry(&p2m, 0x200, 0x400, 9, p2m_ram_rw), 0);
    before = p2m.nr_table_pages;
    /* Misaligned gfn or mfn for the order. */
    assert_int_equal(p2m_set_entry(&p2m, 0x201, 0x400, 9, p2m_ram_rw), -EINVAL);
    assert_int_equal(p2m_set_entry(&p2m, 0x200, 0x401, 9, p2m_ram_rw), -EINVAL);
    assert_int_equal(p2m_set_entry(&p2m, 0x40200, 0x40000, 18, p2m_ram_rw), -EINVAL);
    assert_int_equal(p2m_set_entry(&p2m, 0x40000, 0x40200, 18, p2m_ram_rw), -EINVAL);
    assert_int_equal(p2m_remove_entry(&p2m, 0x201, 9), -EINVAL);
    /* Orders other than 0, 9 and 18. */
    assert_int_equal(p2m_set_entry(&p2m, 0, 0, 1, p2m_ram_rw), -EINVAL);
    assert_int_equal(p2m_set_entry(&p2m, 0, 0, 10, p2m_ram_rw), -EINVAL);
    assert_int_equal(p2m_set_entry(&p2m, 0, 0, 27, p2m_ram_rw), -EINVAL);
    /* Beyond the 36-bit gfn space the four levels cover. */
    assert_int_equal(p2m_set_entry(&p2m, 1UL << 36, 0, 0, p2m_ram_rw), -EINVAL);
    assert_int_equal(p2m_set_entry(&p2m, 1UL << 40, 0, 18, p2m_ram_rw), -EINVAL);
    assert_int_equal(p2m_set_entry(&p2m, ~0UL << 18, 0, 18, p2m_ram_rw), -EINVAL);
    /* A type that does not exist. */
    assert_int_equal(p2m_set_entry(&p2m, 0, 0, 0, p2m_nr_types), -EINVAL);
    assert_int_equal(p2m_set_entry(&p2m, 0, 0, 0, (p2m_type_t)100), -EINVAL);

    assert_int_equal(p2m.nr_table_pages, before);
    expect(0x200, 0x400, p2m_ram_rw, 9);
    expect_none(0x40000);
    expect_none(0);

    /* The very top of the gfn space is fine. */
    assert_int_equal(p2m_set_entry(&p2m, (1UL << 36) - 1, 0x5, 0, p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&p2m, (1UL << 36) - GB_PAGES, 0, 18, p2m_ram_ro),
                     0);
    expect((1UL << 36) - 1, 0x3ffff, p2m_ram_ro, 18);
    expect_none(1UL << 36);
    assert_int_equal(audit(), 0);
}

/* mfns that do not fit the 40-bit frame field of an NPT entry would spill into
 * the type bits: they must be refused, not stored. */
static void test_mfn_too_wide(void **state)
{
    assert_int_equal(p2m_set_entry(&p2m, 0x10, 1UL << 40, 0, p2m_ram_ro), -EINVAL);
    assert_int_equal(p2m_set_entry(&p2m, 0x10, INVALID_MFN, 0, p2m_ram_rw), -EINVAL);
    expect_none(0x10);
    assert_int_equal(p2m_set_entry(&p2m, 0x10, (1UL << 40) - 1, 0, p2m_ram_ro), 0);
    expect(0x10, (1UL << 40) - 1, p2m_ram_ro, 0);
}

/* ---- walking ---- */

struct leaf {
    unsigned long gfn, mfn;
    unsigned int order;
    p2m_type_t t;
};

struct leaves {
    struct leaf v[8];
    unsigned int n, stop_after;
};

static int collect(void *ctx, unsigned long gfn, unsigned long mfn,
                   unsigned int order, p2m_type_t t)
{
    struct leaves *l = ctx;

    if ( l->n < 8 )
        l->v[l->n] = (struct leaf){ gfn, mfn, order, t };
    l->n++;
    return l->n == l->stop_after ? 42 : 0;
}

static void test_for_each_leaf(void **state)
{
    struct leaves l = { .stop_after = 0 };

    assert_int_equal(p2m_set_entry(&p2m, 0x80000, 0x100000, 18, p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x600, 0x800, 9, p2m_ram_ro), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x5, 0x7, 0, p2m_mmio_direct), 0);
    assert_int_equal(p2m_set_entry(&p2m, (1UL << 35) | 3, 0x9, 0, p2m_map_foreign), 0);
    assert_int_equal(p2m_for_each_leaf(&p2m, collect, &l), 0);
    assert_int_equal(l.n, 4);
    /* In gfn order. */
    assert_int_equal(l.v[0].gfn, 0x5);
    assert_int_equal(l.v[0].mfn, 0x7);
    assert_int_equal(l.v[0].order, 0);
    assert_int_equal(l.v[0].t, p2m_mmio_direct);
    assert_int_equal(l.v[1].gfn, 0x600);
    assert_int_equal(l.v[1].mfn, 0x800);
    assert_int_equal(l.v[1].order, 9);
    assert_int_equal(l.v[1].t, p2m_ram_ro);
    assert_int_equal(l.v[2].gfn, 0x80000);
    assert_int_equal(l.v[2].mfn, 0x100000);
    assert_int_equal(l.v[2].order, 18);
    assert_int_equal(l.v[3].gfn, (1UL << 35) | 3);
    assert_int_equal(l.v[3].t, p2m_map_foreign);

    /* Stopping early hands the callback's value back. */
    l.n = 0;
    l.stop_after = 2;
    assert_int_equal(p2m_for_each_leaf(&p2m, collect, &l), 42);
    assert_int_equal(l.n, 2);
}

static void test_audit_detects_mismatch(void **state)
{
    assert_int_equal(p2m_set_entry(&p2m, 0x600, 0x800, 9, p2m_ram_ro), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x5, 0x7, 0, p2m_ram_rw), 0);
    assert_int_equal(audit(), 0);
    p2m.nr_entries[p2m_ram_ro]++;
    p2m.nr_entries[p2m_grant_map_ro] = 3;
    assert_int_equal(audit(), 2);
    assert_non_null(strstr(unit_printk_captured(), "MISMATCH"));
    p2m.nr_entries[p2m_ram_ro]--;
    p2m.nr_entries[p2m_grant_map_ro] = 0;
    assert_int_equal(audit(), 0);
}

/* ---- memory ---- */

static void test_teardown_frees_everything(void **state)
{
    unsigned long i;
    unsigned int t;

    for ( i = 0; i < 64; i++ )
        assert_int_equal(p2m_set_entry(&p2m, i * 0x10201, i, 0, p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x800000, 0, 18, p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x800200, 0, 9, p2m_ram_ro), 0);
    assert_true(p2m.nr_table_pages > 64);
    assert_int_equal(tables_in_use(), p2m.nr_table_pages);
    p2m_teardown(&p2m);
    assert_int_equal(avail_heap_pages(), baseline);
    assert_int_equal(p2m.nr_table_pages, 0);
    assert_int_equal(p2m.root, 0);
    for ( t = 0; t < p2m_nr_types; t++ )
        assert_int_equal(p2m.nr_entries[t], 0);
    /* A second teardown is harmless. */
    p2m_teardown(&p2m);
    assert_int_equal(avail_heap_pages(), baseline);
}


/* Takes every free heap page. */
static void exhaust(struct hog *h)
{
    int order;

    h->n = 0;
    for ( order = MAX_ORDER; order >= 0; order-- )
    {
        void *p;

        while ( (p = alloc_xenheap_pages(order, 0)) != NULL )
        {
            assert_true(h->n < 64);
            h->p[h->n] = p;
            h->order[h->n++] = order;
        }
    }
    assert_int_equal(avail_heap_pages(), 0);
}

static void test_enomem(void **state)
{
    unsigned long tables;

    assert_int_equal(p2m_set_entry(&p2m, 0x40000, 0x40000, 18, p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x600, 0x1600, 9, p2m_ram_ro), 0);
    tables = p2m.nr_table_pages;
    exhaust(&hog);

    /* Needs a new L3 table. */
    assert_int_equal(p2m_set_entry(&p2m, 1UL << 30, 1, 0, p2m_ram_rw), -ENOMEM);
    /* Needs to split the 1 GiB leaf. */
    assert_int_equal(p2m_set_entry(&p2m, 0x40200, 0x200, 9, p2m_ram_ro), -ENOMEM);
    /* Needs to split the 2 MiB leaf. */
    assert_int_equal(p2m_set_entry(&p2m, 0x601, 0x5, 0, p2m_ram_rw), -ENOMEM);
    assert_int_equal(p2m_remove_entry(&p2m, 0x601, 0), -ENOMEM);
    /* Needs nothing: replacing a leaf at its own level. */
    assert_int_equal(p2m_set_entry(&p2m, 0x600, 0x1800, 9, p2m_ram_rw), 0);

    assert_int_equal(p2m.nr_table_pages, tables);
    expect(0x40200, 0x40200, p2m_ram_rw, 18);
    expect(0x7ffff, 0x7ffff, p2m_ram_rw, 18);
    expect(0x601, 0x1801, p2m_ram_rw, 9);
    expect_none(1UL << 30);
    assert_int_equal(p2m.nr_entries[p2m_ram_rw], GB_PAGES + MB2_PAGES);
    assert_int_equal(p2m.nr_entries[p2m_ram_ro], 0);
    assert_int_equal(audit(), 0);

    /* A new p2m cannot even get its root. */
    {
        struct p2m_domain other;

        assert_int_equal(p2m_init(&other, &p2m_format_npt), -ENOMEM);
        assert_int_equal(other.root, 0);
    }

    release(&hog);
    assert_int_equal(p2m_set_entry(&p2m, 0x601, 0x5, 0, p2m_ram_ro), 0);
    expect(0x601, 0x5, p2m_ram_ro, 0);
    expect(0x602, 0x1802, p2m_ram_rw, 0);
    assert_int_equal(audit(), 0);
}

/* Exhaustion part way down a walk: tables made before the failure stay
 * attached (and are freed by teardown), nothing is half-mapped. */
static void test_enomem_mid_walk(void **state)
{
    void *spare = alloc_xenheap_pages(0, 0);

    assert_non_null(spare);
    exhaust(&hog);
    /* Give back exactly one page: the L3 table fits, the L2 does not. */
    free_xenheap_pages(spare, 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x12345, 0x1, 0, p2m_ram_rw), -ENOMEM);
    expect_none(0x12345);
    assert_int_equal(p2m.nr_table_pages, 2);
    assert_int_equal(p2m.nr_entries[p2m_ram_rw], 0);
    release(&hog);
    assert_int_equal(p2m_set_entry(&p2m, 0x12345, 0x1, 0, p2m_ram_rw), 0);
    expect(0x12345, 0x1, p2m_ram_rw, 0);
    assert_int_equal(p2m.nr_table_pages, 4);
}

/* ---- random operations against a model ---- */

#define MODEL_GFNS      (1UL << 19)     /* 2 GiB: two 1 GiB slots */

static unsigned long model_mfn[MODEL_GFNS];
static unsigned char model_type[MODEL_GFNS];

static void model_set(unsigned long gfn, unsigned long mfn, unsigned int order,
                      p2m_type_t t)
{
    unsigned long i;

    for ( i = 0; i < (1UL << order); i++ )
    {
        bool none = t == p2m_invalid || t == p2m_mmio_dm;

        model_type[gfn + i] = t;
        model_mfn[gfn + i] = none ? INVALID_MFN : mfn + i;
    }
}

static void model_check_range(unsigned long s, unsigned long e)
{
    for ( ; s < e; s++ )
    {
        p2m_type_t t;
        unsigned long m = p2m_lookup(&p2m, s, &t, NULL);

        if ( m != model_mfn[s] || t != model_type[s] )
            fail_msg("gfn %#lx: p2m has mfn %#lx type %d, model %#lx %d",
                     s, m, t, model_mfn[s], model_type[s]);
    }
}

static void model_check_counts(void)
{
    unsigned long want[p2m_nr_types] = { 0 };
    unsigned long i;
    unsigned int t;

    for ( i = 0; i < MODEL_GFNS; i++ )
        want[model_type[i]]++;
    for ( t = 1; t < p2m_nr_types; t++ )
        if ( p2m.nr_entries[t] != want[t] )
            fail_msg("type %u: counter %lu, model %lu", t, p2m.nr_entries[t], want[t]);
    assert_int_equal(audit(), 0);
    assert_int_equal(tables_in_use(), p2m.nr_table_pages);
}

static void check_around(unsigned long gfn)
{
    model_check_range(gfn >= 600 ? gfn - 600 : 0,
                      gfn + 600 < MODEL_GFNS ? gfn + 600 : MODEL_GFNS);
}

static void random_op(void)
{
    static const unsigned int orders[] = { 0, 0, 0, 0, 0, 0, 9, 9, 9, 18 };
    unsigned int order = orders[rand() % 10];
    unsigned long gfn = ((unsigned long)rand() % MODEL_GFNS) & ~((1UL << order) - 1);
    unsigned long mfn = ((unsigned long)rand() % 4096) << order;
    p2m_type_t t = (p2m_type_t)(rand() % p2m_nr_types);

    if ( t == p2m_mmio_dm && rand() % 2 )
        mfn = INVALID_MFN;
    if ( t == p2m_invalid )
        assert_int_equal(p2m_remove_entry(&p2m, gfn, order), 0);
    else
        assert_int_equal(p2m_set_entry(&p2m, gfn, mfn, order, t), 0);
    model_set(gfn, mfn, order, t);
    /* Both edges of the change, every time. */
    check_around(gfn);
    check_around(gfn + (1UL << order));
}

static void test_random_vs_model(void **state)
{
    unsigned int i;

    memset(model_type, p2m_invalid, sizeof(model_type));
    memset(model_mfn, 0xff, sizeof(model_mfn));
    srand(0x9e3779b9);
    for ( i = 1; i <= 20000; i++ )
    {
        random_op();
        if ( i % 2000 == 0 )
        {
            model_check_range(0, MODEL_GFNS);
            model_check_counts();
        }
    }
    model_check_range(0, MODEL_GFNS);
    model_check_counts();
    /* Every gfn beyond the modelled range stayed empty. */
    expect_none(MODEL_GFNS);
    expect_none(MODEL_GFNS + 12345);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, p2m_setup, p2m_cleanup)
    const struct CMUnitTest tests[] = {
        T(test_empty),
        T(test_each_type_and_order),
        T(test_superpage_offsets),
        T(test_npt_bits),
        T(test_type_names),
        T(test_split_1g_by_4k),
        T(test_split_1g_by_2m),
        T(test_split_2m_by_4k),
        T(test_split_mmio_dm),
        T(test_superpage_over_tables),
        T(test_overwrite_same_level),
        T(test_remove),
        T(test_set_invalid_removes),
        T(test_einval),
        T(test_mfn_too_wide),
        T(test_for_each_leaf),
        T(test_audit_detects_mismatch),
        T(test_teardown_frees_everything),
        T(test_enomem),
        T(test_enomem_mid_walk),
        T(test_random_vs_model),
    };
#undef T

    return cmocka_run_group_tests(tests, heap_setup, NULL);
}
