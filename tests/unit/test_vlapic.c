/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tests of the emulated local APIC (xen/arch/x86/hvm/vlapic.c). The ops
 * are fakes: a clock the test moves by hand, and recorders for the timer the
 * vlapic arms, the IPIs it sends, kicks and level-triggered EOIs. The guest
 * TSC runs at 2 GHz from t = 0 (tsc_to_ns = tsc / 2). */
#include <xen/errno.h>
#include <xen/lib.h>
#include <asm/msr-index.h>
#include <asm/hvm/vlapic.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

struct ipi {
    uint32_t dest;
    unsigned int sh, dm;
    bool logical;
    uint8_t vector;
    bool assert;
};

static struct fake {
    uint64_t now;
    uint64_t armed;             /* last arm_timer deadline */
    unsigned int nr_arms, nr_ipis, nr_kicks, nr_eois;
    struct ipi ipi;             /* the last one */
    uint8_t eoi_vector;
} f;

static uint64_t fake_now(void *ctx)
{
    assert_ptr_equal(ctx, &f);
    return f.now;
}

static void fake_arm(void *ctx, uint64_t deadline)
{
    f.armed = deadline;
    f.nr_arms++;
}

static void fake_send_ipi(void *ctx, uint32_t dest, unsigned int sh, unsigned int dm,
                          bool logical, uint8_t vector, bool assert)
{
    f.ipi = (struct ipi){ dest, sh, dm, logical, vector, assert };
    f.nr_ipis++;
}

static void fake_kick(void *ctx)
{
    f.nr_kicks++;
}

static void fake_eoi(void *ctx, uint8_t vector)
{
    f.eoi_vector = vector;
    f.nr_eois++;
}

static uint64_t fake_tsc_to_ns(void *ctx, uint64_t tsc)
{
    return tsc / 2;
}

static const struct vlapic_ops ops = {
    .now_ns = fake_now, .arm_timer = fake_arm, .send_ipi = fake_send_ipi,
    .kick = fake_kick, .eoi = fake_eoi, .tsc_to_ns = fake_tsc_to_ns,
};

static const struct vlapic_ops ops_no_tsc = {
    .now_ns = fake_now, .arm_timer = fake_arm, .send_ipi = fake_send_ipi,
    .kick = fake_kick,
};

static struct vlapic *l;

static int setup(void **state)
{
    memset(&f, 0, sizeof(f));
    f.now = 1000000;
    l = malloc(sizeof(*l));
    memset(l, 0xa5, sizeof(*l));        /* init must not rely on zeroed memory */
    vlapic_init(l, &ops, &f, 4, true);
    return 0;
}

static int teardown(void **state)
{
    free(l);
    return 0;
}

static uint32_t mr(uint32_t off)
{
    uint32_t v = 0xdeadbeef;

    assert_int_equal(vlapic_mmio_read(l, off, 4, &v), 0);
    return v;
}

static void mw(uint32_t off, uint32_t v)
{
    assert_int_equal(vlapic_mmio_write(l, off, 4, v), 0);
}

static uint64_t xr(uint32_t msr)
{
    uint64_t v;

    assert_int_equal(vlapic_msr_read(l, msr, &v), 0);
    return v;
}

static void xw(uint32_t msr, uint64_t v)
{
    assert_int_equal(vlapic_msr_write(l, msr, v), 0);
}

static void to_x2apic(void)
{
    assert_int_equal(vlapic_set_apic_base(l, vlapic_get_apic_base(l) | APICBASE_EXTD), 0);
}

/* The caller's one-shot timer goes off: it is no longer armed. */
static void fire(void)
{
    f.armed = 0;
    vlapic_timer_expired(l);
}

static void enable(void)
{
    mw(VLAPIC_REG_SVR, VLAPIC_SVR_ENABLE | 0xff);
}

/* ---- Reset state and identification ---- */

static void test_reset_values(void **state)
{
    unsigned int off;

    assert_int_equal(vlapic_get_apic_base(l), 0xfee00900);
    assert_int_equal(vlapic_mmio_base(l), 0xfee00000);
    assert_int_equal(mr(VLAPIC_REG_ID), 4u << 24);
    assert_int_equal(mr(VLAPIC_REG_LVR), 0x00050014);
    assert_int_equal(mr(VLAPIC_REG_TPR), 0);
    assert_int_equal(mr(VLAPIC_REG_PPR), 0);
    assert_int_equal(mr(VLAPIC_REG_LDR), 0);
    assert_int_equal(mr(VLAPIC_REG_DFR), 0xffffffff);
    assert_int_equal(mr(VLAPIC_REG_SVR), 0xff);
    assert_int_equal(mr(VLAPIC_REG_LVT_CMCI), VLAPIC_LVT_MASKED);
    for ( off = VLAPIC_REG_LVT_TIMER; off <= VLAPIC_REG_LVT_ERR; off += 16 )
        assert_int_equal(mr(off), VLAPIC_LVT_MASKED);
    for ( off = VLAPIC_REG_ISR; off < VLAPIC_REG_ESR; off += 16 )
        assert_int_equal(mr(off), 0);
    assert_int_equal(mr(VLAPIC_REG_TMICT), 0);
    assert_int_equal(mr(VLAPIC_REG_TMCCT), 0);
    assert_int_equal(mr(VLAPIC_REG_TDCR), 0);
    assert_false(vlapic_enabled(l));
    assert_false(vlapic_x2apic_mode(l));
    assert_int_equal(f.nr_arms + f.nr_ipis + f.nr_kicks, 0);

    vlapic_init(l, &ops, &f, 6, false);
    assert_int_equal(vlapic_get_apic_base(l), 0xfee00800);
    assert_int_equal(mr(VLAPIC_REG_ID), 6u << 24);
}

