/* SPDX-License-Identifier: GPL-2.0-only */
/* xenstored path rules, permission strings and evaluation, quota names:
 * the pure helpers under tools/xenstored. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../tools/xenstored/path.h"
#include "../../tools/xenstored/perms.h"
#include "../../tools/xenstored/quota.h"

static void test_valid_paths(void **state)
{
    assert_true(xs_path_valid("/", 0));
    assert_true(xs_path_valid("/a", 0));
    assert_true(xs_path_valid("/local/domain/0/device-model/1/state", 0));
    assert_true(xs_path_valid("/A-Z_a-z/0-9/@x", 0));
    assert_false(xs_path_valid("", 0));
    assert_false(xs_path_valid("a/b", 0));
    assert_false(xs_path_valid("/a/", 0));
    assert_false(xs_path_valid("//", 0));
    assert_false(xs_path_valid("/a//b", 0));
    assert_false(xs_path_valid("/a b", 0));
    assert_false(xs_path_valid("/a.b", 0));
    assert_false(xs_path_valid("/a:b", 0));
    assert_false(xs_path_valid("/\xc3\xa9", 0));
    assert_false(xs_path_valid("@releaseDomain", 0));
}

static void fill_path(char *buf, size_t len)
{
    size_t i;

    for ( i = 0; i < len; i++ )
        buf[i] = (i % 8 == 0) ? '/' : 'x';
    buf[len - 1] = 'x';                 /* never a trailing slash */
    buf[len] = '\0';
}

static void test_path_lengths(void **state)
{
    static char buf[XS_PATH_BUF];
    char *rel = buf + 16;

    fill_path(buf, XENSTORE_ABS_PATH_MAX);
    assert_true(xs_path_valid(buf, 0));
    fill_path(buf, XENSTORE_ABS_PATH_MAX + 1);
    assert_false(xs_path_valid(buf, 0));

    /* The quota counts below /local/domain/<id>/, the whole path elsewhere. */
    fill_path(buf, 2048);
    assert_true(xs_path_valid(buf, 2048));
    fill_path(buf, 2049);
    assert_false(xs_path_valid(buf, 2048));
    memcpy(buf, "/local/domain/17", 16);
    fill_path(rel, 2049);               /* "/" and 2048 below it */
    assert_true(xs_path_valid(buf, 2048));
    fill_path(rel, 2050);
    assert_false(xs_path_valid(buf, 2048));
    assert_true(xs_path_valid(buf, 0));
    /* Six digits are not a domain home: the whole path counts. */
    memcpy(buf, "/local/domain/1234567", 21);
    fill_path(buf + 21, 2040);
    assert_false(xs_path_valid(buf, 2048));
}

static void test_canonical(void **state)
{
    char out[XS_PATH_BUF], in[XS_PATH_BUF];

    assert_int_equal(xs_path_canonical("/local/domain/3", "x/y", out), 0);
    assert_string_equal(out, "/local/domain/3/x/y");
    assert_int_equal(xs_path_canonical("/local/domain/3", "/abs", out), 0);
    assert_string_equal(out, "/abs");
    assert_int_equal(xs_path_canonical("/local/domain/3", "@releaseDomain",
                                       out), 0);
    assert_string_equal(out, "@releaseDomain");
    /* The empty relative path becomes "home/", which is invalid. */
    assert_int_equal(xs_path_canonical("/local/domain/3", "", out), 0);
    assert_false(xs_path_valid(out, 0));
    memset(in, 'a', XENSTORE_PAYLOAD_MAX);
    in[XENSTORE_PAYLOAD_MAX] = '\0';
    assert_int_equal(xs_path_canonical("/local/domain/3", in, out), 0);
    memset(in, 'a', XS_PATH_BUF - 1);
    in[XS_PATH_BUF - 1] = '\0';
    assert_int_equal(xs_path_canonical("/local/domain/3", in, out), -1);
}

static void test_parent_child(void **state)
{
    char out[XS_PATH_BUF];

    xs_path_parent("/a/b/c", out);
    assert_string_equal(out, "/a/b");
    xs_path_parent("/a", out);
    assert_string_equal(out, "/");
    strcpy(out, "/x/y");
    xs_path_parent(out, out);
    assert_string_equal(out, "/x");
    assert_string_equal(xs_path_basename("/a/bc"), "bc");
    assert_true(xs_path_is_child("/a/b", "/a"));
    assert_true(xs_path_is_child("/a", "/a"));
    assert_true(xs_path_is_child("/anything", "/"));
    assert_true(xs_path_is_child("@releaseDomain", "/"));
    assert_false(xs_path_is_child("/ab", "/a"));
    assert_false(xs_path_is_child("/a", "/a/b"));
    assert_int_equal(xs_path_join("/", "a", out), 0);
    assert_string_equal(out, "/a");
    assert_int_equal(xs_path_join("/a", "b", out), 0);
    assert_string_equal(out, "/a/b");
}

