/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tests of the boot allocator and buddy heap (xen/common/page_alloc.c) on
 * a pretend 64 MiB machine whose memory map has holes and reserved ranges.
 * The boot group builds the heap once; every heap test must leave it exactly
 * as it found it (the maximal aligned chunks), which is itself checked. */
/* The xen/ headers go first: glibc tolerates their __always_inline, not the
 * other way round. */
#include <xen/mm.h>

#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#define ARENA_PAGES     16384UL                 /* 64 MiB of "RAM" */
#define MIB(x)          ((paddr_t)(x) << 20)
#define DOM             ((struct domain *)0x1234)

enum kind { K_HEAP, K_XEN, K_DOM };

struct chunk
{
    unsigned long mfn;
    unsigned int order;
};

static bool in_heap[ARENA_PAGES];               /* model: pages the heap owns */
static unsigned int live_id[ARENA_PAGES];       /* allocation holding a page */
static struct chunk pristine[ARENA_PAGES];
static unsigned int nr_pristine;
static unsigned long pristine_free;

/* ---- helpers ---- */

static void model_range(unsigned long s, unsigned long e, bool v)
{
    for ( ; s < e; s++ )
        in_heap[s] = v;
}

static unsigned int collect_heads(struct chunk *out)
{
    unsigned int n = 0;
    unsigned long mfn;

    for ( mfn = 0; mfn < max_page; mfn++ )
    {
        struct page_info *pg = mfn_to_page(mfn);

        if ( page_state_is(pg, free) && (pg->count_info & PGC_head) )
            out[n++] = (struct chunk){ .mfn = mfn, .order = pg->order };
    }
    return n;
}

static void check_chunk_tail(unsigned long mfn, unsigned int order)
{
    unsigned long i;

    assert_true(order <= MAX_ORDER);
    assert_int_equal(mfn & ((1UL << order) - 1), 0);
    assert_true(mfn + (1UL << order) <= max_page);
    for ( i = 0; i < (1UL << order); i++ )
    {
        struct page_info *pg = mfn_to_page(mfn + i);

        assert_true(in_heap[mfn + i]);
        assert_true(page_state_is(pg, free));
        if ( i )
            assert_false(pg->count_info & PGC_head);
    }
}

/* Free chunks tile exactly the free pages, are fully merged, and agree with
 * the counters the allocator keeps. */
static void check_heap(void)
{
    unsigned long per_order[MAX_ORDER + 1] = { 0 };
    unsigned long mfn = 0, nfree = 0;
    unsigned int o;

    while ( mfn < max_page )
    {
        struct page_info *pg = mfn_to_page(mfn);
        unsigned long buddy;

        if ( !page_state_is(pg, free) )
        {
            assert_false(pg->count_info & PGC_head);
            mfn++;
            continue;
        }
        assert_true(pg->count_info & PGC_head);
        o = pg->order;
        check_chunk_tail(mfn, o);
        buddy = mfn ^ (1UL << o);
        if ( o < MAX_ORDER && buddy < max_page )
        {
            struct page_info *b = mfn_to_page(buddy);

            assert_false(page_state_is(b, free) && (b->count_info & PGC_head) &&
                         b->order == o);
        }
        per_order[o]++;
        nfree += 1UL << o;
        mfn += 1UL << o;
    }
    assert_int_equal(nfree, avail_heap_pages());
    assert_int_equal(nfree, total_free_pages());
    for ( o = 0; o <= MAX_ORDER; o++ )
        assert_int_equal(per_order[o], heap_free_chunks(o));
}

static void assert_pristine(void)
{
    static struct chunk now[ARENA_PAGES];
    unsigned int n = collect_heads(now);

    check_heap();
    assert_int_equal(avail_heap_pages(), pristine_free);
    assert_int_equal(n, nr_pristine);
    assert_memory_equal(now, pristine, n * sizeof(now[0]));
}

static void track(struct page_info *pg, unsigned int order, unsigned int id)
{
    unsigned long mfn = page_to_mfn(pg), i;

    assert_int_equal(mfn & ((1UL << order) - 1), 0);
    for ( i = 0; i < (1UL << order); i++ )
    {
        assert_true(mfn + i < max_page && in_heap[mfn + i]);
        assert_true(page_state_is(&pg[i], inuse));
        assert_int_equal(live_id[mfn + i], 0);
        live_id[mfn + i] = id;
    }
}

static void untrack(struct page_info *pg, unsigned int order, unsigned int id)
{
    unsigned long mfn = page_to_mfn(pg), i;

    for ( i = 0; i < (1UL << order); i++ )
    {
        assert_int_equal(live_id[mfn + i], id);
        live_id[mfn + i] = 0;
    }
}

