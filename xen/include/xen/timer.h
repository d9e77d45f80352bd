/* SPDX-License-Identifier: GPL-2.0-only */
/* One-shot software timers, kept per CPU in a min-heap and run from TIMER_SOFTIRQ.
 * Callbacks run on the timer's CPU with interrupts enabled; they may re-arm. */
#ifndef XEN_TIMER_H
#define XEN_TIMER_H

#include <xen/types.h>

struct timer {
    s_time_t expires;
    void (*fn)(void *data);
    void *data;
    unsigned int cpu;
    int heap_index;                     /* -1 when not queued */
};

#define MILLISECS(ms)   ((s_time_t)(ms) * 1000000LL)
#define MICROSECS(us)   ((s_time_t)(us) * 1000LL)
#define SECONDS(s)      ((s_time_t)(s) * 1000000000LL)

s_time_t NOW(void);
void init_timer(struct timer *t, void (*fn)(void *), void *data, unsigned int cpu);
void set_timer(struct timer *t, s_time_t expires);
void stop_timer(struct timer *t);
bool timer_is_active(const struct timer *t);
void timer_subsystem_init(void);
void dump_timers(void);

#endif /* XEN_TIMER_H */
