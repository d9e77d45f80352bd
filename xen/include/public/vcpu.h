/* SPDX-License-Identifier: MIT */
/* vcpu_op: bringing vCPUs up and down, timers, and the areas a guest registers
 * for its vcpu_info and runstate. */
#ifndef __XEN_PUBLIC_VCPU_H__
#define __XEN_PUBLIC_VCPU_H__

#include "xen.h"

#define VCPUOP_initialise                   0   /* HVM: vcpu_hvm_context; PV: vcpu_guest_context */
#define VCPUOP_up                           1
#define VCPUOP_down                         2
#define VCPUOP_is_up                        3
#define VCPUOP_get_runstate_info            4
#define VCPUOP_register_runstate_memory_area 5
#define VCPUOP_set_periodic_timer           6
#define VCPUOP_stop_periodic_timer          7
#define VCPUOP_set_singleshot_timer         8
#define VCPUOP_stop_singleshot_timer        9
#define VCPUOP_register_vcpu_info           10
#define VCPUOP_send_nmi                     11
#define VCPUOP_get_physid                   12
#define VCPUOP_register_vcpu_time_memory_area 13

#define RUNSTATE_running    0
#define RUNSTATE_runnable   1
#define RUNSTATE_blocked    2
#define RUNSTATE_offline    3

struct vcpu_runstate_info {
    int state;
    uint64_t state_entry_time;          /* bit 63: XEN_RUNSTATE_UPDATE */
    uint64_t time[4];                   /* ns spent in each state */
};
typedef struct vcpu_runstate_info vcpu_runstate_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_runstate_info_t);
#define XEN_RUNSTATE_UPDATE (1ULL << 63)

struct vcpu_register_runstate_memory_area {
    union {
        XEN_GUEST_HANDLE(void) h;
        uint64_t p;
    } addr;
};
typedef struct vcpu_register_runstate_memory_area vcpu_register_runstate_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_runstate_memory_area_t);

struct vcpu_set_periodic_timer {
    uint64_t period_ns;
};
typedef struct vcpu_set_periodic_timer vcpu_set_periodic_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_periodic_timer_t);

struct vcpu_set_singleshot_timer {
    uint64_t timeout_abs_ns;
    uint32_t flags;
};
typedef struct vcpu_set_singleshot_timer vcpu_set_singleshot_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_singleshot_timer_t);
#define _VCPU_SSHOTTMR_future   0
#define VCPU_SSHOTTMR_future    (1U << _VCPU_SSHOTTMR_future)

struct vcpu_register_vcpu_info {
    uint64_t mfn;                       /* a guest frame number for HVM guests */
    uint32_t offset;
    uint32_t rsvd;
};
typedef struct vcpu_register_vcpu_info vcpu_register_vcpu_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_vcpu_info_t);

struct vcpu_get_physid {
    uint64_t phys_id;
};
typedef struct vcpu_get_physid vcpu_get_physid_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_get_physid_t);
#define xen_vcpu_physid_to_x86_apicid(physid) ((uint32_t)(physid))
#define xen_vcpu_physid_to_x86_acpiid(physid) ((uint32_t)((physid) >> 32))

struct vcpu_register_time_memory_area {
    union {
        XEN_GUEST_HANDLE(void) h;
        uint64_t p;
    } addr;
};
typedef struct vcpu_register_time_memory_area vcpu_register_time_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_time_memory_area_t);

XEN_ABI_SIZE(struct vcpu_runstate_info, 48);
XEN_ABI_OFFSET(struct vcpu_runstate_info, state_entry_time, 8);
XEN_ABI_OFFSET(struct vcpu_runstate_info, time, 16);
XEN_ABI_SIZE(struct vcpu_register_runstate_memory_area, 8);
XEN_ABI_SIZE(struct vcpu_set_periodic_timer, 8);
XEN_ABI_SIZE(struct vcpu_set_singleshot_timer, 16);
XEN_ABI_OFFSET(struct vcpu_set_singleshot_timer, flags, 8);
XEN_ABI_SIZE(struct vcpu_register_vcpu_info, 16);
XEN_ABI_OFFSET(struct vcpu_register_vcpu_info, offset, 8);
XEN_ABI_SIZE(struct vcpu_get_physid, 8);
XEN_ABI_SIZE(struct vcpu_register_time_memory_area, 8);

#endif /* __XEN_PUBLIC_VCPU_H__ */
