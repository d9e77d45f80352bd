/* SPDX-License-Identifier: GPL-2.0-only */
/* Getting interrupts and event-channel upcalls into a vCPU, and HLT blocking.
 * Before each entry: if an upcall is pending and the guest asked for it through
 * HVM_PARAM_CALLBACK_IRQ's vector form, inject that vector when the guest can take
 * it, or ask the backend for an exit at the moment it can. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/support.h>
#include <asm/hvm/vlapic.h>
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

/* The domain-wide callback vector is level-like: owed while the vCPU's upcall
 * flag is set, injected directly, not through the local APIC. The per-vCPU
 * upcall vector goes through the local APIC instead (vcpu_mark_events_pending). */
static int callback_due(struct vcpu *v)
{
    if ( v->arch.upcall_vector || !upcall_pending(v) )
        return -1;
    return callback_vector(v->domain);
}

static int apic_due(struct vcpu *v)
{
    return v->arch.vlapic ? vlapic_pending_irq(v->arch.vlapic) : -1;
}

static void inject(struct vcpu *v, uint8_t vector, uint8_t type)
{
    struct hvm_event ev = { .vector = vector, .type = type };

    hvm_funcs->inject_event(v, &ev);
}

void hvm_deliver_interrupts(struct vcpu *v)
{
    int cb, apic;

    hvm_vlapic_before_entry(v);
    if ( hvm_funcs->event_pending(v) )
        return;                             /* one event per entry */
    if ( v->arch.nmi_pending )
    {
        /* As the CPU's NMI latch: one NMI waits while NMIs are blocked, and
         * others sent meanwhile merge into it (Xen does the same). */
        if ( hvm_funcs->nmi_blocked(v) )
        {
            hvm_funcs->request_nmi_window(v);
            return;
        }
        v->arch.nmi_pending = false;
        inject(v, 2, HVM_EVENT_NMI);
        return;
    }
    cb = callback_due(v);
    apic = apic_due(v);
    if ( cb < 0 && apic < 0 )
        return;
    if ( !hvm_funcs->interrupts_enabled(v) )
    {
        hvm_funcs->request_intr_window(v, true);
        return;
    }
    if ( cb >= 0 )
    {
        inject(v, (uint8_t)cb, HVM_EVENT_EXTINT);
        return;
    }
    inject(v, (uint8_t)apic, HVM_EVENT_EXTINT);
    vlapic_ack_irq(v->arch.vlapic, (uint8_t)apic);
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
    if ( callback_due(v) >= 0 || apic_due(v) >= 0 || v->arch.nmi_pending ||
         v->arch.vlapic_timer_due )
        vcpu_unblock(v);
}

void vcpu_mark_events_pending(struct vcpu *v)
{
    if ( !v->vcpu_info )
        return;
    if ( __atomic_exchange_n(&v->vcpu_info->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST) )
        return;
    if ( v->arch.upcall_vector && v->arch.vlapic )
        vlapic_set_irq(v->arch.vlapic, v->arch.upcall_vector, false);
    vcpu_kick(v);
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
