/* SPDX-License-Identifier: GPL-2.0-only */
/* xen/lib/sort.c: results equal qsort's for many sizes, element widths and
 * value distributions; the comparison count stays O(n log n). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <xen/sort.h>

#include <stdlib.h>
#include <string.h>

static unsigned long ncmp;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    ncmp++;
    return (x > y) - (x < y);
}

static void swap_int(void *a, void *b, size_t size)
{
    int t = *(int *)a;

    *(int *)a = *(int *)b;
    *(int *)b = t;
}

/* An odd-sized element exercises the generic byte swap. */
struct odd {
    unsigned char key[2];
    unsigned char pad;
};

static int cmp_odd(const void *a, const void *b)
{
    return memcmp(((const struct odd *)a)->key, ((const struct odd *)b)->key, 2);
}

static void fill(int *v, size_t n, unsigned int kind, unsigned int *seed)
{
    size_t i;

    for ( i = 0; i < n; i++ )
    {
        switch ( kind )
        {
        case 0: v[i] = rand_r(seed) - RAND_MAX / 2; break;
        case 1: v[i] = rand_r(seed) % 4; break;         /* many duplicates */
        case 2: v[i] = i; break;                        /* already sorted */
        case 3: v[i] = n - i; break;                    /* reversed */
        default: v[i] = 7; break;                       /* all equal */
        }
    }
}

static void test_ints(void **state)
{
    static int v[3000], ref[3000];
    unsigned int seed = 42, kind;
    size_t n;

    for ( kind = 0; kind < 5; kind++ )
        for ( n = 0; n < 3000; n = n < 40 ? n + 1 : n * 3 / 2 )
        {
            fill(v, n, kind, &seed);
            memcpy(ref, v, n * sizeof(int));
            qsort(ref, n, sizeof(int), cmp_int);
            sort(v, n, sizeof(int), cmp_int, kind % 2 ? swap_int : NULL);
            assert_memory_equal(v, ref, n * sizeof(int));
        }
}

static void test_comparison_bound(void **state)
{
    static int v[10000];
    unsigned int seed = 7;

    fill(v, 10000, 0, &seed);
    ncmp = 0;
    sort(v, 10000, sizeof(int), cmp_int, swap_int);
    /* Heapsort needs at most about 2 n log2 n comparisons; log2(10000) < 14. */
    assert_true(ncmp < 2 * 10000 * 14);
}

static void test_odd_size(void **state)
{
    struct odd v[500];
    unsigned int seed = 3;
    size_t i;

    for ( i = 0; i < 500; i++ )
    {
        v[i].key[0] = rand_r(&seed);
        v[i].key[1] = rand_r(&seed);
        v[i].pad = v[i].key[0] ^ v[i].key[1];
    }
    sort(v, 500, sizeof(v[0]), cmp_odd, NULL);
    for ( i = 0; i < 500; i++ )
    {
        /* Elements move whole: the payload still matches its key. */
        assert_int_equal(v[i].pad, v[i].key[0] ^ v[i].key[1]);
        if ( i )
            assert_true(cmp_odd(&v[i - 1], &v[i]) <= 0);
    }
}

static void test_tiny(void **state)
{
    int one = 5;

    sort(NULL, 0, sizeof(int), cmp_int, NULL);
    sort(&one, 1, sizeof(int), cmp_int, NULL);
    assert_int_equal(one, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ints),
        cmocka_unit_test(test_comparison_bound),
        cmocka_unit_test(test_odd_size),
        cmocka_unit_test(test_tiny),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
