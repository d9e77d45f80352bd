/* SPDX-License-Identifier: GPL-2.0-only */
/* Cross-CPU function calls and IPIs. One call is in flight at a time (call_lock);
 * the target runs it from its CALL_FUNCTION_VECTOR handler and reports completion
 * by decrementing call.pending; callers always wait for it. A caller must not
 * hold locks the target's handler needs. */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/rcu.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include <asm/apic.h>
#include <asm/irq.h>

static DEFINE_SPINLOCK(call_lock);

static struct {
    void (*fn)(void *);
    void *info;
    volatile unsigned int pending;      /* CPUs that have not finished yet */
} call;

void send_event_check_ipi(unsigned int cpu)
{
    apic_send_ipi(cpu_infos[cpu]->apic_id, APIC_DM_FIXED | EVENT_CHECK_VECTOR);
}

static void call_function_interrupt(struct cpu_user_regs *regs)
{
    void (*fn)(void *) = call.fn;
    void *info = call.info;

    ack_APIC_irq();
    this_cpu()->irq_regs = regs;
    fn(info);
    this_cpu()->irq_regs = NULL;
    __atomic_fetch_sub(&call.pending, 1, __ATOMIC_SEQ_CST);
}

static void event_check_interrupt(struct cpu_user_regs *regs)
{
    /* Nothing to do: the point was to leave HLT and look at softirqs. */
    ack_APIC_irq();
}

static void stop_interrupt(struct cpu_user_regs *regs)
{
    local_irq_disable();
    this_cpu()->online = false;
    for ( ;; )
        halt();
}

static void run_remote(unsigned int cpu, void (*fn)(void *), void *info)
{
    unsigned long flags;

    spin_lock_irqsave(&call_lock, flags);
    call.fn = fn;
    call.info = info;
    call.pending = 1;
    apic_send_ipi(cpu_infos[cpu]->apic_id, APIC_DM_FIXED | CALL_FUNCTION_VECTOR);
    while ( call.pending )
        cpu_relax();
    spin_unlock_irqrestore(&call_lock, flags);
}

void on_cpu(unsigned int cpu, void (*fn)(void *), void *info)
{
    if ( cpu == smp_processor_id() )
    {
        fn(info);
        return;
    }
    if ( cpu >= nr_cpu_ids || !cpu_infos[cpu] || !cpu_infos[cpu]->online )
        return;
    run_remote(cpu, fn, info);
}

void on_each_cpu(void (*fn)(void *), void *info)
{
    unsigned int cpu;

    for_each_online_cpu ( cpu )
        on_cpu(cpu, fn, info);
}

void smp_send_stop(void)
{
    unsigned int cpu, me = smp_processor_id();

    for_each_online_cpu ( cpu )
        if ( cpu != me )
            apic_send_ipi(cpu_infos[cpu]->apic_id, APIC_DM_FIXED | STOP_VECTOR);
}

static void kick_others(void)
{
    unsigned int cpu, me = smp_processor_id();

    for_each_online_cpu ( cpu )
        if ( cpu != me )
            send_event_check_ipi(cpu);
}

void smp_call_init(void)
{
    rcu_kick_others = kick_others;
    set_irq_handler(CALL_FUNCTION_VECTOR, call_function_interrupt);
    set_irq_handler(EVENT_CHECK_VECTOR, event_check_interrupt);
    set_irq_handler(STOP_VECTOR, stop_interrupt);
}
