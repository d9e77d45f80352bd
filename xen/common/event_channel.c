/* SPDX-License-Identifier: GPL-2.0-only */
/* Event channels: per-domain ports, their bindings, and event_channel_op.
 * How a raised port reaches the guest is the ABI's business (event_2l.c,
 * event_fifo.c, behind d->evtchn->ops).
 *
 * Port states: FREE -> UNBOUND (alloc_unbound) -> INTERDOMAIN (the named
 * remote domain's bind_interdomain), or FREE -> VIRQ / IPI / PIRQ; close
 * returns a port to FREE and an INTERDOMAIN peer to UNBOUND (naming the
 * closer). Port 0 is RESERVED. Ports come lowest-free first from buckets of
 * 64 that are allocated on demand and kept until the domain dies.
 *
 * Locking: each domain's evtchn lock guards its ports, its VIRQ/PIRQ tables
 * and (FIFO) its queues; it is taken with interrupts off because VIRQs are
 * raised from timer context. An operation on two domains takes the lower
 * domain id's lock first; when it already holds the higher one (send and
 * close find the peer only after locking) it may only trylock the other and
 * otherwise starts over. A peer's pointer is trusted only while its port
 * still names us, which the peer cannot change without our lock.
 *
 * Example: dom0 alloc_unbound(dom=1, remote=0) gives dom1 port 1, UNBOUND
 * for dom0; dom0 bind_interdomain(1, 1) gives dom0 port 1 and both become
 * INTERDOMAIN; dom1 send(1) raises dom0's port 1; dom0 close(1) frees it and
 * leaves dom1's port 1 UNBOUND for dom0, where sends are dropped. */
#include <xen/bitops.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>
#include <asm/hvm/guest_access.h>

#include "event_private.h"

/* bind_pirq limits as Xen 4.17 computes them for an HVM domain: the GSIs
 * (24 on the reference machine) plus 32 for a domU; for the hardware domain
 * plus 184 dynamic vectors per bit of its CPU count. */
#define EVTCHN_NR_GSIS          24
#define EVTCHN_DOMU_EXTRA_PIRQS 32
#define EVTCHN_DYNAMIC_VECTORS  184

/* ---- Locks and lookups ---- */

static unsigned long evtchn_lock(struct domain *d)
{
    unsigned long flags;

    spin_lock_irqsave(&d->evtchn->lock, flags);
    return flags;
}

static void evtchn_unlock(struct domain *d, unsigned long flags)
{
    spin_unlock_irqrestore(&d->evtchn->lock, flags);
}

static unsigned long evtchn_lock_two(struct domain *a, struct domain *b)
{
    struct domain *first = a->domain_id <= b->domain_id ? a : b;
    struct domain *second = first == a ? b : a;
    unsigned long flags = evtchn_lock(first);

    if ( second != first )
        spin_lock(&second->evtchn->lock);
    return flags;
}

static void evtchn_unlock_two(struct domain *a, struct domain *b, unsigned long flags)
{
    if ( a != b )
        spin_unlock(&b->evtchn->lock);
    evtchn_unlock(a, flags);
}

/* With held's lock taken, also take peer's without breaking the order. */
static bool evtchn_lock_peer(struct domain *held, struct domain *peer)
{
    if ( peer == held )
        return true;
    if ( peer->domain_id > held->domain_id )
    {
        spin_lock(&peer->evtchn->lock);
        return true;
    }
    return spin_trylock(&peer->evtchn->lock);
}

static void evtchn_unlock_peer(struct domain *held, struct domain *peer)
{
    if ( peer && peer != held )
        spin_unlock(&peer->evtchn->lock);
}

/*
 * Locks d and, when port is interdomain, its peer as well, retrying until the
 * pair is held in the allowed order. Returns the channel (NULL for a port out
 * of range), with d locked either way; *peer is the peer locked with it, or
 * NULL. unlock_port() undoes it.
 */
static struct evtchn *lock_port(struct domain *d, evtchn_port_t port,
                                unsigned long *flags, struct domain **peer)
{
    for ( ;; )
    {
        struct evtchn *chn;

        *flags = evtchn_lock(d);
        *peer = NULL;
        if ( !evtchn_valid(d, port) )
            return NULL;
        chn = evtchn_from_port(d, port);
        if ( chn->state != ECS_INTERDOMAIN )
            return chn;
        if ( evtchn_lock_peer(d, chn->u.interdomain.dom) )
        {
            *peer = chn->u.interdomain.dom;
            return chn;
        }
        evtchn_unlock(d, *flags);
        cpu_relax();
    }
}

