/* SPDX-License-Identifier: MIT */
/* Grant tables: the entries a domain writes to let another domain map or copy
 * its pages, and grant_table_op(cmd, uop, count) with its per-op structures. */
#ifndef __XEN_PUBLIC_GRANT_TABLE_H__
#define __XEN_PUBLIC_GRANT_TABLE_H__

#include "xen.h"

typedef uint32_t grant_ref_t;

/*
 * Version 1 entry. The granting guest writes domid and frame, then (after a
 * write barrier) flags; Xen sets GTF_reading/GTF_writing while the grant is
 * in use, and revoking must cmpxchg flags to 0 only while both are clear.
 */
struct grant_entry_v1 {
    uint16_t flags;             /* GTF_* */
    domid_t  domid;             /* the grantee */
    uint32_t frame;             /* GFN (or, for completed transfers, MFN) */
};
typedef struct grant_entry_v1 grant_entry_v1_t;

/* The first entries survive version changes; tools pre-fill two of them. */
#define GNTTAB_NR_RESERVED_ENTRIES  8
#define GNTTAB_RESERVED_CONSOLE     0
#define GNTTAB_RESERVED_XENSTORE    1

/* Entry type, bits 1:0 of flags. */
#define GTF_invalid         (0U << 0)
#define GTF_permit_access   (1U << 0)
#define GTF_accept_transfer (2U << 0)
#define GTF_transitive      (3U << 0)
#define GTF_type_mask       (3U << 0)

/* Sub-flags of permit_access and transitive entries. */
#define _GTF_readonly       (2)
#define GTF_readonly        (1U << _GTF_readonly)   /* guest: grantee reads only */
#define _GTF_reading        (3)
#define GTF_reading         (1U << _GTF_reading)    /* Xen: mapped for reading */
#define _GTF_writing        (4)
#define GTF_writing         (1U << _GTF_writing)    /* Xen: mapped for writing */
#define _GTF_PWT            (5)
#define GTF_PWT             (1U << _GTF_PWT)        /* cache attributes (x86) */
#define _GTF_PCD            (6)
#define GTF_PCD             (1U << _GTF_PCD)
#define _GTF_PAT            (7)
#define GTF_PAT             (1U << _GTF_PAT)
#define _GTF_sub_page       (8)
#define GTF_sub_page        (1U << _GTF_sub_page)   /* v2: copy-only byte range */

/* Sub-flags of accept_transfer entries, both set by Xen. */
#define _GTF_transfer_committed (2)
#define GTF_transfer_committed  (1U << _GTF_transfer_committed)
#define _GTF_transfer_completed (3)
#define GTF_transfer_completed  (1U << _GTF_transfer_completed)

/* Version 2: 16-byte entries, with status kept apart in grant_status_t frames. */
struct grant_entry_header {
    uint16_t flags;
    domid_t  domid;
};
typedef struct grant_entry_header grant_entry_header_t;

union grant_entry_v2 {
    grant_entry_header_t hdr;
    struct {                    /* permit_access without sub_page; transfers */
        grant_entry_header_t hdr;
        uint32_t pad0;
        uint64_t frame;
    } full_page;
    struct {                    /* permit_access with GTF_sub_page */
        grant_entry_header_t hdr;
        uint16_t page_off;
        uint16_t length;
        uint64_t frame;
    } sub_page;
    struct {                    /* GTF_transitive: use trans_domid's grant */
        grant_entry_header_t hdr;
        domid_t trans_domid;
        uint16_t pad0;
        grant_ref_t gref;
    } transitive;
    uint32_t __spacer[4];
};
typedef union grant_entry_v2 grant_entry_v2_t;

typedef uint16_t grant_status_t;

#define GNTTABOP_map_grant_ref        0
#define GNTTABOP_unmap_grant_ref      1
#define GNTTABOP_setup_table          2
#define GNTTABOP_dump_table           3
#define GNTTABOP_transfer             4
#define GNTTABOP_copy                 5
#define GNTTABOP_query_size           6
#define GNTTABOP_unmap_and_replace    7
#define GNTTABOP_set_version          8
#define GNTTABOP_get_status_frames    9
#define GNTTABOP_get_version          10
#define GNTTABOP_swap_grant_ref       11
#define GNTTABOP_cache_flush          12