static bool page_is_zero(struct page_info *pg)
{
    static const char zero[PAGE_SIZE];

    return !memcmp(page_to_virt(pg), zero, PAGE_SIZE);
}

static unsigned int max_pristine_order(void)
{
    unsigned int i, m = 0;

    for ( i = 0; i < nr_pristine; i++ )
        m = pristine[i].order > m ? pristine[i].order : m;
    return m;
}

/* ---- boot allocator ---- */

/* RAM: [0x1123, 0x9f7ff), [1, 8) + [8, 16) MiB, [20, 64 MiB - 100), with
 * overlapping repeats; reserved: [0, 0x3000), [2 MiB, 3 MiB + 0x123) and
 * [40, 41) MiB. */
static void build_memory_map(void)
{
    init_boot_pages(0x1123, 0x9f7ff);
    init_boot_pages(MIB(1), MIB(8));
    init_boot_pages(MIB(20), MIB(64) - 100);
    init_boot_pages(MIB(8), MIB(16));
    init_boot_pages(MIB(30), MIB(40));
    init_boot_pages(MIB(12), MIB(13) + 0x10);
    reserve_boot_pages(MIB(2), MIB(3) + 0x123);
    reserve_boot_pages(MIB(40), MIB(41));
    reserve_boot_pages(0, 0x3000);

    model_range(0x3, 0x9f, true);
    model_range(0x100, 0x200, true);
    model_range(0x301, 0x1000, true);
    model_range(0x1400, 0x2800, true);
    model_range(0x2900, 0x3fff, true);
}

static void take_boot(unsigned long nr, unsigned long align,
                      unsigned long expect)
{
    unsigned long mfn = alloc_boot_pages(nr, align);
    unsigned long i;

    assert_int_equal(mfn, expect);
    assert_int_equal(mfn & (align - 1), 0);
    for ( i = 0; i < nr; i++ )
    {
        assert_true(in_heap[mfn + i]);      /* RAM, and not handed out twice */
        in_heap[mfn + i] = false;
    }
}

static void test_boot_allocator(void **state)
{
    unsigned long ft;

    unit_directmap_base = aligned_alloc(PAGE_SIZE, ARENA_PAGES * PAGE_SIZE);
    assert_non_null(unit_directmap_base);
    /* RAM is dirty at boot; the heap must scrub before handing pages out. */
    memset(unit_directmap_base, 0x5a, ARENA_PAGES * PAGE_SIZE);

    build_memory_map();
    /* Highest range first, top down, honouring alignment; alignment leftovers
     * stay allocatable. */
    take_boot(3, 1, 0x3ffc);
    take_boot(1, 512, 0x3e00);
    take_boot(16, 16, 0x3fe0);
    take_boot(0x200, 0x100, 0x3c00);
    take_boot(0x10, 0x1000, 0x3000);

    init_frametable(ARENA_PAGES);
    assert_int_equal(max_page, ARENA_PAGES);
    ft = virt_to_mfn(frame_table);
    /* 128 pages, from the top of [0x3e01, 0x3fe0) */
    assert_int_equal(ft, 0x3fe0 - 128);
    model_range(ft, ft + 128, false);
}

/* The maximal aligned chunks of every run of heap pages in the model,
 * compared one by one with what the allocator holds. */
static unsigned int canonical_chunks(void)
{
    unsigned long mfn, s = 0;
    unsigned int n = 0;

    for ( mfn = 0; mfn <= ARENA_PAGES; mfn++ )
    {
        if ( mfn < ARENA_PAGES && in_heap[mfn] )
            continue;
        while ( s < mfn )
        {
            unsigned int o = 0;

            while ( o < MAX_ORDER && !(s & (1UL << o)) &&
                    s + (2UL << o) <= mfn )
                o++;
            assert_true(n < nr_pristine);
            assert_int_equal(pristine[n].mfn, s);
            assert_int_equal(pristine[n].order, o);
            n++;
            s += 1UL << o;
        }
        s = mfn + 1;
    }
    return n;
}

static void test_end_boot_allocator(void **state)
{
    unsigned long mfn, n = 0;

    end_boot_allocator();
    for ( mfn = 0; mfn < ARENA_PAGES; mfn++ )
    {
        struct page_info *pg = mfn_to_page(mfn);

        assert_int_equal(page_state_is(pg, free), in_heap[mfn]);
        if ( !in_heap[mfn] )
            assert_true(page_state_is(pg, unused));
        else
            assert_true(pg->count_info & PGC_need_scrub);
        n += in_heap[mfn];
    }
    assert_int_equal(total_heap_pages(), n);
    assert_int_equal(avail_heap_pages(), n);
    check_heap();

    /* Fully merged from the start: each run of RAM is its maximal chunks. */
    nr_pristine = collect_heads(pristine);
    pristine_free = n;
    assert_int_equal(canonical_chunks(), nr_pristine);
}

