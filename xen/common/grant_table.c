/* SPDX-License-Identifier: GPL-2.0-only */
/* Grant tables: the per-domain frames of grant entries, their growth and
 * mapping into the guest (XENMAPSPACE_grant_table), the pins every user of
 * an entry holds, and the grant_table_op sub-ops an HVM/PVH guest may use,
 * answered as Xen 4.17 answers them (map and unmap live in grant_map.c).
 *
 * Theory of operation
 *   A table has version 1 (8-byte entries, flags and status together) or 2
 *   (16-byte entries, GTF_reading/GTF_writing kept apart in status frames,
 *   one status frame per eight shared frames). It starts with one shared
 *   frame and grows, never shrinks, up to 64: when the guest maps a frame
 *   index beyond the current size, or asks setup_table for more. Frames are
 *   xenheap pages owned here; a guest sees them only at the GFNs
 *   gnttab_map_frame() put them at, and mapping a frame again moves it.
 *   Beside each shared frame sits an array of active entries (Xen's), one
 *   per ref as if v1, which count the users of an entry.
 *
 *   Changing version clears every entry but the eight reserved ones, which
 *   are carried across (v2 -> v1 refuses, -ERANGE, when one does not fit);
 *   it is refused, -EBUSY, while any other entry has users.
 *
 *   Users are mappings (grant_map.c), which last until unmapped, and copies,
 *   which last one element. The first user checks the entry (permit_access,
 *   the right grantee, GTF_readonly for a writer), sets GTF_reading (and
 *   GTF_writing) in the entry or status word with compare-and-exchange (the
 *   guest may race; five tries, as Xen), and looks the frame up once: later
 *   users share it without reading the entry again, except that the first
 *   writer re-checks GTF_readonly. The last writer clears GTF_writing, the
 *   last user GTF_reading; swap answers GNTST_eagain for an entry in use.
 *
 * Locks: gt->lock guards the table and its active entries; it is taken
 * before the p2m lock. An operation between two tables (copy, map) takes
 * both, the lower address first.
 *
 * Examples
 *   dom0 maps frame 0 at GFN 0xfeff0 with add_to_physmap, writes entry 10 =
 *   {GTF_permit_access, domid 0, frame 0x200}, and copies 16 bytes with
 *   source {ref 10, DOMID_SELF} and dest {gmfn 0x201, DOMID_SELF}: status 0,
 *   and entry 10 reads GTF_permit_access again afterwards.
 *   The same copy with ref 512 (one frame holds refs 0-511) gives
 *   GNTST_bad_gntref; with source offset 4090 it gives GNTST_bad_copy_arg.
 *
 * Not yet: transitive grants (a copy through one answers
 * GNTST_general_error, and so does a mapping of one). */
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <asm/directmap.h>
#include <asm/p2m.h>
#include <asm/hvm/guest_access.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include "grant_private.h"

/* How often a guest may change its entry under a pin before we give up. */
#define PIN_RETRIES         5

/* ---- Frames ---------------------------------------------------------- */

static unsigned int status_frames_for(unsigned int nr_frames)
{
    return DIV_ROUND_UP(nr_frames * GNTTAB_V2_PER_FRAME, GNTTAB_STATUS_PER_FRAME);
}

static grant_entry_v1_t *entry_v1(const struct grant_table *gt, grant_ref_t ref)
{
    return (grant_entry_v1_t *)gt->shared[ref / V1_PER_FRAME] + ref % V1_PER_FRAME;
}

static grant_entry_v2_t *entry_v2(const struct grant_table *gt, grant_ref_t ref)
{
    return (grant_entry_v2_t *)gt->shared[ref / GNTTAB_V2_PER_FRAME] +
           ref % GNTTAB_V2_PER_FRAME;
}

static grant_status_t *status_entry(const struct grant_table *gt, grant_ref_t ref)
{
    return gt->status[ref / GNTTAB_STATUS_PER_FRAME] + ref % GNTTAB_STATUS_PER_FRAME;
}

static void *alloc_frame(void)
{
    void *p = alloc_xenheap_pages(0, 0);

    if ( p )
        memset(p, 0, PAGE_SIZE);
    return p;
}

