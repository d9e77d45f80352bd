/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-domain grant tables (xen/common/grant_table.c, grant_map.c): the shared
 * frames a guest writes its grant entries into, the v2 status frames, the
 * state behind mappings of grants, and the calls domain creation and
 * memory_op make into them. */
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

/* Xen's default gnttab_max_maptrack_frames (1024) of 256 handles each. */
#define GNTTAB_MAX_MAPTRACK         (1024U * 256U)
#define GNTTAB_MAPTRACK_PER_CHUNK   256U
#define GNTTAB_MAX_MAPTRACK_CHUNKS  (GNTTAB_MAX_MAPTRACK / GNTTAB_MAPTRACK_PER_CHUNK)

/*
 * What a granting domain knows about one of its entries while it is in use
 * (Xen's active entry): how many mappings and copies of each kind hold it,
 * for whom, and the machine frame they all use. The frame is looked up when
 * the first one arrives and kept until the last one leaves.
 */
struct active_grant {
    uint8_t nr_rw;                  /* writable users; at most GNTTAB_PIN_MAX */
    uint8_t nr_ro;                  /* read-only users */
    domid_t domid;                  /* the grantee, while pinned */
    bool frame_ro;                  /* the granter may only read the frame */
    unsigned long mfn;              /* while pinned */
};

/* Xen refuses a mapping that would make either count reach 129. */
#define GNTTAB_PIN_MAX              128U

/* One of a mapping domain's handles (Xen's maptrack entry). */
struct grant_mapping {
    uint16_t flags;                 /* GNTMAP_host_map [| readonly]; 0: free */
    domid_t domid;                  /* the granting domain */
    grant_ref_t ref;                /* its entry; when free, the next free handle */
    unsigned long gfn;              /* where it is in our p2m (for teardown) */
};

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
    /* Entries at or above GNTTAB_NR_RESERVED_ENTRIES with users; while
     * non-zero the version cannot change. */
    unsigned int nr_pinned;                         /* [g] */
    void *shared[GNTTAB_MAX_FRAMES];                /* [g] */
    unsigned long shared_gfn[GNTTAB_MAX_FRAMES];    /* [g] last GFN mapped at */
    grant_status_t *status[GNTTAB_MAX_STATUS_FRAMES];           /* [g] */
    unsigned long status_gfn[GNTTAB_MAX_STATUS_FRAMES];         /* [g] */
    /* One array per shared frame, indexed by ref as if v1 (512 a frame). */
    struct active_grant *active[GNTTAB_MAX_FRAMES];             /* [g] */

    /* Our own mappings of grants (ours or other domains'), by handle. */
    unsigned int max_maptrack;                      /* [c] handles allowed */
    unsigned int maptrack_limit;                    /* [g] handles with storage */
    unsigned int maptrack_free;                     /* [g] freed handles queued */
    grant_handle_t maptrack_head, maptrack_tail;    /* [g] the queue, oldest first */
    struct grant_mapping *maptrack[GNTTAB_MAX_MAPTRACK_CHUNKS]; /* [g] */
};

/* Version 1 with GNTTAB_INITIAL_FRAMES frames: 0 or -ENOMEM. */
/* At most max_frames grant frames (capped at GNTTAB_MAX_FRAMES) and
 * max_maptrack_frames chunks of handles. */
int grant_table_init(struct domain *d, unsigned int max_frames, unsigned int max_maptrack_frames);
/* Ends d's mappings of grants and other domains' mappings of d's grants
 * (removing them from the mappers' p2ms), then frees the table and its
 * frames; d's p2m is going away as well. */
void grant_table_destroy(struct domain *d);
/*
 * XENMAPSPACE_grant_table: maps shared frame idx (or, in v2, status frame
 * idx & ~XENMAPIDX_grant_table_status) at gpfn, growing the table when idx is
 * beyond its size, and unmaps the frame from the GFN it was at before.
 * 0, -EINVAL (beyond the maximum) or -ENOMEM. The caller flushes TLBs.
 */
int gnttab_map_frame(struct domain *d, unsigned long idx, unsigned long gpfn);

#endif /* XEN_GRANT_TABLE_H */
