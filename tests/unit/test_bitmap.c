/* SPDX-License-Identifier: GPL-2.0-only */
/* xen/lib/bitmap.c and xen/bitops.h against a bool-array model, for sizes
 * around word boundaries, with junk planted past the end of each map. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <xen/bitmap.h>

#include <stdlib.h>

#define MAXBITS 200
#define WORDS   BITS_TO_LONGS(MAXBITS)

static unsigned int seed = 12345;

/* Random map of nbits, with random bits past nbits that must be ignored. */
static void random_map(unsigned long *m, bool *model, unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < WORDS * BITS_PER_LONG; i++ )
    {
        bool b = rand_r(&seed) % 3 == 0;

        if ( i < nbits )
            model[i] = b;
        if ( b )
            __set_bit(i, m);
        else
            __clear_bit(i, m);
    }
}

static bool bit(const unsigned long *m, unsigned int i)
{
    return (m[i / BITS_PER_LONG] >> (i % BITS_PER_LONG)) & 1;
}

/* Result maps match the model and have nothing set past nbits. */
static void check_map(const unsigned long *m, const bool *model, unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < BITS_TO_LONGS(nbits) * BITS_PER_LONG; i++ )
        assert_int_equal(bit(m, i), i < nbits ? model[i] : 0);
}

static void test_single_bits(void **state)
{
    unsigned long m[WORDS] = { 0 };
    uint32_t w[4] = { 0 };

    set_bit(0, m);
    __set_bit(65, m);
    assert_true(test_bit(0, m) && test_bit(65, m) && !test_bit(64, m));
    assert_int_equal(m[1], 2);
    assert_true(test_and_set_bit(65, m));
    assert_false(test_and_set_bit(66, m));
    assert_true(test_and_clear_bit(66, m));
    assert_false(test_and_clear_bit(66, m));
    assert_false(__test_and_set_bit(130, m));
    assert_true(__test_and_clear_bit(130, m));
    change_bit(3, m);
    __change_bit(4, m);
    assert_int_equal(m[0], 0x19);
    assert_false(test_and_change_bit(5, m));
    assert_true(test_and_change_bit(5, m));
    clear_bit(0, m);
    __clear_bit(65, m);
    assert_int_equal(m[0], 0x18);
    assert_int_equal(m[1], 0);

    /* 32-bit arrays work too: bit numbering is the same little-endian view. */
    set_bit(33, w);
    set_bit(127, w);
    assert_int_equal(w[1], 2);
    assert_int_equal(w[3], 0x80000000u);
    assert_true(test_bit(127, w));
}

static void test_scans(void **state)
{
    unsigned int i;

    assert_int_equal(ffs(0), 0);
    assert_int_equal(fls(0), 0);
    assert_int_equal(ffsl(0), 0);
    assert_int_equal(flsl(0), 0);
    for ( i = 0; i < 32; i++ )
    {
        assert_int_equal(ffs(1u << i), i + 1);
        assert_int_equal(fls(1u << i), i + 1);
        assert_int_equal(ffs(~0u << i), i + 1);
        assert_int_equal(fls(~0u >> i), 32 - i);
    }
    for ( i = 0; i < 64; i++ )
    {
        assert_int_equal(ffsl(1UL << i), i + 1);
        assert_int_equal(flsl(1UL << i), i + 1);
        assert_int_equal(flsl((1UL << i) | 1), i + 1);
    }
    for ( i = 0; i < 10000; i++ )
    {
        uint64_t v = ((uint64_t)rand_r(&seed) << 33) ^ ((uint64_t)rand_r(&seed) << 11) ^
                     rand_r(&seed);

        assert_int_equal(hweight64(v), __builtin_popcountll(v));
        assert_int_equal(hweight32(v), __builtin_popcount((uint32_t)v));
        assert_int_equal(hweight_long(v), __builtin_popcountl(v));
    }
}

static void test_fill_zero_copy(void **state)
{
    unsigned long a[WORDS], b[WORDS];
    bool ma[MAXBITS], ones[MAXBITS], zeros[MAXBITS] = { false };
    unsigned int n, i;

    for ( i = 0; i < MAXBITS; i++ )
        ones[i] = true;
    for ( n = 0; n <= MAXBITS; n++ )
    {
        random_map(a, ma, n);
        bitmap_fill(a, n);
        check_map(a, ones, n);
        assert_true(bitmap_full(a, n));
        assert_int_equal(bitmap_weight(a, n), n);
        bitmap_zero(a, n);
        check_map(a, zeros, n);
        assert_true(bitmap_empty(a, n));
        random_map(a, ma, n);
        random_map(b, zeros, 0);
        bitmap_copy(b, a, n);
        check_map(b, ma, n);
        assert_true(bitmap_equal(a, b, n));
    }
}