static void test_perm_strings(void **state)
{
    static const char in[] = "n0\0r5\0w65535\0b7";
    struct xs_perm p[4];
    char buf[64];

    assert_int_equal(xs_perms_parse(in, 4, p), 0);
    assert_int_equal(p[0].id, 0);
    assert_int_equal(p[0].perms, XS_PERM_NONE);
    assert_int_equal(p[1].id, 5);
    assert_int_equal(p[1].perms, XS_PERM_READ);
    assert_int_equal(p[2].id, 65535);
    assert_int_equal(p[2].perms, XS_PERM_WRITE);
    assert_int_equal(p[3].perms, XS_PERM_READ | XS_PERM_WRITE);
    assert_int_equal(xs_perms_format(p, 4, buf, sizeof(buf)), sizeof(in));
    assert_memory_equal(buf, in, sizeof(in));
    assert_int_equal(xs_perms_format(p, 4, buf, 10), 0);

    assert_int_equal(xs_perms_parse("x0", 1, p), EINVAL);
    assert_int_equal(xs_perms_parse("r", 1, p), EINVAL);
    assert_int_equal(xs_perms_parse("r-1", 1, p), EINVAL);
    assert_int_equal(xs_perms_parse("r5x", 1, p), EINVAL);
    assert_int_equal(xs_perms_parse("r65536", 1, p), EINVAL);
    assert_int_equal(xs_perms_parse("r123456", 1, p), EINVAL);
    assert_int_equal(xs_perms_parse("", 1, p), EINVAL);
}

static void test_perm_rules(void **state)
{
    const struct xs_perm p[] = {
        { .id = 3, .perms = XS_PERM_READ },     /* owner 3, default read */
        { .id = 5, .perms = XS_PERM_NONE },
        { .id = 6, .perms = XS_PERM_READ | XS_PERM_WRITE },
        { .id = 5, .perms = XS_PERM_WRITE },    /* shadowed by entry 1 */
        { .id = 8, .perms = XS_PERM_WRITE | XS_PERM_IGNORE },
    };
    const unsigned int all = XS_PERM_READ | XS_PERM_WRITE | XS_PERM_OWNER;
    struct xs_ident who = { .domid = 3, .privileged = false, .target = -1 };

    assert_int_equal(xs_perms_for(&who, p, 5), all);
    who.domid = 5;
    assert_int_equal(xs_perms_for(&who, p, 5), XS_PERM_NONE);
    who.domid = 6;
    assert_int_equal(xs_perms_for(&who, p, 5), XS_PERM_READ | XS_PERM_WRITE);
    who.domid = 7;
    assert_int_equal(xs_perms_for(&who, p, 5), XS_PERM_READ);
    who.domid = 8;                      /* ignored entry: the default */
    assert_int_equal(xs_perms_for(&who, p, 5), XS_PERM_READ);
    who.domid = 9;
    who.target = 3;                     /* device model of the owner */
    assert_int_equal(xs_perms_for(&who, p, 5), all);
    who.target = 6;
    assert_int_equal(xs_perms_for(&who, p, 5), XS_PERM_READ | XS_PERM_WRITE);
    who.target = -1;
    who.privileged = true;
    assert_int_equal(xs_perms_for(&who, p, 5), all);
}

static void test_quota_names(void **state)
{
    struct xs_quota q;
    char buf[1024];

    xs_quota_defaults(&q);
    assert_int_equal(q.nodes, 1000);
    assert_int_equal(q.watches, 128);
    assert_int_equal(q.transactions, 10);
    assert_int_equal(q.node_size, 2048);
    assert_int_equal(q.perms, 5);
    assert_int_equal(q.tx_nodes, 1024);
    assert_int_equal(q.outstanding, 20);
    assert_int_equal(q.mem_soft, 2 * 1024 * 1024);
    assert_int_equal(q.mem_hard, 2 * 1024 * 1024 + 512 * 1024);
    assert_int_equal(q.path_max, 2048);
    assert_int_equal(xs_quota_set(&q, "nodes", 7, 0), 0);
    assert_int_equal(q.nodes, 7);
    assert_int_equal(xs_quota_set(&q, "memory", 9, 1), 0);
    assert_int_equal(q.mem_soft, 9);
    assert_int_equal(xs_quota_set(&q, "nodes", 9, 1), EINVAL);
    assert_int_equal(xs_quota_set(&q, "bogus", 9, 0), EINVAL);
    assert_true(xs_quota_format(&q, buf, sizeof(buf)) > 0);
    assert_non_null(strstr(buf, "nodes"));
    assert_non_null(strstr(buf, " 7\n"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_paths),
        cmocka_unit_test(test_path_lengths),
        cmocka_unit_test(test_canonical),
        cmocka_unit_test(test_parent_child),
        cmocka_unit_test(test_perm_strings),
        cmocka_unit_test(test_perm_rules),
        cmocka_unit_test(test_quota_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
