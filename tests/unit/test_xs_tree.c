/* SPDX-License-Identifier: GPL-2.0-only */
/* xenstored node operations through the wire protocol: write, read,
 * directory, mkdir, rm, permissions and their inheritance, error hiding,
 * and the per-domain quotas of unprivileged domains. */
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
#include "../../tools/xenstored/store.h"
#include "test_xs_harness.h"

static char buf[2 * XENSTORE_PAYLOAD_MAX];

static void test_initial_nodes(void **state)
{
    struct xs_conn *c = th_dom0();

    assert_int_equal(th_dir(c, 0, "/", buf), 0);
    assert_string_equal(buf, "tool");
    assert_int_equal(th_dir(c, 0, "/tool", buf), 0);
    assert_string_equal(buf, "xenstored");
    assert_int_equal(th_dir(c, 0, "/tool/xenstored", buf), 0);
    assert_string_equal(buf, "");
    assert_int_equal(th_getperms(c, 0, "/", buf), 0);
    assert_string_equal(buf, "n0");
    assert_int_equal(th_read(c, 0, "/tool", buf), 0);
    assert_string_equal(buf, "");
}

static void test_write_read(void **state)
{
    struct xs_conn *c = th_dom0();
    static const char bin[] = { 'a', 0, 'b', 0 };
    char body[16];
    struct th_msg m;

    assert_int_equal(th_write(c, 0, "/a/b/c", "hello"), 0);
    th_call(c, XS_READ, 0, "/a/b/c", 7, &m);
    assert_int_equal(m.type, XS_READ);
    assert_int_equal(m.len, 5);         /* no NUL on values */
    assert_memory_equal(m.body, "hello", 5);
    assert_int_equal(th_read(c, 0, "/a", buf), 0);
    assert_string_equal(buf, "");
    assert_int_equal(th_dir(c, 0, "/a", buf), 0);
    assert_string_equal(buf, "b");
    assert_int_equal(th_write(c, 0, "/a/b/c", ""), 0);
    assert_int_equal(th_read(c, 0, "/a/b/c", buf), 0);
    assert_string_equal(buf, "");
    assert_int_equal(th_dir(c, 0, "/a/b", buf), 0);
    assert_string_equal(buf, "c");

    memcpy(body, "/bin", 5);
    memcpy(body + 5, bin, sizeof(bin));
    th_call(c, XS_WRITE, 0, body, 5 + sizeof(bin), &m);
    assert_string_equal(m.body, "OK");
    th_call(c, XS_READ, 0, "/bin", 5, &m);
    assert_int_equal(m.len, sizeof(bin));
    assert_memory_equal(m.body, bin, sizeof(bin));
    assert_int_equal(th_read(c, 0, "/nope", buf), ENOENT);
    assert_int_equal(th_read(c, 0, "/a/", buf), EINVAL);
    assert_int_equal(th_write(c, 0, "/a//x", "1"), EINVAL);
    assert_int_equal(th_write(c, 0, "/a/x y", "1"), EINVAL);
}

static void test_dir_order(void **state)
{
    struct xs_conn *c = th_dom0();

    assert_int_equal(th_write(c, 0, "/d/zeta", "1"), 0);
    assert_int_equal(th_write(c, 0, "/d/alpha", "2"), 0);
    assert_int_equal(th_write(c, 0, "/d/mid", "3"), 0);
    assert_int_equal(th_dir(c, 0, "/d", buf), 0);
    assert_string_equal(buf, "zeta alpha mid");
    assert_int_equal(th_rm(c, 0, "/d/alpha"), 0);
    assert_int_equal(th_write(c, 0, "/d/alpha", "2"), 0);
    assert_int_equal(th_dir(c, 0, "/d", buf), 0);
    assert_string_equal(buf, "zeta mid alpha");
    assert_int_equal(th_write(c, 0, "/d/zeta", "again"), 0);
    assert_int_equal(th_dir(c, 0, "/d", buf), 0);
    assert_string_equal(buf, "zeta mid alpha");
}

