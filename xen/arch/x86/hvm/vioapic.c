/* SPDX-License-Identifier: GPL-2.0-only */
/* The emulated I/O APIC: IOREGSEL/IOWIN registers, the redirection table and
 * the edge/level delivery rules, as a PVH dom0 under Xen 4.17 sees them. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/hvm/vioapic.h>
#include <asm/hvm/vlapic.h>

/*
 * Theory of operation
 *
 * State. rte[] holds the table as the guest reads it; line[] the level of
 * each input (logical: asserted or not), kept even while the entry is
 * masked, so unmasking a level entry whose line is high delivers at once.
 *
 * RTE writes store all 32 bits of the half written, reserved bits included
 * (read back as written, as Xen and QEMU do), except the two read-only
 * bits: delivery status always reads 0 (messages are sent synchronously)
 * and remote IRR keeps its value, but is cleared when the entry becomes
 * edge-triggered. Linux relies on that last rule to recover a stuck remote
 * IRR on IO-APICs without an EOI register (version < 0x20): it masks the
 * entry, rewrites it as edge, then as level again.
 *
 * Delivery rules (datasheet, and Xen's behaviour):
 *  - edge: a rising line on an unmasked entry sends one message. An edge
 *    on a masked entry is lost, not latched (datasheet: "not delivered or
 *    held pending"; Xen drops it too).
 *  - level: whenever the entry is level, unmasked, its remote IRR clear and
 *    its line high, remote IRR is set and one message is sent. That is
 *    re-checked after every event that can make it true: the line rising,
 *    an RTE write, an EOI. A line falling while remote IRR is set changes
 *    nothing: only an EOI clears remote IRR.
 *  - EOI (vLAPIC broadcast, or the EOI register when version >= 0x20):
 *    every entry with that vector and remote IRR set gets it cleared,
 *    ops->eoi tells the caller (which acknowledges the physical line and
 *    may lower ours), then the level rule is re-checked.
 *
 * Example 1, level, as a PCI INTx under Linux: RTE 5 = 0xa061 (vector
 * 0x61, low active, level), destination 0. The device asserts: set_irq(5,
 * 1) -> remote IRR set, deliver(0x61, level). The device stays asserted
 * and the caller says so again: nothing (remote IRR set). The guest's
 * vLAPIC EOI for 0x61 -> vioapic_eoi(0x61): remote IRR cleared, ops->eoi(5)
 * lowers the line (the caller unmasks the physical pin), nothing is sent.
 * Had the callee left it high, 0x61 would have gone out again at once.
 *
 * Example 2, edge while masked: RTE 1 = 0x10031 (masked, edge, vector
 * 0x31). set_irq(1, 1) sends nothing; writing 0x31 (unmask) sends nothing
 * either, though the line is still high: the edge is gone. set_irq(1, 0),
 * set_irq(1, 1) then sends 0x31.
 *
 * Locking: none here; see vioapic.h. Hooks run inside the calls.
 */

#define RTE_LOW_HALF        0xffffffffull
#define NO_PIN              (-EINVAL)

static bool is_level(uint64_t rte)
{
    return rte & VIOAPIC_RTE_LEVEL;
}

static bool is_masked(uint64_t rte)
{
    return rte & VIOAPIC_RTE_MASKED;
}

static void send(struct vioapic *vio, unsigned int pin)
{
    uint64_t rte = vio->rte[pin];
    uint32_t dest = rte >> VIOAPIC_RTE_DEST_SHIFT;

    vio->ops->deliver(vio->ctx, pin, rte & VIOAPIC_RTE_VECTOR,
                      dest == 0xff ? VLAPIC_DEST_BROADCAST : dest,
                      rte & VIOAPIC_RTE_DEST_LOGICAL,
                      (rte >> VIOAPIC_RTE_DM_SHIFT) & 7, is_level(rte));
}

/* The level rule: the one place that sets remote IRR. */
static void level_check(struct vioapic *vio, unsigned int pin)
{
    uint64_t rte = vio->rte[pin];

    if ( !is_level(rte) || is_masked(rte) || (rte & VIOAPIC_RTE_REMOTE_IRR) ||
         !vio->line[pin] )
        return;
    vio->rte[pin] = rte | VIOAPIC_RTE_REMOTE_IRR;
    send(vio, pin);
}

int vioapic_set_irq(struct vioapic *vio, unsigned int pin, bool asserted)
{
    bool was;

    if ( pin >= vio->nr_pins )
        return -EINVAL;
    was = vio->line[pin];
    vio->line[pin] = asserted;
    if ( is_level(vio->rte[pin]) )
        level_check(vio, pin);
    else if ( asserted && !was && !is_masked(vio->rte[pin]) )
        send(vio, pin);
    return 0;
}

/* Remote IRR of pin has just been cleared. */
static void remote_irr_cleared(struct vioapic *vio, unsigned int pin)
{
    if ( vio->ops->eoi )
        vio->ops->eoi(vio->ctx, pin);
    level_check(vio, pin);
}

void vioapic_eoi(struct vioapic *vio, uint8_t vector)
{
    unsigned int pin;

    for ( pin = 0; pin < vio->nr_pins; pin++ )
    {
        uint64_t rte = vio->rte[pin];

        if ( (rte & VIOAPIC_RTE_VECTOR) != vector ||
             !(rte & VIOAPIC_RTE_REMOTE_IRR) )
            continue;
        vio->rte[pin] = rte & ~VIOAPIC_RTE_REMOTE_IRR;
        remote_irr_cleared(vio, pin);
    }
}

/* ---- Redirection table writes ---- */

