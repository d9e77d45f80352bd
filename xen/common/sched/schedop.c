/* SPDX-License-Identifier: GPL-2.0-only */
/* The sched_op hypercall: yield, block, poll, and shutting down oneself or (the
 * hardware domain) another domain. */
#include <xen/errno.h>
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

/* Poll: block until one of the listed ports is pending or the timeout passes.
 * Until event channels exist, no port can be pending: a poll with a timeout
 * blocks like SCHEDOP_block, one without returns at once. */
static long sched_poll(struct vcpu *v, uint64_t arg)
{
    struct sched_poll p;

    if ( copy_from_guest(v, &p, arg, sizeof(p)) )
        return -EFAULT;
    if ( p.nr_ports > 128 )
        return -EINVAL;
    if ( p.timeout )
        hvm_block_until_event(v);
    return 0;
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