/* Takes the frame out of the guest's p2m if it is still where we put it. */
static void unmap_frame(struct domain *d, unsigned long *gfn, void *va)
{
    p2m_type_t t;

    if ( *gfn != GNTTAB_NO_GFN &&
         p2m_lookup(&d->arch.p2m, *gfn, &t, NULL) == virt_to_mfn(va) &&
         p2m_remove_entry(&d->arch.p2m, *gfn, 0) )
        domain_crash(d, "grant frame stuck in the p2m");
    *gfn = GNTTAB_NO_GFN;
}

/* Where the guest sees a frame: what setup_table reports (Xen's M2P). */
static unsigned long frame_gfn(struct domain *d, unsigned long gfn, void *va)
{
    p2m_type_t t;

    if ( gfn == GNTTAB_NO_GFN ||
         p2m_lookup(&d->arch.p2m, gfn, &t, NULL) != virt_to_mfn(va) )
        return GNTTAB_NO_GFN;
    return gfn;
}

/* Brings the status frames up to nr, all or nothing. */
static int populate_status(struct grant_table *gt, unsigned int nr)
{
    unsigned int i;

    for ( i = gt->nr_status_frames; i < nr; i++ )
    {
        if ( (gt->status[i] = alloc_frame()) )
            continue;
        while ( i-- > gt->nr_status_frames )
        {
            free_xenheap_pages(gt->status[i], 0);
            gt->status[i] = NULL;
        }
        return -ENOMEM;
    }
    gt->nr_status_frames = max(gt->nr_status_frames, nr);
    return 0;
}

static void unpopulate_status(struct grant_table *gt)
{
    unsigned int i;

    for ( i = 0; i < gt->nr_status_frames; i++ )
    {
        unmap_frame(gt->domain, &gt->status_gfn[i], gt->status[i]);
        free_xenheap_pages(gt->status[i], 0);
        gt->status[i] = NULL;
    }
    gt->nr_status_frames = 0;
}

static void free_frame_pair(struct grant_table *gt, unsigned int i)
{
    free_xenheap_pages(gt->shared[i], 0);
    xfree(gt->active[i]);
    gt->shared[i] = NULL;
    gt->active[i] = NULL;
}

/* Grows to nr shared frames with their active entries (and status frames in
 * v2), all or nothing. */
static int grow_table(struct grant_table *gt, unsigned int nr)
{
    unsigned int i;

    ASSERT(nr <= gt->max_frames);
    for ( i = gt->nr_frames; i < nr; i++ )
    {
        gt->shared[i] = alloc_frame();
        gt->active[i] = xzalloc_array(struct active_grant, V1_PER_FRAME);
        if ( !gt->shared[i] || !gt->active[i] )
        {
            i++;
            goto fail;
        }
    }
    if ( gt->version == 2 && populate_status(gt, status_frames_for(nr)) )
        goto fail;
    gt->nr_frames = max(gt->nr_frames, nr);
    return 0;

 fail:
    while ( i-- > gt->nr_frames )
        free_frame_pair(gt, i);
    return -ENOMEM;
}

int grant_table_init(struct domain *d, unsigned int max_frames, unsigned int max_maptrack_frames)
{
    struct grant_table *gt = xzalloc(struct grant_table);
    unsigned int i;

    if ( !gt )
        return -ENOMEM;
    spin_lock_init(&gt->lock);
    gt->domain = d;
    gt->version = 1;
    gt->max_frames = min(max_frames, GNTTAB_MAX_FRAMES);
    gt->max_maptrack = min(max_maptrack_frames * GNTTAB_MAPTRACK_PER_CHUNK,
                           GNTTAB_MAX_MAPTRACK);
    for ( i = 0; i < GNTTAB_MAX_FRAMES; i++ )
        gt->shared_gfn[i] = GNTTAB_NO_GFN;
    for ( i = 0; i < GNTTAB_MAX_STATUS_FRAMES; i++ )
        gt->status_gfn[i] = GNTTAB_NO_GFN;
    if ( grow_table(gt, min(GNTTAB_INITIAL_FRAMES, gt->max_frames)) )
    {
        xfree(gt);
        return -ENOMEM;
    }
    d->grant_table = gt;
    return 0;
}

