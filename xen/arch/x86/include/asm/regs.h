/* SPDX-License-Identifier: GPL-2.0-only */
/* The register frame entry.S builds on every exception and interrupt. */
#ifndef ASM_X86_REGS_H
#define ASM_X86_REGS_H

#ifndef __ASSEMBLY__
#include <xen/types.h>

struct cpu_user_regs {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi;
    uint64_t vector;                    /* pushed by the entry stub */
    uint64_t error_code;                /* by the CPU, or 0 by the stub */
    uint64_t rip, cs, rflags, rsp, ss;  /* the hardware frame */
};

void show_registers(const struct cpu_user_regs *regs);
void show_stack_trace(unsigned long rbp, unsigned long rip);
/* Fills regs with the caller's own state, for dumps taken outside an interrupt. */
void capture_regs(struct cpu_user_regs *regs);
#endif

#define REGS_VECTOR     (15 * 8)
#define REGS_SIZE       (22 * 8)

#endif /* ASM_X86_REGS_H */
