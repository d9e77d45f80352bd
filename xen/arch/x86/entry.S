/* SPDX-License-Identifier: GPL-2.0-only */
/* Exception and interrupt entry: one 16-byte stub per vector pushes a dummy error
 * code where the CPU does not, then the vector; common code saves the GPRs into a
 * struct cpu_user_regs and calls do_trap(). */
#include <asm/regs.h>

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERRCODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
                        (v) == 21 || (v) == 29 || (v) == 30)

        .text
        .balign 16
        .globl entry_stubs
entry_stubs:
        vec = 0
        .rept 256
        .balign 16
        .if (HAS_ERRCODE(vec)) == 0
        pushq   $0
        .endif
        pushq   $vec
        jmp     common_entry
        vec = vec + 1
        .endr

common_entry:
        pushq   %rdi
        pushq   %rsi
        pushq   %rdx
        pushq   %rcx
        pushq   %rax
        pushq   %r8
        pushq   %r9
        pushq   %r10
        pushq   %r11
        pushq   %rbx
        pushq   %rbp
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        cld
        movq    %rsp, %rdi
        /* A frame link so backtraces walk from the handler into the interrupted code. */
        movq    %rsp, %rbp
        call    do_trap
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbp
        popq    %rbx
        popq    %r11
        popq    %r10
        popq    %r9
        popq    %r8
        popq    %rax
        popq    %rcx
        popq    %rdx
        popq    %rsi
        popq    %rdi
        addq    $16, %rsp               /* vector and error code */
        iretq

/* void capture_regs(struct cpu_user_regs *regs): the caller's registers at the call. */
        .globl capture_regs
capture_regs:
        movq    %r15, 0*8(%rdi)
        movq    %r14, 1*8(%rdi)
        movq    %r13, 2*8(%rdi)
        movq    %r12, 3*8(%rdi)
        movq    %rbp, 4*8(%rdi)
        movq    %rbx, 5*8(%rdi)
        movq    %r11, 6*8(%rdi)
        movq    %r10, 7*8(%rdi)
        movq    %r9,  8*8(%rdi)
        movq    %r8,  9*8(%rdi)
        movq    %rax, 10*8(%rdi)
        movq    %rcx, 11*8(%rdi)
        movq    %rdx, 12*8(%rdi)
        movq    %rsi, 13*8(%rdi)
        movq    %rdi, 14*8(%rdi)
        movq    $0, 15*8(%rdi)
        movq    $0, 16*8(%rdi)
        movq    (%rsp), %rax            /* return address: where we were called from */
        movq    %rax, 17*8(%rdi)
        movq    %cs, %rax
        movq    %rax, 18*8(%rdi)
        pushfq
        popq    19*8(%rdi)
        leaq    8(%rsp), %rax
        movq    %rax, 20*8(%rdi)
        movq    %ss, %rax
        movq    %rax, 21*8(%rdi)
        movq    10*8(%rdi), %rax
        ret
