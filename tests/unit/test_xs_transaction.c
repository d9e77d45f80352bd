/* SPDX-License-Identifier: GPL-2.0-only */
/* xenstored transactions: ids, the private view, commit and abort, EAGAIN
 * on conflicting changes, watches at commit, bad ids, and the transaction
 * quotas of unprivileged domains. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../tools/xenstored/conn.h"
#include "../../tools/xenstored/store.h"
#include "test_xs_harness.h"

static char buf[XENSTORE_PAYLOAD_MAX + 1];
static char path[XENSTORE_PAYLOAD_MAX], token[XENSTORE_PAYLOAD_MAX];

static void expect_event(struct xs_conn *c, const char *p, const char *t)
{
    assert_true(th_event(c, path, token));
    assert_string_equal(path, p);
    assert_string_equal(token, t);
}

static void test_ids(void **state)
{
    struct xs_conn *c = th_dom0(), *o = th_dom0();
    uint32_t a = th_tx_start(c), b = th_tx_start(c);

    assert_int_not_equal(a, 0);
    assert_int_not_equal(b, 0);
    assert_int_not_equal(a, b);
    /* Ids belong to their connection. */
    assert_int_equal(th_read(o, a, "/tool", buf), ENOENT);
    assert_int_equal(th_read(c, a, "/tool", buf), 0);
    assert_int_equal(th_tx_end(c, a, false), 0);
    assert_int_equal(th_read(c, a, "/tool", buf), ENOENT);
    assert_int_equal(th_tx_end(c, a, true), ENOENT);
    assert_int_equal(th_tx_end(c, b, true), 0);
}

static void test_private_view(void **state)
{
    struct xs_conn *c = th_dom0(), *o = th_dom0();
    uint32_t t;

    assert_int_equal(th_write(c, 0, "/v/old", "1"), 0);
    t = th_tx_start(c);
    assert_int_equal(th_write(c, t, "/v/new/deep", "2"), 0);
    assert_int_equal(th_rm(c, t, "/v/old"), 0);
    assert_int_equal(th_read(c, t, "/v/new/deep", buf), 0);
    assert_string_equal(buf, "2");
    assert_int_equal(th_read(c, t, "/v/old", buf), ENOENT);
    assert_int_equal(th_dir(c, t, "/v", buf), 0);
    assert_string_equal(buf, "new");
    /* Nobody else sees any of it yet. */
    assert_int_equal(th_read(o, 0, "/v/new/deep", buf), ENOENT);
    assert_int_equal(th_read(c, 0, "/v/old", buf), 0);
    assert_int_equal(th_dir(o, 0, "/v", buf), 0);
    assert_string_equal(buf, "old");
    assert_int_equal(th_tx_end(c, t, true), 0);
    assert_int_equal(th_read(o, 0, "/v/new/deep", buf), 0);
    assert_string_equal(buf, "2");
    assert_int_equal(th_read(o, 0, "/v/old", buf), ENOENT);
    assert_int_equal(th_dir(o, 0, "/v", buf), 0);
    assert_string_equal(buf, "new");
}

static void test_abort(void **state)
{
    struct xs_conn *c = th_dom0();
    uint32_t t = th_tx_start(c);

    assert_int_equal(th_write(c, t, "/gone/x", "1"), 0);
    assert_int_equal(th_setperms(c, t, "/tool", "r0"), 0);
    assert_int_equal(th_tx_end(c, t, false), 0);
    assert_int_equal(th_read(c, 0, "/gone", buf), ENOENT);
    assert_int_equal(th_getperms(c, 0, "/tool", buf), 0);
    assert_string_equal(buf, "n0");
}

/* A transaction that read one node and wrote another, raced by plain
 * writes: only a change to something it touched makes it fail. */
static void test_conflicts(void **state)
{
    struct xs_conn *c = th_dom0(), *o = th_dom0();
    uint32_t t;

    assert_int_equal(th_write(c, 0, "/a", "1"), 0);
    assert_int_equal(th_write(c, 0, "/b", "1"), 0);
    t = th_tx_start(c);
    assert_int_equal(th_read(c, t, "/a", buf), 0);
    assert_int_equal(th_write(c, t, "/b", "tx"), 0);
    assert_int_equal(th_write(o, 0, "/c", "unrelated"), 0);
    assert_int_equal(th_tx_end(c, t, true), 0);
    assert_int_equal(th_read(o, 0, "/b", buf), 0);
    assert_string_equal(buf, "tx");

    t = th_tx_start(c);
    assert_int_equal(th_read(c, t, "/a", buf), 0);
    assert_int_equal(th_write(c, t, "/b", "lost"), 0);
    assert_int_equal(th_write(o, 0, "/a", "2"), 0);
    assert_int_equal(th_tx_end(c, t, true), EAGAIN);
    assert_int_equal(th_read(o, 0, "/b", buf), 0);
    assert_string_equal(buf, "tx");

    t = th_tx_start(c);
    assert_int_equal(th_write(c, t, "/b", "mine"), 0);
    assert_int_equal(th_write(o, 0, "/b", "theirs"), 0);
    assert_int_equal(th_tx_end(c, t, true), EAGAIN);

    t = th_tx_start(c);
    assert_int_equal(th_read(c, t, "/a", buf), 0);
    assert_int_equal(th_rm(o, 0, "/a"), 0);
    assert_int_equal(th_tx_end(c, t, true), EAGAIN);
    /* The transaction is gone after EAGAIN. */
    assert_int_equal(th_tx_end(c, t, true), ENOENT);
}

