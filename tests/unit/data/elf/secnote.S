/* SPDX-License-Identifier: GPL-2.0-only */
/* Xen notes only in an unloaded SHT_NOTE section, with no PT_NOTE at all,
 * so the loader has to fall back to the section table. */
#include "xen_note.inc"

    .section .text, "ax"
    .globl _start
_start:
    .fill 0x80, 1, 0xcc

    .section .note.Xen, "", @note
    xen_note 18, .long, 0x200000
    xen_note 8, .ascii, "gene", "ric"
