/* SPDX-License-Identifier: GPL-2.0-only */
/* xenstored watches: the first event, matching on ancestors, subtree
 * removal, relative paths, tokens, permissions on events, special events,
 * the watch quota and RESET_WATCHES. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../tools/xenstored/conn.h"
#include "../../tools/xenstored/store.h"
#include "test_xs_harness.h"

static char path[XENSTORE_PAYLOAD_MAX], token[XENSTORE_PAYLOAD_MAX];

/* The next event of c must be (p, t). */
static void expect_event(struct xs_conn *c, const char *p, const char *t)
{
    assert_true(th_event(c, path, token));
    assert_string_equal(path, p);
    assert_string_equal(token, t);
}

static void expect_none(struct xs_conn *c)
{
    assert_int_equal(th_nevents(c), 0);
}

static void test_first_event(void **state)
{
    struct xs_conn *c = th_dom0();

    assert_int_equal(th_watch(c, "/not/there", "tok"), 0);
    /* The reply comes first, then the event for the watch itself. */
    assert_int_equal(th_events_before, 0);
    assert_int_equal(th_events_after, 1);
    expect_event(c, "/not/there", "tok");
    expect_none(c);
}

static void test_ancestors(void **state)
{
    struct xs_conn *c = th_dom0(), *o = th_dom0();

    assert_int_equal(th_watch(c, "/w", "w"), 0);
    assert_int_equal(th_watch(c, "/", "root"), 0);
    assert_int_equal(th_watch(c, "/w/x/y", "below"), 0);
    assert_int_equal(th_watch(c, "/wx", "sibling"), 0);
    th_drop_events(c);
    assert_int_equal(th_write(o, 0, "/w/x", "1"), 0);
    expect_event(c, "/w/x", "w");
    expect_event(c, "/w/x", "root");
    expect_none(c);
    expect_none(o);
    /* The writer's own watches fire before its reply. */
    assert_int_equal(th_write(c, 0, "/wx", "1"), 0);
    assert_int_equal(th_events_before, 2);
    assert_int_equal(th_events_after, 0);
    expect_event(c, "/wx", "root");
    expect_event(c, "/wx", "sibling");
    assert_int_equal(th_mkdir(o, 0, "/w/x"), 0);
    expect_none(c);                     /* nothing changed */
    assert_int_equal(th_mkdir(o, 0, "/w/x/y"), 0);
    expect_event(c, "/w/x/y", "w");
    expect_event(c, "/w/x/y", "root");
    expect_event(c, "/w/x/y", "below");
}

static void test_tokens(void **state)
{
    struct xs_conn *c = th_dom0();

    assert_int_equal(th_watch(c, "/t", "one"), 0);
    assert_int_equal(th_watch(c, "/t", "one"), EEXIST);
    assert_int_equal(th_watch(c, "/t", "two"), 0);
    th_drop_events(c);
    assert_int_equal(th_write(c, 0, "/t", "x"), 0);
    expect_event(c, "/t", "one");
    expect_event(c, "/t", "two");
    assert_int_equal(th_unwatch(c, "/t", "one"), 0);
    assert_int_equal(th_unwatch(c, "/t", "one"), ENOENT);
    assert_int_equal(th_unwatch(c, "/t", "three"), ENOENT);
    assert_int_equal(th_write(c, 0, "/t", "y"), 0);
    expect_event(c, "/t", "two");
    expect_none(c);
}

static void test_subtree_removal(void **state)
{
    struct xs_conn *c = th_dom0();

    assert_int_equal(th_write(c, 0, "/r/a/b/c", "1"), 0);
    assert_int_equal(th_watch(c, "/r", "parent"), 0);
    assert_int_equal(th_watch(c, "/r/a", "root"), 0);
    assert_int_equal(th_watch(c, "/r/a/b/c", "leaf"), 0);
    assert_int_equal(th_watch(c, "/r/a/b/c/d", "deeper"), 0);
    th_drop_events(c);
    assert_int_equal(th_rm(c, 0, "/r/a"), 0);
    /* Children go first; watches below the root see their own path. */
    expect_event(c, "/r/a/b/c", "leaf");
    expect_event(c, "/r/a", "parent");
    expect_event(c, "/r/a", "root");
    expect_none(c);
    assert_int_equal(th_rm(c, 0, "/r/a"), 0);
    expect_none(c);                     /* was absent: nothing fires */
}