static void test_conflict_on_absent(void **state)
{
    struct xs_conn *c = th_dom0(), *o = th_dom0();
    uint32_t t = th_tx_start(c);

    assert_int_equal(th_read(c, t, "/new", buf), ENOENT);
    assert_int_equal(th_write(o, 0, "/new", "x"), 0);
    assert_int_equal(th_tx_end(c, t, true), EAGAIN);

    t = th_tx_start(c);
    assert_int_equal(th_write(c, t, "/p/q/r", "1"), 0);
    assert_int_equal(th_mkdir(o, 0, "/p/q"), 0);
    assert_int_equal(th_tx_end(c, t, true), EAGAIN);
    assert_int_equal(th_read(o, 0, "/p/q/r", buf), ENOENT);
}

/* Two transactions interfering: the first to commit wins. */
static void test_two_transactions(void **state)
{
    struct xs_conn *c = th_dom0(), *o = th_dom0();
    uint32_t t1, t2;

    assert_int_equal(th_write(c, 0, "/A", "a"), 0);
    assert_int_equal(th_write(c, 0, "/B", "b"), 0);
    t1 = th_tx_start(c);
    t2 = th_tx_start(o);
    assert_int_equal(th_read(c, t1, "/A", buf), 0);
    assert_int_equal(th_read(o, t2, "/B", buf), 0);
    assert_int_equal(th_write(c, t1, "/B", "1"), 0);
    assert_int_equal(th_write(o, t2, "/A", "2"), 0);
    assert_int_equal(th_tx_end(c, t1, true), 0);
    assert_int_equal(th_tx_end(o, t2, true), EAGAIN);
    assert_int_equal(th_read(c, 0, "/A", buf), 0);
    assert_string_equal(buf, "a");
    assert_int_equal(th_read(c, 0, "/B", buf), 0);
    assert_string_equal(buf, "1");
}

static void test_watches_at_commit(void **state)
{
    struct xs_conn *c = th_dom0(), *w = th_dom0();
    uint32_t t;

    assert_int_equal(th_write(c, 0, "/s/a/b", "1"), 0);
    assert_int_equal(th_watch(w, "/s", "s"), 0);
    assert_int_equal(th_watch(w, "/s/a/b", "leaf"), 0);
    th_drop_events(w);
    t = th_tx_start(c);
    assert_int_equal(th_write(c, t, "/s/x", "1"), 0);
    assert_int_equal(th_rm(c, t, "/s/a"), 0);
    assert_int_equal(th_nevents(w), 0);
    assert_int_equal(th_tx_end(c, t, true), 0);
    expect_event(w, "/s/x", "s");
    expect_event(w, "/s/a/b", "leaf");
    expect_event(w, "/s/a", "s");
    assert_int_equal(th_nevents(w), 0);
    /* Nothing for aborted or failed transactions. */
    t = th_tx_start(c);
    assert_int_equal(th_write(c, t, "/s/y", "1"), 0);
    assert_int_equal(th_tx_end(c, t, false), 0);
    t = th_tx_start(c);
    assert_int_equal(th_write(c, t, "/s/x", "2"), 0);
    assert_int_equal(th_write(c, 0, "/s/x", "3"), 0);
    expect_event(w, "/s/x", "s");
    assert_int_equal(th_tx_end(c, t, true), EAGAIN);
    assert_int_equal(th_nevents(w), 0);
}

static void test_bad_requests(void **state)
{
    struct xs_conn *c = th_dom0();
    uint32_t t = th_tx_start(c);
    struct th_msg m;

    th_call(c, XS_TRANSACTION_START, t, "", 1, &m);
    assert_int_equal(th_errno(&m), EBUSY);
    th_call(c, XS_TRANSACTION_START, t + 100, "", 1, &m);
    assert_int_equal(th_errno(&m), ENOENT);
    th_call(c, XS_TRANSACTION_END, 0, "T", 2, &m);
    assert_int_equal(th_errno(&m), ENOENT);
    th_call(c, XS_TRANSACTION_END, t, "X", 2, &m);
    assert_int_equal(th_errno(&m), EINVAL);
    th_call(c, XS_TRANSACTION_END, t, "T", 1, &m);
    assert_int_equal(th_errno(&m), EINVAL);
    th_call(c, XS_TRANSACTION_END, t, "TT", 3, &m);
    assert_int_equal(th_errno(&m), EINVAL);
    th_call(c, XS_TRANSACTION_END, t, "T\0F", 4, &m);
    assert_int_equal(th_errno(&m), EINVAL);
    assert_int_equal(th_write(c, t + 1, "/x", "1"), ENOENT);
    /* Still open after the bad attempts. */
    assert_int_equal(th_tx_end(c, t, true), 0);
    /* RESET_WATCHES drops open transactions. */
    t = th_tx_start(c);
    th_call(c, XS_RESET_WATCHES, t, "", 1, &m);
    assert_string_equal(m.body, "OK");
    assert_int_equal(th_tx_end(c, t, true), ENOENT);
    /* A connection may go away with transactions open. */
    t = th_tx_start(c);
    assert_int_equal(th_write(c, t, "/leak", "1"), 0);
}

