/* SPDX-License-Identifier: GPL-2.0-only */
/* GNTTABOP_map_grant_ref and unmap_grant_ref for HVM/PVH callers, answered as
 * Xen 4.17 answers them, and the end of every mapping when a domain goes.
 *
 * Theory of operation
 *   A mapping puts a granted frame into the caller's p2m at GFN
 *   host_addr >> 12 (GNTMAP_host_map, optionally GNTMAP_readonly; HVM has no
 *   device or PTE mappings), typed p2m_grant_map_rw/ro, and is tracked by a
 *   handle in the caller's maptrack. While it exists it is one user of the
 *   granter's entry (grant_table.c's gnttab_acquire): the entry keeps
 *   GTF_reading (GTF_writing for a writable mapping), its frame is fixed, it
 *   cannot be swapped and the granter's table cannot change version.
 *
 *   Map, in Xen's order, each failure a status with nothing left behind:
 *   flags (neither host nor device map: GNTST_bad_gntref; device, application
 *   or PTE: GNTST_general_error), the granting domain (by id only, DOMID_SELF
 *   is GNTST_bad_domain), a handle (GNTST_no_device_space), the ref
 *   (GNTST_bad_gntref), the entry (GNTST_general_error, or GNTST_bad_page for
 *   a frame that is not RAM), and last the p2m: other flag bits, a GFN out of
 *   range, or the p2m failing give GNTST_general_error. A grant or foreign
 *   mapping already at the GFN crashes the caller, as in Xen; RAM there is
 *   replaced. A domain mapping its own grant for the first time moves the
 *   frame: Xen's p2m_add_page takes a page out of its old GFN when it is
 *   added at a new one, so that GFN reads as a hole from then on.
 *
 *   Unmap by handle (GNTST_bad_handle for one not in use) with the GFN it was
 *   mapped at; host_addr 0 does nothing and succeeds, dev_bus_addr is
 *   ignored (no device mappings), any other GFN is GNTST_general_error. Xen
 *   accepts any GFN holding a grant mapping of the same frame, leaving the
 *   handle's own mapping behind without a handle; we hold each mapping to
 *   its handle, so every grant entry in a p2m has exactly one handle.
 *
 *   Handles come from the rest of the newest chunk of 256, then from those
 *   given back (oldest first), then from a new chunk, up to 1024 chunks.
 *
 *   A dying domain's mappings end with it (grant_table_destroy), and so do
 *   other domains' mappings of its grants: those leave the mappers' p2ms and
 *   their handles are freed. Xen instead keeps the granter's pages alive
 *   until the mappers unmap; without page references we cannot.
 *
 * Locks: both tables (grant_private.h's lock_tables) around each element,
 * then the p2m lock inside. Unmap reads the handle under the caller's lock
 * alone to find the granter, then checks it again under both.
 *
 * Example: dom0 grants ref 10 = {permit_access, domid 0, GFN 0x110} and maps
 * {ref 10, dom 0, GNTMAP_host_map, host_addr 0x1f100000}: status 0, handle 0,
 * dev_bus_addr the frame's machine address; entry 10 reads 0x19 (reading,
 * writing), GFN 0x1f100 shows the page and GFN 0x110 is a hole. Unmapping
 * handle 0 at 0x1f100000 gives 0, entry 10 reads 0x1 again, and mapping
 * ref 10 once more gives GNTST_bad_page: GFN 0x110 holds no RAM any more. */
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>
#include <asm/p2m.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/hvm.h>
#include <public/grant_table.h>
#include "grant_private.h"

#define NO_HANDLE           (~(grant_handle_t)0)

/* ---- Handles ------------------------------------------------------------- */

static struct grant_mapping *maptrack_entry(const struct grant_table *gt, grant_handle_t h)
{
    return &gt->maptrack[h / GNTTAB_MAPTRACK_PER_CHUNK][h % GNTTAB_MAPTRACK_PER_CHUNK];
}

