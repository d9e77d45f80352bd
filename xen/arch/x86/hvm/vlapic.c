/* SPDX-License-Identifier: GPL-2.0-only */
/* The emulated local APIC: register page, x2APIC MSRs, interrupt priority,
 * IPIs and the timer, as Linux PVH guests expect it under Xen 4.17. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/msr-index.h>
#include <asm/hvm/vlapic.h>

/*
 * Theory of operation
 *
 * State. regs[] is the xAPIC page as hardware lays it out. Stored registers
 * are returned as stored; PPR and the current count are computed on read.
 * The ID and LDR are kept in the format of the current mode (xAPIC: ID in
 * bits 31:24; x2APIC: the full ID and an LDR derived from it, read-only).
 *
 * Modes, from IA32_APIC_BASE bits EN (11) and EXTD (10):
 *   disabled (0,0) <-> xAPIC (1,0) -> x2APIC (1,1) -> disabled
 * Leaving or re-entering "disabled" resets the APIC as INIT does (as Xen).
 * The xAPIC page answers only in xAPIC mode, the MSRs only in x2APIC mode.
 *
 * Interrupt flow: vlapic_set_irq() sets IRR (any CPU) and kicks the vCPU;
 * before entering the guest the caller asks vlapic_pending_irq(), injects
 * the vector when the guest can take it and reports it with
 * vlapic_ack_irq() (IRR -> ISR); the guest's EOI clears the highest ISR bit.
 * A vector is deliverable when the APIC is enabled and its priority class
 * (bits 7:4) is above that of PPR = max(TPR, class of the highest ISR).
 *
 * Example: TPR = 0x20 and IRR holds 0x25 and 0x31. PPR = 0x20; 0x31 is
 * pending (class 3 > 2), 0x25 is held. After ack(0x31), PPR = 0x30 and
 * nothing is pending; a new 0x41 would nest on top. After EOI, PPR is back
 * at 0x20 and 0x25 stays held until the guest lowers TPR below 0x20.
 *
 * Timer. The bus clock is 1 GHz: one tick is 1 ns before the divider, so
 * TMICT = 1,000,000 with divide-by-1 is a 1 ms period (QEMU's choice too).
 * A one-shot/periodic count started at timer_start_ns; the current count
 * is derived from now_ns(). Exactly one deadline at a time is handed to the
 * caller (ops->arm_timer); vlapic_timer_expired() checks it really passed,
 * raises the LVT vector unless masked, and computes the next one.
 * Periodic timers are not armed while masked, and not faster than
 * MIN_PERIOD_NS (as Xen's 100 us floor); the count itself keeps the period
 * the guest asked for.
 *
 * Example: TDCR = 0xb (divide by 1), LVT timer = 0x20030 (periodic, vector
 * 0x30), TMICT = 500000 at t = 1 ms: armed for 1.5 ms. At 1.2 ms TMCCT
 * reads 300000; at 1.5 ms the timer fires, 0x30 goes into IRR and the next
 * deadline is 2.0 ms. With TDCR = 0 (divide by 2) the period is 1 ms.
 *
 * Locking. The caller serialises all calls for one vlapic (the vCPU's own
 * context, or with the vCPU paused), except vlapic_set_irq(), which any CPU
 * may call at any time, also from within ops->send_ipi. It touches only
 * IRR/TMR words and esr_pending, with atomic read-modify-writes, and reads
 * SVR/APIC_BASE racily to decide on the kick: a vCPU enabling its APIC
 * concurrently checks vlapic_pending_irq() before it next enters the guest.
 * A vlapic_reset() racing with vlapic_set_irq() may or may not keep that
 * interrupt, as on hardware.
 */

#define MIN_PERIOD_NS       100000u

