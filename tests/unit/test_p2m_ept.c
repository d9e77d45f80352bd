/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tests of the Intel EPT entry format (xen/arch/x86/mm/p2m-ept.c), through
 * the same p2m walker as NPT: the raw bits of leaves and tables at each level,
 * the format ops on their own, the EPT pointer, splits of superpages, and a
 * random sequence of operations checked against a flat model. */
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
#define EPT_R           0x1UL
#define EPT_W           0x2UL
#define EPT_X           0x4UL
#define EPT_RWX         0x7UL
#define EPT_MT(e)       (((e) >> 3) & 7)
#define EPT_IPAT        (1UL << 6)
#define EPT_LARGE       (1UL << 7)
#define EPT_TYPE(e)     (((e) >> 52) & 0xf)
#define EPT_MFN(e)      (((e) & 0x000ffffffffff000UL) >> 12)
#define MT_UC           0
#define MT_WB           6

static struct p2m_domain p2m;
static unsigned long baseline;

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
    return p2m_init(&p2m, &p2m_format_ept);
}

/* Fails the test that leaked table pages or left counters behind. */
static int p2m_cleanup(void **state)
{
    unsigned int t;

    p2m_teardown(&p2m);
    if ( avail_heap_pages() != baseline || p2m.nr_table_pages )
        return -1;
    for ( t = 0; t < p2m_nr_types; t++ )
        if ( p2m.nr_entries[t] )
            return -1;
    return 0;
}

/* The raw entry for gfn at level (1 = 4K leaf), walking by EPT rules. */
static uint64_t *raw_entry(unsigned long gfn, unsigned int level)
{
    uint64_t *table = (uint64_t *)(unit_directmap_base + p2m.root);
    unsigned int l;

    for ( l = 4; ; l-- )
    {
        uint64_t *e = &table[(gfn >> (9 * (l - 1))) & 511];

        if ( l == level )
            return e;
        if ( !(*e & EPT_RWX) || (*e & EPT_LARGE) )
            return NULL;
        table = (uint64_t *)(unit_directmap_base + (EPT_MFN(*e) << 12));
    }
}

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

static unsigned int audit(void)
{
    unsigned int bad;

    unit_printk_capture_start();
    bad = p2m_audit(&p2m, "ept");
    unit_printk_capture_stop();
    return bad;
}

/* ---- raw bits ---- */

static void test_leaf_bits(void **state)
{
    uint64_t e;

    assert_int_equal(p2m_set_entry(&p2m, 0x1234, 0xabcd, 0, p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x1235, 0xabce, 0, p2m_ram_ro), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x1236, 0xfee00, 0, p2m_mmio_direct), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x1237, INVALID_MFN, 0, p2m_mmio_dm), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x1238, 0xabcf, 0, p2m_grant_map_ro), 0);

    e = *raw_entry(0x1234, 1);
    assert_int_equal(e & EPT_RWX, EPT_RWX);
    assert_int_equal(EPT_MT(e), MT_WB);
    assert_int_equal(e & (EPT_IPAT | EPT_LARGE), 0);
    assert_int_equal(EPT_MFN(e), 0xabcd);
    assert_int_equal(EPT_TYPE(e), p2m_ram_rw);

    /* Read-only RAM: readable and executable, never writable. */
    e = *raw_entry(0x1235, 1);
    assert_int_equal(e & EPT_RWX, EPT_R | EPT_X);
    assert_int_equal(EPT_MT(e), MT_WB);
    assert_int_equal(EPT_TYPE(e), p2m_ram_ro);
    e = *raw_entry(0x1238, 1);
    assert_int_equal(e & EPT_W, 0);
    assert_int_equal(EPT_TYPE(e), p2m_grant_map_ro);

    /* Device memory: uncached, the guest's PAT ignored. */
    e = *raw_entry(0x1236, 1);
    assert_int_equal(e & EPT_RWX, EPT_RWX);
    assert_int_equal(EPT_MT(e), MT_UC);
    assert_true(e & EPT_IPAT);
    assert_int_equal(EPT_MFN(e), 0xfee00);

    /* Emulated MMIO: no access bits (every access exits), type kept. */
    e = *raw_entry(0x1237, 1);
    assert_int_equal(e & EPT_RWX, 0);
    assert_int_equal(EPT_TYPE(e), p2m_mmio_dm);
    expect(0x1237, INVALID_MFN, p2m_mmio_dm, 0);

    /* Tables: all access, no memory type, no large bit, untyped. */
    e = *raw_entry(0x1234, 2);
    assert_int_equal(e & 0xff, EPT_RWX);
    assert_int_equal(EPT_TYPE(e), 0);
    assert_true(EPT_MFN(e) > 0 && EPT_MFN(e) < ARENA_PAGES);
}

