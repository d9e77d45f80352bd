/* SPDX-License-Identifier: MIT */
/* event_channel_op: ports, their operations, and the FIFO ABI's shared layouts. */
#ifndef __XEN_PUBLIC_EVENT_CHANNEL_H__
#define __XEN_PUBLIC_EVENT_CHANNEL_H__

#include "xen.h"

typedef uint32_t evtchn_port_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_port_t);

/* Ports in the 2-level ABI: one bit per port in shared_info (4096). */
#define EVTCHN_2L_NR_CHANNELS (sizeof(xen_ulong_t) * sizeof(xen_ulong_t) * 64)

#define EVTCHNOP_bind_interdomain   0
#define EVTCHNOP_bind_virq          1
#define EVTCHNOP_bind_pirq          2
#define EVTCHNOP_close              3
#define EVTCHNOP_send               4
#define EVTCHNOP_status             5
#define EVTCHNOP_alloc_unbound      6
#define EVTCHNOP_bind_ipi           7
#define EVTCHNOP_bind_vcpu          8
#define EVTCHNOP_unmask             9
#define EVTCHNOP_reset              10
#define EVTCHNOP_init_control       11
#define EVTCHNOP_expand_array       12
#define EVTCHNOP_set_priority       13
#define EVTCHNOP_reset_cont         14

struct evtchn_alloc_unbound {
    domid_t dom, remote_dom;
    evtchn_port_t port;                 /* out */
};
typedef struct evtchn_alloc_unbound evtchn_alloc_unbound_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_alloc_unbound_t);

struct evtchn_bind_interdomain {
    domid_t remote_dom;
    evtchn_port_t remote_port;
    evtchn_port_t local_port;           /* out */
};
typedef struct evtchn_bind_interdomain evtchn_bind_interdomain_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_bind_interdomain_t);

struct evtchn_bind_virq {
    uint32_t virq;
    uint32_t vcpu;
    evtchn_port_t port;                 /* out */
};
typedef struct evtchn_bind_virq evtchn_bind_virq_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_bind_virq_t);

#define BIND_PIRQ__WILL_SHARE 1
struct evtchn_bind_pirq {
    uint32_t pirq;
    uint32_t flags;
    evtchn_port_t port;                 /* out */
};
typedef struct evtchn_bind_pirq evtchn_bind_pirq_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_bind_pirq_t);

struct evtchn_bind_ipi {
    uint32_t vcpu;
    evtchn_port_t port;                 /* out */
};
typedef struct evtchn_bind_ipi evtchn_bind_ipi_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_bind_ipi_t);

struct evtchn_close {
    evtchn_port_t port;
};
typedef struct evtchn_close evtchn_close_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_close_t);

struct evtchn_send {
    evtchn_port_t port;
};
typedef struct evtchn_send evtchn_send_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_send_t);

#define EVTCHNSTAT_closed       0
#define EVTCHNSTAT_unbound      1
#define EVTCHNSTAT_interdomain  2
#define EVTCHNSTAT_pirq         3
#define EVTCHNSTAT_virq         4
#define EVTCHNSTAT_ipi          5

struct evtchn_status {
    domid_t dom;
    evtchn_port_t port;
    uint32_t status;                    /* out: EVTCHNSTAT_* */
    uint32_t vcpu;                      /* out: the vCPU it notifies */
    union {
        struct {
            domid_t dom;
        } unbound;
        struct {
            domid_t dom;
            evtchn_port_t port;
        } interdomain;
        uint32_t pirq;
        uint32_t virq;
    } u;
};
typedef struct evtchn_status evtchn_status_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_status_t);

struct evtchn_bind_vcpu {
    evtchn_port_t port;
    uint32_t vcpu;
};
typedef struct evtchn_bind_vcpu evtchn_bind_vcpu_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_bind_vcpu_t);

struct evtchn_unmask {
    evtchn_port_t port;
};
typedef struct evtchn_unmask evtchn_unmask_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_unmask_t);

struct evtchn_reset {
    domid_t dom;
};
typedef struct evtchn_reset evtchn_reset_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_reset_t);

struct evtchn_init_control {
    uint64_t control_gfn;
    uint32_t offset;
    uint32_t vcpu;
    uint8_t link_bits;                  /* out */
    uint8_t _pad[7];
};
typedef struct evtchn_init_control evtchn_init_control_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_init_control_t);