static void test_init_reset_keeps_id_and_base(void **state)
{
    enable();
    mw(VLAPIC_REG_TPR, 0x40);
    mw(VLAPIC_REG_LDR, 0x01000000);
    vlapic_set_irq(l, 0x50, false);
    mw(VLAPIC_REG_LVT_TIMER, 0x30);
    mw(VLAPIC_REG_TMICT, 1000);
    assert_int_not_equal(f.armed, 0);

    vlapic_reset(l);
    assert_int_equal(f.armed, 0);
    assert_int_equal(mr(VLAPIC_REG_ID), 4u << 24);
    assert_int_equal(vlapic_get_apic_base(l), 0xfee00900);
    assert_int_equal(mr(VLAPIC_REG_TPR), 0);
    assert_int_equal(mr(VLAPIC_REG_LDR), 0);
    assert_int_equal(mr(VLAPIC_REG_IRR + 0x20), 0);
    assert_int_equal(mr(VLAPIC_REG_SVR), 0xff);
    assert_int_equal(mr(VLAPIC_REG_LVT_TIMER), VLAPIC_LVT_MASKED);
}

static void test_id_lvr_msr(void **state)
{
    uint64_t v;

    assert_int_equal(vlapic_msr_read(l, 0x802, &v), -1);   /* xAPIC mode */
    assert_int_equal(vlapic_msr_write(l, 0x808, 0), -1);
    to_x2apic();
    assert_true(vlapic_x2apic_mode(l));
    assert_int_equal(xr(0x802), 4);
    assert_int_equal(xr(0x803), 0x00050014);
    assert_int_equal(xr(0x80d), (0u << 16) | (1u << 4));
    assert_int_equal(xr(0x80f), 0xff);

    vlapic_init(l, &ops, &f, 0x25, false);
    to_x2apic();
    assert_int_equal(xr(0x802), 0x25);
    assert_int_equal(xr(0x80d), (2u << 16) | (1u << 5));
}

/* ---- Software enable and APIC_BASE ---- */

static void test_svr_enable_disable(void **state)
{
    unsigned int off;

    enable();
    assert_true(vlapic_enabled(l));
    assert_int_equal(mr(VLAPIC_REG_SVR), 0x1ff);
    mw(VLAPIC_REG_LVT_LINT1, 0x400);                /* NMI, unmasked */
    mw(VLAPIC_REG_LVT_ERR, 0xfe);
    assert_int_equal(mr(VLAPIC_REG_LVT_LINT1), 0x400);
    mw(VLAPIC_REG_SVR, 0xff);                       /* disable: all masked */
    assert_false(vlapic_enabled(l));
    for ( off = VLAPIC_REG_LVT_TIMER; off <= VLAPIC_REG_LVT_ERR; off += 16 )
        assert_true(mr(off) & VLAPIC_LVT_MASKED);
    assert_int_equal(mr(VLAPIC_REG_LVT_LINT1), 0x10400);
    mw(VLAPIC_REG_LVT_ERR, 0xfe);                   /* stays masked while off */
    assert_int_equal(mr(VLAPIC_REG_LVT_ERR), 0x100fe);
    mw(VLAPIC_REG_SVR, 0x12ff);                     /* EOI-suppression: reserved */
    assert_int_equal(mr(VLAPIC_REG_SVR), 0x2ff);

    to_x2apic();
    xw(0x80f, 0x1ff);                               /* SVR through the MSR */
    assert_true(vlapic_enabled(l));
    assert_int_equal(vlapic_msr_write(l, 0x80f, 0x11ff), -1);
}

static void test_mode_transitions(void **state)
{
    uint64_t base = 0xfee00900;

    /* EXTD without EN, reserved bits: #GP. */
    assert_int_equal(vlapic_set_apic_base(l, 0xfee00500), -1);
    assert_int_equal(vlapic_set_apic_base(l, base | 1), -1);
    assert_int_equal(vlapic_set_apic_base(l, base | (1ull << 52)), -1);
    /* xAPIC -> disabled -> (x2APIC illegal) -> xAPIC -> x2APIC. */
    assert_int_equal(vlapic_set_apic_base(l, base & ~APICBASE_ENABLE), 0);
    assert_false(vlapic_match_dest(l, 4, false));
    assert_int_equal(vlapic_set_apic_base(l, base | APICBASE_EXTD), -1);
    assert_int_equal(vlapic_set_apic_base(l, base), 0);
    assert_int_equal(vlapic_set_apic_base(l, base | APICBASE_EXTD), 0);
    assert_true(vlapic_x2apic_mode(l));
    /* x2APIC -> xAPIC is illegal; -> disabled is fine. */
    assert_int_equal(vlapic_set_apic_base(l, base), -1);
    assert_true(vlapic_x2apic_mode(l));
    assert_int_equal(vlapic_set_apic_base(l, 0xfee00100), 0);
    assert_int_equal(vlapic_get_apic_base(l), 0xfee00100);
    /* The BSP bit is read-only. */
    assert_int_equal(vlapic_set_apic_base(l, 0xfee00800), 0);
    assert_int_equal(vlapic_get_apic_base(l), 0xfee00900);
    assert_int_equal(mr(VLAPIC_REG_ID), 4u << 24);
}

