/* SPDX-License-Identifier: GPL-2.0-only */
/* MSI-X for dom0's vPCI: the enable bit, function mask and table dom0 sees
 * are shadows; the device only gets the messages the bind op chose. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/xmalloc.h>
#include "vpci_priv.h"

/*
 * The table and PBA are located afresh at every use from the offset/BIR
 * registers (read once: they are read-only) and the BAR as it is now, so
 * they follow dom0 moving the BAR; memory decoding must be on. dom0 sees
 * BARs 1:1, so the BAR's address is both where dom0 reaches the table and
 * where vPCI writes the device's.
 *
 * An entry is live when dom0 has MSI-X enabled, the function unmasked and
 * the entry unmasked. Becoming live binds it if it is unbound or its
 * message changed since it was bound (a message written while live waits
 * for the next unmask, as in Xen and QEMU). Masking the entry or the
 * function keeps the binding; disabling MSI-X unbinds every entry. The
 * device's entry is unmasked exactly when it is bound and dom0's entry is
 * unmasked; its function mask and enable are dom0's. So the device never
 * signals an unbound entry: the first sync masks every entry firmware may
 * have left unmasked.
 *
 * Order. On enable or function unmask, entries are bound and programmed
 * before the device's control is written; on disable or function mask,
 * the control is written first and entries unbound after. An entry is
 * masked in the device while its address and data are rewritten.
 *
 * Table accesses are 4 or 8 bytes, naturally aligned (the table is 8-byte
 * aligned, so no access straddles an entry); an 8-byte one at offset 0 is
 * the whole address, at 8 data and vector control. Bits 31:1 of vector
 * control read 0. PBA reads go to the device; PBA writes are dropped.
 */

#define MSIX_CTRL           0x02
#define MSIX_CTRL_SIZE      0x07ff
#define MSIX_CTRL_FMASK     0x4000
#define MSIX_CTRL_ENABLE    0x8000
#define MSIX_BIR_MASK       0x7

#define ENTRY_SIZE          16
#define ENTRY_ADDR_LO       0
#define ENTRY_ADDR_HI       4
#define ENTRY_DATA          8
#define ENTRY_VECTOR_CTRL   12
#define  VECTOR_MASKED      1

int vpci_msix_init(struct vpci *v, struct vpci_dev *d)
{
    unsigned int pos = d->msix_pos, type, i;
    uint16_t ctrl = vpci_phys_read(v, d->sbdf, pos + MSIX_CTRL, 2);

    d->msix_nr = (ctrl & MSIX_CTRL_SIZE) + 1;
    d->msix_bir[VPCI_MSIX_TABLE] = vpci_phys_read(v, d->sbdf, pos + 4, 4);
    d->msix_bir[VPCI_MSIX_PBA] = vpci_phys_read(v, d->sbdf, pos + 8, 4);
    type = vpci_phys_read(v, d->sbdf, CFG_HEADER_TYPE, 1) & 0x7f;
    d->nr_bars = type ? 2 : 6;

    d->msix = xzalloc_array(struct vpci_msix_entry, d->msix_nr);
    if ( !d->msix )
        return -ENOMEM;
    for ( i = 0; i < d->msix_nr; i++ )
    {
        d->msix[i].masked = true;               /* the reset state */
        d->msix[i].phys_unmasked = true;        /* unknown: firmware's */
    }

    if ( ctrl & (MSIX_CTRL_ENABLE | MSIX_CTRL_FMASK) )
        vpci_phys_write(v, d->sbdf, pos + MSIX_CTRL, 2, 0);

    return 0;
}

void vpci_msix_free(struct vpci_dev *d)
{
    xfree(d->msix);
    d->msix = NULL;
}

/* The memory BAR bir decodes, or false for none (I/O, unassigned...). */
static bool bar_address(const struct vpci *v, const struct vpci_dev *d,
                        unsigned int bir, uint64_t *addr)
{
    unsigned int reg = CFG_BAR0 + bir * 4;
    uint32_t lo;

    if ( bir >= d->nr_bars )
        return false;

    lo = vpci_phys_read(v, d->sbdf, reg, 4);
    switch ( lo & 7 )                   /* I/O bit 0, type bits 2:1 */
    {
    case 0:
        *addr = lo & ~0xfu;
        break;
    case 4:
        if ( bir + 1 >= d->nr_bars )
            return false;
        *addr = (lo & ~0xfull) |
                ((uint64_t)vpci_phys_read(v, d->sbdf, reg + 4, 4) << 32);
        break;
    default:
        return false;
    }

    return *addr != 0;
}

