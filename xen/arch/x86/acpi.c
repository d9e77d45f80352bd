/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-time use of the ACPI tables: the parsers in drivers/acpi/tables.c read
 * them through the boot identity map of the low 4 GiB, and what boot needs is
 * kept in acpi_boot (the tables themselves are not touched after SMP boot). */
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/acpi.h>
#include <asm/directmap.h>
#include <asm/io.h>
#include <asm/mm.h>

struct acpi_boot_info acpi_boot;

/* Firmware places its tables below 4 GiB on every machine we boot on; anything
 * above is refused rather than mapped. */
static const void *boot_map(paddr_t pa, size_t len)
{
    if ( pa == 0 || pa >= 0x100000000ULL || len > 0x100000000ULL - pa )
        return NULL;
    return (const void *)(unsigned long)pa;
}

static void collect_cpus(void)
{
    unsigned int i;

    for ( i = 0; i < acpi_boot.madt.nr_cpus && acpi_boot.nr_cpus < NR_CPUS; i++ )
        if ( acpi_boot.madt.cpu[i].enabled )
            acpi_boot.apic_ids[acpi_boot.nr_cpus++] = acpi_boot.madt.cpu[i].apic_id;
    printk("ACPI: %u enabled CPUs, %u I/O APICs, local APIC at %#lx\n",
           acpi_boot.nr_cpus, acpi_boot.madt.nr_ioapics,
           (unsigned long)acpi_boot.madt.lapic_address);
}

void acpi_boot_init(const struct boot_info *bi)
{
    /* A multiboot2 loader hands over a copy of the RSDP, which we keep in bi. */
    paddr_t hint = bi->rsdp_len ? virt_to_maddr(bi->rsdp) : 0;
    paddr_t rsdp;

    rsdp = acpi_find_rsdp(boot_map, hint);
    if ( !rsdp || acpi_tables_init(&acpi_boot.tables, rsdp, boot_map) )
    {
        printk(XENLOG_WARNING "ACPI: no usable tables; running on one CPU\n");
        return;
    }
    acpi_boot.found = true;
    acpi_tables_print(&acpi_boot.tables);
    acpi_boot.have_madt = !acpi_parse_madt(&acpi_boot.tables, &acpi_boot.madt);
    acpi_boot.have_fadt = !acpi_parse_fadt(&acpi_boot.tables, &acpi_boot.fadt);
    acpi_boot.have_hpet = !acpi_parse_hpet(&acpi_boot.tables, &acpi_boot.hpet);
    acpi_boot.have_mcfg = !acpi_parse_mcfg(&acpi_boot.tables, &acpi_boot.mcfg);
    if ( acpi_boot.have_madt )
        collect_cpus();
    if ( acpi_boot.have_fadt && acpi_boot.fadt.pm_tmr_port )
        printk("ACPI: PM-Timer IO Port: %#x (%u bits)\n", acpi_boot.fadt.pm_tmr_port,
               acpi_boot.fadt.pm_tmr_32bit ? 32 : 24);
    if ( acpi_boot.have_hpet )
        printk("ACPI: HPET id: %#x base: %#lx\n", acpi_boot.hpet.block_id,
               (unsigned long)acpi_boot.hpet.address);
}

void acpi_reset(void)
{
    const struct acpi_gas *r = &acpi_boot.fadt.reset_reg;

    if ( !acpi_boot.have_fadt || !acpi_boot.fadt.reset_supported )
        return;
    if ( r->space_id == ACPI_GAS_SYSTEM_IO )
        outb(acpi_boot.fadt.reset_value, (uint16_t)r->address);
    else if ( r->space_id == ACPI_GAS_SYSTEM_MEMORY )
    {
        volatile uint8_t *p = ioremap(r->address, 1);

        if ( p )
            *p = acpi_boot.fadt.reset_value;
    }
}
