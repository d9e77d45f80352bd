/* SPDX-License-Identifier: GPL-2.0-only */
/* Grant-table state shared by grant_table.c (frames, versions, copy, swap,
 * and the pins every user of an entry takes) and grant_map.c (mappings by
 * handle and their release when a domain goes away). */
#ifndef XEN_COMMON_GRANT_PRIVATE_H
#define XEN_COMMON_GRANT_PRIVATE_H

#include <xen/types.h>
#include <xen/grant_table.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <public/grant_table.h>

#define V1_PER_FRAME        (PAGE_SIZE / sizeof(grant_entry_v1_t))
/* Batches run without preemption; this bounds one hypercall. */
#define GNTTAB_MAX_BATCH    4096U

/* What an entry grants its user: a machine frame and the bytes within it. */
struct grant_use {
    unsigned long mfn;
    unsigned long gfn;          /* the granter's GFN it was found at (first use) */
    uint16_t start, len;
};

static inline unsigned int nr_entries(const struct grant_table *gt)
{
    return gt->nr_frames * (gt->version == 1 ? V1_PER_FRAME : GNTTAB_V2_PER_FRAME);
}

static inline struct active_grant *active_entry(const struct grant_table *gt,
                                                grant_ref_t ref)
{
    return &gt->active[ref / V1_PER_FRAME][ref % V1_PER_FRAME];
}

static inline bool active_pinned(const struct active_grant *act)
{
    return act->nr_rw || act->nr_ro;
}

/* Both tables, the lower address first; one lock when they are the same. */
static inline void lock_tables(struct grant_table *a, struct grant_table *b)
{
    if ( a && b && a != b )
    {
        spin_lock(a < b ? &a->lock : &b->lock);
        spin_lock(a < b ? &b->lock : &a->lock);
    }
    else if ( a || b )
        spin_lock(a ? &a->lock : &b->lock);
}

static inline void unlock_tables(struct grant_table *a, struct grant_table *b)
{
    if ( a )
        spin_unlock(&a->lock);
    if ( b && b != a )
        spin_unlock(&b->lock);
}

/*
 * One more user of entry ref of gt (locked), for domain ld: a mapping (map,
 * which refuses sub-page entries) or a copy, writable or not. The first user
 * checks the entry, sets GTF_reading (and GTF_writing) and looks the frame
 * up; later ones reuse it, and only a first writer re-checks GTF_readonly.
 * GNTST_general_error for a refused entry, GNTST_bad_page for a frame that
 * is not the granter's RAM (or not writable RAM for a writer).
 */
int16_t gnttab_acquire(struct grant_table *gt, grant_ref_t ref, domid_t ld,
                       bool write, bool map, struct grant_use *u);
/* Undoes one gnttab_acquire; the last writer clears GTF_writing, the last
 * user GTF_reading. */
void gnttab_release(struct grant_table *gt, grant_ref_t ref, bool write);

/*
 * The batch loop of copy, swap, map and unmap: each element of size bytes is
 * read into op, done by one() (which sets its status), and the bytes
 * [out_off, out_off + out_len) of it written back. -EINVAL for more than
 * GNTTAB_MAX_BATCH elements, -EFAULT at the first bad guest pointer.
 */
long gnttab_batch(struct vcpu *v, uint64_t uop, unsigned int count, void *op,
                  size_t size, size_t out_off, size_t out_len,
                  void (*one)(struct vcpu *v, void *op));

/* grant_map.c */
long gnttab_map_grant_ref(struct vcpu *v, uint64_t uop, unsigned int count);
long gnttab_unmap_grant_ref(struct vcpu *v, uint64_t uop, unsigned int count);
void gnttab_release_mappings(struct domain *d);

#endif /* XEN_COMMON_GRANT_PRIVATE_H */