#define LVT_VECTOR          0xffu
#define LVT_DM              0x700u
#define LVT_POLARITY        (1u << 13)
#define LVT_TRIGGER         (1u << 15)
#define SVR_FOCUS_DISABLE   (1u << 9)
#define DFR_RESERVED        0x0fffffffu
#define DFR_FLAT            0xfu
#define ICR_DEST_LOGICAL    (1u << 11)
#define ICR_ASSERT          (1u << 14)
#define ICR_WMASK           0x000ccfffu /* vector..dest mode, level, trigger, shorthand */

#define IDX(off)            ((off) >> 4)
#define NR_REGS             64

enum apic_mode { MODE_DISABLED, MODE_INVALID, MODE_XAPIC, MODE_X2APIC };
enum timer_mode { TIMER_ONESHOT, TIMER_PERIODIC, TIMER_DEADLINE };

static uint32_t rd(const struct vlapic *l, unsigned int off)
{
    return l->regs[off / 4];
}

static void wr(struct vlapic *l, unsigned int off, uint32_t v)
{
    l->regs[off / 4] = v;
}

/* The IRR/ISR/TMR word holding vector v; bank is the offset of the first. */
static uint32_t *vec_word(struct vlapic *l, unsigned int bank, uint8_t v)
{
    return &l->regs[(bank + (v >> 5) * 16) / 4];
}

static uint32_t vec_bit(uint8_t v)
{
    return 1u << (v & 31);
}

static int highest_vector(const struct vlapic *l, unsigned int bank)
{
    int i;

    for ( i = 7; i >= 0; i-- )
    {
        uint32_t w = __atomic_load_n(&l->regs[(bank + i * 16) / 4],
                                     __ATOMIC_ACQUIRE);

        if ( w )
            return i * 32 + 31 - __builtin_clz(w);
    }
    return -1;
}

static enum apic_mode mode_of(uint64_t base)
{
    return ((base & APICBASE_ENABLE) ? 2 : 0) | ((base & APICBASE_EXTD) ? 1 : 0);
}

bool vlapic_x2apic_mode(const struct vlapic *l)
{
    return mode_of(l->apic_base) == MODE_X2APIC;
}

static bool xapic_mode(const struct vlapic *l)
{
    return mode_of(l->apic_base) == MODE_XAPIC;
}

bool vlapic_enabled(const struct vlapic *l)
{
    return (l->apic_base & APICBASE_ENABLE) && (rd(l, VLAPIC_REG_SVR) & VLAPIC_SVR_ENABLE);
}

static bool sw_enabled(const struct vlapic *l)
{
    return rd(l, VLAPIC_REG_SVR) & VLAPIC_SVR_ENABLE;
}

static uint32_t x2apic_ldr(uint32_t id)
{
    return ((id >> 4) << 16) | (1u << (id & 0xf));
}

static uint32_t ppr(const struct vlapic *l)
{
    uint32_t tpr = rd(l, VLAPIC_REG_TPR) & 0xff;
    int isrv = highest_vector(l, VLAPIC_REG_ISR);
    uint32_t isr_class = isrv < 0 ? 0 : (uint32_t)isrv & 0xf0;

    return (tpr & 0xf0) >= isr_class ? tpr : isr_class;
}

/* ---- Errors and interrupt acceptance ---- */

static void raise_error(struct vlapic *l, uint32_t bit)
{
    uint32_t old = __atomic_fetch_or(&l->esr_pending, bit, __ATOMIC_SEQ_CST);
    uint32_t lvt = rd(l, VLAPIC_REG_LVT_ERR);
    uint8_t vec = lvt & LVT_VECTOR;

    if ( (old & bit) || (lvt & VLAPIC_LVT_MASKED) )
        return;
    if ( vec < 16 )
        __atomic_fetch_or(&l->esr_pending, VLAPIC_ESR_RECV_ILLEGAL, __ATOMIC_SEQ_CST);
    else
        vlapic_set_irq(l, vec, false);
}

