/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in for asm/system.h: interrupts do not exist in a user process,
 * so the flag operations only track a pretend IF bit. */
#ifndef ASM_X86_SYSTEM_H
#define ASM_X86_SYSTEM_H

#include <xen/types.h>
#include <asm/x86-defns.h>

extern unsigned long unit_rflags;

static inline void cpu_relax(void) { __asm__ __volatile__("pause" ::: "memory"); }
static inline void local_irq_disable(void) { unit_rflags &= ~X86_EFLAGS_IF; }
static inline void local_irq_enable(void) { unit_rflags |= X86_EFLAGS_IF; }
static inline unsigned long read_rflags(void) { return unit_rflags; }

#define local_irq_save(flags) \
    do { (flags) = read_rflags(); local_irq_disable(); } while ( 0 )
#define local_irq_restore(flags) \
    do { if ( (flags) & X86_EFLAGS_IF ) local_irq_enable(); } while ( 0 )

static inline bool local_irq_is_enabled(void)
{
    return unit_rflags & X86_EFLAGS_IF;
}

#define smp_mb()  __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)

static inline void halt(void) { }

#endif /* ASM_X86_SYSTEM_H */
