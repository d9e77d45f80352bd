/* SPDX-License-Identifier: MIT */
/* sched_op: yield, block, poll, shutdown, and the shutdown reasons. */
#ifndef __XEN_PUBLIC_SCHED_H__
#define __XEN_PUBLIC_SCHED_H__

#include "xen.h"
#include "event_channel.h"

#define SCHEDOP_yield           0       /* arg NULL */
#define SCHEDOP_block           1       /* arg NULL; until an event is pending */
#define SCHEDOP_shutdown        2
#define SCHEDOP_poll            3
#define SCHEDOP_remote_shutdown 4
#define SCHEDOP_shutdown_code   5       /* record the reason for later */
#define SCHEDOP_watchdog        6       /* id 0 creates; timeout 0 destroys */
#define SCHEDOP_pin_override    7       /* hardware domain only */

#define SHUTDOWN_poweroff       0
#define SHUTDOWN_reboot         1
#define SHUTDOWN_suspend        2
#define SHUTDOWN_crash          3
#define SHUTDOWN_watchdog       4
#define SHUTDOWN_soft_reset     5
#define SHUTDOWN_MAX            5

struct sched_shutdown {
    unsigned int reason;
};
typedef struct sched_shutdown sched_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_shutdown_t);

struct sched_poll {
    XEN_GUEST_HANDLE(evtchn_port_t) ports;
    unsigned int nr_ports;
    uint64_t timeout;           /* absolute system time in ns; 0: none */
};
typedef struct sched_poll sched_poll_t;
DEFINE_XEN_GUEST_HANDLE(sched_poll_t);

struct sched_remote_shutdown {
    domid_t domain_id;
    unsigned int reason;
};
typedef struct sched_remote_shutdown sched_remote_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_remote_shutdown_t);

struct sched_watchdog {
    uint32_t id;
    uint32_t timeout;
};
typedef struct sched_watchdog sched_watchdog_t;
DEFINE_XEN_GUEST_HANDLE(sched_watchdog_t);

struct sched_pin_override {
    int32_t pcpu;
};
typedef struct sched_pin_override sched_pin_override_t;
DEFINE_XEN_GUEST_HANDLE(sched_pin_override_t);

XEN_ABI_SIZE(struct sched_shutdown, 4);
XEN_ABI_SIZE(struct sched_poll, 24);
XEN_ABI_OFFSET(struct sched_poll, nr_ports, 8);
XEN_ABI_OFFSET(struct sched_poll, timeout, 16);
XEN_ABI_SIZE(struct sched_remote_shutdown, 8);
XEN_ABI_OFFSET(struct sched_remote_shutdown, reason, 4);
XEN_ABI_SIZE(struct sched_watchdog, 8);
XEN_ABI_SIZE(struct sched_pin_override, 4);

#endif /* __XEN_PUBLIC_SCHED_H__ */