static void unlock_port(struct domain *d, unsigned long flags, struct domain *peer)
{
    evtchn_unlock_peer(d, peer);
    evtchn_unlock(d, flags);
}

/* DOMID_SELF or an id; NULL if there is no such domain with event channels. */
static struct domain *evtchn_domain_by_id(struct domain *cd, domid_t id)
{
    struct domain *d = id == DOMID_SELF ? cd : get_domain_by_id(id);

    return d && d->evtchn ? d : NULL;
}

static bool may_control(const struct domain *cd, const struct domain *d)
{
    return cd == d || cd->is_privileged;
}

/* ---- Port allocation ---- */

static bool port_is_free(const struct domain *d, evtchn_port_t port)
{
    const struct evtchn *chn;

    if ( port >= d->evtchn->valid_ports )
        return true;
    chn = evtchn_from_port(d, port);
    return chn->state == ECS_FREE &&
           !(d->evtchn->ops->is_busy && d->evtchn->ops->is_busy(d, chn));
}

/* The port the next binding will get, without allocating anything. */
static int find_free_port(const struct domain *d)
{
    evtchn_port_t port;

    if ( d->evtchn->dying )
        return -EINVAL;
    for ( port = 0; port < evtchn_max_ports(d) && port <= d->max_evtchn_port; port++ )
        if ( port_is_free(d, port) )
            return port;
    return -ENOSPC;
}

/* Makes port's bucket exist (port is at most one past the valid ports). */
static int ensure_bucket(struct domain *d, evtchn_port_t port)
{
    struct evtchn_domain *ed = d->evtchn;
    unsigned int b = port / EVTCHNS_PER_BUCKET, i;
    struct evtchn *bucket;

    if ( port < ed->valid_ports )
        return 0;
    ASSERT(b == ed->valid_ports / EVTCHNS_PER_BUCKET);
    if ( !(bucket = xzalloc_array(struct evtchn, EVTCHNS_PER_BUCKET)) )
        return -ENOMEM;
    for ( i = 0; i < EVTCHNS_PER_BUCKET; i++ )
        bucket[i].port = b * EVTCHNS_PER_BUCKET + i;
    ed->bucket[b] = bucket;
    smp_wmb();
    ed->valid_ports += EVTCHNS_PER_BUCKET;
    return 0;
}

/* Finds and readies the lowest free port; the caller then binds it. */
static int get_free_port(struct domain *d, struct evtchn **chn)
{
    int port = find_free_port(d);
    int rc;

    if ( port < 0 )
        return port;
    if ( (rc = ensure_bucket(d, port)) )
        return rc;
    *chn = evtchn_from_port(d, port);
    return port;
}

static void bind_port(struct domain *d, struct evtchn *chn, enum evtchn_state state,
                      unsigned int vcpu)
{
    chn->state = state;
    chn->notify_vcpu = vcpu;
    if ( d->evtchn->ops->bind )
        d->evtchn->ops->bind(d, chn);
}

static void free_port(struct domain *d, struct evtchn *chn)
{
    d->evtchn->ops->clear_pending(d, chn);
    chn->state = ECS_FREE;
    chn->notify_vcpu = 0;
    chn->xen_notify = NULL;
}

static void raise_port(struct domain *d, struct evtchn *chn)
{
    d->evtchn->ops->set_pending(d, evtchn_notify_vcpu(d, chn), chn);
}

bool evtchn_virq_is_global(unsigned int virq)
{
    switch ( virq )
    {
    case VIRQ_TIMER:
    case VIRQ_DEBUG:
    case VIRQ_XENOPROF:
    case VIRQ_XENPMU:
        return false;
    default:
        return true;    /* on x86 every arch VIRQ (MCA) is global too */
    }
}

/* ---- Closing ---- */