typedef uint32_t grant_handle_t;

/* Map (dom, ref); an auto-translated caller gives a GPA in host_addr. */
struct gnttab_map_grant_ref {
    uint64_t host_addr;
    uint32_t flags;             /* GNTMAP_* */
    grant_ref_t ref;
    domid_t  dom;
    int16_t  status;            /* out: GNTST_* */
    grant_handle_t handle;      /* out */
    uint64_t dev_bus_addr;      /* out, with GNTMAP_device_map */
};
typedef struct gnttab_map_grant_ref gnttab_map_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_map_grant_ref_t);

/* Undo a map; zero host_addr or dev_bus_addr leaves that side alone. */
struct gnttab_unmap_grant_ref {
    uint64_t host_addr;
    uint64_t dev_bus_addr;
    grant_handle_t handle;
    int16_t  status;            /* out */
};
typedef struct gnttab_unmap_grant_ref gnttab_unmap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_grant_ref_t);

struct gnttab_setup_table {
    domid_t  dom;
    uint32_t nr_frames;
    int16_t  status;            /* out */
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list;     /* out */
};
typedef struct gnttab_setup_table gnttab_setup_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_setup_table_t);

struct gnttab_dump_table {
    domid_t dom;
    int16_t status;             /* out */
};
typedef struct gnttab_dump_table gnttab_dump_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_dump_table_t);

/* Give a page to a domain that offered an accept_transfer entry (PV only). */
struct gnttab_transfer {
    xen_pfn_t   mfn;
    domid_t     domid;
    grant_ref_t ref;
    int16_t     status;         /* out */
};
typedef struct gnttab_transfer gnttab_transfer_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_transfer_t);

/* Hypervisor copy between frames and/or grant references. */
#define _GNTCOPY_source_gref    (0)
#define GNTCOPY_source_gref     (1 << _GNTCOPY_source_gref)
#define _GNTCOPY_dest_gref      (1)
#define GNTCOPY_dest_gref       (1 << _GNTCOPY_dest_gref)
struct gnttab_copy {
    struct gnttab_copy_ptr {
        union {
            grant_ref_t ref;
            xen_pfn_t   gmfn;
        } u;
        domid_t  domid;
        uint16_t offset;
    } source, dest;
    uint16_t len;               /* may not cross a page */
    uint16_t flags;             /* GNTCOPY_* */
    int16_t  status;            /* out */
};
typedef struct gnttab_copy gnttab_copy_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_copy_t);

struct gnttab_query_size {
    domid_t  dom;
    uint32_t nr_frames;         /* out */
    uint32_t max_nr_frames;     /* out */
    int16_t  status;            /* out */
};
typedef struct gnttab_query_size gnttab_query_size_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_query_size_t);

struct gnttab_unmap_and_replace {
    uint64_t host_addr;
    uint64_t new_addr;
    grant_handle_t handle;
    int16_t  status;            /* out */
};
typedef struct gnttab_unmap_and_replace gnttab_unmap_and_replace_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_and_replace_t);

/* Switch between layout 1 and 2 while no grant is in use. */
struct gnttab_set_version {
    uint32_t version;           /* in: wanted; out: current */
};
typedef struct gnttab_set_version gnttab_set_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_set_version_t);

struct gnttab_get_status_frames {
    uint32_t nr_frames;
    domid_t  dom;
    int16_t  status;            /* out */
    XEN_GUEST_HANDLE(uint64_t) frame_list;      /* out */
};
typedef struct gnttab_get_status_frames gnttab_get_status_frames_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_get_status_frames_t);

struct gnttab_get_version {
    domid_t  dom;
    uint16_t pad;
    uint32_t version;           /* out */
};
typedef struct gnttab_get_version gnttab_get_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_get_version_t);

struct gnttab_swap_grant_ref {
    grant_ref_t ref_a;
    grant_ref_t ref_b;
    int16_t status;             /* out */
};
typedef struct gnttab_swap_grant_ref gnttab_swap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_swap_grant_ref_t);