void vlapic_set_irq(struct vlapic *l, uint8_t vector, bool level)
{
    uint32_t bit = vec_bit(vector), old;
    uint32_t *tmr = vec_word(l, VLAPIC_REG_TMR, vector);

    if ( vector < 16 )
    {
        raise_error(l, VLAPIC_ESR_RECV_ILLEGAL);
        return;
    }
    /* TMR first, so whoever sees the IRR bit also sees its trigger mode. */
    if ( level )
        __atomic_fetch_or(tmr, bit, __ATOMIC_SEQ_CST);
    else
        __atomic_fetch_and(tmr, ~bit, __ATOMIC_SEQ_CST);
    old = __atomic_fetch_or(vec_word(l, VLAPIC_REG_IRR, vector), bit,
                            __ATOMIC_SEQ_CST);
    if ( !(old & bit) && vlapic_enabled(l) && l->ops->kick )
        l->ops->kick(l->ctx);
}

int vlapic_pending_irq(const struct vlapic *l)
{
    int v;

    if ( !vlapic_enabled(l) )
        return -1;
    v = highest_vector(l, VLAPIC_REG_IRR);
    if ( v < 0 || ((uint32_t)v & 0xf0) <= (ppr(l) & 0xf0) )
        return -1;
    return v;
}

void vlapic_ack_irq(struct vlapic *l, uint8_t vector)
{
    __atomic_fetch_and(vec_word(l, VLAPIC_REG_IRR, vector), ~vec_bit(vector),
                       __ATOMIC_SEQ_CST);
    *vec_word(l, VLAPIC_REG_ISR, vector) |= vec_bit(vector);
}

static void do_eoi(struct vlapic *l)
{
    int v = highest_vector(l, VLAPIC_REG_ISR);

    if ( v < 0 )
        return;
    *vec_word(l, VLAPIC_REG_ISR, v) &= ~vec_bit(v);
    if ( (*vec_word(l, VLAPIC_REG_TMR, v) & vec_bit(v)) && l->ops->eoi )
        l->ops->eoi(l->ctx, v);
}

uint8_t vlapic_get_cr8(const struct vlapic *l)
{
    return (rd(l, VLAPIC_REG_TPR) >> 4) & 0xf;
}

void vlapic_set_cr8(struct vlapic *l, uint8_t cr8)
{
    wr(l, VLAPIC_REG_TPR, (cr8 & 0xfu) << 4);
}

/* ---- Timer ---- */

static enum timer_mode timer_mode(const struct vlapic *l)
{
    uint32_t lvt = rd(l, VLAPIC_REG_LVT_TIMER);

    if ( lvt & VLAPIC_TIMER_TSC_DEADLINE )
        return TIMER_DEADLINE;
    return (lvt & VLAPIC_TIMER_PERIODIC) ? TIMER_PERIODIC : TIMER_ONESHOT;
}

/* TDCR bits 3,1:0 encode divide by 2^(code + 1), with code 7 meaning 1. */
static uint64_t timer_divisor(const struct vlapic *l)
{
    uint32_t d = rd(l, VLAPIC_REG_TDCR);
    unsigned int code = (d & 3) | ((d >> 1) & 4);

    return 1ull << ((code + 1) & 7);
}

static uint64_t now(const struct vlapic *l)
{
    return l->ops->now_ns(l->ctx);
}

static uint32_t current_count(const struct vlapic *l)
{
    uint32_t tmict = rd(l, VLAPIC_REG_TMICT);
    uint64_t ticks;

    if ( timer_mode(l) == TIMER_DEADLINE || !tmict )
        return 0;
    ticks = (now(l) - l->timer_start_ns) / timer_divisor(l);
    if ( timer_mode(l) == TIMER_PERIODIC )
        return tmict - ticks % tmict;
    return (l->timer_fired || ticks >= tmict) ? 0 : tmict - ticks;
}

