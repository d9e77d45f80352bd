/* SPDX-License-Identifier: GPL-2.0-only */
/* Host stand-in for asm/directmap.h: "machine memory" is an arena the test
 * allocates and announces in unit_directmap_base. */
#ifndef ASM_X86_DIRECTMAP_H
#define ASM_X86_DIRECTMAP_H

#include <asm/page.h>

extern char *unit_directmap_base;

static inline void *maddr_to_virt(paddr_t ma)
{
    return unit_directmap_base + ma;
}

static inline paddr_t virt_to_maddr(const void *va)
{
    return (paddr_t)((const char *)va - unit_directmap_base);
}

#define __pa(x) virt_to_maddr(x)
#define __va(x) maddr_to_virt(x)
#define mfn_to_virt(m)  maddr_to_virt(pfn_to_paddr(m))
#define virt_to_mfn(v)  paddr_to_pfn(virt_to_maddr(v))

#endif /* ASM_X86_DIRECTMAP_H */
