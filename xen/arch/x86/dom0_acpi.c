/* SPDX-License-Identifier: GPL-2.0-only */
/* Dom0's firmware tables: a new RSDP, XSDT and MADT (drivers/acpi/dom0_tables.c)
 * written into pages taken from the top of dom0's last RAM range below 4 GiB,
 * which its e820 then calls ACPI. The host's other tables stay where they are. */
#include <xen/acpi.h>
#include <xen/e820.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>
#include <asm/acpi.h>
#include <asm/directmap.h>
#include <asm/hvm/guest_access.h>
#include <asm/mm.h>
#include <asm/page.h>
#include "dom0.h"

#define FOUR_GB     0x100000000ULL

/* The boot identity map is gone by now: RAM-like areas come through the direct
 * map, and the firmware's reserved areas through ioremap. The tables are read
 * only while dom0 is built, so the ioremap window spent is small and bounded. */
static const void *dom0_acpi_map(paddr_t pa, size_t len)
{
    if ( pa == 0 || pa >= FOUR_GB || len > FOUR_GB - pa )
        return NULL;
    if ( directmap_covers(pa, len) )
        return maddr_to_virt(pa);
    return ioremap(pa, len);
}

/* Dom0 may see a host table only where its e820 shows firmware data. */
static bool table_ok(paddr_t pa, size_t len)
{
    unsigned int i;

    for ( i = 0; i < e820.nr_map; i++ )
    {
        const struct e820entry *m = &e820.map[i];

        if ( pa >= m->addr && pa + len <= m->addr + m->size )
            return m->type == E820_ACPI || m->type == E820_NVS ||
                   m->type == E820_RESERVED;
    }
    return false;
}

int dom0_acpi_reserve(unsigned int nr_vcpus)
{
    size_t size;
    int i;

    if ( !acpi_boot.found || !acpi_boot.have_madt )
        return -ENOENT;
    acpi_boot.tables.map = dom0_acpi_map;
    size = ROUNDUP(acpi_dom0_tables_size(&acpi_boot.tables, nr_vcpus), PAGE_SIZE);
    if ( !size )
        return -EINVAL;
    for ( i = dom0_mem.nr - 1; i >= 0; i-- )
    {
        paddr_t e = min(dom0_mem.range[i].e, (paddr_t)FOUR_GB);

        if ( e >= dom0_mem.range[i].s + size )
        {
            dom0_mem.acpi_s = e - size;
            dom0_mem.acpi_e = e;
            return 0;
        }
    }
    return -ENOSPC;
}

paddr_t dom0_acpi_write(struct domain *d)
{
    size_t len = dom0_mem.acpi_e - dom0_mem.acpi_s;
    paddr_t rsdp = 0;
    void *buf;
    int rc;

    if ( !len )
        return 0;
    buf = xzalloc_bytes(len);
    if ( !buf )
        return 0;
    rc = acpi_dom0_build_tables(&acpi_boot.tables, d->max_vcpus, table_ok, buf, len,
                                dom0_mem.acpi_s, &rsdp);
    if ( !rc )
        rc = copy_to_guest_phys(d, dom0_mem.acpi_s, buf, len);
    xfree(buf);
    if ( rc )
    {
        printk(XENLOG_WARNING "Dom0 ACPI tables: error %d; dom0 sees the host's\n", rc);
        return 0;
    }
    printk("Dom0 ACPI tables at [%#lx, %#lx), RSDP %#lx\n", (unsigned long)dom0_mem.acpi_s,
           (unsigned long)dom0_mem.acpi_e, (unsigned long)rsdp);
    return rsdp;
}
