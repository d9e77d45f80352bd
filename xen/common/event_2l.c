/* SPDX-License-Identifier: GPL-2.0-only */
/* The 2-level event-channel ABI: one pending and one mask bit per port in
 * shared_info (4096 ports, 64 words of 64 bits) and, per vCPU, a selector
 * word in vcpu_info saying which pending words to scan.
 *
 * Raising port p for vCPU v: set pending[p] (already set: done, the guest
 * has not consumed the previous edge); if mask[p] is clear, set bit p/64 of
 * v's selector and, on its 0->1 edge, mark the upcall pending. A masked port
 * keeps only its pending bit; unmask repeats the selector step. The guest
 * owns the mask bits and clears pending bits itself, so every access here is
 * an atomic bit operation on memory the guest writes concurrently. */
#include <xen/bitops.h>
#include <xen/sched.h>
#include <asm/hvm/support.h>

#include "event_private.h"

#define EVTCHN_2L_WORD_BITS 64

static volatile void *pending_bits(const struct domain *d)
{
    return d->shared_info->evtchn_pending;
}

static volatile void *mask_bits(const struct domain *d)
{
    return d->shared_info->evtchn_mask;
}

/* Selector step: v has no vcpu_info while it is past the shared_info slots
 * and has registered none; then nothing can be delivered to it. */
static void select_word(struct vcpu *v, evtchn_port_t port)
{
    if ( !v->vcpu_info )
        return;
    if ( !test_and_set_bit(port / EVTCHN_2L_WORD_BITS, &v->vcpu_info->evtchn_pending_sel) )
        vcpu_mark_events_pending(v);
}

static void evtchn_2l_set_pending(struct domain *d, struct vcpu *v, struct evtchn *chn)
{
    if ( test_and_set_bit(chn->port, pending_bits(d)) )
        return;
    /* A domain the toolstack is still building may have no vCPUs yet. */
    if ( v && !test_bit(chn->port, mask_bits(d)) )
        select_word(v, chn->port);
    /* A vCPU in SCHEDOP_poll waits for the pending bit, masked or not. */
    evtchn_check_pollers(d, chn->port);
}

static void evtchn_2l_clear_pending(struct domain *d, struct evtchn *chn)
{
    clear_bit(chn->port, pending_bits(d));
}

static void evtchn_2l_unmask(struct domain *d, struct evtchn *chn)
{
    struct vcpu *v = evtchn_notify_vcpu(d, chn);

    if ( test_and_clear_bit(chn->port, mask_bits(d)) &&
         test_bit(chn->port, pending_bits(d)) && v )
        select_word(v, chn->port);
}

static bool evtchn_2l_is_pending(const struct domain *d, const struct evtchn *chn)
{
    return test_bit(chn->port, pending_bits(d));
}

static bool evtchn_2l_is_masked(const struct domain *d, const struct evtchn *chn)
{
    return test_bit(chn->port, mask_bits(d));
}

const struct evtchn_port_ops evtchn_port_ops_2l = {
    .name = "2-level",
    .max_ports = EVTCHN_2L_NR_PORTS,
    .set_pending = evtchn_2l_set_pending,
    .clear_pending = evtchn_2l_clear_pending,
    .unmask = evtchn_2l_unmask,
    .is_pending = evtchn_2l_is_pending,
    .is_masked = evtchn_2l_is_masked,
};