static void test_mkdir(void **state)
{
    struct xs_conn *c = th_dom0();

    assert_int_equal(th_mkdir(c, 0, "/m/n/o"), 0);
    assert_int_equal(th_dir(c, 0, "/m/n", buf), 0);
    assert_string_equal(buf, "o");
    assert_int_equal(th_write(c, 0, "/m/n", "keep"), 0);
    assert_int_equal(th_mkdir(c, 0, "/m/n"), 0);
    assert_int_equal(th_read(c, 0, "/m/n", buf), 0);
    assert_string_equal(buf, "keep");
    assert_int_equal(th_mkdir(c, 0, "m/rel"), 0);
    assert_int_equal(th_dir(c, 0, "/local/domain/0/m", buf), 0);
    assert_string_equal(buf, "rel");
    assert_int_equal(th_mkdir(c, 0, "/bad/"), EINVAL);
}

static void test_rm(void **state)
{
    struct xs_conn *c = th_dom0();

    assert_int_equal(th_write(c, 0, "/r/a/b/c", "1"), 0);
    assert_int_equal(th_write(c, 0, "/r/a/d", "2"), 0);
    assert_int_equal(th_write(c, 0, "/r/e", "3"), 0);
    assert_int_equal(th_rm(c, 0, "/r/a"), 0);
    assert_int_equal(th_read(c, 0, "/r/a/b/c", buf), ENOENT);
    assert_int_equal(th_read(c, 0, "/r/a/d", buf), ENOENT);
    assert_int_equal(th_read(c, 0, "/r/a", buf), ENOENT);
    assert_int_equal(th_dir(c, 0, "/r", buf), 0);
    assert_string_equal(buf, "e");
    /* Absent node: fine while its parent exists. */
    assert_int_equal(th_rm(c, 0, "/r/a"), 0);
    assert_int_equal(th_rm(c, 0, "/r/a/b"), ENOENT);
    assert_int_equal(th_rm(c, 0, "/"), EINVAL);
    assert_int_equal(th_rm(c, 0, "/r/"), EINVAL);
    assert_int_equal(th_rm(c, 0, "/r"), 0);
    assert_int_equal(th_dir(c, 0, "/", buf), 0);
    assert_string_equal(buf, "tool");
}

static void test_relative(void **state)
{
    struct xs_conn *c = th_dom0(), *u = th_domu(5);

    assert_int_equal(th_write(c, 0, "device-model/1/state", "running"), 0);
    assert_int_equal(th_read(c, 0, "/local/domain/0/device-model/1/state",
                             buf), 0);
    assert_string_equal(buf, "running");
    assert_int_equal(th_mkdir(c, 0, "/local/domain/5"), 0);
    assert_int_equal(th_setperms(c, 0, "/local/domain/5", "n5"), 0);
    assert_int_equal(th_write(u, 0, "data/x", "1"), 0);
    assert_int_equal(th_read(c, 0, "/local/domain/5/data/x", buf), 0);
    assert_string_equal(buf, "1");
    assert_int_equal(th_read(u, 0, "data/x", buf), 0);
    assert_int_equal(th_read(u, 0, "", buf), EINVAL);
}

/* dom0 prepares /local/domain/5 as libxl would: readable by the guest. */
static struct xs_conn *guest_home(struct xs_conn *c)
{
    assert_int_equal(th_mkdir(c, 0, "/local/domain/5"), 0);
    assert_int_equal(th_setperms(c, 0, "/local/domain/5", "n0 r5"), 0);
    return th_domu(5);
}

