/* SPDX-License-Identifier: GPL-2.0-only */
/* What grant_table.c and grant_map.c need from the rest of the hypervisor,
 * for their host unit test: a small arena of "machine" pages behind the
 * xenheap allocator, a p2m that is a flat list of entries (with the real
 * one's GFN limit), guest pointers that are host pointers, a domain list the
 * test fills, and a guest TLB flush that only counts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/p2m.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/hvm.h>

/* Guest addresses below this fault, as an unmapped page would. */
#define ARENA_PAGES         512
#define MAX_P2M             1024
#define MAX_DOMAINS         8

extern char *unit_directmap_base;

static bool page_used[ARENA_PAGES];
static long alloc_fail_after = -1;
static struct { struct p2m_domain *p2m; unsigned long gfn, mfn; p2m_type_t t; } p2m[MAX_P2M];
static struct domain *domains[MAX_DOMAINS];

unsigned int unit_pages_in_use;
unsigned int unit_ram_pages;           /* of those, given out by unit_add_ram */
unsigned int unit_domain_crashes;
unsigned int unit_tlb_flushes;

/* hvm.c's: one flush per vCPU, counted. */
void hvm_flush_guest_tlbs(struct domain *d)
{
    struct vcpu *v;

    for_each_vcpu ( d, v )
        unit_tlb_flushes++;
}

void unit_gnttab_env_reset(void)
{
    if ( !unit_directmap_base )
        unit_directmap_base = aligned_alloc(PAGE_SIZE, ARENA_PAGES * PAGE_SIZE);
    memset(page_used, 0, sizeof(page_used));
    memset(p2m, 0, sizeof(p2m));
    memset(domains, 0, sizeof(domains));
    unit_pages_in_use = 0;
    unit_ram_pages = 0;
    unit_domain_crashes = 0;
    unit_tlb_flushes = 0;
    alloc_fail_after = -1;
}

/* Lets the next n page allocations succeed and fails the rest; -1: off. */
void unit_page_alloc_fail_after(long n)
{
    alloc_fail_after = n;
}

void unit_add_domain(struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < MAX_DOMAINS; i++ )
        if ( !domains[i] )
        {
            domains[i] = d;
            return;
        }
}

/* As domain_destroy does before tearing a domain down. */
void unit_remove_domain(struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < MAX_DOMAINS; i++ )
        if ( domains[i] == d )
            domains[i] = NULL;
}

struct domain *get_domain_by_id(domid_t id)
{
    unsigned int i;

    for ( i = 0; i < MAX_DOMAINS; i++ )
        if ( domains[i] && domains[i]->domain_id == id )
            return domains[i];
    return NULL;
}

void domain_crash(struct domain *d, const char *why)
{
    unit_domain_crashes++;
}

void *alloc_xenheap_pages(unsigned int order, unsigned int memflags)
{
    unsigned int i;

    if ( order || alloc_fail_after == 0 )
        return NULL;
    if ( alloc_fail_after > 0 )
        alloc_fail_after--;
    for ( i = 0; i < ARENA_PAGES; i++ )
        if ( !page_used[i] )
        {
            page_used[i] = true;
            unit_pages_in_use++;
            /* Stale contents, as MEMF_no_scrub would leave them. */
            memset(unit_directmap_base + i * PAGE_SIZE, 0xa5, PAGE_SIZE);
            return unit_directmap_base + i * PAGE_SIZE;
        }
    return NULL;
}

void free_xenheap_pages(void *v, unsigned int order)
{
    unsigned long mfn = virt_to_mfn(v);

    if ( mfn < ARENA_PAGES && page_used[mfn] )
    {
        page_used[mfn] = false;
        unit_pages_in_use--;
    }
}

static int p2m_find(struct p2m_domain *pd, unsigned long gfn)
{
    int i;

    for ( i = 0; i < MAX_P2M; i++ )
        if ( p2m[i].p2m == pd && p2m[i].gfn == gfn )
            return i;
    return -1;
}

int p2m_set_entry(struct p2m_domain *pd, unsigned long gfn, unsigned long mfn,
                  unsigned int order, p2m_type_t t)
{
    int i = p2m_find(pd, gfn);

    if ( gfn >> 36 )
        return -EINVAL;
    if ( i < 0 )
        i = p2m_find(NULL, 0);
    if ( i < 0 )
        return -ENOMEM;
    p2m[i].p2m = pd;
    p2m[i].gfn = gfn;
    p2m[i].mfn = mfn;
    p2m[i].t = t;
    return 0;
}

int p2m_remove_entry(struct p2m_domain *pd, unsigned long gfn, unsigned int order)
{
    int i = p2m_find(pd, gfn);

    if ( i >= 0 )
        memset(&p2m[i], 0, sizeof(p2m[i]));
    return 0;
}

unsigned long p2m_lookup(struct p2m_domain *pd, unsigned long gfn, p2m_type_t *t,
                         unsigned int *order)
{
    int i = p2m_find(pd, gfn);

    *t = i < 0 ? p2m_invalid : p2m[i].t;
    return i < 0 ? INVALID_MFN : p2m[i].mfn;
}

/* A page of guest RAM for d at gfn, of type t; returns its contents. */
void *unit_add_ram(struct domain *d, unsigned long gfn, p2m_type_t t)
{
    void *va = alloc_xenheap_pages(0, 0);

    unit_ram_pages++;
    memset(va, 0, PAGE_SIZE);
    p2m_set_entry(&d->arch.p2m, gfn, virt_to_mfn(va), 0, t);
    return va;
}

/* As hvm/guest_access.c: ordinary RAM only, read-only RAM only for reading. */
void *map_guest_frame(struct domain *d, unsigned long gfn, bool writable)
{
    p2m_type_t t;
    unsigned long mfn = p2m_lookup(&d->arch.p2m, gfn, &t, NULL);

    if ( mfn == INVALID_MFN || mfn >= ARENA_PAGES )
        return NULL;
    if ( t != p2m_ram_rw && !(t == p2m_ram_ro && !writable) )
        return NULL;
    return mfn_to_virt(mfn);
}

