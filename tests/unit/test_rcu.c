/* SPDX-License-Identifier: GPL-2.0-only */
/* Grace periods of the deferred-free RCU and the reader-writer lock's rules,
 * driven from one thread by playing several CPUs' quiescent points. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <xen/rcu.h>
#include <xen/rwlock.h>

static int calls;
static int kicks;
static struct rcu_head *last;

static void count_cb(struct rcu_head *h)
{
    calls++;
    last = h;
}

static void kick(void)
{
    kicks++;
}

/* One static state for the whole program: CPUs 0-2 come online once. */
static int setup(void **state)
{
    rcu_cpu_online(0);
    rcu_cpu_online(1);
    rcu_cpu_online(2);
    rcu_kick_others = kick;
    return 0;
}

static void test_waits_for_every_cpu(void **state)
{
    struct rcu_head h;
    unsigned long before = rcu_completed();

    calls = kicks = 0;
    call_rcu(&h, count_cb);
    assert_int_equal(kicks, 1);
    rcu_quiescent_cpu(0);
    rcu_quiescent_cpu(0);               /* reporting twice does not count twice */
    rcu_quiescent_cpu(2);
    assert_int_equal(calls, 0);
    rcu_quiescent_cpu(1);
    assert_int_equal(calls, 1);
    assert_ptr_equal(last, &h);
    assert_int_equal(rcu_completed(), before + 1);
}

static void test_no_period_without_callbacks(void **state)
{
    unsigned long before = rcu_completed();

    rcu_quiescent_cpu(0);
    rcu_quiescent_cpu(1);
    rcu_quiescent_cpu(2);
    assert_int_equal(rcu_completed(), before);
}

/* A callback queued during a period waits for the next full one. */
static void test_late_callback_waits_for_next_period(void **state)
{
    struct rcu_head a, b;

    calls = 0;
    call_rcu(&a, count_cb);
    rcu_quiescent_cpu(0);
    rcu_quiescent_cpu(1);
    call_rcu(&b, count_cb);
    rcu_quiescent_cpu(2);               /* ends a's period, starts b's */
    assert_int_equal(calls, 1);
    assert_ptr_equal(last, &a);
    rcu_quiescent_cpu(0);
    rcu_quiescent_cpu(1);
    assert_int_equal(calls, 1);
    rcu_quiescent_cpu(2);
    assert_int_equal(calls, 2);
    assert_ptr_equal(last, &b);
}

static void test_batch_runs_together(void **state)
{
    struct rcu_head h[5];
    int i;

    calls = 0;
    for ( i = 0; i < 5; i++ )
        call_rcu(&h[i], count_cb);
    /* The first started a period; the other four wait behind it. */
    rcu_quiescent_cpu(0);
    rcu_quiescent_cpu(1);
    rcu_quiescent_cpu(2);
    assert_int_equal(calls, 1);
    rcu_quiescent_cpu(0);
    rcu_quiescent_cpu(1);
    rcu_quiescent_cpu(2);
    assert_int_equal(calls, 5);
}

static void test_rwlock_rules(void **state)
{
    DEFINE_RWLOCK(l);

    assert_true(read_trylock(&l));
    assert_true(read_trylock(&l));
    assert_false(write_trylock(&l));    /* readers inside */
    read_unlock(&l);
    read_unlock(&l);
    assert_true(write_trylock(&l));
    assert_true(rw_is_write_locked(&l));
    assert_false(read_trylock(&l));     /* writer inside */
    assert_false(write_trylock(&l));
    write_unlock(&l);
    assert_false(rw_is_write_locked(&l));
    read_lock(&l);
    /* A waiting writer keeps new readers out. */
    l.cnts |= RW_WRITER_WAITING;
    assert_false(read_trylock(&l));
    l.cnts &= ~RW_WRITER_WAITING;
    read_unlock(&l);
    write_lock(&l);
    assert_int_equal(l.cnts, RW_WRITER_LOCKED);
    write_unlock(&l);
    assert_int_equal(l.cnts, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_waits_for_every_cpu),
        cmocka_unit_test(test_no_period_without_callbacks),
        cmocka_unit_test(test_late_callback_waits_for_next_period),
        cmocka_unit_test(test_batch_runs_together),
        cmocka_unit_test(test_rwlock_rules),
    };

    return cmocka_run_group_tests(tests, setup, NULL);
}
