/* SPDX-License-Identifier: GPL-2.0-only */
/* The toolstack ABI this test drives, under Xen 4.17's names: domctl and
 * sysctl (interface 0x15), the foreign-map and physmap calls, the HVM
 * context stream, and the event-channel and poll calls used to wait. */
#ifndef DOMU_ABI_H
#define DOMU_ABI_H

#include "test.h"

#define __HYPERVISOR_event_channel_op   32
#define __HYPERVISOR_hvm_op             34
#define __HYPERVISOR_sysctl             35
#define __HYPERVISOR_domctl             36

#define XEN_ENOENT      2
#define XEN_ESRCH       3
#define XEN_EACCES      13
#define XEN_EEXIST      17
#define XEN_ENOSPC      28
#define XEN_ENODATA     61
#define XEN_EOPNOTSUPP  95

#define DOMID_SELF      0x7ff0u

#define XEN_DOMCTL_INTERFACE_VERSION 0x15
#define XEN_DOMCTL_createdomain     1
#define XEN_DOMCTL_destroydomain    2
#define XEN_DOMCTL_pausedomain      3
#define XEN_DOMCTL_unpausedomain    4
#define XEN_DOMCTL_getdomaininfo    5
#define XEN_DOMCTL_max_mem          11
#define XEN_DOMCTL_getvcpuinfo      14
#define XEN_DOMCTL_max_vcpus        15
#define XEN_DOMCTL_gethvmcontext    33
#define XEN_DOMCTL_sethvmcontext    34

#define XEN_DOMCTL_CDF_hvm          (1u << 0)
#define XEN_DOMCTL_CDF_hap          (1u << 1)
#define XEN_X86_EMU_LAPIC           (1u << 0)
#define XEN_X86_EMU_HPET            (1u << 1)

#define XEN_DOMINF_dying            (1u << 0)
#define XEN_DOMINF_hvm_guest        (1u << 1)
#define XEN_DOMINF_shutdown         (1u << 2)
#define XEN_DOMINF_paused           (1u << 3)
#define XEN_DOMINF_hap              (1u << 8)
#define XEN_DOMINF_shutdownshift    16

#define SHUTDOWN_reboot             1
#define SHUTDOWN_crash              3

struct xen_domctl_createdomain {
    uint32_t ssidref;
    uint8_t handle[16];
    uint32_t flags;
    uint32_t iommu_opts;
    uint32_t max_vcpus;
    uint32_t max_evtchn_port;
    int32_t max_grant_frames;
    int32_t max_maptrack_frames;
    uint32_t grant_opts;
    uint32_t vmtrace_size;
    uint32_t cpupool_id;
    uint32_t emulation_flags;
    uint32_t misc_flags;
};
_Static_assert(sizeof(struct xen_domctl_createdomain) == 64, "createdomain");

struct xen_domctl_getdomaininfo {
    uint16_t domain;
    uint16_t pad1;
    uint32_t flags;
    uint64_t tot_pages;
    uint64_t max_pages;
    uint64_t outstanding_pages;
    uint64_t shr_pages;
    uint64_t paged_pages;
    uint64_t shared_info_frame;
    uint64_t cpu_time;
    uint32_t nr_online_vcpus;
    uint32_t max_vcpu_id;
    uint32_t ssidref;
    uint8_t handle[16];
    uint32_t cpupool;
    uint8_t gpaddr_bits;
    uint8_t pad2[7];
    uint32_t emulation_flags;
    uint32_t misc_flags;
};
_Static_assert(sizeof(struct xen_domctl_getdomaininfo) == 112, "getdomaininfo");

struct xen_domctl_getvcpuinfo {
    uint32_t vcpu;
    uint8_t online, blocked, running;
    uint64_t cpu_time;
    uint32_t cpu;
};

struct xen_domctl {
    uint32_t cmd;
    uint32_t interface_version;
    uint16_t domain;
    uint16_t pad[3];
    union {
        struct xen_domctl_createdomain create;
        struct xen_domctl_getdomaininfo info;
        struct xen_domctl_getvcpuinfo vcpuinfo;
        uint64_t max_memkb;
        uint32_t max_vcpus;
        struct { uint32_t size; uint64_t buffer; } hvmcontext;
        uint8_t raw[128];
    } u;
};
_Static_assert(sizeof(struct xen_domctl) == 144, "domctl");

