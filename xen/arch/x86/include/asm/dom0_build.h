/* SPDX-License-Identifier: GPL-2.0-only */
/* Building the hardware domain (dom0) as a PVH guest from the boot modules. */
#ifndef ASM_X86_DOM0_BUILD_H
#define ASM_X86_DOM0_BUILD_H

#include <xen/bootinfo.h>
#include <xen/e820.h>

/* Takes dom0's RAM out of the boot allocator before anything else can use it,
 * so that dom0 gets its memory at the same addresses as the host (gfn == mfn). */
void dom0_claim_memory(const struct e820map *host, const struct boot_info *bi);
/* Creates dom0 from module 0 (kernel) and module 1 (initrd), if a kernel was given. */
void dom0_build(const struct boot_info *bi);

struct domain;
/* d's vLAPIC EOIed a level-triggered vector (dom0_irq.c; no-op for a domU). */
void dom0_irq_eoi(struct domain *d, uint8_t vector);

#endif /* ASM_X86_DOM0_BUILD_H */
