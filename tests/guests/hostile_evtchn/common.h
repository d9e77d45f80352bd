/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the hostile_evtchn sources: the ABI slice they use, the
 * hypercall wrappers, the checks, and the sanity check run after each
 * group of abuse (main.c).
 */
#ifndef HOSTILE_EVTCHN_COMMON_H
#define HOSTILE_EVTCHN_COMMON_H

#include <stdbool.h>

#include "test.h"
#include "vcpu.h"

#define __HYPERVISOR_event_channel_op_compat    16
#define __HYPERVISOR_event_channel_op           32
#define __HYPERVISOR_hvm_op                     34
#define HVMOP_get_time                          10
#define XENMEM_add_to_physmap                   7
#define XENMAPSPACE_shared_info                 0
#define SCHEDOP_poll                            3

#define DOMID_SELF      0x7ff0u
#define DOMID_IO        0x7ff1u
#define DOMID_XEN       0x7ff2u
#define DOMID_INVALID   0x7ff4u
#define DOMID_IDLE      0x7fffu

#define XEN_ENOENT      2
#define XEN_ESRCH       3
#define XEN_ENXIO       6
#define XEN_EACCES      13
#define XEN_EBUSY       16
#define XEN_EEXIST      17
#define XEN_EOPNOTSUPP  95

enum {
    EVTCHNOP_bind_interdomain, EVTCHNOP_bind_virq, EVTCHNOP_bind_pirq,
    EVTCHNOP_close, EVTCHNOP_send, EVTCHNOP_status, EVTCHNOP_alloc_unbound,
    EVTCHNOP_bind_ipi, EVTCHNOP_bind_vcpu, EVTCHNOP_unmask, EVTCHNOP_reset,
    EVTCHNOP_init_control, EVTCHNOP_expand_array, EVTCHNOP_set_priority,
    EVTCHNOP_reset_cont, NR_EVTCHNOPS
};

#define EVTCHNSTAT_closed       0
#define EVTCHNSTAT_unbound      1
#define EVTCHNSTAT_interdomain  2
#define EVTCHNSTAT_pirq         3
#define EVTCHNSTAT_virq         4
#define EVTCHNSTAT_ipi          5

#define VIRQ_TIMER      0
#define VIRQ_DEBUG      1
#define VIRQ_CONSOLE    2
#define VIRQ_XENPMU     13
#define VIRQ_ARCH_0     16
#define NR_VIRQS        24

#define NR_2L_PORTS     4096
#define NR_FIFO_PORTS   (1u << 17)
#define FIRST_BUCKET    64              /* ports Xen 4.17 starts dom0 with */
#define MS              1000000ull

struct evtchn_status {
    uint16_t dom;
    uint32_t port, status, vcpu;
    union {
        struct { uint16_t dom; } unbound;
        struct { uint16_t dom; uint32_t port; } interdomain;
        uint32_t pirq, virq;
    } u;
};

struct evtchn_init_control {
    uint64_t control_gfn;
    uint32_t offset, vcpu;
    uint8_t link_bits, pad[7];
};

struct vcpu_info {
    uint8_t evtchn_upcall_pending, evtchn_upcall_mask;
    uint64_t evtchn_pending_sel;
    uint8_t rest[48];
};

struct shared_info {
    struct vcpu_info vcpu_info[32];
    uint64_t evtchn_pending[64];
    uint64_t evtchn_mask[64];
};

struct vcpu_time_info {
    uint32_t version, pad0;
    uint64_t tsc_timestamp, system_time;
    uint32_t tsc_to_system_mul;
    int8_t tsc_shift;
    uint8_t flags;
    uint16_t pad1;
};

_Static_assert(sizeof(struct evtchn_status) == 24, "evtchn_status");
_Static_assert(sizeof(struct evtchn_init_control) == 24, "init_control");
_Static_assert(sizeof(struct vcpu_info) == 64, "vcpu_info");

#define RO_BASE         0x2000000ul     /* read-only for us: see ro_arg() */

extern volatile struct shared_info *shared;
extern bool two_level;                  /* false once FIFO is on */
extern void *const bad_buffers[4];
extern const uint64_t bad_gfns[4];

/* Fails the test unless rc == want; true when it matched. */
bool check(long rc, long want, const char *fmt, ...) __printf(3, 4);

long evtchn_op(unsigned long cmd, const void *arg);
long port_op(int cmd, uint32_t port);
long alloc_unbound(uint16_t dom, uint16_t remote, uint32_t *port);
long bind_interdomain(uint16_t dom, uint32_t rport, uint32_t *port);
long bind_virq(uint32_t virq, uint32_t vcpu, uint32_t *port);
long bind_ipi(uint32_t vcpu, uint32_t *port);
long bind_vcpu(uint32_t port, uint32_t vcpu);
long set_priority(uint32_t port, uint32_t prio);
long reset(int cmd, uint16_t dom);
long status(uint16_t dom, uint32_t port, struct evtchn_status *st);
long poll(uint32_t port, uint64_t timeout);
void expect_status(uint32_t port, uint32_t state, uint32_t vcpu, uint32_t u0,
                   const char *when);
void reset_self(const char *when);
uint64_t xen_now(void);
void block_for(uint64_t ns);
bool pending(uint32_t port);
bool masked(uint32_t port);
void set_mask(uint32_t port, bool on);
void sanity(const char *after);
/* A copy of arg that Xen can read but not write (CR0.WP is set). */
void *ro_arg(const void *arg, size_t size);

/* evtchn.c, vcpu.c */
void evtchn_tests(void);
void vcpu_tests(void);

#endif /* HOSTILE_EVTCHN_COMMON_H */