static void check_binary_ops(unsigned int n)
{
    unsigned long a[WORDS], b[WORDS], d[WORDS];
    bool ma[MAXBITS], mb[MAXBITS], md[MAXBITS];
    bool inter = false, subset = true, eq = true;
    unsigned int i, weight = 0;

    random_map(a, ma, n);
    random_map(b, mb, n);
    for ( i = 0; i < n; i++ )
    {
        inter |= ma[i] && mb[i];
        subset &= !ma[i] || mb[i];
        eq &= ma[i] == mb[i];
        weight += ma[i];
    }
    assert_int_equal(bitmap_intersects(a, b, n), inter);
    assert_int_equal(bitmap_subset(a, b, n), subset);
    assert_int_equal(bitmap_equal(a, b, n), eq);
    assert_int_equal(bitmap_weight(a, n), weight);
    assert_int_equal(bitmap_empty(a, n), weight == 0);
    assert_int_equal(bitmap_full(a, n), weight == n);

    bitmap_and(d, a, b, n);
    for ( i = 0; i < n; i++ )
        md[i] = ma[i] && mb[i];
    check_map(d, md, n);
    bitmap_or(d, a, b, n);
    for ( i = 0; i < n; i++ )
        md[i] = ma[i] || mb[i];
    check_map(d, md, n);
    bitmap_xor(d, a, b, n);
    for ( i = 0; i < n; i++ )
        md[i] = ma[i] != mb[i];
    check_map(d, md, n);
    bitmap_andnot(d, a, b, n);
    for ( i = 0; i < n; i++ )
        md[i] = ma[i] && !mb[i];
    check_map(d, md, n);
    bitmap_complement(d, a, n);
    for ( i = 0; i < n; i++ )
        md[i] = !ma[i];
    check_map(d, md, n);
}

static void test_binary_ops(void **state)
{
    unsigned int n, rep;

    for ( n = 0; n <= MAXBITS; n++ )
        for ( rep = 0; rep < 20; rep++ )
            check_binary_ops(n);
}

static void test_set_clear_ranges(void **state)
{
    unsigned long m[WORDS];
    bool mm[MAXBITS];
    unsigned int rep, i;

    random_map(m, mm, MAXBITS);
    for ( rep = 0; rep < 5000; rep++ )
    {
        unsigned int start = rand_r(&seed) % MAXBITS;
        unsigned int nr = rand_r(&seed) % (MAXBITS - start + 1);
        bool set = rep % 2;

        if ( set )
            bitmap_set(m, start, nr);
        else
            bitmap_clear(m, start, nr);
        for ( i = start; i < start + nr; i++ )
            mm[i] = set;
        for ( i = 0; i < MAXBITS; i++ )
            assert_int_equal(bit(m, i), mm[i]);
    }
}

static void test_find(void **state)
{
    unsigned long m[WORDS];
    bool mm[MAXBITS];
    unsigned int n, off, rep, i;

    for ( n = 0; n <= MAXBITS; n++ )
        for ( rep = 0; rep < 10; rep++ )
        {
            random_map(m, mm, n);
            if ( rep == 1 )
            {
                /* An empty map, with junk left in the words after it. */
                bitmap_zero(m, n);
                for ( i = 0; i < n; i++ )
                    mm[i] = false;
            }
            for ( off = 0; off <= n + 1; off++ )
            {
                unsigned int set = off, clr = off;

                while ( set < n && !mm[set] )
                    set++;
                while ( clr < n && mm[clr] )
                    clr++;
                assert_int_equal(find_next_bit(m, n, off), off > n ? n : set);
                assert_int_equal(find_next_zero_bit(m, n, off), off > n ? n : clr);
            }
            assert_int_equal(find_first_bit(m, n), find_next_bit(m, n, 0));
            assert_int_equal(find_first_zero_bit(m, n), find_next_zero_bit(m, n, 0));
        }
}

static void test_for_each(void **state)
{
    unsigned long m[WORDS] = { 0 };
    unsigned int b, seen = 0, sum = 0;

    __set_bit(0, m);
    __set_bit(63, m);
    __set_bit(64, m);
    __set_bit(199, m);
    for_each_set_bit ( b, m, MAXBITS )
    {
        seen++;
        sum += b;
    }
    assert_int_equal(seen, 4);
    assert_int_equal(sum, 0 + 63 + 64 + 199);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_bits),
        cmocka_unit_test(test_scans),
        cmocka_unit_test(test_fill_zero_copy),
        cmocka_unit_test(test_binary_ops),
        cmocka_unit_test(test_set_clear_ranges),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_for_each),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
