/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PVH entry of a test kernel. Xen enters _start (named by the PHYS32_ENTRY
 * note) in 32-bit protected mode, paging off, EBX = physical address of
 * struct hvm_start_info. We build an identity map of the first 4 GiB with
 * 2 MiB pages, enter long mode and call lib_main(). Exception stubs live
 * here too: each is 16 bytes, so stub N is at exception_stubs + 16 * N.
 */

#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define MSR_EFER        0xc0000080
#define EFER_LME        (1 << 8)
#define CR0_PE          (1 << 0)
#define CR0_NE          (1 << 5)
#define CR0_WP          (1 << 16)
#define CR0_PG          (1 << 31)
#define CR4_PAE         (1 << 5)
#define PTE_P_RW        0x003
#define PDE_2M          0x083           /* present, writable, 2 MiB page */
#define SEL_CODE64      0x08
#define SEL_DATA        0x10
#define STACK_SIZE      (16 * 1024)

        .section .note.Xen, "a", @note
        .balign 4
        .long 4                         /* name size: "Xen\0" */
        .long 4                         /* descriptor size */
        .long XEN_ELFNOTE_PHYS32_ENTRY
        .asciz "Xen"
        .long _start

        .section .text.head, "ax", @progbits
        .code32
        .globl _start
_start:
        cld
        mov     %ebx, start_info_pa
        mov     $stack_top, %esp

        /* Four page directories, 2048 entries of 2 MiB: 0 .. 4 GiB. */
        mov     $l2_tables, %edi
        xor     %ecx, %ecx
1:      mov     %ecx, %eax
        shl     $21, %eax
        or      $PDE_2M, %eax
        mov     %eax, (%edi, %ecx, 8)
        movl    $0, 4(%edi, %ecx, 8)
        inc     %ecx
        cmp     $2048, %ecx
        jb      1b

        lgdt    gdt_desc
        mov     %cr4, %eax
        or      $CR4_PAE, %eax
        mov     %eax, %cr4
        mov     $l4_table, %eax
        mov     %eax, %cr3
        mov     $MSR_EFER, %ecx
        rdmsr
        or      $EFER_LME, %eax
        wrmsr
        mov     %cr0, %eax
        or      $(CR0_PG | CR0_WP | CR0_NE | CR0_PE), %eax
        mov     %eax, %cr0
        ljmp    $SEL_CODE64, $start64

        .code64
start64:
        mov     $SEL_DATA, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %eax, %fs
        mov     %eax, %gs
        mov     $stack_top, %rsp
        call    lib_main
2:      cli
        hlt
        jmp     2b

/* Exception stubs: push a zero where the CPU pushes no error code. */
        .macro stub vec
        .balign 16
        .if (\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || \
            (\vec == 21) || (\vec == 29) || (\vec == 30)
        .else
        pushq   $0
        .endif
        pushq   $\vec
        jmp     trap_common
        .endm

        .balign 16
        .globl exception_stubs
exception_stubs:
        .irp vec, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, \
                  16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
        stub \vec
        .endr

/* Saves the registers as a struct trap_frame and calls trap_handler(). */
trap_common:
        push    %rax
        push    %rbx
        push    %rcx
        push    %rdx
        push    %rsi
        push    %rdi
        push    %rbp
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rsp, %rdi
        call    trap_handler
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rbp
        pop     %rdi
        pop     %rsi
        pop     %rdx
        pop     %rcx
        pop     %rbx
        pop     %rax
        add     $16, %rsp               /* vector and error code */
        iretq

        .section .rodata
        .balign 8
gdt:
        .quad 0
        .quad 0x00af9b000000ffff        /* 0x08: 64-bit code, DPL0 */
        .quad 0x00cf93000000ffff        /* 0x10: flat data, DPL0 */
gdt_end:
gdt_desc:
        .word gdt_end - gdt - 1
        .long gdt

        .section .data.page, "aw", @progbits
        .balign 4096
l4_table:
        .quad l3_table + PTE_P_RW
        .fill 511, 8, 0
l3_table:
        .quad l2_tables + 0x0000 + PTE_P_RW
        .quad l2_tables + 0x1000 + PTE_P_RW
        .quad l2_tables + 0x2000 + PTE_P_RW
        .quad l2_tables + 0x3000 + PTE_P_RW
        .fill 508, 8, 0
/* Xen overwrites this page with its stubs; 0xc3 (ret) until then. */
        .globl hypercall_page
hypercall_page:
        .fill 4096, 1, 0xc3

        .section .bss.page, "aw", @nobits
        .balign 4096
l2_tables:
        .skip 4 * 4096
stack:
        .skip STACK_SIZE
stack_top:

        .section .bss
        .balign 8
        .globl start_info_pa
start_info_pa:
        .skip 8

        .section .note.GNU-stack, "", @progbits
