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

        HVM_LOAD_GPRS
        movq    HVM_GPR_RDI(%rdi), %rdi

        sti
        vmrun
        /* #VMEXIT: GIF=0, host RSP and RFLAGS back, other GPRs are the guest's. */

        pushq   %rdi
        movq    24(%rsp), %rdi          /* regs (one more slot pushed) */
        popq    HVM_GPR_RDI(%rdi)
        HVM_SAVE_GPRS

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