/* Undoes a binding with d's lock (and an interdomain peer's) held. */
static void close_locked(struct domain *d, struct evtchn *chn)
{
    struct evtchn_domain *ed = d->evtchn;
    struct evtchn *peer;
    unsigned int i;

    switch ( chn->state )
    {
    case ECS_VIRQ:
        for ( i = 0; i < d->max_vcpus; i++ )
            if ( ed->virq_to_port[i][chn->u.virq] == chn->port )
                ed->virq_to_port[i][chn->u.virq] = 0;
        break;
    case ECS_PIRQ:
        ed->pirq_to_port[chn->u.pirq] = 0;
        break;
    case ECS_INTERDOMAIN:
        peer = evtchn_from_port(chn->u.interdomain.dom, chn->u.interdomain.port);
        BUG_ON(peer->state != ECS_INTERDOMAIN || peer->u.interdomain.dom != d);
        peer->state = ECS_UNBOUND;
        peer->u.unbound_remote = d->domain_id;
        break;
    default:
        break;
    }
    free_port(d, chn);
}

/* EVTCHNOP_close, also for reset and teardown. */
static int evtchn_close(struct domain *d, evtchn_port_t port)
{
    struct domain *rd;
    unsigned long flags;
    struct evtchn *chn = lock_port(d, port, &flags, &rd);
    int rc = 0;

    if ( !chn || chn->state == ECS_FREE || chn->state == ECS_RESERVED )
        rc = -EINVAL;
    else
        close_locked(d, chn);
    unlock_port(d, flags, rd);
    return rc;
}

/* ---- Sending ---- */

int evtchn_send(struct domain *d, evtchn_port_t port)
{
    evtchn_xen_notify_fn *notify = NULL;
    struct domain *rd;
    unsigned long flags;
    struct evtchn *chn = lock_port(d, port, &flags, &rd);
    int rc = 0;

    if ( !chn )
        rc = -EINVAL;
    else if ( chn->state == ECS_INTERDOMAIN )
        raise_port(rd, evtchn_from_port(rd, chn->u.interdomain.port));
    else if ( chn->state == ECS_IPI )
        raise_port(d, chn);
    else if ( chn->state == ECS_UNBOUND )
        notify = chn->xen_notify;           /* otherwise dropped */
    else
        rc = -EINVAL;
    unlock_port(d, flags, rd);
    if ( notify )
        notify(d, port);
    return rc;
}

void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq)
{
    struct domain *d = v->domain;
    unsigned long flags;
    evtchn_port_t port;

    if ( !d->evtchn || virq >= NR_VIRQS )
        return;
    ASSERT(!evtchn_virq_is_global(virq));
    flags = evtchn_lock(d);
    port = d->evtchn->virq_to_port[v->vcpu_id][virq];
    if ( port )
        d->evtchn->ops->set_pending(d, v, evtchn_from_port(d, port));
    evtchn_unlock(d, flags);
}

void send_guest_global_virq(struct domain *d, unsigned int virq)
{
    unsigned long flags;
    evtchn_port_t port;

    if ( !d || !d->evtchn || virq >= NR_VIRQS )
        return;
    ASSERT(evtchn_virq_is_global(virq));
    flags = evtchn_lock(d);
    port = d->evtchn->virq_to_port[0][virq];
    if ( port )
        raise_port(d, evtchn_from_port(d, port));
    evtchn_unlock(d, flags);
}

/* ---- Sub-ops ---- */

static long evtchn_alloc_unbound(struct domain *cd, void *arg)
{
    struct evtchn_alloc_unbound *a = arg;
    struct domain *d = evtchn_domain_by_id(cd, a->dom);
    struct evtchn *chn = NULL;
    unsigned long flags;
    int port;

    if ( !d )
        return -ESRCH;
    flags = evtchn_lock(d);
    port = find_free_port(d);
    if ( port >= 0 && !may_control(cd, d) )
        port = -EPERM;
    if ( port >= 0 )
        port = get_free_port(d, &chn);
    if ( port >= 0 )
    {
        chn->u.unbound_remote = a->remote_dom == DOMID_SELF ? cd->domain_id
                                                             : a->remote_dom;
        bind_port(d, chn, ECS_UNBOUND, 0);
        a->port = port;
    }
    evtchn_unlock(d, flags);
    return port < 0 ? port : 0;
}

/* Checks that rd's rport waits for ld; 0 or -EINVAL. */
static int check_remote_unbound(struct domain *ld, struct domain *rd, evtchn_port_t rport)
{
    const struct evtchn *rchn;

    if ( !evtchn_valid(rd, rport) )
        return -EINVAL;
    rchn = evtchn_from_port(rd, rport);
    if ( rchn->state != ECS_UNBOUND || rchn->u.unbound_remote != ld->domain_id )
        return -EINVAL;
    return 0;
}

