/* SPDX-License-Identifier: GPL-2.0-only */
/* xen/lib/strtoul.c: Xen's prefix rules, agreement with libc on plain digit
 * strings, and parse_size_and_unit's suffixes and KiB default. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <xen/lib.h>

#include <stdio.h>
#include <stdlib.h>

struct case_ul {
    const char *s;
    unsigned int base;
    unsigned long long val;
    size_t used;                /* characters consumed */
};

static const struct case_ul cases[] = {
    { "0", 0, 0, 1 },
    { "123abc", 10, 123, 3 },
    { "0x1F", 0, 0x1f, 4 },
    { "0X1f", 0, 0x1f, 4 },
    { "0x", 0, 0, 1 },          /* no hex digit: the 0 is octal, x stops it */
    { "0xg", 0, 0, 1 },
    { "017", 0, 15, 3 },
    { "018", 0, 1, 2 },
    { "19", 0, 19, 2 },
    { "0x1f", 16, 0x1f, 4 },
    { "1f", 16, 0x1f, 2 },
    { "0x", 16, 0, 2 },         /* base 16 always skips the prefix */
    { "777", 8, 0777, 3 },
    { "789", 8, 7, 1 },
    { "zz", 36, 35 * 36 + 35, 2 },
    { "", 0, 0, 0 },
    { " 1", 0, 0, 0 },          /* no whitespace skipping */
    { "-1", 10, 0, 0 },         /* and no sign for the unsigned forms */
    { "18446744073709551615", 10, ~0ULL, 20 },
    { "ffffffffffffffff", 16, ~0ULL, 16 },
};

static void test_table(void **state)
{
    unsigned int i;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        const struct case_ul *c = &cases[i];
        const char *end = NULL;

        assert_int_equal(simple_strtoull(c->s, &end, c->base), c->val);
        assert_ptr_equal(end, c->s + c->used);
        end = NULL;
        assert_int_equal(simple_strtoul(c->s, &end, c->base), (unsigned long)c->val);
        assert_ptr_equal(end, c->s + c->used);
        assert_int_equal(simple_strtoul(c->s, NULL, c->base), (unsigned long)c->val);
    }
}

static void test_signed(void **state)
{
    const char *end;

    assert_int_equal(simple_strtol("-42x", &end, 10), -42);
    assert_int_equal(*end, 'x');
    assert_int_equal(simple_strtol("-0x10", &end, 0), -16);
    assert_int_equal(simple_strtol("42", NULL, 0), 42);
    assert_int_equal(simple_strtol("-9223372036854775808", NULL, 10),
                     -0x7fffffffffffffffLL - 1);
}

/* Random digit strings parse exactly as libc's strtoull does. */
static void test_against_libc(void **state)
{
    static const unsigned int bases[] = { 8, 10, 16, 2, 36 };
    static const char digits[] = "0123456789abcdefABCDEFxyz";
    unsigned int seed = 1, i, j;
    char s[24];

    for ( i = 0; i < 20000; i++ )
    {
        unsigned int base = bases[i % 5], n = 1 + rand_r(&seed) % 12;
        const char *end;
        char *lend;

        for ( j = 0; j < n; j++ )
            s[j] = digits[rand_r(&seed) % (sizeof(digits) - 1)];
        s[n] = '\0';
        if ( base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') )
            continue;           /* prefix rules differ without a digit after */
        assert_int_equal(simple_strtoull(s, &end, base), strtoull(s, &lend, base));
        assert_ptr_equal(end, lend);
    }
}

struct case_size {
    const char *s;
    unsigned long long val;
    size_t used;
};

static const struct case_size sizes[] = {
    { "1234", 1234ULL << 10, 4 },       /* a bare number is KiB */
    { "1234B", 1234, 5 },
    { "1234b", 1234, 5 },
    { "4k", 4096, 2 },
    { "4K", 4096, 2 },
    { "2M", 2ULL << 20, 2 },
    { "3g", 3ULL << 30, 2 },
    { "1T", 1ULL << 40, 2 },
    { "0x10M", 16ULL << 20, 5 },
    { "010M", 8ULL << 20, 4 },
    { "12Q", 12ULL << 10, 2 },          /* unknown suffix: KiB, left unconsumed */
    { "50%", 50, 2 },                   /* '%' is for the caller to interpret */
    { "", 0, 0 },
};

static void test_parse_size(void **state)
{
    unsigned int i;

    for ( i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++ )
    {
        const char *end = NULL;

        assert_int_equal(parse_size_and_unit(sizes[i].s, &end), sizes[i].val);
        assert_ptr_equal(end, sizes[i].s + sizes[i].used);
    }
    /* Without endp, a percentage is just another unsuffixed number. */
    assert_int_equal(parse_size_and_unit("50%", NULL), 50ULL << 10);
    assert_int_equal(parse_size_and_unit("512M", NULL), 512ULL << 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_signed),
        cmocka_unit_test(test_against_libc),
        cmocka_unit_test(test_parse_size),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
