/* SPDX-License-Identifier: GPL-2.0-only */
/* xenstored message handling: framing and malformed requests, the error
 * names, and the replies of every message type, including the domain
 * bookkeeping (INTRODUCE, RELEASE, RESUME, SET_TARGET) and CONTROL. */
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
#include "../../tools/xenstored/domain.h"
#include "../../tools/xenstored/protocol.h"
#include "../../tools/xenstored/store.h"
#include "test_xs_harness.h"

static char buf[XENSTORE_PAYLOAD_MAX + 1];
static char path[XENSTORE_PAYLOAD_MAX], token[XENSTORE_PAYLOAD_MAX];
static struct th_msg m;

/* Sends a body given as a string literal (its size includes the NUL the
 * literal ends with, so "a\0b" sends "a\0b\0"). */
#define CALL(c, type, tx, lit) th_call(c, type, tx, lit, sizeof(lit), &m)

static void test_error_names(void **state)
{
    static const char *const order[] = {
        "EINVAL", "EACCES", "EEXIST", "EISDIR", "ENOENT", "ENOMEM",
        "ENOSPC", "EIO", "ENOTEMPTY", "ENOSYS", "EROFS", "EBUSY",
        "EAGAIN", "EISCONN", "E2BIG", "EPERM",
    };
    size_t i;

    assert_int_equal(sizeof(xsd_errors) / sizeof(xsd_errors[0]), 16);
    for ( i = 0; i < 16; i++ )
    {
        assert_string_equal(xsd_errors[i].errstring, order[i]);
        assert_string_equal(xs_errno_name(xsd_errors[i].errnum), order[i]);
    }
    assert_string_equal(xs_errno_name(EXDEV), "EINVAL");
    assert_string_equal(xs_errno_name(0), "EINVAL");
}

static void test_framing(void **state)
{
    struct xs_conn *c = th_dom0();
    static char msg[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX + 1];
    struct xsd_sockmsg h = { .type = XS_READ, .req_id = 9, .len = 6 };

    memcpy(msg, &h, sizeof(h));
    memcpy(msg + sizeof(h), "/tool", 6);
    assert_int_equal(th_raw(c, msg, sizeof(h) + 6), 0);
    /* Short header, length mismatch, oversized payload: drop. */
    assert_int_equal(th_raw(c, msg, 10), -1);
    assert_int_equal(th_raw(c, msg, sizeof(h) + 5), -1);
    assert_int_equal(th_raw(c, msg, sizeof(h) + 7), -1);
    h.len = XENSTORE_PAYLOAD_MAX + 1;
    memcpy(msg, &h, sizeof(h));
    assert_int_equal(th_raw(c, msg, sizeof(h) + h.len), -1);
    h.len = 0xffffffffu;
    memcpy(msg, &h, sizeof(h));
    assert_int_equal(th_raw(c, msg, sizeof(h)), -1);
}

static void test_reply_header(void **state)
{
    struct xs_conn *c = th_dom0();
    uint32_t t = th_tx_start(c);

    th_call(c, XS_READ, t, "/tool", 6, &m);
    assert_int_equal(m.type, XS_READ);
    assert_int_equal(m.tx_id, t);       /* checked by th_call too */
    th_call(c, XS_READ, t, "/none", 6, &m);
    assert_int_equal(m.type, XS_ERROR);
    assert_int_equal(m.len, sizeof("ENOENT"));
    assert_memory_equal(m.body, "ENOENT", sizeof("ENOENT"));
}

static void test_unknown_types(void **state)
{
    struct xs_conn *c = th_dom0();
    static const uint32_t bad[] = {
        XS_WATCH_EVENT, XS_ERROR, 20, XS_TYPE_COUNT, 99, XS_INVALID,
        0xffffffffu,
    };
    size_t i;

    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        th_call(c, bad[i], 0, "/x", 3, &m);
        assert_int_equal(th_errno(&m), ENOSYS);
    }
}