static long evtchn_bind_interdomain(struct domain *ld, void *arg)
{
    struct evtchn_bind_interdomain *b = arg;
    struct domain *rd = evtchn_domain_by_id(ld, b->remote_dom);
    struct evtchn *lchn = NULL, *rchn;
    unsigned long flags;
    int lport;

    if ( !rd )
        return -ESRCH;
    flags = evtchn_lock_two(ld, rd);
    lport = find_free_port(ld);
    if ( lport >= 0 )
    {
        int rc = check_remote_unbound(ld, rd, b->remote_port);

        lport = rc ? rc : get_free_port(ld, &lchn);
    }
    if ( lport >= 0 )
    {
        rchn = evtchn_from_port(rd, b->remote_port);
        lchn->u.interdomain.dom = rd;
        lchn->u.interdomain.port = b->remote_port;
        bind_port(ld, lchn, ECS_INTERDOMAIN, 0);
        rchn->state = ECS_INTERDOMAIN;
        rchn->u.interdomain.dom = ld;
        rchn->u.interdomain.port = lport;
        /* The unbound end may have been sent to already: raise ours once. */
        raise_port(ld, lchn);
        b->local_port = lport;
    }
    evtchn_unlock_two(ld, rd, flags);
    return lport < 0 ? lport : 0;
}

static long evtchn_bind_virq(struct domain *d, void *arg)
{
    struct evtchn_bind_virq *b = arg;
    struct evtchn *chn = NULL;
    unsigned long flags;
    int port;

    if ( b->virq >= NR_VIRQS || (evtchn_virq_is_global(b->virq) && b->vcpu) )
        return -EINVAL;
    if ( b->vcpu >= d->max_vcpus || !d->vcpu[b->vcpu] )
        return -ENOENT;
    flags = evtchn_lock(d);
    if ( d->evtchn->virq_to_port[b->vcpu][b->virq] )
        port = -EEXIST;
    else
        port = get_free_port(d, &chn);
    if ( port >= 0 )
    {
        chn->u.virq = b->virq;
        bind_port(d, chn, ECS_VIRQ, b->vcpu);
        d->evtchn->virq_to_port[b->vcpu][b->virq] = port;
        b->port = port;
    }
    evtchn_unlock(d, flags);
    return port < 0 ? port : 0;
}

static long evtchn_bind_ipi(struct domain *d, void *arg)
{
    struct evtchn_bind_ipi *b = arg;
    struct evtchn *chn = NULL;
    unsigned long flags;
    int port;

    if ( b->vcpu >= d->max_vcpus || !d->vcpu[b->vcpu] )
        return -ENOENT;
    flags = evtchn_lock(d);
    port = get_free_port(d, &chn);
    if ( port >= 0 )
    {
        bind_port(d, chn, ECS_IPI, b->vcpu);
        b->port = port;
    }
    evtchn_unlock(d, flags);
    return port < 0 ? port : 0;
}

/* An HVM/PVH domain's PIRQs are bookkeeping only (as in Xen 4.17 without
 * passthrough): the port is bound, reported by status, and never raised. */
static long evtchn_bind_pirq(struct domain *d, void *arg)
{
    struct evtchn_bind_pirq *b = arg;
    struct evtchn *chn = NULL;
    unsigned long flags;
    int port;

    if ( b->pirq >= d->evtchn->nr_pirqs )
        return -EINVAL;
    flags = evtchn_lock(d);
    if ( d->evtchn->pirq_to_port[b->pirq] )
        port = -EEXIST;
    else
        port = get_free_port(d, &chn);
    if ( port >= 0 )
    {
        chn->u.pirq = b->pirq;
        bind_port(d, chn, ECS_PIRQ, 0);
        d->evtchn->pirq_to_port[b->pirq] = port;
        b->port = port;
    }
    evtchn_unlock(d, flags);
    return port < 0 ? port : 0;
}

static long evtchn_close_op(struct domain *d, void *arg)
{
    return evtchn_close(d, ((struct evtchn_close *)arg)->port);
}

static long evtchn_send_op(struct domain *d, void *arg)
{
    return evtchn_send(d, ((struct evtchn_send *)arg)->port);
}