static uint64_t merge_rte(uint64_t old, bool high, uint32_t val)
{
    uint64_t new;

    if ( high )
        return (old & RTE_LOW_HALF) | ((uint64_t)val << 32);
    new = (old & ~RTE_LOW_HALF) | val;
    new &= ~(VIOAPIC_RTE_DELIVS | VIOAPIC_RTE_REMOTE_IRR);
    if ( is_level(new) )
        new |= old & VIOAPIC_RTE_REMOTE_IRR;
    return new;
}

static void write_rte(struct vioapic *vio, unsigned int pin, bool high,
                      uint32_t val)
{
    uint64_t old = vio->rte[pin], new = merge_rte(old, high, val);

    vio->rte[pin] = new;
    if ( vio->ops->rte_changed )
        vio->ops->rte_changed(vio->ctx, pin, old, new);
    if ( (old & VIOAPIC_RTE_REMOTE_IRR) && !(new & VIOAPIC_RTE_REMOTE_IRR) )
        remote_irr_cleared(vio, pin);
    else
        level_check(vio, pin);
}

/* ---- Indirect registers ---- */

/* The RTE pin selected by IOREGSEL, or NO_PIN. */
static int selected_pin(const struct vioapic *vio)
{
    unsigned int pin;

    if ( vio->ioregsel < VIOAPIC_REG_RTE0 )
        return NO_PIN;
    pin = (vio->ioregsel - VIOAPIC_REG_RTE0) / 2;
    return pin < vio->nr_pins ? (int)pin : NO_PIN;
}

static uint32_t read_indirect(const struct vioapic *vio)
{
    int pin = selected_pin(vio);

    switch ( vio->ioregsel )
    {
    case VIOAPIC_REG_ID:
    case VIOAPIC_REG_ARB:
        return (uint32_t)vio->id << 24;
    case VIOAPIC_REG_VERSION:
        return ((vio->nr_pins - 1) << 16) | vio->version;
    }
    if ( pin == NO_PIN )
        return 0;
    return (vio->ioregsel & 1) ? vio->rte[pin] >> 32 : (uint32_t)vio->rte[pin];
}

static void write_indirect(struct vioapic *vio, uint32_t val)
{
    int pin = selected_pin(vio);

    if ( vio->ioregsel == VIOAPIC_REG_ID )
        vio->id = (val >> 24) & 0xf;
    else if ( pin != NO_PIN )
        write_rte(vio, pin, vio->ioregsel & 1, val);
    /* Version, arbitration and unimplemented registers ignore writes. */
}

/* ---- MMIO window ---- */

bool vioapic_in_range(const struct vioapic *vio, uint64_t gpa)
{
    return gpa >= vio->base && gpa - vio->base < VIOAPIC_MEM_LENGTH;
}

/* The window offset of a well-formed access, or -EINVAL. */
static int access_offset(const struct vioapic *vio, uint64_t gpa,
                         unsigned int size)
{
    uint64_t off = gpa - vio->base;

    if ( (size != 1 && size != 2 && size != 4 && size != 8) ||
         !vioapic_in_range(vio, gpa) || VIOAPIC_MEM_LENGTH - off < size )
        return -EINVAL;
    return off;
}

int vioapic_mmio_read(struct vioapic *vio, uint64_t gpa, unsigned int size,
                      uint64_t *val)
{
    int off = access_offset(vio, gpa, size);

    if ( off < 0 )
        return off;
    *val = 0;
    if ( size != 4 )
        return 0;
    if ( off == VIOAPIC_REG_SELECT )
        *val = vio->ioregsel;
    else if ( off == VIOAPIC_REG_WINDOW )
        *val = read_indirect(vio);
    return 0;
}

int vioapic_mmio_write(struct vioapic *vio, uint64_t gpa, unsigned int size,
                       uint64_t val)
{
    int off = access_offset(vio, gpa, size);

    if ( off < 0 )
        return off;
    if ( size != 4 )
        return 0;
    if ( off == VIOAPIC_REG_SELECT )
        vio->ioregsel = val;            /* bits 31:8 are reserved */
    else if ( off == VIOAPIC_REG_WINDOW )
        write_indirect(vio, val);
    else if ( off == VIOAPIC_REG_EOI && vio->version >= VIOAPIC_VERSION_EOI )
        vioapic_eoi(vio, (uint8_t)val);
    return 0;
}

/* ---- Construction and queries ---- */

int vioapic_init(struct vioapic *vio, uint64_t base, uint8_t id,
                 uint32_t gsi_base, unsigned int nr_pins, uint8_t version,
                 const struct vioapic_ops *ops, void *ctx)
{
    unsigned int pin;

    if ( !nr_pins || nr_pins > VIOAPIC_MAX_PINS || !ops || !ops->deliver )
        return -EINVAL;
    memset(vio, 0, sizeof(*vio));
    for ( pin = 0; pin < VIOAPIC_MAX_PINS; pin++ )
        vio->rte[pin] = VIOAPIC_RTE_MASKED;
    vio->base = base;
    vio->id = id & 0xf;
    vio->gsi_base = gsi_base;
    vio->nr_pins = nr_pins;
    vio->version = version;
    vio->ops = ops;
    vio->ctx = ctx;
    return 0;
}

int vioapic_gsi_to_pin(const struct vioapic *vio, uint32_t gsi)
{
    if ( gsi < vio->gsi_base || gsi - vio->gsi_base >= vio->nr_pins )
        return -EINVAL;
    return gsi - vio->gsi_base;
}

uint64_t vioapic_get_rte(const struct vioapic *vio, unsigned int pin)
{
    return pin < vio->nr_pins ? vio->rte[pin] : VIOAPIC_RTE_MASKED;
}
