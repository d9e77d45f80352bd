// SPDX-License-Identifier: GPL-2.0-only
/* The emulated local APIC as a Linux PVH guest meets it: xAPIC MMIO reads of ID
 * and version, the switch to x2APIC through IA32_APIC_BASE, the same registers
 * through MSRs, a self-IPI landing in IRR while interrupts are off, #GP for
 * x2APIC MSRs in xAPIC mode and for reserved ones in x2APIC mode. */
#include "test.h"

#define APIC_MMIO       0xfee00000ul
#define MSR_APIC_BASE   0x1b
#define APIC_BASE_EXTD  (1ul << 10)
#define APIC_BASE_EN    (1ul << 11)
#define APIC_BASE_BSP   (1ul << 8)

/* rdmsr_safe/wrmsr_safe return the vector that faulted, or -1. */
#define FAULTED(x)      ((x) != -1)

static uint32_t mmio_read(unsigned int reg)
{
    return *(volatile uint32_t *)(APIC_MMIO + reg);
}

static void mmio_write(unsigned int reg, uint32_t v)
{
    *(volatile uint32_t *)(APIC_MMIO + reg) = v;
}

static void check_xapic(void)
{
    uint64_t base;
    uint64_t dummy;

    if ( FAULTED(rdmsr_safe(MSR_APIC_BASE, &base)) )
        return test_fail("IA32_APIC_BASE is not readable");
    if ( (base & ~0xfffull) != APIC_MMIO || !(base & APIC_BASE_EN) ||
         !(base & APIC_BASE_BSP) || (base & APIC_BASE_EXTD) )
        test_fail("IA32_APIC_BASE %#lx: expected 0xfee00900", (unsigned long)base);
    if ( mmio_read(0x20) >> 24 != 0 )
        test_fail("xAPIC ID %#x, expected 0 for vCPU 0", mmio_read(0x20));
    if ( mmio_read(0x30) != 0x00050014 )
        test_fail("xAPIC version %#x, expected 0x00050014", mmio_read(0x30));
    if ( !FAULTED(rdmsr_safe(0x802, &dummy)) )
        test_fail("x2APIC ID MSR readable in xAPIC mode");
}

static void check_self_ipi_xapic(void)
{
    __asm__ __volatile__("cli");
    mmio_write(0xf0, 0x1ff);                    /* SVR: enable, spurious 0xff */
    mmio_write(0x310, 0);
    mmio_write(0x300, 0x40000 | 0x50);          /* shorthand self, fixed, 0x50 */
    if ( !(mmio_read(0x200 + 0x50 / 32 * 0x10) & (1u << (0x50 % 32))) )
        test_fail("self-IPI vector 0x50 not pending in IRR");
}

static void check_x2apic(void)
{
    uint64_t base, id, ver, irr;

    if ( FAULTED(rdmsr_safe(MSR_APIC_BASE, &base)) )
        return test_fail("IA32_APIC_BASE is not readable");
    if ( FAULTED(wrmsr_safe(MSR_APIC_BASE, base | APIC_BASE_EXTD)) )
        return test_fail("cannot switch to x2APIC mode");
    if ( FAULTED(rdmsr_safe(0x802, &id)) || id != 0 )
        test_fail("x2APIC ID %#lx, expected 0", (unsigned long)id);
    if ( FAULTED(rdmsr_safe(0x803, &ver)) || ver != 0x00050014 )
        test_fail("x2APIC version %#lx, expected 0x00050014", (unsigned long)ver);
    if ( FAULTED(rdmsr_safe(0x822, &irr)) || !(irr & (1u << (0x50 % 32))) )
        test_fail("IRR lost vector 0x50 across the mode switch (IRR2 %#lx)",
                  (unsigned long)irr);
    if ( !FAULTED(rdmsr_safe(0x801, &id)) )
        test_fail("reserved x2APIC MSR 0x801 did not #GP");
    /* Leaving x2APIC for xAPIC directly is illegal. */
    if ( !FAULTED(wrmsr_safe(MSR_APIC_BASE, base & ~APIC_BASE_EXTD)) )
        test_fail("x2APIC -> xAPIC without disabling did not #GP");
}

void test_main(void)
{
    check_xapic();
    check_self_ipi_xapic();
    check_x2apic();
    printk("local APIC checks done\n");
}
