/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tests of the emulated I/O APIC (xen/arch/x86/hvm/vioapic.c). The ops
 * are recorders of the messages sent, RTE changes and EOIs reported; the EOI
 * and RTE hooks can be told to move a line from inside, as the glue will. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <asm/hvm/vioapic.h>
#include <asm/hvm/vlapic.h>

#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#define BASE        0xfec00000ull
#define NR_PINS     24
#define GSI_BASE    16

struct msg {
    unsigned int pin;
    uint8_t vector;
    uint32_t dest;
    bool logical;
    unsigned int dm;
    bool level;
};

static struct fake {
    struct msg msg[16];             /* messages sent, in order */
    unsigned int nr_msgs;
    unsigned int nr_changes, change_pin;
    uint64_t change_old, change_new;
    unsigned int nr_eois, eoi_pins[8];
    bool lower_on_eoi;              /* the eoi hook lowers the line */
    int raise_on_change;            /* the rte hook raises this pin (-1: no) */
} f;

static struct vioapic *vio;

static void fake_deliver(void *ctx, unsigned int pin, uint8_t vector, uint32_t dest,
                         bool logical, unsigned int dm, bool level)
{
    assert_ptr_equal(ctx, &f);
    assert_true(f.nr_msgs < ARRAY_SIZE(f.msg));
    f.msg[f.nr_msgs++] = (struct msg){ pin, vector, dest, logical, dm, level };
}

static void fake_rte_changed(void *ctx, unsigned int pin, uint64_t old, uint64_t new)
{
    f.nr_changes++;
    f.change_pin = pin;
    f.change_old = old;
    f.change_new = new;
    if ( f.raise_on_change >= 0 )
        assert_int_equal(vioapic_set_irq(vio, f.raise_on_change, true), 0);
}

static void fake_eoi(void *ctx, unsigned int pin)
{
    assert_true(f.nr_eois < ARRAY_SIZE(f.eoi_pins));
    f.eoi_pins[f.nr_eois++] = pin;
    if ( f.lower_on_eoi )
        assert_int_equal(vioapic_set_irq(vio, pin, false), 0);
}

static const struct vioapic_ops ops = {
    .deliver = fake_deliver, .rte_changed = fake_rte_changed, .eoi = fake_eoi,
};

static const struct vioapic_ops ops_minimal = { .deliver = fake_deliver };

static int setup(void **state)
{
    memset(&f, 0, sizeof(f));
    f.raise_on_change = -1;
    vio = malloc(sizeof(*vio));
    memset(vio, 0xa5, sizeof(*vio));    /* init must not rely on zeroed memory */
    assert_int_equal(vioapic_init(vio, BASE, 2, GSI_BASE, NR_PINS,
                                  VIOAPIC_VERSION_82093AA, &ops, &f), 0);
    return 0;
}

static int teardown(void **state)
{
    free(vio);
    return 0;
}

static uint32_t mr(unsigned int off)
{
    uint64_t v = 0xdeadbeefdeadbeefull;

    assert_int_equal(vioapic_mmio_read(vio, BASE + off, 4, &v), 0);
    assert_int_equal(v >> 32, 0);
    return v;
}

static void mw(unsigned int off, uint32_t v)
{
    assert_int_equal(vioapic_mmio_write(vio, BASE + off, 4, v), 0);
}

static uint32_t reg_read(uint8_t reg)
{
    mw(VIOAPIC_REG_SELECT, reg);
    return mr(VIOAPIC_REG_WINDOW);
}

static void reg_write(uint8_t reg, uint32_t v)
{
    mw(VIOAPIC_REG_SELECT, reg);
    mw(VIOAPIC_REG_WINDOW, v);
}

/* Destination first, then the low half, as Linux programs an entry. */
static void rte_write(unsigned int pin, uint32_t low, uint8_t dest)
{
    reg_write(VIOAPIC_REG_RTE0 + 2 * pin + 1, (uint32_t)dest << 24);
    reg_write(VIOAPIC_REG_RTE0 + 2 * pin, low);
}