static int region(const struct vpci *v, const struct vpci_dev *d,
                  unsigned int which, uint64_t *gpa, uint64_t *len)
{
    uint32_t bir = d->msix_bir[which];
    uint32_t off = bir & ~MSIX_BIR_MASK;
    uint64_t bar;

    *len = which == VPCI_MSIX_TABLE ? (uint64_t)d->msix_nr * ENTRY_SIZE
                                    : DIV_ROUND_UP(d->msix_nr, 64) * 8u;
    if ( !(vpci_phys_read(v, d->sbdf, CFG_COMMAND, 2) & CFG_COMMAND_MEMORY) ||
         !bar_address(v, d, bir & MSIX_BIR_MASK, &bar) ||
         bar > ~0ull - off - *len )
        return -ENODEV;

    *gpa = bar + off;

    return 0;
}

int vpci_msix_region(const struct vpci *v, uint32_t sbdf, unsigned int which,
                     uint64_t *gpa, uint64_t *len)
{
    const struct vpci_dev *d = vpci_find_dev(v, sbdf);

    if ( !d || !d->msix_pos || which > VPCI_MSIX_PBA )
        return -ENOENT;

    return region(v, d, which, gpa, len);
}

/* The function whose table or PBA (*which) holds gpa, and where it starts. */
static struct vpci_dev *find_region(const struct vpci *v, uint64_t gpa,
                                    unsigned int *which, uint64_t *start)
{
    struct vpci_dev *d;
    uint64_t len;

    for ( d = v->devs; d; d = d->next )
    {
        if ( !d->msix_pos )
            continue;
        for ( *which = VPCI_MSIX_TABLE; *which <= VPCI_MSIX_PBA; (*which)++ )
            if ( !region(v, d, *which, start, &len) && gpa >= *start &&
                 gpa - *start < len )
                return d;
    }

    return NULL;
}

bool vpci_msix_covers(const struct vpci *v, uint64_t gpa)
{
    unsigned int which;
    uint64_t start;

    return find_region(v, gpa, &which, &start);
}

static bool table_access_ok(uint64_t gpa, unsigned int size)
{
    return (size == 4 || size == 8) && !(gpa & (size - 1));
}

static uint64_t entry_read(const struct vpci_msix_entry *e, unsigned int off,
                           unsigned int size)
{
    uint64_t ctrl = e->masked ? VECTOR_MASKED : 0;

    switch ( off )
    {
    case ENTRY_ADDR_LO:
        return size == 8 ? e->msg.addr : (uint32_t)e->msg.addr;
    case ENTRY_ADDR_HI:
        return e->msg.addr >> 32;
    case ENTRY_DATA:
        return e->msg.data | (size == 8 ? ctrl << 32 : 0);
    default:
        return ctrl;
    }
}

bool vpci_msix_read(const struct vpci *v, uint64_t gpa, unsigned int size,
                    uint64_t *val)
{
    const struct vpci_dev *d;
    unsigned int which;
    uint64_t start;

    d = find_region(v, gpa, &which, &start);
    if ( !d )
        return false;

    if ( !table_access_ok(gpa, size) )
        *val = size >= 8 ? ~0ull : (1ull << (size * 8)) - 1;
    else if ( which == VPCI_MSIX_PBA )
        *val = v->ops->mmio_read(v->ctx, gpa, size);
    else
        *val = entry_read(&d->msix[(gpa - start) / ENTRY_SIZE],
                          (gpa - start) % ENTRY_SIZE, size);

    return true;
}

static void write_entry_reg(const struct vpci *v, uint64_t table,
                            unsigned int i, unsigned int off, uint32_t val)
{
    v->ops->mmio_write(v->ctx, table + i * ENTRY_SIZE + off, 4, val);
}

static void phys_mask(const struct vpci *v, struct vpci_dev *d,
                      uint64_t table, unsigned int i, bool masked)
{
    struct vpci_msix_entry *e = &d->msix[i];

    if ( !table || e->phys_unmasked == !masked )
        return;

    write_entry_reg(v, table, i, ENTRY_VECTOR_CTRL,
                    masked ? VECTOR_MASKED : 0);
    e->phys_unmasked = !masked;
}

static void bind_entry(struct vpci *v, struct vpci_dev *d, uint64_t table,
                       unsigned int i)
{
    struct vpci_msix_entry *e = &d->msix[i];
    struct vpci_msg host;

    phys_mask(v, d, table, i, true);
    if ( v->ops->msix_bind(v->ctx, d->sbdf, i, &e->msg, e->masked, &host) )
    {
        e->bound = false;
        return;
    }

    write_entry_reg(v, table, i, ENTRY_ADDR_LO, host.addr);
    write_entry_reg(v, table, i, ENTRY_ADDR_HI, host.addr >> 32);
    write_entry_reg(v, table, i, ENTRY_DATA, host.data);
    e->bound = true;
    e->dirty = false;
}

