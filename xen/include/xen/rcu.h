/* SPDX-License-Identifier: GPL-2.0-only */
/* Deferred freeing (a small RCU): call_rcu() runs a callback once every CPU has
 * passed a quiescent point, i.e. returned to its scheduler loop or taken a
 * guest exit, so no CPU can still hold a pointer it found before the call.
 * Readers need no lock, only the rule: do not keep such pointers across a
 * return to the scheduler loop or a guest entry. */
#ifndef XEN_RCU_H
#define XEN_RCU_H

#include <xen/types.h>

struct rcu_head {
    struct rcu_head *next;
    void (*func)(struct rcu_head *head);
};

void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head));
/* This CPU is at a quiescent point (cheap when no grace period is running). */
void rcu_quiescent(void);
void rcu_quiescent_cpu(unsigned int cpu);
/* A CPU joins the set that grace periods wait for. */
void rcu_cpu_online(unsigned int cpu);
/* Asks every other CPU to pass a quiescent point soon (IPI); may be NULL. */
extern void (*rcu_kick_others)(void);
/* Grace periods completed so far, for tests and the 'm' key. */
unsigned long rcu_completed(void);

#endif /* XEN_RCU_H */
