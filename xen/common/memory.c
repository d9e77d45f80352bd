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

static void flush_all_vcpus(struct domain *d)
{
    struct vcpu *o;

    for_each_vcpu ( d, o )
        hvm_funcs->flush_guest_tlb(o);
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
        flush_all_vcpus(d);
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