static uint32_t rte_low(unsigned int pin)
{
    return reg_read(VIOAPIC_REG_RTE0 + 2 * pin);
}

static void irq(unsigned int pin, bool level)
{
    assert_int_equal(vioapic_set_irq(vio, pin, level), 0);
}

static void assert_msg(unsigned int i, unsigned int pin, uint8_t vector, uint32_t dest,
                       bool logical, unsigned int dm, bool level)
{
    assert_true(i < f.nr_msgs);
    assert_int_equal(f.msg[i].pin, pin);
    assert_int_equal(f.msg[i].vector, vector);
    assert_int_equal(f.msg[i].dest, dest);
    assert_int_equal(f.msg[i].logical, logical);
    assert_int_equal(f.msg[i].dm, dm);
    assert_int_equal(f.msg[i].level, level);
}

#define LEVEL_LOW   0xa000u     /* level-triggered, active low */
#define MASK        0x10000u
#define REMOTE_IRR  0x4000u

/* ---- Construction and identification registers ---- */

static void test_reset_state(void **state)
{
    unsigned int pin;

    assert_int_equal(mr(VIOAPIC_REG_SELECT), 0);
    assert_int_equal(reg_read(VIOAPIC_REG_ID), 2u << 24);
    assert_int_equal(reg_read(VIOAPIC_REG_VERSION), (23u << 16) | 0x11);
    assert_int_equal(reg_read(VIOAPIC_REG_ARB), 2u << 24);
    for ( pin = 0; pin < NR_PINS; pin++ )
    {
        assert_int_equal(rte_low(pin), MASK);
        assert_int_equal(reg_read(VIOAPIC_REG_RTE0 + 2 * pin + 1), 0);
        assert_int_equal(vioapic_get_rte(vio, pin), MASK);
    }
    assert_int_equal(f.nr_msgs + f.nr_changes + f.nr_eois, 0);

    /* The version is a parameter; the ID keeps its 4 bits. */
    assert_int_equal(vioapic_init(vio, BASE, 0x25, 0, 1, 0x20, &ops, &f), 0);
    assert_int_equal(reg_read(VIOAPIC_REG_VERSION), 0x20);
    assert_int_equal(reg_read(VIOAPIC_REG_ID), 5u << 24);
}

static void test_init_rejects(void **state)
{
    static const struct vioapic_ops no_deliver = { .eoi = fake_eoi };
    struct vioapic *copy = malloc(sizeof(*vio));

    rte_write(3, 0x41, 1);
    memcpy(copy, vio, sizeof(*vio));
    assert_int_equal(vioapic_init(vio, BASE, 0, 0, 0, 0x11, &ops, &f), -EINVAL);
    assert_int_equal(vioapic_init(vio, BASE, 0, 0, VIOAPIC_MAX_PINS + 1, 0x11, &ops, &f),
                     -EINVAL);
    assert_int_equal(vioapic_init(vio, BASE, 0, 0, 24, 0x11, NULL, &f), -EINVAL);
    assert_int_equal(vioapic_init(vio, BASE, 0, 0, 24, 0x11, &no_deliver, &f), -EINVAL);
    assert_memory_equal(copy, vio, sizeof(*vio));
    free(copy);

    /* The largest table: RTE 119's high half is IOREGSEL 0xff. */
    assert_int_equal(vioapic_init(vio, BASE, 0, 0, VIOAPIC_MAX_PINS, 0x11, &ops, &f), 0);
    assert_int_equal(reg_read(VIOAPIC_REG_VERSION), (119u << 16) | 0x11);
    reg_write(0xff, 0x0a000000);
    assert_int_equal(vioapic_get_rte(vio, 119), (0x0aull << 56) | MASK);
    assert_int_equal(f.change_pin, 119);
}