void grant_table_destroy(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    unsigned int i;

    if ( !gt )
        return;
    gnttab_release_mappings(d);
    for ( i = 0; i < gt->nr_frames; i++ )
        free_frame_pair(gt, i);
    for ( i = 0; i < gt->nr_status_frames; i++ )
        free_xenheap_pages(gt->status[i], 0);
    for ( i = 0; i < GNTTAB_MAX_MAPTRACK_CHUNKS; i++ )
        xfree(gt->maptrack[i]);
    xfree(gt);
    d->grant_table = NULL;
}

/* Makes shared frame idx exist; -EINVAL beyond the maximum or if growth fails. */
static int get_shared_frame(struct grant_table *gt, unsigned long idx)
{
    if ( idx < gt->nr_frames )
        return 0;
    if ( idx >= gt->max_frames || grow_table(gt, idx + 1) )
        return -EINVAL;
    return 0;
}

/* The same for status frame idx, which needs eight shared frames per frame. */
static int get_status_frame(struct grant_table *gt, unsigned long idx)
{
    unsigned long nr_shared = (idx + 1) * (GNTTAB_STATUS_PER_FRAME / GNTTAB_V2_PER_FRAME);

    if ( idx < gt->nr_status_frames )
        return 0;
    if ( nr_shared > gt->max_frames || grow_table(gt, nr_shared) )
        return -EINVAL;
    return idx < gt->nr_status_frames ? 0 : -EINVAL;
}

int gnttab_map_frame(struct domain *d, unsigned long idx, unsigned long gpfn)
{
    struct grant_table *gt = d->grant_table;
    unsigned long *gfn = NULL;
    void *va = NULL;
    int rc;

    spin_lock(&gt->lock);
    if ( gt->version == 2 && (idx & XENMAPIDX_grant_table_status) )
    {
        idx &= ~(unsigned long)XENMAPIDX_grant_table_status;
        if ( !(rc = get_status_frame(gt, idx)) )
        {
            gfn = &gt->status_gfn[idx];
            va = gt->status[idx];
        }
    }
    else if ( !(rc = get_shared_frame(gt, idx)) )
    {
        gfn = &gt->shared_gfn[idx];
        va = gt->shared[idx];
    }
    if ( !rc )
    {
        unmap_frame(d, gfn, va);
        rc = p2m_set_entry(&d->arch.p2m, gpfn, virt_to_mfn(va), 0, p2m_ram_rw);
    }
    if ( !rc )
        *gfn = gpfn;
    spin_unlock(&gt->lock);
    return rc;
}

/* ---- Domain look-up (Xen's rcu_lock_domain_by_any_id + XSM_TARGET) ---- */

static struct domain *any_domain(struct vcpu *v, domid_t id)
{
    struct domain *d = id == DOMID_SELF ? v->domain : get_domain_by_id(id);

    return d && d->grant_table ? d : NULL;
}

static bool may_target(const struct vcpu *v, const struct domain *d)
{
    return v->domain == d || v->domain->is_privileged;
}

/* ---- Whole-call sub-ops ------------------------------------------------ */

/* The domain a whole-call sub-op names, or NULL with *status saying why. */
static struct domain *op_target(struct vcpu *v, domid_t dom, int16_t *status)
{
    struct domain *d = any_domain(v, dom);

    if ( !d )
        *status = GNTST_bad_domain;
    else if ( !may_target(v, d) )
    {
        *status = GNTST_permission_denied;
        d = NULL;
    }
    return d;
}

static long query_size(struct vcpu *v, uint64_t uop, unsigned int count)
{
    struct gnttab_query_size op;
    struct domain *d;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(v, &op, uop, sizeof(op)) )
        return -EFAULT;
    if ( (d = op_target(v, op.dom, &op.status)) )
    {
        spin_lock(&d->grant_table->lock);
        op.nr_frames = d->grant_table->nr_frames;
        op.max_nr_frames = d->grant_table->max_frames;
        spin_unlock(&d->grant_table->lock);
        op.status = GNTST_okay;
    }
    return copy_to_guest(v, uop, &op, sizeof(op)) ? -EFAULT : 0;
}