static void test_reenable_resets(void **state)
{
    enable();
    mw(VLAPIC_REG_TPR, 0x20);
    vlapic_set_irq(l, 0x40, false);
    assert_int_equal(vlapic_set_apic_base(l, 0xfee00100), 0);
    assert_int_equal(vlapic_pending_irq(l), -1);
    assert_int_equal(vlapic_set_apic_base(l, 0xfee00900), 0);
    assert_int_equal(mr(VLAPIC_REG_TPR), 0);
    assert_int_equal(mr(VLAPIC_REG_IRR + 0x20), 0);
    assert_int_equal(mr(VLAPIC_REG_SVR), 0xff);
}

/* ---- Priority, IRR/ISR/TMR ---- */

static void test_priority_tpr(void **state)
{
    enable();
    mw(VLAPIC_REG_TPR, 0x20);
    vlapic_set_irq(l, 0x25, false);
    vlapic_set_irq(l, 0x2f, false);
    assert_int_equal(vlapic_pending_irq(l), -1);    /* class 2 not above TPR */
    assert_int_equal(mr(VLAPIC_REG_IRR + 0x10), (1u << 5) | (1u << 15));
    vlapic_set_irq(l, 0x31, false);
    assert_int_equal(vlapic_pending_irq(l), 0x31);
    vlapic_ack_irq(l, 0x31);
    assert_int_equal(mr(VLAPIC_REG_ISR + 0x10), 1u << 17);
    assert_int_equal(mr(VLAPIC_REG_PPR), 0x30);
    assert_int_equal(vlapic_pending_irq(l), -1);
    mw(VLAPIC_REG_EOI, 0);
    assert_int_equal(mr(VLAPIC_REG_PPR), 0x20);
    assert_int_equal(vlapic_pending_irq(l), -1);
    mw(VLAPIC_REG_TPR, 0x1f);
    assert_int_equal(mr(VLAPIC_REG_PPR), 0x1f);
    assert_int_equal(vlapic_pending_irq(l), 0x2f);
    vlapic_set_cr8(l, 3);
    assert_int_equal(mr(VLAPIC_REG_TPR), 0x30);
    assert_int_equal(vlapic_get_cr8(l), 3);
    assert_int_equal(vlapic_pending_irq(l), -1);
}

static void test_nested_and_eoi_order(void **state)
{
    enable();
    vlapic_set_irq(l, 0x41, false);
    assert_int_equal(vlapic_pending_irq(l), 0x41);
    vlapic_ack_irq(l, 0x41);
    vlapic_set_irq(l, 0x45, false);                 /* same class: held */
    vlapic_set_irq(l, 0x60, false);                 /* higher: nests */
    assert_int_equal(vlapic_pending_irq(l), 0x60);
    vlapic_ack_irq(l, 0x60);
    assert_int_equal(mr(VLAPIC_REG_PPR), 0x60);
    assert_int_equal(vlapic_pending_irq(l), -1);
    mw(VLAPIC_REG_EOI, 0);                          /* ends 0x60 */
    assert_int_equal(mr(VLAPIC_REG_ISR + 0x30), 0);
    assert_int_equal(mr(VLAPIC_REG_PPR), 0x40);
    assert_int_equal(vlapic_pending_irq(l), -1);
    mw(VLAPIC_REG_EOI, 0);                          /* ends 0x41 */
    assert_int_equal(mr(VLAPIC_REG_PPR), 0);
    assert_int_equal(vlapic_pending_irq(l), 0x45);
    mw(VLAPIC_REG_EOI, 0);                          /* nothing in service */
    assert_int_equal(vlapic_pending_irq(l), 0x45);
    assert_int_equal(f.nr_eois, 0);
}

static void test_illegal_vectors_esr(void **state)
{
    enable();
    vlapic_set_irq(l, 15, false);
    assert_int_equal(vlapic_pending_irq(l), -1);
    assert_int_equal(mr(VLAPIC_REG_IRR), 0);
    assert_int_equal(mr(VLAPIC_REG_ESR), 0);        /* not yet latched */
    mw(VLAPIC_REG_ESR, 0);
    assert_int_equal(mr(VLAPIC_REG_ESR), VLAPIC_ESR_RECV_ILLEGAL);
    mw(VLAPIC_REG_ESR, 0);
    assert_int_equal(mr(VLAPIC_REG_ESR), 0);

    /* With LVT error unmasked, an error raises its vector. */
    mw(VLAPIC_REG_LVT_ERR, 0xfe);
    mw(VLAPIC_REG_ICR, 0x000003);                   /* fixed IPI, vector 3 */
    assert_int_equal(f.nr_ipis, 0);
    assert_int_equal(vlapic_pending_irq(l), 0xfe);
    mw(VLAPIC_REG_ESR, 0);
    assert_int_equal(mr(VLAPIC_REG_ESR), VLAPIC_ESR_SEND_ILLEGAL);
}

