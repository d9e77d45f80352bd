/* SPDX-License-Identifier: GPL-2.0-only */
/* VMRUN. void svm_vmrun(struct hvm_regs *regs, paddr_t vmcb, paddr_t host_area)
 *
 * Host state VMRUN does not keep (FS/GS bases, TR, LDTR, syscall MSRs) goes to
 * host_area with VMSAVE and comes back with VMLOAD before GIF is set again, so no
 * interrupt handler ever runs with the guest's GS base. The caller has IF=0; we
 * set IF=1 under GIF=0 so that host interrupts arriving in the guest cause
 * #VMEXIT(INTR) and are taken right after STGI. RAX and RSP live in the VMCB;
 * the other GPRs are swapped here (offsets in asm/hvm/gprs.h). */

#include <asm/hvm/gprs.h>

        .text
        .globl svm_vmrun
svm_vmrun:
        pushq   %rbp
        pushq   %rbx
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        pushq   %rdi                    /* 16(%rsp): regs */
        pushq   %rdx                    /*  8(%rsp): host area */
        pushq   %rsi                    /*  0(%rsp): guest VMCB */

        clgi
        movq    %rdx, %rax
        vmsave
        movq    (%rsp), %rax
        vmload

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

        sti
        vmrun
        /* #VMEXIT: GIF=0, host RSP and RFLAGS back, other GPRs are the guest's. */

        pushq   %rdi
        movq    24(%rsp), %rdi          /* regs (one more slot pushed) */
        popq    HVM_GPR_RDI(%rdi)
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

        movq    (%rsp), %rax
        vmsave                          /* the guest's FS/GS/TR/... into its VMCB */
        movq    8(%rsp), %rax
        vmload                          /* host FS/GS/TR back */
        cli
        stgi

        addq    $24, %rsp
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbx
        popq    %rbp
        ret
