/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CPU instructions the tests use. The *_safe variants survive a fault:
 * their instruction is listed in the exception table, the trap handler
 * resumes after it and they return the vector (or -1 when nothing faulted).
 */
#ifndef GUEST_CPU_H
#define GUEST_CPU_H

#include <stdint.h>

struct cpuid_regs {
    uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid_count(uint32_t leaf, uint32_t subleaf)
{
    struct cpuid_regs r;

    asm volatile ("cpuid"
                  : "=a" (r.eax), "=b" (r.ebx), "=c" (r.ecx), "=d" (r.edx)
                  : "a" (leaf), "c" (subleaf));
    return r;
}

static inline struct cpuid_regs cpuid(uint32_t leaf)
{
    return cpuid_count(leaf, 0);
}

/* Vector of the last fault fixed up through the exception table. */
extern volatile int fixup_vector;

#define EXTABLE_ENTRY(fault, resume)                                         \
    ".pushsection .ex_table, \"a\"\n\t"                                      \
    ".quad " #fault ", " #resume "\n\t"                                      \
    ".popsection\n\t"

static inline int rdmsr_safe(uint32_t msr, uint64_t *val)
{
    uint32_t lo = 0, hi = 0;

    fixup_vector = -1;
    asm volatile ("1: rdmsr\n\t"
                  "2:\n\t"
                  EXTABLE_ENTRY(1b, 2b)
                  : "+a" (lo), "+d" (hi)
                  : "c" (msr)
                  : "memory");
    *val = ((uint64_t)hi << 32) | lo;
    return fixup_vector;
}

static inline int wrmsr_safe(uint32_t msr, uint64_t val)
{
    fixup_vector = -1;
    asm volatile ("1: wrmsr\n\t"
                  "2:\n\t"
                  EXTABLE_ENTRY(1b, 2b)
                  :
                  : "c" (msr), "a" ((uint32_t)val), "d" ((uint32_t)(val >> 32))
                  : "memory");
    return fixup_vector;
}

/* CPUID leaf 0 vendor checks: Xen keeps the host's vendor string. */
static inline int cpu_is_amd(void)
{
    struct cpuid_regs r = cpuid(0);

    return (r.ebx == 0x68747541 || r.ebx == 0x6f677948); /* Auth, Hygo */
}

#endif /* GUEST_CPU_H */
