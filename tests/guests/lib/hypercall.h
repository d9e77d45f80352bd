/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercalls from a 64-bit guest: number in RAX, arguments in RDI, RSI,
 * RDX, R10, R8, result in RAX. hypercall() goes through slot NR of the
 * hypercall page; hypercall_direct() issues VMMCALL (AMD) or VMCALL (Intel)
 * itself. Xen debug builds clobber the argument registers, so they are
 * in/out operands here.
 */
#ifndef GUEST_HYPERCALL_H
#define GUEST_HYPERCALL_H

#include "xen.h"

extern uint8_t hypercall_page[4096];

#define HYPERCALL_ASM(insn, rax, a1, a2, a3, a4, a5)                         \
    ({                                                                       \
        register unsigned long r10_ asm("r10") = (a4);                       \
        register unsigned long r8_ asm("r8") = (a5);                         \
        unsigned long rax_ = (rax), rdi_ = (a1), rsi_ = (a2), rdx_ = (a3);   \
        asm volatile (insn                                                   \
                      : "+a" (rax_), "+D" (rdi_), "+S" (rsi_), "+d" (rdx_),  \
                        "+r" (r10_), "+r" (r8_)                              \
                      :                                                      \
                      : "rcx", "r9", "r11", "memory");                       \
        (long)rax_;                                                          \
    })

static inline long hypercall(unsigned int nr, unsigned long a1,
                             unsigned long a2, unsigned long a3,
                             unsigned long a4, unsigned long a5)
{
    return HYPERCALL_ASM("call *%%rax",
                         (unsigned long)&hypercall_page[nr * 32],
                         a1, a2, a3, a4, a5);
}

/* RAX is passed whole, so tests can put junk in its upper half. */
long hypercall_direct(unsigned long rax, unsigned long a1, unsigned long a2,
                      unsigned long a3);

static inline long hypercall_xen_version(int cmd, void *arg)
{
    return hypercall(__HYPERVISOR_xen_version, cmd, (unsigned long)arg,
                     0, 0, 0);
}

static inline long hypercall_console_io(int cmd, unsigned int count,
                                        const void *buf)
{
    return hypercall(__HYPERVISOR_console_io, cmd, count,
                     (unsigned long)buf, 0, 0);
}

static inline long hypercall_sched_op(int cmd, void *arg)
{
    return hypercall(__HYPERVISOR_sched_op, cmd, (unsigned long)arg, 0, 0, 0);
}

#endif /* GUEST_HYPERCALL_H */