struct evtchn_expand_array {
    uint64_t array_gfn;
};
typedef struct evtchn_expand_array evtchn_expand_array_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_expand_array_t);

struct evtchn_set_priority {
    evtchn_port_t port;
    uint32_t priority;
};
typedef struct evtchn_set_priority evtchn_set_priority_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_set_priority_t);

/* FIFO ABI. */
#define EVTCHN_FIFO_PRIORITY_MAX        0
#define EVTCHN_FIFO_PRIORITY_DEFAULT    7
#define EVTCHN_FIFO_PRIORITY_MIN        15
#define EVTCHN_FIFO_MAX_QUEUES          (EVTCHN_FIFO_PRIORITY_MIN + 1)

typedef uint32_t event_word_t;

#define EVTCHN_FIFO_PENDING     31
#define EVTCHN_FIFO_MASKED      30
#define EVTCHN_FIFO_LINKED      29
#define EVTCHN_FIFO_BUSY        28
#define EVTCHN_FIFO_LINK_BITS   17
#define EVTCHN_FIFO_LINK_MASK   ((1 << EVTCHN_FIFO_LINK_BITS) - 1)
#define EVTCHN_FIFO_NR_CHANNELS (1 << EVTCHN_FIFO_LINK_BITS)
/* A page of the event array holds 1024 event words. */
#define EVTCHN_FIFO_EVENT_WORDS_PER_PAGE (4096 / sizeof(event_word_t))

struct evtchn_fifo_control_block {
    uint32_t ready;
    uint32_t _rsvd;
    uint32_t head[EVTCHN_FIFO_MAX_QUEUES];
};
typedef struct evtchn_fifo_control_block evtchn_fifo_control_block_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_fifo_control_block_t);

/* The argument of the old event_channel_op_compat hypercall (16). */
struct evtchn_op {
    uint32_t cmd;                       /* EVTCHNOP_* */
    union {
        struct evtchn_alloc_unbound    alloc_unbound;
        struct evtchn_bind_interdomain bind_interdomain;
        struct evtchn_bind_virq        bind_virq;
        struct evtchn_bind_pirq        bind_pirq;
        struct evtchn_bind_ipi         bind_ipi;
        struct evtchn_close            close;
        struct evtchn_send             send;
        struct evtchn_status           status;
        struct evtchn_bind_vcpu        bind_vcpu;
        struct evtchn_unmask           unmask;
    } u;
};
typedef struct evtchn_op evtchn_op_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_op_t);

XEN_ABI_SIZE(struct evtchn_alloc_unbound, 8);
XEN_ABI_OFFSET(struct evtchn_alloc_unbound, port, 4);
XEN_ABI_SIZE(struct evtchn_bind_interdomain, 12);
XEN_ABI_OFFSET(struct evtchn_bind_interdomain, local_port, 8);
XEN_ABI_SIZE(struct evtchn_bind_virq, 12);
XEN_ABI_SIZE(struct evtchn_bind_pirq, 12);
XEN_ABI_SIZE(struct evtchn_bind_ipi, 8);
XEN_ABI_SIZE(struct evtchn_close, 4);
XEN_ABI_SIZE(struct evtchn_send, 4);
XEN_ABI_SIZE(struct evtchn_status, 24);
XEN_ABI_OFFSET(struct evtchn_status, status, 8);
XEN_ABI_OFFSET(struct evtchn_status, u, 16);
XEN_ABI_OFFSET(struct evtchn_status, u.interdomain.port, 20);
XEN_ABI_SIZE(struct evtchn_bind_vcpu, 8);
XEN_ABI_SIZE(struct evtchn_unmask, 4);
XEN_ABI_SIZE(struct evtchn_reset, 2);
XEN_ABI_SIZE(struct evtchn_init_control, 24);
XEN_ABI_OFFSET(struct evtchn_init_control, link_bits, 16);
XEN_ABI_SIZE(struct evtchn_expand_array, 8);
XEN_ABI_SIZE(struct evtchn_set_priority, 8);
XEN_ABI_SIZE(struct evtchn_fifo_control_block, 72);
XEN_ABI_OFFSET(struct evtchn_fifo_control_block, head, 8);
XEN_ABI_SIZE(struct evtchn_op, 28);

#endif /* __XEN_PUBLIC_EVENT_CHANNEL_H__ */