/* ---- heap ---- */

static void test_frame_helpers(void **state)
{
    struct page_info *pg = mfn_to_page(0x123);

    assert_int_equal(page_to_mfn(pg), 0x123);
    assert_int_equal(page_to_maddr(pg), 0x123000);
    assert_ptr_equal(page_to_virt(pg), unit_directmap_base + 0x123000);
    assert_ptr_equal(virt_to_page(unit_directmap_base + 0x123456), pg);
    assert_true(mfn_valid(ARENA_PAGES - 1));
    assert_false(mfn_valid(ARENA_PAGES));
    assert_int_equal(get_order_from_bytes(1), 0);
    assert_int_equal(get_order_from_bytes(PAGE_SIZE), 0);
    assert_int_equal(get_order_from_bytes(PAGE_SIZE + 1), 1);
    assert_int_equal(get_order_from_pages(5), 3);
}

static void test_each_order(void **state)
{
    struct page_info *pg[MAX_ORDER + 2];
    unsigned int top = max_pristine_order(), o;

    assert_true(top >= 10 && top < MAX_ORDER);
    for ( o = 0; o <= MAX_ORDER + 1; o++ )
    {
        pg[o] = alloc_heap_pages(o, 0);
        if ( o > top )
        {
            assert_null(pg[o]);
            continue;
        }
        assert_non_null(pg[o]);
        track(pg[o], o, o + 1);
        check_heap();
    }
    for ( o = 0; o <= top; o++ )
    {
        untrack(pg[o], o, o + 1);
        free_heap_pages(pg[o], o);
        check_heap();
    }
    assert_pristine();
}

static void shuffle(struct page_info **v, unsigned long n)
{
    unsigned long i;

    for ( i = n; i > 1; i-- )
    {
        unsigned long j = (unsigned long)rand() % i;
        struct page_info *t = v[i - 1];

        v[i - 1] = v[j];
        v[j] = t;
    }
}

static void test_exhaustion(void **state)
{
    static struct page_info *pg[ARENA_PAGES];
    unsigned long n = 0, i;

    while ( (pg[n] = alloc_heap_pages(0, MEMF_no_scrub)) != NULL )
    {
        track(pg[n], 0, 1);
        n++;
    }
    assert_int_equal(n, pristine_free);
    assert_int_equal(avail_heap_pages(), 0);
    assert_null(alloc_heap_pages(0, 0));
    assert_null(alloc_heap_pages(3, 0));
    assert_null(alloc_domheap_pages(DOM, 0, 0));
    assert_null(alloc_xenheap_pages(0, 0));
    check_heap();

    srand(42);
    shuffle(pg, n);
    for ( i = 0; i < n; i++ )
    {
        untrack(pg[i], 0, 1);
        free_heap_pages(pg[i], 0);
    }
    assert_pristine();
}

/* Allocate order-`order` chunks under `bits` until none is left. */
static unsigned long drain_below(unsigned int bits, unsigned int order,
                                 struct page_info **pg)
{
    unsigned long limit = 1UL << (bits - PAGE_SHIFT), n = 0;

    while ( (pg[n] = alloc_heap_pages(order, MEMF_bits(bits))) != NULL )
    {
        assert_true(page_to_mfn(pg[n]) + (1UL << order) <= limit);
        track(pg[n], order, 7);
        n++;
    }
    return n;
}

static void undrain(struct page_info **pg, unsigned long n, unsigned int order)
{
    while ( n-- )
    {
        untrack(pg[n], order, 7);
        free_heap_pages(pg[n], order);
    }
}

/* Aligned 2^order blocks below limit that are all heap RAM. */
static unsigned long model_blocks_below(unsigned long limit, unsigned int order)
{
    unsigned long s, i, n = 0;

    for ( s = 0; s + (1UL << order) <= limit; s += 1UL << order )
    {
        for ( i = 0; i < (1UL << order) && in_heap[s + i]; i++ )
            ;
        n += i == (1UL << order);
    }
    return n;
}

