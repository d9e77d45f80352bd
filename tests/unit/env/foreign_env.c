/* SPDX-License-Identifier: GPL-2.0-only */
/* What foreign_map.c needs around it, for its host unit test: the real heap
 * over an arena, so frames have page_info with owner, state and counts; the
 * real p2m walker, so nr_entries[] and p2m_for_each_leaf() are the real ones;
 * a domain list the test fills; and a guest TLB flush that only counts. */
#include <stdlib.h>
#include <string.h>

#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/hvm/hvm.h>

#include "foreign_env.h"

/* 32 MiB: enough for more than two revoke batches of pages plus tables. */
#define ARENA_PAGES     8192UL
#define MAX_DOMAINS     8

extern char *unit_directmap_base;

static struct domain *domains[MAX_DOMAINS];

unsigned int unit_tlb_flushes;

void hvm_flush_guest_tlbs(struct domain *d)
{
    unit_tlb_flushes++;
}

int unit_foreign_env_init(void)
{
    if ( unit_directmap_base )
        return 0;
    unit_directmap_base = aligned_alloc(PAGE_SIZE, ARENA_PAGES * PAGE_SIZE);
    if ( !unit_directmap_base )
        return -1;
    /* MFN 0 stays out of the heap: a table at address 0 reads as "none". */
    init_boot_pages(PAGE_SIZE, ARENA_PAGES * PAGE_SIZE);
    init_frametable(ARENA_PAGES);
    end_boot_allocator();
    return 0;
}

struct domain *get_domain_by_id(domid_t id)
{
    unsigned int i;

    for ( i = 0; i < MAX_DOMAINS; i++ )
        if ( domains[i] && domains[i]->domain_id == id )
            return domains[i];
    return NULL;
}

void domain_for_each(void (*fn)(struct domain *d, void *ctx), void *ctx)
{
    unsigned int i;

    for ( i = 0; i < MAX_DOMAINS; i++ )
        if ( domains[i] )
            fn(domains[i], ctx);
}

struct domain *unit_domain_create(domid_t id, bool privileged,
                                  const struct p2m_format *fmt)
{
    struct domain *d = calloc(1, sizeof(*d));
    unsigned int i;

    if ( !d || !(d->vcpu = calloc(1, sizeof(*d->vcpu))) ||
         !(d->vcpu[0] = calloc(1, sizeof(*d->vcpu[0]))) ||
         p2m_init(&d->arch.p2m, fmt) )
        abort();
    d->domain_id = id;
    d->is_privileged = privileged;
    d->max_vcpus = 1;
    d->vcpu[0]->domain = d;
    spin_lock_init(&d->lock);
    page_list_init(&d->page_list);
    for ( i = 0; i < MAX_DOMAINS && domains[i]; i++ )
        continue;
    if ( i == MAX_DOMAINS )
        abort();
    domains[i] = d;
    return d;
}

void unit_domain_unlist(struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < MAX_DOMAINS; i++ )
        if ( domains[i] == d )
            domains[i] = NULL;
}

void unit_domain_free(struct domain *d)
{
    struct page_info *pg;

    if ( !d )
        return;
    unit_domain_unlist(d);
    p2m_teardown(&d->arch.p2m);
    while ( (pg = page_list_first(&d->page_list)) )
    {
        page_list_del(pg);
        free_domheap_pages(pg, 0);
    }
    free(d->vcpu[0]);
    free(d->vcpu);
    free(d);
}

struct page_info *unit_add_ram(struct domain *d, unsigned long gfn)
{
    struct page_info *pg = alloc_domheap_page(d, 0);

    if ( !pg || p2m_set_entry(&d->arch.p2m, gfn, page_to_mfn(pg), 0, p2m_ram_rw) )
        abort();
    page_list_add_tail(pg, &d->page_list);
    d->tot_pages++;
    return pg;
}
