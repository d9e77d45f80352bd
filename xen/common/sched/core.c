/* SPDX-License-Identifier: GPL-2.0-only */
/* The scheduler: per-CPU round-robin runqueues with a fixed timeslice.
 *
 * Each CPU runs scheduler_loop(): take the first runnable vCPU from its own queue
 * (or steal one from a busier CPU), run it with hvm_run() until it blocks, yields
 * or its slice ends, put it back if still runnable, repeat; with nothing to run,
 * halt until an interrupt. Guest state lives in the vCPU (registers, VMCB), not on
 * a host stack, so switching vCPUs needs no stack switch.
 *
 * A vCPU is on at most one runqueue and runs on at most one CPU: both facts change
 * only under that runqueue's lock (v->processor names it). Waking a vCPU that is
 * running just clears its flags; the running CPU notices at its next exit. */
#include <xen/lib.h>
#include <xen/keyhandler.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/rcu.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/string.h>
#include <xen/timer.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/hvm.h>
#include <asm/system.h>

#define TIMESLICE_NS    MILLISECS(10)

struct runqueue {
    spinlock_t lock;
    struct vcpu *head, *tail;
    unsigned int nr;
    struct timer slice_timer;
};

static struct runqueue runqueues[NR_CPUS];

static char opt_sched[16] = "rr";
string_param("sched", opt_sched);

bool vcpu_runnable(const struct vcpu *v)
{
    const struct domain *d = v->domain;

    return !v->pause_flags && !v->pause_count && !d->pause_count &&
           d->state == DOMSTATE_running;
}

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

void sched_add_vcpu(struct vcpu *v, unsigned int cpu)
{
    v->processor = cpu;
    v->runstate.state = (v->pause_flags & VPF_down) ? RUNSTATE_offline : RUNSTATE_runnable;
    v->runstate.state_entry_time = (uint64_t)NOW();
}

void sched_remove_vcpu(struct vcpu *v)
{
    struct runqueue *rq = &runqueues[v->processor];
    unsigned long flags;

    spin_lock_irqsave(&rq->lock, flags);
    if ( v->on_runqueue )
        rq_remove(rq, v);
    spin_unlock_irqrestore(&rq->lock, flags);
    /* It may still be running elsewhere for one last exit: wait for that. */
    while ( v->is_running )
        cpu_relax();
}

void vcpu_wake(struct vcpu *v)
{
    struct runqueue *rq = &runqueues[v->processor];
    unsigned long flags;
    bool kick = false;

    spin_lock_irqsave(&rq->lock, flags);
    if ( vcpu_runnable(v) && !v->on_runqueue && !v->is_running )
    {
        rq_append(rq, v);
        kick = true;
    }
    spin_unlock_irqrestore(&rq->lock, flags);
    if ( kick )
        cpu_raise_softirq(v->processor, SCHEDULE_SOFTIRQ);
}

void vcpu_block(struct vcpu *v)
{
    __atomic_fetch_or(&v->pause_flags, VPF_blocked, __ATOMIC_SEQ_CST);
}

void vcpu_yield(struct vcpu *v)
{
    this_cpu()->need_resched = true;
}