static grant_handle_t get_handle(struct grant_table *gt)
{
    grant_handle_t h;
    unsigned int chunk = gt->maptrack_limit / GNTTAB_MAPTRACK_PER_CHUNK;

    if ( gt->maptrack_limit % GNTTAB_MAPTRACK_PER_CHUNK &&
         gt->maptrack_limit < gt->max_maptrack )
        return gt->maptrack_limit++;
    if ( gt->maptrack_free )
    {
        h = gt->maptrack_head;
        gt->maptrack_head = maptrack_entry(gt, h)->ref;
        gt->maptrack_free--;
        return h;
    }
    if ( gt->maptrack_limit >= gt->max_maptrack ||
         !(gt->maptrack[chunk] = xzalloc_array(struct grant_mapping,
                                               GNTTAB_MAPTRACK_PER_CHUNK)) )
        return NO_HANDLE;
    return gt->maptrack_limit++;
}

static void put_handle(struct grant_table *gt, grant_handle_t h)
{
    struct grant_mapping *mt = maptrack_entry(gt, h);

    mt->flags = 0;
    mt->ref = NO_HANDLE;
    if ( gt->maptrack_free++ )
        maptrack_entry(gt, gt->maptrack_tail)->ref = h;
    else
        gt->maptrack_head = h;
    gt->maptrack_tail = h;
}

/* ---- The caller's p2m ------------------------------------------------------ */

static bool is_grant_type(p2m_type_t t)
{
    return t == p2m_grant_map_rw || t == p2m_grant_map_ro;
}

/* A domain's first mapping of its own grant takes the frame out of the GFN it
 * was granted at, if it is still RAM there (Xen's p2m_add_page): 1 if it
 * did, 0 if there was nothing to do, -errno. */
static int move_own_frame(struct domain *ld, const struct grant_use *u, unsigned long gfn)
{
    p2m_type_t t;

    if ( u->gfn == gfn || u->gfn == GNTTAB_NO_GFN ||
         p2m_lookup(&ld->arch.p2m, u->gfn, &t, NULL) != u->mfn ||
         (t != p2m_ram_rw && t != p2m_ram_ro) )
        return 0;
    return p2m_remove_entry(&ld->arch.p2m, u->gfn, 0) ?: 1;
}

/* Xen's create_grant_p2m_mapping: the frame at the caller's GFN. */
static int16_t insert(struct domain *ld, struct grant_table *rgt, uint32_t flags,
                      unsigned long gfn, const struct grant_use *u)
{
    struct p2m_domain *p2m = &ld->arch.p2m;
    p2m_type_t t;
    int moved = 0;

    if ( (flags & ~GNTMAP_readonly) != GNTMAP_host_map )
        return GNTST_general_error;
    p2m_lookup(p2m, gfn, &t, NULL);
    if ( is_grant_type(t) || t == p2m_map_foreign )
    {
        domain_crash(ld, "grant mapped over a grant or foreign mapping");
        return GNTST_general_error;
    }
    if ( p2m_set_entry(p2m, gfn, u->mfn, 0,
                       flags & GNTMAP_readonly ? p2m_grant_map_ro : p2m_grant_map_rw) )
        return GNTST_general_error;
    if ( rgt->domain == ld && (moved = move_own_frame(ld, u, gfn)) < 0 )
    {
        p2m_remove_entry(p2m, gfn, 0);
        hvm_flush_guest_tlbs(ld);
        return GNTST_general_error;
    }
    /* An empty GFN was never in a TLB; anything we replaced or moved was. */
    if ( t != p2m_invalid || moved )
        hvm_flush_guest_tlbs(ld);
    return GNTST_okay;
}

/* Takes the mapping of frame mfn at gfn out of the caller's p2m. */
static int16_t remove(struct domain *ld, unsigned long gfn, unsigned long mfn)
{
    p2m_type_t t;

    if ( p2m_lookup(&ld->arch.p2m, gfn, &t, NULL) != mfn || !is_grant_type(t) ||
         p2m_remove_entry(&ld->arch.p2m, gfn, 0) )
        return GNTST_general_error;
    hvm_flush_guest_tlbs(ld);
    return GNTST_okay;
}

