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
#include "foreign_map.h"

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
    if ( !rc && xatp.space == XENMAPSPACE_shared_info )
        d->arch.shared_info_gfn = xatp.gpfn;
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
 * to the heap for the first time), and not while another domain maps it
 * (foreign_map.c). False for anything else. d->lock keeps a new foreign
 * mapping from being taken meanwhile. */
static bool release_frame(struct domain *d, unsigned long gfn)
{
    p2m_type_t t;
    unsigned long mfn;
    struct page_info *pg;
    bool own_page, boot_ram;

    spin_lock(&d->lock);
    mfn = p2m_lookup(&d->arch.p2m, gfn, &t, NULL);
    if ( t != p2m_ram_rw || mfn == INVALID_MFN || !mfn_valid(mfn) )
        goto refuse;
    pg = mfn_to_page(mfn);
    own_page = page_get_owner(pg) == d && page_state_is(pg, inuse) &&
               !(pg->count_info & (PGC_xen_heap | PGC_count_mask));
    boot_ram = d == hardware_domain && page_state_is(pg, unused) && !page_get_owner(pg);
    if ( (!own_page && !boot_ram) || p2m_remove_entry(&d->arch.p2m, gfn, 0) )
        goto refuse;
    d->tot_pages--;
    if ( own_page )
        page_list_del(pg);
    spin_unlock(&d->lock);
    if ( own_page )
        free_domheap_pages(pg, 0);
    else
        init_heap_pages(pg, 1);
    return true;

 refuse:
    spin_unlock(&d->lock);
    return false;
}

static void return_page(struct domain *d, struct page_info *pg)
{
    spin_lock(&d->lock);
    d->tot_pages--;
    page_list_del(pg);
    spin_unlock(&d->lock);
    free_domheap_pages(pg, 0);
}

/* Gives d a fresh frame at gfn, which must be empty. */
static bool populate_frame(struct domain *d, unsigned long gfn)
{
    p2m_type_t t;
    struct page_info *pg;

    p2m_lookup(&d->arch.p2m, gfn, &t, NULL);
    if ( t != p2m_invalid || !(pg = domain_alloc_page(d)) )
        return false;
    if ( !p2m_set_entry(&d->arch.p2m, gfn, page_to_mfn(pg), 0, p2m_ram_rw) )
        return true;
    return_page(d, pg);
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

/* Only the foreign space is offered in batches; the hardware domain's privcmd
 * uses it to map other domains' memory. */
static long add_to_physmap_batch(struct vcpu *v, uint64_t arg)
{
    struct xen_add_to_physmap_batch b;
    struct domain *d;

    if ( copy_from_guest(v, &b, arg, sizeof(b)) )
        return -EFAULT;
    if ( !(d = target_domain(v, b.domid)) )
        return -ESRCH;
    if ( b.space == XENMAPSPACE_gmfn_range )
        return -EOPNOTSUPP;
    if ( b.space != XENMAPSPACE_gmfn_foreign )
        return b.u.res0 ? -EINVAL : -EOPNOTSUPP;
    return foreign_map_batch(v, d, &b);
}

/* Unhooks whatever is at gpfn: a foreign mapping, a hypervisor page (the
 * shared info, grant frames) or the domain's own RAM, which is freed. */
static long remove_from_physmap(struct vcpu *v, uint64_t arg)
{
    struct xen_remove_from_physmap x;
    struct domain *d;
    p2m_type_t t;
    unsigned long mfn;
    int rc;

    if ( copy_from_guest(v, &x, arg, sizeof(x)) )
        return -EFAULT;
    if ( !(d = target_domain(v, x.domid)) )
        return -ESRCH;
    if ( (rc = foreign_unmap(d, x.gpfn)) != -ENOENT )
        return rc;
    mfn = p2m_lookup(&d->arch.p2m, x.gpfn, &t, NULL);
    if ( t == p2m_ram_rw && mfn_valid(mfn) && (mfn_to_page(mfn)->count_info & PGC_xen_heap) )
        rc = p2m_remove_entry(&d->arch.p2m, x.gpfn, 0);
    else
        rc = release_frame(d, x.gpfn) ? 0 : -ENOENT;
    if ( !rc )
        hvm_flush_guest_tlbs(d);
    return rc;
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
    case XENMEM_add_to_physmap_batch:
        return add_to_physmap_batch(v, arg);
    case XENMEM_remove_from_physmap:
        return remove_from_physmap(v, arg);
    case XENMEM_memory_map:
        return memory_map(v, arg);
    default:
        return -ENOSYS;
    }
}