static void test_memf_bits(void **state)
{
    static struct page_info *pg[ARENA_PAGES];
    struct page_info *big;
    unsigned long n;

    assert_null(alloc_heap_pages(0, MEMF_bits(12)));    /* MFN 0 is not RAM */
    assert_null(alloc_heap_pages(1, MEMF_bits(12)));
    /* No aligned 1 MiB below 1 MiB. */
    assert_null(alloc_heap_pages(8, MEMF_bits(20)));

    n = drain_below(20, 0, pg);
    assert_int_equal(n, 0x9f - 3);
    check_heap();
    undrain(pg, n, 0);

    /* With an order-11 chunk taken, whichever it was, the count must follow. */
    big = alloc_heap_pages(11, 0);
    assert_non_null(big);
    track(big, 11, 9);
    n = drain_below(24, 2, pg);
    assert_int_equal(n, model_blocks_below(0x1000, 2) -
                     (page_to_mfn(big) < 0x1000 ? 512 : 0));
    check_heap();
    undrain(pg, n, 2);
    untrack(big, 11, 9);
    free_heap_pages(big, 11);

    n = drain_below(21, 4, pg);
    assert_int_equal(n, model_blocks_below(0x200, 4));
    undrain(pg, n, 4);

    /* A limit beyond the machine is no limit. */
    big = alloc_heap_pages(0, MEMF_bits(64));
    assert_non_null(big);
    free_heap_pages(big, 0);
    assert_pristine();
}

static void test_scrub(void **state)
{
    static struct page_info *pg[ARENA_PAGES];
    unsigned long n = 0, i;
    int round;

    for ( round = 0; round < 2; round++ )
    {
        n = 0;
        while ( (pg[n] = alloc_domheap_pages(DOM, 0, 0)) != NULL )
        {
            assert_true(page_is_zero(pg[n]));
            assert_ptr_equal(page_get_owner(pg[n]), DOM);
            assert_false(pg[n]->count_info & PGC_need_scrub);
            memset(page_to_virt(pg[n]), 0xab, PAGE_SIZE);
            n++;
        }
        assert_int_equal(n, pristine_free);
        for ( i = 0; i < n; i++ )
        {
            free_domheap_pages(pg[i], 0);
            assert_true(page_state_is(pg[i], free));
            assert_true(pg[i]->count_info & PGC_need_scrub);
        }
    }
    assert_pristine();
}

/* Pages taken with MEMF_no_scrub and dirtied are still scrubbed for the next
 * default allocation: the mark comes from the free, not the allocation. */
static void test_no_scrub_then_scrub(void **state)
{
    static struct page_info *pg[ARENA_PAGES];
    unsigned long n = 0, i;

    while ( (pg[n] = alloc_heap_pages(0, MEMF_no_scrub)) != NULL )
        memset(page_to_virt(pg[n++]), 0xcd, PAGE_SIZE);
    for ( i = 0; i < n; i++ )
        free_heap_pages(pg[i], 0);
    n = 0;
    while ( (pg[n] = alloc_heap_pages(0, 0)) != NULL )
        assert_true(page_is_zero(pg[n++]));
    assert_int_equal(n, pristine_free);
    for ( i = 0; i < n; i++ )
        free_heap_pages(pg[i], 0);
    assert_pristine();
}

static void test_xenheap(void **state)
{
    char *v = alloc_xenheap_pages(2, 0);
    struct page_info *pg;
    unsigned int i;

    assert_non_null(v);
    assert_int_equal(virt_to_maddr(v) & (4 * PAGE_SIZE - 1), 0);
    pg = virt_to_page(v);
    for ( i = 0; i < 4; i++ )
    {
        assert_true(page_state_is(&pg[i], inuse));
        assert_true(pg[i].count_info & PGC_xen_heap);
        assert_true(page_is_zero(&pg[i]));
    }
    memset(v, 0xee, 4 * PAGE_SIZE);
    free_xenheap_pages(v, 2);
    free_xenheap_pages(NULL, 0);
    for ( i = 0; i < 4; i++ )
        assert_false(pg[i].count_info & PGC_xen_heap);
    assert_pristine();

    v = alloc_xenheap_page();
    assert_non_null(v);
    free_xenheap_page(v);
    assert_pristine();
}

static void test_domheap_owner(void **state)
{
    struct page_info *pg = alloc_domheap_pages(DOM, 3, 0);
    struct page_info *anon = alloc_domheap_page(NULL, 0);
    unsigned int i;

    assert_non_null(pg);
    assert_non_null(anon);
    for ( i = 0; i < 8; i++ )
        assert_ptr_equal(page_get_owner(&pg[i]), DOM);
    assert_null(page_get_owner(anon));
    free_domheap_pages(pg, 3);
    free_domheap_page(anon);
    for ( i = 0; i < 8; i++ )
        assert_true(page_state_is(&pg[i], free));
    assert_pristine();
}