/* ---- map_grant_ref --------------------------------------------------------- */

/* Both tables locked, handle h reserved: pin the entry, then map its frame. */
static int16_t map_locked(struct domain *ld, struct grant_table *rgt,
                          struct gnttab_map_grant_ref *op, grant_handle_t h)
{
    bool write = !(op->flags & GNTMAP_readonly);
    unsigned long gfn = op->host_addr >> PAGE_SHIFT;
    struct grant_mapping *mt;
    struct grant_use u;
    int16_t rc;

    if ( op->ref >= nr_entries(rgt) )
        return GNTST_bad_gntref;
    if ( (rc = gnttab_acquire(rgt, op->ref, ld->domain_id, write, true, &u)) )
        return rc;
    if ( (rc = insert(ld, rgt, op->flags, gfn, &u)) )
    {
        gnttab_release(rgt, op->ref, write);
        return rc;
    }
    mt = maptrack_entry(ld->grant_table, h);
    mt->flags = op->flags;
    mt->domid = op->dom;
    mt->ref = op->ref;
    mt->gfn = gfn;
    op->handle = h;
    op->dev_bus_addr = (uint64_t)u.mfn << PAGE_SHIFT;
    return GNTST_okay;
}

static int16_t map_one(struct vcpu *v, struct gnttab_map_grant_ref *op)
{
    struct grant_table *lgt = v->domain->grant_table, *rgt;
    struct domain *rd;
    grant_handle_t h;
    int16_t rc;

    if ( !(op->flags & (GNTMAP_device_map | GNTMAP_host_map)) )
        return GNTST_bad_gntref;
    if ( op->flags & (GNTMAP_device_map | GNTMAP_application_map | GNTMAP_contains_pte) )
        return GNTST_general_error;
    if ( !(rd = get_domain_by_id(op->dom)) || !(rgt = rd->grant_table) )
        return GNTST_bad_domain;
    lock_tables(lgt, rgt);
    if ( (h = get_handle(lgt)) == NO_HANDLE )
        rc = GNTST_no_device_space;
    else if ( (rc = map_locked(v->domain, rgt, op, h)) )
        put_handle(lgt, h);
    unlock_tables(lgt, rgt);
    return rc;
}

static void map_elem(struct vcpu *v, void *p)
{
    struct gnttab_map_grant_ref *op = p;

    op->status = map_one(v, op);
}

/* The whole element goes back: status, handle and dev_bus_addr. */
long gnttab_map_grant_ref(struct vcpu *v, uint64_t uop, unsigned int count)
{
    struct gnttab_map_grant_ref op;

    return gnttab_batch(v, uop, count, &op, sizeof(op), 0, sizeof(op), map_elem);
}

/* ---- unmap_grant_ref ------------------------------------------------------- */

/* Handle h of gt, if it is a mapping; *m gets a copy. */
static bool handle_in_use(const struct grant_table *gt, grant_handle_t h,
                          struct grant_mapping *m)
{
    if ( h >= gt->maptrack_limit || !maptrack_entry(gt, h)->flags )
        return false;
    *m = *maptrack_entry(gt, h);
    return true;
}

/* Ends handle h of ld, a mapping of rgt's entry: out of ld's p2m (where it
 * must be at gfn), the use of the entry dropped, the handle freed. */
static int16_t end_mapping(struct domain *ld, struct grant_table *rgt, grant_handle_t h,
                           unsigned long gfn)
{
    struct grant_mapping *mt = maptrack_entry(ld->grant_table, h);
    int16_t rc;

    if ( gfn != mt->gfn )
        return GNTST_general_error;
    if ( (rc = remove(ld, gfn, active_entry(rgt, mt->ref)->mfn)) )
        return rc;
    gnttab_release(rgt, mt->ref, !(mt->flags & GNTMAP_readonly));
    put_handle(ld->grant_table, h);
    return GNTST_okay;
}

