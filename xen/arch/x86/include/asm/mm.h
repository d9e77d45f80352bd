/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor's own page tables: the direct map and I/O mappings. */
#ifndef ASM_X86_MM_H
#define ASM_X86_MM_H

#include <xen/types.h>
#include <xen/e820.h>
#include <asm/page.h>

#define IOREMAP_VIRT_START  0xffff82c000000000UL
#define IOREMAP_VIRT_SIZE   0x0000000040000000UL    /* 1 GiB of device mappings */

#define PAGE_HYPERVISOR     (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | \
                             _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_HYPERVISOR_UC  (PAGE_HYPERVISOR | _PAGE_PCD | _PAGE_PWT)

extern pgentry_t idle_pg_table[512];

/* Maps [pa, pa + nr pages) at va with flags, using the largest pages that fit.
 * Returns 0 or -ENOMEM. */
int map_pages_to_xen(unsigned long va, paddr_t pa, unsigned long nr, uint64_t flags);
/* Builds the direct map for every RAM, ACPI and NVS region of the memory map. */
void directmap_init(const struct e820map *m);
/* Whether [pa, pa+len) is in the direct map (RAM, ACPI and NVS, in 2 MiB steps). */
bool directmap_covers(paddr_t pa, size_t len);
/* Uncached mapping of a device region; returns NULL when the window is full. */
void *ioremap(paddr_t pa, size_t size);
/* Switches page-table allocation from the boot pool to the heap. */
void mm_heap_ready(void);
/* Removes the low identity map once nothing needs it. */
void mm_drop_identity_map(void);

#endif /* ASM_X86_MM_H */