static void test_relative(void **state)
{
    struct xs_conn *c = th_dom0(), *u = th_domu(5);

    assert_int_equal(th_watch(c, "rel/x", "t"), 0);
    expect_event(c, "rel/x", "t");
    assert_int_equal(th_write(c, 0, "/local/domain/0/rel/x/y", "1"), 0);
    expect_event(c, "rel/x/y", "t");
    assert_int_equal(th_write(c, 0, "rel/x", "1"), 0);
    expect_event(c, "rel/x", "t");
    /* An absolute watch on the same node keeps absolute paths. */
    assert_int_equal(th_watch(c, "/local/domain/0/rel/x", "a"), 0);
    expect_event(c, "/local/domain/0/rel/x", "a");
    assert_int_equal(th_unwatch(c, "rel/x", "t"), 0);
    assert_int_equal(th_unwatch(c, "/local/domain/0/rel/x", "a"), 0);
    /* Guests resolve against their own home. */
    assert_int_equal(th_mkdir(c, 0, "/local/domain/5"), 0);
    assert_int_equal(th_setperms(c, 0, "/local/domain/5", "n5"), 0);
    assert_int_equal(th_watch(u, "control/shutdown", "s"), 0);
    expect_event(u, "control/shutdown", "s");
    assert_int_equal(th_write(c, 0, "/local/domain/5/control/shutdown",
                              "poweroff"), 0);
    expect_event(u, "control/shutdown", "s");
    expect_none(u);
}

static void test_bad_watches(void **state)
{
    struct xs_conn *c = th_dom0();
    struct th_msg m;

    assert_int_equal(th_watch(c, "/a/", "t"), EINVAL);
    assert_int_equal(th_watch(c, "/a b", "t"), EINVAL);
    assert_int_equal(th_watch(c, "", "t"), EINVAL);
    th_call(c, XS_WATCH, 0, "/a", 3, &m);
    assert_int_equal(th_errno(&m), EINVAL);
    th_call(c, XS_WATCH, 0, "/a\0t\0x", 7, &m);
    assert_int_equal(th_errno(&m), EINVAL);
    /* Bytes after the token without a NUL are not a third string. */
    th_call(c, XS_WATCH, 0, "/a\0t\0x", 6, &m);
    assert_string_equal(m.body, "OK");
    th_call(c, XS_UNWATCH, 0, "/a", 3, &m);
    assert_int_equal(th_errno(&m), EINVAL);
    /* The header's transaction id does not matter to watches. */
    th_call(c, XS_WATCH, 77, "/b\0t", 5, &m);
    assert_string_equal(m.body, "OK");
    assert_int_equal(m.tx_id, 77);
}

static void test_event_permissions(void **state)
{
    struct xs_conn *c = th_dom0(), *u = th_domu(5);

    assert_int_equal(th_write(c, 0, "/p/node", "1"), 0);
    assert_int_equal(th_watch(u, "/p", "t"), 0);
    expect_event(u, "/p", "t");         /* the first event is always sent */
    assert_int_equal(th_write(c, 0, "/p/node", "2"), 0);
    expect_none(u);
    assert_int_equal(th_setperms(c, 0, "/p/node", "n0 r5"), 0);
    expect_event(u, "/p/node", "t");
    assert_int_equal(th_write(c, 0, "/p/node", "3"), 0);
    expect_event(u, "/p/node", "t");
    /* Losing read access is still news; later changes are not. */
    assert_int_equal(th_setperms(c, 0, "/p/node", "n0"), 0);
    expect_event(u, "/p/node", "t");
    assert_int_equal(th_write(c, 0, "/p/node", "4"), 0);
    expect_none(u);
    /* Readable parent: a child the guest cannot read still fires. */
    assert_int_equal(th_setperms(c, 0, "/p", "r0"), 0);
    expect_event(u, "/p", "t");
    assert_int_equal(th_write(c, 0, "/p/node", "5"), 0);
    expect_event(u, "/p/node", "t");
    assert_int_equal(th_setperms(c, 0, "/p", "n0"), 0);
    expect_event(u, "/p", "t");
    assert_int_equal(th_setperms(c, 0, "/p/node", "n0 r5"), 0);
    th_drop_events(u);
    assert_int_equal(th_rm(c, 0, "/p/node"), 0);
    expect_event(u, "/p/node", "t");    /* removal seen with the old rights */
    expect_none(u);
}

