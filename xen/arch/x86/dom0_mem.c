/* SPDX-License-Identifier: GPL-2.0-only */
/* Dom0's memory: which host RAM it gets, its p2m, and the e820 it is shown.
 *
 * Dom0's RAM is host RAM at the same addresses (gfn == mfn), so devices can DMA
 * into it without an IOMMU. It is claimed from the boot allocator at boot, lowest
 * addresses first, skipping what the hypervisor holds: the first 64 KiB (page 0
 * and the AP trampoline), the image and the boot modules. Everything not claimed
 * stays the hypervisor's and shows up in dom0's e820 as unusable. Firmware areas
 * (ACPI, NVS, reserved, the legacy hole below 1 MiB) are mapped through 1:1. */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/dom0_build.h>
#include <asm/page.h>
#include <asm/p2m.h>
#include "dom0.h"

static unsigned long long opt_dom0_mem;
size_param("dom0_mem", opt_dom0_mem);

#define DOM0_LOW_START      0x10000ULL      /* below: the hypervisor's */
#define DOM0_MIN_XEN_KEEP   (64ULL << 20)

struct dom0_mem dom0_mem;

extern char _start[], _end[];

static void add_claim(paddr_t s, paddr_t e)
{
    if ( dom0_mem.nr == DOM0_MAX_RANGES || s >= e )
        return;
    dom0_mem.range[dom0_mem.nr].s = s;
    dom0_mem.range[dom0_mem.nr].e = e;
    dom0_mem.nr++;
    dom0_mem.bytes += e - s;
}

/* The first hole in [s, e) that the hypervisor holds, or e if none. */
static paddr_t next_busy(const struct boot_info *bi, paddr_t s, paddr_t e, paddr_t *busy_end)
{
    paddr_t img_s = (paddr_t)(_start - XEN_VIRT_START);
    paddr_t img_e = ROUNDUP((paddr_t)(_end - XEN_VIRT_START), PAGE_SIZE);
    paddr_t first = e;
    unsigned int i;

    *busy_end = e;
    if ( img_s < e && img_e > s && img_s < first )
    {
        first = max(img_s, s);
        *busy_end = img_e;
    }
    for ( i = 0; i < bi->nr_modules; i++ )
    {
        paddr_t ms = ROUNDDOWN(bi->modules[i].start, PAGE_SIZE);
        paddr_t me = ROUNDUP(bi->modules[i].end, PAGE_SIZE);

        if ( ms < e && me > s && max(ms, s) < first )
        {
            first = max(ms, s);
            *busy_end = me;
        }
    }
    return first;
}

static uint64_t default_size(uint64_t ram)
{
    uint64_t keep = max(DOM0_MIN_XEN_KEEP, ram / 8);

    return ram > 2 * keep ? ram - keep : ram / 2;
}

void dom0_claim_memory(const struct e820map *host, const struct boot_info *bi)
{
    uint64_t want = opt_dom0_mem ? opt_dom0_mem : default_size(e820_ram_bytes(host));
    unsigned int i;

    want = ROUNDDOWN(want, PAGE_SIZE);
    for ( i = 0; i < host->nr_map && dom0_mem.bytes < want; i++ )
    {
        const struct e820entry *m = &host->map[i];
        paddr_t s = ROUNDUP(max(m->addr, DOM0_LOW_START), PAGE_SIZE);
        paddr_t e = ROUNDDOWN(m->addr + m->size, PAGE_SIZE);

        if ( m->type != E820_RAM )
            continue;
        while ( s < e && dom0_mem.bytes < want )
        {
            paddr_t busy_end, stop = next_busy(bi, s, e, &busy_end);

            stop = min(stop, s + (want - dom0_mem.bytes));
            add_claim(s, stop);
            s = max(stop, busy_end);
        }
    }
    for ( i = 0; i < dom0_mem.nr; i++ )
        reserve_boot_pages(dom0_mem.range[i].s, dom0_mem.range[i].e);
    printk("Dom0 memory: %lu MiB in %u ranges, at host addresses\n",
           (unsigned long)(dom0_mem.bytes >> 20), dom0_mem.nr);
}

