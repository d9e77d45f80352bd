/* SPDX-License-Identifier: GPL-2.0-only */
/* Event channels (xen/common/event_channel.c): per-domain ports, the
 * hypervisor's ways of raising them, and the hooks for domain lifetime and
 * SCHEDOP_poll. The guest-facing sub-ops are in do_event_channel_op. */
#ifndef XEN_EVENT_H
#define XEN_EVENT_H

#include <xen/types.h>
#include <public/xen.h>
#include <public/event_channel.h>

struct domain;
struct vcpu;

/* After shared_info and the vCPUs exist: 2-level ABI, port 0 reserved. */
int evtchn_domain_init(struct domain *d);
/* Closes every port (interdomain peers become unbound) and frees the state.
 * The domain must already be off the domain list. */
void evtchn_domain_destroy(struct domain *d);

/* VIRQs: per-vCPU ones (TIMER, DEBUG, XENOPROF, XENPMU) go to the port bound
 * on that vCPU; global ones to the port bound on vCPU 0, which notifies its
 * bind_vcpu target. Unbound VIRQs are dropped. Safe from interrupt context. */
void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq);
void send_guest_global_virq(struct domain *d, unsigned int virq);
bool evtchn_virq_is_global(unsigned int virq);

/* EVTCHNOP_send from d's side of port: 0, or -EINVAL for a port that is not
 * interdomain, IPI or unbound (unbound sends are dropped, rc 0). */
int evtchn_send(struct domain *d, evtchn_port_t port);

/* For hypervisor backends (the console): a new unbound port of d that names
 * remote as its peer, lowest free first. 0 or -ENOSPC/-ENOMEM/-EINVAL. */
int evtchn_alloc_unbound_port(struct domain *d, domid_t remote, evtchn_port_t *port);
/* fn(d, port) then runs (without the evtchn lock) whenever d sends on that
 * port while it is unbound; closing the port forgets fn. */
typedef void evtchn_xen_notify_fn(struct domain *d, evtchn_port_t port);
int evtchn_set_xen_notify(struct domain *d, evtchn_port_t port, evtchn_xen_notify_fn *fn);
/* The backend's kick: raises d's own port (any bound state). 0 or -EINVAL. */
int evtchn_raise(struct domain *d, evtchn_port_t port);

/* For SCHEDOP_poll: a port may be polled if it is allocated and bound (Xen:
 * -EINVAL for a free or reserved one); pending reads the ABI's pending bit. */
bool evtchn_port_pollable(struct domain *d, evtchn_port_t port);
bool evtchn_port_is_pending(struct domain *d, evtchn_port_t port);
/* Provided by the scheduler (schedop.c): called, with d's evtchn lock held,
 * each time a port of d becomes pending, masked or not; wakes d's vCPUs
 * blocked in SCHEDOP_poll on that port (or on several ports). */
void evtchn_check_pollers(struct domain *d, evtchn_port_t port);

#endif /* XEN_EVENT_H */
