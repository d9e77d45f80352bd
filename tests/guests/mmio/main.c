// SPDX-License-Identifier: GPL-2.0-only
/* Accesses to guest-physical addresses with nothing behind them: the HPET page,
 * which a PVH dom0 may not touch, reads as all-ones in every width and form of
 * instruction, and writes to it vanish. The hypervisor must decode and emulate
 * each of these (on SVM without decode assists) and stay up. */
#include "test.h"

#define HPET_BASE   0xfed00000ul

static volatile uint8_t *const hpet8 = (volatile uint8_t *)HPET_BASE;
static volatile uint16_t *const hpet16 = (volatile uint16_t *)HPET_BASE;
static volatile uint32_t *const hpet32 = (volatile uint32_t *)HPET_BASE;
static volatile uint64_t *const hpet64 = (volatile uint64_t *)HPET_BASE;

static void expect(const char *what, uint64_t got, uint64_t want)
{
    if ( got != want )
        test_fail("%s: read %#lx, expected %#lx", what, (unsigned long)got,
                  (unsigned long)want);
}

static void plain_moves(void)
{
    expect("8-bit mov", hpet8[0], 0xff);
    expect("16-bit mov", hpet16[2], 0xffff);
    expect("32-bit mov", hpet32[1], 0xffffffff);
    expect("64-bit mov", hpet64[2], ~0ul);
}

static void extending_moves(void)
{
    uint64_t v;
    int64_t s;

    __asm__ __volatile__("movzbq (%1), %0" : "=r" (v) : "r" (hpet8 + 3));
    expect("movzx byte", v, 0xff);
    __asm__ __volatile__("movzwq (%1), %0" : "=r" (v) : "r" (hpet8 + 4));
    expect("movzx word", v, 0xffff);
    __asm__ __volatile__("movsbq (%1), %0" : "=r" (s) : "r" (hpet8 + 5));
    expect("movsx byte", (uint64_t)s, ~0ul);
    /* A 32-bit load zero-extends into the full register. */
    v = 0x1234567800000000ul;
    __asm__ __volatile__("movl (%1), %k0" : "+r" (v) : "r" (hpet32 + 2));
    expect("32-bit load into a 64-bit register", v, 0xffffffff);
}

static void alu_and_writes(void)
{
    uint32_t v = 0x0f0f0f0f;

    __asm__ __volatile__("andl (%1), %0" : "+r" (v) : "r" (hpet32 + 3) : "cc");
    expect("and with memory", v, 0x0f0f0f0f);
    hpet32[4] = 0x12345678;
    expect("read after write", hpet32[4], 0xffffffff);
    hpet8[1] = 0;
    expect("read after byte write", hpet8[1], 0xff);
}

void test_main(void)
{
    plain_moves();
    extending_moves();
    alu_and_writes();
    printk("HPET page reads as all-ones in every form\n");
}
