/* SPDX-License-Identifier: GPL-2.0-only */
/* Foreign mappings: the hardware domain maps another domain's RAM into its own
 * physical address space (XENMEM_add_to_physmap_batch, XENMAPSPACE_gmfn_foreign),
 * as privcmd does for the toolstack, QEMU and the console daemon.
 *
 * Theory of operation
 *   A mapping is a p2m_map_foreign entry in the mapper's p2m and one reference
 *   on the page (the low bits of count_info). The owner cannot give a
 *   referenced page back (memory.c's release_frame checks the count), so the
 *   mapper never sees a page that changed hands. When the owner dies,
 *   domain_kill() calls foreign_revoke(): every other domain's foreign
 *   entries for its pages are removed, after which its pages can be freed.
 *   Xen instead keeps the dead domain's pages until the mappers unmap them;
 *   revoking keeps the memory accounting exact without page-lifetime tricks.
 *
 * Locks: the owner's d->lock is held from the owner lookup until the entry
 *   is in the mapper's p2m, and domain_kill() marks the owner dying under the
 *   same lock before revoking, so a mapping either exists before the sweep
 *   or is refused.
 *
 * Example: dom0 maps domU 1's GFN 0x100 at its GFN 0x80000: the batch entry
 *   {idx 0x100, gpfn 0x80000} gets err 0, dom0's GFN 0x80000 reads domU's
 *   page, and domU's decrease_reservation of 0x100 fails until dom0 calls
 *   XENMEM_remove_from_physmap(0x80000). */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <asm/p2m.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/hvm.h>
#include <public/memory.h>
#include "foreign_map.h"

/* Takes a mapping reference on fd's page at fgfn: ordinary RAM only. */
static struct page_info *get_foreign_page(struct domain *fd, unsigned long fgfn)
{
    p2m_type_t t;
    unsigned long mfn = p2m_lookup(&fd->arch.p2m, fgfn, &t, NULL);
    struct page_info *pg;

    if ( (t != p2m_ram_rw && t != p2m_ram_ro) || !mfn_valid(mfn) )
        return NULL;
    pg = mfn_to_page(mfn);
    if ( page_get_owner(pg) != fd || !page_state_is(pg, inuse) ||
         (pg->count_info & PGC_xen_heap) ||
         (pg->count_info & PGC_count_mask) == PGC_count_mask )
        return NULL;
    __atomic_fetch_add(&pg->count_info, 1, __ATOMIC_SEQ_CST);
    return pg;
}

static void put_foreign_page(struct page_info *pg)
{
    ASSERT(pg->count_info & PGC_count_mask);
    __atomic_fetch_sub(&pg->count_info, 1, __ATOMIC_SEQ_CST);
}

/* Removes the foreign entry at gfn of d and drops its reference; -ENOENT if
 * gfn holds no foreign mapping. */
int foreign_unmap(struct domain *d, unsigned long gfn)
{
    p2m_type_t t;
    unsigned long mfn = p2m_lookup(&d->arch.p2m, gfn, &t, NULL);
    int rc;

    if ( t != p2m_map_foreign || !mfn_valid(mfn) )
        return -ENOENT;
    if ( (rc = p2m_remove_entry(&d->arch.p2m, gfn, 0)) )
        return rc;
    put_foreign_page(mfn_to_page(mfn));
    hvm_flush_guest_tlbs(d);
    return 0;
}

/* One batch entry: what Xen's p2m_add_foreign answers. What the mapper had at
 * gpfn: a foreign mapping is dropped, but only once the new page is held, so
 * a refused entry leaves it; a direct MMIO mapping is replaced (the hardware
 * domain maps every non-RAM address 1:1, and Linux takes unused physical
 * addresses for foreign mappings), leaving a hole once unmapped, as in Xen;
 * RAM and grant mappings are refused. */
