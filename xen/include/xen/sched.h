/* SPDX-License-Identifier: GPL-2.0-only */
/* Domains and vCPUs, and the scheduler interface.
 *
 * Lifetimes and locks (the legend for every field below):
 *   [c] set at creation, constant afterwards
 *   [d] guarded by d->lock
 *   [r] guarded by the runqueue lock of v->processor (see sched/core.c)
 *   [a] updated with atomic operations, read anywhere
 *   [v] touched only by the CPU currently running the vCPU */
#ifndef XEN_SCHED_H
#define XEN_SCHED_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <xen/mm.h>
#include <xen/timer.h>
#include <xen/percpu.h>
#include <xen/rcu.h>
#include <asm/domain.h>
#include <public/xen.h>
#include <public/vcpu.h>
#include <public/event_channel.h>


#define MAX_VIRT_CPUS           128

/* vCPU pause flags: any set bit keeps the vCPU off the CPUs. */
#define _VPF_blocked    0       /* waiting for an event (HLT, SCHEDOP_block/poll) */
#define _VPF_down       1       /* not brought up (APs before INIT-SIPI-SIPI) */
#define VPF_blocked     (1UL << _VPF_blocked)
#define VPF_down        (1UL << _VPF_down)

struct vcpu {
    unsigned int vcpu_id;                   /* [c] */
    struct domain *domain;                  /* [c] */
    unsigned int processor;                 /* [r] CPU whose runqueue holds it */
    volatile unsigned long pause_flags;     /* [a] VPF_* */
    int pause_count;                        /* [a] nested vcpu_pause() */
    volatile bool is_running;               /* [r] on a CPU right now */
    bool on_runqueue;                       /* [r] */
    struct vcpu *rq_next;                   /* [r] */
    s_time_t runstate_entry;                /* [r] when it last started or stopped */
    s_time_t cpu_time;                      /* [r] total time run */
    struct vcpu_info *vcpu_info;            /* [d] where its event/time data lives */
    unsigned long vcpu_info_mfn;            /* [d] INVALID_MFN: the shared_info slot */
    struct timer singleshot_timer;          /* [v] VCPUOP_set_singleshot_timer */
    struct timer periodic_timer;            /* [v] */
    s_time_t periodic_period;               /* [v] 0: off */
    s_time_t periodic_last_event;           /* [v] when the last tick was sent */
    struct vcpu_runstate_info runstate;     /* [r] */
    uint64_t runstate_gva;                  /* [v] guest copy of runstate; 0: none */
    uint64_t time_area_gva;                 /* [v] extra vcpu_time_info copy; 0: none */
    struct timer poll_timer;                /* [v] SCHEDOP_poll timeout */
    volatile bool polling;                  /* [a] blocked in SCHEDOP_poll */
    evtchn_port_t poll_port;                /* [v] the port, when only one */
    unsigned int poll_nr;                   /* [v] how many ports it polls */
    struct arch_vcpu arch;                  /* [v] */
};

enum domain_state {
    DOMSTATE_running,
    DOMSTATE_shutdown,                      /* shut down, reason in shutdown_code */
    DOMSTATE_dying,
};

struct domain {
    domid_t domain_id;                      /* [c] */
    bool is_privileged;                     /* [c] the hardware domain */
    unsigned int max_vcpus;                 /* [c] */
    uint32_t cdf;                           /* [c] XEN_DOMCTL_CDF_* it was made with */
    uint32_t emulation_flags, misc_flags;   /* [c] XEN_X86_EMU_*, XEN_X86_MSR_* */
    uint32_t max_evtchn_port;               /* [c] highest port it may bind */
    uint8_t handle[16];                     /* [d] the toolstack's UUID */
    unsigned int controller_pause_count;    /* [d] the toolstack's pauses */
    struct vcpu **vcpu;                     /* [c] array of max_vcpus */
    spinlock_t lock;
    struct page_list_entry page_list;       /* [d] pages it owns */
    unsigned long tot_pages;                /* [d] */
    unsigned long max_pages;                /* [d] */
    struct shared_info *shared_info;        /* [c] a xenheap page */
    enum domain_state state;                /* [d] */
    int shutdown_code;                      /* [d] SHUTDOWN_* reason; -1 before any */
    int pause_count;                        /* [a] */
    unsigned long vm_assist;                /* [a] VMASST_TYPE_* bits enabled */
    struct evtchn_domain *evtchn;           /* [c] event channels (event_channel.c) */
    struct grant_table *grant_table;        /* [c] grant tables (grant_table.c) */
    struct domain *next_in_list;            /* guarded by domlist_lock */
    struct rcu_head rcu;                    /* its freeing, once killed */
    struct arch_domain arch;
};

