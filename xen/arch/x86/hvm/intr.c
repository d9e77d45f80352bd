/* SPDX-License-Identifier: GPL-2.0-only */
/* Getting interrupts and event-channel upcalls into a vCPU, and HLT blocking.
 * Before each entry: if an upcall is pending and the guest asked for it through
 * HVM_PARAM_CALLBACK_IRQ's vector form, inject that vector when the guest can take
 * it, or ask the backend for an exit at the moment it can. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/support.h>
#include <public/xen.h>
#include <public/hvm/params.h>
#include <public/sched.h>

#define CALLBACK_VIA_TYPE_SHIFT 56
#define CALLBACK_VIA_TYPE_VECTOR 2

static int callback_vector(const struct domain *d)
{
    uint64_t via = d->arch.hvm_params[HVM_PARAM_CALLBACK_IRQ];

    if ( (via >> CALLBACK_VIA_TYPE_SHIFT) != CALLBACK_VIA_TYPE_VECTOR )
        return -1;
    return (int)(via & 0xff);
}

static bool upcall_pending(const struct vcpu *v)
{
    return v->vcpu_info && v->vcpu_info->evtchn_upcall_pending;
}

/* Which vector to inject now, if any: the per-vCPU upcall vector is edge-like
 * (owed once per 0->1 transition of evtchn_upcall_pending), the domain-wide
 * callback vector level-like (owed while the flag is set). */
static int due_vector(struct vcpu *v)
{
    if ( v->arch.upcall_vector )
        return v->arch.upcall_edge ? v->arch.upcall_vector : -1;
    return upcall_pending(v) ? callback_vector(v->domain) : -1;
}

void hvm_deliver_interrupts(struct vcpu *v)
{
    int vector = due_vector(v);
    struct hvm_event ev = { .type = HVM_EVENT_EXTINT };

    if ( vector < 0 || hvm_funcs->event_pending(v) )
        return;
    if ( !hvm_funcs->interrupts_enabled(v) )
    {
        hvm_funcs->request_intr_window(v, true);
        return;
    }
    ev.vector = (uint8_t)vector;
    hvm_funcs->inject_event(v, &ev);
    v->arch.upcall_edge = false;
}

void vcpu_unblock(struct vcpu *v)
{
    if ( __atomic_fetch_and(&v->pause_flags, ~VPF_blocked, __ATOMIC_SEQ_CST) & VPF_blocked )
        vcpu_wake(v);
}

void hvm_block_until_event(struct vcpu *v)
{
    vcpu_block(v);
    /* An event that arrived before the flag was set must not be slept through. */
    if ( due_vector(v) >= 0 )
        vcpu_unblock(v);
}

void vcpu_mark_events_pending(struct vcpu *v)
{
    if ( !v->vcpu_info )
        return;
    if ( __atomic_exchange_n(&v->vcpu_info->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST) )
        return;
    v->arch.upcall_edge = true;
    vcpu_unblock(v);
}

void hvm_vcpu_down(struct vcpu *v)
{
    struct domain *d = v->domain;
    struct vcpu *o;

    __atomic_fetch_or(&v->pause_flags, VPF_down, __ATOMIC_SEQ_CST);
    for_each_vcpu ( d, o )
        if ( !(o->pause_flags & VPF_down) )
            return;
    domain_shutdown(d, SHUTDOWN_poweroff);
}
