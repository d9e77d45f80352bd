/* SPDX-License-Identifier: GPL-2.0-only */
/* Softirqs: deferred work raised from interrupt context and run, with interrupts
 * enabled, on the way back to the idle loop. */
#ifndef XEN_SOFTIRQ_H
#define XEN_SOFTIRQ_H

enum {
    TIMER_SOFTIRQ,
    CALL_FUNCTION_SOFTIRQ,
    SCHEDULE_SOFTIRQ,
    NR_SOFTIRQS
};

typedef void (*softirq_handler)(void);

void open_softirq(unsigned int nr, softirq_handler fn);
void raise_softirq(unsigned int nr);
void cpu_raise_softirq(unsigned int cpu, unsigned int nr);
void do_softirq(void);
bool softirq_pending(unsigned int cpu);

#endif /* XEN_SOFTIRQ_H */