static void test_superpage_bits(void **state)
{
    uint64_t e;

    assert_int_equal(p2m_set_entry(&p2m, 0x1400, 0x3400, 9, p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x40000, 0x80000, 18, p2m_ram_ro), 0);
    e = *raw_entry(0x1400, 2);
    assert_int_equal(e & (EPT_RWX | EPT_LARGE), EPT_RWX | EPT_LARGE);
    assert_int_equal(EPT_MT(e), MT_WB);
    assert_int_equal(EPT_MFN(e), 0x3400);
    e = *raw_entry(0x40000, 3);
    assert_int_equal(e & (EPT_RWX | EPT_LARGE), EPT_R | EPT_X | EPT_LARGE);
    assert_int_equal(EPT_MFN(e), 0x80000);
    expect(0x40000 + 0x2345, 0x80000 + 0x2345, p2m_ram_ro, 18);
    /* The root level never holds a leaf: EPT has no 512 GiB pages. */
    assert_int_equal(*raw_entry(0x40000, 4) & EPT_LARGE, 0);
}

/* Splitting a 1 GiB leaf keeps the rest mapped with the same bits. */
static void test_split(void **state)
{
    uint64_t e;

    assert_int_equal(p2m_set_entry(&p2m, 0, 0x40000, 18, p2m_mmio_direct), 0);
    assert_int_equal(p2m_set_entry(&p2m, 0x201, 0x7, 0, p2m_ram_rw), 0);
    expect(0x200, 0x40200, p2m_mmio_direct, 0);
    expect(0x201, 0x7, p2m_ram_rw, 0);
    expect(0x400, 0x40400, p2m_mmio_direct, 9);
    e = *raw_entry(0x400, 2);
    assert_int_equal(e & (EPT_LARGE | EPT_IPAT), EPT_LARGE | EPT_IPAT);
    assert_int_equal(EPT_MT(e), MT_UC);
    e = *raw_entry(0x200, 1);
    assert_int_equal(e & EPT_LARGE, 0);
    assert_int_equal(EPT_MFN(e), 0x40200);
    assert_int_equal(audit(), 0);
}

/* ---- the ops on their own ---- */

static void test_ops(void **state)
{
    const struct p2m_format *f = &p2m_format_ept;
    uint64_t dm = f->leaf(0, p2m_mmio_dm, 2);

    assert_string_equal(f->name, "EPT");
    assert_int_equal(f->leaf(0x1234, p2m_invalid, 1), 0);
    assert_int_equal(f->leaf(0x1234, p2m_nr_types, 1), 0);
    assert_int_equal(f->leaf(0x1234, (p2m_type_t)15, 1), 0);
    assert_false(f->present(0));
    assert_false(f->present(dm));
    assert_true(f->is_leaf(dm, 2));            /* typed though not present */
    assert_false(f->is_leaf(0, 2));
    assert_true(f->is_leaf(0, 1));
    assert_false(f->is_leaf(f->table(0x5000), 3));
    assert_true(f->is_leaf(f->leaf(0x200, p2m_ram_rw, 2), 2));
    assert_int_equal(f->mfn(f->table(0x5000)), 5);
    assert_int_equal(f->type(f->table(0x5000)), p2m_invalid);
    /* Addresses past 52 bits do not leak into the type or the ignored bits. */
    assert_int_equal(f->type(f->leaf(~0UL >> 12, p2m_ram_rw, 1)), p2m_ram_rw);
    assert_int_equal(f->mfn(f->leaf(0xffffffffffUL, p2m_ram_rw, 1)), 0xffffffffffUL);
}

