/* SPDX-License-Identifier: GPL-2.0-only */
/* A vmlinux-shaped ELF64: high virtual, low physical addresses, bss after
 * data, Xen notes in a PT_NOTE segment (8-byte PHYS32_ENTRY) and a second,
 * unloaded note section that only the section fallback can see. */
#include "xen_note.inc"

    .section .text, "ax"
    .globl _start
_start:
    .fill 0x200, 1, 0x90

    .section .data, "aw"
    .fill 0x100, 1, 0xaa

    .section .bss, "aw", @nobits
    .skip 0x3000

    .section .note.Xen, "a", @note
    xen_note_str 6, "linux"
    xen_note_str 5, "xen-3.0"
    xen_note_str 7, "2.6"
    xen_note_str 8, "generic"
    xen_note_str 9, "yes"
    xen_note_str 10, "!writable_page_tables|pae_pgdir_above_4gb"
    xen_note 17, .long, 0x8801
    xen_note 3, .quad, 0xffffffff80000000
    xen_note 4, .quad, 0
    xen_note 1, .quad, 0xffffffff81000040
    xen_note 2, .quad, 0xffffffff81000100
    xen_note 12, .quad, 0xffff800000000000
    xen_note 13, .quad, 1, 1
    xen_note 14, .long, 1
    xen_note 15, .quad, 0x8000000000
    xen_note 16, .long, 1
    xen_note 18, .quad, 0x1000040

    /* A foreign note between Xen's ones is walked over, not counted. */
    .balign 4
    .long 4, 8, 3
    .asciz "GNU"
    .quad 0x0123456789abcdef

    .section .note.extra, "", @note
    xen_note 18, .quad, 0x2222222
    xen_note_str 6, "extra"