static int map_one(struct domain *d, struct domain *fd, unsigned long fgfn,
                   unsigned long gpfn)
{
    struct page_info *pg;
    p2m_type_t t;
    int rc;

    if ( gpfn >> 36 )
        return -EINVAL;
    p2m_lookup(&d->arch.p2m, gpfn, &t, NULL);
    if ( t != p2m_map_foreign && t != p2m_invalid && t != p2m_mmio_direct )
        return -EBUSY;
    spin_lock(&fd->lock);
    if ( fd->state == DOMSTATE_dying || !(pg = get_foreign_page(fd, fgfn)) )
        rc = -EINVAL;
    else if ( (t == p2m_map_foreign && (rc = foreign_unmap(d, gpfn))) ||
              (rc = p2m_set_entry(&d->arch.p2m, gpfn, page_to_mfn(pg), 0,
                                  p2m_map_foreign)) )
        put_foreign_page(pg);
    spin_unlock(&fd->lock);
    return rc;
}

/* As in Xen, every problem is the entry's: the call itself fails only when
 * the lists cannot be read or written. */
long foreign_map_batch(struct vcpu *v, struct domain *d,
                       const struct xen_add_to_physmap_batch *b)
{
    struct domain *fd = get_domain_by_id(b->u.foreign_domid);
    unsigned int i;

    for ( i = 0; i < b->size; i++ )
    {
        xen_ulong_t idx;
        xen_pfn_t gpfn;
        int err;

        if ( copy_from_guest(v, &idx, b->idxs.q + i * sizeof(idx), sizeof(idx)) ||
             copy_from_guest(v, &gpfn, b->gpfns.q + i * sizeof(gpfn), sizeof(gpfn)) )
            return -EFAULT;
        if ( !d->is_privileged )
            err = -EPERM;
        else if ( !fd )
            err = -ESRCH;
        else
            err = fd == d ? -EPERM : map_one(d, fd, idx, gpfn);
        if ( copy_to_guest(v, b->errs.q + i * sizeof(err), &err, sizeof(err)) )
            return -EFAULT;
    }
    return 0;
}

#define REVOKE_BATCH 512

struct revoke_ctx {
    struct domain *owner;
    unsigned int nr;
    unsigned long gfn[REVOKE_BATCH];
};

static int find_owned_by(void *arg, unsigned long gfn, unsigned long mfn,
                         unsigned int order, p2m_type_t t)
{
    struct revoke_ctx *c = arg;

    if ( t != p2m_map_foreign || !mfn_valid(mfn) ||
         page_get_owner(mfn_to_page(mfn)) != c->owner )
        return 0;
    c->gfn[c->nr++] = gfn;
    return c->nr == REVOKE_BATCH;
}

/* The walk holds the p2m lock, so it only collects; the entries go after it,
 * a batch at a time. Mappers rarely hold any by the time a domain dies. */
static void revoke_in(struct domain *m, void *arg)
{
    struct revoke_ctx *c = arg;
    unsigned int i;

    if ( m == c->owner )
        return;
    while ( m->arch.p2m.nr_entries[p2m_map_foreign] )
    {
        c->nr = 0;
        p2m_for_each_leaf(&m->arch.p2m, find_owned_by, c);
        for ( i = 0; i < c->nr; i++ )
            foreign_unmap(m, c->gfn[i]);
        if ( c->nr )
            printk(XENLOG_WARNING "d%u: %u foreign mappings of d%u's memory revoked\n",
                   m->domain_id, c->nr, c->owner->domain_id);
        if ( c->nr < REVOKE_BATCH )
            return;
    }
}

/* One batch buffer for everyone: deaths are rare, and it is 4 KiB. */
static DEFINE_SPINLOCK(revoke_lock);
static struct revoke_ctx revoke_buf;

void foreign_revoke(struct domain *d)
{
    spin_lock(&revoke_lock);
    revoke_buf.owner = d;
    domain_for_each(revoke_in, &revoke_buf);
    spin_unlock(&revoke_lock);
}
