/* SPDX-License-Identifier: MIT */
/* memory_op(cmd, arg): reservations, the physmap, memory maps. The low 6 bits
 * of cmd are the sub-op; the rest is a continuation index. */
#ifndef __XEN_PUBLIC_MEMORY_H__
#define __XEN_PUBLIC_MEMORY_H__

#include "xen.h"
#include "physdev.h"

#define XENMEM_increase_reservation 0
#define XENMEM_decrease_reservation 1
#define XENMEM_maximum_ram_page     2   /* arg NULL; never fails */
#define XENMEM_current_reservation  3   /* arg xen_memory_domain */
#define XENMEM_maximum_reservation  4   /* arg xen_memory_domain */
#define XENMEM_machphys_mfn_list    5
#define XENMEM_populate_physmap     6
#define XENMEM_add_to_physmap       7
/* 8 was translate_gpfn_list, removed. */
#define XENMEM_memory_map           9
#define XENMEM_machine_memory_map   10
#define XENMEM_exchange             11
#define XENMEM_machphys_mapping     12
#define XENMEM_set_memory_map       13
#define XENMEM_maximum_gpfn         14  /* arg xen_memory_domain */
#define XENMEM_remove_from_physmap  15
#define XENMEM_set_pod_target       16
#define XENMEM_get_pod_target       17
#define XENMEM_get_sharing_freed_pages  18
#define XENMEM_get_sharing_shared_pages 19
#define XENMEM_paging_op            20
#define XENMEM_access_op            21
#define XENMEM_sharing_op           22
#define XENMEM_add_to_physmap_batch 23
#define XENMEM_claim_pages          24
#define XENMEM_machphys_compat_mfn_list 25
#define XENMEM_get_vnumainfo        26
#define XENMEM_reserved_device_memory_map 27
#define XENMEM_acquire_resource     28

/* xen_memory_reservation.mem_flags. */
#define XENMEMF_address_bits(x)     (x)             /* 0: no limit */
#define XENMEMF_get_address_bits(x) ((x) & 0xffu)
#define XENMEMF_node(x)             (((x) + 1) << 8)
#define XENMEMF_get_node(x)         ((((x) >> 8) - 1) & 0xffu)
#define XENMEMF_populate_on_demand  (1 << 16)
#define XENMEMF_exact_node_request  (1 << 17)
#define XENMEMF_exact_node(n)       (XENMEMF_node(n) | XENMEMF_exact_node_request)
#define XENMEMF_vnode               (1 << 18)       /* node is a virtual node */

/* increase/decrease_reservation, populate_physmap, claim_pages. */
struct xen_memory_reservation {
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;   /* frame list, in and/or out */
    xen_ulong_t  nr_extents;
    unsigned int extent_order;                  /* each extent is 2^order pages */
    unsigned int mem_flags;                     /* XENMEMF_* */
    domid_t      domid;
};
typedef struct xen_memory_reservation xen_memory_reservation_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_reservation_t);

/* Atomically trade frames for others (PV only); zero nr_exchanged first. */
struct xen_memory_exchange {
    struct xen_memory_reservation in;
    struct xen_memory_reservation out;
    xen_ulong_t nr_exchanged;                   /* out: input extents done */
};
typedef struct xen_memory_exchange xen_memory_exchange_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_exchange_t);

struct xen_memory_domain {
    domid_t domid;
};

struct xen_machphys_mfn_list {
    unsigned int max_extents;
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;   /* out: 2 MiB M2P extents */
    unsigned int nr_extents;                    /* out */
};
typedef struct xen_machphys_mfn_list xen_machphys_mfn_list_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mfn_list_t);

struct xen_machphys_mapping {
    xen_ulong_t v_start, v_end;                 /* where the M2P is mapped */
    xen_ulong_t max_mfn;
};
typedef struct xen_machphys_mapping xen_machphys_mapping_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mapping_t);

