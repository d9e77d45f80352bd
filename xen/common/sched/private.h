/* SPDX-License-Identifier: GPL-2.0-only */
/* The interface between the scheduler core (core.c) and a policy (rr.c, ...). */
#ifndef COMMON_SCHED_PRIVATE_H
#define COMMON_SCHED_PRIVATE_H

#include <xen/sched.h>

/* A policy owns its run queues and their locks. pick() marks the vCPU it
 * returns is_running; put_prev() clears it and queues the vCPU again if it is
 * still runnable; wake() queues a runnable vCPU that is neither queued nor
 * running and makes its CPU reschedule. */
struct scheduler {
    const char *name;           /* what sched= names */
    const char *desc;
    s_time_t timeslice;
    void (*init)(void);
    void (*wake)(struct vcpu *v);
    void (*remove)(struct vcpu *v);
    struct vcpu *(*pick)(unsigned int cpu);
    void (*put_prev)(unsigned int cpu, struct vcpu *v);
    void (*dump)(unsigned int cpu);
};

extern const struct scheduler sched_rr;

#endif /* COMMON_SCHED_PRIVATE_H */