/* Grows to nr frames if needed and writes each frame's GFN (or ~0, unmapped). */
static int16_t setup_frames(struct vcpu *v, struct domain *d, uint32_t nr,
                            uint64_t list)
{
    struct grant_table *gt = d->grant_table;
    int16_t status = GNTST_okay;
    unsigned int i;

    if ( nr > gt->max_frames )
        return GNTST_general_error;
    if ( (nr > gt->nr_frames ||
          (gt->version == 2 && status_frames_for(nr) > gt->nr_status_frames)) &&
         grow_table(gt, nr) )
        return GNTST_general_error;
    for ( i = 0; i < nr; i++ )
    {
        xen_pfn_t gfn = frame_gfn(d, gt->shared_gfn[i], gt->shared[i]);

        if ( copy_to_guest(v, list + i * sizeof(gfn), &gfn, sizeof(gfn)) )
            status = GNTST_bad_virt_addr;
    }
    return status;
}

static long setup_table(struct vcpu *v, uint64_t uop, unsigned int count)
{
    struct gnttab_setup_table op;
    struct domain *d;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(v, &op, uop, sizeof(op)) )
        return -EFAULT;
    if ( (d = op_target(v, op.dom, &op.status)) )
    {
        spin_lock(&d->grant_table->lock);
        op.status = setup_frames(v, d, op.nr_frames, op.frame_list.q);
        spin_unlock(&d->grant_table->lock);
    }
    return copy_to_guest(v, uop + offsetof(struct gnttab_setup_table, status),
                         &op.status, sizeof(op.status)) ? -EFAULT : 0;
}

static long get_version(struct vcpu *v, uint64_t uop, unsigned int count)
{
    struct gnttab_get_version op;
    struct domain *d;

    if ( copy_from_guest(v, &op, uop, sizeof(op)) )
        return -EFAULT;
    if ( !(d = any_domain(v, op.dom)) )
        return -ESRCH;
    if ( !may_target(v, d) )
        return -EPERM;
    op.version = ACCESS_ONCE(d->grant_table->version);
    return copy_to_guest(v, uop + offsetof(struct gnttab_get_version, version),
                         &op.version, sizeof(op.version)) ? -EFAULT : 0;
}

/* ---- set_version ------------------------------------------------------- */

/* v2 -> v1 keeps the reserved entries only if each fits a v1 entry. */
static bool reserved_fit_v1(const struct grant_table *gt)
{
    unsigned int i;

    for ( i = 0; i < GNTTAB_NR_RESERVED_ENTRIES; i++ )
    {
        const grant_entry_v2_t *e = entry_v2(gt, i);

        switch ( e->hdr.flags & GTF_type_mask )
        {
        case GTF_permit_access:
            if ( e->full_page.frame >> 32 )
                return false;
            break;
        case GTF_transitive:
            return false;
        }
    }
    return true;
}

/* The reserved entries in v1 form, status bits folded into flags. */
static void save_reserved(const struct grant_table *gt, grant_entry_v1_t *saved)
{
    unsigned int i;

    if ( gt->version == 1 )
    {
        memcpy(saved, gt->shared[0], GNTTAB_NR_RESERVED_ENTRIES * sizeof(*saved));
        return;
    }
    memset(saved, 0, GNTTAB_NR_RESERVED_ENTRIES * sizeof(*saved));
    for ( i = 0; i < GNTTAB_NR_RESERVED_ENTRIES; i++ )
    {
        const grant_entry_v2_t *e = entry_v2(gt, i);

        if ( (e->hdr.flags & GTF_type_mask) != GTF_permit_access )
            continue;
        saved[i].flags = e->hdr.flags | *status_entry(gt, i);
        saved[i].domid = e->hdr.domid;
        saved[i].frame = e->full_page.frame;
    }
}

