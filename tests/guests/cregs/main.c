// SPDX-License-Identifier: GPL-2.0-only
/*
 * Control registers as a guest sees them. On Intel the hypervisor owns some
 * CR0/CR4 bits (VMX forces CR0.NE and CR4.VMXE on) and CR8 exits to it, so
 * these writes are emulated there and run natively on AMD; the guest must not
 * tell the difference: values read back as written, and on Intel CR4.VMXE
 * and reserved CR4 bits raise #GP.
 */
#include "test.h"

#define X86_CR0_NE      (1ul << 5)
#define X86_CR4_VMXE    (1ul << 13)

/* Writes CRn; returns the vector it raised or -1. */
#define WRITE_CR(n, val)                                                     \
    ({                                                                       \
        fixup_vector = -1;                                                   \
        asm volatile ("1: mov %0, %%cr" #n "\n\t"                            \
                      "2:\n\t"                                               \
                      EXTABLE_ENTRY(1b, 2b)                                  \
                      :: "r" ((unsigned long)(val)) : "memory");             \
        fixup_vector;                                                        \
    })

#define READ_CR(n)                                                           \
    ({                                                                       \
        unsigned long v_;                                                    \
        asm volatile ("mov %%cr" #n ", %0" : "=r" (v_));                     \
        v_;                                                                  \
    })

static void expect_vector(const char *what, int got, int want)
{
    if ( got != want )
        test_fail("%s: vector %d, expected %d", what, got, want);
}

/* CR0.NE is forced on under VMX: clearing it must still read back clear. */
static void check_cr0(void)
{
    unsigned long cr0 = READ_CR(0);

    printk("  cr0 %#lx\n", cr0);
    expect_vector("cr0 without NE", WRITE_CR(0, cr0 & ~X86_CR0_NE), -1);
    if ( READ_CR(0) != (cr0 & ~X86_CR0_NE) )
        test_fail("cr0 reads %#lx after clearing NE, expected %#lx", READ_CR(0),
                  cr0 & ~X86_CR0_NE);
    expect_vector("cr0 with NE again", WRITE_CR(0, cr0 | X86_CR0_NE), -1);
    if ( READ_CR(0) != (cr0 | X86_CR0_NE) )
        test_fail("cr0 reads %#lx after setting NE", READ_CR(0));
}

static void check_cr4(void)
{
    unsigned long cr4 = READ_CR(4);

    printk("  cr4 %#lx\n", cr4);
    if ( cr4 & X86_CR4_VMXE )
        test_fail("cr4 shows VMXE: %#lx", cr4);
    /* On AMD these writes never reach the hypervisor, and QEMU's CPU lets
     * them through: try them on Intel, where VMX makes them exit. */
    if ( !cpu_is_amd() )
    {
        expect_vector("cr4 with VMXE", WRITE_CR(4, cr4 | X86_CR4_VMXE), 13);
        expect_vector("cr4 bit 63", WRITE_CR(4, cr4 | (1ul << 63)), 13);
        if ( READ_CR(4) != cr4 )
            test_fail("cr4 changed by refused writes: %#lx", READ_CR(4));
    }
    expect_vector("cr4 rewritten", WRITE_CR(4, cr4), -1);
}

/* CR8 reads back what was written. (Its reserved bits and CR0's upper half
 * are not tried: QEMU's SVM lets such writes through, on Xen as on us.) */
static void check_cr8(void)
{
    unsigned long cr8;

    expect_vector("cr8 = 5", WRITE_CR(8, 5), -1);
    cr8 = READ_CR(8);
    printk("  cr8 %#lx\n", cr8);
    if ( cr8 != 5 )
        test_fail("cr8 reads %#lx after writing 5", cr8);
    expect_vector("cr8 = 0", WRITE_CR(8, 0), -1);
    if ( READ_CR(8) != 0 )
        test_fail("cr8 reads %#lx after writing 0", READ_CR(8));
}

void test_main(void)
{
    check_cr0();
    check_cr4();
    check_cr8();
}
