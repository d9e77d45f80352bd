/* SPDX-License-Identifier: GPL-2.0-only */
/* xen/common/rangeset.c: fixed cases, then random operations checked against
 * a bit-array model, near 0 and near ULONG_MAX, with allocation failures
 * injected to prove a failed update leaves the set untouched. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <xen/rangeset.h>
#include <xen/errno.h>
#include "host_env.h"

#include <stdlib.h>
#include <string.h>

/* The model: MODEL_BITS values, half at the bottom, half at the top. */
#define HALF       96
#define MODEL_BITS (2 * HALF)

static unsigned long value_of(unsigned int i)
{
    return i < HALF ? i : ~0UL - (MODEL_BITS - 1 - i);
}

struct collect {
    unsigned long s[MODEL_BITS], e[MODEL_BITS];
    unsigned int n;
    unsigned int stop_after;
};

static int collect_cb(unsigned long s, unsigned long e, void *ctxt)
{
    struct collect *c = ctxt;

    c->s[c->n] = s;
    c->e[c->n] = e;
    c->n++;
    return c->n == c->stop_after ? 99 : 0;
}

/* The model's maximal runs, as the set must report them. */
static unsigned int model_runs(const bool *m, struct collect *c)
{
    unsigned int i = 0;

    c->n = 0;
    while ( i < MODEL_BITS )
    {
        unsigned int j;

        if ( !m[i] )
        {
            i++;
            continue;
        }
        for ( j = i; j + 1 < MODEL_BITS && m[j + 1] && value_of(j + 1) == value_of(j) + 1; j++ )
            ;
        c->s[c->n] = value_of(i);
        c->e[c->n] = value_of(j);
        c->n++;
        i = j + 1;
    }
    return c->n;
}

static void check_equal(struct rangeset *r, const bool *m)
{
    struct collect got = { .n = 0 }, want;

    model_runs(m, &want);
    assert_int_equal(rangeset_report_ranges(r, 0, ~0UL, collect_cb, &got), 0);
    assert_int_equal(got.n, want.n);
    assert_memory_equal(got.s, want.s, want.n * sizeof(unsigned long));
    assert_memory_equal(got.e, want.e, want.n * sizeof(unsigned long));
    assert_int_equal(rangeset_is_empty(r), want.n == 0);
}

static void test_basics(void **state)
{
    struct rangeset *r = rangeset_new("test", 0);

    assert_non_null(r);
    assert_true(rangeset_is_empty(r));
    assert_true(rangeset_is_empty(NULL));
    assert_int_equal(rangeset_add_range(r, 5, 4), -EINVAL);
    assert_int_equal(rangeset_remove_range(r, 5, 4), -EINVAL);
    assert_false(rangeset_contains_range(r, 5, 4));
    assert_int_equal(rangeset_add_range(r, 10, 20), 0);
    assert_int_equal(rangeset_add_range(r, 0, 3), 0);
    assert_int_equal(rangeset_add_singleton(r, 4), 0);      /* joins 0-3 */
    assert_true(rangeset_contains_range(r, 0, 4));
    assert_false(rangeset_contains_range(r, 0, 5));
    assert_true(rangeset_contains_singleton(r, 20));
    assert_false(rangeset_contains_singleton(r, 21));
    assert_true(rangeset_overlaps_range(r, 5, 10));
    assert_false(rangeset_overlaps_range(r, 5, 9));
    assert_int_equal(rangeset_add_range(r, 5, 9), 0);       /* bridges both */
    assert_true(rangeset_contains_range(r, 0, 20));
    assert_int_equal(rangeset_remove_singleton(r, 7), 0);
    assert_false(rangeset_contains_singleton(r, 7));
    assert_true(rangeset_contains_range(r, 8, 20));
    assert_int_equal(rangeset_remove_range(r, 0, ~0UL), 0);
    assert_true(rangeset_is_empty(r));
    rangeset_destroy(r);
    rangeset_destroy(NULL);
}

static void test_extremes(void **state)
{
    struct rangeset *r = rangeset_new(NULL, 0);
    struct collect c = { .n = 0 };

    assert_int_equal(rangeset_add_range(r, 0, ~0UL), 0);
    assert_true(rangeset_contains_range(r, 0, ~0UL));
    assert_int_equal(rangeset_remove_singleton(r, 0), 0);
    assert_int_equal(rangeset_remove_singleton(r, ~0UL), 0);
    assert_int_equal(rangeset_report_ranges(r, 0, ~0UL, collect_cb, &c), 0);
    assert_int_equal(c.n, 1);
    assert_int_equal(c.s[0], 1);
    assert_int_equal(c.e[0], ~0UL - 1);
    assert_int_equal(rangeset_add_singleton(r, ~0UL), 0);
    assert_int_equal(rangeset_add_singleton(r, 0), 0);
    assert_true(rangeset_contains_range(r, 0, ~0UL));
    rangeset_destroy(r);
}

static void test_report_clips_and_stops(void **state)
{
    struct rangeset *r = rangeset_new("r", 0);
    struct collect c = { .n = 0 };

    rangeset_add_range(r, 10, 20);
    rangeset_add_range(r, 30, 40);
    rangeset_add_range(r, 50, 60);
    assert_int_equal(rangeset_report_ranges(r, 15, 55, collect_cb, &c), 0);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.s[0], 15);
    assert_int_equal(c.e[0], 20);
    assert_int_equal(c.s[2], 50);
    assert_int_equal(c.e[2], 55);
    c.n = 0;
    c.stop_after = 2;
    assert_int_equal(rangeset_report_ranges(r, 0, 100, collect_cb, &c), 99);
    assert_int_equal(c.n, 2);
    c.n = 0;
    assert_int_equal(rangeset_report_ranges(r, 21, 29, collect_cb, &c), 0);
    assert_int_equal(c.n, 0);
    rangeset_destroy(r);
}