static void restore_reserved(struct grant_table *gt, const grant_entry_v1_t *saved)
{
    unsigned int i;

    if ( gt->version == 1 )
    {
        memcpy(gt->shared[0], saved, GNTTAB_NR_RESERVED_ENTRIES * sizeof(*saved));
        return;
    }
    for ( i = 0; i < GNTTAB_NR_RESERVED_ENTRIES; i++ )
    {
        grant_entry_v2_t *e = entry_v2(gt, i);

        *status_entry(gt, i) = saved[i].flags & (GTF_reading | GTF_writing);
        e->hdr.flags = saved[i].flags & ~(GTF_reading | GTF_writing);
        e->hdr.domid = saved[i].domid;
        e->full_page.frame = saved[i].frame;
    }
}

static int switch_version(struct grant_table *gt, unsigned int version)
{
    grant_entry_v1_t saved[GNTTAB_NR_RESERVED_ENTRIES];
    unsigned int i;

    if ( gt->version == version )
        return 0;
    if ( gt->nr_pinned )
        return -EBUSY;
    if ( gt->version == 2 && !reserved_fit_v1(gt) )
        return -ERANGE;
    if ( version == 2 && populate_status(gt, status_frames_for(gt->nr_frames)) )
        return -ENOMEM;

    save_reserved(gt, saved);
    if ( version == 1 )
        unpopulate_status(gt);
    for ( i = 0; i < gt->nr_frames; i++ )
        memset(gt->shared[i], 0, PAGE_SIZE);
    gt->version = version;
    restore_reserved(gt, saved);
    return 0;
}

static long set_version(struct vcpu *v, uint64_t uop, unsigned int count)
{
    struct grant_table *gt = v->domain->grant_table;
    struct gnttab_set_version op;
    long rc = -EINVAL;

    if ( copy_from_guest(v, &op, uop, sizeof(op)) )
        return -EFAULT;
    spin_lock(&gt->lock);
    if ( op.version == 1 || op.version == 2 )
        rc = switch_version(gt, op.version);
    op.version = gt->version;
    spin_unlock(&gt->lock);
    return copy_to_guest(v, uop, &op, sizeof(op)) ? -EFAULT : rc;
}

/* ---- Users of an entry --------------------------------------------------- */

/* The bits a user of an entry needs set in its flags or status word. */
static uint16_t want_bits(bool write)
{
    return GTF_reading | (write ? GTF_writing : 0);
}

/* Whether an entry header lets ld in; mappings also refuse sub-page ones. */
static bool header_ok(uint16_t flags, domid_t domid, domid_t ld, bool write, bool map,
                      bool pinned)
{
    uint16_t mask = GTF_type_mask | (map ? GTF_sub_page : 0);

    if ( !pinned && ((flags & mask) != GTF_permit_access || domid != ld) )
        return false;
    return !(write && (flags & GTF_readonly));
}

/* v1: check and set in one compare-and-exchange of {flags, domid}. */
static int16_t status_v1(struct grant_table *gt, grant_ref_t ref, domid_t ld,
                         bool write, bool map, bool pinned)
{
    uint32_t *word = (uint32_t *)(void *)entry_v1(gt, ref);
    uint32_t old = __atomic_load_n(word, __ATOMIC_ACQUIRE);
    unsigned int tries;

    for ( tries = 0; tries < PIN_RETRIES; tries++ )
    {
        if ( !header_ok(old, old >> 16, ld, write, map, pinned) )
            return GNTST_general_error;
        if ( __atomic_compare_exchange_n(word, &old, old | want_bits(write), false,
                                         __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) )
            return GNTST_okay;
    }
    return GNTST_general_error;
}

/* v2: set in the status word, then check the header did not change under us. */
static int16_t status_v2(struct grant_table *gt, grant_ref_t ref, domid_t ld,
                         bool write, bool map, bool pinned)
{
    grant_entry_v2_t *e = entry_v2(gt, ref);
    grant_status_t *st = status_entry(gt, ref);
    uint16_t set;

    if ( !header_ok(ACCESS_ONCE(e->hdr.flags), ACCESS_ONCE(e->hdr.domid), ld, write, map,
                    pinned) )
        return GNTST_general_error;
    set = want_bits(write) & ~__atomic_fetch_or(st, want_bits(write), __ATOMIC_SEQ_CST);
    if ( header_ok(ACCESS_ONCE(e->hdr.flags), ACCESS_ONCE(e->hdr.domid), ld, write, map,
                   pinned) )
        return GNTST_okay;
    __atomic_fetch_and(st, (uint16_t)~set, __ATOMIC_SEQ_CST);
    return GNTST_general_error;
}