static void test_id_and_readonly_registers(void **state)
{
    reg_write(VIOAPIC_REG_ID, 0xffffffff);
    assert_int_equal(reg_read(VIOAPIC_REG_ID), 0x0f000000);
    assert_int_equal(reg_read(VIOAPIC_REG_ARB), 0x0f000000);
    reg_write(VIOAPIC_REG_ID, 0x03ffffff);
    assert_int_equal(reg_read(VIOAPIC_REG_ID), 0x03000000);
    reg_write(VIOAPIC_REG_VERSION, 0);
    assert_int_equal(reg_read(VIOAPIC_REG_VERSION), (23u << 16) | 0x11);
    reg_write(VIOAPIC_REG_ARB, 0x07000000);
    assert_int_equal(reg_read(VIOAPIC_REG_ARB), 0x03000000);
    /* IOREGSEL keeps its 8 defined bits. */
    mw(VIOAPIC_REG_SELECT, 0x12345601);
    assert_int_equal(mr(VIOAPIC_REG_SELECT), 0x01);
    assert_int_equal(mr(VIOAPIC_REG_WINDOW), (23u << 16) | 0x11);
    assert_int_equal(f.nr_changes, 0);
}

/* ---- Redirection table ---- */

static void test_rte_round_trip(void **state)
{
    /* All low bits written: delivery status and remote IRR read 0. */
    reg_write(VIOAPIC_REG_RTE0 + 2 * 4, 0xffffffff);
    assert_int_equal(f.nr_changes, 1);
    assert_int_equal(f.change_pin, 4);
    assert_int_equal(f.change_old, MASK);
    assert_int_equal(f.change_new, 0xffffafff);
    assert_int_equal(rte_low(4), 0xffffafff);
    /* The high half as written, the low half untouched. */
    reg_write(VIOAPIC_REG_RTE0 + 2 * 4 + 1, 0xff00abcd);
    assert_int_equal(f.nr_changes, 2);
    assert_int_equal(f.change_old, 0xffffafff);
    assert_int_equal(f.change_new, 0xff00abcdffffafffull);
    assert_int_equal(reg_read(VIOAPIC_REG_RTE0 + 2 * 4 + 1), 0xff00abcd);
    assert_int_equal(vioapic_get_rte(vio, 4), 0xff00abcdffffafffull);
    assert_int_equal(vioapic_get_rte(vio, 5), MASK);
    /* Rewriting the same value still tells the caller. */
    reg_write(VIOAPIC_REG_RTE0 + 2 * 4 + 1, 0xff00abcd);
    assert_int_equal(f.nr_changes, 3);
    assert_int_equal(f.change_old, f.change_new);
    assert_int_equal(f.nr_msgs, 0);     /* masked: nothing sent */
}

static void test_rte_readonly_bits_kept(void **state)
{
    rte_write(6, LEVEL_LOW | 0x51, 1);
    irq(6, true);
    assert_int_equal(rte_low(6), LEVEL_LOW | REMOTE_IRR | 0x51);
    /* Writing 0 to remote IRR and 1 to delivery status changes neither. */
    reg_write(VIOAPIC_REG_RTE0 + 12, LEVEL_LOW | 0x1000 | 0x52);
    assert_int_equal(rte_low(6), LEVEL_LOW | REMOTE_IRR | 0x52);
    assert_int_equal(f.change_new, LEVEL_LOW | REMOTE_IRR | 0x52 | (1ull << 56));
    /* Nor does a write of the high half. */
    reg_write(VIOAPIC_REG_RTE0 + 13, 0x02000000);
    assert_int_equal(vioapic_get_rte(vio, 6), LEVEL_LOW | REMOTE_IRR | 0x52 | (2ull << 56));
    assert_int_equal(f.nr_msgs, 1);
    assert_int_equal(f.nr_eois, 0);
}

/* ---- Edge-triggered ---- */

