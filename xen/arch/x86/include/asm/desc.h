/* SPDX-License-Identifier: GPL-2.0-only */
/* GDT selectors shared by the boot code, the AP trampoline and traps.c.
 * The per-CPU GDT keeps the boot GDT's first entries so selectors never change. */
#ifndef ASM_X86_DESC_H
#define ASM_X86_DESC_H

#define GDT_CS64        0x08
#define GDT_DS          0x10
#define GDT_CS32        0x18
#define GDT_TSS         0x20    /* 16-byte system descriptor: slots 4 and 5 */
#define GDT_ENTRIES     6

#endif /* ASM_X86_DESC_H */
