/* SPDX-License-Identifier: GPL-2.0-only */
/* VMRUN. void svm_vmrun(struct hvm_regs *regs, paddr_t vmcb, paddr_t host_area)
 *
 * Host state VMRUN does not keep (FS/GS bases, TR, LDTR, syscall MSRs) goes to
 * host_area with VMSAVE and comes back with VMLOAD before GIF is set again, so no
 * interrupt handler ever runs with the guest's GS base. The caller has IF=0; we
 * set IF=1 under GIF=0 so that host interrupts arriving in the guest cause
 * #VMEXIT(INTR) and are taken right after STGI. RAX and RSP live in the VMCB;
 * the other GPRs are swapped here (offsets pinned by static asserts in svm.c). */

#define R_RBX   0
#define R_RCX   8
#define R_RDX   16
#define R_RSI   24
#define R_RDI   32
#define R_RBP   40
#define R_R8    48
#define R_R9    56
#define R_R10   64
#define R_R11   72
#define R_R12   80
#define R_R13   88
#define R_R14   96
#define R_R15   104

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

        movq    R_RBX(%rdi), %rbx
        movq    R_RCX(%rdi), %rcx
        movq    R_RDX(%rdi), %rdx
        movq    R_RSI(%rdi), %rsi
        movq    R_RBP(%rdi), %rbp
        movq    R_R8(%rdi), %r8
        movq    R_R9(%rdi), %r9
        movq    R_R10(%rdi), %r10
        movq    R_R11(%rdi), %r11
        movq    R_R12(%rdi), %r12
        movq    R_R13(%rdi), %r13
        movq    R_R14(%rdi), %r14
        movq    R_R15(%rdi), %r15
        movq    R_RDI(%rdi), %rdi

        sti
        vmrun
        /* #VMEXIT: GIF=0, host RSP and RFLAGS back, other GPRs are the guest's. */

        pushq   %rdi
        movq    24(%rsp), %rdi          /* regs (one more slot pushed) */
        popq    R_RDI(%rdi)
        movq    %rbx, R_RBX(%rdi)
        movq    %rcx, R_RCX(%rdi)
        movq    %rdx, R_RDX(%rdi)
        movq    %rsi, R_RSI(%rdi)
        movq    %rbp, R_RBP(%rdi)
        movq    %r8, R_R8(%rdi)
        movq    %r9, R_R9(%rdi)
        movq    %r10, R_R10(%rdi)
        movq    %r11, R_R11(%rdi)
        movq    %r12, R_R12(%rdi)
        movq    %r13, R_R13(%rdi)
        movq    %r14, R_R14(%rdi)
        movq    %r15, R_R15(%rdi)

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
