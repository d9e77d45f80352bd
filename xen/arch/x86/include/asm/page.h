/* SPDX-License-Identifier: GPL-2.0-only */
/* Page sizes, page-table entry bits and physical/virtual address conversion. */
#ifndef ASM_X86_PAGE_H
#define ASM_X86_PAGE_H

#include <asm/config.h>

#define PAGE_SHIFT          12
#define PAGE_SIZE           (1UL << PAGE_SHIFT)
#define PAGE_MASK           (~(PAGE_SIZE - 1))
#define PAGE_OFFSET_MASK    (PAGE_SIZE - 1)
#define L2_PAGE_SHIFT       21
#define L3_PAGE_SHIFT       30
#define L4_PAGE_SHIFT       39

#define _PAGE_PRESENT   0x001UL
#define _PAGE_RW        0x002UL
#define _PAGE_USER      0x004UL
#define _PAGE_PWT       0x008UL
#define _PAGE_PCD       0x010UL
#define _PAGE_ACCESSED  0x020UL
#define _PAGE_DIRTY     0x040UL
#define _PAGE_PSE       0x080UL
#define _PAGE_GLOBAL    0x100UL
#define _PAGE_NX        (1UL << 63)
#define PADDR_MASK      0x000ffffffffff000UL

#ifndef __ASSEMBLY__
#include <xen/types.h>

typedef uint64_t pgentry_t;

#define PFN_DOWN(x)     ((x) >> PAGE_SHIFT)
#define PFN_UP(x)       (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define pfn_to_paddr(p) ((paddr_t)(p) << PAGE_SHIFT)
#define paddr_to_pfn(a) ((unsigned long)((a) >> PAGE_SHIFT))


#endif /* __ASSEMBLY__ */
#endif /* ASM_X86_PAGE_H */