static void fill_status(const struct evtchn *chn, struct evtchn_status *s)
{
    static const uint32_t stat[] = {
        [ECS_FREE] = EVTCHNSTAT_closed,     [ECS_RESERVED] = EVTCHNSTAT_closed,
        [ECS_UNBOUND] = EVTCHNSTAT_unbound, [ECS_INTERDOMAIN] = EVTCHNSTAT_interdomain,
        [ECS_PIRQ] = EVTCHNSTAT_pirq,       [ECS_VIRQ] = EVTCHNSTAT_virq,
        [ECS_IPI] = EVTCHNSTAT_ipi,
    };

    s->status = stat[chn->state];
    s->vcpu = chn->notify_vcpu;
    if ( chn->state == ECS_UNBOUND )
        s->u.unbound.dom = chn->u.unbound_remote;
    else if ( chn->state == ECS_INTERDOMAIN )
    {
        s->u.interdomain.dom = chn->u.interdomain.dom->domain_id;
        s->u.interdomain.port = chn->u.interdomain.port;
    }
    else if ( chn->state == ECS_PIRQ )
        s->u.pirq = chn->u.pirq;
    else if ( chn->state == ECS_VIRQ )
        s->u.virq = chn->u.virq;
}

static long evtchn_status(struct domain *cd, void *arg)
{
    struct evtchn_status *s = arg;
    struct domain *d = evtchn_domain_by_id(cd, s->dom);
    unsigned long flags;
    long rc = 0;

    if ( !d )
        return -ESRCH;
    flags = evtchn_lock(d);
    if ( !evtchn_valid(d, s->port) )
        rc = -EINVAL;
    else if ( !may_control(cd, d) )
        rc = -EPERM;
    else
        fill_status(evtchn_from_port(d, s->port), s);
    evtchn_unlock(d, flags);
    return rc;
}

static long evtchn_bind_vcpu(struct domain *d, void *arg)
{
    struct evtchn_bind_vcpu *b = arg;
    struct evtchn *chn = NULL;
    unsigned long flags;
    long rc = -EINVAL;

    if ( b->vcpu >= d->max_vcpus || !d->vcpu[b->vcpu] )
        return -ENOENT;
    flags = evtchn_lock(d);
    if ( evtchn_valid(d, b->port) )
    {
        chn = evtchn_from_port(d, b->port);
        if ( chn->state == ECS_UNBOUND || chn->state == ECS_INTERDOMAIN ||
             chn->state == ECS_PIRQ ||
             (chn->state == ECS_VIRQ && evtchn_virq_is_global(chn->u.virq)) )
        {
            chn->notify_vcpu = b->vcpu;
            rc = 0;
        }
    }
    evtchn_unlock(d, flags);
    return rc;
}

static long evtchn_unmask(struct domain *d, void *arg)
{
    evtchn_port_t port = ((struct evtchn_unmask *)arg)->port;
    unsigned long flags = evtchn_lock(d);
    long rc = -EINVAL;

    if ( evtchn_valid(d, port) )
    {
        if ( evtchn_bound(evtchn_from_port(d, port)) )
            d->evtchn->ops->unmask(d, evtchn_from_port(d, port));
        rc = 0;
    }
    evtchn_unlock(d, flags);
    return rc;
}

/* Closes every port the guest could close and goes back to 2-level. Another
 * domain may only be reset while paused (Xen: by its controller). The work
 * is not preempted, so a reset is never in progress for reset_cont. */
static long evtchn_reset_common(struct domain *cd, domid_t dom, bool cont)
{
    struct domain *d = evtchn_domain_by_id(cd, dom);
    unsigned long flags;
    evtchn_port_t port;

    if ( !d )
        return -ESRCH;
    if ( !may_control(cd, d) )
        return -EPERM;
    if ( d != cd && !d->pause_count )
        return -EINVAL;
    if ( cont )
        return -EBUSY;
    for ( port = 1; evtchn_valid(d, port); port++ )
        evtchn_close(d, port);
    flags = evtchn_lock(d);
    if ( d->evtchn->fifo )
        evtchn_fifo_destroy(d);
    evtchn_unlock(d, flags);
    return 0;
}

static long evtchn_reset(struct domain *cd, void *arg)
{
    return evtchn_reset_common(cd, ((struct evtchn_reset *)arg)->dom, false);
}

static long evtchn_reset_cont(struct domain *cd, void *arg)
{
    return evtchn_reset_common(cd, ((struct evtchn_reset *)arg)->dom, true);
}

static long evtchn_init_control(struct domain *d, void *arg)
{
    unsigned long flags = evtchn_lock(d);
    long rc = evtchn_fifo_init_control(d, arg);

    evtchn_unlock(d, flags);
    return rc;
}