/* Spaces a frame can come from for add_to_physmap. */
#define XENMAPSPACE_shared_info  0  /* idx 0 */
#define XENMAPSPACE_grant_table  1  /* idx = frame, | XENMAPIDX_grant_table_status */
#define XENMAPSPACE_gmfn         2  /* move one of the caller's own frames */
#define XENMAPSPACE_gmfn_range   3  /* as gmfn, `size` frames */
#define XENMAPSPACE_gmfn_foreign 4  /* batch only: a frame of foreign_domid */
#define XENMAPSPACE_dev_mmio     5  /* Arm only */

#define XENMAPIDX_grant_table_status 0x80000000U

struct xen_add_to_physmap {
    domid_t      domid;
    uint16_t     size;                          /* XENMAPSPACE_gmfn_range */
    unsigned int space;                         /* XENMAPSPACE_* */
    xen_ulong_t  idx;
    xen_pfn_t    gpfn;                          /* where the frame appears */
};
typedef struct xen_add_to_physmap xen_add_to_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_t);

struct xen_add_to_physmap_batch {
    domid_t  domid;
    uint16_t space;                             /* XENMAPSPACE_* */
    uint16_t size;                              /* entries in each array */
    union xen_add_to_physmap_batch_extra {
        domid_t  foreign_domid;                 /* gmfn_foreign */
        uint16_t res0;                          /* other spaces: 0 */
    } u;
    XEN_GUEST_HANDLE(xen_ulong_t) idxs;
    XEN_GUEST_HANDLE(xen_pfn_t) gpfns;
    XEN_GUEST_HANDLE(int) errs;                 /* out: per-entry result */
};
typedef struct xen_add_to_physmap_batch xen_add_to_physmap_batch_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_batch_t);

struct xen_remove_from_physmap {
    domid_t   domid;
    xen_pfn_t gpfn;
};
typedef struct xen_remove_from_physmap xen_remove_from_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_remove_from_physmap_t);

/*
 * memory_map and machine_memory_map. The buffer holds packed 20-byte e820
 * entries (u64 addr, u64 size, u32 type). A NULL buffer on
 * machine_memory_map asks for the entry count.
 */
struct xen_memory_map {
    unsigned int nr_entries;                    /* in: capacity; out: count */
    XEN_GUEST_HANDLE(void) buffer;
};
typedef struct xen_memory_map xen_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_map_t);

/* set_memory_map: the toolstack sets a domain's map. */
struct xen_foreign_memory_map {
    domid_t domid;
    struct xen_memory_map map;
};
typedef struct xen_foreign_memory_map xen_foreign_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_foreign_memory_map_t);

struct xen_pod_target {
    uint64_t target_pages;                      /* in */
    uint64_t tot_pages;                         /* out */
    uint64_t pod_cache_pages;                   /* out */
    uint64_t pod_entries;                       /* out */
    domid_t  domid;                             /* in */
};
typedef struct xen_pod_target xen_pod_target_t;

/* Regions (RMRRs and the like) the guest physical map must leave alone. */
struct xen_reserved_device_memory {
    xen_pfn_t   start_pfn;
    xen_ulong_t nr_pages;
};
typedef struct xen_reserved_device_memory xen_reserved_device_memory_t;
DEFINE_XEN_GUEST_HANDLE(xen_reserved_device_memory_t);

#define XENMEM_RDM_ALL 1                        /* ignore dev, list them all */
struct xen_reserved_device_memory_map {
    uint32_t flags;                             /* XENMEM_RDM_* */
    unsigned int nr_entries;                    /* in/out; -ERANGE if short */
    XEN_GUEST_HANDLE(xen_reserved_device_memory_t) buffer;
    union {
        struct physdev_pci_device pci;
    } dev;
};
typedef struct xen_reserved_device_memory_map xen_reserved_device_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_reserved_device_memory_map_t);

