// SPDX-License-Identifier: GPL-2.0-only
/*
 * xen_version sub-ops as Xen 4.17 answers a PVH dom0: the version number,
 * the strings, the feature submap, the page size and the error returns.
 */
#include "test.h"

#define XEN_VERSION_4_17        0x00040011
/* Feature bits every PVH dom0 gets from Xen 4.17, and ones it must not. */
#define FEATURES_REQUIRED       ((1u << XENFEAT_writable_page_tables) |      \
                                 (1u << XENFEAT_auto_translated_physmap) |  \
                                 (1u << XENFEAT_hvm_callback_vector) |      \
                                 (1u << XENFEAT_hvm_safe_pvclock) |         \
                                 (1u << XENFEAT_dom0))
#define FEATURES_FORBIDDEN      ((1u << XENFEAT_supervisor_mode_kernel) |   \
                                 (1u << XENFEAT_hvm_pirqs))

static void expect_rc(const char *what, long rc, long expected)
{
    if ( rc != expected )
        test_fail("%s returned %ld, expected %ld", what, rc, expected);
}

/* A string sub-op fills BUF; it must succeed and leave a terminated
 * string. */
static void check_string(const char *what, int cmd, char *buf, size_t size)
{
    long rc;

    memset(buf, 0xff, size);
    rc = hypercall_xen_version(cmd, buf);
    expect_rc(what, rc, 0);
    if ( strnlen(buf, size) == size )
        test_fail("%s: no NUL within %zu bytes", what, size);
    else
        printk("  %s: \"%s\"\n", what, buf);
}

static void check_version_strings(void)
{
    static xen_capabilities_info_t caps;
    static struct xen_compile_info info;
    xen_extraversion_t extra;
    xen_changeset_info_t changeset;
    long v = hypercall_xen_version(XENVER_version, NULL);

    printk("  version: %#lx\n", v);
    expect_rc("XENVER_version", v, XEN_VERSION_4_17);
    check_string("extraversion", XENVER_extraversion, extra, sizeof(extra));
    check_string("capabilities", XENVER_capabilities, caps, sizeof(caps));
    if ( !strstr(caps, "hvm-3.0-x86_64") )
        test_fail("capabilities lack hvm-3.0-x86_64");
    check_string("changeset", XENVER_changeset, changeset,
                 sizeof(changeset));
    expect_rc("XENVER_compile_info",
              hypercall_xen_version(XENVER_compile_info, &info), 0);
    if ( strnlen(info.compiler, sizeof(info.compiler)) == sizeof(info.compiler) )
        test_fail("compile_info.compiler is not terminated");
}

static void check_features(void)
{
    struct xen_feature_info fi = { .submap_idx = 0, .submap = 0xdeadbeef };
    long rc = hypercall_xen_version(XENVER_get_features, &fi);

    printk("  features[0]: %#x (rc %ld)\n", fi.submap, rc);
    expect_rc("XENVER_get_features(0)", rc, 0);
    if ( (fi.submap & FEATURES_REQUIRED) != FEATURES_REQUIRED )
        test_fail("features[0] %#x lack %#x", fi.submap,
                  FEATURES_REQUIRED & ~fi.submap);
    if ( fi.submap & FEATURES_FORBIDDEN )
        test_fail("features[0] %#x have %#x", fi.submap,
                  fi.submap & FEATURES_FORBIDDEN);

    fi.submap_idx = 1;
    rc = hypercall_xen_version(XENVER_get_features, &fi);
    printk("  features[1]: rc %ld\n", rc);
    expect_rc("XENVER_get_features(1)", rc, -XEN_EINVAL);
}

static void check_misc(void)
{
    uint64_t virt_start = 0;
    long rc;

    expect_rc("XENVER_pagesize", hypercall_xen_version(XENVER_pagesize, NULL),
              4096);
    expect_rc("XENVER_pagesize with a buffer",
              hypercall_xen_version(XENVER_pagesize, &virt_start),
              -XEN_EINVAL);
    rc = hypercall_xen_version(XENVER_platform_parameters, &virt_start);
    printk("  platform_parameters: rc %ld virt_start %#lx\n", rc, virt_start);
    expect_rc("XENVER_platform_parameters", rc, 0);

    rc = hypercall_xen_version(11, NULL);
    printk("  sub-op 11: rc %ld\n", rc);
    expect_rc("XENVER sub-op 11", rc, -XEN_ENOSYS);
    expect_rc("XENVER sub-op 0x7fffffff",
              hypercall_xen_version(0x7fffffff, NULL), -XEN_ENOSYS);
    expect_rc("XENVER sub-op -1", hypercall_xen_version(-1, NULL),
              -XEN_ENOSYS);
}

void test_main(void)
{
    check_version_strings();
    check_features();
    check_misc();
}