/* The deadline the caller's timer should have now, 0 for none. */
static uint64_t timer_next(const struct vlapic *l)
{
    uint64_t period = rd(l, VLAPIC_REG_TMICT) * timer_divisor(l);
    uint64_t next;

    switch ( timer_mode(l) )
    {
    case TIMER_DEADLINE:
        if ( !l->tsc_deadline )
            return 0;
        next = l->ops->tsc_to_ns(l->ctx, l->tsc_deadline);
        break;
    case TIMER_ONESHOT:
        if ( !period || l->timer_fired )
            return 0;
        next = l->timer_start_ns + period;
        break;
    default:
        if ( !period || (rd(l, VLAPIC_REG_LVT_TIMER) & VLAPIC_LVT_MASKED) )
            return 0;
        period = max(period, (uint64_t)MIN_PERIOD_NS);
        next = l->timer_start_ns +
               ((now(l) - l->timer_start_ns) / period + 1) * period;
        break;
    }
    return next ?: 1;
}

static void timer_update(struct vlapic *l)
{
    uint64_t next = timer_next(l);

    if ( next == l->timer_deadline_ns )
        return;
    l->timer_deadline_ns = next;
    l->ops->arm_timer(l->ctx, next);
}

void vlapic_timer_expired(struct vlapic *l)
{
    uint32_t lvt = rd(l, VLAPIC_REG_LVT_TIMER);

    if ( !l->timer_deadline_ns )
        return;
    if ( now(l) < l->timer_deadline_ns )
    {
        l->ops->arm_timer(l->ctx, l->timer_deadline_ns);
        return;
    }
    l->timer_deadline_ns = 0;
    if ( timer_mode(l) == TIMER_DEADLINE )
        l->tsc_deadline = 0;
    else if ( timer_mode(l) == TIMER_ONESHOT )
        l->timer_fired = true;
    if ( !(lvt & VLAPIC_LVT_MASKED) )
        vlapic_set_irq(l, lvt & LVT_VECTOR, false);
    timer_update(l);
}

uint64_t vlapic_tsc_deadline_read(const struct vlapic *l)
{
    return l->tsc_deadline;
}

void vlapic_tsc_deadline_write(struct vlapic *l, uint64_t tsc)
{
    if ( !l->ops->tsc_to_ns || timer_mode(l) != TIMER_DEADLINE )
        return;
    l->tsc_deadline = tsc;
    timer_update(l);
}

/* ---- Register writes (value already checked against the write mask) ---- */

static void send_icr(struct vlapic *l, uint32_t icr, uint32_t dest);

static void write_eoi(struct vlapic *l, unsigned int off, uint32_t val)
{
    do_eoi(l);
}

static void write_dfr(struct vlapic *l, unsigned int off, uint32_t val)
{
    wr(l, off, val | DFR_RESERVED);
}

static void write_lvt(struct vlapic *l, unsigned int off, uint32_t val)
{
    wr(l, off, sw_enabled(l) ? val : val | VLAPIC_LVT_MASKED);
}

static void mask_all_lvts(struct vlapic *l)
{
    unsigned int off;

    wr(l, VLAPIC_REG_LVT_CMCI, rd(l, VLAPIC_REG_LVT_CMCI) | VLAPIC_LVT_MASKED);
    for ( off = VLAPIC_REG_LVT_TIMER; off <= VLAPIC_REG_LVT_ERR; off += 16 )
        wr(l, off, rd(l, off) | VLAPIC_LVT_MASKED);
}

static void write_svr(struct vlapic *l, unsigned int off, uint32_t val)
{
    wr(l, off, val);
    if ( val & VLAPIC_SVR_ENABLE )
        return;
    mask_all_lvts(l);
    timer_update(l);
}

static void write_esr(struct vlapic *l, unsigned int off, uint32_t val)
{
    wr(l, off, __atomic_exchange_n(&l->esr_pending, 0, __ATOMIC_SEQ_CST));
}

