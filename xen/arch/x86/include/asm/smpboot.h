/* SPDX-License-Identifier: GPL-2.0-only */
/* Bringing up the application processors. */
#ifndef ASM_X86_SMPBOOT_H
#define ASM_X86_SMPBOOT_H

#include <xen/types.h>

/* Starts every CPU in apic_ids (the BSP's own ID is skipped), honouring maxcpus=
 * and nosmp, and prints "Brought up N CPUs". */
void smp_boot_cpus(const uint32_t *apic_ids, unsigned int nr);

#endif /* ASM_X86_SMPBOOT_H */
