/* SPDX-License-Identifier: GPL-2.0-only */
/* Application-processor start: this code is copied to a page below 1 MiB, where
 * a SIPI starts the AP in real mode. It climbs to 64-bit mode on the boot page
 * tables and jumps to ap_entry in the image. The C side fills the parameter block
 * (struct trampoline_params in smpboot.c) in the copy before each start. */
#include <asm/desc.h>
#include <asm/msr-index.h>
#include <asm/x86-defns.h>

#define OFF(x)  ((x) - trampoline_start)

        .text
        .code16
        .globl trampoline_start, trampoline_end
trampoline_start:
        cli
        cld
        movw    %cs, %ax
        movw    %ax, %ds
        xorl    %ebx, %ebx
        movw    %cs, %bx
        shll    $4, %ebx                /* physical base of the copy */
        lgdtl   OFF(tr_gdtr)
        movl    %cr0, %eax
        orl     $X86_CR0_PE, %eax
        movl    %eax, %cr0
        ljmpl   *OFF(tr_jump32)

        .code32
tr_prot:
        movl    $GDT_DS, %eax
        movl    %eax, %ds
        movl    %eax, %es
        movl    %eax, %ss
        movl    %cr4, %eax
        orl     $(X86_CR4_PAE | X86_CR4_PGE), %eax
        movl    %eax, %cr4
        movl    OFF(tr_cr3)(%ebx), %eax
        movl    %eax, %cr3
        movl    $MSR_EFER, %ecx
        rdmsr
        orl     OFF(tr_efer)(%ebx), %eax
        wrmsr
        movl    $(X86_CR0_PE | X86_CR0_MP | X86_CR0_ET | X86_CR0_NE | X86_CR0_WP | X86_CR0_PG), %eax
        movl    %eax, %cr0
        ljmpl   *OFF(tr_jump64)(%ebx)

        .code64
tr_long:
        movl    %ebx, %ebx              /* upper halves are undefined after the switch */
        movq    OFF(tr_entry)(%rbx), %rax
        jmp     *%rax

        /* Parameter block: layout pinned by struct trampoline_params. */
        .balign 8
        .globl trampoline_params
trampoline_params:
tr_gdtr:        .short 0
                .long 0
tr_jump32:      .long 0
                .short GDT_CS32
tr_jump64:      .long 0
                .short GDT_CS64
tr_cr3:         .long 0
tr_efer:        .long 0
tr_entry:       .quad 0
trampoline_end:

        .globl trampoline_prot_off, trampoline_long_off
        .section .rodata
trampoline_prot_off:    .long OFF(tr_prot)
trampoline_long_off:    .long OFF(tr_long)

        .text
        .globl ap_entry
ap_entry:
        lgdt    boot_gdtr_high(%rip)
        movq    ap_stack_top(%rip), %rsp
        xorl    %ebp, %ebp
        movq    ap_cpu_info(%rip), %rdi
        call    start_secondary
        ud2
