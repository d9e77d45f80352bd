/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The slice of Xen's public ABI the test kernels use, under Xen's names.
 * Local for now; to be replaced by xen/include/public/ once it is complete.
 */
#ifndef GUEST_XEN_H
#define GUEST_XEN_H

#include <stdint.h>

/* Hypercall numbers (public/xen.h). */
#define __HYPERVISOR_memory_op          12
#define __HYPERVISOR_xen_version        17
#define __HYPERVISOR_console_io         18
#define __HYPERVISOR_iret               23
#define __HYPERVISOR_sched_op           29
#define __HYPERVISOR_arch_7             55

/* Errno values (public/errno.h). */
#define XEN_EPERM       1
#define XEN_EFAULT      14
#define XEN_EINVAL      22
#define XEN_ENOSYS      38

/* CPUID leaves (public/arch-x86/cpuid.h), relative to the found base. */
#define XEN_CPUID_FIRST_LEAF    0x40000000
#define XEN_CPUID_SIGNATURE_EBX 0x566e6558      /* "XenV" */
#define XEN_CPUID_SIGNATURE_ECX 0x65584d4d      /* "MMXe" */
#define XEN_CPUID_SIGNATURE_EDX 0x4d4d566e      /* "nVMM" */
#define XEN_HVM_CPUID_APIC_ACCESS_VIRT  (1u << 0)
#define XEN_HVM_CPUID_X2APIC_VIRT       (1u << 1)
#define XEN_HVM_CPUID_IOMMU_MAPPINGS    (1u << 2)
#define XEN_HVM_CPUID_VCPU_ID_PRESENT   (1u << 3)
#define XEN_HVM_CPUID_DOMID_PRESENT     (1u << 4)
#define XEN_HVM_CPUID_EXT_DEST_ID       (1u << 5)
#define XEN_HVM_CPUID_UPCALL_VECTOR     (1u << 6)

/* xen_version sub-ops (public/version.h). */
#define XENVER_version          0
#define XENVER_extraversion     1
#define XENVER_compile_info     2
#define XENVER_capabilities     3
#define XENVER_changeset        4
#define XENVER_platform_parameters 5
#define XENVER_get_features     6
#define XENVER_pagesize         7
#define XENVER_guest_handle     8
#define XENVER_commandline      9
#define XENVER_build_id         10

typedef char xen_extraversion_t[16];
typedef char xen_capabilities_info_t[1024];
typedef char xen_changeset_info_t[64];
typedef char xen_commandline_t[1024];

struct xen_compile_info {
    char compiler[64];
    char compile_by[16];
    char compile_domain[32];
    char compile_date[32];
};

struct xen_feature_info {
    uint32_t submap_idx;
    uint32_t submap;
};

/* XENFEAT_* bits (public/features.h). */
#define XENFEAT_writable_page_tables            0
#define XENFEAT_auto_translated_physmap         2
#define XENFEAT_supervisor_mode_kernel          3
#define XENFEAT_hvm_callback_vector             8
#define XENFEAT_hvm_safe_pvclock                9
#define XENFEAT_hvm_pirqs                       10
#define XENFEAT_dom0                            11

/* console_io (public/xen.h). */
#define CONSOLEIO_write         0
#define CONSOLEIO_read          1

/* sched_op (public/sched.h). */
#define SCHEDOP_yield           0
#define SCHEDOP_shutdown        2
#define SHUTDOWN_poweroff       0
#define SHUTDOWN_crash          3

struct sched_shutdown {
    unsigned int reason;
};

/* PVH start info (public/arch-x86/hvm/start_info.h). */
#define XEN_HVM_START_MAGIC_VALUE 0x336ec578
#define SIF_PRIVILEGED          (1 << 0)
#define SIF_INITDOMAIN          (1 << 1)

struct hvm_start_info {
    uint32_t magic;
    uint32_t version;
    uint32_t flags;
    uint32_t nr_modules;
    uint64_t modlist_paddr;
    uint64_t cmdline_paddr;
    uint64_t rsdp_paddr;
    uint64_t memmap_paddr;
    uint32_t memmap_entries;
    uint32_t reserved;
};

#endif /* GUEST_XEN_H */