static void test_edge_delivery(void **state)
{
    rte_write(1, 0x31, 3);
    assert_int_equal(f.nr_msgs, 0);
    irq(1, true);
    assert_int_equal(f.nr_msgs, 1);
    assert_msg(0, 1, 0x31, 3, false, VLAPIC_DM_FIXED, false);
    irq(1, true);                       /* still high: no new edge */
    irq(1, false);
    assert_int_equal(f.nr_msgs, 1);
    irq(1, true);
    assert_int_equal(f.nr_msgs, 2);
    /* Logical destination, lowest priority, NMI; 0xff is broadcast. */
    rte_write(2, 0x942, 0x0c);
    irq(2, true);
    assert_msg(2, 2, 0x42, 0x0c, true, VLAPIC_DM_LOWPRI, false);
    rte_write(3, 0x400, 0xff);
    irq(3, true);
    assert_msg(3, 3, 0x00, VLAPIC_DEST_BROADCAST, false, VLAPIC_DM_NMI, false);
    assert_int_equal(f.nr_eois, 0);
    assert_int_equal(rte_low(1), 0x31); /* no remote IRR for edge */
}

static void test_edge_while_masked_is_lost(void **state)
{
    rte_write(1, MASK | 0x31, 0);
    irq(1, true);
    assert_int_equal(f.nr_msgs, 0);
    rte_write(1, 0x31, 0);              /* unmasked with the line still high */
    assert_int_equal(f.nr_msgs, 0);
    irq(1, false);
    irq(1, true);
    assert_int_equal(f.nr_msgs, 1);
    assert_msg(0, 1, 0x31, 0, false, VLAPIC_DM_FIXED, false);
    /* Masking stops later edges too. */
    rte_write(1, MASK | 0x31, 0);
    irq(1, false);
    irq(1, true);
    assert_int_equal(f.nr_msgs, 1);
}

/* ---- Level-triggered ---- */

static void test_level_remote_irr(void **state)
{
    rte_write(5, LEVEL_LOW | 0x61, 0);
    irq(5, true);
    assert_int_equal(f.nr_msgs, 1);
    assert_msg(0, 5, 0x61, 0, false, VLAPIC_DM_FIXED, true);
    assert_int_equal(rte_low(5), LEVEL_LOW | REMOTE_IRR | 0x61);
    /* Until the EOI nothing more, whatever the line does. */
    irq(5, true);
    irq(5, false);
    irq(5, true);
    assert_int_equal(f.nr_msgs, 1);
    /* An EOI for another vector changes nothing. */
    vioapic_eoi(vio, 0x62);
    assert_int_equal(f.nr_msgs, 1);
    assert_int_equal(f.nr_eois, 0);
    assert_true(vioapic_get_rte(vio, 5) & REMOTE_IRR);
    /* The right EOI with the line still high: sent again. */
    vioapic_eoi(vio, 0x61);
    assert_int_equal(f.nr_eois, 1);
    assert_int_equal(f.eoi_pins[0], 5);
    assert_int_equal(f.nr_msgs, 2);
    assert_msg(1, 5, 0x61, 0, false, VLAPIC_DM_FIXED, true);
    assert_true(vioapic_get_rte(vio, 5) & REMOTE_IRR);
    /* Line low at the EOI: remote IRR clear, nothing sent. */
    irq(5, false);
    vioapic_eoi(vio, 0x61);
    assert_int_equal(f.nr_msgs, 2);
    assert_int_equal(rte_low(5), LEVEL_LOW | 0x61);
    vioapic_eoi(vio, 0x61);             /* nothing in service: no hook */
    assert_int_equal(f.nr_eois, 2);
    irq(5, true);
    assert_int_equal(f.nr_msgs, 3);
}

