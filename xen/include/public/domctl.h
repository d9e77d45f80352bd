/* SPDX-License-Identifier: MIT */
/* domctl(op): the toolstack's control of one domain (create, pause, inspect,
 * destroy, load vCPU state). Only the hardware domain may call it, and only
 * with the 4.17 interface version. The sub-ops not listed are not provided. */
#ifndef __XEN_PUBLIC_DOMCTL_H__
#define __XEN_PUBLIC_DOMCTL_H__

#include "xen.h"

#define XEN_DOMCTL_INTERFACE_VERSION 0x00000015


#define XEN_DOMCTL_createdomain     1
#define XEN_DOMCTL_destroydomain    2
#define XEN_DOMCTL_pausedomain      3
#define XEN_DOMCTL_unpausedomain    4
#define XEN_DOMCTL_getdomaininfo    5
#define XEN_DOMCTL_max_mem          11
#define XEN_DOMCTL_getvcpuinfo      14
#define XEN_DOMCTL_max_vcpus        15
#define XEN_DOMCTL_setdomainhandle  17
#define XEN_DOMCTL_gethvmcontext    33
#define XEN_DOMCTL_sethvmcontext    34

/* createdomain.flags */
#define XEN_DOMCTL_CDF_hvm          (1U << 0)
#define XEN_DOMCTL_CDF_hap          (1U << 1)
#define XEN_DOMCTL_CDF_s3_integrity (1U << 2)
#define XEN_DOMCTL_CDF_oos_off      (1U << 3)
#define XEN_DOMCTL_CDF_xs_domain    (1U << 4)
#define XEN_DOMCTL_CDF_iommu        (1U << 5)
#define XEN_DOMCTL_CDF_nested_virt  (1U << 6)
#define XEN_DOMCTL_CDF_vpmu         (1U << 7)

/* xen_arch_domainconfig.emulation_flags */
#define XEN_X86_EMU_LAPIC           (1U << 0)
#define XEN_X86_EMU_HPET            (1U << 1)
#define XEN_X86_EMU_PM              (1U << 2)
#define XEN_X86_EMU_RTC             (1U << 3)
#define XEN_X86_EMU_IOAPIC          (1U << 4)
#define XEN_X86_EMU_PIC             (1U << 5)
#define XEN_X86_EMU_VGA             (1U << 6)
#define XEN_X86_EMU_IOMMU           (1U << 7)
#define XEN_X86_EMU_PIT             (1U << 8)
#define XEN_X86_EMU_USE_PIRQ        (1U << 9)
#define XEN_X86_EMU_VPCI            (1U << 10)
#define XEN_X86_EMU_ALL             0x7ffU

/* xen_arch_domainconfig.misc_flags */
#define XEN_X86_MSR_RELAXED         (1U << 0)

struct xen_arch_domainconfig {
    uint32_t emulation_flags;
    uint32_t misc_flags;
};

struct xen_domctl_createdomain {
    uint32_t ssidref;
    xen_domain_handle_t handle;
    uint32_t flags;                     /* XEN_DOMCTL_CDF_* */
    uint32_t iommu_opts;
    uint32_t max_vcpus;
    uint32_t max_evtchn_port;
    int32_t  max_grant_frames;          /* -1: the hypervisor's default */
    int32_t  max_maptrack_frames;       /* -1: the hypervisor's default */
    uint32_t grant_opts;                /* bits 3:0: highest grant version */
    uint32_t vmtrace_size;
    uint32_t cpupool_id;
    struct xen_arch_domainconfig arch;
};
XEN_ABI_SIZE(struct xen_domctl_createdomain, 64);
XEN_ABI_OFFSET(struct xen_domctl_createdomain, flags, 20);
XEN_ABI_OFFSET(struct xen_domctl_createdomain, grant_opts, 44);
XEN_ABI_OFFSET(struct xen_domctl_createdomain, arch, 56);

#define XEN_DOMCTL_GRANT_version_mask 0xfU