static void test_printk(void **state)
{
    struct rangeset *r = rangeset_new("ioports", 0);
    struct rangeset *h = rangeset_new("a-name-longer-than-thirty-one-characters",
                                      RANGESETF_prettyprint_hex);

    unit_printk_capture_start();
    rangeset_printk(r);
    assert_string_equal(unit_printk_captured(), "ioports    { }");
    rangeset_add_range(r, 1, 3);
    rangeset_add_singleton(r, 5);
    rangeset_add_range(r, 10, 20);
    unit_printk_capture_start();
    rangeset_printk(r);
    assert_string_equal(unit_printk_captured(), "ioports    { 1-3, 5, 10-20 }");
    rangeset_add_range(h, 0xa0000, 0xbffff);
    unit_printk_capture_start();
    rangeset_printk(h);
    assert_string_equal(unit_printk_captured(),
                        "a-name-longer-than-thirty-one-c { a0000-bffff }");
    unit_printk_capture_stop();
    rangeset_destroy(r);
    rangeset_destroy(h);
}

static void test_limit(void **state)
{
    struct rangeset *r = rangeset_new("lim", 0);

    rangeset_limit(r, 2);
    assert_int_equal(rangeset_add_range(r, 0, 1), 0);
    assert_int_equal(rangeset_add_range(r, 10, 11), 0);
    assert_int_equal(rangeset_add_range(r, 20, 21), -ENOMEM);
    assert_int_equal(rangeset_add_range(r, 2, 5), 0);        /* merging is free */
    assert_int_equal(rangeset_remove_singleton(r, 3), -ENOMEM);
    assert_int_equal(rangeset_remove_range(r, 0, 5), 0);
    assert_int_equal(rangeset_add_range(r, 20, 21), 0);
    rangeset_destroy(r);
}

static unsigned int count_runs(const bool *m)
{
    struct collect c;

    return model_runs(m, &c);
}

/* One random add or remove on a random span within one half of the model. */
static void random_step(struct rangeset *r, bool *m, unsigned int *seed)
{
    bool add = rand_r(seed) % 2, inject = rand_r(seed) % 8 == 0;
    unsigned int base = rand_r(seed) % 2 ? HALF : 0;
    unsigned int a = base + rand_r(seed) % HALF;
    unsigned int b = a + rand_r(seed) % (rand_r(seed) % 4 ? 4 : HALF);
    bool next[MODEL_BITS];
    unsigned int i;
    int rc;

    if ( b >= base + HALF )
        b = base + HALF - 1;
    memcpy(next, m, sizeof(next));
    for ( i = a; i <= b; i++ )
        next[i] = add;

    if ( inject )
        unit_xmalloc_fail_after(0);
    rc = add ? rangeset_add_range(r, value_of(a), value_of(b))
             : rangeset_remove_range(r, value_of(a), value_of(b));
    unit_xmalloc_fail_after(-1);

    /* Only an update that adds a range needs memory, so only it may fail. */
    if ( inject && count_runs(next) > count_runs(m) )
        assert_int_equal(rc, -ENOMEM);
    else
    {
        assert_int_equal(rc, 0);
        memcpy(m, next, sizeof(next));
    }
    check_equal(r, m);
}

static void random_queries(struct rangeset *r, const bool *m, unsigned int *seed)
{
    unsigned int q;

    for ( q = 0; q < 8; q++ )
    {
        unsigned int base = rand_r(seed) % 2 ? HALF : 0;
        unsigned int a = base + rand_r(seed) % HALF;
        unsigned int b = a + rand_r(seed) % 6, i;
        bool all = true, any = false;

        if ( b >= base + HALF )
            b = base + HALF - 1;
        for ( i = a; i <= b; i++ )
        {
            all &= m[i];
            any |= m[i];
        }
        assert_int_equal(rangeset_contains_range(r, value_of(a), value_of(b)), all);
        assert_int_equal(rangeset_overlaps_range(r, value_of(a), value_of(b)), any);
        assert_int_equal(rangeset_contains_singleton(r, value_of(a)), m[a]);
    }
}

static void test_random_model(void **state)
{
    unsigned int seed = 2024, round, step;

    for ( round = 0; round < 40; round++ )
    {
        struct rangeset *r = rangeset_new("model", 0);
        bool m[MODEL_BITS] = { false };

        for ( step = 0; step < 500; step++ )
        {
            random_step(r, m, &seed);
            random_queries(r, m, &seed);
        }
        rangeset_destroy(r);        /* ASan reports any node leaked on the way */
    }
}

static void test_new_fails(void **state)
{
    unit_xmalloc_fail_after(0);
    assert_null(rangeset_new("x", 0));
    unit_xmalloc_fail_after(-1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basics),
        cmocka_unit_test(test_extremes),
        cmocka_unit_test(test_report_clips_and_stops),
        cmocka_unit_test(test_printk),
        cmocka_unit_test(test_limit),
        cmocka_unit_test(test_random_model),
        cmocka_unit_test(test_new_fails),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