static void test_perms_enforced(void **state)
{
    struct xs_conn *c = th_dom0(), *u = guest_home(c), *v = th_domu(6);

    assert_int_equal(th_write(c, 0, "/secret", "s"), 0);
    assert_int_equal(th_read(u, 0, "/secret", buf), EACCES);
    assert_int_equal(th_write(u, 0, "/secret", "x"), EACCES);
    assert_int_equal(th_read(u, 0, "/local/domain/5", buf), 0);
    assert_int_equal(th_write(u, 0, "/local/domain/5", "x"), EACCES);
    assert_int_equal(th_write(u, 0, "/local/domain/5/new", "x"), EACCES);
    assert_int_equal(th_read(v, 0, "/local/domain/5", buf), EACCES);

    assert_int_equal(th_setperms(c, 0, "/secret", "n0 w5 r6"), 0);
    assert_int_equal(th_write(u, 0, "/secret", "by5"), 0);
    assert_int_equal(th_read(u, 0, "/secret", buf), EACCES);
    assert_int_equal(th_read(v, 0, "/secret", buf), 0);
    assert_string_equal(buf, "by5");
    assert_int_equal(th_write(v, 0, "/secret", "x"), EACCES);
    assert_int_equal(th_getperms(u, 0, "/secret", buf), EACCES);
    assert_int_equal(th_getperms(v, 0, "/secret", buf), 0);
    assert_string_equal(buf, "n0 w5 r6");
    /* The owner entry is also the default for unlisted domains. */
    assert_int_equal(th_setperms(c, 0, "/secret", "r0"), 0);
    assert_int_equal(th_read(u, 0, "/secret", buf), 0);
    assert_int_equal(th_rm(u, 0, "/secret"), EACCES);
}

static void test_perms_inherited(void **state)
{
    struct xs_conn *c = th_dom0(), *u = th_domu(5);

    assert_int_equal(th_mkdir(c, 0, "/local/domain/5"), 0);
    assert_int_equal(th_setperms(c, 0, "/local/domain/5", "n0 b5 r7"), 0);
    assert_int_equal(th_write(c, 0, "/local/domain/5/by0/x", "1"), 0);
    assert_int_equal(th_getperms(c, 0, "/local/domain/5/by0/x", buf), 0);
    assert_string_equal(buf, "n0 b5 r7");
    assert_int_equal(th_write(u, 0, "/local/domain/5/by5/x", "1"), 0);
    assert_int_equal(th_getperms(c, 0, "/local/domain/5/by5", buf), 0);
    assert_string_equal(buf, "n5 b5 r7");
    assert_int_equal(th_getperms(c, 0, "/local/domain/5/by5/x", buf), 0);
    assert_string_equal(buf, "n5 b5 r7");
    /* Writing an existing node leaves its permissions alone. */
    assert_int_equal(th_write(u, 0, "/local/domain/5/by0/x", "2"), 0);
    assert_int_equal(th_getperms(c, 0, "/local/domain/5/by0/x", buf), 0);
    assert_string_equal(buf, "n0 b5 r7");
}

static void test_set_perms_owner(void **state)
{
    struct xs_conn *c = th_dom0(), *u = th_domu(5);

    assert_int_equal(th_write(c, 0, "/o", "1"), 0);
    assert_int_equal(th_setperms(c, 0, "/o", "n0 b5"), 0);
    assert_int_equal(th_setperms(u, 0, "/o", "n0 b5 r6"), EACCES);
    assert_int_equal(th_setperms(c, 0, "/o", "n5"), 0);
    assert_int_equal(th_setperms(u, 0, "/o", "r5 r6"), 0);
    assert_int_equal(th_getperms(u, 0, "/o", buf), 0);
    assert_string_equal(buf, "r5 r6");
    assert_int_equal(th_setperms(u, 0, "/o", "n6"), EPERM);
    assert_int_equal(th_setperms(c, 0, "/o", "n6"), 0);
    assert_int_equal(th_read(u, 0, "/o", buf), EACCES);
    assert_int_equal(th_setperms(c, 0, "/o", "x6"), EINVAL);
    assert_int_equal(th_setperms(c, 0, "/nope", "n0"), ENOENT);
    assert_int_equal(th_getperms(c, 0, "/o", buf), 0);
    assert_string_equal(buf, "n6");
}

