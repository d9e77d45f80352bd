// SPDX-License-Identifier: GPL-2.0-only
/*
 * A guest that hands Xen garbage: bad buffers to console_io, xen_version
 * and sched_op, hypercall numbers past the table, bad hypercall-page MSR
 * writes. Each must fail cleanly with Xen's error, the hypervisor must
 * stay up, and the test must reach its result line.
 */
#include "test.h"

static void *const bad_buffers[] = {
    BAD_VA_UNMAPPED, BAD_VA_UPPER_HALF, BAD_VA_NO_RAM,
};

/* xen_version sub-ops that copy to or from their argument. */
static const struct {
    int cmd;
    const char *name;
} copying_subops[] = {
    { XENVER_extraversion, "extraversion" },
    { XENVER_compile_info, "compile_info" },
    { XENVER_capabilities, "capabilities" },
    { XENVER_changeset, "changeset" },
    { XENVER_platform_parameters, "platform_parameters" },
    { XENVER_get_features, "get_features" },
    { XENVER_guest_handle, "guest_handle" },
    { XENVER_commandline, "commandline" },
    { XENVER_build_id, "build_id" },
};

static void expect_rc(const char *what, const void *arg, long rc,
                      long expected)
{
    if ( rc != expected )
        test_fail("%s (%p) returned %ld, expected %ld", what, arg, rc,
                  expected);
}

static void check_bad_buffers(void)
{
    struct sched_shutdown *bad_sd;
    unsigned int i, j;
    long rc;

    for ( j = 0; j < ARRAY_SIZE(bad_buffers); j++ )
    {
        void *bad = bad_buffers[j];

        for ( i = 0; i < ARRAY_SIZE(copying_subops); i++ )
            expect_rc(copying_subops[i].name, bad,
                      hypercall_xen_version(copying_subops[i].cmd, bad),
                      -XEN_EFAULT);
        /* These two never touch their argument. */
        expect_rc("XENVER_version", bad,
                  hypercall_xen_version(XENVER_version, bad), 0x00040011);
        expect_rc("XENVER_pagesize", bad,
                  hypercall_xen_version(XENVER_pagesize, bad), -XEN_EINVAL);
        expect_rc("console write", bad,
                  hypercall_console_io(CONSOLEIO_write, 64, bad),
                  -XEN_EFAULT);
        expect_rc("console write of ~0u bytes", bad,
                  hypercall_console_io(CONSOLEIO_write, ~0u, bad),
                  -XEN_EFAULT);
        /* With no input pending Xen copies nothing and returns 0. */
        rc = hypercall_console_io(CONSOLEIO_read, 64, bad);
        if ( rc != 0 && rc != -XEN_EFAULT )
            test_fail("console read (%p) returned %ld", bad, rc);
        bad_sd = bad;
        expect_rc("SCHEDOP_shutdown", bad,
                  hypercall_sched_op(SCHEDOP_shutdown, bad_sd), -XEN_EFAULT);
    }
}

static void check_bad_numbers(void)
{
    static const unsigned long numbers[] = {
        64, 100, 127, 128, 0x100, 0xffff, 0x7fffffff, 0xffffffff,
        0x100000000ul, ~0ul,
    };
    static const unsigned int page_slots[] = { 64, 100, 127 };
    unsigned int i;
    long rc;

    for ( i = 0; i < ARRAY_SIZE(numbers); i++ )
    {
        rc = hypercall_direct(numbers[i], 0, 0, 0);
        if ( rc != -XEN_ENOSYS )
            test_fail("hypercall %#lx returned %ld, expected %d",
                      numbers[i], rc, -XEN_ENOSYS);
    }
    for ( i = 0; i < ARRAY_SIZE(page_slots); i++ )
    {
        rc = hypercall(page_slots[i], 0, 0, 0, 0, 0);
        if ( rc != -XEN_ENOSYS )
            test_fail("page slot %u returned %ld, expected %d",
                      page_slots[i], rc, -XEN_ENOSYS);
    }
    /* The number is all of RAX in 64-bit mode: junk above bit 31 of a
     * valid number is not ignored. */
    rc = hypercall_direct((1ul << 32) | __HYPERVISOR_xen_version,
                          XENVER_version, 0, 0);
    printk("  hypercall %#lx: rc %ld\n",
           (1ul << 32) | __HYPERVISOR_xen_version, rc);
    if ( rc != -XEN_ENOSYS )
        test_fail("hypercall with junk in RAX[63:32] returned %ld", rc);
}

static void check_bad_msr_writes(void)
{
    static const struct {
        const char *what;
        uint64_t val;
    } writes[] = {
        { "page index 1", 1 },
        { "offset in page", 0x800 },
        { "GFN without RAM", (uint64_t)BAD_VA_NO_RAM },
        { "GFN far above RAM", 1ull << 40 },
    };
    uint32_t msr = cpuid(xen_cpuid_base + 2).ebx;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(writes); i++ )
    {
        uint64_t val = writes[i].val;
        int vec;

        /* Keep the page Xen would write our own hypercall page. */
        if ( val < 0x1000 )
            val |= (uint64_t)hypercall_page;
        vec = wrmsr_safe(msr, val);

        printk("  wrmsr %#x, %#lx (%s): vector %d\n", msr, val,
               writes[i].what, vec);
        if ( vec != 13 )
            test_fail("wrmsr of %s: vector %d, expected #GP (13)",
                      writes[i].what, vec);
    }
    if ( hypercall_xen_version(XENVER_version, NULL) != 0x00040011 )
        test_fail("hypercall page broken after bad MSR writes");
}

void test_main(void)
{
    check_bad_buffers();
    check_bad_numbers();
    check_bad_msr_writes();
}