static void clear_status(struct grant_table *gt, grant_ref_t ref, uint16_t bits)
{
    uint16_t *word = gt->version == 1 ? &entry_v1(gt, ref)->flags : status_entry(gt, ref);

    __atomic_fetch_and(word, (uint16_t)~bits, __ATOMIC_SEQ_CST);
}

/* The frame (and, for a v2 sub-page entry, the bytes) a first user gets;
 * whether the granter may write it is kept for later writers. */
static int16_t first_use(struct grant_table *gt, grant_ref_t ref, bool write,
                         struct grant_use *u, struct active_grant *act)
{
    void *va;

    u->start = 0;
    u->len = PAGE_SIZE;
    if ( gt->version == 1 )
        u->gfn = ACCESS_ONCE(entry_v1(gt, ref)->frame);
    else
    {
        grant_entry_v2_t *e = entry_v2(gt, ref);

        /* sub_page.frame and full_page.frame are the same field. */
        u->gfn = ACCESS_ONCE(e->full_page.frame);
        if ( ACCESS_ONCE(e->hdr.flags) & GTF_sub_page )
        {
            u->start = ACCESS_ONCE(e->sub_page.page_off);
            u->len = ACCESS_ONCE(e->sub_page.length);
        }
    }
    va = map_guest_frame(gt->domain, u->gfn, true);
    act->frame_ro = !va;
    if ( !va && !write )
        va = map_guest_frame(gt->domain, u->gfn, false);
    if ( !va )
        return GNTST_bad_page;
    u->mfn = virt_to_mfn(va);
    return GNTST_okay;
}

/* A later user shares the first one's frame, if it may write there. */
static int16_t later_use(const struct active_grant *act, bool write, struct grant_use *u)
{
    if ( write && act->frame_ro )
        return GNTST_bad_page;
    u->mfn = act->mfn;
    u->gfn = GNTTAB_NO_GFN;
    u->start = 0;
    u->len = PAGE_SIZE;
    return GNTST_okay;
}

int16_t gnttab_acquire(struct grant_table *gt, grant_ref_t ref, domid_t ld,
                       bool write, bool map, struct grant_use *u)
{
    struct active_grant *act = active_entry(gt, ref);
    bool pinned = active_pinned(act), set = !pinned || (write && !act->nr_rw);
    int16_t rc;

    if ( pinned && (act->domid != ld || (write ? act->nr_rw : act->nr_ro) >= GNTTAB_PIN_MAX) )
        return GNTST_general_error;
    if ( set && (rc = gt->version == 1 ? status_v1(gt, ref, ld, write, map, pinned)
                                       : status_v2(gt, ref, ld, write, map, pinned)) )
        return rc;
    rc = pinned ? later_use(act, write, u) : first_use(gt, ref, write, u, act);
    if ( rc )
    {
        if ( set )
            clear_status(gt, ref, pinned ? GTF_writing : want_bits(write));
        return rc;
    }
    if ( !pinned )
    {
        act->domid = ld;
        act->mfn = u->mfn;
        gt->nr_pinned += ref >= GNTTAB_NR_RESERVED_ENTRIES;
    }
    if ( write )
        act->nr_rw++;
    else
        act->nr_ro++;
    return GNTST_okay;
}

void gnttab_release(struct grant_table *gt, grant_ref_t ref, bool write)
{
    struct active_grant *act = active_entry(gt, ref);
    uint16_t bits = 0;

    ASSERT(write ? act->nr_rw : act->nr_ro);
    if ( write && !--act->nr_rw )
        bits |= GTF_writing;
    else if ( !write )
        act->nr_ro--;
    if ( !active_pinned(act) )
    {
        bits |= GTF_reading;
        gt->nr_pinned -= ref >= GNTTAB_NR_RESERVED_ENTRIES;
    }
    if ( bits )
        clear_status(gt, ref, bits);
}

