/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-domain grant tables (xen/common/grant_table.c): the shared frames a
 * guest writes its grant entries into, the v2 status frames, and the calls
 * domain creation and memory_op make into them. */
#ifndef XEN_GRANT_TABLE_H
#define XEN_GRANT_TABLE_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <asm/page.h>
#include <public/grant_table.h>

struct domain;

/* Xen 4.17's defaults: one frame at creation, grown on demand up to 64. */
#define GNTTAB_INITIAL_FRAMES       1U
#define GNTTAB_MAX_FRAMES           64U
/* v2 keeps 2048 two-byte status words per page for 256 entries a page. */
#define GNTTAB_STATUS_PER_FRAME     (PAGE_SIZE / sizeof(grant_status_t))
#define GNTTAB_V2_PER_FRAME         (PAGE_SIZE / sizeof(grant_entry_v2_t))
#define GNTTAB_MAX_STATUS_FRAMES \
    ((GNTTAB_MAX_FRAMES * GNTTAB_V2_PER_FRAME + GNTTAB_STATUS_PER_FRAME - 1) / \
     GNTTAB_STATUS_PER_FRAME)

/* No guest-physical frame: a frame the guest has not mapped anywhere. */
#define GNTTAB_NO_GFN               (~0UL)

/*
 * Lifetimes and locks:
 *   [c] set by grant_table_init, constant afterwards
 *   [g] guarded by lock
 * Frames are xenheap pages owned by the table; a guest reaches them only
 * through the p2m entries gnttab_map_frame() makes.
 */
struct grant_table {
    spinlock_t lock;
    struct domain *domain;                          /* [c] owner */
    unsigned int version;                           /* [g] 1 or 2 */
    unsigned int max_frames;                        /* [c] */
    unsigned int nr_frames;                         /* [g] shared frames present */
    unsigned int nr_status_frames;                  /* [g] v2 only, else 0 */
    /* Entries at or above GNTTAB_NR_RESERVED_ENTRIES pinned by mappings; while
     * non-zero the version cannot change. Nothing pins yet (no map support). */
    unsigned int nr_pinned;                         /* [g] */
    void *shared[GNTTAB_MAX_FRAMES];                /* [g] */
    unsigned long shared_gfn[GNTTAB_MAX_FRAMES];    /* [g] last GFN mapped at */
    grant_status_t *status[GNTTAB_MAX_STATUS_FRAMES];           /* [g] */
    unsigned long status_gfn[GNTTAB_MAX_STATUS_FRAMES];         /* [g] */
};

/* Version 1 with GNTTAB_INITIAL_FRAMES frames: 0 or -ENOMEM. */
int grant_table_init(struct domain *d);
/* Frees the table and its frames; the domain's p2m is going away as well. */
void grant_table_destroy(struct domain *d);
/*
 * XENMAPSPACE_grant_table: maps shared frame idx (or, in v2, status frame
 * idx & ~XENMAPIDX_grant_table_status) at gpfn, growing the table when idx is
 * beyond its size, and unmaps the frame from the GFN it was at before.
 * 0, -EINVAL (beyond the maximum) or -ENOMEM. The caller flushes TLBs.
 */
int gnttab_map_frame(struct domain *d, unsigned long idx, unsigned long gpfn);

#endif /* XEN_GRANT_TABLE_H */
