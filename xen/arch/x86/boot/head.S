/* SPDX-License-Identifier: GPL-2.0-only */
/* First instructions: the multiboot1 and multiboot2 headers, the 32-bit entry a
 * loader jumps to, boot page tables, and the switch to 64-bit mode in the high half.
 * Runs at physical addresses until the jump to high_entry, hence PA() everywhere. */
#include <asm/config.h>
#include <asm/page.h>
#include <asm/msr-index.h>
#include <asm/desc.h>
#include <asm/x86-defns.h>

#define PA(x)   ((x) - XEN_VIRT_START)

#define MB1_MAGIC       0x1BADB002
#define MB1_FLAGS       0x00000003      /* page-align modules, give memory info */
#define MB2_MAGIC       0xE85250D6

        .section .text.head, "ax", @progbits
        .code32
        .globl start
start:
        jmp     start32

        .balign 4
mb1_header:
        .long   MB1_MAGIC
        .long   MB1_FLAGS
        .long   -(MB1_MAGIC + MB1_FLAGS)

        .balign 8
mb2_header:
        .long   MB2_MAGIC
        .long   0                       /* i386 protected mode */
        .long   mb2_header_end - mb2_header
        .long   -(MB2_MAGIC + 0 + (mb2_header_end - mb2_header))
        /* information request: command line, modules, memory map, ACPI RSDPs */
        .balign 8
mb2_info_req:
        .short  1, 0
        .long   mb2_info_req_end - mb2_info_req
        .long   1, 3, 6, 14, 15
mb2_info_req_end:
        .balign 8
        .short  0, 0                    /* end tag */
        .long   8
mb2_header_end:

        .balign 16
start32:
        cli
        cld
        movl    %eax, PA(boot_mb_magic)
        movl    %ebx, PA(boot_mb_info)

        lgdt    PA(boot_gdtr)
        movl    $GDT_DS, %ecx
        movl    %ecx, %ds
        movl    %ecx, %es
        movl    %ecx, %ss
        movl    %ecx, %fs
        movl    %ecx, %gs
        ljmp    $GDT_CS32, $PA(1f)
1:
        movl    $PA(boot_stack_top), %esp

        /* Zero .bss before anything lives there. */
        movl    $PA(__bss_start), %edi
        movl    $PA(__bss_end), %ecx
        subl    %edi, %ecx
        xorl    %eax, %eax
        rep stosb

        /* Refuse politely on a CPU that cannot run us. */
        movl    $0x80000000, %eax
        cpuid
        cmpl    $0x80000001, %eax
        jb      no_long_mode
        movl    $0x80000001, %eax
        cpuid
        btl     $29, %edx
        jnc     no_long_mode
        movl    %edx, %ebp              /* keep the NX bit (20) for EFER below */

        /* Identity map of the low 4 GiB: 2048 2 MiB pages. */
        movl    $PA(l2_ident), %edi
        movl    $(_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE), %eax
        xorl    %edx, %edx
        movl    $2048, %ecx
2:      movl    %eax, (%edi)
        movl    %edx, 4(%edi)
        addl    $(1 << L2_PAGE_SHIFT), %eax
        adcl    $0, %edx
        addl    $8, %edi
        loop    2b

        /* The image window: physical 0..1 GiB at XEN_VIRT_START. */
        movl    $PA(l2_xen), %edi
        movl    $(_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE | _PAGE_GLOBAL), %eax
        movl    $512, %ecx
3:      movl    %eax, (%edi)
        movl    $0, 4(%edi)
        addl    $(1 << L2_PAGE_SHIFT), %eax
        addl    $8, %edi
        loop    3b

        movl    %cr4, %eax
        orl     $(X86_CR4_PAE | X86_CR4_PGE), %eax
        movl    %eax, %cr4
        movl    $PA(idle_pg_table), %eax
        movl    %eax, %cr3

        movl    $MSR_EFER, %ecx
        rdmsr
        orl     $EFER_LME, %eax
        btl     $20, %ebp
        jnc     4f
        orl     $EFER_NXE, %eax
4:      wrmsr

        movl    $(X86_CR0_PE | X86_CR0_MP | X86_CR0_ET | X86_CR0_NE | X86_CR0_WP | X86_CR0_PG), %eax
        movl    %eax, %cr0
        ljmp    $GDT_CS64, $PA(start64)

no_long_mode:
        movl    $PA(no_lm_msg), %esi
        movw    $0x3f8, %dx
5:      lodsb
        testb   %al, %al
        jz      6f
        outb    %al, %dx
        jmp     5b
6:      hlt
        jmp     6b

        .code64
start64:
        movabsq $high_entry, %rax
        jmp     *%rax

high_entry:
        lgdt    boot_gdtr_high(%rip)
        movq    $boot_stack_top, %rsp
        xorl    %ebp, %ebp
        movl    boot_mb_magic(%rip), %edi
        movl    boot_mb_info(%rip), %esi
        call    __start_xen
        ud2

        .section .rodata.head, "a", @progbits
no_lm_msg:
        .asciz  "ERR: this CPU has no 64-bit mode; cannot boot the hypervisor.\r\n"

        .data
        .balign 8
        .globl boot_mb_magic, boot_mb_info
boot_mb_magic:  .long 0
boot_mb_info:   .long 0

        .balign 16
boot_gdt:
        .quad   0
        .quad   0x00af9b000000ffff      /* GDT_CS64: 64-bit code, DPL0 */
        .quad   0x00cf93000000ffff      /* GDT_DS: flat data */
        .quad   0x00cf9b000000ffff      /* GDT_CS32: flat 32-bit code */
boot_gdt_end:
boot_gdtr:
        .short  boot_gdt_end - boot_gdt - 1
        .long   PA(boot_gdt)
        .balign 8
        .short  0, 0, 0
        .globl boot_gdtr_high
boot_gdtr_high:
        .short  boot_gdt_end - boot_gdt - 1
        .quad   boot_gdt

        /* Boot page tables; setup.c extends idle_pg_table with the direct map. */
        .section .data.page_aligned, "aw", @progbits
        .balign PAGE_SIZE
        .globl idle_pg_table
idle_pg_table:
        .quad   PA(l3_ident) + (_PAGE_PRESENT | _PAGE_RW)
        .fill   510, 8, 0
        .quad   PA(l3_xen) + (_PAGE_PRESENT | _PAGE_RW)
l3_ident:
        .quad   PA(l2_ident) + 0x0000 + (_PAGE_PRESENT | _PAGE_RW)
        .quad   PA(l2_ident) + 0x1000 + (_PAGE_PRESENT | _PAGE_RW)
        .quad   PA(l2_ident) + 0x2000 + (_PAGE_PRESENT | _PAGE_RW)
        .quad   PA(l2_ident) + 0x3000 + (_PAGE_PRESENT | _PAGE_RW)
        .fill   508, 8, 0
        .globl l3_xen
l3_xen:
        .fill   510, 8, 0
        .quad   PA(l2_xen) + (_PAGE_PRESENT | _PAGE_RW)
        .quad   0
        .globl l2_xen
l2_xen:
        .fill   512, 8, 0
l2_ident:
        .fill   4 * 512, 8, 0

        .section .bss.stack_aligned, "aw", @nobits
        .balign STACK_SIZE
        .globl boot_stack
boot_stack:
        .skip   STACK_SIZE
boot_stack_top:
