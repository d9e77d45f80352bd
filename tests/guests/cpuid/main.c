// SPDX-License-Identifier: GPL-2.0-only
/*
 * Xen's CPUID leaves as a PVH dom0 sees them: the signature and range,
 * version 4.17, the hypercall-page MSR, and the HVM feature leaf.
 */
#include "test.h"

#define XEN_VERSION_4_17        0x00040011
#define HYPERCALL_MSR           0x40000000
/* Leaf 4 flags Xen 4.17 always gives an HVM guest; the rest vary with
 * hardware (APIC/x2APIC virtualisation are VMX features). */
#define HVM_FLAGS_REQUIRED      (XEN_HVM_CPUID_IOMMU_MAPPINGS |         \
                                 XEN_HVM_CPUID_VCPU_ID_PRESENT |        \
                                 XEN_HVM_CPUID_DOMID_PRESENT |          \
                                 XEN_HVM_CPUID_UPCALL_VECTOR)
#define HVM_FLAGS_KNOWN         0x7fu

static void dump(void)
{
    uint32_t leaf;

    for ( leaf = xen_cpuid_base; leaf <= xen_cpuid_base + 5; leaf++ )
    {
        struct cpuid_regs r = cpuid(leaf);

        printk("  leaf %#x: %08x %08x %08x %08x\n",
               leaf, r.eax, r.ebx, r.ecx, r.edx);
    }
}

static void check_signature(void)
{
    struct cpuid_regs r = cpuid(xen_cpuid_base);

    if ( xen_cpuid_base != XEN_CPUID_FIRST_LEAF )
        test_fail("Xen leaves at %#x, expected %#x without Viridian",
                  xen_cpuid_base, XEN_CPUID_FIRST_LEAF);
    if ( r.eax < xen_cpuid_base + 4 )
        test_fail("max Xen leaf %#x, expected at least base+4", r.eax);
    if ( !(cpuid(1).ecx & (1u << 31)) )
        test_fail("CPUID.1:ECX.HYPERVISOR is clear");
}

static void check_version_and_page(void)
{
    struct cpuid_regs v = cpuid(xen_cpuid_base + 1);
    struct cpuid_regs p = cpuid(xen_cpuid_base + 2);

    if ( v.eax != XEN_VERSION_4_17 )
        test_fail("version %#x, expected %#x", v.eax, XEN_VERSION_4_17);
    if ( p.eax != 1 )
        test_fail("%u hypercall pages, expected 1", p.eax);
    if ( p.ebx != HYPERCALL_MSR )
        test_fail("hypercall MSR %#x, expected %#x", p.ebx, HYPERCALL_MSR);
    if ( p.ecx != 0 )
        test_fail("leaf base+2 ECX %#x: PV-only features for HVM", p.ecx);
}

static void check_hvm_leaf(void)
{
    struct cpuid_regs r = cpuid(xen_cpuid_base + 4);
    struct cpuid_regs l5 = cpuid(xen_cpuid_base + 5);

    if ( (r.eax & HVM_FLAGS_REQUIRED) != HVM_FLAGS_REQUIRED )
        test_fail("HVM flags %#x lack %#x", r.eax,
                  HVM_FLAGS_REQUIRED & ~r.eax);
    if ( r.eax & ~HVM_FLAGS_KNOWN )
        test_fail("HVM flags %#x have unknown bits", r.eax);
    if ( r.eax & XEN_HVM_CPUID_EXT_DEST_ID )
        test_fail("EXT_DEST_ID set; Xen 4.17 does not offer it");
    if ( r.ebx != 0 )
        test_fail("vCPU id %u, expected 0 on the BSP", r.ebx);
    if ( r.ecx != 0 )
        test_fail("domain id %u, expected 0 for dom0", r.ecx);
    if ( l5.eax || l5.ebx || l5.ecx || l5.edx )
        test_fail("leaf base+5 not all zero for HVM");
}

void test_main(void)
{
    dump();
    check_signature();
    check_version_and_page();
    check_hvm_leaf();
}
