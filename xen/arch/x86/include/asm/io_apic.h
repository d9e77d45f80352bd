/* SPDX-License-Identifier: GPL-2.0-only */
/* The host's I/O APICs (arch/x86/io_apic.c). */
#ifndef ASM_X86_IO_APIC_H
#define ASM_X86_IO_APIC_H

#include <xen/types.h>

/* Maps every IO-APIC the MADT lists and masks all their pins. */
void ioapic_init(void);
/* Pins of the index'th IO-APIC (MADT order), 0 if there is none. */
unsigned int ioapic_nr_pins(unsigned int index);
/* Sends gsi as 'vector' to the CPU with apic_id (physical, fixed), unmasked.
 * -1 if no IO-APIC has that GSI. */
int ioapic_route(unsigned int gsi, uint8_t vector, bool level, bool active_low,
                 uint32_t apic_id);
void ioapic_set_masked(unsigned int gsi, bool masked);

#endif /* ASM_X86_IO_APIC_H */
