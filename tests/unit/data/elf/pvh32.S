/* SPDX-License-Identifier: GPL-2.0-only */
/* A test kernel as XTF builds them: linked as ELF64, converted to an ELF32
 * container that keeps EM_X86_64, one PT_LOAD and a 4-byte PHYS32_ENTRY. */
#include "xen_note.inc"

    .section .text, "ax"
    .globl _start
_start:
    .fill 0x100, 1, 0xf4

    .section .data, "aw"
    .fill 0x40, 1, 0x55

    .section .bss, "aw", @nobits
    .skip 0x1000

    .section .note.Xen, "a", @note
    xen_note_str 6, "XTF"
    xen_note_str 5, "xen-3.0"
    xen_note 18, .long, 0x100000