/* ---- copy -------------------------------------------------------------- */

/* One side of a copy, from claiming it to releasing it. */
struct copy_side {
    struct domain *d;           /* owner of the frame */
    struct grant_table *gt;     /* locked table, when reached by grant */
    grant_ref_t ref;
    bool acquired, write;       /* holds a use of entry ref of gt */
    uint16_t start, len;        /* the bytes the grant allows */
    uint8_t *va;
};

/* Xen's gnttab_copy_lock_domain: frames only for DOMID_SELF. */
static int16_t copy_domain(struct vcpu *v, domid_t id, bool gref,
                           struct copy_side *s)
{
    if ( id != DOMID_SELF && !gref )
        return GNTST_permission_denied;
    if ( !(s->d = any_domain(v, id)) )
        return GNTST_bad_domain;
    s->gt = gref ? s->d->grant_table : NULL;
    return GNTST_okay;
}

static int16_t claim_side(struct vcpu *v, const struct gnttab_copy_ptr *p,
                          bool write, struct copy_side *s)
{
    struct grant_use u;
    int16_t rc;

    s->start = 0;
    s->len = PAGE_SIZE;
    if ( !s->gt )
    {
        s->va = map_guest_frame(s->d, p->u.gmfn, write);
        return s->va ? GNTST_okay : GNTST_bad_page;
    }
    if ( p->u.ref >= nr_entries(s->gt) )
        return GNTST_bad_gntref;
    rc = gnttab_acquire(s->gt, p->u.ref, v->domain->domain_id, write, false, &u);
    if ( rc )
        return rc;
    s->acquired = true;
    s->ref = p->u.ref;
    s->write = write;
    s->start = u.start;
    s->len = u.len;
    s->va = mfn_to_virt(u.mfn);
    return GNTST_okay;
}

static void release_side(struct copy_side *s)
{
    if ( s->acquired )
        gnttab_release(s->gt, s->ref, s->write);
    s->acquired = false;
}

static int16_t copy_bytes(const struct gnttab_copy *op, const struct copy_side *src,
                          const struct copy_side *dst)
{
    if ( op->source.offset + op->len > PAGE_SIZE || op->dest.offset + op->len > PAGE_SIZE )
        return GNTST_bad_copy_arg;
    if ( op->source.offset < src->start ||
         op->source.offset + op->len > src->start + src->len )
        return GNTST_general_error;
    if ( op->dest.offset < dst->start ||
         op->dest.offset + op->len > dst->start + dst->len )
        return GNTST_general_error;
    memmove(dst->va + op->dest.offset, src->va + op->source.offset, op->len);
    return GNTST_okay;
}

/* One element, in Xen's order: both domains, source, destination, bounds. */
static int16_t copy_one(struct vcpu *v, const struct gnttab_copy *op)
{
    struct copy_side src = { 0 }, dst = { 0 };
    int16_t rc;

    if ( (rc = copy_domain(v, op->source.domid, op->flags & GNTCOPY_source_gref, &src)) ||
         (rc = copy_domain(v, op->dest.domid, op->flags & GNTCOPY_dest_gref, &dst)) )
        return rc;
    lock_tables(src.gt, dst.gt);
    rc = claim_side(v, &op->source, false, &src);
    if ( !rc )
        rc = claim_side(v, &op->dest, true, &dst);
    if ( !rc )
        rc = copy_bytes(op, &src, &dst);
    release_side(&dst);
    release_side(&src);
    unlock_tables(src.gt, dst.gt);
    return rc;
}

long gnttab_batch(struct vcpu *v, uint64_t uop, unsigned int count, void *op,
                  size_t size, size_t out_off, size_t out_len,
                  void (*one)(struct vcpu *v, void *op))
{
    unsigned int i;

    if ( count > GNTTAB_MAX_BATCH )
        return -EINVAL;
    for ( i = 0; i < count; i++, uop += size )
    {
        if ( copy_from_guest(v, op, uop, size) )
            return -EFAULT;
        one(v, op);
        if ( copy_to_guest(v, uop + out_off, (char *)op + out_off, out_len) )
            return -EFAULT;
    }
    return 0;
}