/* Freeing part of a chunk is allowed: the pages merge back all the same. */
static void test_partial_free(void **state)
{
    struct page_info *pg = alloc_heap_pages(4, 0);
    unsigned int i;

    assert_non_null(pg);
    for ( i = 0; i < 16; i += 2 )
        free_heap_pages(&pg[i], 0);
    check_heap();
    free_heap_pages(&pg[13], 0);
    free_heap_pages(&pg[15], 0);
    free_heap_pages(&pg[1], 0);
    free_heap_pages(&pg[3], 0);
    free_heap_pages(&pg[8 + 1], 0);
    free_heap_pages(&pg[11], 0);
    free_heap_pages(&pg[5], 0);
    free_heap_pages(&pg[7], 0);
    assert_pristine();
}

struct live
{
    struct page_info *pg;
    unsigned int order;
    enum kind kind;
    unsigned int id;
};

static unsigned int random_order(void)
{
    int r = rand() % 100;

    if ( r < 50 )
        return 0;
    if ( r < 97 )
        return (unsigned int)rand() % 6;
    return (unsigned int)rand() % (MAX_ORDER + 1);
}

static bool stress_alloc(struct live *l, unsigned int id)
{
    unsigned int memflags = (rand() % 10 == 0) ? MEMF_bits(23) : 0;

    l->order = random_order();
    l->kind = (enum kind)(rand() % 3);
    l->id = id;
    if ( l->kind == K_XEN )
    {
        void *v = alloc_xenheap_pages(l->order, memflags);

        l->pg = v ? virt_to_page(v) : NULL;
    }
    else if ( l->kind == K_DOM )
        l->pg = alloc_domheap_pages(DOM, l->order, memflags);
    else
        l->pg = alloc_heap_pages(l->order, memflags);
    if ( !l->pg )
        return false;
    if ( memflags )
        assert_true(page_to_mfn(l->pg) + (1UL << l->order) <= 0x800);
    track(l->pg, l->order, id);
    return true;
}

static void stress_free(struct live *l)
{
    untrack(l->pg, l->order, l->id);
    if ( l->kind == K_XEN )
        free_xenheap_pages(page_to_virt(l->pg), l->order);
    else if ( l->kind == K_DOM )
        free_domheap_pages(l->pg, l->order);
    else
        free_heap_pages(l->pg, l->order);
}

static void test_random_stress(void **state)
{
    static struct live live[ARENA_PAGES];
    unsigned long nlive = 0, iter, used = 0, fails = 0;

    srand(1);
    for ( iter = 1; iter <= 40000; iter++ )
    {
        if ( nlive == 0 || rand() % 100 < 55 )
        {
            if ( stress_alloc(&live[nlive], (unsigned int)iter) )
                used += 1UL << live[nlive++].order;
            else
                fails++;
        }
        else
        {
            unsigned long k = (unsigned long)rand() % nlive;

            stress_free(&live[k]);
            used -= 1UL << live[k].order;
            live[k] = live[--nlive];
        }
        assert_int_equal(avail_heap_pages() + used, pristine_free);
        if ( iter % 2000 == 0 )
            check_heap();
    }
    assert_true(fails > 0);      /* the run did reach exhaustion */
    while ( nlive )
        stress_free(&live[--nlive]);
    assert_pristine();
}

static void test_dump(void **state)
{
    struct page_info *pg = alloc_heap_pages(0, 0);

    dump_heap();
    free_heap_pages(pg, 0);
    assert_pristine();
}

int main(void)
{
    const struct CMUnitTest boot[] = {
        cmocka_unit_test(test_boot_allocator),
        cmocka_unit_test(test_end_boot_allocator),
    };
    const struct CMUnitTest heap[] = {
        cmocka_unit_test(test_frame_helpers),
        cmocka_unit_test(test_each_order),
        cmocka_unit_test(test_exhaustion),
        cmocka_unit_test(test_memf_bits),
        cmocka_unit_test(test_scrub),
        cmocka_unit_test(test_no_scrub_then_scrub),
        cmocka_unit_test(test_xenheap),
        cmocka_unit_test(test_domheap_owner),
        cmocka_unit_test(test_partial_free),
        cmocka_unit_test(test_random_stress),
        cmocka_unit_test(test_dump),
    };
    int rc;

    /* The heap tests run on the machine the boot tests built. */
    rc = cmocka_run_group_tests_name("boot_allocator", boot, NULL, NULL);
    if ( rc )
        return rc;
    return cmocka_run_group_tests_name("heap", heap, NULL, NULL);
}
