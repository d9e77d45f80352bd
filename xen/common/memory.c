/* SPDX-License-Identifier: GPL-2.0-only */
/* The memory_op hypercall: a domain's memory map, its reservation counts, and
 * mapping hypervisor-owned frames (the shared-info page) into its physical
 * address space. */
#include <xen/errno.h>
#include <xen/e820.h>
#include <xen/grant_table.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/directmap.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/hvm.h>
#include <public/xen.h>
#include <public/memory.h>

const struct e820map *dom0_memory_map(void);

/* DOMID_SELF, or another domain when the caller is the hardware domain. */
static struct domain *target_domain(struct vcpu *v, domid_t id)
{
    struct domain *d;

    if ( id == DOMID_SELF || id == v->domain->domain_id )
        return v->domain;
    d = get_domain_by_id(id);
    return d && v->domain->is_privileged ? d : NULL;
}

static long add_to_physmap(struct vcpu *v, uint64_t arg)
{
    struct xen_add_to_physmap xatp;
    struct domain *d;
    int rc;

    if ( copy_from_guest(v, &xatp, arg, sizeof(xatp)) )
        return -EFAULT;
    if ( !(d = target_domain(v, xatp.domid)) )
        return -ESRCH;
    if ( xatp.space != XENMAPSPACE_shared_info && xatp.space != XENMAPSPACE_grant_table )
        return -EOPNOTSUPP;
    if ( xatp.gpfn >> 36 )
        return -EINVAL;
    if ( xatp.space == XENMAPSPACE_grant_table )
        rc = gnttab_map_frame(d, xatp.idx, xatp.gpfn);
    else if ( xatp.idx != 0 )
        return -EINVAL;
    else
        rc = p2m_set_entry(&d->arch.p2m, xatp.gpfn, virt_to_mfn(d->shared_info), 0,
                           p2m_ram_rw);
    if ( !rc )
        hvm_flush_guest_tlbs(d);
    return rc;
}

static long memory_map(struct vcpu *v, uint64_t arg)
{
    struct xen_memory_map map;
    const struct e820map *e = v->domain->is_privileged ? dom0_memory_map() : NULL;
    unsigned int i, n;

    if ( !e || !e->nr_map )
        return -ENOSYS;
    if ( copy_from_guest(v, &map, arg, sizeof(map)) )
        return -EFAULT;
    n = min(map.nr_entries, e->nr_map);
    for ( i = 0; i < n; i++ )
    {
        struct { uint64_t addr, size; uint32_t type; } __packed ent = {
            e->map[i].addr, e->map[i].size, e->map[i].type
        };

        if ( copy_to_guest(v, map.buffer.q + i * sizeof(ent), &ent, sizeof(ent)) )
            return -EFAULT;
    }
    map.nr_entries = n;
    return copy_to_guest(v, arg, &map, sizeof(map)) ? -EFAULT : 0;
}

#define MAX_EXTENT_ORDER 9      /* 2 MiB, what Xen lets HVM guests ask for */

/* Takes one frame back from d: only ordinary RAM d owns page by page (what
 * populate_physmap gave it, or the hardware domain's boot memory, which goes
 * to the heap for the first time). False for anything else. */
static bool release_frame(struct domain *d, unsigned long gfn)
{
    p2m_type_t t;
    unsigned long mfn = p2m_lookup(&d->arch.p2m, gfn, &t, NULL);
    struct page_info *pg;
    bool own_chunk, boot_ram;

    if ( t != p2m_ram_rw || mfn == INVALID_MFN || !mfn_valid(mfn) )
        return false;
    pg = mfn_to_page(mfn);
    own_chunk = page_get_owner(pg) == d && page_state_is(pg, inuse) &&
                !(pg->count_info & (PGC_xen_heap | PGC_count_mask));
    boot_ram = d == hardware_domain && page_state_is(pg, unused) && !page_get_owner(pg);
    if ( !own_chunk && !boot_ram )
        return false;
    if ( p2m_remove_entry(&d->arch.p2m, gfn, 0) )
        return false;
    spin_lock(&d->lock);
    d->tot_pages--;
    if ( own_chunk )
        page_list_del(pg);
    spin_unlock(&d->lock);
    if ( own_chunk )
    {
        page_set_owner(pg, NULL);
        free_domheap_pages(pg, 0);
    }
    else
        init_heap_pages(pg, 1);
    return true;
}

/* Gives d a fresh frame at gfn, which must be empty. */
static bool populate_frame(struct domain *d, unsigned long gfn)
{
    p2m_type_t t;
    struct page_info *pg;

    p2m_lookup(&d->arch.p2m, gfn, &t, NULL);
    if ( t != p2m_invalid || !(pg = domain_alloc_pages(d, 0)) )
        return false;
    if ( !p2m_set_entry(&d->arch.p2m, gfn, page_to_mfn(pg), 0, p2m_ram_rw) )
        return true;
    spin_lock(&d->lock);
    d->tot_pages--;
    page_list_del(pg);
    spin_unlock(&d->lock);
    page_set_owner(pg, NULL);
    free_domheap_pages(pg, 0);
    return false;
}

/* decrease_reservation / populate_physmap: extents of 2^order frames listed by
 * their first gfn; the result is the number of extents done before the first
 * one that could not be. Frames go one at a time, so any of them can later be
 * given back on its own. */
static long reservation_change(struct vcpu *v, uint64_t arg, bool populate)
{
    struct xen_memory_reservation r;
    struct domain *d;
    unsigned long i, j, nr = 0;

    if ( copy_from_guest(v, &r, arg, sizeof(r)) )
        return -EFAULT;
    if ( !(d = target_domain(v, r.domid)) )
        return -ESRCH;
    if ( r.extent_order > MAX_EXTENT_ORDER )
        return -EPERM;
    for ( i = 0; i < r.nr_extents; i++, nr++ )
    {
        xen_pfn_t gfn;

        if ( copy_from_guest(v, &gfn, r.extent_start.q + i * sizeof(gfn), sizeof(gfn)) )
            return nr ? (long)nr : -EFAULT;
        if ( (gfn & ((1UL << r.extent_order) - 1)) || (gfn >> 36) )
            break;
        for ( j = 0; j < (1UL << r.extent_order); j++ )
            if ( !(populate ? populate_frame(d, gfn + j) : release_frame(d, gfn + j)) )
                break;
        if ( j != (1UL << r.extent_order) )
            break;
    }
    if ( nr )
        hvm_flush_guest_tlbs(d);
    return (long)nr;
}

static long reservation(struct vcpu *v, uint64_t arg, bool maximum)
{
    domid_t id;
    struct domain *d;

    if ( copy_from_guest(v, &id, arg, sizeof(id)) )
        return -EFAULT;
    if ( !(d = target_domain(v, id)) )
        return -ESRCH;
    return maximum ? (long)min(d->max_pages, ~0UL >> 1) : (long)d->tot_pages;
}

long do_memory_op(struct vcpu *v, const uint64_t *args)
{
    uint64_t arg = args[1];

    switch ( args[0] & 0x3f )
    {
    case XENMEM_decrease_reservation:
        return reservation_change(v, arg, false);
    case XENMEM_populate_physmap:
        return reservation_change(v, arg, true);
    case XENMEM_maximum_ram_page:
        return (long)max_page;
    case XENMEM_current_reservation:
        return reservation(v, arg, false);
    case XENMEM_maximum_reservation:
        return reservation(v, arg, true);
    case XENMEM_add_to_physmap:
        return add_to_physmap(v, arg);
    case XENMEM_memory_map:
        return memory_map(v, arg);
    default:
        return -ENOSYS;
    }
}