/* Entering or leaving TSC-deadline mode disarms the timer (SDM 10.5.4.1). */
static void write_lvt_timer(struct vlapic *l, unsigned int off, uint32_t val)
{
    bool was_deadline = timer_mode(l) == TIMER_DEADLINE;

    write_lvt(l, off, val);
    if ( was_deadline != (timer_mode(l) == TIMER_DEADLINE) )
    {
        wr(l, VLAPIC_REG_TMICT, 0);
        l->tsc_deadline = 0;
        l->timer_fired = false;
    }
    timer_update(l);
}

static void write_tmict(struct vlapic *l, unsigned int off, uint32_t val)
{
    if ( timer_mode(l) == TIMER_DEADLINE )
        return;
    wr(l, off, val);
    l->timer_start_ns = now(l);
    l->timer_fired = false;
    timer_update(l);
}

/* A new divider keeps the current count and runs on from it. */
static void write_tdcr(struct vlapic *l, unsigned int off, uint32_t val)
{
    uint32_t count = current_count(l);
    uint32_t tmict = rd(l, VLAPIC_REG_TMICT);

    wr(l, off, val);
    if ( !tmict || l->timer_fired || timer_mode(l) == TIMER_DEADLINE )
        return;
    l->timer_start_ns = now(l) - (uint64_t)(tmict - count) * timer_divisor(l);
    timer_update(l);
}

static void write_icr(struct vlapic *l, unsigned int off, uint32_t val)
{
    uint32_t dest = rd(l, VLAPIC_REG_ICR2) >> 24;

    wr(l, off, val);
    send_icr(l, val, dest == 0xff ? VLAPIC_DEST_BROADCAST : dest);
}

static void write_self_ipi(struct vlapic *l, unsigned int off, uint32_t val)
{
    vlapic_set_irq(l, val, false);
}

/* ---- The register table ---- */

#define XR  0x1     /* readable through the xAPIC page */
#define XW  0x2     /* writable through the xAPIC page */
#define X2R 0x4     /* readable as an x2APIC MSR */
#define X2W 0x8     /* writable as an x2APIC MSR */
#define RW  (XR | XW | X2R | X2W)

struct reg_desc {
    uint8_t access;
    uint32_t wmask;     /* writable bits; in x2APIC mode the rest must be 0 */
    void (*write)(struct vlapic *l, unsigned int off, uint32_t val); /* NULL: store */
};

#define LVT_BASIC   (LVT_VECTOR | VLAPIC_LVT_MASKED)
#define LVT_WITH_DM (LVT_BASIC | LVT_DM)