static int16_t unmap_one(struct vcpu *v, const struct gnttab_unmap_grant_ref *op)
{
    struct domain *ld = v->domain, *rd;
    struct grant_table *lgt = ld->grant_table;
    struct grant_mapping m, now;
    int16_t rc = GNTST_bad_handle;
    bool found;

    spin_lock(&lgt->lock);
    found = handle_in_use(lgt, op->handle, &m);
    spin_unlock(&lgt->lock);
    if ( !found || !(rd = get_domain_by_id(m.domid)) || !rd->grant_table )
        return GNTST_bad_handle;
    lock_tables(lgt, rd->grant_table);
    /* Another vCPU may have unmapped it, or mapped something else, since. */
    if ( handle_in_use(lgt, op->handle, &now) && now.domid == m.domid && now.ref == m.ref )
        rc = op->host_addr ? end_mapping(ld, rd->grant_table, op->handle,
                                         op->host_addr >> PAGE_SHIFT)
                           : GNTST_okay;
    unlock_tables(lgt, rd->grant_table);
    return rc;
}

static void unmap_elem(struct vcpu *v, void *p)
{
    struct gnttab_unmap_grant_ref *op = p;

    op->status = unmap_one(v, op);
}

long gnttab_unmap_grant_ref(struct vcpu *v, uint64_t uop, unsigned int count)
{
    struct gnttab_unmap_grant_ref op;

    return gnttab_batch(v, uop, count, &op, sizeof(op),
                        offsetof(struct gnttab_unmap_grant_ref, status), sizeof(op.status),
                        unmap_elem);
}

/* ---- Domain teardown --------------------------------------------------- */

/* Every mapping m holds of d's grants ends; both tables are locked. */
static void end_mappings_of(struct domain *m, struct domain *d)
{
    struct grant_table *mgt = m->grant_table;
    grant_handle_t h;

    for ( h = 0; h < mgt->maptrack_limit; h++ )
    {
        struct grant_mapping *mt = maptrack_entry(mgt, h);

        if ( mt->flags && mt->domid == d->domain_id &&
             end_mapping(m, d->grant_table, h, mt->gfn) )
        {
            /* Not where it was put: nothing of it is left in m's p2m. */
            gnttab_release(d->grant_table, mt->ref, !(mt->flags & GNTMAP_readonly));
            put_handle(mgt, h);
        }
    }
}

/* d's own mappings, of its grants or other domains'. */
static void release_own(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    grant_handle_t h;

    for ( h = 0; h < gt->maptrack_limit; h++ )
    {
        struct grant_mapping *mt = maptrack_entry(gt, h);
        struct domain *rd = mt->flags ? get_domain_by_id(mt->domid) : NULL;

        if ( mt->domid == d->domain_id )
            rd = d;     /* not on the domain list any more while dying */
        if ( !mt->flags || !rd || !rd->grant_table )
            continue;
        lock_tables(gt, rd->grant_table);
        end_mappings_of(d, rd);
        unlock_tables(gt, rd->grant_table);
    }
}

/* Other domains' mappings of d's grants, one mapper at a time. */
static void revoke_foreign(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    grant_ref_t ref, nr = gt->nr_frames * V1_PER_FRAME;

    for ( ref = 0; ref < nr; ref++ )
    {
        struct active_grant *act = active_entry(gt, ref);
        struct domain *m;

        if ( !active_pinned(act) )
            continue;
        m = get_domain_by_id(act->domid);
        if ( m && m != d && m->grant_table )
        {
            lock_tables(m->grant_table, gt);
            end_mappings_of(m, d);
            unlock_tables(m->grant_table, gt);
        }
        act->nr_rw = act->nr_ro = 0;    /* whatever no mapper accounts for */
    }
}

void gnttab_release_mappings(struct domain *d)
{
    release_own(d);
    revoke_foreign(d);
}