static void copy_elem(struct vcpu *v, void *p)
{
    struct gnttab_copy *op = p;

    op->status = copy_one(v, op);
}

static long gnttab_copy(struct vcpu *v, uint64_t uop, unsigned int count)
{
    struct gnttab_copy op;

    return gnttab_batch(v, uop, count, &op, sizeof(op), offsetof(struct gnttab_copy, status),
                        sizeof(op.status), copy_elem);
}

/* ---- swap_grant_ref ---------------------------------------------------- */

static int16_t swap_one(struct grant_table *gt, grant_ref_t a, grant_ref_t b)
{
    if ( a >= nr_entries(gt) || b >= nr_entries(gt) )
        return GNTST_bad_gntref;
    if ( a == b )
        return GNTST_okay;
    if ( active_pinned(active_entry(gt, a)) || active_pinned(active_entry(gt, b)) )
        return GNTST_eagain;
    if ( gt->version == 1 )
    {
        grant_entry_v1_t t = *entry_v1(gt, a);

        *entry_v1(gt, a) = *entry_v1(gt, b);
        *entry_v1(gt, b) = t;
    }
    else
    {
        grant_entry_v2_t t = *entry_v2(gt, a);
        grant_status_t st = *status_entry(gt, a);

        *entry_v2(gt, a) = *entry_v2(gt, b);
        *status_entry(gt, a) = *status_entry(gt, b);
        *entry_v2(gt, b) = t;
        *status_entry(gt, b) = st;
    }
    return GNTST_okay;
}

static void swap_elem(struct vcpu *v, void *p)
{
    struct grant_table *gt = v->domain->grant_table;
    struct gnttab_swap_grant_ref *op = p;

    spin_lock(&gt->lock);
    op->status = swap_one(gt, op->ref_a, op->ref_b);
    spin_unlock(&gt->lock);
}

static long swap_grant_ref(struct vcpu *v, uint64_t uop, unsigned int count)
{
    struct gnttab_swap_grant_ref op;

    return gnttab_batch(v, uop, count, &op, sizeof(op),
                        offsetof(struct gnttab_swap_grant_ref, status), sizeof(op.status),
                        swap_elem);
}

/* ---- Dispatch ---------------------------------------------------------- */

typedef long gnttab_op_fn(struct vcpu *v, uint64_t uop, unsigned int count);

/* Xen 4.17 lets HVM/PVH guests reach map, unmap, setup, copy, query_size,
 * set/get_version and swap; every other slot is -ENOSYS for them. */
static gnttab_op_fn *const gnttab_ops[] = {
    [GNTTABOP_map_grant_ref]     = gnttab_map_grant_ref,
    [GNTTABOP_unmap_grant_ref]   = gnttab_unmap_grant_ref,
    [GNTTABOP_setup_table]       = setup_table,
    [GNTTABOP_dump_table]        = NULL,    /* not for HVM */
    [GNTTABOP_transfer]          = NULL,    /* PV only */
    [GNTTABOP_copy]              = gnttab_copy,
    [GNTTABOP_query_size]        = query_size,
    [GNTTABOP_unmap_and_replace] = NULL,    /* PV only: HVM gets -ENOSYS */
    [GNTTABOP_set_version]       = set_version,
    [GNTTABOP_get_status_frames] = NULL,    /* not for HVM */
    [GNTTABOP_get_version]       = get_version,
    [GNTTABOP_swap_grant_ref]    = swap_grant_ref,
    [GNTTABOP_cache_flush]       = NULL,    /* Arm */
};

long do_grant_table_op(struct vcpu *v, const uint64_t *args)
{
    unsigned int cmd = args[0], count = args[2];

    if ( cmd >= ARRAY_SIZE(gnttab_ops) || !gnttab_ops[cmd] || !v->domain->grant_table )
        return -ENOSYS;
    if ( (int)count < 0 )
        return -EINVAL;
    return gnttab_ops[cmd](v, args[1], count);
}