static void test_level_edge_tmr(void **state)
{
    enable();
    vlapic_set_irq(l, 0x70, true);
    vlapic_set_irq(l, 0x51, false);
    assert_int_equal(mr(VLAPIC_REG_TMR + 0x30), 1u << 16);
    assert_int_equal(mr(VLAPIC_REG_TMR + 0x20), 0);
    vlapic_ack_irq(l, 0x70);
    mw(VLAPIC_REG_EOI, 0);
    assert_int_equal(f.nr_eois, 1);
    assert_int_equal(f.eoi_vector, 0x70);
    vlapic_ack_irq(l, 0x51);
    mw(VLAPIC_REG_EOI, 0);
    assert_int_equal(f.nr_eois, 1);                 /* edge: no callback */
    vlapic_set_irq(l, 0x70, false);                 /* edge again clears TMR */
    assert_int_equal(mr(VLAPIC_REG_TMR + 0x30), 0);
}

static void test_latch_while_disabled(void **state)
{
    vlapic_set_irq(l, 0xf3, false);                 /* upcall before SVR enable */
    assert_int_equal(f.nr_kicks, 0);
    assert_int_equal(vlapic_pending_irq(l), -1);
    assert_int_equal(mr(VLAPIC_REG_IRR + 0x70), 1u << 19);
    enable();
    assert_int_equal(vlapic_pending_irq(l), 0xf3);
    vlapic_set_irq(l, 0xf3, false);                 /* already set: no kick */
    assert_int_equal(f.nr_kicks, 0);
    vlapic_set_irq(l, 0x80, false);
    assert_int_equal(f.nr_kicks, 1);
}

/* ---- IPIs ---- */

static void expect_ipi(uint32_t dest, unsigned int sh, unsigned int dm, bool logical,
                       uint8_t vector, bool assert)
{
    assert_int_equal(f.ipi.dest, dest);
    assert_int_equal(f.ipi.sh, sh);
    assert_int_equal(f.ipi.dm, dm);
    assert_int_equal(f.ipi.logical, logical);
    assert_int_equal(f.ipi.vector, vector);
    assert_int_equal(f.ipi.assert, assert);
}

static void test_icr_xapic(void **state)
{
    enable();
    mw(VLAPIC_REG_ICR2, 0x06000000);
    mw(VLAPIC_REG_ICR, 0x4000 | 0x40);              /* fixed, physical */
    expect_ipi(6, VLAPIC_SH_NONE, VLAPIC_DM_FIXED, false, 0x40, true);
    assert_int_equal(mr(VLAPIC_REG_ICR) & 0x1000, 0);   /* never busy */
    assert_int_equal(mr(VLAPIC_REG_ICR2), 0x06000000);

    mw(VLAPIC_REG_ICR2, 0x03000000);
    mw(VLAPIC_REG_ICR, 0x4000 | 0x800 | 0x100 | 0x41); /* lowest prio, logical */
    expect_ipi(3, VLAPIC_SH_NONE, VLAPIC_DM_LOWPRI, true, 0x41, true);

    mw(VLAPIC_REG_ICR2, 0xff000000);                /* broadcast widened */
    mw(VLAPIC_REG_ICR, 0x4000 | 0x400);
    expect_ipi(VLAPIC_DEST_BROADCAST, VLAPIC_SH_NONE, VLAPIC_DM_NMI, false, 0, true);

    mw(VLAPIC_REG_ICR2, 0x02000000);                /* INIT assert, deassert */
    mw(VLAPIC_REG_ICR, 0xc500);
    expect_ipi(2, VLAPIC_SH_NONE, VLAPIC_DM_INIT, false, 0, true);
    assert_int_equal(f.nr_ipis, 4);
    mw(VLAPIC_REG_ICR, 0x8500);
    assert_int_equal(f.nr_ipis, 4);
    mw(VLAPIC_REG_ICR, 0x4600 | 0x9a);              /* STARTUP at 0x9a000 */
    expect_ipi(2, VLAPIC_SH_NONE, VLAPIC_DM_STARTUP, false, 0x9a, true);
    mw(VLAPIC_REG_ICR, 0x4200);                     /* SMI: dropped */
    mw(VLAPIC_REG_ICR, 0x4700);                     /* ExtINT: dropped */
    assert_int_equal(f.nr_ipis, 5);
}

static void test_icr_shorthands(void **state)
{
    enable();
    mw(VLAPIC_REG_ICR2, 0x09000000);
    mw(VLAPIC_REG_ICR, (VLAPIC_SH_ALL_EXCL_SELF << 18) | 0x4000 | 0x500);
    expect_ipi(0, VLAPIC_SH_ALL_EXCL_SELF, VLAPIC_DM_INIT, false, 0, true);
    mw(VLAPIC_REG_ICR, (VLAPIC_SH_ALL_INCL_SELF << 18) | 0x4000 | 0xec);
    expect_ipi(0, VLAPIC_SH_ALL_INCL_SELF, VLAPIC_DM_FIXED, false, 0xec, true);
    mw(VLAPIC_REG_ICR, (VLAPIC_SH_SELF << 18) | 0x4000 | 0x400);   /* NMI self */
    expect_ipi(0, VLAPIC_SH_SELF, VLAPIC_DM_NMI, false, 0, true);
    assert_int_equal(f.nr_ipis, 3);

    /* Fixed self-IPI is delivered locally. */
    mw(VLAPIC_REG_ICR, (VLAPIC_SH_SELF << 18) | 0x4000 | 0x77);
    assert_int_equal(f.nr_ipis, 3);
    assert_int_equal(vlapic_pending_irq(l), 0x77);
}