static long evtchn_expand_array(struct domain *d, void *arg)
{
    unsigned long flags = evtchn_lock(d);
    long rc = evtchn_fifo_expand_array(d, ((struct evtchn_expand_array *)arg)->array_gfn);

    evtchn_unlock(d, flags);
    return rc;
}

/* -ENOSYS without priorities (2-level) comes before -EACCES for a port that
 * is not bound, which comes before the priority's range check. */
static long evtchn_set_priority(struct domain *d, void *arg)
{
    struct evtchn_set_priority *sp = arg;
    unsigned long flags = evtchn_lock(d);
    struct evtchn *chn;
    long rc = -EINVAL;

    if ( evtchn_valid(d, sp->port) )
    {
        chn = evtchn_from_port(d, sp->port);
        if ( !d->evtchn->ops->set_priority )
            rc = -ENOSYS;
        else if ( !evtchn_bound(chn) )
            rc = -EACCES;
        else
            rc = d->evtchn->ops->set_priority(d, chn, sp->priority);
    }
    evtchn_unlock(d, flags);
    return rc;
}

/* ---- The hypercall ---- */

struct evtchn_subop {
    long (*fn)(struct domain *cd, void *arg);   /* NULL: -ENOSYS */
    uint8_t size;                               /* guest struct, copied in */
    bool copy_back;                             /* copied out on success */
};

static const struct evtchn_subop evtchn_ops[] = {
    [EVTCHNOP_bind_interdomain] = { evtchn_bind_interdomain,
                                    sizeof(struct evtchn_bind_interdomain), true },
    [EVTCHNOP_bind_virq]     = { evtchn_bind_virq, sizeof(struct evtchn_bind_virq), true },
    [EVTCHNOP_bind_pirq]     = { evtchn_bind_pirq, sizeof(struct evtchn_bind_pirq), true },
    [EVTCHNOP_close]         = { evtchn_close_op, sizeof(struct evtchn_close), false },
    [EVTCHNOP_send]          = { evtchn_send_op, sizeof(struct evtchn_send), false },
    [EVTCHNOP_status]        = { evtchn_status, sizeof(struct evtchn_status), true },
    [EVTCHNOP_alloc_unbound] = { evtchn_alloc_unbound,
                                 sizeof(struct evtchn_alloc_unbound), true },
    [EVTCHNOP_bind_ipi]      = { evtchn_bind_ipi, sizeof(struct evtchn_bind_ipi), true },
    [EVTCHNOP_bind_vcpu]     = { evtchn_bind_vcpu, sizeof(struct evtchn_bind_vcpu), false },
    [EVTCHNOP_unmask]        = { evtchn_unmask, sizeof(struct evtchn_unmask), false },
    [EVTCHNOP_reset]         = { evtchn_reset, sizeof(struct evtchn_reset), false },
    [EVTCHNOP_init_control]  = { evtchn_init_control,
                                 sizeof(struct evtchn_init_control), true },
    [EVTCHNOP_expand_array]  = { evtchn_expand_array,
                                 sizeof(struct evtchn_expand_array), false },
    [EVTCHNOP_set_priority]  = { evtchn_set_priority,
                                 sizeof(struct evtchn_set_priority), false },
    [EVTCHNOP_reset_cont]    = { evtchn_reset_cont, sizeof(struct evtchn_reset), false },
};

long do_event_channel_op(struct vcpu *v, const uint64_t *args)
{
    int cmd = (int)args[0];
    const struct evtchn_subop *op;
    uint64_t buf[4];        /* the largest argument is 24 bytes */
    long rc;

    if ( cmd < 0 || cmd >= (int)ARRAY_SIZE(evtchn_ops) || !evtchn_ops[cmd].fn ||
         !v->domain->evtchn )
        return -ENOSYS;
    op = &evtchn_ops[cmd];
    if ( copy_from_guest(v, buf, args[1], op->size) )
        return -EFAULT;
    rc = op->fn(v->domain, buf);
    if ( !rc && op->copy_back && copy_to_guest(v, args[1], buf, op->size) )
        rc = -EFAULT;
    return rc;
}

/* ---- Interfaces for the rest of the hypervisor ---- */