bool dom0_owns(paddr_t s, paddr_t e)
{
    unsigned int i;

    for ( i = 0; i < dom0_mem.nr; i++ )
        if ( s >= dom0_mem.range[i].s && e <= dom0_mem.range[i].e )
            return true;
    return false;
}

/* Maps [s, e) 1:1 with the largest pages alignment allows. */
int dom0_map_identity(struct domain *d, paddr_t s, paddr_t e, p2m_type_t t)
{
    unsigned long gfn = PFN_DOWN(s), end = PFN_DOWN(e);
    int rc = 0;

    while ( gfn < end && !rc )
    {
        unsigned int order = 0;

        if ( !(gfn & ((1UL << 18) - 1)) && end - gfn >= (1UL << 18) )
            order = 18;
        else if ( !(gfn & ((1UL << 9) - 1)) && end - gfn >= (1UL << 9) )
            order = 9;
        rc = p2m_set_entry(&d->arch.p2m, gfn, gfn, order, t);
        gfn += 1UL << order;
    }
    return rc;
}

int dom0_build_p2m(struct domain *d, const struct e820map *host)
{
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < dom0_mem.nr && !rc; i++ )
        rc = dom0_map_identity(d, dom0_mem.range[i].s, dom0_mem.range[i].e, p2m_ram_rw);
    /* Firmware data: visible at host addresses. */
    for ( i = 0; i < host->nr_map && !rc; i++ )
    {
        const struct e820entry *m = &host->map[i];
        paddr_t s = ROUNDDOWN(m->addr, PAGE_SIZE);
        paddr_t e = ROUNDUP(m->addr + m->size, PAGE_SIZE);

        if ( m->type == E820_ACPI || m->type == E820_NVS )
            rc = dom0_map_identity(d, s, e, p2m_ram_rw);
    }
    /* Reserved areas, the legacy hole and device windows. */
    if ( !rc )
        rc = dom0_map_devices(d);
    if ( !rc )
        rc = dom0_map_identity(d, 0, DOM0_LOW_START, p2m_ram_ro);
    d->tot_pages = dom0_mem.bytes >> PAGE_SHIFT;
    return rc;
}

static void e820_add(struct e820map *m, uint64_t s, uint64_t e, uint32_t type)
{
    if ( m->nr_map < BOOT_MAX_MEMMAP && s < e )
    {
        m->map[m->nr_map].addr = s;
        m->map[m->nr_map].size = e - s;
        m->map[m->nr_map].type = type;
        m->nr_map++;
    }
}

/* Dom0's RAM, less the pages holding its ACPI tables. */
static void add_ram(struct e820map *out, uint64_t s, uint64_t e)
{
    if ( dom0_mem.acpi_s >= e || dom0_mem.acpi_e <= s )
    {
        e820_add(out, s, e, E820_RAM);
        return;
    }
    e820_add(out, s, dom0_mem.acpi_s, E820_RAM);
    e820_add(out, dom0_mem.acpi_s, dom0_mem.acpi_e, E820_ACPI);
    e820_add(out, dom0_mem.acpi_e, e, E820_RAM);
}

/* Splits one host RAM entry into dom0's pieces (RAM) and the gaps between them,
 * which the hypervisor keeps (unusable). Claims are sorted and disjoint. */
static void split_ram(struct e820map *out, uint64_t s, uint64_t e)
{
    unsigned int j;

    for ( j = 0; j < dom0_mem.nr && s < e; j++ )
    {
        uint64_t cs = max(s, dom0_mem.range[j].s), ce = min(e, dom0_mem.range[j].e);

        if ( cs >= ce )
            continue;
        e820_add(out, s, cs, E820_UNUSABLE);
        add_ram(out, cs, ce);
        s = ce;
    }
    e820_add(out, s, e, E820_UNUSABLE);
}

void dom0_build_e820(struct e820map *out, const struct e820map *host)
{
    unsigned int i;

    out->nr_map = 0;
    for ( i = 0; i < host->nr_map; i++ )
    {
        const struct e820entry *m = &host->map[i];

        if ( m->type == E820_RAM )
            split_ram(out, m->addr, m->addr + m->size);
        else
            e820_add(out, m->addr, m->addr + m->size, m->type);
    }
}
