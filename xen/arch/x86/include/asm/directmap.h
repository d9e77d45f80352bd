/* SPDX-License-Identifier: GPL-2.0-only */
/* How the hypervisor reaches physical memory: through the direct map, or the image
 * mapping for addresses inside the image. Host unit tests replace this header
 * (tests/unit/env/asm/directmap.h) with one that points into a test arena. */
#ifndef ASM_X86_DIRECTMAP_H
#define ASM_X86_DIRECTMAP_H

#include <asm/page.h>

/* Every byte of RAM is reachable through the direct map once setup has built it. */
static inline void *maddr_to_virt(paddr_t ma)
{
    return (void *)(DIRECTMAP_VIRT_START + ma);
}

static inline paddr_t virt_to_maddr(const void *va)
{
    unsigned long v = (unsigned long)va;

    if ( v >= XEN_VIRT_START )
        return v - XEN_VIRT_START;
    return v - DIRECTMAP_VIRT_START;
}

#define __pa(x) virt_to_maddr(x)
#define __va(x) maddr_to_virt(x)
#define mfn_to_virt(m)  maddr_to_virt(pfn_to_paddr(m))
#define virt_to_mfn(v)  paddr_to_pfn(virt_to_maddr(v))

#endif /* ASM_X86_DIRECTMAP_H */
