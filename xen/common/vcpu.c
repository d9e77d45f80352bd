/* SPDX-License-Identifier: GPL-2.0-only */
/* vcpu_op and set_timer_op: vCPU timers (one-shot and periodic, delivered as
 * VIRQ_TIMER), the guest's own vcpu_info and runstate areas, and bringing vCPUs
 * up or down. As in Xen, only the one-shot timer is the calling vCPU's alone;
 * the periodic timer and the areas may be set for any vCPU of the domain. */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/timer.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/support.h>
#include <public/xen.h>
#include <public/vcpu.h>
#include <public/hvm/hvm_vcpu.h>

/* Xen 4.17 takes periods of 1 ms up to 2^62 - 1 ns. */
#define PERIOD_MIN      ((uint64_t)MILLISECS(1))
#define PERIOD_LIMIT    ((uint64_t)1 << 62)

static void singleshot_fired(void *data)
{
    send_guest_vcpu_virq(data, VIRQ_TIMER);
}

/* Periodic ticks are owed only while the vCPU runs, as in Xen: the timer stops
 * when it is descheduled, and on its return one overdue tick is sent at once. */
void vcpu_periodic_timer_work(struct vcpu *v)
{
    s_time_t now = NOW();

    if ( !v->periodic_period )
        return;
    if ( now >= v->periodic_last_event + v->periodic_period )
    {
        send_guest_vcpu_virq(v, VIRQ_TIMER);
        v->periodic_last_event = now;
    }
    set_timer(&v->periodic_timer, v->periodic_last_event + v->periodic_period);
}

static void periodic_fired(void *data)
{
    vcpu_periodic_timer_work(data);
}

void vcpu_timers_init(struct vcpu *v)
{
    init_timer(&v->singleshot_timer, singleshot_fired, v, v->processor);
    init_timer(&v->periodic_timer, periodic_fired, v, v->processor);
}

static long set_singleshot(struct vcpu *v, uint64_t arg)
{
    struct vcpu_set_singleshot_timer t;

    if ( copy_from_guest(v, &t, arg, sizeof(t)) )
        return -EFAULT;
    /* Xen 4.17 ignores VCPU_SSHOTTMR_future: a past deadline fires at once. */
    set_timer(&v->singleshot_timer, (s_time_t)t.timeout_abs_ns);
    return 0;
}

/* Another vCPU's ticks start from here too; the scheduler stops and restarts
 * its timer around each run, as for the vCPU's own. */
static long set_periodic(struct vcpu *v, struct vcpu *target, uint64_t arg)
{
    struct vcpu_set_periodic_timer t;

    if ( copy_from_guest(v, &t, arg, sizeof(t)) )
        return -EFAULT;
    if ( t.period_ns < PERIOD_MIN || t.period_ns >= PERIOD_LIMIT )
        return -EINVAL;
    target->periodic_period = (s_time_t)t.period_ns;
    target->periodic_last_event = 0;    /* the first tick is due now */
    vcpu_periodic_timer_work(target);
    return 0;
}

static long stop_periodic(struct vcpu *target)
{
    target->periodic_period = 0;
    stop_timer(&target->periodic_timer);
    return 0;
}

/* Moves v's vcpu_info into a guest page. The guest then owns its contents; we
 * copy what was there, and owe it a look at every port (selector all ones). */
static long register_vcpu_info(struct vcpu *v, struct vcpu *target, uint64_t arg)
{
    struct vcpu_register_vcpu_info r;
    struct vcpu_info *old = target->vcpu_info, *new;
    char *page;

    if ( copy_from_guest(v, &r, arg, sizeof(r)) )
        return -EFAULT;
    if ( r.offset > PAGE_SIZE - sizeof(struct vcpu_info) || (r.offset & 7) )
        return -ENXIO;
    if ( target->vcpu_info_mfn != INVALID_MFN )
        return -EINVAL;
    if ( target != v && !(target->pause_flags & VPF_down) )
        return -EINVAL;
    if ( !(page = map_guest_frame(v->domain, r.mfn, true)) )
        return -EINVAL;
    new = (struct vcpu_info *)(page + r.offset);
    if ( old )
        memcpy(new, old, sizeof(*new));
    else
        memset(new, 0, sizeof(*new));
    target->vcpu_info = new;
    target->vcpu_info_mfn = r.mfn;
    update_vcpu_system_time(target);
    __atomic_store_n(&new->evtchn_pending_sel, ~0UL, __ATOMIC_SEQ_CST);
    new->evtchn_upcall_pending = 0;
    vcpu_mark_events_pending(target);
    return 0;
}

static long register_area(struct vcpu *v, uint64_t arg, uint64_t *gva)
{
    uint64_t addr;

    if ( copy_from_guest(v, &addr, arg, sizeof(addr)) )
        return -EFAULT;
    *gva = addr;
    return 0;
}

/* Like Xen, the area is filled in at once (failures ignored); a running
 * other vCPU's is left to its next schedule, as its vcpu_info is. */