/* The caller lowers the line from the EOI hook (its physical pin is EOIed). */
static void test_eoi_hook_lowers_line(void **state)
{
    f.lower_on_eoi = true;
    rte_write(7, LEVEL_LOW | 0x71, 1);
    irq(7, true);
    vioapic_eoi(vio, 0x71);
    assert_int_equal(f.nr_msgs, 1);
    assert_int_equal(f.nr_eois, 1);
    assert_int_equal(rte_low(7), LEVEL_LOW | 0x71);
    irq(7, true);                       /* the device still wants service */
    assert_int_equal(f.nr_msgs, 2);
}

static void test_level_mask_unmask(void **state)
{
    rte_write(9, MASK | LEVEL_LOW | 0x91, 0);
    irq(9, true);
    assert_int_equal(f.nr_msgs, 0);
    assert_int_equal(rte_low(9), MASK | LEVEL_LOW | 0x91);
    rte_write(9, LEVEL_LOW | 0x91, 0);  /* unmask: the level is seen */
    assert_int_equal(f.nr_msgs, 1);
    assert_msg(0, 9, 0x91, 0, false, VLAPIC_DM_FIXED, true);
    /* Masked while in service: the EOI still clears remote IRR, but a
     * masked entry sends nothing. */
    rte_write(9, MASK | LEVEL_LOW | 0x91, 0);
    vioapic_eoi(vio, 0x91);
    assert_int_equal(rte_low(9), MASK | LEVEL_LOW | 0x91);
    assert_int_equal(f.nr_eois, 1);
    assert_int_equal(f.nr_msgs, 1);
    rte_write(9, LEVEL_LOW | 0x91, 0);
    assert_int_equal(f.nr_msgs, 2);
}

/* Linux's recovery without an EOI register: mask, edge, level, unmask. */
static void test_edge_switch_clears_remote_irr(void **state)
{
    rte_write(10, LEVEL_LOW | 0xa1, 0);
    irq(10, true);
    assert_int_equal(f.nr_msgs, 1);
    reg_write(VIOAPIC_REG_RTE0 + 20, MASK | 0x2000 | 0xa1);
    assert_int_equal(rte_low(10), MASK | 0x2000 | 0xa1);
    assert_int_equal(f.nr_eois, 1);
    assert_int_equal(f.eoi_pins[0], 10);
    reg_write(VIOAPIC_REG_RTE0 + 20, MASK | LEVEL_LOW | 0xa1);
    assert_int_equal(f.nr_msgs, 1);
    reg_write(VIOAPIC_REG_RTE0 + 20, LEVEL_LOW | 0xa1);
    assert_int_equal(f.nr_msgs, 2);
    assert_int_equal(rte_low(10), LEVEL_LOW | REMOTE_IRR | 0xa1);
}

static void test_edge_to_level_with_line_high(void **state)
{
    rte_write(11, 0xb1, 0);
    irq(11, true);
    assert_int_equal(f.nr_msgs, 1);
    assert_msg(0, 11, 0xb1, 0, false, VLAPIC_DM_FIXED, false);
    rte_write(11, LEVEL_LOW | 0xb1, 0);
    assert_int_equal(f.nr_msgs, 2);
    assert_msg(1, 11, 0xb1, 0, false, VLAPIC_DM_FIXED, true);
}

static void test_eoi_shared_vector(void **state)
{
    rte_write(12, LEVEL_LOW | 0xc1, 0);
    rte_write(13, LEVEL_LOW | 0xc1, 0);
    rte_write(14, 0xc1, 0);             /* edge, same vector */
    irq(12, true);
    irq(13, true);
    irq(14, true);
    assert_int_equal(f.nr_msgs, 3);
    f.lower_on_eoi = true;
    vioapic_eoi(vio, 0xc1);
    assert_int_equal(f.nr_eois, 2);
    assert_int_equal(f.eoi_pins[0], 12);
    assert_int_equal(f.eoi_pins[1], 13);
    assert_false(vioapic_get_rte(vio, 12) & REMOTE_IRR);
    assert_false(vioapic_get_rte(vio, 13) & REMOTE_IRR);
    assert_int_equal(f.nr_msgs, 3);
}

