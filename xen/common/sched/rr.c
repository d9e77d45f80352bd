/* SPDX-License-Identifier: GPL-2.0-only */
/* The round-robin policy: one FIFO run queue per CPU and a fixed timeslice; an
 * idle CPU steals from the busiest queue. A vCPU is on at most one queue and
 * runs on at most one CPU; both facts change only under the lock of the queue
 * v->processor names. Waking a running vCPU only clears its flags: the CPU
 * running it puts it back on a queue when it returns to the scheduler. */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include "private.h"

struct runqueue {
    spinlock_t lock;
    struct vcpu *head, *tail;
    unsigned int nr;
};

static struct runqueue runqueues[NR_CPUS];

static void rq_append(struct runqueue *rq, struct vcpu *v)
{
    v->rq_next = NULL;
    if ( rq->tail )
        rq->tail->rq_next = v;
    else
        rq->head = v;
    rq->tail = v;
    rq->nr++;
    v->on_runqueue = true;
}

static struct vcpu *rq_pop(struct runqueue *rq)
{
    struct vcpu *v = rq->head;

    if ( !v )
        return NULL;
    rq->head = v->rq_next;
    if ( !rq->head )
        rq->tail = NULL;
    rq->nr--;
    v->on_runqueue = false;
    v->rq_next = NULL;
    return v;
}

static void rq_remove(struct runqueue *rq, struct vcpu *v)
{
    struct vcpu **pp, *prev = NULL;

    for ( pp = &rq->head; *pp && *pp != v; pp = &(*pp)->rq_next )
        prev = *pp;
    if ( !*pp )
        return;
    *pp = v->rq_next;
    if ( rq->tail == v )
        rq->tail = prev;
    rq->nr--;
    v->on_runqueue = false;
}

/* A CPU with nothing to run and nothing queued, other than busy; else busy.
 * A hint read without locks: at worst the vCPU waits one slice. */
static unsigned int idle_cpu_other_than(unsigned int busy)
{
    unsigned int cpu;

    for_each_online_cpu ( cpu )
        if ( cpu != busy && !cpu_infos[cpu]->curr && !runqueues[cpu].nr )
            return cpu;
    return busy;
}

static bool wakeable(const struct vcpu *v)
{
    return vcpu_runnable(v) && !v->on_runqueue && !v->is_running;
}

/* Queues v where it last ran, unless that CPU is busy and another idles:
 * then v moves there (it is on no queue and not running, so its queue's lock
 * is all that guards v->processor) and that CPU is woken to run it. */
static void rr_wake(struct vcpu *v)
{
    unsigned int cpu = v->processor, target;
    struct runqueue *rq = &runqueues[cpu];
    unsigned long flags;

    spin_lock_irqsave(&rq->lock, flags);
    if ( v->processor != cpu || !wakeable(v) )
    {
        spin_unlock_irqrestore(&rq->lock, flags);
        return;
    }
    target = cpu_infos[cpu]->curr ? idle_cpu_other_than(cpu) : cpu;
    if ( target != cpu )
    {
        v->processor = target;
        spin_unlock_irqrestore(&rq->lock, flags);
        rq = &runqueues[target];
        spin_lock_irqsave(&rq->lock, flags);
    }
    if ( v->processor == target && wakeable(v) )
        rq_append(rq, v);
    spin_unlock_irqrestore(&rq->lock, flags);
    cpu_raise_softirq(target, SCHEDULE_SOFTIRQ);
}

static void rr_remove(struct vcpu *v)
{
    struct runqueue *rq = &runqueues[v->processor];
    unsigned long flags;

    spin_lock_irqsave(&rq->lock, flags);
    if ( v->on_runqueue )
        rq_remove(rq, v);
    spin_unlock_irqrestore(&rq->lock, flags);
}

/* An idle CPU takes the second vCPU of the longest queue elsewhere; the first
 * stays where it is because its CPU is about to run it. */
static struct vcpu *steal(unsigned int me)
{
    unsigned int cpu, best = me, most = 1;
    struct vcpu *v = NULL;
    unsigned long flags;

    for_each_online_cpu ( cpu )
        if ( cpu != me && runqueues[cpu].nr > most )
        {
            most = runqueues[cpu].nr;
            best = cpu;
        }
    if ( best == me )
        return NULL;
    spin_lock_irqsave(&runqueues[best].lock, flags);
    if ( runqueues[best].nr > 1 && runqueues[best].head->rq_next )
    {
        v = runqueues[best].head->rq_next;
        rq_remove(&runqueues[best], v);
        v->is_running = true;
        v->processor = me;
    }
    spin_unlock_irqrestore(&runqueues[best].lock, flags);
    return v;
}

static struct vcpu *rr_pick(unsigned int cpu)
{
    struct runqueue *rq = &runqueues[cpu];
    struct vcpu *v;
    unsigned long flags;

    spin_lock_irqsave(&rq->lock, flags);
    while ( (v = rq_pop(rq)) && !vcpu_runnable(v) )
        continue;
    if ( v )
        v->is_running = true;
    spin_unlock_irqrestore(&rq->lock, flags);
    return v ? v : steal(cpu);
}

static void rr_put_prev(unsigned int cpu, struct vcpu *v)
{
    struct runqueue *rq = &runqueues[cpu];
    unsigned long flags;

    spin_lock_irqsave(&rq->lock, flags);
    v->is_running = false;
    if ( vcpu_runnable(v) && !v->on_runqueue )
        rq_append(rq, v);
    spin_unlock_irqrestore(&rq->lock, flags);
}

static void rr_init(void)
{
    unsigned int i;

    for ( i = 0; i < NR_CPUS; i++ )
        spin_lock_init(&runqueues[i].lock);
}

static void rr_dump(unsigned int cpu)
{
    struct vcpu *v;

    printk("CPU%u: %u queued%s\n", cpu, runqueues[cpu].nr,
           cpu_infos[cpu]->curr ? ", running a vCPU" : "");
    for ( v = runqueues[cpu].head; v; v = v->rq_next )
        printk("    d%uv%u\n", v->domain->domain_id, v->vcpu_id);
}

const struct scheduler sched_rr = {
    .name = "rr",
    .desc = "round-robin",
    .timeslice = MILLISECS(10),
    .init = rr_init,
    .wake = rr_wake,
    .remove = rr_remove,
    .pick = rr_pick,
    .put_prev = rr_put_prev,
    .dump = rr_dump,
};
