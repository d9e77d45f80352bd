/* SPDX-License-Identifier: GPL-2.0-only */
/* Interrupt flag control, barriers and the pause hint. Host unit tests swap this
 * header for tests/unit/env/asm/system.h, where the privileged parts are no-ops. */
#ifndef ASM_X86_SYSTEM_H
#define ASM_X86_SYSTEM_H

#include <xen/types.h>
#include <asm/x86-defns.h>

static inline void cpu_relax(void) { __asm__ __volatile__("pause" ::: "memory"); }
static inline void local_irq_disable(void) { __asm__ __volatile__("cli" ::: "memory"); }
static inline void local_irq_enable(void) { __asm__ __volatile__("sti" ::: "memory"); }

static inline unsigned long read_rflags(void)
{
    unsigned long f;

    __asm__ __volatile__("pushfq; popq %0" : "=r" (f) :: "memory");
    return f;
}

#define local_irq_save(flags) \
    do { (flags) = read_rflags(); local_irq_disable(); } while ( 0 )
#define local_irq_restore(flags) \
    do { if ( (flags) & X86_EFLAGS_IF ) local_irq_enable(); } while ( 0 )

static inline bool local_irq_is_enabled(void)
{
    return read_rflags() & X86_EFLAGS_IF;
}

#define smp_mb()  __asm__ __volatile__("mfence" ::: "memory")
#define smp_rmb() __asm__ __volatile__("" ::: "memory")
#define smp_wmb() __asm__ __volatile__("" ::: "memory")

static inline void halt(void) { __asm__ __volatile__("hlt" ::: "memory"); }

#endif /* ASM_X86_SYSTEM_H */