static void test_icr_x2apic(void **state)
{
    enable();
    to_x2apic();
    xw(0x830, (0x12345ull << 32) | 0x4000 | 0x800 | 0x42);
    expect_ipi(0x12345, VLAPIC_SH_NONE, VLAPIC_DM_FIXED, true, 0x42, true);
    assert_int_equal(xr(0x830), (0x12345ull << 32) | 0x4800 | 0x42);
    xw(0x830, (0xffffffffull << 32) | 0x4000 | 0x400);
    expect_ipi(VLAPIC_DEST_BROADCAST, VLAPIC_SH_NONE, VLAPIC_DM_NMI, false, 0, true);
    xw(0x830, (6ull << 32) | 0xc500);
    expect_ipi(6, VLAPIC_SH_NONE, VLAPIC_DM_INIT, false, 0, true);
    xw(0x830, (6ull << 32) | 0x4600 | 0x10);
    expect_ipi(6, VLAPIC_SH_NONE, VLAPIC_DM_STARTUP, false, 0x10, true);
    assert_int_equal(f.nr_ipis, 4);
    /* Delivery-status and other reserved bits: #GP, nothing sent. */
    assert_int_equal(vlapic_msr_write(l, 0x830, 0x1000 | 0x40), -1);
    assert_int_equal(vlapic_msr_write(l, 0x830, 0x100000 | 0x40), -1);
    assert_int_equal(f.nr_ipis, 4);
    /* ICR2 has no MSR of its own. */
    assert_int_equal(vlapic_msr_write(l, 0x831, 0), -1);

    /* SELF_IPI: write-only, vector only. */
    xw(0x83f, 0x66);
    assert_int_equal(vlapic_pending_irq(l), 0x66);
    assert_int_equal(f.nr_ipis, 4);
    assert_int_equal(vlapic_msr_write(l, 0x83f, 0x166), -1);
    uint64_t v;
    assert_int_equal(vlapic_msr_read(l, 0x83f, &v), -1);
}

/* ---- Timer ---- */

static void test_timer_oneshot(void **state)
{
    enable();
    mw(VLAPIC_REG_TDCR, 0xb);                       /* divide by 1 */
    mw(VLAPIC_REG_LVT_TIMER, 0x30);
    mw(VLAPIC_REG_TMICT, 500000);
    assert_int_equal(f.armed, 1000000 + 500000);
    assert_int_equal(mr(VLAPIC_REG_TMCCT), 500000);
    f.now += 200000;
    assert_int_equal(mr(VLAPIC_REG_TMCCT), 300000);
    f.now += 100000;
    assert_int_equal(mr(VLAPIC_REG_TMCCT), 200000);

    /* An early call just re-arms the same deadline. */
    fire();
    assert_int_equal(vlapic_pending_irq(l), -1);
    assert_int_equal(f.armed, 1500000);

    f.now = 1500000;
    fire();
    assert_int_equal(vlapic_pending_irq(l), 0x30);
    assert_int_equal(mr(VLAPIC_REG_TMCCT), 0);
    f.now += 10000000;
    assert_int_equal(mr(VLAPIC_REG_TMCCT), 0);
    unsigned int arms = f.nr_arms;
    fire();                        /* stale: nothing */
    assert_int_equal(f.nr_arms, arms);
    assert_int_equal(mr(VLAPIC_REG_IRR + 0x10), 1u << 16);

    /* TMICT = 0 stops a running timer. */
    mw(VLAPIC_REG_TMICT, 1000);
    assert_int_not_equal(f.armed, 0);
    mw(VLAPIC_REG_TMICT, 0);
    assert_int_equal(f.armed, 0);
}

static void test_timer_periodic(void **state)
{
    enable();
    mw(VLAPIC_REG_TDCR, 0x0);                       /* divide by 2 */
    mw(VLAPIC_REG_LVT_TIMER, VLAPIC_TIMER_PERIODIC | 0x31);
    mw(VLAPIC_REG_TMICT, 500000);                   /* 1 ms */
    assert_int_equal(f.armed, 2000000);
    f.now = 2000000;
    fire();
    assert_int_equal(vlapic_pending_irq(l), 0x31);
    assert_int_equal(f.armed, 3000000);
    assert_int_equal(mr(VLAPIC_REG_TMCCT), 500000);
    f.now = 2500000;
    assert_int_equal(mr(VLAPIC_REG_TMCCT), 250000);
    /* A late tick coalesces: the next deadline is in the future. */
    f.now = 5200000;
    fire();
    assert_int_equal(f.armed, 6000000);
    assert_int_equal(mr(VLAPIC_REG_TMCCT), 400000);

    /* Very short periods are armed at no less than 100 us. */
    mw(VLAPIC_REG_TMICT, 10);
    assert_int_equal(f.armed, 5200000 + 100000);
}

