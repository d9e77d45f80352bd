/* SPDX-License-Identifier: GPL-2.0-only */
/* Offsets of the general-purpose registers in struct hvm_regs, for the entry
 * assembly of both backends (svm/entry.S, vmx/entry.S). The C side pins them
 * with build-time asserts in hvm.c. */
#ifndef ASM_X86_HVM_GPRS_H
#define ASM_X86_HVM_GPRS_H

#define HVM_GPR_RBX     0
#define HVM_GPR_RCX     8
#define HVM_GPR_RDX     16
#define HVM_GPR_RSI     24
#define HVM_GPR_RDI     32
#define HVM_GPR_RBP     40
#define HVM_GPR_R8      48
#define HVM_GPR_R9      56
#define HVM_GPR_R10     64
#define HVM_GPR_R11     72
#define HVM_GPR_R12     80
#define HVM_GPR_R13     88
#define HVM_GPR_R14     96
#define HVM_GPR_R15     104
#define HVM_GPR_RAX     112

#ifdef __ASSEMBLY__
/* The guest GPRs both backends swap by hand, from or to the struct hvm_regs at
 * %rdi. RAX (SVM keeps it in the VMCB) and RDI itself (the pointer) are the
 * entry code's to move. */
.macro HVM_LOAD_GPRS
        movq    HVM_GPR_RBX(%rdi), %rbx
        movq    HVM_GPR_RCX(%rdi), %rcx
        movq    HVM_GPR_RDX(%rdi), %rdx
        movq    HVM_GPR_RSI(%rdi), %rsi
        movq    HVM_GPR_RBP(%rdi), %rbp
        movq    HVM_GPR_R8(%rdi), %r8
        movq    HVM_GPR_R9(%rdi), %r9
        movq    HVM_GPR_R10(%rdi), %r10
        movq    HVM_GPR_R11(%rdi), %r11
        movq    HVM_GPR_R12(%rdi), %r12
        movq    HVM_GPR_R13(%rdi), %r13
        movq    HVM_GPR_R14(%rdi), %r14
        movq    HVM_GPR_R15(%rdi), %r15
.endm

.macro HVM_SAVE_GPRS
        movq    %rbx, HVM_GPR_RBX(%rdi)
        movq    %rcx, HVM_GPR_RCX(%rdi)
        movq    %rdx, HVM_GPR_RDX(%rdi)
        movq    %rsi, HVM_GPR_RSI(%rdi)
        movq    %rbp, HVM_GPR_RBP(%rdi)
        movq    %r8, HVM_GPR_R8(%rdi)
        movq    %r9, HVM_GPR_R9(%rdi)
        movq    %r10, HVM_GPR_R10(%rdi)
        movq    %r11, HVM_GPR_R11(%rdi)
        movq    %r12, HVM_GPR_R12(%rdi)
        movq    %r13, HVM_GPR_R13(%rdi)
        movq    %r14, HVM_GPR_R14(%rdi)
        movq    %r15, HVM_GPR_R15(%rdi)
.endm
#endif /* __ASSEMBLY__ */

#endif /* ASM_X86_HVM_GPRS_H */
