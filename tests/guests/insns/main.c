// SPDX-License-Identifier: GPL-2.0-only
/* Instructions a guest may not use: the SVM instructions (SVM is hidden from
 * guests), MONITOR/MWAIT (hidden), RDPMC (no PMU) and plain UD2. Each must raise
 * an exception in the guest, never stop the hypervisor; the vector expected is
 * what Xen 4.17 delivers. CPUID and a prefixed CPUID must still work, and skip
 * exactly their own length. */
#include "test.h"

/* Runs one instruction given as bytes; returns the vector it raised or -1. */
#define TRY(bytes)                                                           \
    ({                                                                       \
        fixup_vector = -1;                                                   \
        asm volatile ("1: .byte " bytes "\n\t"                               \
                      "2:\n\t"                                               \
                      EXTABLE_ENTRY(1b, 2b)                                  \
                      ::: "memory", "rax", "rcx", "rdx");                    \
        fixup_vector;                                                        \
    })

static void check(const char *name, int got, int want)
{
    if ( got != want )
        test_fail("%s: vector %d, expected %d", name, got, want);
}

void test_main(void)
{
    uint32_t a = 0, b, c = 0, d;

    check("vmrun", TRY("0x0f, 0x01, 0xd8"), 6);
    check("vmload", TRY("0x0f, 0x01, 0xda"), 6);
    check("vmsave", TRY("0x0f, 0x01, 0xdb"), 6);
    check("stgi", TRY("0x0f, 0x01, 0xdc"), 6);
    check("clgi", TRY("0x0f, 0x01, 0xdd"), 6);
    check("skinit", TRY("0x0f, 0x01, 0xde"), 6);
    check("invlpga", TRY("0x0f, 0x01, 0xdf"), 6);
    check("monitor", TRY("0x0f, 0x01, 0xc8"), 6);
    check("mwait", TRY("0x0f, 0x01, 0xc9"), 6);
    check("ud2", TRY("0x0f, 0x0b"), 6);
    /* A redundant operand-size prefix on CPUID: the instruction is 3 bytes
     * and the hypervisor must skip all of them. */
    asm volatile ("mov $0x40000000, %%eax; .byte 0x66, 0x0f, 0xa2"
                  : "=a" (a), "=b" (b), "=c" (c), "=d" (d) :: "memory");
    if ( b != 0x566e6558 )
        test_fail("prefixed CPUID: ebx %#x, expected \"XenV\"", b);
    printk("all refused instructions raised their exceptions\n");
}