int evtchn_alloc_unbound_port(struct domain *d, domid_t remote, evtchn_port_t *port)
{
    struct evtchn *chn = NULL;
    unsigned long flags = evtchn_lock(d);
    int p = get_free_port(d, &chn);

    if ( p >= 0 )
    {
        chn->u.unbound_remote = remote;
        bind_port(d, chn, ECS_UNBOUND, 0);
        *port = p;
    }
    evtchn_unlock(d, flags);
    return p < 0 ? p : 0;
}

int evtchn_set_xen_notify(struct domain *d, evtchn_port_t port, evtchn_xen_notify_fn *fn)
{
    unsigned long flags = evtchn_lock(d);
    int rc = -EINVAL;

    if ( evtchn_valid(d, port) && evtchn_from_port(d, port)->state == ECS_UNBOUND )
    {
        evtchn_from_port(d, port)->xen_notify = fn;
        rc = 0;
    }
    evtchn_unlock(d, flags);
    return rc;
}

int evtchn_raise(struct domain *d, evtchn_port_t port)
{
    unsigned long flags = evtchn_lock(d);
    struct evtchn *chn = NULL;
    int rc = -EINVAL;

    if ( evtchn_valid(d, port) )
    {
        chn = evtchn_from_port(d, port);
        if ( chn->state != ECS_FREE && chn->state != ECS_RESERVED )
        {
            raise_port(d, chn);
            rc = 0;
        }
    }
    evtchn_unlock(d, flags);
    return rc;
}

bool evtchn_port_pollable(struct domain *d, evtchn_port_t port)
{
    unsigned long flags;
    bool ok;

    if ( !d->evtchn )
        return false;
    flags = evtchn_lock(d);
    ok = evtchn_valid(d, port) && evtchn_bound(evtchn_from_port(d, port));
    evtchn_unlock(d, flags);
    return ok;
}

bool evtchn_port_is_pending(struct domain *d, evtchn_port_t port)
{
    unsigned long flags;
    bool pending = false;

    if ( !d->evtchn )
        return false;
    flags = evtchn_lock(d);
    if ( evtchn_valid(d, port) && evtchn_bound(evtchn_from_port(d, port)) )
        pending = d->evtchn->ops->is_pending(d, evtchn_from_port(d, port));
    evtchn_unlock(d, flags);
    return pending;
}

/* ---- Domain lifetime ---- */

static unsigned int domain_nr_pirqs(const struct domain *d)
{
    if ( d->is_privileged )
        return EVTCHN_NR_GSIS + flsl(d->max_vcpus) * EVTCHN_DYNAMIC_VECTORS;
    return EVTCHN_NR_GSIS + EVTCHN_DOMU_EXTRA_PIRQS;
}

static void evtchn_free_state(struct evtchn_domain *ed)
{
    unsigned int b;

    for ( b = 0; b < EVTCHN_NR_BUCKETS; b++ )
        xfree(ed->bucket[b]);
    xfree(ed->virq_to_port);
    xfree(ed->pirq_to_port);
    xfree(ed);
}

int evtchn_domain_init(struct domain *d)
{
    struct evtchn_domain *ed = xzalloc(struct evtchn_domain);

    if ( !ed )
        return -ENOMEM;
    spin_lock_init(&ed->lock);
    ed->ops = &evtchn_port_ops_2l;
    ed->nr_pirqs = domain_nr_pirqs(d);
    ed->virq_to_port = xzalloc_bytes(d->max_vcpus * sizeof(*ed->virq_to_port));
    ed->pirq_to_port = xzalloc_array(evtchn_port_t, ed->nr_pirqs);
    d->evtchn = ed;
    if ( !ed->virq_to_port || !ed->pirq_to_port || ensure_bucket(d, 0) )
    {
        d->evtchn = NULL;
        evtchn_free_state(ed);
        return -ENOMEM;
    }
    evtchn_from_port(d, 0)->state = ECS_RESERVED;
    return 0;
}

void evtchn_domain_destroy(struct domain *d)
{
    struct evtchn_domain *ed = d->evtchn;
    unsigned long flags;
    evtchn_port_t port;

    if ( !ed )
        return;
    flags = evtchn_lock(d);
    ed->dying = true;
    evtchn_unlock(d, flags);
    /* Interdomain peers become unbound; after this nobody points at d. */
    for ( port = 1; port < ed->valid_ports; port++ )
        evtchn_close(d, port);
    flags = evtchn_lock(d);
    if ( ed->fifo )
        evtchn_fifo_destroy(d);
    d->evtchn = NULL;
    spin_unlock_irqrestore(&ed->lock, flags);
    evtchn_free_state(ed);
}