static void test_quota_transactions(void **state)
{
    struct xs_conn *c = th_dom0(), *u = th_domu(5);
    uint32_t ids[10];
    unsigned int i;
    struct th_msg m;

    for ( i = 0; i < 10; i++ )
        ids[i] = th_tx_start(u);
    th_call(u, XS_TRANSACTION_START, 0, "", 1, &m);
    assert_int_equal(th_errno(&m), ENOSPC);
    assert_int_equal(th_tx_end(u, ids[3], false), 0);
    ids[3] = th_tx_start(u);
    for ( i = 0; i < 12; i++ )
        th_tx_start(c);
}

static void test_quota_tx_nodes(void **state)
{
    struct xs_conn *c = th_dom0(), *u = th_domu(5);
    uint32_t t;

    th_store->quota.tx_nodes = 3;
    assert_int_equal(th_mkdir(c, 0, "/local/domain/5"), 0);
    assert_int_equal(th_setperms(c, 0, "/local/domain/5", "n5"), 0);
    t = th_tx_start(u);
    assert_int_equal(th_write(u, t, "a", "1"), 0);     /* a and home */
    assert_int_equal(th_write(u, t, "b", "1"), 0);
    assert_int_equal(th_write(u, t, "c", "1"), ENOSPC);
    /* The transaction cannot commit any more. */
    assert_int_equal(th_tx_end(u, t, true), ENOMEM);
    assert_int_equal(th_read(u, 0, "a", buf), ENOENT);
    t = th_tx_start(c);
    assert_int_equal(th_write(c, t, "/x/y/z/w", "1"), 0);
    assert_int_equal(th_tx_end(c, t, true), 0);
}

static void test_quota_nodes_at_commit(void **state)
{
    struct xs_conn *c = th_dom0(), *u = th_domu(5);
    uint32_t t1, t2;

    th_store->quota.nodes = 3;
    assert_int_equal(th_mkdir(c, 0, "/local/domain/5"), 0);
    assert_int_equal(th_setperms(c, 0, "/local/domain/5", "n5"), 0);
    t1 = th_tx_start(u);
    t2 = th_tx_start(u);
    assert_int_equal(th_write(u, t1, "a/b", "1"), 0);
    assert_int_equal(th_write(u, t1, "c", "1"), ENOSPC);
    assert_int_equal(th_write(u, t2, "c", "1"), 0);
    assert_int_equal(th_tx_end(u, t2, true), 0);
    /* t1 fitted alone but no longer does. */
    assert_int_equal(th_tx_end(u, t1, true), ENOSPC);
}

static void test_generation(void **state)
{
    struct xs_conn *c = th_dom0();
    char gen1[32];
    struct th_msg m;
    uint32_t t;

    assert_int_equal(th_mkdir(c, 0, "/g"), 0);
    th_call(c, XS_DIRECTORY_PART, 0, "/g\0" "0", 5, &m);
    strcpy(gen1, m.body);
    t = th_tx_start(c);
    th_call(c, XS_DIRECTORY_PART, t, "/g\0" "0", 5, &m);
    assert_string_equal(m.body, gen1);
    assert_int_equal(th_write(c, t, "/g/kid", ""), 0);
    th_call(c, XS_DIRECTORY_PART, t, "/g\0" "0", 5, &m);
    assert_string_not_equal(m.body, gen1);
    assert_memory_equal(m.body + strlen(m.body) + 1, "kid\0", 5);
    assert_int_equal(th_tx_end(c, t, true), 0);
    th_call(c, XS_DIRECTORY_PART, 0, "/g\0" "0", 5, &m);
    assert_string_not_equal(m.body, gen1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TH_TEST(test_ids),
        TH_TEST(test_private_view),
        TH_TEST(test_abort),
        TH_TEST(test_conflicts),
        TH_TEST(test_conflict_on_absent),
        TH_TEST(test_two_transactions),
        TH_TEST(test_watches_at_commit),
        TH_TEST(test_bad_requests),
        TH_TEST(test_quota_transactions),
        TH_TEST(test_quota_tx_nodes),
        TH_TEST(test_quota_nodes_at_commit),
        TH_TEST(test_generation),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
