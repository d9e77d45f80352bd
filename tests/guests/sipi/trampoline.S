/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vCPU 1's first code after INIT-SIPI-SIPI, copied to TRAMP_PA (the SIPI
 * vector's page). It records what only real mode gives (sipi.h's data
 * block), then goes through 32-bit protected mode to long mode on the
 * BSP's page tables and jumps to TD_ENTRY (the library's ap_entry).
 * Position-dependent: every address is TRAMP_PA plus an offset.
 */
#include "sipi.h"

#define OFF(x)          ((x) - sipi_tramp_start)
#define PA(x)           (TRAMP_PA + OFF(x))
#define MSR_EFER        0xc0000080
#define EFER_LME        (1 << 8)
#define CR0_PE          (1 << 0)
#define CR0_NE          (1 << 5)
#define CR0_WP          (1 << 16)
#define CR0_PG          (1 << 31)
#define CR4_PAE         (1 << 5)
#define SEL_CODE32      0x08
#define SEL_DATA        0x10
#define SEL_CODE64      0x18

        .section .rodata
        .code16
        .globl sipi_tramp_start, sipi_tramp_end, sipi_tramp_after_call
sipi_tramp_start:
        /* No instruction before the PUSHF changes a flag. */
        mov     %cs, %ax
        mov     %ax, %ds
        mov     %ax, %ss
        mov     $STACK_TOP, %sp
        pushfl
        popl    %ebx
        lock incw TD_RUNS
        mov     %ax, TD_CS
        mov     %ebx, TD_EFLAGS
        mov     %cr0, %ebx
        mov     %ebx, TD_CR0
        /* A near call pushes IP: 16 bits, relative to CS's base. */
        call    sipi_tramp_after_call
sipi_tramp_after_call:
        pop     %bx
        mov     %bx, TD_IP
        /* One 16-bit PUSH moves SP by 2 and stores at SS:SP (SS = CS). */
        pushw   $PUSH_MAGIC
        mov     %sp, TD_SP
        /* Real-mode segmentation: base = selector * 16, no descriptor. */
        add     $(PROBE_OFF / 16), %ax
        mov     %ax, %es
        movw    %cs, %es:0

        lgdtl   OFF(gdt_desc)
        mov     %cr0, %eax
        or      $CR0_PE, %eax
        mov     %eax, %cr0
        ljmpl   $SEL_CODE32, $PA(pm32)

        .code32
pm32:
        mov     $SEL_DATA, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %cr4, %eax
        or      $CR4_PAE, %eax
        mov     %eax, %cr4
        mov     TRAMP_PA + TD_CR3, %eax
        mov     %eax, %cr3
        mov     $MSR_EFER, %ecx
        rdmsr
        or      $EFER_LME, %eax
        wrmsr
        mov     %cr0, %eax
        or      $(CR0_PG | CR0_WP | CR0_NE), %eax
        mov     %eax, %cr0
        ljmp    $SEL_CODE64, $PA(lm64)

        .code64
lm64:
        movl    $1, TRAMP_PA + TD_LONG
        mov     TRAMP_PA + TD_ENTRY, %rax
        jmp     *%rax

        .balign 8
gdt:
        .quad 0
        .quad 0x00cf9b000000ffff        /* 0x08: 32-bit code */
        .quad 0x00cf93000000ffff        /* 0x10: flat data */
        .quad 0x00af9b000000ffff        /* 0x18: 64-bit code */
gdt_desc:
        .word gdt_desc - gdt - 1
        .long PA(gdt)
sipi_tramp_end:

        .section .note.GNU-stack, "", @progbits