extern struct domain *hardware_domain;

/* Every vCPU is allocated at domain creation, so the array has no holes. */
static inline struct vcpu *next_vcpu(const struct vcpu *v)
{
    const struct domain *d = v->domain;

    return v->vcpu_id + 1 < d->max_vcpus ? d->vcpu[v->vcpu_id + 1] : NULL;
}

#define for_each_vcpu(d, v) \
    for ( (v) = (d)->vcpu[0]; (v); (v) = next_vcpu(v) )

/* The vCPU this CPU is running, or NULL in the scheduler loop. */
#define current (this_cpu()->curr)

struct domain_config {
    unsigned int max_vcpus;
    bool privileged;                        /* the hardware domain */
    uint32_t cdf, emulation_flags, misc_flags;  /* kept for getdomaininfo */
    uint32_t max_evtchn_port;
    unsigned int max_grant_frames, max_maptrack_frames;
};

/* NULL if the id is taken or out of range, or memory ran out. A domain that
 * is not privileged starts paused once by the controller, with no memory
 * allowance (max_pages 0) and no vCPUs (domain_create_vcpus makes them, each
 * down until given a state). */
struct domain *domain_create(domid_t id, const struct domain_config *cfg);
/* Creates the vCPUs d does not have yet, 0 up to max_vcpus - 1: 0 or -ENOMEM
 * (those made so far stay). */
int domain_create_vcpus(struct domain *d);
/* Takes d off the domain list, stops it and frees it after a grace period. */
int domain_kill(struct domain *d);
/* The domain with this id, valid until the caller's next quiescent point. */
struct domain *get_domain_by_id(domid_t id);
/* The first domain whose id is at least id, or NULL. */
struct domain *get_domain_from(domid_t id);
/* Calls fn for every domain, with the domain list locked. */
void domain_for_each(void (*fn)(struct domain *d, void *ctx), void *ctx);
int domain_pause_by_controller(struct domain *d);
int domain_unpause_by_controller(struct domain *d);
void domain_shutdown(struct domain *d, int reason);
void domain_crash(struct domain *d, const char *why);
void domain_pause(struct domain *d);
void domain_unpause(struct domain *d);
/* domain_pause, then waits until none of d's vCPUs is running. */
void domain_pause_sync(struct domain *d);
/* Gives d a page (owner set, on its page list); NULL past max_pages, when
 * the heap is empty, or once d is dying. */
struct page_info *domain_alloc_page(struct domain *d);
/* Ends every other domain's foreign mapping of d's pages (memory.c). */
void foreign_revoke(struct domain *d);
void dump_domains(void);

/* Scheduler. */
void scheduler_init(void);
void sched_add_vcpu(struct vcpu *v, unsigned int cpu);
void sched_remove_vcpu(struct vcpu *v);
void vcpu_wake(struct vcpu *v);
void vcpu_block(struct vcpu *v);
void vcpu_yield(struct vcpu *v);
bool vcpu_runnable(const struct vcpu *v);
/* True when the running vCPU must return to the scheduler. */
bool sched_should_stop(struct vcpu *v);
void __noreturn scheduler_loop(void);
/* Moves v's runstate to state at time now and copies it to the guest's area. */
void vcpu_timers_init(struct vcpu *v);
void vcpu_poll_init(struct vcpu *v);
void vcpu_periodic_timer_work(struct vcpu *v);
/* Ends v's SCHEDOP_poll, if it is in one. */
void vcpu_poll_done(struct vcpu *v);
void vcpu_runstate_change(struct vcpu *v, int state, s_time_t now);
/* Copies v's runstate, unchanged, to the guest's registered area. */
void write_runstate_area(struct vcpu *v);

/* Publishes system time to v's vcpu_time_info (arch/x86/time.c). */
void update_vcpu_system_time(struct vcpu *v);
/* Wallclock at system time 0, into d's shared_info. */
void update_domain_wallclock_time(struct domain *d);

#endif /* XEN_SCHED_H */
