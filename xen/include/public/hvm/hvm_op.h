/* SPDX-License-Identifier: MIT */
/* hvm_op(op, arg): sub-operations an HVM/PVH guest or its device model uses. */
#ifndef __XEN_PUBLIC_HVM_HVM_OP_H__
#define __XEN_PUBLIC_HVM_HVM_OP_H__

#include "../xen.h"

#define HVMOP_set_param                 0
#define HVMOP_get_param                 1
struct xen_hvm_param {
    domid_t domid;
    uint16_t pad;
    uint32_t index;
    uint64_t value;
};
typedef struct xen_hvm_param xen_hvm_param_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_param_t);

#define HVMOP_set_pci_intx_level        2
#define HVMOP_set_isa_irq_level         3
#define HVMOP_set_pci_link_route        4
#define HVMOP_flush_tlbs                5   /* arg NULL */
#define HVMOP_pagetable_dying           9
struct xen_hvm_pagetable_dying {
    domid_t domid;
    uint16_t pad[3];
    uint64_t gpa;
};
typedef struct xen_hvm_pagetable_dying xen_hvm_pagetable_dying_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_pagetable_dying_t);

#define HVMOP_get_time                  10
struct xen_hvm_get_time {
    uint64_t now;
};
typedef struct xen_hvm_get_time xen_hvm_get_time_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_get_time_t);

#define HVMOP_xentrace                  11
/* 6-8, 12-14 and 16-22 moved to dm_op or were withdrawn. */
#define HVMOP_get_mem_type              15
typedef enum {
    HVMMEM_ram_rw,
    HVMMEM_ram_ro,
    HVMMEM_mmio_dm,
    HVMMEM_unused,
    HVMMEM_ioreq_server
} hvmmem_type_t;
struct xen_hvm_get_mem_type {
    domid_t  domid;
    uint16_t mem_type;                  /* out: hvmmem_type_t */
    uint16_t pad[2];
    uint64_t pfn;
};
typedef struct xen_hvm_get_mem_type xen_hvm_get_mem_type_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_get_mem_type_t);

#define HVMOP_set_evtchn_upcall_vector  23
struct xen_hvm_evtchn_upcall_vector {
    uint32_t vcpu;
    uint8_t vector;
};
typedef struct xen_hvm_evtchn_upcall_vector xen_hvm_evtchn_upcall_vector_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_evtchn_upcall_vector_t);

#define HVMOP_guest_request_vm_event    24
#define HVMOP_altp2m                    25

XEN_ABI_SIZE(struct xen_hvm_param, 16);
XEN_ABI_OFFSET(struct xen_hvm_param, index, 4);
XEN_ABI_OFFSET(struct xen_hvm_param, value, 8);
XEN_ABI_SIZE(struct xen_hvm_pagetable_dying, 16);
XEN_ABI_SIZE(struct xen_hvm_get_time, 8);
XEN_ABI_SIZE(struct xen_hvm_get_mem_type, 16);
XEN_ABI_SIZE(struct xen_hvm_evtchn_upcall_vector, 8);
XEN_ABI_OFFSET(struct xen_hvm_evtchn_upcall_vector, vector, 4);

#endif /* __XEN_PUBLIC_HVM_HVM_OP_H__ */