static void test_eoi_register(void **state)
{
    rte_write(5, LEVEL_LOW | 0x61, 0);
    irq(5, true);
    irq(5, false);
    /* Version 0x11 has no EOI register: ignored. */
    mw(VIOAPIC_REG_EOI, 0x61);
    assert_true(vioapic_get_rte(vio, 5) & REMOTE_IRR);
    assert_int_equal(f.nr_eois, 0);

    assert_int_equal(vioapic_init(vio, BASE, 2, GSI_BASE, NR_PINS, 0x20, &ops, &f), 0);
    rte_write(5, LEVEL_LOW | 0x61, 0);
    irq(5, true);
    mw(VIOAPIC_REG_EOI, 0x62);
    assert_true(vioapic_get_rte(vio, 5) & REMOTE_IRR);
    mw(VIOAPIC_REG_EOI, 0xffffff61);    /* only bits 7:0 are the vector */
    assert_int_equal(f.nr_eois, 1);
    assert_int_equal(f.nr_msgs, 3);     /* line still high: sent again */
    irq(5, false);
    mw(VIOAPIC_REG_EOI, 0x61);
    assert_false(vioapic_get_rte(vio, 5) & REMOTE_IRR);
    assert_int_equal(f.nr_msgs, 3);
    assert_int_equal(mr(VIOAPIC_REG_EOI), 0);
}

/* The RTE hook may report the line from inside: one message, not two. */
static void test_rte_hook_raises_line(void **state)
{
    f.raise_on_change = 15;
    rte_write(15, LEVEL_LOW | 0xd1, 0);
    assert_int_equal(f.nr_msgs, 1);
    assert_int_equal(rte_low(15), LEVEL_LOW | REMOTE_IRR | 0xd1);
}

static void test_optional_hooks(void **state)
{
    assert_int_equal(vioapic_init(vio, BASE, 0, 0, NR_PINS, 0x11, &ops_minimal, &f), 0);
    rte_write(2, LEVEL_LOW | 0x22, 0);
    irq(2, true);
    vioapic_eoi(vio, 0x22);
    reg_write(VIOAPIC_REG_RTE0 + 4, 0x22);
    assert_int_equal(f.nr_msgs, 2);
    assert_int_equal(f.nr_changes + f.nr_eois, 0);
}

/* ---- Bad input ---- */

static void test_bad_pins_and_gsis(void **state)
{
    assert_int_equal(vioapic_set_irq(vio, NR_PINS, true), -EINVAL);
    assert_int_equal(vioapic_set_irq(vio, VIOAPIC_MAX_PINS, true), -EINVAL);
    assert_int_equal(vioapic_set_irq(vio, ~0u, true), -EINVAL);
    assert_int_equal(vioapic_get_rte(vio, NR_PINS), MASK);
    assert_int_equal(vioapic_get_rte(vio, ~0u), MASK);
    assert_int_equal(vioapic_gsi_to_pin(vio, GSI_BASE - 1), -EINVAL);
    assert_int_equal(vioapic_gsi_to_pin(vio, GSI_BASE), 0);
    assert_int_equal(vioapic_gsi_to_pin(vio, GSI_BASE + NR_PINS - 1), NR_PINS - 1);
    assert_int_equal(vioapic_gsi_to_pin(vio, GSI_BASE + NR_PINS), -EINVAL);
    assert_int_equal(vioapic_gsi_to_pin(vio, ~0u), -EINVAL);
    assert_int_equal(f.nr_msgs, 0);
}

