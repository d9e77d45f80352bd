/* SPDX-License-Identifier: GPL-2.0-only */
/* VMLAUNCH/VMRESUME. int vmx_run(struct hvm_regs *regs, bool launched)
 *
 * The caller has IF=0 and the vCPU's VMCS current. HOST_RSP is written here,
 * to the stack as it is at the exit point; HOST_RIP (vmx_exit_point) was
 * written when the VMCS was built. RSP, RIP and RFLAGS are in the VMCS; every
 * other GPR, RAX included, is swapped here, at the offsets of asm/hvm/gprs.h
 * that SVM's entry also uses. An exit returns 0 with IF=0 (the CPU clears
 * RFLAGS). If the instruction itself fails nothing was entered: 1 for
 * VMfailInvalid (CF), 2 for VMfailValid (ZF, the VMCS has the error number). */

#include <asm/hvm/gprs.h>

#define VMCS_HOST_RSP   0x6c14

        .text
        .globl vmx_run
vmx_run:
        pushq   %rbp
        pushq   %rbx
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        pushq   %rdi                    /* 0(%rsp): regs */

        movl    $VMCS_HOST_RSP, %eax
        vmwrite %rsp, %rax

        /* Launched or not decides the instruction; MOVs keep the flags. */
        testb   %sil, %sil
        movq    HVM_GPR_RAX(%rdi), %rax
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
        movq    HVM_GPR_RDI(%rdi), %rdi
        jnz     1f
        vmlaunch
        jmp     2f
1:      vmresume
2:      /* Still here: the entry failed and no guest ran. */
        movl    $2, %eax
        jnc     .Lout
        movl    $1, %eax
        jmp     .Lout

        .globl vmx_exit_point
vmx_exit_point:
        /* VM exit: host RSP as written above, other GPRs still the guest's. */
        pushq   %rdi
        movq    8(%rsp), %rdi           /* regs (one more slot pushed) */
        popq    HVM_GPR_RDI(%rdi)
        movq    %rax, HVM_GPR_RAX(%rdi)
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
        xorl    %eax, %eax

.Lout:
        addq    $8, %rsp
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbx
        popq    %rbp
        ret