/* A missing node under one the guest cannot read looks forbidden. */
static void test_error_hiding(void **state)
{
    struct xs_conn *c = th_dom0(), *u = guest_home(c);

    assert_int_equal(th_mkdir(c, 0, "/hidden"), 0);
    assert_int_equal(th_read(u, 0, "/hidden/x", buf), EACCES);
    assert_int_equal(th_read(u, 0, "/hidden/x/y/z", buf), EACCES);
    assert_int_equal(th_read(u, 0, "/local/domain/5/x", buf), ENOENT);
    assert_int_equal(th_rm(u, 0, "/hidden/x"), EACCES);
    assert_int_equal(th_read(c, 0, "/hidden/x", buf), ENOENT);
}

static void test_quota_nodes(void **state)
{
    struct xs_conn *c = th_dom0(), *u = th_domu(5);
    char path[64];
    unsigned int i;

    th_store->quota.nodes = 4;
    assert_int_equal(th_mkdir(c, 0, "/local/domain/5"), 0);
    assert_int_equal(th_setperms(c, 0, "/local/domain/5", "n5"), 0);
    /* The home itself is owned by 5 now: three more fit. */
    assert_int_equal(th_write(u, 0, "a/b", "1"), 0);
    assert_int_equal(th_write(u, 0, "c/d", "1"), ENOSPC);
    assert_int_equal(th_write(u, 0, "c", "1"), 0);
    assert_int_equal(th_write(u, 0, "e", "1"), ENOSPC);
    assert_int_equal(th_read(u, 0, "c/d", buf), ENOENT);
    assert_int_equal(th_rm(u, 0, "a"), 0);
    assert_int_equal(th_write(u, 0, "e", "1"), 0);
    /* dom0 has no quota. */
    for ( i = 0; i < 10; i++ )
    {
        snprintf(path, sizeof(path), "/q/%u", i);
        assert_int_equal(th_write(c, 0, path, "x"), 0);
    }
}

static void test_quota_node_size(void **state)
{
    struct xs_conn *c = th_dom0(), *u = th_domu(5);
    static char value[XENSTORE_PAYLOAD_MAX];

    assert_int_equal(th_mkdir(c, 0, "/local/domain/5"), 0);
    assert_int_equal(th_setperms(c, 0, "/local/domain/5", "n5"), 0);
    /* 24 + 8 per permission + value + child names must stay below 2048. */
    memset(value, 'v', 2015);
    assert_int_equal(th_write(u, 0, "big", value), 0);
    memset(value, 'v', 2016);
    assert_int_equal(th_write(u, 0, "big", value), ENOSPC);
    assert_int_equal(th_write(u, 0, "new", value), ENOSPC);
    assert_int_equal(th_read(u, 0, "new", buf), ENOENT);
    assert_int_equal(th_write(c, 0, "/local/domain/5/big", value), 0);
    memset(value, 0, sizeof(value));
    memset(value, 'v', 3000);
    assert_int_equal(th_write(c, 0, "/dom0big", value), 0);
}

static void test_quota_perms_and_path(void **state)
{
    struct xs_conn *c = th_dom0(), *u = th_domu(5);
    static char path[XENSTORE_PAYLOAD_MAX];
    size_t i;

    assert_int_equal(th_mkdir(c, 0, "/local/domain/5"), 0);
    assert_int_equal(th_setperms(c, 0, "/local/domain/5", "n5"), 0);
    assert_int_equal(th_setperms(u, 0, "/local/domain/5",
                                 "n5 r1 r2 r3 r4"), 0);
    assert_int_equal(th_setperms(u, 0, "/local/domain/5",
                                 "n5 r1 r2 r3 r4 r6"), ENOSPC);
    assert_int_equal(th_setperms(c, 0, "/local/domain/5",
                                 "n5 r1 r2 r3 r4 r6 r7"), 0);
    /* Relative part of 2048 bytes at most for guests. */
    for ( i = 0; i < 2048; i++ )
        path[i] = (i % 4 == 3) ? '/' : 'p';
    path[2047] = 'p';
    path[2048] = '\0';
    assert_int_equal(th_write(u, 0, path, "1"), 0);
    path[2048] = 'p';
    path[2049] = '\0';
    assert_int_equal(th_write(u, 0, path, "1"), EINVAL);
    assert_int_equal(th_write(c, 0, "/local/domain/5/x", "1"), 0);
}

