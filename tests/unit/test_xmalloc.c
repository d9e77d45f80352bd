/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tests of xmalloc (xen/common/xmalloc.c) on the real page allocator over
 * a 64 MiB arena. The arena is one host allocation, so ASan cannot see an
 * overrun from one object into the next: every object is filled with its own
 * pattern and checked before it is freed. */
/* The xen/ headers go first: glibc tolerates their __always_inline, not the
 * other way round. */
#include <xen/mm.h>
#include <xen/xmalloc.h>

#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#define ARENA_PAGES     16384UL
#define MAX_LIVE        20000

struct obj
{
    unsigned char *p;
    size_t size;
    unsigned char pat;
};

static unsigned long baseline;      /* free heap pages with nothing allocated */

static int heap_setup(void **state)
{
    unit_directmap_base = aligned_alloc(PAGE_SIZE, ARENA_PAGES * PAGE_SIZE);
    if ( !unit_directmap_base )
        return -1;
    memset(unit_directmap_base, 0x5a, ARENA_PAGES * PAGE_SIZE);
    /* Page 0 and a hole at 32 MiB, as on a real machine. */
    init_boot_pages(PAGE_SIZE, 32UL << 20);
    init_boot_pages((33UL << 20), ARENA_PAGES * PAGE_SIZE);
    init_frametable(ARENA_PAGES);
    end_boot_allocator();
    baseline = avail_heap_pages();
    return 0;
}

static void fill(struct obj *o, size_t size, unsigned char pat)
{
    o->p = xmalloc_bytes(size);
    o->size = size;
    o->pat = pat;
    assert_non_null(o->p);
    assert_int_equal((unsigned long)o->p & 15, 0);
    memset(o->p, pat, size);
}

static void check_and_free(struct obj *o)
{
    size_t i;

    for ( i = 0; i < o->size; i++ )
        if ( o->p[i] != o->pat )
            fail_msg("object %p (%zu bytes) corrupted at offset %zu",
                     (void *)o->p, o->size, i);
    xfree(o->p);
    o->p = NULL;
}

static int by_addr(const void *a, const void *b)
{
    const struct obj *x = a, *y = b;

    return x->p < y->p ? -1 : x->p > y->p;
}

static void check_disjoint(struct obj *v, size_t n)
{
    size_t i;

    qsort(v, n, sizeof(*v), by_addr);
    for ( i = 0; i + 1 < n; i++ )
        assert_true(v[i].p + (v[i].size ? v[i].size : 1) <= v[i + 1].p);
}

static void test_all_sizes(void **state)
{
    static struct obj o[5001];
    size_t size, i;

    for ( size = 0; size <= 5000; size++ )
        fill(&o[size], size, (unsigned char)(size * 7 + 1));
    check_disjoint(o, 5001);
    for ( i = 0; i <= 5000; i++ )
        check_and_free(&o[i]);
    assert_int_equal(avail_heap_pages(), baseline);
}

static void test_null_and_reuse(void **state)
{
    void *a, *b, *c;

    xfree(NULL);
    a = xmalloc_bytes(100);
    b = xmalloc_bytes(100);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    xfree(a);
    c = xmalloc_bytes(100);
    assert_ptr_equal(c, a);         /* the freed slot is the first reused */
    xfree(b);
    xfree(c);
    assert_int_equal(avail_heap_pages(), baseline);
}

static void test_zeroing(void **state)
{
    static const size_t sizes[] = { 1, 24, 700, 2048, 2049, 4096, 9000, 70000 };
    unsigned int i;
    size_t j;

    for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
    {
        unsigned char *p = xmalloc_bytes(sizes[i]);

        memset(p, 0xff, sizes[i]);
        xfree(p);
        p = xzalloc_bytes(sizes[i]);
        assert_non_null(p);
        for ( j = 0; j < sizes[i]; j++ )
            assert_int_equal(p[j], 0);
        xfree(p);
    }
    assert_int_equal(avail_heap_pages(), baseline);
}

/* Big objects cost exactly the pages they need; the rest goes back. */
static void test_big_sizes(void **state)
{
    static const size_t sizes[] = {
        2049, 4097, 9 << 10, (1 << 20) + 1, 3 << 20,
    };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
    {
        struct obj o;

        fill(&o, sizes[i], (unsigned char)i);
        assert_int_equal((unsigned long)o.p & (PAGE_SIZE - 1), 0);
        assert_int_equal(baseline - avail_heap_pages(), PFN_UP(sizes[i]));
        check_and_free(&o);
        assert_int_equal(avail_heap_pages(), baseline);
    }
}

static void test_impossible_sizes(void **state)
{
    assert_null(xmalloc_bytes((PAGE_SIZE << MAX_ORDER) + 1));
    assert_null(xmalloc_bytes(SIZE_MAX));
    assert_null(xmalloc_array_bytes(SIZE_MAX / 2, 3));
    assert_null(xzalloc_array_bytes(1UL << 40, 1UL << 40));
    /* Larger than the whole machine, though not than a chunk can be. */
    assert_null(xmalloc_bytes(128UL << 20));
    assert_int_equal(avail_heap_pages(), baseline);
}

/* Typed wrappers: alignment of a 16-byte-aligned type is kept. */
static void test_typed(void **state)
{
    struct pair { __int128 a; long b; } *p = xzalloc(struct pair);
    long *arr = xmalloc_array(long, 1000);

    assert_non_null(p);
    assert_non_null(arr);
    assert_int_equal((unsigned long)p % _Alignof(struct pair), 0);
    assert_true(p->a == 0 && p->b == 0);
    arr[999] = 1;
    xfree(arr);
    xfree(p);
    assert_int_equal(avail_heap_pages(), baseline);
}

static size_t random_size(void)
{
    int r = rand() % 100;

    if ( r < 70 )
        return (size_t)rand() % 257;
    if ( r < 95 )
        return (size_t)rand() % 2049;
    return (size_t)rand() % 40000;
}

static void test_random_stress(void **state)
{
    static struct obj live[MAX_LIVE];
    size_t n = 0;
    unsigned long iter;

    srand(7);
    for ( iter = 1; iter <= 100000; iter++ )
    {
        if ( n < MAX_LIVE && (n == 0 || rand() % 100 < 52) )
        {
            fill(&live[n], random_size(), (unsigned char)iter);
            n++;
        }
        else
        {
            size_t k = (size_t)rand() % n;

            check_and_free(&live[k]);
            live[k] = live[--n];
        }
        if ( iter % 20000 == 0 )
            check_disjoint(live, n);
    }
    while ( n )
        check_and_free(&live[--n]);
    assert_int_equal(avail_heap_pages(), baseline);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_sizes),
        cmocka_unit_test(test_null_and_reuse),
        cmocka_unit_test(test_zeroing),
        cmocka_unit_test(test_big_sizes),
        cmocka_unit_test(test_impossible_sizes),
        cmocka_unit_test(test_typed),
        cmocka_unit_test(test_random_stress),
    };

    return cmocka_run_group_tests_name("xmalloc", tests, heap_setup, NULL);
}
