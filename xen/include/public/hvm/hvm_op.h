/* SPDX-License-Identifier: MIT */
/* hvm_op sub-operations. */
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
XEN_ABI_ASSERT(sizeof(struct xen_hvm_param) == 16, "xen_hvm_param is 16 bytes");

#define HVMOP_set_pci_intx_level        2
#define HVMOP_set_isa_irq_level         3
#define HVMOP_set_pci_link_route        4
#define HVMOP_flush_tlbs                5
#define HVMOP_pagetable_dying           9
struct xen_hvm_pagetable_dying {
    domid_t domid;
    uint16_t pad[3];
    uint64_t gpa;
};
typedef struct xen_hvm_pagetable_dying xen_hvm_pagetable_dying_t;

#define HVMOP_get_time                  10
struct xen_hvm_get_time {
    uint64_t now;
};
typedef struct xen_hvm_get_time xen_hvm_get_time_t;

#define HVMOP_xentrace                  11
#define HVMOP_get_mem_type              15
#define HVMOP_set_evtchn_upcall_vector  23
struct xen_hvm_evtchn_upcall_vector {
    uint32_t vcpu;
    uint8_t vector;
};
typedef struct xen_hvm_evtchn_upcall_vector xen_hvm_evtchn_upcall_vector_t;
XEN_ABI_ASSERT(sizeof(struct xen_hvm_evtchn_upcall_vector) == 8,
               "xen_hvm_evtchn_upcall_vector is 8 bytes");

#define HVMOP_guest_request_vm_event    24
#define HVMOP_altp2m                    25

#endif /* __XEN_PUBLIC_HVM_HVM_OP_H__ */