bool sched_should_stop(struct vcpu *v)
{
    return this_cpu()->need_resched || !vcpu_runnable(v);
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

static struct vcpu *pick_next(unsigned int cpu)
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

static void put_prev(unsigned int cpu, struct vcpu *v)
{
    struct runqueue *rq = &runqueues[cpu];
    unsigned long flags;

    spin_lock_irqsave(&rq->lock, flags);
    v->is_running = false;
    if ( vcpu_runnable(v) && !v->on_runqueue )
        rq_append(rq, v);
    spin_unlock_irqrestore(&rq->lock, flags);
}

static void slice_expired(void *unused)
{
    raise_softirq(SCHEDULE_SOFTIRQ);
}

static void schedule_softirq(void)
{
    this_cpu()->need_resched = true;
}

/* The guest's copy is written through its current page tables; if they do not
 * map it (yet), the update is skipped, as in Xen. With the runstate update flag
 * the guest sees XEN_RUNSTATE_UPDATE set while the copy is inconsistent. */
void write_runstate_area(struct vcpu *v)
{
    uint64_t gva = v->runstate_gva;
    struct vcpu_runstate_info r = v->runstate;
    bool flag = v->domain->vm_assist & (1UL << VMASST_TYPE_runstate_update_flag);
    uint64_t entry = r.state_entry_time | XEN_RUNSTATE_UPDATE;
    size_t off = offsetof(struct vcpu_runstate_info, state_entry_time);

    if ( !gva )
        return;
    if ( flag && copy_to_guest(v, gva + off, &entry, sizeof(entry)) )
        return;
    if ( flag )
        r.state_entry_time |= XEN_RUNSTATE_UPDATE;
    if ( copy_to_guest(v, gva, &r, sizeof(r)) )
        return;
    if ( flag )
        copy_to_guest(v, gva + off, &v->runstate.state_entry_time, sizeof(uint64_t));
}

void vcpu_runstate_change(struct vcpu *v, int state, s_time_t now)
{
    uint64_t prev = v->runstate.state_entry_time;

    if ( (uint64_t)now > prev )
        v->runstate.time[v->runstate.state] += (uint64_t)now - prev;
    v->runstate.state = state;
    v->runstate.state_entry_time = (uint64_t)now;
    write_runstate_area(v);
}

static int state_after_run(const struct vcpu *v)
{
    if ( v->pause_flags & VPF_down )
        return RUNSTATE_offline;
    if ( v->pause_flags & VPF_blocked )
        return RUNSTATE_blocked;
    return RUNSTATE_runnable;
}

static void run_one(unsigned int cpu, struct vcpu *v)
{
    s_time_t start = NOW(), end;

    this_cpu()->need_resched = false;
    this_cpu()->curr = v;
    vcpu_runstate_change(v, RUNSTATE_running, start);
    update_vcpu_system_time(v);
    vcpu_periodic_timer_work(v);
    set_timer(&runqueues[cpu].slice_timer, start + TIMESLICE_NS);
    hvm_run(v);
    stop_timer(&runqueues[cpu].slice_timer);
    stop_timer(&v->periodic_timer);
    this_cpu()->curr = NULL;
    end = NOW();
    v->cpu_time += end - start;
    vcpu_runstate_change(v, state_after_run(v), end);
    put_prev(cpu, v);
}

void __noreturn scheduler_loop(void)
{
    unsigned int cpu = smp_processor_id();

    for ( ;; )
    {
        struct vcpu *v;

        rcu_quiescent();
        local_irq_disable();
        if ( softirq_pending(cpu) )
        {
            local_irq_enable();
            do_softirq();
            continue;
        }
        local_irq_enable();
        if ( (v = pick_next(cpu)) )
        {
            run_one(cpu, v);
            continue;
        }
        local_irq_disable();
        if ( !softirq_pending(cpu) )
            __asm__ __volatile__("sti; hlt" ::: "memory");
        local_irq_enable();
    }
}

void scheduler_init(void)
{
    unsigned int i;

    if ( strcmp(opt_sched, "rr") )
        printk(XENLOG_WARNING "Scheduler \"%s\" is not available: using round-robin\n",
               opt_sched);
    for ( i = 0; i < NR_CPUS; i++ )
    {
        spin_lock_init(&runqueues[i].lock);
        init_timer(&runqueues[i].slice_timer, slice_expired, NULL, i);
    }
    open_softirq(SCHEDULE_SOFTIRQ, schedule_softirq);
    printk("Using scheduler: round-robin (rr), %ld ms timeslice\n",
           (long)(TIMESLICE_NS / 1000000));
}

static void dump_runqueues(unsigned char key)
{
    unsigned int cpu;

    printk("'%c' pressed -> dumping run queues\n", key);
    for_each_online_cpu ( cpu )
    {
        struct vcpu *v;

        printk("CPU%u: %u queued%s\n", cpu, runqueues[cpu].nr,
               cpu_infos[cpu]->curr ? ", running a vCPU" : "");
        for ( v = runqueues[cpu].head; v; v = v->rq_next )
            printk("    d%uv%u\n", v->domain->domain_id, v->vcpu_id);
    }
}
KEYHANDLER('r', dump_runqueues, "dump run queues");
