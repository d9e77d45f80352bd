/* SPDX-License-Identifier: MIT */
/* The core guest ABI: hypercall numbers, domain ids, vm_assist and console_io
 * commands, and the shared_info / vcpu_info pages (x86-64 layout). */
#ifndef __XEN_PUBLIC_XEN_H__
#define __XEN_PUBLIC_XEN_H__

#include <stdint.h>
#include "xen-compat.h"
#include "arch-x86/xen.h"

#define __HYPERVISOR_set_trap_table             0
#define __HYPERVISOR_mmu_update                 1
#define __HYPERVISOR_set_gdt                    2
#define __HYPERVISOR_stack_switch               3
#define __HYPERVISOR_set_callbacks              4
#define __HYPERVISOR_fpu_taskswitch             5
#define __HYPERVISOR_sched_op_compat            6
#define __HYPERVISOR_platform_op                7
#define __HYPERVISOR_set_debugreg               8
#define __HYPERVISOR_get_debugreg               9
#define __HYPERVISOR_update_descriptor          10
#define __HYPERVISOR_memory_op                  12
#define __HYPERVISOR_multicall                  13
#define __HYPERVISOR_update_va_mapping          14
#define __HYPERVISOR_set_timer_op               15
#define __HYPERVISOR_event_channel_op_compat    16
#define __HYPERVISOR_xen_version                17
#define __HYPERVISOR_console_io                 18
#define __HYPERVISOR_physdev_op_compat          19
#define __HYPERVISOR_grant_table_op             20
#define __HYPERVISOR_vm_assist                  21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret                       23
#define __HYPERVISOR_vcpu_op                    24
#define __HYPERVISOR_set_segment_base           25
#define __HYPERVISOR_mmuext_op                  26
#define __HYPERVISOR_xsm_op                     27
#define __HYPERVISOR_nmi_op                     28
#define __HYPERVISOR_sched_op                   29
#define __HYPERVISOR_callback_op                30
#define __HYPERVISOR_xenoprof_op                31
#define __HYPERVISOR_event_channel_op           32
#define __HYPERVISOR_physdev_op                 33
#define __HYPERVISOR_hvm_op                     34
#define __HYPERVISOR_sysctl                     35
#define __HYPERVISOR_domctl                     36
#define __HYPERVISOR_kexec_op                   37
#define __HYPERVISOR_tmem_op                    38
#define __HYPERVISOR_argo_op                    39
#define __HYPERVISOR_xenpmu_op                  40
#define __HYPERVISOR_dm_op                      41
#define __HYPERVISOR_hypfs_op                   42
#define __HYPERVISOR_arch_0                     48
#define __HYPERVISOR_arch_1                     49
#define __HYPERVISOR_arch_2                     50
#define __HYPERVISOR_arch_3                     51
#define __HYPERVISOR_arch_4                     52
#define __HYPERVISOR_arch_5                     53
#define __HYPERVISOR_arch_6                     54
#define __HYPERVISOR_arch_7                     55

/* Virtual interrupts delivered through event channels. */
#define VIRQ_TIMER      0
#define VIRQ_DEBUG      1
#define VIRQ_CONSOLE    2
#define VIRQ_DOM_EXC    3
#define VIRQ_TBUF       4
#define VIRQ_DEBUGGER   6
#define VIRQ_XENOPROF   7
#define VIRQ_CON_RING   8
#define VIRQ_PCPU_STATE 9
#define VIRQ_MEM_EVENT  10
#define VIRQ_ARGO       11
#define VIRQ_ENOMEM     12
#define VIRQ_XENPMU     13
#define NR_VIRQS        24

#define VMASST_CMD_enable               0
#define VMASST_CMD_disable              1
#define VMASST_TYPE_4gb_segments        0
#define VMASST_TYPE_4gb_segments_notify 1
#define VMASST_TYPE_writable_pagetables 2
#define VMASST_TYPE_pae_extended_cr3    3
#define VMASST_TYPE_architectural_iopl  4
#define VMASST_TYPE_runstate_update_flag 5
#define VMASST_TYPE_m2p_strict          32

#define CONSOLEIO_write 0
#define CONSOLEIO_read  1

typedef uint16_t domid_t;
#define DOMID_FIRST_RESERVED    0x7FF0U
#define DOMID_SELF              0x7FF0U
#define DOMID_IO                0x7FF1U
#define DOMID_XEN               0x7FF2U
#define DOMID_COW               0x7FF3U
#define DOMID_INVALID           0x7FF4U
#define DOMID_IDLE              0x7FFFU
#define DOMID_MASK              0x7FFFU

typedef uint8_t xen_domain_handle_t[16];

struct multicall_entry {
    xen_ulong_t op, result;
    xen_ulong_t args[6];
};
typedef struct multicall_entry multicall_entry_t;
XEN_ABI_ASSERT(sizeof(struct multicall_entry) == 64, "multicall_entry is 64 bytes");

/* pvclock: system time = system_time + ((tsc - tsc_timestamp) << shift) * mul >> 32. */
struct vcpu_time_info {
    uint32_t version;           /* odd while being updated */
    uint32_t pad0;
    uint64_t tsc_timestamp;
    uint64_t system_time;       /* ns since boot at tsc_timestamp */
    uint32_t tsc_to_system_mul;
    int8_t   tsc_shift;
    uint8_t  flags;
    uint8_t  pad1[2];
};
typedef struct vcpu_time_info vcpu_time_info_t;
XEN_ABI_ASSERT(sizeof(struct vcpu_time_info) == 32, "vcpu_time_info is 32 bytes");
#define XEN_PVCLOCK_TSC_STABLE_BIT  (1 << 0)
#define XEN_PVCLOCK_GUEST_STOPPED   (1 << 1)

struct vcpu_info {
    uint8_t evtchn_upcall_pending;
    uint8_t evtchn_upcall_mask;
    xen_ulong_t evtchn_pending_sel;
    struct arch_vcpu_info arch;
    struct vcpu_time_info time;
};
typedef struct vcpu_info vcpu_info_t;
XEN_ABI_ASSERT(sizeof(struct vcpu_info) == 64, "vcpu_info is 64 bytes");

struct shared_info {
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
    xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8];
    xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];
    uint32_t wc_version;        /* wallclock: odd while being updated */
    uint32_t wc_sec;
    uint32_t wc_nsec;
    uint32_t wc_sec_hi;
    struct arch_shared_info arch;
};
typedef struct shared_info shared_info_t;
XEN_ABI_ASSERT(__builtin_offsetof(struct shared_info, evtchn_pending) == 2048,
               "evtchn_pending at 2048");
XEN_ABI_ASSERT(__builtin_offsetof(struct shared_info, wc_version) == 3072,
               "wallclock at 3072");
XEN_ABI_ASSERT(sizeof(struct shared_info) == 3136, "shared_info is 3136 bytes");

/* start_info flags (the PVH start info carries the same values). */
#define SIF_PRIVILEGED      (1 << 0)
#define SIF_INITDOMAIN      (1 << 1)
#define SIF_MULTIBOOT_MOD   (1 << 2)
#define SIF_MOD_START_PFN   (1 << 3)
#define SIF_VIRT_P2M_4TOOLS (1 << 4)

#endif /* __XEN_PUBLIC_XEN_H__ */