static const struct reg_desc reg_table[NR_REGS] = {
    [IDX(VLAPIC_REG_ID)]        = { XR | X2R, 0, NULL },
    [IDX(VLAPIC_REG_LVR)]       = { XR | X2R, 0, NULL },
    [IDX(VLAPIC_REG_TPR)]       = { RW, 0xff, NULL },
    [IDX(VLAPIC_REG_APR)]       = { XR, 0, NULL },
    [IDX(VLAPIC_REG_PPR)]       = { XR | X2R, 0, NULL },
    [IDX(VLAPIC_REG_EOI)]       = { XW | X2W, 0, write_eoi },
    [IDX(VLAPIC_REG_LDR)]       = { XR | XW | X2R, 0xff000000u, NULL },
    [IDX(VLAPIC_REG_DFR)]       = { XR | XW, 0xf0000000u, write_dfr },
    [IDX(VLAPIC_REG_SVR)]       = { RW, LVT_VECTOR | VLAPIC_SVR_ENABLE | SVR_FOCUS_DISABLE,
                                    write_svr },
    [IDX(VLAPIC_REG_ISR) ... IDX(VLAPIC_REG_ISR) + 7] = { XR | X2R, 0, NULL },
    [IDX(VLAPIC_REG_TMR) ... IDX(VLAPIC_REG_TMR) + 7] = { XR | X2R, 0, NULL },
    [IDX(VLAPIC_REG_IRR) ... IDX(VLAPIC_REG_IRR) + 7] = { XR | X2R, 0, NULL },
    [IDX(VLAPIC_REG_ESR)]       = { RW, 0, write_esr },
    [IDX(VLAPIC_REG_LVT_CMCI)]  = { RW, LVT_WITH_DM, write_lvt },
    [IDX(VLAPIC_REG_ICR)]       = { XR | XW | X2R, ICR_WMASK, write_icr },
    [IDX(VLAPIC_REG_ICR2)]      = { XR | XW, 0xff000000u, NULL },
    [IDX(VLAPIC_REG_LVT_TIMER)] = { RW, LVT_BASIC | VLAPIC_TIMER_PERIODIC |
                                        VLAPIC_TIMER_TSC_DEADLINE, write_lvt_timer },
    [IDX(VLAPIC_REG_LVT_THERM)] = { RW, LVT_WITH_DM, write_lvt },
    [IDX(VLAPIC_REG_LVT_PMC)]   = { RW, LVT_WITH_DM, write_lvt },
    [IDX(VLAPIC_REG_LVT_LINT0)] = { RW, LVT_WITH_DM | LVT_POLARITY | LVT_TRIGGER, write_lvt },
    [IDX(VLAPIC_REG_LVT_LINT1)] = { RW, LVT_WITH_DM | LVT_POLARITY | LVT_TRIGGER, write_lvt },
    [IDX(VLAPIC_REG_LVT_ERR)]   = { RW, LVT_BASIC, write_lvt },
    [IDX(VLAPIC_REG_TMICT)]     = { RW, 0xffffffffu, write_tmict },
    [IDX(VLAPIC_REG_TMCCT)]     = { XR | X2R, 0, NULL },
    [IDX(VLAPIC_REG_TDCR)]      = { RW, 0xb, write_tdcr },
    [IDX(VLAPIC_REG_SELF_IPI)]  = { X2W, LVT_VECTOR, write_self_ipi },
};

static uint32_t reg_wmask(const struct vlapic *l, unsigned int idx)
{
    uint32_t mask = reg_table[idx].wmask;

    if ( idx == IDX(VLAPIC_REG_LVT_TIMER) && !l->ops->tsc_to_ns )
        mask &= ~VLAPIC_TIMER_TSC_DEADLINE;
    return mask;
}

static uint32_t reg_value(const struct vlapic *l, unsigned int idx)
{
    switch ( idx )
    {
    case IDX(VLAPIC_REG_PPR):
        return ppr(l);
    case IDX(VLAPIC_REG_TMCCT):
        return current_count(l);
    default:
        return rd(l, idx << 4);
    }
}

/* -1 when the register cannot be written this way (x2APIC: #GP). */
static int reg_write(struct vlapic *l, unsigned int idx, uint32_t val, bool x2)
{
    const struct reg_desc *r = &reg_table[idx];
    uint32_t mask = reg_wmask(l, idx);

    if ( !(r->access & (x2 ? X2W : XW)) || (x2 && (val & ~mask)) )
        return -1;
    if ( r->write )
        r->write(l, idx << 4, val & mask);
    else
        wr(l, idx << 4, val & mask);
    return 0;
}

/* ---- IPIs ---- */

static void send_icr(struct vlapic *l, uint32_t icr, uint32_t dest)
{
    uint8_t vector = icr & LVT_VECTOR;
    unsigned int dm = (icr >> 8) & 7;
    unsigned int sh = (icr >> 18) & 3;
    bool assert = icr & ICR_ASSERT;

    switch ( dm )
    {
    case VLAPIC_DM_FIXED:
    case VLAPIC_DM_LOWPRI:
        if ( vector < 16 )
        {
            raise_error(l, VLAPIC_ESR_SEND_ILLEGAL);
            return;
        }
        if ( sh == VLAPIC_SH_SELF )
        {
            vlapic_set_irq(l, vector, false);
            return;
        }
        break;
    case VLAPIC_DM_INIT:
        if ( !assert )
            return;
        break;
    case VLAPIC_DM_NMI:
    case VLAPIC_DM_STARTUP:
        break;
    default:        /* SMI, reserved, ExtINT */
        return;
    }
    l->ops->send_ipi(l->ctx, sh == VLAPIC_SH_NONE ? dest : 0, sh, dm,
                     icr & ICR_DEST_LOGICAL, vector, assert);
}