/* Bodies that are not what the type asks for. */
static void test_malformed(void **state)
{
    struct xs_conn *c = th_dom0();
    static char big[XENSTORE_PAYLOAD_MAX];
    static const uint32_t onearg[] = {
        XS_READ, XS_DIRECTORY, XS_GET_PERMS, XS_MKDIR, XS_RM,
        XS_GET_DOMAIN_PATH, XS_IS_DOMAIN_INTRODUCED, XS_RELEASE,
        XS_RESUME,
    };
    size_t i;

    for ( i = 0; i < sizeof(onearg) / sizeof(onearg[0]); i++ )
    {
        th_call(c, onearg[i], 0, "/tool", 5, &m);   /* no NUL */
        assert_int_equal(th_errno(&m), EINVAL);
        th_call(c, onearg[i], 0, "/tool\0/x", 9, &m);   /* two strings */
        assert_int_equal(th_errno(&m), EINVAL);
        th_call(c, onearg[i], 0, "", 0, &m);
        assert_int_equal(th_errno(&m), EINVAL);
    }
    th_call(c, XS_WRITE, 0, "/nonul", 6, &m);
    assert_int_equal(th_errno(&m), EINVAL);
    th_call(c, XS_DIRECTORY_PART, 0, "/tool", 6, &m);
    assert_int_equal(th_errno(&m), EINVAL);
    th_call(c, XS_SET_PERMS, 0, "/tool", 6, &m);
    assert_int_equal(th_errno(&m), EINVAL);
    th_call(c, XS_SET_PERMS, 0, "/tool\0n0", 8, &m);   /* perm unended */
    assert_int_equal(th_errno(&m), EINVAL);
    th_call(c, XS_INTRODUCE, 0, "1\0" "2", 4, &m);
    assert_int_equal(th_errno(&m), EINVAL);
    th_call(c, XS_SET_TARGET, 0, "1", 2, &m);
    assert_int_equal(th_errno(&m), EINVAL);
    th_call(c, XS_CONTROL, 0, "check", 5, &m);
    assert_int_equal(th_errno(&m), EINVAL);
    /* A full-size payload of garbage is an error, not a crash. */
    memset(big, 'z', sizeof(big));
    th_call(c, XS_WRITE, 0, big, sizeof(big), &m);
    assert_int_equal(th_errno(&m), EINVAL);
    th_call(c, XS_READ, 0, big, sizeof(big), &m);
    assert_int_equal(th_errno(&m), EINVAL);
    big[sizeof(big) - 1] = '\0';
    th_call(c, XS_READ, 0, big, sizeof(big), &m);
    assert_int_equal(th_errno(&m), EINVAL);     /* relative, too long */
}

static void test_full_payload_write(void **state)
{
    struct xs_conn *c = th_dom0();
    static char body[XENSTORE_PAYLOAD_MAX];

    memcpy(body, "/full", 6);
    memset(body + 6, 'v', sizeof(body) - 6);
    th_call(c, XS_WRITE, 0, body, sizeof(body), &m);
    assert_string_equal(m.body, "OK");
    th_call(c, XS_READ, 0, "/full", 6, &m);
    assert_int_equal(m.len, sizeof(body) - 6);
}

static void test_domain_path(void **state)
{
    struct xs_conn *c = th_dom0(), *u = th_domu(5);

    CALL(c, XS_GET_DOMAIN_PATH, 0, "5");
    assert_int_equal(m.len, sizeof("/local/domain/5"));
    assert_string_equal(m.body, "/local/domain/5");
    CALL(u, XS_GET_DOMAIN_PATH, 0, "32752");
    assert_string_equal(m.body, "/local/domain/32752");
}