/* Map a domain's resource (grant table, ioreq pages...) into the caller. */
struct xen_mem_acquire_resource {
    domid_t  domid;
    uint16_t type;                              /* XENMEM_resource_* */
#define XENMEM_resource_ioreq_server 0
#define XENMEM_resource_grant_table  1
#define XENMEM_resource_vmtrace_buf  2
    uint32_t id;
#define XENMEM_resource_grant_table_id_shared 0
#define XENMEM_resource_grant_table_id_status 1
    uint32_t nr_frames;                         /* 0 with no list: query size */
    uint32_t pad;                               /* must be 0 */
    uint64_t frame;                             /* first frame index */
#define XENMEM_resource_ioreq_server_frame_bufioreq 0
#define XENMEM_resource_ioreq_server_frame_ioreq(n) (1 + (n))
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list;     /* GFNs to map at (HVM caller) */
};
typedef struct xen_mem_acquire_resource xen_mem_acquire_resource_t;
DEFINE_XEN_GUEST_HANDLE(xen_mem_acquire_resource_t);

/* get_vnumainfo: the guest's virtual NUMA layout. */
struct xen_vmemrange {
    uint64_t start, end;
    unsigned int flags;
    unsigned int nid;
};
typedef struct xen_vmemrange xen_vmemrange_t;
DEFINE_XEN_GUEST_HANDLE(xen_vmemrange_t);

struct xen_vnuma_topology_info {
    domid_t domid;
    uint16_t pad;
    unsigned int nr_vnodes;                     /* in/out */
    unsigned int nr_vcpus;                      /* in/out */
    unsigned int nr_vmemranges;                 /* in/out */
    union {
        XEN_GUEST_HANDLE(uint) h;
        uint64_t pad;
    } vdistance;
    union {
        XEN_GUEST_HANDLE(uint) h;
        uint64_t pad;
    } vcpu_to_vnode;
    union {
        XEN_GUEST_HANDLE(xen_vmemrange_t) h;
        uint64_t pad;
    } vmemrange;
};
typedef struct xen_vnuma_topology_info xen_vnuma_topology_info_t;
DEFINE_XEN_GUEST_HANDLE(xen_vnuma_topology_info_t);

XEN_ABI_SIZE(struct xen_memory_reservation, 32);
XEN_ABI_OFFSET(struct xen_memory_reservation, mem_flags, 20);
XEN_ABI_OFFSET(struct xen_memory_reservation, domid, 24);
XEN_ABI_SIZE(struct xen_memory_exchange, 72);
XEN_ABI_SIZE(struct xen_machphys_mfn_list, 24);
XEN_ABI_SIZE(struct xen_machphys_mapping, 24);
XEN_ABI_SIZE(struct xen_add_to_physmap, 24);
XEN_ABI_OFFSET(struct xen_add_to_physmap, space, 4);
XEN_ABI_OFFSET(struct xen_add_to_physmap, idx, 8);
XEN_ABI_OFFSET(struct xen_add_to_physmap, gpfn, 16);
XEN_ABI_SIZE(struct xen_add_to_physmap_batch, 32);
XEN_ABI_OFFSET(struct xen_add_to_physmap_batch, idxs, 8);
XEN_ABI_OFFSET(struct xen_add_to_physmap_batch, errs, 24);
XEN_ABI_SIZE(struct xen_remove_from_physmap, 16);
XEN_ABI_SIZE(struct xen_memory_map, 16);
XEN_ABI_OFFSET(struct xen_memory_map, buffer, 8);
XEN_ABI_SIZE(struct xen_foreign_memory_map, 24);
XEN_ABI_SIZE(struct xen_pod_target, 40);
XEN_ABI_SIZE(struct xen_reserved_device_memory, 16);
XEN_ABI_SIZE(struct xen_reserved_device_memory_map, 24);
XEN_ABI_SIZE(struct xen_mem_acquire_resource, 32);
XEN_ABI_SIZE(struct xen_vmemrange, 24);
XEN_ABI_SIZE(struct xen_vnuma_topology_info, 40);

#endif /* __XEN_PUBLIC_MEMORY_H__ */