static void test_timer_divide(void **state)
{
    static const struct { uint32_t tdcr, div; } t[] = {
        { 0x0, 2 }, { 0x1, 4 }, { 0x2, 8 }, { 0x3, 16 },
        { 0x8, 32 }, { 0x9, 64 }, { 0xa, 128 }, { 0xb, 1 },
    };
    unsigned int i;

    enable();
    mw(VLAPIC_REG_LVT_TIMER, 0x30);
    for ( i = 0; i < ARRAY_SIZE(t); i++ )
    {
        mw(VLAPIC_REG_TDCR, t[i].tdcr);
        assert_int_equal(mr(VLAPIC_REG_TDCR), t[i].tdcr);
        mw(VLAPIC_REG_TMICT, 1000);
        assert_int_equal(f.armed, f.now + 1000 * t[i].div);
        f.now += 100 * t[i].div;
        assert_int_equal(mr(VLAPIC_REG_TMCCT), 900);
    }
    mw(VLAPIC_REG_TDCR, 0xff);                      /* reserved bits dropped */
    assert_int_equal(mr(VLAPIC_REG_TDCR), 0xb);

    /* Changing the divider mid-count keeps the count and runs on. */
    mw(VLAPIC_REG_TMICT, 1000);
    f.now += 400;
    mw(VLAPIC_REG_TDCR, 0x3);                       /* by 16 */
    assert_int_equal(mr(VLAPIC_REG_TMCCT), 600);
    assert_int_equal(f.armed, f.now + 600 * 16);
    f.now += 160;
    assert_int_equal(mr(VLAPIC_REG_TMCCT), 590);
}

static void test_timer_masked(void **state)
{
    enable();
    mw(VLAPIC_REG_TDCR, 0xb);
    mw(VLAPIC_REG_LVT_TIMER, VLAPIC_LVT_MASKED | 0x30);
    mw(VLAPIC_REG_TMICT, 1000);                     /* one-shot: still counts */
    assert_int_equal(f.armed, f.now + 1000);
    f.now += 1000;
    fire();
    assert_int_equal(vlapic_pending_irq(l), -1);
    assert_int_equal(mr(VLAPIC_REG_TMCCT), 0);

    /* A masked periodic timer is not armed; unmasking arms it in phase. */
    mw(VLAPIC_REG_LVT_TIMER, VLAPIC_LVT_MASKED | VLAPIC_TIMER_PERIODIC | 0x30);
    mw(VLAPIC_REG_TMICT, 200000);
    assert_int_equal(f.armed, 0);
    uint64_t start = f.now;
    f.now += 450000;
    assert_int_equal(mr(VLAPIC_REG_TMCCT), 150000);
    mw(VLAPIC_REG_LVT_TIMER, VLAPIC_TIMER_PERIODIC | 0x30);
    assert_int_equal(f.armed, start + 600000);
    /* Software-disable masks it again and cancels. */
    mw(VLAPIC_REG_SVR, 0xff);
    assert_int_equal(f.armed, 0);
}

static void test_timer_tsc_deadline(void **state)
{
    enable();
    /* Not in deadline mode: MSR writes are ignored. */
    vlapic_tsc_deadline_write(l, 5000000);
    assert_int_equal(vlapic_tsc_deadline_read(l), 0);
    mw(VLAPIC_REG_LVT_TIMER, VLAPIC_TIMER_TSC_DEADLINE | 0x32);
    assert_int_equal(mr(VLAPIC_REG_LVT_TIMER), VLAPIC_TIMER_TSC_DEADLINE | 0x32);
    mw(VLAPIC_REG_TMICT, 1000);                     /* ignored in this mode */
    assert_int_equal(mr(VLAPIC_REG_TMICT), 0);
    assert_int_equal(mr(VLAPIC_REG_TMCCT), 0);

    vlapic_tsc_deadline_write(l, 5000000);          /* 2.5 ms */
    assert_int_equal(vlapic_tsc_deadline_read(l), 5000000);
    assert_int_equal(f.armed, 2500000);
    vlapic_tsc_deadline_write(l, 0);                /* disarm */
    assert_int_equal(f.armed, 0);
    vlapic_tsc_deadline_write(l, 6000000);
    f.now = 3000000;
    fire();
    assert_int_equal(vlapic_pending_irq(l), 0x32);
    assert_int_equal(vlapic_tsc_deadline_read(l), 0);
    assert_int_equal(f.armed, 0);                   /* not re-armed */

    /* Leaving deadline mode disarms and clears the MSR. */
    vlapic_tsc_deadline_write(l, 9000000);
    assert_int_equal(f.armed, 4500000);
    mw(VLAPIC_REG_LVT_TIMER, 0x32);
    assert_int_equal(f.armed, 0);
    assert_int_equal(vlapic_tsc_deadline_read(l), 0);
}

static void test_timer_no_tsc_deadline(void **state)
{
    vlapic_init(l, &ops_no_tsc, &f, 0, true);
    enable();
    mw(VLAPIC_REG_LVT_TIMER, VLAPIC_TIMER_TSC_DEADLINE | 0x32);
    assert_int_equal(mr(VLAPIC_REG_LVT_TIMER), 0x32);
    vlapic_tsc_deadline_write(l, 100);
    assert_int_equal(vlapic_tsc_deadline_read(l), 0);
    to_x2apic();
    assert_int_equal(vlapic_msr_write(l, 0x832, VLAPIC_TIMER_TSC_DEADLINE | 0x32), -1);
    /* With no eoi hook, a level EOI is harmless. */
    vlapic_set_irq(l, 0x90, true);
    vlapic_ack_irq(l, 0x90);
    xw(0x80b, 0);
    assert_int_equal(xr(0x810 + 4), 0);
}

/* ---- Destination matching ---- */

