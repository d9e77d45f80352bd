/* SPDX-License-Identifier: GPL-2.0-only */
/* What the boot code takes from the ACPI tables (arch/x86/acpi.c). */
#ifndef ASM_X86_ACPI_H
#define ASM_X86_ACPI_H

#include <xen/acpi.h>
#include <xen/bootinfo.h>
#include <xen/types.h>
#include <asm/config.h>

struct acpi_boot_info {
    bool found;                         /* the tables could be read at all */
    bool have_madt, have_fadt, have_hpet, have_mcfg;
    struct acpi_tables tables;
    struct acpi_madt_info madt;
    struct acpi_fadt_info fadt;
    struct acpi_hpet_info hpet;
    struct acpi_mcfg_info mcfg;
    unsigned int nr_cpus;
    uint32_t apic_ids[NR_CPUS];         /* enabled CPUs, in MADT order */
};

extern struct acpi_boot_info acpi_boot;

/* Finds and parses the tables; without ACPI the machine runs on one CPU. */
void acpi_boot_init(const struct boot_info *bi);
/* Writes the FADT reset register, if the firmware provides one. */
void acpi_reset(void);

#endif /* ASM_X86_ACPI_H */
