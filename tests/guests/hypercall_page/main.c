// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hypercall page: Xen's stub layout after the MSR write, the MSR
 * reading back as zero, and hypercalls through the page and through a
 * direct VMMCALL/VMCALL, known and unknown numbers alike.
 */
#include "test.h"

#define XEN_VERSION_4_17        0x00040011

/* Slot N is "mov $N, %eax; vmmcall; ret" on AMD (vmcall on Intel). */
static void check_slot(unsigned int nr, const uint8_t insn[3])
{
    const uint8_t *p = &hypercall_page[nr * 32];
    uint8_t expected[9] = { 0xb8, nr, 0, 0, 0, insn[0], insn[1], insn[2],
                            0xc3 };

    if ( memcmp(p, expected, sizeof(expected)) )
        test_fail("slot %u: %02x %02x %02x %02x %02x %02x %02x %02x %02x",
                  nr, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
}

static void check_layout(void)
{
    static const uint8_t vmmcall[3] = { 0x0f, 0x01, 0xd9 };
    static const uint8_t vmcall[3] = { 0x0f, 0x01, 0xc1 };
    static const unsigned int slots[] = { 0, 1, 17, 29, 55, 64, 127 };
    const uint8_t *iret = &hypercall_page[__HYPERVISOR_iret * 32];
    unsigned int i;

    printk("  slot 0: %02x %02x %02x %02x %02x %02x %02x %02x %02x %02x\n",
           hypercall_page[0], hypercall_page[1], hypercall_page[2],
           hypercall_page[3], hypercall_page[4], hypercall_page[5],
           hypercall_page[6], hypercall_page[7], hypercall_page[8],
           hypercall_page[9]);
    if ( hypercall_page[0] == 0xc3 )
        test_fail("hypercall page still unwritten after the MSR write");
    for ( i = 0; i < ARRAY_SIZE(slots); i++ )
        check_slot(slots[i], cpu_is_amd() ? vmmcall : vmcall);
    printk("  slot 23 (iret): %02x %02x\n", iret[0], iret[1]);
    if ( iret[0] != 0x0f || iret[1] != 0x0b )
        test_fail("slot 23 starts %02x %02x, expected ud2", iret[0], iret[1]);
}

static void check_msr(void)
{
    uint32_t msr = cpuid(xen_cpuid_base + 2).ebx;
    uint64_t val = ~0ull;
    int vec = rdmsr_safe(msr, &val);

    printk("  rdmsr %#x: vector %d value %#lx\n", msr, vec, val);
    if ( vec >= 0 )
        test_fail("rdmsr of the hypercall MSR faulted (vector %d)", vec);
    else if ( val != 0 )
        test_fail("hypercall MSR reads %#lx, expected 0", val);
    /* Writing the page again is allowed and rewrites the same stubs. */
    vec = wrmsr_safe(msr, (uint64_t)hypercall_page);
    if ( vec >= 0 )
        test_fail("second wrmsr of the hypercall page faulted (vector %d)",
                  vec);
}

static void check_calls(void)
{
    long rc;

    rc = hypercall(__HYPERVISOR_xen_version, XENVER_version, 0, 0, 0, 0);
    if ( rc != XEN_VERSION_4_17 )
        test_fail("xen_version through the page returned %#lx", rc);
    rc = hypercall_direct(__HYPERVISOR_xen_version, XENVER_version, 0, 0);
    if ( rc != XEN_VERSION_4_17 )
        test_fail("xen_version by direct call returned %#lx", rc);
    rc = hypercall(__HYPERVISOR_arch_7, 0, 0, 0, 0, 0);
    printk("  hypercall 55 through the page: rc %ld\n", rc);
    if ( rc != -XEN_ENOSYS )
        test_fail("hypercall 55 through the page returned %ld", rc);
    rc = hypercall_direct(__HYPERVISOR_arch_7, 0, 0, 0);
    printk("  hypercall 55 by direct call: rc %ld\n", rc);
    if ( rc != -XEN_ENOSYS )
        test_fail("hypercall 55 by direct call returned %ld", rc);
}

void test_main(void)
{
    check_layout();
    check_msr();
    check_calls();
}
