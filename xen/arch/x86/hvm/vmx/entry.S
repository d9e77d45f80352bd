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
        HVM_LOAD_GPRS
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
        HVM_SAVE_GPRS
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