static void test_introduce_release(void **state)
{
    struct xs_conn *c = th_dom0(), *u;

    CALL(c, XS_IS_DOMAIN_INTRODUCED, 0, "3");
    assert_string_equal(m.body, "F");
    assert_int_equal(m.len, 2);
    CALL(c, XS_IS_DOMAIN_INTRODUCED, 0, "32752");     /* DOMID_SELF */
    assert_string_equal(m.body, "T");
    CALL(c, XS_INTRODUCE, 0, "3\0" "77\0" "9");
    assert_string_equal(m.body, "OK");
    assert_int_equal(th_introduced, 1);
    CALL(c, XS_IS_DOMAIN_INTRODUCED, 0, "3");
    assert_string_equal(m.body, "T");
    u = xs_domain_find(th_store, 3)->conn;
    assert_non_null(u);
    assert_false(u->id.privileged);
    assert_string_equal(u->home, "/local/domain/3");
    assert_int_equal(xs_domain_find(th_store, 3)->port, 9);

    /* Again: the transport rebinds, the domain's watches go. */
    assert_int_equal(th_watch(u, "/x", "t"), 0);
    CALL(c, XS_INTRODUCE, 0, "3\0" "77\0" "10");
    assert_string_equal(m.body, "OK");
    assert_int_equal(th_reintroduced, 1);
    assert_int_equal(th_introduced, 1);
    assert_null(u->watches);
    assert_int_equal(xs_domain_find(th_store, 3)->port, 10);

    CALL(c, XS_INTRODUCE, 0, "4\0" "77\0" "0");
    assert_int_equal(th_errno(&m), EINVAL);
    CALL(c, XS_INTRODUCE, 0, "4\0" "77\0" "-3");
    assert_int_equal(th_errno(&m), EINVAL);
    th_introduce_error = EIO;
    CALL(c, XS_INTRODUCE, 0, "4\0" "77\0" "5");
    assert_int_equal(th_errno(&m), EIO);
    CALL(c, XS_IS_DOMAIN_INTRODUCED, 0, "4");
    assert_string_equal(m.body, "F");

    CALL(c, XS_RELEASE, 0, "3");
    assert_string_equal(m.body, "OK");
    assert_int_equal(th_released, 1);
    CALL(c, XS_IS_DOMAIN_INTRODUCED, 0, "3");
    assert_string_equal(m.body, "F");
    CALL(c, XS_RELEASE, 0, "3");
    assert_int_equal(th_errno(&m), ENOENT);
    CALL(c, XS_RELEASE, 0, "0");
    assert_int_equal(th_errno(&m), EINVAL);
}

static void test_resume(void **state)
{
    struct xs_conn *c = th_dom0();

    assert_int_equal(th_watch(c, "@releaseDomain", "r"), 0);
    th_drop_events(c);
    CALL(c, XS_INTRODUCE, 0, "6\0" "1\0" "2");
    xs_domain_shutdown(th_store, 6);
    assert_true(th_event(c, path, token));
    assert_string_equal(path, "@releaseDomain");
    xs_domain_shutdown(th_store, 6);    /* once per shutdown */
    assert_int_equal(th_nevents(c), 0);
    CALL(c, XS_RESUME, 0, "6");
    assert_string_equal(m.body, "OK");
    xs_domain_shutdown(th_store, 6);
    assert_int_equal(th_nevents(c), 1);
    th_drop_events(c);
    CALL(c, XS_RESUME, 0, "8");
    assert_int_equal(th_errno(&m), ENOENT);
    /* A dying domain loses its connection, and watchers hear of it. */
    xs_domain_gone(th_store, 6);
    assert_int_equal(th_nevents(c), 1);
    assert_int_equal(th_released, 1);
    CALL(c, XS_IS_DOMAIN_INTRODUCED, 0, "6");
    assert_string_equal(m.body, "F");
}

static void test_set_target(void **state)
{
    struct xs_conn *c = th_dom0(), *dm, *guest;

    CALL(c, XS_INTRODUCE, 0, "2\0" "1\0" "1");
    CALL(c, XS_INTRODUCE, 0, "9\0" "1\0" "1");
    guest = xs_domain_find(th_store, 2)->conn;
    dm = xs_domain_find(th_store, 9)->conn;
    assert_int_equal(th_write(c, 0, "/local/domain/2/x", "1"), 0);
    assert_int_equal(th_setperms(c, 0, "/local/domain/2/x", "n2"), 0);
    assert_int_equal(th_read(dm, 0, "/local/domain/2/x", buf), EACCES);
    CALL(c, XS_SET_TARGET, 0, "9\0" "2");
    assert_string_equal(m.body, "OK");
    assert_int_equal(th_read(dm, 0, "/local/domain/2/x", buf), 0);
    assert_int_equal(th_write(dm, 0, "/local/domain/2/x", "dm"), 0);
    assert_int_equal(th_read(guest, 0, "/local/domain/2/x", buf), 0);
    assert_string_equal(buf, "dm");
    CALL(c, XS_SET_TARGET, 0, "9\0" "5");
    assert_int_equal(th_errno(&m), ENOENT);
    CALL(c, XS_RELEASE, 0, "2");
    assert_int_equal(dm->id.target, -1);
}

