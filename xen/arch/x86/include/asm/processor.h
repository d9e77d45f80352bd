/* SPDX-License-Identifier: GPL-2.0-only */
/* CPU instructions wrapped as functions: CPUID, MSRs, control registers, TSC. */
#ifndef ASM_X86_PROCESSOR_H
#define ASM_X86_PROCESSOR_H

#include <xen/types.h>
#include <asm/x86-defns.h>

struct cpuid_leaf {
    uint32_t a, b, c, d;
};

static inline void cpuid_count(uint32_t leaf, uint32_t sub, struct cpuid_leaf *r)
{
    __asm__ __volatile__("cpuid"
                         : "=a" (r->a), "=b" (r->b), "=c" (r->c), "=d" (r->d)
                         : "0" (leaf), "2" (sub));
}

static inline void cpuid(uint32_t leaf, struct cpuid_leaf *r)
{
    cpuid_count(leaf, 0, r);
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ __volatile__("rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr));
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t val)
{
    __asm__ __volatile__("wrmsr" :: "c" (msr), "a" ((uint32_t)val),
                         "d" ((uint32_t)(val >> 32)) : "memory");
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__("rdtsc" : "=a" (lo), "=d" (hi));
    return ((uint64_t)hi << 32) | lo;
}

/* Ordered TSC read: nothing earlier is still in flight. */
static inline uint64_t rdtsc_ordered(void)
{
    __asm__ __volatile__("lfence" ::: "memory");
    return rdtsc();
}

#define DEFINE_CR_ACCESSORS(n)                                              \
    static inline unsigned long read_cr##n(void)                            \
    {                                                                       \
        unsigned long v;                                                    \
        __asm__ __volatile__("mov %%cr" #n ", %0" : "=r" (v));              \
        return v;                                                           \
    }                                                                       \
    static inline void write_cr##n(unsigned long v)                         \
    {                                                                       \
        __asm__ __volatile__("mov %0, %%cr" #n :: "r" (v) : "memory");      \
    }
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
#undef DEFINE_CR_ACCESSORS

static inline void invlpg(const void *va)
{
    __asm__ __volatile__("invlpg (%0)" :: "r" (va) : "memory");
}

/* Flushes the whole TLB, global entries included, by toggling CR4.PGE. */
static inline void flush_tlb_all_local(void)
{
    unsigned long cr4 = read_cr4();

    write_cr4(cr4 & ~X86_CR4_PGE);
    write_cr4(cr4);
}

#endif /* ASM_X86_PROCESSOR_H */