#define XEN_SYSCTL_INTERFACE_VERSION 0x15
#define XEN_SYSCTL_physinfo          3
#define XEN_SYSCTL_getdomaininfolist 6
#define XEN_SYSCTL_PHYSCAP_hvm       (1u << 0)
#define XEN_SYSCTL_PHYSCAP_hap       (1u << 3)

struct xen_sysctl_physinfo {
    uint32_t threads_per_core, cores_per_socket, nr_cpus, max_cpu_id;
    uint32_t nr_nodes, max_node_id, cpu_khz, capabilities;
    uint32_t arch_capabilities, pad;
    uint64_t total_pages, free_pages, scrub_pages, outstanding_pages, max_mfn;
    uint32_t hw_cap[8];
};
_Static_assert(sizeof(struct xen_sysctl_physinfo) == 112, "physinfo");

struct xen_sysctl {
    uint32_t cmd;
    uint32_t interface_version;
    union {
        struct xen_sysctl_physinfo physinfo;
        struct {
            uint16_t first_domain;
            uint32_t max_domains;
            uint64_t buffer;
            uint32_t num_domains;
        } list;
        uint8_t raw[128];
    } u;
};
_Static_assert(sizeof(struct xen_sysctl) == 136, "sysctl");

#define XENMEM_populate_physmap     6
#define XENMEM_remove_from_physmap  15
#define XENMEM_add_to_physmap_batch 23
#define XENMAPSPACE_gmfn_foreign    4

struct xen_memory_reservation {
    uint64_t extent_start;
    uint64_t nr_extents;
    uint32_t extent_order;
    uint32_t mem_flags;
    uint16_t domid;
};

struct xen_add_to_physmap_batch {
    uint16_t domid;
    uint16_t space;
    uint16_t size;
    uint16_t foreign_domid;
    uint64_t idxs, gpfns, errs;
};

struct xen_remove_from_physmap {
    uint16_t domid;
    uint64_t gpfn;
};

/* The HVM context stream. */
#define HVM_SAVE_CODE_END       0
#define HVM_SAVE_CODE_HEADER    1
#define HVM_SAVE_CODE_CPU       2
#define HVM_FILE_MAGIC          0x54381286

struct hvm_save_descriptor {
    uint16_t typecode, instance;
    uint32_t length;
};

struct hvm_save_header {
    uint32_t magic, version;
    uint64_t changeset;
    uint32_t cpuid, gtsc_khz;
};

struct hvm_hw_cpu {
    uint8_t fpu_regs[512];
    uint64_t rax, rbx, rcx, rdx, rbp, rsi, rdi, rsp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rip, rflags;
    uint64_t cr0, cr2, cr3, cr4;
    uint64_t dr0, dr1, dr2, dr3, dr6, dr7;
    uint32_t cs_sel, ds_sel, es_sel, fs_sel, gs_sel, ss_sel, tr_sel, ldtr_sel;
    uint32_t cs_limit, ds_limit, es_limit, fs_limit, gs_limit, ss_limit;
    uint32_t tr_limit, ldtr_limit, idtr_limit, gdtr_limit;
    uint64_t cs_base, ds_base, es_base, fs_base, gs_base, ss_base;
    uint64_t tr_base, ldtr_base, idtr_base, gdtr_base;
    uint32_t cs_arbytes, ds_arbytes, es_arbytes, fs_arbytes, gs_arbytes;
    uint32_t ss_arbytes, tr_arbytes, ldtr_arbytes;
    uint64_t sysenter_cs, sysenter_esp, sysenter_eip, shadow_gs;
    uint64_t msr_flags, msr_lstar, msr_star, msr_cstar, msr_syscall_mask;
    uint64_t msr_efer, msr_tsc_aux, tsc;
    uint32_t pending_event, error_code, flags, pad0;
};
_Static_assert(sizeof(struct hvm_hw_cpu) == 1032, "hvm_hw_cpu");

#define HVMOP_set_param     0
#define HVMOP_get_param     1
#define HVMOP_get_time      10
#define HVM_PARAM_TRIPLE_FAULT_REASON 31

struct xen_hvm_param {
    uint16_t domid;
    uint32_t index;
    uint64_t value;
};

#define EVTCHNOP_bind_virq  1
#define EVTCHNOP_close      3
#define VIRQ_DOM_EXC        3
#define SCHEDOP_poll        3

#endif /* DOMU_ABI_H */