static long register_time_area(struct vcpu *v, struct vcpu *target, uint64_t arg)
{
    long rc = register_area(v, arg, &target->time_area_gva);

    if ( !rc && (target == v || (target->pause_flags & VPF_down)) )
        update_vcpu_system_time(target);
    return rc;
}

/* A snapshot that counts the current state up to now. */
static void runstate_snapshot(const struct vcpu *target, struct vcpu_runstate_info *r)
{
    uint64_t now = (uint64_t)NOW();

    *r = target->runstate;
    if ( now > r->state_entry_time )
        r->time[r->state] += now - r->state_entry_time;
}

/* The guest sees the runstate as soon as it registers the area: another
 * vCPU's is written through the caller's page tables, and like every
 * runstate write a failure is ignored (any address is accepted). */
static long register_runstate(struct vcpu *v, struct vcpu *target, uint64_t arg)
{
    struct vcpu_runstate_info r;
    long rc = register_area(v, arg, &target->runstate_gva);

    if ( rc || !target->runstate_gva )
        return rc;
    if ( target == v )
        write_runstate_area(v);
    else
    {
        runstate_snapshot(target, &r);
        copy_to_guest(v, target->runstate_gva, &r, sizeof(r));
    }
    return 0;
}

static long get_runstate(struct vcpu *v, struct vcpu *target, uint64_t arg)
{
    struct vcpu_runstate_info r;

    runstate_snapshot(target, &r);
    return copy_to_guest(v, arg, &r, sizeof(r)) ? -EFAULT : 0;
}

/* An NMI for any vCPU of the domain; the argument must be NULL. */
static long send_nmi(struct vcpu *target, uint64_t arg)
{
    if ( arg )
        return -EINVAL;
    if ( !__atomic_exchange_n(&target->arch.nmi_pending, true, __ATOMIC_SEQ_CST) )
        vcpu_kick(target);
    return 0;
}

static long vcpu_up(struct vcpu *target)
{
    if ( !(target->pause_flags & VPF_down) )
        return 0;
    if ( !target->arch.initialised )
        return -EINVAL;
    __atomic_fetch_and(&target->pause_flags, ~VPF_down, __ATOMIC_SEQ_CST);
    vcpu_wake(target);
    return 0;
}

/* Only an offline vCPU that has not been started before may be given a state. */
static long vcpu_initialise(struct vcpu *v, struct vcpu *target, uint64_t arg)
{
    struct vcpu_hvm_context ctx;

    if ( copy_from_guest(v, &ctx, arg, sizeof(ctx)) )
        return -EFAULT;
    if ( target->arch.initialised )
        return -EEXIST;
    if ( !(target->pause_flags & VPF_down) )
        return -EINVAL;
    return hvm_vcpu_load_context(target, &ctx);
}

static long vcpu_down(struct vcpu *target)
{
    hvm_vcpu_down(target);
    return 0;
}

/* The calling vCPU's one-shot timer, which no other vCPU may set. */
static long singleshot_op(struct vcpu *v, int cmd, uint64_t arg)
{
    if ( cmd == VCPUOP_set_singleshot_timer )
        return set_singleshot(v, arg);
    stop_timer(&v->singleshot_timer);
    return 0;
}

long do_vcpu_op(struct vcpu *v, const uint64_t *args)
{
    int cmd = (int)args[0];
    unsigned int id = (unsigned int)args[1];
    uint64_t arg = args[2];
    struct vcpu *target;

    if ( id >= v->domain->max_vcpus || !(target = v->domain->vcpu[id]) )
        return -ENOENT;
    switch ( cmd )
    {
    case VCPUOP_set_singleshot_timer:
    case VCPUOP_stop_singleshot_timer:
        return target == v ? singleshot_op(v, cmd, arg) : -EINVAL;
    case VCPUOP_set_periodic_timer:
        return set_periodic(v, target, arg);
    case VCPUOP_stop_periodic_timer:
        return stop_periodic(target);
    case VCPUOP_register_vcpu_info:
        return register_vcpu_info(v, target, arg);
    case VCPUOP_register_runstate_memory_area:
        return register_runstate(v, target, arg);
    case VCPUOP_register_vcpu_time_memory_area:
        return register_time_area(v, target, arg);
    case VCPUOP_get_runstate_info:
        return get_runstate(v, target, arg);
    case VCPUOP_is_up:
        return !(target->pause_flags & VPF_down);
    case VCPUOP_initialise:
        return vcpu_initialise(v, target, arg);
    case VCPUOP_up:
        return vcpu_up(target);
    case VCPUOP_down:
        return vcpu_down(target);
    case VCPUOP_send_nmi:
        return send_nmi(target, arg);
    case VCPUOP_get_physid:
        return -EINVAL;
    default:
        return -ENOSYS;
    }
}

/* The oldest timer interface: one absolute timeout for the calling vCPU; 0 stops. */
long do_set_timer_op(struct vcpu *v, const uint64_t *args)
{
    s_time_t timeout = (s_time_t)args[0];

    if ( timeout == 0 )
        stop_timer(&v->singleshot_timer);
    else
        set_timer(&v->singleshot_timer, timeout);
    return 0;
}