/* getdomaininfo.flags; the shutdown code sits in bits 23:16. */
#define XEN_DOMINF_dying            (1U << 0)
#define XEN_DOMINF_hvm_guest        (1U << 1)
#define XEN_DOMINF_shutdown         (1U << 2)
#define XEN_DOMINF_paused           (1U << 3)
#define XEN_DOMINF_blocked          (1U << 4)
#define XEN_DOMINF_running          (1U << 5)
#define XEN_DOMINF_debugged         (1U << 6)
#define XEN_DOMINF_xs_domain        (1U << 7)
#define XEN_DOMINF_hap              (1U << 8)
#define XEN_DOMINF_shutdownshift    16
#define XEN_DOMINF_shutdownmask     0xffU

struct xen_domctl_getdomaininfo {
    domid_t  domain;
    uint16_t pad1;
    uint32_t flags;                     /* XEN_DOMINF_* */
    uint64_t tot_pages;
    uint64_t max_pages;
    uint64_t outstanding_pages;
    uint64_t shr_pages;
    uint64_t paged_pages;
    uint64_t shared_info_frame;
    uint64_t cpu_time;                  /* ns, all vCPUs together */
    uint32_t nr_online_vcpus;
    uint32_t max_vcpu_id;
    uint32_t ssidref;
    xen_domain_handle_t handle;
    uint32_t cpupool;
    uint8_t  gpaddr_bits;
    uint8_t  pad2[7];
    struct xen_arch_domainconfig arch_config;
};
typedef struct xen_domctl_getdomaininfo xen_domctl_getdomaininfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_getdomaininfo_t);
XEN_ABI_SIZE(struct xen_domctl_getdomaininfo, 112);
XEN_ABI_OFFSET(struct xen_domctl_getdomaininfo, cpu_time, 56);
XEN_ABI_OFFSET(struct xen_domctl_getdomaininfo, handle, 76);
XEN_ABI_OFFSET(struct xen_domctl_getdomaininfo, gpaddr_bits, 96);
XEN_ABI_OFFSET(struct xen_domctl_getdomaininfo, arch_config, 104);

struct xen_domctl_max_mem {
    uint64_t max_memkb;
};

struct xen_domctl_getvcpuinfo {
    uint32_t vcpu;                      /* IN */
    uint8_t  online;
    uint8_t  blocked;
    uint8_t  running;
    uint64_t cpu_time;                  /* ns */
    uint32_t cpu;                       /* the physical CPU it is on */
};
XEN_ABI_SIZE(struct xen_domctl_getvcpuinfo, 24);

struct xen_domctl_max_vcpus {
    uint32_t max;                       /* must equal createdomain's max_vcpus */
};

struct xen_domctl_setdomainhandle {
    xen_domain_handle_t handle;
};

/* get/sethvmcontext: a stream of HVM save records (public/hvm/save.h). A get
 * with a null buffer only reports the size the stream needs. */
struct xen_domctl_hvmcontext {
    uint32_t size;                      /* IN: buffer size; OUT: bytes used */
    XEN_GUEST_HANDLE(uint8) buffer;
};
XEN_ABI_SIZE(struct xen_domctl_hvmcontext, 16);

struct xen_domctl {
    uint32_t cmd;
    uint32_t interface_version;         /* XEN_DOMCTL_INTERFACE_VERSION */
    domid_t  domain;
    uint16_t _pad[3];
    union {
        struct xen_domctl_createdomain createdomain;
        struct xen_domctl_getdomaininfo getdomaininfo;
        struct xen_domctl_max_mem max_mem;
        struct xen_domctl_getvcpuinfo getvcpuinfo;
        struct xen_domctl_max_vcpus max_vcpus;
        struct xen_domctl_setdomainhandle setdomainhandle;
        struct xen_domctl_hvmcontext hvmcontext;
        uint8_t pad[128];
    } u;
};
typedef struct xen_domctl xen_domctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_t);
XEN_ABI_SIZE(struct xen_domctl, 144);
XEN_ABI_OFFSET(struct xen_domctl, u, 16);

#endif /* __XEN_PUBLIC_DOMCTL_H__ */
