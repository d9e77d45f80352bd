/* SPDX-License-Identifier: GPL-2.0-only */
/* The scheduler core: policy-independent parts, with the policy (sched=) behind
 * struct scheduler (private.h).
 *
 * Each CPU runs scheduler_loop(): ask the policy for a vCPU, run it with
 * hvm_run() until it blocks, yields or its slice ends, hand it back to the
 * policy, repeat; with nothing to run, halt until an interrupt. Guest state
 * lives in the vCPU (registers, VMCB), not on a host stack, so switching vCPUs
 * needs no stack switch. Runstate accounting and the per-vCPU timers that follow
 * scheduling (periodic ticks) are handled here for every policy. */
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
#include "private.h"

/* The policies sched= can choose from; the first is the default. */
static const struct scheduler *const schedulers[] = { &sched_rr };
static const struct scheduler *sched = &sched_rr;

static struct timer slice_timers[NR_CPUS];

static char opt_sched[16] = "rr";
string_param("sched", opt_sched);

bool vcpu_runnable(const struct vcpu *v)
{
    const struct domain *d = v->domain;

    return !v->pause_flags && !v->pause_count && !d->pause_count &&
           d->state == DOMSTATE_running;
}

void sched_add_vcpu(struct vcpu *v, unsigned int cpu)
{
    v->processor = cpu;
    v->runstate.state = (v->pause_flags & VPF_down) ? RUNSTATE_offline : RUNSTATE_runnable;
    v->runstate.state_entry_time = (uint64_t)NOW();
}

void sched_remove_vcpu(struct vcpu *v)
{
    sched->remove(v);
    /* It may still be running elsewhere for one last exit: wait for that. */
    while ( v->is_running )
        cpu_relax();
}

void vcpu_wake(struct vcpu *v)
{
    sched->wake(v);
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
    set_timer(&slice_timers[cpu], start + sched->timeslice);
    hvm_run(v);
    stop_timer(&slice_timers[cpu]);
    stop_timer(&v->periodic_timer);
    this_cpu()->curr = NULL;
    end = NOW();
    v->cpu_time += end - start;
    vcpu_runstate_change(v, state_after_run(v), end);
    sched->put_prev(cpu, v);
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
        if ( (v = sched->pick(cpu)) )
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
    const struct scheduler *chosen = NULL;

    for ( i = 0; i < ARRAY_SIZE(schedulers); i++ )
        if ( !strcmp(opt_sched, schedulers[i]->name) )
            chosen = schedulers[i];
    if ( !chosen )
        printk(XENLOG_WARNING "Scheduler \"%s\" is not available: using %s\n", opt_sched,
               sched->desc);
    else
        sched = chosen;
    sched->init();
    for ( i = 0; i < NR_CPUS; i++ )
        init_timer(&slice_timers[i], slice_expired, NULL, i);
    open_softirq(SCHEDULE_SOFTIRQ, schedule_softirq);
    printk("Using scheduler: %s (%s), %ld ms timeslice\n", sched->desc, sched->name,
           (long)(sched->timeslice / 1000000));
}

static void dump_runqueues(unsigned char key)
{
    unsigned int cpu;

    printk("'%c' pressed -> dumping run queues (%s)\n", key, sched->desc);
    for_each_online_cpu ( cpu )
        sched->dump(cpu);
}
KEYHANDLER('r', dump_runqueues, "dump run queues");