bool vlapic_match_dest(const struct vlapic *l, uint32_t dest, bool logical)
{
    uint32_t ldr = rd(l, VLAPIC_REG_LDR);
    uint8_t mda = dest, lid = ldr >> 24;

    if ( !(l->apic_base & APICBASE_ENABLE) )
        return false;
    if ( dest == VLAPIC_DEST_BROADCAST )
        return true;
    if ( vlapic_x2apic_mode(l) )
        return logical ? (dest >> 16) == (ldr >> 16) && (dest & ldr & 0xffff)
                       : dest == l->apic_id;
    if ( mda == 0xff )
        return true;
    if ( !logical )
        return mda == (uint8_t)l->apic_id;
    if ( (rd(l, VLAPIC_REG_DFR) >> 28) == DFR_FLAT )
        return mda & lid;
    return ((mda >> 4) == (lid >> 4) || (mda >> 4) == 0xf) && (mda & lid & 0xf);
}

/* ---- MMIO and MSR entry points ---- */

static uint32_t xapic_slot_read(const struct vlapic *l, unsigned int idx)
{
    return (reg_table[idx].access & XR) ? reg_value(l, idx) : 0;
}

int vlapic_mmio_read(struct vlapic *l, uint32_t offset, unsigned int len,
                     uint32_t *val)
{
    unsigned int i, slot = NR_REGS;
    uint32_t reg = 0, out = 0;

    if ( (len != 1 && len != 2 && len != 4) || offset >= 0x1000 ||
         0x1000 - offset < len )
        return -EINVAL;
    if ( !xapic_mode(l) )
    {
        *val = len == 4 ? ~0u : (1u << (len * 8)) - 1;
        return 0;
    }
    for ( i = 0; i < len; i++ )
    {
        uint32_t a = offset + i;

        if ( IDX(a) >= NR_REGS )
            break;
        if ( IDX(a) != slot )
        {
            slot = IDX(a);
            reg = xapic_slot_read(l, slot);
        }
        if ( (a & 0xf) < 4 )
            out |= ((reg >> ((a & 3) * 8)) & 0xff) << (i * 8);
    }
    *val = out;
    return 0;
}

int vlapic_mmio_write(struct vlapic *l, uint32_t offset, unsigned int len,
                      uint32_t val)
{
    if ( (len != 1 && len != 2 && len != 4) || offset >= 0x1000 ||
         0x1000 - offset < len )
        return -EINVAL;
    if ( !xapic_mode(l) || len != 4 || (offset & 0xf) || IDX(offset) >= NR_REGS )
        return 0;
    reg_write(l, IDX(offset), val, false);
    return 0;
}

uint64_t vlapic_mmio_base(const struct vlapic *l)
{
    return l->apic_base & APICBASE_BASE_MASK;
}

int vlapic_msr_read(struct vlapic *l, uint32_t msr, uint64_t *val)
{
    unsigned int idx = msr - MSR_X2APIC_FIRST;

    if ( !vlapic_x2apic_mode(l) || msr < MSR_X2APIC_FIRST || idx >= NR_REGS ||
         !(reg_table[idx].access & X2R) )
        return -1;
    *val = reg_value(l, idx);
    if ( idx == IDX(VLAPIC_REG_ICR) )
        *val |= (uint64_t)rd(l, VLAPIC_REG_ICR2) << 32;
    return 0;
}

/* In x2APIC mode the ICR is one 64-bit register with a 32-bit destination. */
static int write_icr64(struct vlapic *l, uint64_t val)
{
    uint32_t low = val, dest = val >> 32;

    if ( low & ~ICR_WMASK )
        return -1;
    wr(l, VLAPIC_REG_ICR, low);
    wr(l, VLAPIC_REG_ICR2, dest);
    send_icr(l, low, dest);
    return 0;
}