static void test_quota_memory(void **state)
{
    struct xs_conn *c = th_dom0(), *u = th_domu(5);
    static char value[1500];
    char path[32];
    unsigned int i;
    int err = 0;

    th_store->quota.mem_hard = 8192;
    assert_int_equal(th_mkdir(c, 0, "/local/domain/5"), 0);
    assert_int_equal(th_setperms(c, 0, "/local/domain/5", "n5"), 0);
    memset(value, 'm', sizeof(value) - 1);
    for ( i = 0; i < 10 && !err; i++ )
    {
        snprintf(path, sizeof(path), "m%u", i);
        err = th_write(u, 0, path, value);
    }
    assert_int_equal(err, ENOMEM);
    assert_true(i > 3 && i < 7);
    assert_true(xs_domain_find(th_store, 5)->memory < 8192);
}

static void test_directory_part(void **state)
{
    struct xs_conn *c = th_dom0();
    static char all[16384];
    char name[256], body[300];
    size_t alllen = 0, off = 0;
    unsigned int i, parts = 0;
    struct th_msg m;
    char *gen;

    for ( i = 0; i < 40; i++ )
    {
        snprintf(name, sizeof(name), "/many/child-%03u-%0200u", i, i);
        assert_int_equal(th_write(c, 0, name, ""), 0);
        alllen += strlen(name) - strlen("/many/") + 1;
    }
    assert_int_equal(th_dir(c, 0, "/many", buf), E2BIG);
    gen = NULL;
    for ( ;; parts++ )
    {
        int n = snprintf(body, sizeof(body), "/many%c%zu", 0, off);
        th_call(c, XS_DIRECTORY_PART, 0, body, (size_t)n + 1, &m);
        assert_int_equal(m.type, XS_DIRECTORY_PART);
        if ( gen )
            assert_string_equal(gen, m.body);
        else
            gen = strdup(m.body);
        size_t glen = strlen(m.body) + 1, len = m.len - glen;
        memcpy(all + off, m.body + glen, len);
        if ( len && m.body[m.len - 1] == '\0' && m.body[m.len - 2] == '\0' )
        {
            off += len - 1;             /* the empty name ends the list */
            break;
        }
        off += len;
    }
    assert_int_equal(off, alllen);
    assert_true(parts >= 2);
    assert_memory_equal(all, "child-000-", 10);
    /* Past the end: generation and an empty name. */
    th_call(c, XS_DIRECTORY_PART, 0, "/many\0" "99999", 12, &m);
    assert_int_equal(m.len, strlen(gen) + 2);
    assert_int_equal(m.body[m.len - 1], '\0');
    /* A new child changes the generation. */
    assert_int_equal(th_write(c, 0, "/many/another", ""), 0);
    th_call(c, XS_DIRECTORY_PART, 0, "/many\0" "0", 8, &m);
    assert_string_not_equal(gen, m.body);
    free(gen);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TH_TEST(test_initial_nodes),
        TH_TEST(test_write_read),
        TH_TEST(test_dir_order),
        TH_TEST(test_mkdir),
        TH_TEST(test_rm),
        TH_TEST(test_relative),
        TH_TEST(test_perms_enforced),
        TH_TEST(test_perms_inherited),
        TH_TEST(test_set_perms_owner),
        TH_TEST(test_error_hiding),
        TH_TEST(test_quota_nodes),
        TH_TEST(test_quota_node_size),
        TH_TEST(test_quota_perms_and_path),
        TH_TEST(test_quota_memory),
        TH_TEST(test_directory_part),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
