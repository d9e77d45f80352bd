/* SPDX-License-Identifier: GPL-2.0-only */
/* The sched_op hypercall: yield, block, poll, and shutting down oneself or (the
 * hardware domain) another domain. */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/support.h>
#include <public/xen.h>
#include <public/sched.h>

static bool valid_reason(unsigned int reason)
{
    return reason <= SHUTDOWN_soft_reset;
}

static long sched_shutdown(struct vcpu *v, uint64_t arg)
{
    struct sched_shutdown s;

    if ( copy_from_guest(v, &s, arg, sizeof(s)) )
        return -EFAULT;
    if ( !valid_reason(s.reason) )
        return -EINVAL;
    domain_shutdown(v->domain, (int)s.reason);
    return 0;
}

static long sched_shutdown_code(struct vcpu *v, uint64_t arg)
{
    struct sched_shutdown s;

    if ( copy_from_guest(v, &s, arg, sizeof(s)) )
        return -EFAULT;
    if ( !valid_reason(s.reason) )
        return -EINVAL;
    v->domain->shutdown_code = (int)s.reason;
    return 0;
}

static long sched_remote_shutdown(struct vcpu *v, uint64_t arg)
{
    struct sched_remote_shutdown s;
    struct domain *d;

    if ( copy_from_guest(v, &s, arg, sizeof(s)) )
        return -EFAULT;
    if ( !valid_reason(s.reason) )
        return -EINVAL;
    d = get_domain_by_id(s.domain_id);
    if ( !d )
        return -ESRCH;
    if ( !v->domain->is_privileged && d != v->domain )
        return -EPERM;
    domain_shutdown(d, (int)s.reason);
    return 0;
}

/* Poll: return at once if a listed port is pending, else block until one is
 * raised (evtchn_check_pollers), an upcall becomes deliverable, or the absolute
 * timeout passes. The FIFO ABI allows more ports than the 2-level one. */
static long sched_poll(struct vcpu *v, uint64_t arg)
{
    struct domain *d = v->domain;
    struct sched_poll p;
    evtchn_port_t port = 0;
    unsigned int i;
    bool pending = false;

    if ( copy_from_guest(v, &p, arg, sizeof(p)) )
        return -EFAULT;
    if ( p.nr_ports > 128 )
        return -EINVAL;
    for ( i = 0; i < p.nr_ports; i++ )
    {
        if ( copy_from_guest(v, &port, p.ports.q + i * sizeof(port), sizeof(port)) )
            return -EFAULT;
        if ( !evtchn_port_pollable(d, port) )
            return -EINVAL;
        pending = pending || evtchn_port_is_pending(d, port);
    }
    if ( pending )
        return 0;
    v->poll_nr = p.nr_ports;
    v->poll_port = port;
    __atomic_store_n(&v->polling, true, __ATOMIC_SEQ_CST);
    if ( p.timeout )
        set_timer(&v->poll_timer, (s_time_t)p.timeout);
    hvm_block_until_event(v);
    /* A raise between the check above and the flag would otherwise be missed
     * (a masked port raises no upcall to wake us); multi-port pollers are woken
     * by any raise. */
    if ( p.nr_ports == 1 && evtchn_port_is_pending(d, port) )
        vcpu_poll_done(v);
    return 0;
}

void vcpu_poll_done(struct vcpu *v)
{
    if ( __atomic_exchange_n(&v->polling, false, __ATOMIC_SEQ_CST) )
    {
        stop_timer(&v->poll_timer);
        vcpu_unblock(v);
    }
}

static void poll_timeout(void *data)
{
    vcpu_poll_done(data);
}

void vcpu_poll_init(struct vcpu *v)
{
    init_timer(&v->poll_timer, poll_timeout, v, v->processor);
}

/* Called by event channels with d's event lock held, when port is raised. */
void evtchn_check_pollers(struct domain *d, evtchn_port_t port)
{
    struct vcpu *v;

    for_each_vcpu ( d, v )
        if ( v->polling && (v->poll_nr != 1 || v->poll_port == port) )
            vcpu_poll_done(v);
}

long do_sched_op(struct vcpu *v, const uint64_t *args)
{
    switch ( (int)args[0] )
    {
    case SCHEDOP_yield:
        vcpu_yield(v);
        return 0;
    case SCHEDOP_block:
        hvm_block_until_event(v);
        return 0;
    case SCHEDOP_shutdown:
        return sched_shutdown(v, args[1]);
    case SCHEDOP_poll:
        return sched_poll(v, args[1]);
    case SCHEDOP_remote_shutdown:
        return sched_remote_shutdown(v, args[1]);
    case SCHEDOP_shutdown_code:
        return sched_shutdown_code(v, args[1]);
    default:
        return -ENOSYS;
    }
}