int vlapic_msr_write(struct vlapic *l, uint32_t msr, uint64_t val)
{
    unsigned int idx = msr - MSR_X2APIC_FIRST;

    if ( !vlapic_x2apic_mode(l) || msr < MSR_X2APIC_FIRST || idx >= NR_REGS )
        return -1;
    if ( idx == IDX(VLAPIC_REG_ICR) )
        return write_icr64(l, val);
    if ( val >> 32 )
        return -1;
    return reg_write(l, idx, val, true);
}

/* ---- Reset and mode changes ---- */

static void cancel_timer(struct vlapic *l)
{
    if ( !l->timer_deadline_ns )
        return;
    l->timer_deadline_ns = 0;
    l->ops->arm_timer(l->ctx, 0);
}

void vlapic_reset(struct vlapic *l)
{
    unsigned int off;

    cancel_timer(l);
    memset(l->regs, 0, sizeof(l->regs));
    if ( vlapic_x2apic_mode(l) )
    {
        wr(l, VLAPIC_REG_ID, l->apic_id);
        wr(l, VLAPIC_REG_LDR, x2apic_ldr(l->apic_id));
    }
    else
        wr(l, VLAPIC_REG_ID, l->apic_id << 24);
    wr(l, VLAPIC_REG_LVR, VLAPIC_VERSION);
    wr(l, VLAPIC_REG_DFR, 0xffffffffu);
    wr(l, VLAPIC_REG_SVR, 0xff);
    wr(l, VLAPIC_REG_LVT_CMCI, VLAPIC_LVT_MASKED);
    for ( off = VLAPIC_REG_LVT_TIMER; off <= VLAPIC_REG_LVT_ERR; off += 16 )
        wr(l, off, VLAPIC_LVT_MASKED);
    l->esr_pending = 0;
    l->tsc_deadline = 0;
    l->timer_start_ns = 0;
    l->timer_fired = false;
}

void vlapic_init(struct vlapic *l, const struct vlapic_ops *ops, void *ctx,
                 uint32_t apic_id, bool bsp)
{
    memset(l, 0, sizeof(*l));
    l->ops = ops;
    l->ctx = ctx;
    l->apic_id = apic_id;
    l->apic_base = VLAPIC_DEFAULT_BASE | APICBASE_ENABLE | (bsp ? APICBASE_BSP : 0);
    vlapic_reset(l);
}

static bool legal_transition(enum apic_mode from, enum apic_mode to)
{
    if ( to == MODE_INVALID )
        return false;
    if ( from == to )
        return true;
    switch ( from )
    {
    case MODE_DISABLED:
        return to == MODE_XAPIC;
    case MODE_XAPIC:
        return true;
    default:        /* x2APIC */
        return to == MODE_DISABLED;
    }
}

int vlapic_set_apic_base(struct vlapic *l, uint64_t val)
{
    uint64_t valid = APICBASE_BASE_MASK | APICBASE_ENABLE | APICBASE_EXTD | APICBASE_BSP;
    enum apic_mode from = mode_of(l->apic_base), to = mode_of(val);

    if ( (val & ~valid) || !legal_transition(from, to) )
        return -1;
    l->apic_base = (val & ~APICBASE_BSP) | (l->apic_base & APICBASE_BSP);
    if ( from == to )
        return 0;
    if ( from == MODE_DISABLED || to == MODE_DISABLED )
        vlapic_reset(l);
    else
    {
        wr(l, VLAPIC_REG_ID, l->apic_id);
        wr(l, VLAPIC_REG_LDR, x2apic_ldr(l->apic_id));
    }
    return 0;
}

uint64_t vlapic_get_apic_base(const struct vlapic *l)
{
    return l->apic_base;
}