static void test_privileged_only(void **state)
{
    struct xs_conn *u = th_domu(5);
    static const struct {
        uint32_t type;
        const char *body;
        size_t len;
    } op[] = {
        { XS_CONTROL, "check", 6 },
        { XS_INTRODUCE, "6\0" "1\0" "2", 6 },
        { XS_RELEASE, "6", 2 },
        { XS_IS_DOMAIN_INTRODUCED, "6", 2 },
        { XS_RESUME, "6", 2 },
        { XS_SET_TARGET, "5\0" "6", 4 },
    };
    size_t i;

    for ( i = 0; i < sizeof(op) / sizeof(op[0]); i++ )
    {
        th_call(u, op[i].type, 0, op[i].body, op[i].len, &m);
        assert_int_equal(th_errno(&m), EACCES);
    }
    assert_int_equal(th_introduced, 0);
}

static void test_control(void **state)
{
    struct xs_conn *c = th_dom0();

    CALL(c, XS_CONTROL, 0, "check");
    assert_string_equal(m.body, "OK");
    CALL(c, XS_CONTROL, 0, "print\0hello");
    assert_string_equal(m.body, "OK");
    CALL(c, XS_CONTROL, 0, "print");
    assert_int_equal(th_errno(&m), EINVAL);
    CALL(c, XS_CONTROL, 0, "help");
    assert_non_null(strstr(m.body, "check"));
    assert_int_equal(m.len, strlen(m.body) + 1);
    CALL(c, XS_CONTROL, 0, "quota");
    assert_non_null(strstr(m.body, "nodes"));
    assert_non_null(strstr(m.body, "1000"));
    CALL(c, XS_CONTROL, 0, "quota\0" "0");
    assert_non_null(strstr(m.body, "Domain 0"));
    CALL(c, XS_CONTROL, 0, "quota\0" "42");
    assert_int_equal(th_errno(&m), ENOENT);
    CALL(c, XS_CONTROL, 0, "frobnicate");
    assert_int_equal(th_errno(&m), EINVAL);
    CALL(c, XS_DEBUG, 0, "");
    assert_int_equal(th_errno(&m), EINVAL);
}

/* Every node operation's normal reply, one after the other. */
static void test_node_replies(void **state)
{
    struct xs_conn *c = th_dom0();

    CALL(c, XS_MKDIR, 0, "/n");
    assert_int_equal(m.type, XS_MKDIR);
    assert_int_equal(m.len, 3);
    assert_memory_equal(m.body, "OK", 3);
    th_call(c, XS_WRITE, 0, "/n/a\0val", 8, &m);
    assert_int_equal(m.type, XS_WRITE);
    CALL(c, XS_DIRECTORY, 0, "/n");
    assert_int_equal(m.type, XS_DIRECTORY);
    assert_int_equal(m.len, 2);
    assert_memory_equal(m.body, "a", 2);
    CALL(c, XS_DIRECTORY, 0, "/n/a");
    assert_int_equal(m.len, 0);         /* no children: empty payload */
    CALL(c, XS_READ, 0, "/n/a");
    assert_int_equal(m.len, 3);
    CALL(c, XS_SET_PERMS, 0, "/n/a\0n0\0r3");
    assert_int_equal(m.type, XS_SET_PERMS);
    CALL(c, XS_GET_PERMS, 0, "/n/a");
    assert_int_equal(m.type, XS_GET_PERMS);
    assert_int_equal(m.len, 6);
    assert_memory_equal(m.body, "n0\0r3\0", 6);
    CALL(c, XS_GET_PERMS, 0, "@releaseDomain");
    assert_int_equal(th_errno(&m), EINVAL);
    CALL(c, XS_DIRECTORY_PART, 0, "/n\0" "0");
    assert_int_equal(m.type, XS_DIRECTORY_PART);
    assert_int_equal(m.len, strlen(m.body) + 1 + 3);
    assert_memory_equal(m.body + strlen(m.body) + 1, "a\0\0", 3);
    CALL(c, XS_RM, 0, "/n");
    assert_int_equal(m.type, XS_RM);
    CALL(c, XS_RESET_WATCHES, 0, "");
    assert_int_equal(m.type, XS_RESET_WATCHES);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_names),
        TH_TEST(test_framing),
        TH_TEST(test_reply_header),
        TH_TEST(test_unknown_types),
        TH_TEST(test_malformed),
        TH_TEST(test_full_payload_write),
        TH_TEST(test_domain_path),
        TH_TEST(test_introduce_release),
        TH_TEST(test_resume),
        TH_TEST(test_set_target),
        TH_TEST(test_privileged_only),
        TH_TEST(test_control),
        TH_TEST(test_node_replies),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