static void test_bad_accesses(void **state)
{
    uint64_t v;
    unsigned int size;

    assert_false(vioapic_in_range(vio, BASE - 1));
    assert_true(vioapic_in_range(vio, BASE));
    assert_true(vioapic_in_range(vio, BASE + 0xff));
    assert_false(vioapic_in_range(vio, BASE + 0x100));
    assert_int_equal(vioapic_mmio_read(vio, BASE - 4, 4, &v), -EINVAL);
    assert_int_equal(vioapic_mmio_read(vio, BASE + 0x100, 4, &v), -EINVAL);
    assert_int_equal(vioapic_mmio_write(vio, 0, 4, 0), -EINVAL);
    assert_int_equal(vioapic_mmio_read(vio, BASE + 0xfc, 8, &v), -EINVAL);
    for ( size = 0; size <= 16; size++ )
        if ( size != 1 && size != 2 && size != 4 && size != 8 )
        {
            assert_int_equal(vioapic_mmio_read(vio, BASE, size, &v), -EINVAL);
            assert_int_equal(vioapic_mmio_write(vio, BASE, size, 0), -EINVAL);
        }
    assert_int_equal(mr(0xfc), 0);
    assert_int_equal(mr(0x20), 0);

    /* Well-formed but not a dword register access: read 0, write ignored. */
    mw(VIOAPIC_REG_SELECT, VIOAPIC_REG_VERSION);
    assert_int_equal(vioapic_mmio_write(vio, BASE, 1, 0x10), 0);
    assert_int_equal(vioapic_mmio_write(vio, BASE + 1, 4, 0x10), 0);
    assert_int_equal(vioapic_mmio_write(vio, BASE, 8, 0x10), 0);
    assert_int_equal(mr(VIOAPIC_REG_SELECT), VIOAPIC_REG_VERSION);
    v = 0xdead;
    assert_int_equal(vioapic_mmio_read(vio, BASE, 1, &v), 0);
    assert_int_equal(v, 0);
    v = 0xdead;
    assert_int_equal(vioapic_mmio_read(vio, BASE + VIOAPIC_REG_WINDOW, 8, &v), 0);
    assert_int_equal(v, 0);
    mw(VIOAPIC_REG_SELECT, VIOAPIC_REG_RTE0);
    assert_int_equal(vioapic_mmio_write(vio, BASE + VIOAPIC_REG_WINDOW, 2, 0x31), 0);
    assert_int_equal(vioapic_mmio_write(vio, BASE + VIOAPIC_REG_WINDOW + 4, 4, 0x31), 0);
    assert_int_equal(vioapic_get_rte(vio, 0), MASK);
    assert_int_equal(f.nr_changes, 0);
}

/* IOREGSEL naming no register: reads 0, writes dropped, nothing else moves. */
static void test_ioregsel_past_table(void **state)
{
    unsigned int sel, pin;

    for ( sel = 0x03; sel <= 0xff; sel++ )
    {
        if ( sel >= VIOAPIC_REG_RTE0 && sel < VIOAPIC_REG_RTE0 + 2 * NR_PINS )
            continue;
        reg_write(sel, 0xffffffff);
        assert_int_equal(reg_read(sel), 0);
    }
    for ( pin = 0; pin < NR_PINS; pin++ )
        assert_int_equal(vioapic_get_rte(vio, pin), MASK);
    assert_int_equal(reg_read(VIOAPIC_REG_ID), 2u << 24);
    assert_int_equal(f.nr_changes + f.nr_msgs, 0);
}

int main(void)
{
    static const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
        T(test_reset_state),
        T(test_init_rejects),
        T(test_id_and_readonly_registers),
        T(test_rte_round_trip),
        T(test_rte_readonly_bits_kept),
        T(test_edge_delivery),
        T(test_edge_while_masked_is_lost),
        T(test_level_remote_irr),
        T(test_eoi_hook_lowers_line),
        T(test_level_mask_unmask),
        T(test_edge_switch_clears_remote_irr),
        T(test_edge_to_level_with_line_high),
        T(test_eoi_shared_vector),
        T(test_eoi_register),
        T(test_rte_hook_raises_line),
        T(test_optional_hooks),
        T(test_bad_pins_and_gsis),
        T(test_bad_accesses),
        T(test_ioregsel_past_table),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
