// SPDX-License-Identifier: GPL-2.0-only
/* Instructions a guest may not use: the SVM and VMX instructions (neither is
 * offered to guests: on AMD the VMX ones are undefined, on Intel they exit to
 * the hypervisor, which must refuse them; and the other way round), MONITOR/
 * MWAIT (hidden), RDPMC (no PMU) and plain UD2. Each must raise
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
    /* Memory operands at (%rsp): nothing is written, every one faults. */
    check("vmxon", TRY("0xf3, 0x0f, 0xc7, 0x34, 0x24"), 6);
    check("vmptrld", TRY("0x0f, 0xc7, 0x34, 0x24"), 6);
    check("vmptrst", TRY("0x0f, 0xc7, 0x3c, 0x24"), 6);
    check("vmclear", TRY("0x66, 0x0f, 0xc7, 0x34, 0x24"), 6);
    check("vmread", TRY("0x0f, 0x78, 0xc0"), 6);
    check("vmwrite", TRY("0x0f, 0x79, 0xc0"), 6);
    check("vmlaunch", TRY("0x0f, 0x01, 0xc2"), 6);
    check("vmresume", TRY("0x0f, 0x01, 0xc3"), 6);
    check("vmxoff", TRY("0x0f, 0x01, 0xc4"), 6);
    check("invept", TRY("0x66, 0x0f, 0x38, 0x80, 0x04, 0x24"), 6);
    check("invvpid", TRY("0x66, 0x0f, 0x38, 0x81, 0x04, 0x24"), 6);
    check("vmfunc", TRY("0x0f, 0x01, 0xd4"), 6);
    check("getsec", TRY("0x0f, 0x37"), 6);
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