static void test_special(void **state)
{
    struct xs_conn *c = th_dom0(), *u = th_domu(5), *all = th_dom0();
    char body[32];
    struct th_msg m;

    assert_int_equal(th_watch(c, "@introduceDomain", "i"), 0);
    assert_int_equal(th_watch(c, "@releaseDomain", "r"), 0);
    assert_int_equal(th_watch(u, "@releaseDomain", "ur"), 0);
    assert_int_equal(th_watch(all, "/", "root"), 0);
    th_drop_events(c);
    th_drop_events(u);
    th_drop_events(all);
    memcpy(body, "7\0" "1234\0" "5", 9);
    th_call(c, XS_INTRODUCE, 0, body, 9, &m);
    assert_string_equal(m.body, "OK");
    expect_event(c, "@introduceDomain", "i");
    expect_none(c);
    expect_event(all, "@introduceDomain", "root");
    th_call(c, XS_RELEASE, 0, "7", 2, &m);
    assert_string_equal(m.body, "OK");
    expect_event(c, "@releaseDomain", "r");
    expect_event(all, "@releaseDomain", "root");
    expect_none(u);                     /* not allowed by default */
    /* dom0 lets domain 5 see releases. */
    assert_int_equal(th_setperms(u, 0, "@releaseDomain", "n0 r5"), EACCES);
    assert_int_equal(th_setperms(c, 0, "@releaseDomain", "n0 r5"), 0);
    assert_int_equal(th_setperms(c, 0, "@otherDomain", "n0"), EINVAL);
    th_call(c, XS_INTRODUCE, 0, body, 9, &m);
    th_call(c, XS_RELEASE, 0, "7", 2, &m);
    expect_event(u, "@releaseDomain", "ur");
    expect_none(u);
    /* Watches on other @ names are accepted but never fire. */
    th_drop_events(c);
    assert_int_equal(th_watch(c, "@whatever", "w"), 0);
    expect_event(c, "@whatever", "w");
}

static void test_quota(void **state)
{
    struct xs_conn *c = th_dom0(), *u = th_domu(5);
    char p[32];
    unsigned int i;

    th_store->quota.watches = 3;
    for ( i = 0; i < 3; i++ )
    {
        snprintf(p, sizeof(p), "/q%u", i);
        assert_int_equal(th_watch(u, p, "t"), 0);
    }
    assert_int_equal(th_watch(u, "/q9", "t"), E2BIG);
    assert_int_equal(th_watch(u, "/q0", "t"), EEXIST);
    assert_int_equal(th_unwatch(u, "/q0", "t"), 0);
    assert_int_equal(th_watch(u, "/q9", "t"), 0);
    for ( i = 0; i < 10; i++ )
    {
        snprintf(p, sizeof(p), "/d%u", i);
        assert_int_equal(th_watch(c, p, "t"), 0);
    }
}

static void test_reset(void **state)
{
    struct xs_conn *c = th_dom0();
    struct th_msg m;

    assert_int_equal(th_watch(c, "/x", "t"), 0);
    th_drop_events(c);
    th_call(c, XS_RESET_WATCHES, 0, "", 1, &m);
    assert_string_equal(m.body, "OK");
    assert_int_equal(th_write(c, 0, "/x", "1"), 0);
    expect_none(c);
    assert_int_equal(th_watch(c, "/x", "t"), 0);    /* not a duplicate */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TH_TEST(test_first_event),
        TH_TEST(test_ancestors),
        TH_TEST(test_tokens),
        TH_TEST(test_subtree_removal),
        TH_TEST(test_relative),
        TH_TEST(test_bad_watches),
        TH_TEST(test_event_permissions),
        TH_TEST(test_special),
        TH_TEST(test_quota),
        TH_TEST(test_reset),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
