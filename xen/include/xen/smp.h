/* SPDX-License-Identifier: GPL-2.0-only */
/* Cross-CPU calls and IPIs. */
#ifndef XEN_SMP_H
#define XEN_SMP_H

#include <xen/types.h>

/* Runs fn(info) on cpu (possibly this one) and returns after it finished. Calls are
 * serialised: one cross-CPU call is in flight at a time. fn runs in interrupt
 * context on the target and must not wait for the caller. */
void on_cpu(unsigned int cpu, void (*fn)(void *), void *info);
/* Runs fn(info) on every online CPU, this one included, and waits for all. */
void on_each_cpu(void (*fn)(void *), void *info);
void send_event_check_ipi(unsigned int cpu);
void smp_send_stop(void);
void smp_call_init(void);

#endif /* XEN_SMP_H */
