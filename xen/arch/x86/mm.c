/* SPDX-License-Identifier: GPL-2.0-only */
/* Builds and edits the hypervisor's page tables (idle_pg_table, shared by all CPUs).
 *
 * Page-table pages come from a small pool in .bss until the heap exists, so the
 * direct map can be built before any allocator runs. Pool pages sit inside the
 * image and are reached through the image window; heap pages through the direct
 * map. Only the BSP edits the tables during boot; later edits take pt_lock. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <asm/cpufeature.h>
#include <asm/directmap.h>
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/msr-index.h>
#include <asm/processor.h>

#define BOOT_PT_POOL    64
#define IMAGE_WINDOW    (1UL << 30)

static uint8_t boot_pt_pool[BOOT_PT_POOL][PAGE_SIZE] __aligned(PAGE_SIZE)
    __section(".bss.page_aligned");
static unsigned int boot_pt_used;
static bool heap_ready;
static DEFINE_SPINLOCK(pt_lock);
static unsigned long ioremap_next = IOREMAP_VIRT_START;

static pgentry_t *pt_va(paddr_t pa)
{
    if ( pa < IMAGE_WINDOW )
        return (pgentry_t *)(XEN_VIRT_START + pa);
    return maddr_to_virt(pa);
}

static paddr_t alloc_pt_page(void)
{
    void *p;

    if ( heap_ready )
        p = alloc_xenheap_pages(0, 0);
    else if ( boot_pt_used < BOOT_PT_POOL )
        p = boot_pt_pool[boot_pt_used++];
    else
        p = NULL;
    if ( !p )
        return 0;
    memset(p, 0, PAGE_SIZE);
    return virt_to_maddr(p);
}

void mm_heap_ready(void)
{
    heap_ready = true;
}

/* Returns the next-level table behind *e, creating it when empty. A large page
 * already there is a conflicting mapping: callers never overlap, so it is a bug. */
static pgentry_t *next_level(pgentry_t *e)
{
    if ( !(*e & _PAGE_PRESENT) )
    {
        paddr_t pa = alloc_pt_page();

        if ( !pa )
            return NULL;
        *e = pa | _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY;
    }
    BUG_ON(*e & _PAGE_PSE);
    return pt_va(*e & PADDR_MASK);
}

static unsigned int slot(unsigned long va, unsigned int shift)
{
    return (va >> shift) & 511;
}

static int map_one(unsigned long va, paddr_t pa, unsigned long left, uint64_t flags,
                   unsigned long *done)
{
    pgentry_t *l3, *l2, *l1;
    bool aligned_1g = !((va | pa) & ((1UL << L3_PAGE_SHIFT) - 1));
    bool aligned_2m = !((va | pa) & ((1UL << L2_PAGE_SHIFT) - 1));
    uint64_t large = (flags & _PAGE_PCD) ? flags : (flags | _PAGE_PSE);

    if ( !(l3 = next_level(&idle_pg_table[slot(va, L4_PAGE_SHIFT)])) )
        return -ENOMEM;
    if ( aligned_1g && left >= 512 * 512 && boot_cpu.pdpe1gb && !(flags & _PAGE_PCD) )
    {
        l3[slot(va, L3_PAGE_SHIFT)] = pa | large;
        *done = 512 * 512;
        return 0;
    }
    if ( !(l2 = next_level(&l3[slot(va, L3_PAGE_SHIFT)])) )
        return -ENOMEM;
    if ( aligned_2m && left >= 512 && !(flags & _PAGE_PCD) )
    {
        l2[slot(va, L2_PAGE_SHIFT)] = pa | large;
        *done = 512;
        return 0;
    }
    if ( !(l1 = next_level(&l2[slot(va, L2_PAGE_SHIFT)])) )
        return -ENOMEM;
    l1[slot(va, PAGE_SHIFT)] = pa | flags;
    *done = 1;
    return 0;
}

int map_pages_to_xen(unsigned long va, paddr_t pa, unsigned long nr, uint64_t flags)
{
    unsigned long done;
    int rc = 0;

    if ( !(rdmsr(MSR_EFER) & EFER_NXE) )
        flags &= ~_PAGE_NX;     /* the bit is reserved without NX support */
    spin_lock(&pt_lock);
    while ( nr && !rc )
    {
        rc = map_one(va, pa, nr, flags, &done);
        va += done << PAGE_SHIFT;
        pa += (paddr_t)done << PAGE_SHIFT;
        nr -= done;
    }
    spin_unlock(&pt_lock);
    flush_tlb_all_local();
    return rc;
}

/* Regions are widened to 2 MiB boundaries: the few extra bytes of neighbouring
 * holes that this maps write-back stay uncached through the firmware's MTRRs. */
static const struct e820map *directmap_e820;

static bool directmapped_type(uint32_t type)
{
    return type == E820_RAM || type == E820_ACPI || type == E820_NVS;
}

bool directmap_covers(paddr_t pa, size_t len)
{
    unsigned int i;

    for ( i = 0; directmap_e820 && i < directmap_e820->nr_map; i++ )
    {
        const struct e820entry *e = &directmap_e820->map[i];

        if ( directmapped_type(e->type) &&
             pa >= ROUNDDOWN(e->addr, 1UL << L2_PAGE_SHIFT) &&
             pa + len <= ROUNDUP(e->addr + e->size, 1UL << L2_PAGE_SHIFT) )
            return true;
    }
    return false;
}

void directmap_init(const struct e820map *m)
{
    unsigned int i;

    directmap_e820 = m;
    for ( i = 0; i < m->nr_map; i++ )
    {
        const struct e820entry *e = &m->map[i];
        paddr_t s, end;

        if ( !directmapped_type(e->type) )
            continue;
        s = ROUNDDOWN(e->addr, 1UL << L2_PAGE_SHIFT);
        end = ROUNDUP(e->addr + e->size, 1UL << L2_PAGE_SHIFT);
        if ( end > DIRECTMAP_SIZE )
            panic("RAM above %#lx cannot be direct-mapped\n", DIRECTMAP_SIZE);
        if ( map_pages_to_xen(DIRECTMAP_VIRT_START + s, s, PFN_DOWN(end - s),
                              PAGE_HYPERVISOR) )
            panic("Out of boot page-table pages building the direct map\n");
    }
}

void *ioremap(paddr_t pa, size_t size)
{
    paddr_t base = ROUNDDOWN(pa, PAGE_SIZE);
    unsigned long nr = PFN_UP(pa + size - base), va;

    spin_lock(&pt_lock);
    va = ioremap_next;
    if ( va + (nr << PAGE_SHIFT) > IOREMAP_VIRT_START + IOREMAP_VIRT_SIZE )
        va = 0;
    else
        ioremap_next += (nr + 1) << PAGE_SHIFT;     /* plus a guard page */
    spin_unlock(&pt_lock);
    if ( !va || map_pages_to_xen(va, base, nr, PAGE_HYPERVISOR_UC) )
        return NULL;
    return (void *)(va + (pa - base));
}

void mm_drop_identity_map(void)
{
    idle_pg_table[0] = 0;
    flush_tlb_all_local();
}