/*
 * Brings entry i of the device in line with dom0's view. table is where
 * the device's table is, 0 when unknown: then nothing is bound or written,
 * only unbinding is done.
 */
static void sync_entry(struct vpci *v, struct vpci_dev *d, uint64_t table,
                       unsigned int i)
{
    struct vpci_msix_entry *e = &d->msix[i];
    bool live = d->msix_enabled && !d->msix_fmask && !e->masked;

    if ( live && table && (!e->bound || e->dirty) )
        bind_entry(v, d, table, i);
    else if ( !d->msix_enabled && e->bound )
    {
        phys_mask(v, d, table, i, true);
        v->ops->msix_unbind(v->ctx, d->sbdf, i);
        e->bound = false;
    }

    phys_mask(v, d, table, i, !(e->bound && !e->masked));
}

static void write_control(const struct vpci *v, const struct vpci_dev *d)
{
    vpci_phys_write(v, d->sbdf, d->msix_pos + MSIX_CTRL, 2,
                    (d->msix_enabled ? MSIX_CTRL_ENABLE : 0) |
                    (d->msix_fmask ? MSIX_CTRL_FMASK : 0));
}

static void set_control(struct vpci *v, struct vpci_dev *d, bool enabled,
                        bool fmask)
{
    bool quieter = (d->msix_enabled && !enabled) || (!d->msix_fmask && fmask);
    uint64_t table, len;
    unsigned int i;

    if ( enabled == d->msix_enabled && fmask == d->msix_fmask )
        return;

    d->msix_enabled = enabled;
    d->msix_fmask = fmask;
    if ( region(v, d, VPCI_MSIX_TABLE, &table, &len) )
        table = 0;

    if ( quieter )
        write_control(v, d);
    for ( i = 0; i < d->msix_nr; i++ )
        sync_entry(v, d, table, i);
    if ( !quieter )
        write_control(v, d);
}

uint32_t vpci_msix_cfg_read(const struct vpci *v, const struct vpci_dev *d,
                            unsigned int off)
{
    uint16_t ctrl = (d->msix_nr - 1) |
                    (d->msix_enabled ? MSIX_CTRL_ENABLE : 0) |
                    (d->msix_fmask ? MSIX_CTRL_FMASK : 0);

    if ( off )
        return d->msix_bir[off / 4 - 1];

    return vpci_phys_read(v, d->sbdf, d->msix_pos, 2) | ((uint32_t)ctrl << 16);
}

void vpci_msix_cfg_write(struct vpci *v, struct vpci_dev *d, unsigned int off,
                         uint32_t val, uint32_t bytes)
{
    /* The offset/BIR registers are read-only. */
    if ( off || !(bytes & 0xffff0000u) )
        return;

    set_control(v, d, (val >> 16) & MSIX_CTRL_ENABLE,
                (val >> 16) & MSIX_CTRL_FMASK);
}

static void entry_write(struct vpci *v, struct vpci_dev *d, uint64_t table,
                        unsigned int i, unsigned int off, unsigned int size,
                        uint64_t val)
{
    struct vpci_msix_entry *e = &d->msix[i];
    struct vpci_msg old = e->msg;
    bool has_ctrl = off == ENTRY_VECTOR_CTRL || size == 8;
    uint32_t ctrl = off == ENTRY_VECTOR_CTRL ? val : val >> 32;

    switch ( off )
    {
    case ENTRY_ADDR_LO:
        has_ctrl = false;
        e->msg.addr = size == 8 ? val
                                : (e->msg.addr & ~0xffffffffull) |
                                  (uint32_t)val;
        e->msg.addr &= ~3ull;
        break;
    case ENTRY_ADDR_HI:
        e->msg.addr = (uint32_t)e->msg.addr | (val << 32);
        break;
    case ENTRY_DATA:
        e->msg.data = val;
        break;
    }

    if ( old.addr != e->msg.addr || old.data != e->msg.data )
        e->dirty = true;

    if ( has_ctrl && (ctrl & VECTOR_MASKED) != e->masked )
    {
        e->masked = ctrl & VECTOR_MASKED;
        sync_entry(v, d, table, i);
    }
}

bool vpci_msix_write(struct vpci *v, uint64_t gpa, unsigned int size,
                     uint64_t val)
{
    struct vpci_dev *d;
    unsigned int which;
    uint64_t start;

    d = find_region(v, gpa, &which, &start);
    if ( !d )
        return false;

    if ( which == VPCI_MSIX_TABLE && table_access_ok(gpa, size) )
        entry_write(v, d, start, (gpa - start) / ENTRY_SIZE,
                    (gpa - start) % ENTRY_SIZE, size, val);

    return true;
}
