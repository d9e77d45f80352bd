/* SPDX-License-Identifier: GPL-2.0-only */
/* Event-channel state shared by event_channel.c (ports and their bindings)
 * and the two delivery ABIs behind struct evtchn_port_ops: event_2l.c (the
 * shared_info bitmaps) and event_fifo.c (guest-registered queues). */
#ifndef XEN_COMMON_EVENT_PRIVATE_H
#define XEN_COMMON_EVENT_PRIVATE_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <xen/event.h>
#include <xen/sched.h>
#include <public/xen.h>
#include <public/event_channel.h>

struct domain;
struct vcpu;

/* Port states (Xen's ECS_*); RESERVED is port 0, never handed out. */
enum evtchn_state {
    ECS_FREE,
    ECS_RESERVED,
    ECS_UNBOUND,
    ECS_INTERDOMAIN,
    ECS_PIRQ,
    ECS_VIRQ,
    ECS_IPI,
};

/* Ports are allocated in buckets of 64 (a 4 KiB page of Xen's 64-byte
 * struct evtchn): status and unmask accept any port of an allocated bucket,
 * bound or not, as Xen 4.17 does. */
#define EVTCHNS_PER_BUCKET      64
#define EVTCHN_MAX_PORTS        EVTCHN_FIFO_NR_CHANNELS
#define EVTCHN_NR_BUCKETS       (EVTCHN_MAX_PORTS / EVTCHNS_PER_BUCKET)
#define EVTCHN_2L_NR_PORTS      (64 * 64)

struct evtchn {
    uint8_t state;                  /* enum evtchn_state */
    uint8_t priority;               /* FIFO queue; 7 unless set_priority */
    bool fifo_pending;              /* FIFO: raised while it had no event word */
    uint8_t last_priority;          /* FIFO: queue it was last linked on */
    uint16_t last_vcpu;
    uint16_t notify_vcpu;           /* vCPU that gets the upcall */
    evtchn_port_t port;             /* its own number */
    union {
        domid_t unbound_remote;     /* UNBOUND: who may bind to it */
        struct {
            struct domain *dom;     /* INTERDOMAIN: the other end */
            evtchn_port_t port;
        } interdomain;
        uint32_t pirq;              /* PIRQ */
        uint32_t virq;              /* VIRQ */
    } u;
    evtchn_xen_notify_fn *xen_notify; /* hypervisor backend behind an UNBOUND port */
};

/* The delivery ABI of a domain. All hooks run with the domain's evtchn lock
 * held; they touch guest-shared memory only with atomic operations. */
struct evtchn_port_ops {
    const char *name;
    unsigned int max_ports;
    /* A port was just bound (FIFO: default priority). */
    void (*bind)(struct domain *d, struct evtchn *chn);
    /* Raise chn towards vCPU v (its notify vCPU). */
    void (*set_pending)(struct domain *d, struct vcpu *v, struct evtchn *chn);
    void (*clear_pending)(struct domain *d, struct evtchn *chn);
    void (*unmask)(struct domain *d, struct evtchn *chn);
    bool (*is_pending)(const struct domain *d, const struct evtchn *chn);
    bool (*is_masked)(const struct domain *d, const struct evtchn *chn);
    /* Still queued in the guest: may not be reused yet (NULL: never). */
    bool (*is_busy)(const struct domain *d, const struct evtchn *chn);
    /* NULL: the ABI has no priorities (EVTCHNOP_set_priority -ENOSYS). */
    int (*set_priority)(struct domain *d, struct evtchn *chn, unsigned int prio);
};

extern const struct evtchn_port_ops evtchn_port_ops_2l;
extern const struct evtchn_port_ops evtchn_port_ops_fifo;

struct evtchn_fifo_domain;

/* Per-domain state, d->evtchn. Everything is guarded by lock, taken with
 * interrupts off (VIRQs are raised from timer context). Two domains' locks
 * are taken lower domain id first. */
struct evtchn_domain {
    spinlock_t lock;
    const struct evtchn_port_ops *ops;
    struct evtchn *bucket[EVTCHN_NR_BUCKETS];
    unsigned int valid_ports;       /* ports in allocated buckets */
    unsigned int nr_pirqs;          /* bind_pirq accepts pirq < nr_pirqs */
    bool dying;                     /* no more allocations */
    evtchn_port_t (*virq_to_port)[NR_VIRQS]; /* [vcpu][virq], 0: unbound */
    evtchn_port_t *pirq_to_port;    /* [nr_pirqs] */
    struct evtchn_fifo_domain *fifo; /* NULL while 2-level */
};

static inline struct evtchn_domain *evtchn_dom(const struct domain *d)
{
    return d->evtchn;
}

static inline unsigned int evtchn_max_ports(const struct domain *d)
{
    return d->evtchn->ops->max_ports;
}

/* Valid: inside an allocated bucket (state may be FREE). Buckets outlive a
 * reset from FIFO to 2-level, so valid ports may lie past the ABI's limit;
 * those are all free, and free ports never reach the ABI's hooks. */
static inline bool evtchn_valid(const struct domain *d, evtchn_port_t port)
{
    return port < d->evtchn->valid_ports;
}

/* Bound (Xen's "usable"): only such ports are unmasked, prioritised or
 * reported pending; for the others those requests do nothing. */
static inline bool evtchn_bound(const struct evtchn *chn)
{
    return chn->state != ECS_FREE && chn->state != ECS_RESERVED;
}

static inline struct evtchn *evtchn_from_port(const struct domain *d,
                                              evtchn_port_t port)
{
    return &d->evtchn->bucket[port / EVTCHNS_PER_BUCKET][port % EVTCHNS_PER_BUCKET];
}

/* The vCPU a port notifies; notify_vcpu is always a valid id. */
/* NULL while the domain has no vCPUs (before XEN_DOMCTL_max_vcpus). */
static inline struct vcpu *evtchn_notify_vcpu(const struct domain *d,
                                              const struct evtchn *chn)
{
    return d->vcpu[chn->notify_vcpu];
}

/* event_fifo.c: sub-ops and teardown, called with the domain's lock held. */
int evtchn_fifo_init_control(struct domain *d, struct evtchn_init_control *ic);
int evtchn_fifo_expand_array(struct domain *d, uint64_t gfn);
void evtchn_fifo_destroy(struct domain *d);

#endif /* XEN_COMMON_EVENT_PRIVATE_H */