static void test_match_physical(void **state)
{
    assert_true(vlapic_match_dest(l, 4, false));
    assert_false(vlapic_match_dest(l, 5, false));
    assert_true(vlapic_match_dest(l, 0xff, false));
    assert_true(vlapic_match_dest(l, VLAPIC_DEST_BROADCAST, false));
    to_x2apic();
    assert_true(vlapic_match_dest(l, 4, false));
    assert_false(vlapic_match_dest(l, 0xff, false));
    assert_true(vlapic_match_dest(l, VLAPIC_DEST_BROADCAST, false));
}

static void test_match_logical_flat_cluster(void **state)
{
    mw(VLAPIC_REG_LDR, 0x04000000);                 /* flat: bit 2 */
    assert_true(vlapic_match_dest(l, 0x04, true));
    assert_true(vlapic_match_dest(l, 0x0f, true));
    assert_false(vlapic_match_dest(l, 0x03, true));
    assert_true(vlapic_match_dest(l, 0xff, true));
    assert_false(vlapic_match_dest(l, 0x08, true));

    mw(VLAPIC_REG_DFR, 0x0fffffff);                 /* cluster model */
    assert_int_equal(mr(VLAPIC_REG_DFR), 0x0fffffff);
    mw(VLAPIC_REG_DFR, 0);
    assert_int_equal(mr(VLAPIC_REG_DFR), 0x0fffffff);
    mw(VLAPIC_REG_LDR, 0x32000000);                 /* cluster 3, bit 1 */
    assert_true(vlapic_match_dest(l, 0x32, true));
    assert_true(vlapic_match_dest(l, 0x3f, true));
    assert_false(vlapic_match_dest(l, 0x31, true));
    assert_false(vlapic_match_dest(l, 0x22, true));
    assert_true(vlapic_match_dest(l, 0xf2, true));  /* all clusters */
    assert_true(vlapic_match_dest(l, 0xff, true));
}

static void test_match_logical_x2apic(void **state)
{
    vlapic_init(l, &ops, &f, 0x23, false);          /* cluster 2, bit 3 */
    to_x2apic();
    assert_int_equal(xr(0x80d), 0x00020008);
    assert_true(vlapic_match_dest(l, 0x00020008, true));
    assert_true(vlapic_match_dest(l, 0x0002000c, true));
    assert_false(vlapic_match_dest(l, 0x00020004, true));
    assert_false(vlapic_match_dest(l, 0x00010008, true));
    assert_true(vlapic_match_dest(l, VLAPIC_DEST_BROADCAST, true));
    assert_true(vlapic_match_dest(l, 0x23, false));
}

/* ---- Access rules ---- */

static void test_mmio_x2apic_inaccessible(void **state)
{
    uint32_t v;

    enable();
    to_x2apic();
    assert_int_equal(vlapic_mmio_read(l, VLAPIC_REG_ID, 4, &v), 0);
    assert_int_equal(v, 0xffffffff);
    assert_int_equal(vlapic_mmio_read(l, VLAPIC_REG_ID, 2, &v), 0);
    assert_int_equal(v, 0xffff);
    assert_int_equal(vlapic_mmio_write(l, VLAPIC_REG_TPR, 4, 0x50), 0);
    assert_int_equal(xr(0x808), 0);
    assert_int_equal(vlapic_mmio_write(l, VLAPIC_REG_ICR, 4, 0x4400), 0);
    assert_int_equal(f.nr_ipis, 0);

    /* Hardware-disabled: the page is not there either. */
    assert_int_equal(vlapic_set_apic_base(l, 0xfee00100), 0);
    assert_int_equal(vlapic_mmio_read(l, VLAPIC_REG_LVR, 4, &v), 0);
    assert_int_equal(v, 0xffffffff);
}

static void test_mmio_sizes(void **state)
{
    uint32_t v;

    assert_int_equal(vlapic_mmio_read(l, VLAPIC_REG_LVR, 1, &v), 0);
    assert_int_equal(v, 0x14);
    assert_int_equal(vlapic_mmio_read(l, VLAPIC_REG_LVR + 2, 1, &v), 0);
    assert_int_equal(v, 0x05);
    assert_int_equal(vlapic_mmio_read(l, VLAPIC_REG_LVR + 2, 2, &v), 0);
    assert_int_equal(v, 0x0005);
    assert_int_equal(vlapic_mmio_read(l, VLAPIC_REG_ID + 3, 1, &v), 0);
    assert_int_equal(v, 4);
    assert_int_equal(vlapic_mmio_read(l, VLAPIC_REG_LVR + 4, 4, &v), 0);
    assert_int_equal(v, 0);                         /* the 12 bytes after */
    assert_int_equal(vlapic_mmio_read(l, VLAPIC_REG_ID + 0xe, 4, &v), 0);
    assert_int_equal(v, 0x00140000);                /* straddles into LVR */
    assert_int_equal(vlapic_mmio_read(l, 0x800, 4, &v), 0);
    assert_int_equal(v, 0);
    assert_int_equal(vlapic_mmio_read(l, VLAPIC_REG_EOI, 4, &v), 0);
    assert_int_equal(v, 0);                         /* write-only */
    assert_int_equal(vlapic_mmio_read(l, 0xffe, 4, &v), -EINVAL);
    assert_int_equal(vlapic_mmio_read(l, 0, 3, &v), -EINVAL);

    /* Writes other than aligned dwords are ignored; ID is read-only. */
    assert_int_equal(vlapic_mmio_write(l, VLAPIC_REG_TPR, 1, 0x50), 0);
    assert_int_equal(vlapic_mmio_write(l, VLAPIC_REG_TPR + 4, 4, 0x50), 0);
    assert_int_equal(mr(VLAPIC_REG_TPR), 0);
    mw(VLAPIC_REG_TPR, 0x150);
    assert_int_equal(mr(VLAPIC_REG_TPR), 0x50);
    mw(VLAPIC_REG_ID, 0x07000000);
    assert_int_equal(mr(VLAPIC_REG_ID), 4u << 24);
    mw(VLAPIC_REG_PPR, 0x90);
    assert_int_equal(mr(VLAPIC_REG_PPR), 0x50);
}

