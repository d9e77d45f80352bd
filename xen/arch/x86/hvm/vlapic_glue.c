/* SPDX-License-Identifier: GPL-2.0-only */
/* Connects each vCPU's virtual local APIC (hvm/vlapic.c, pure) to the rest of
 * the hypervisor: its timer runs on a software timer, IPIs are routed to the
 * domain's other vCPUs (INIT and STARTUP start APs the native way), the xAPIC
 * page is an MMIO device, and new interrupts wake or interrupt the vCPU. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/timer.h>
#include <xen/xmalloc.h>
#include <asm/dom0_build.h>
#include <asm/hvm/mmio.h>
#include <asm/hvm/support.h>
#include <asm/hvm/vlapic.h>

static uint64_t glue_now(void *ctx)
{
    return (uint64_t)NOW();
}

static void glue_arm_timer(void *ctx, uint64_t deadline)
{
    struct vcpu *v = ctx;

    if ( deadline )
        set_timer(&v->arch.vlapic_timer, (s_time_t)deadline);
    else
        stop_timer(&v->arch.vlapic_timer);
}

/* The timer fires on some CPU; the vCPU itself calls vlapic_timer_expired()
 * before its next entry, so every vlapic call stays on the vCPU's own path. */
static void timer_fired(void *data)
{
    struct vcpu *v = data;

    v->arch.vlapic_timer_due = true;
    vcpu_kick(v);
}

void vcpu_kick(struct vcpu *v)
{
    vcpu_unblock(v);
    /* In guest mode on another CPU: an IPI makes it exit and look again. */
    if ( v->is_running && v->processor != smp_processor_id() )
        send_event_check_ipi(v->processor);
}

static void glue_kick(void *ctx)
{
    vcpu_kick(ctx);
}

static void deliver_init(struct vcpu *t)
{
    /* A vCPU that never ran keeps what it has (Linux latches its upcall vector
     * before starting an AP); one that ran is stopped and reset. */
    if ( t->arch.initialised )
    {
        __atomic_fetch_or(&t->pause_flags, VPF_down, __ATOMIC_SEQ_CST);
        t->arch.vlapic_reset_due = true;
    }
    t->arch.sipi_pending = true;
}

static void deliver_startup(struct vcpu *t, uint8_t vector)
{
    if ( !t->arch.sipi_pending || t->is_running )
        return;
    t->arch.sipi_pending = false;
    hvm_vcpu_sipi_state(t, vector);
    __atomic_fetch_and(&t->pause_flags, ~VPF_down, __ATOMIC_SEQ_CST);
    vcpu_wake(t);
}

static void deliver_one(struct vcpu *t, unsigned int dm, uint8_t vector)
{
    switch ( dm )
    {
    case VLAPIC_DM_FIXED:
    case VLAPIC_DM_LOWPRI:
        vlapic_set_irq(t->arch.vlapic, vector, false);
        break;
    case VLAPIC_DM_NMI:
        t->arch.nmi_pending = true;
        vcpu_kick(t);
        break;
    case VLAPIC_DM_INIT:
        deliver_init(t);
        break;
    case VLAPIC_DM_STARTUP:
        deliver_startup(t, vector);
        break;
    }
}

static bool targets(struct vcpu *src, struct vcpu *t, uint32_t dest, unsigned int sh,
                    bool logical)
{
    switch ( sh )
    {
    case VLAPIC_SH_SELF:            return t == src;
    case VLAPIC_SH_ALL_INCL_SELF:   return true;
    case VLAPIC_SH_ALL_EXCL_SELF:   return t != src;
    default:                        return vlapic_match_dest(t->arch.vlapic, dest, logical);
    }
}

static void glue_send_ipi(void *ctx, uint32_t dest, unsigned int sh, unsigned int dm,
                          bool logical, uint8_t vector, bool assert)
{
    struct vcpu *src = ctx, *t;

    for_each_vcpu ( src->domain, t )
    {
        if ( !targets(src, t, dest, sh, logical) )
            continue;
        deliver_one(t, dm, vector);
        if ( dm == VLAPIC_DM_LOWPRI )
            break;                  /* one recipient is enough */
    }
}

/* A level-triggered vector was EOIed: tell the IO-APIC it came from. */
static void glue_eoi(void *ctx, uint8_t vector)
{
    struct vcpu *v = ctx;

    dom0_irq_eoi(v->domain, vector);
}

static const struct vlapic_ops glue_ops = {
    .eoi = glue_eoi,
    .now_ns = glue_now,
    .arm_timer = glue_arm_timer,
    .send_ipi = glue_send_ipi,
    .kick = glue_kick,
};

static bool apic_covers(struct vcpu *v, uint64_t gpa)
{
    return v->arch.vlapic && (gpa & PAGE_MASK) == vlapic_mmio_base(v->arch.vlapic);
}

static int apic_read(struct vcpu *v, uint64_t gpa, unsigned int len, uint64_t *val)
{
    uint32_t v32 = 0;
    int rc = vlapic_mmio_read(v->arch.vlapic, gpa & ~PAGE_MASK, min(len, 4u), &v32);

    *val = len == 8 ? ((uint64_t)v32 | ((uint64_t)v32 << 32)) : v32;
    return rc ? -1 : 0;
}

static int apic_write(struct vcpu *v, uint64_t gpa, unsigned int len, uint64_t val)
{
    return vlapic_mmio_write(v->arch.vlapic, gpa & ~PAGE_MASK, min(len, 4u),
                             (uint32_t)val) ? -1 : 0;
}

static const struct hvm_mmio_handler apic_mmio = {
    .covers = apic_covers,
    .read = apic_read,
    .write = apic_write,
};

int hvm_vlapic_init(struct vcpu *v)
{
    struct vlapic *l = xzalloc(struct vlapic);

    if ( !l )
        return -ENOMEM;
    vlapic_init(l, &glue_ops, v, 2 * v->vcpu_id, v->vcpu_id == 0);
    v->arch.vlapic = l;
    init_timer(&v->arch.vlapic_timer, timer_fired, v, v->processor);
    if ( v->vcpu_id == 0 )
        return hvm_register_mmio(v->domain, &apic_mmio);
    return 0;
}

void hvm_vlapic_destroy(struct vcpu *v)
{
    stop_timer(&v->arch.vlapic_timer);
    xfree(v->arch.vlapic);
    v->arch.vlapic = NULL;
}

/* Work the vCPU owes its own APIC before entering the guest. */
void hvm_vlapic_before_entry(struct vcpu *v)
{
    if ( v->arch.vlapic_reset_due )
    {
        v->arch.vlapic_reset_due = false;
        vlapic_reset(v->arch.vlapic);
    }
    if ( v->arch.vlapic_timer_due )
    {
        v->arch.vlapic_timer_due = false;
        vlapic_timer_expired(v->arch.vlapic);
    }
}