static void test_eptp(void **state)
{
    uint64_t eptp = p2m_ept_pointer(0x123456000UL);

    assert_int_equal(eptp & 7, MT_WB);             /* tables cached write-back */
    assert_int_equal((eptp >> 3) & 7, 3);          /* walk length 4, minus one */
    assert_int_equal(eptp & (1UL << 6), 0);        /* no accessed/dirty flags */
    assert_int_equal(eptp & ~0xfffUL, 0x123456000UL);
    assert_int_equal(p2m_ept_pointer(0x123456fffUL) & ~0xfffUL, 0x123456000UL);
}

/* ---- random operations against a model ---- */

#define MODEL_GFNS      (1UL << 19)

static unsigned long model_mfn[MODEL_GFNS];
static unsigned char model_type[MODEL_GFNS];

static void model_set(unsigned long gfn, unsigned long mfn, unsigned int order,
                      p2m_type_t t)
{
    unsigned long i;
    bool none = t == p2m_invalid || t == p2m_mmio_dm;

    for ( i = 0; i < (1UL << order); i++ )
    {
        model_type[gfn + i] = t;
        model_mfn[gfn + i] = none ? INVALID_MFN : mfn + i;
    }
}

static void model_check(unsigned long s, unsigned long e)
{
    for ( ; s < e && s < MODEL_GFNS; s++ )
    {
        p2m_type_t t;
        unsigned long m = p2m_lookup(&p2m, s, &t, NULL);

        if ( m != model_mfn[s] || t != model_type[s] )
            fail_msg("gfn %#lx: p2m has mfn %#lx type %d, model %#lx %d",
                     s, m, t, model_mfn[s], model_type[s]);
    }
}

static void test_random_vs_model(void **state)
{
    static const unsigned int orders[] = { 0, 0, 0, 0, 9, 9, 18 };
    unsigned int i;

    memset(model_type, p2m_invalid, sizeof(model_type));
    memset(model_mfn, 0xff, sizeof(model_mfn));
    srand(0x5eed);
    for ( i = 0; i < 5000; i++ )
    {
        unsigned int order = orders[rand() % 7];
        unsigned long gfn = ((unsigned long)rand() % MODEL_GFNS) & ~((1UL << order) - 1);
        unsigned long mfn = ((unsigned long)rand() % 4096) << order;
        p2m_type_t t = (p2m_type_t)(rand() % p2m_nr_types);

        assert_int_equal(p2m_set_entry(&p2m, gfn, mfn, order, t), 0);
        model_set(gfn, mfn, order, t);
        model_check(gfn >= 300 ? gfn - 300 : 0, gfn + (1UL << order) + 300);
    }
    model_check(0, MODEL_GFNS);
    assert_int_equal(audit(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_leaf_bits, p2m_setup, p2m_cleanup),
        cmocka_unit_test_setup_teardown(test_superpage_bits, p2m_setup, p2m_cleanup),
        cmocka_unit_test_setup_teardown(test_split, p2m_setup, p2m_cleanup),
        cmocka_unit_test(test_ops),
        cmocka_unit_test(test_eptp),
        cmocka_unit_test_setup_teardown(test_random_vs_model, p2m_setup, p2m_cleanup),
    };

    return cmocka_run_group_tests(tests, heap_setup, NULL);
}
