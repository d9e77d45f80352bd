/* SPDX-License-Identifier: GPL-2.0-only */
/* A small RCU for deferred frees.
 *
 * Callbacks queue on `next`. A grace period starts by moving `next` to `waiting`
 * and recording which CPUs must report in (`pending`). Each CPU reports at its
 * quiescent points; the last one to report ends the grace period, runs the
 * `waiting` callbacks (outside the lock) and starts the next period if more
 * callbacks queued meanwhile. Idle CPUs would never report, so starting a
 * period kicks the others with an IPI, which brings each through its loop.
 *
 * Example: CPU0 calls call_rcu(h) with CPUs {0,1} online: pending={0,1}. CPU1
 * exits its guest (reports: pending={0}); CPU0 returns to its scheduler loop
 * (reports: pending={}), the period ends and h->func(h) runs on CPU0. */
#include <xen/bitmap.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/rcu.h>
#include <xen/spinlock.h>

static DEFINE_SPINLOCK(rcu_lock);
static struct rcu_head *next_head, **next_tail = &next_head;
static struct rcu_head *waiting;
static DECLARE_BITMAP(online, NR_CPUS);
static DECLARE_BITMAP(pending, NR_CPUS);
static volatile bool gp_active;
static unsigned long completed;
void (*rcu_kick_others)(void);

void rcu_cpu_online(unsigned int cpu)
{
    unsigned long flags;

    spin_lock_irqsave(&rcu_lock, flags);
    __set_bit(cpu, online);
    spin_unlock_irqrestore(&rcu_lock, flags);
}

/* With rcu_lock held: true if a period was started. */
static bool start_gp_locked(void)
{
    if ( gp_active || !next_head )
        return false;
    waiting = next_head;
    next_head = NULL;
    next_tail = &next_head;
    bitmap_copy(pending, online, NR_CPUS);
    gp_active = true;
    return true;
}

void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head))
{
    unsigned long flags;
    bool started;

    head->func = func;
    head->next = NULL;
    spin_lock_irqsave(&rcu_lock, flags);
    *next_tail = head;
    next_tail = &head->next;
    started = start_gp_locked();
    spin_unlock_irqrestore(&rcu_lock, flags);
    if ( started && rcu_kick_others )
        rcu_kick_others();
}

static void run_callbacks(struct rcu_head *list)
{
    while ( list )
    {
        struct rcu_head *h = list;

        list = h->next;
        h->func(h);
    }
}

void rcu_quiescent_cpu(unsigned int cpu)
{
    struct rcu_head *done = NULL;
    unsigned long flags;
    bool started = false;

    if ( !gp_active )
        return;
    spin_lock_irqsave(&rcu_lock, flags);
    if ( gp_active && test_bit(cpu, pending) )
    {
        __clear_bit(cpu, pending);
        if ( bitmap_empty(pending, NR_CPUS) )
        {
            done = waiting;
            waiting = NULL;
            gp_active = false;
            completed++;
            started = start_gp_locked();
        }
    }
    spin_unlock_irqrestore(&rcu_lock, flags);
    run_callbacks(done);
    if ( started && rcu_kick_others )
        rcu_kick_others();
}

void rcu_quiescent(void)
{
    rcu_quiescent_cpu(smp_processor_id());
}

unsigned long rcu_completed(void)
{
    return completed;
}