/* Cache maintenance on part of a granted page (Arm). */
#define GNTTAB_CACHE_CLEAN          (1u << 0)
#define GNTTAB_CACHE_INVAL          (1u << 1)
#define GNTTAB_CACHE_SOURCE_GREF    (1u << 31)
struct gnttab_cache_flush {
    union {
        uint64_t dev_bus_addr;
        grant_ref_t ref;
    } a;
    uint16_t offset;
    uint16_t length;
    uint32_t op;                /* GNTTAB_CACHE_* */
};
typedef struct gnttab_cache_flush gnttab_cache_flush_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_cache_flush_t);

/* gnttab_map_grant_ref.flags. */
#define _GNTMAP_device_map      (0)
#define GNTMAP_device_map       (1 << _GNTMAP_device_map)
#define _GNTMAP_host_map        (1)
#define GNTMAP_host_map         (1 << _GNTMAP_host_map)
#define _GNTMAP_readonly        (2)
#define GNTMAP_readonly         (1 << _GNTMAP_readonly)
#define _GNTMAP_application_map (3)
#define GNTMAP_application_map  (1 << _GNTMAP_application_map)
#define _GNTMAP_contains_pte    (4)     /* host_addr is a PTE's machine address */
#define GNTMAP_contains_pte     (1 << _GNTMAP_contains_pte)
#define _GNTMAP_guest_avail0    (16)    /* PTE bits for the guest (PV) */
#define GNTMAP_guest_avail_mask ((uint32_t)~0 << _GNTMAP_guest_avail0)

/* Per-element status codes. */
#define GNTST_okay              (0)
#define GNTST_general_error     (-1)
#define GNTST_bad_domain        (-2)
#define GNTST_bad_gntref        (-3)
#define GNTST_bad_handle        (-4)
#define GNTST_bad_virt_addr     (-5)
#define GNTST_bad_dev_addr      (-6)
#define GNTST_no_device_space   (-7)
#define GNTST_permission_denied (-8)
#define GNTST_bad_page          (-9)
#define GNTST_bad_copy_arg      (-10)
#define GNTST_address_too_big   (-11)
#define GNTST_eagain            (-12)
#define GNTST_no_space          (-13)

XEN_ABI_SIZE(struct grant_entry_v1, 8);
XEN_ABI_OFFSET(struct grant_entry_v1, frame, 4);
XEN_ABI_SIZE(struct grant_entry_header, 4);
XEN_ABI_SIZE(union grant_entry_v2, 16);
XEN_ABI_OFFSET(union grant_entry_v2, full_page.frame, 8);
XEN_ABI_OFFSET(union grant_entry_v2, sub_page.page_off, 4);
XEN_ABI_OFFSET(union grant_entry_v2, transitive.gref, 8);
XEN_ABI_SIZE(struct gnttab_map_grant_ref, 32);
XEN_ABI_OFFSET(struct gnttab_map_grant_ref, status, 18);
XEN_ABI_OFFSET(struct gnttab_map_grant_ref, handle, 20);
XEN_ABI_SIZE(struct gnttab_unmap_grant_ref, 24);
XEN_ABI_SIZE(struct gnttab_setup_table, 24);
XEN_ABI_OFFSET(struct gnttab_setup_table, frame_list, 16);
XEN_ABI_SIZE(struct gnttab_dump_table, 4);
XEN_ABI_SIZE(struct gnttab_transfer, 24);
XEN_ABI_SIZE(struct gnttab_copy, 40);
XEN_ABI_OFFSET(struct gnttab_copy, dest, 16);
XEN_ABI_OFFSET(struct gnttab_copy, len, 32);
XEN_ABI_OFFSET(struct gnttab_copy, status, 36);
XEN_ABI_SIZE(struct gnttab_query_size, 16);
XEN_ABI_OFFSET(struct gnttab_query_size, status, 12);
XEN_ABI_SIZE(struct gnttab_unmap_and_replace, 24);
XEN_ABI_SIZE(struct gnttab_set_version, 4);
XEN_ABI_SIZE(struct gnttab_get_status_frames, 16);
XEN_ABI_SIZE(struct gnttab_get_version, 8);
XEN_ABI_SIZE(struct gnttab_swap_grant_ref, 12);
XEN_ABI_SIZE(struct gnttab_cache_flush, 16);

#endif /* __XEN_PUBLIC_GRANT_TABLE_H__ */
