/* SPDX-License-Identifier: MIT */
/* sysctl(op): the toolstack's view of the whole machine: its memory and CPUs,
 * and the list of domains. Hardware domain only, 4.17 interface version. */
#ifndef __XEN_PUBLIC_SYSCTL_H__
#define __XEN_PUBLIC_SYSCTL_H__

#include "xen.h"
#include "domctl.h"

#define XEN_SYSCTL_INTERFACE_VERSION 0x00000015

#define XEN_SYSCTL_physinfo          3
#define XEN_SYSCTL_sched_id          4
#define XEN_SYSCTL_getdomaininfolist 6

/* physinfo.capabilities */
#define XEN_SYSCTL_PHYSCAP_hvm          (1U << 0)
#define XEN_SYSCTL_PHYSCAP_pv           (1U << 1)
#define XEN_SYSCTL_PHYSCAP_directio     (1U << 2)
#define XEN_SYSCTL_PHYSCAP_hap          (1U << 3)
#define XEN_SYSCTL_PHYSCAP_shadow       (1U << 4)
#define XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share (1U << 5)
#define XEN_SYSCTL_PHYSCAP_vmtrace      (1U << 6)
#define XEN_SYSCTL_PHYSCAP_vpmu         (1U << 7)
#define XEN_SYSCTL_PHYSCAP_gnttab_v1    (1U << 8)
#define XEN_SYSCTL_PHYSCAP_gnttab_v2    (1U << 9)

struct xen_sysctl_physinfo {
    uint32_t threads_per_core;
    uint32_t cores_per_socket;
    uint32_t nr_cpus;
    uint32_t max_cpu_id;
    uint32_t nr_nodes;
    uint32_t max_node_id;
    uint32_t cpu_khz;
    uint32_t capabilities;              /* XEN_SYSCTL_PHYSCAP_* */
    uint32_t arch_capabilities;
    uint32_t pad;
    uint64_t total_pages;
    uint64_t free_pages;
    uint64_t scrub_pages;
    uint64_t outstanding_pages;
    uint64_t max_mfn;
    uint32_t hw_cap[8];
};
XEN_ABI_SIZE(struct xen_sysctl_physinfo, 112);
XEN_ABI_OFFSET(struct xen_sysctl_physinfo, total_pages, 40);
XEN_ABI_OFFSET(struct xen_sysctl_physinfo, hw_cap, 80);

struct xen_sysctl_sched_id {
    uint32_t sched_id;                  /* OUT: XEN_SCHEDULER_* */
};

struct xen_sysctl_getdomaininfolist {
    domid_t  first_domain;              /* IN */
    uint32_t max_domains;               /* IN: room in buffer */
    XEN_GUEST_HANDLE(xen_domctl_getdomaininfo_t) buffer;
    uint32_t num_domains;               /* OUT */
};
XEN_ABI_SIZE(struct xen_sysctl_getdomaininfolist, 24);
XEN_ABI_OFFSET(struct xen_sysctl_getdomaininfolist, num_domains, 16);

struct xen_sysctl {
    uint32_t cmd;
    uint32_t interface_version;         /* XEN_SYSCTL_INTERFACE_VERSION */
    union {
        struct xen_sysctl_physinfo physinfo;
        struct xen_sysctl_sched_id sched_id;
        struct xen_sysctl_getdomaininfolist getdomaininfolist;
        uint8_t pad[128];
    } u;
};
typedef struct xen_sysctl xen_sysctl_t;
XEN_ABI_SIZE(struct xen_sysctl, 136);
XEN_ABI_OFFSET(struct xen_sysctl, u, 8);

#endif /* __XEN_PUBLIC_SYSCTL_H__ */
