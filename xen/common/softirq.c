/* SPDX-License-Identifier: GPL-2.0-only */
/* Softirq bits live in each CPU's cpu_info; raising one on another CPU sends it an
 * event-check IPI so it leaves its idle HLT and runs the handler. */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/softirq.h>

static softirq_handler handlers[NR_SOFTIRQS];

void open_softirq(unsigned int nr, softirq_handler fn)
{
    BUG_ON(nr >= NR_SOFTIRQS);
    handlers[nr] = fn;
}

void raise_softirq(unsigned int nr)
{
    __atomic_fetch_or(&this_cpu()->softirq_pending, 1UL << nr, __ATOMIC_SEQ_CST);
}

void cpu_raise_softirq(unsigned int cpu, unsigned int nr)
{
    struct cpu_info *c = cpu_infos[cpu];
    unsigned long old;

    old = __atomic_fetch_or(&c->softirq_pending, 1UL << nr, __ATOMIC_SEQ_CST);
    if ( cpu != smp_processor_id() && !(old & (1UL << nr)) )
        send_event_check_ipi(cpu);
}

bool softirq_pending(unsigned int cpu)
{
    return cpu_infos[cpu]->softirq_pending != 0;
}

void do_softirq(void)
{
    struct cpu_info *c = this_cpu();
    unsigned long pending;
    unsigned int nr;

    while ( (pending = __atomic_exchange_n(&c->softirq_pending, 0, __ATOMIC_SEQ_CST)) )
    {
        for ( nr = 0; nr < NR_SOFTIRQS; nr++ )
            if ( (pending & (1UL << nr)) && handlers[nr] )
                handlers[nr]();
    }
}