static void test_x2apic_msr_faults(void **state)
{
    static const uint32_t no_read[] = {
        0x800, 0x801, 0x804, 0x809, 0x80b, 0x80c, 0x80e, 0x829, 0x831,
        0x83a, 0x83f, 0x840, 0x8ff,
    };
    static const struct { uint32_t msr; uint64_t val; } bad_write[] = {
        { 0x802, 0 }, { 0x803, 0 }, { 0x80a, 0 }, { 0x80d, 0 }, { 0x80e, 0 },
        { 0x810, 0 }, { 0x818, 0 }, { 0x820, 0 }, { 0x839, 0 }, { 0x809, 0 },
        { 0x808, 0x100 }, { 0x808, 1ull << 32 }, { 0x80b, 1 }, { 0x828, 1 },
        { 0x832, 0x1000 }, { 0x835, 0x4000 }, { 0x837, 0x400 }, { 0x83e, 0x4 },
        { 0x840, 0 }, { 0x8ff, 0 },
    };
    unsigned int i;
    uint64_t v;

    to_x2apic();
    for ( i = 0; i < ARRAY_SIZE(no_read); i++ )
        assert_int_equal(vlapic_msr_read(l, no_read[i], &v), -1);
    for ( i = 0; i < ARRAY_SIZE(bad_write); i++ )
        assert_int_equal(vlapic_msr_write(l, bad_write[i].msr, bad_write[i].val), -1);
    assert_int_equal(vlapic_msr_read(l, 0x7ff, &v), -1);

    /* The writable ones. */
    xw(0x808, 0x20);
    assert_int_equal(xr(0x808), 0x20);
    assert_int_equal(xr(0x80a), 0x20);
    xw(0x80b, 0);
    xw(0x828, 0);
    assert_int_equal(xr(0x828), 0);
    xw(0x80f, 0x3ff);
    xw(0x835, 0x700 | VLAPIC_LVT_MASKED);
    assert_int_equal(xr(0x835), 0x10700);
    xw(0x836, 0x400);
    assert_int_equal(xr(0x836), 0x400);
    xw(0x82f, 0x10000);
    xw(0x838, 0);
    xw(0x83e, 0xb);
    assert_int_equal(xr(0x83e), 0xb);
    assert_int_equal(xr(0x839), 0);
}

/* ---- Concurrency ---- */

#define NR_THREADS 4

static void *raise_many(void *arg)
{
    unsigned int t = (uintptr_t)arg, v, round;

    for ( round = 0; round < 200; round++ )
        for ( v = 16 + t; v < 256; v += NR_THREADS )
            vlapic_set_irq(l, v, v & 1);
    return NULL;
}

/* Other CPUs raising vectors that share IRR words lose none of them. */
static void test_concurrent_set_irq(void **state)
{
    pthread_t th[NR_THREADS];
    unsigned int i;

    for ( i = 0; i < NR_THREADS; i++ )
        assert_int_equal(pthread_create(&th[i], NULL, raise_many, (void *)(uintptr_t)i), 0);
    for ( i = 0; i < NR_THREADS; i++ )
        pthread_join(th[i], NULL);
    assert_int_equal(mr(VLAPIC_REG_IRR), 0xffff0000);
    for ( i = 1; i < 8; i++ )
    {
        assert_int_equal(mr(VLAPIC_REG_IRR + i * 16), 0xffffffff);
        assert_int_equal(mr(VLAPIC_REG_TMR + i * 16), 0xaaaaaaaa);
    }
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
        T(test_reset_values),
        T(test_init_reset_keeps_id_and_base),
        T(test_id_lvr_msr),
        T(test_svr_enable_disable),
        T(test_mode_transitions),
        T(test_reenable_resets),
        T(test_priority_tpr),
        T(test_nested_and_eoi_order),
        T(test_illegal_vectors_esr),
        T(test_level_edge_tmr),
        T(test_latch_while_disabled),
        T(test_icr_xapic),
        T(test_icr_shorthands),
        T(test_icr_x2apic),
        T(test_timer_oneshot),
        T(test_timer_periodic),
        T(test_timer_divide),
        T(test_timer_masked),
        T(test_timer_tsc_deadline),
        T(test_timer_no_tsc_deadline),
        T(test_match_physical),
        T(test_match_logical_flat_cluster),
        T(test_match_logical_x2apic),
        T(test_mmio_x2apic_inaccessible),
        T(test_mmio_sizes),
        T(test_x2apic_msr_faults),
        T(test_concurrent_set_irq),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
