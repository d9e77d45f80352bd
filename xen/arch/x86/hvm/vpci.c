/* SPDX-License-Identifier: GPL-2.0-only */
/* PCI configuration space for a PVH dom0: decodes the 0xCF8/0xCFC ports and
 * the MMCFG windows, passes accesses through, hides or emulates MSI/MSI-X. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/xmalloc.h>
#include "vpci_priv.h"

/*
 * Theory of operation
 *
 * Decoding. Both mechanisms end in vpci_read()/vpci_write() with an sbdf,
 * a register and a size. The 0xCF8 latch holds enable (bit 31), bus 23:16,
 * device 15:11, function 10:8 and dword 7:2; bits 30:24 and 1:0 are ignored,
 * so the ports reach registers 0-255 of segment 0 only. An MMCFG window
 * decodes gpa - base as bus 27:20, device 19:15, function 14:12, reg 11:0.
 *
 * Two modes, chosen once by vpci_set_hide_msi() before dom0 runs: MSI and
 * MSI-X are hidden (the default) or emulated. Either way dom0 can never
 * write a message address or data the device will use.
 *
 * Hiding. dom0 must not find MSI (ID 0x05) or MSI-X (ID 0x11), so its
 * drivers use INTx through the IO-APIC. For a header type 0 or 1 function
 * with the capability list bit set, every access that touches the status
 * register, the pointer at 0x34 or bytes 0x40-0xff walks the physical list
 * (nothing is cached, so what dom0 sees always follows the device) and
 * then, byte by byte:
 *   - bytes of a hidden capability read 0 and are never written;
 *   - 0x34 and byte 1 of each visible capability read the next visible
 *     capability (0 at the end);
 *   - status bit 4 reads 0 when nothing is visible.
 * Reads fetch the physical bytes first and replace the rewritten ones, so
 * every size and alignment inside a dword agrees with the byte reads.
 * Capabilities start on a dword and hidden ones span whole dwords, so a
 * write within one dword is either wholly dropped or passed on unchanged.
 *
 * The walk masks pointer bits 1:0, stops at a pointer below 0x40 or one
 * already visited, and takes at most 48 steps (there are only 48 dwords in
 * 0x40-0xff); a cyclic list therefore reads as a finite one. A hidden
 * capability covers whole dwords: 12 bytes for MSI-X; for MSI 12, plus 4
 * for 64-bit addresses, plus 8 for per-vector masking.
 *
 * Example: a list 0x40 PM -> 0x50 MSI (64-bit) -> 0x60 PCIe -> 0 reads as
 * 0x34 = 0x40, 0x41 = 0x60, 0x61 = 0, and 0x50-0x5f read 0. A dword write
 * of 0x00810000 to 0x50 (MSI enable) is dropped; one to 0x44 (PM control)
 * goes out unchanged. With MSI alone in the list, 0x34 reads 0 and the
 * status register 0x0010 reads 0x0000.
 *
 * Emulation. The list is shown as it is. The first access that could
 * touch a function's capabilities walks its list once and keeps a record
 * (struct vpci_dev): where MSI and MSI-X sit and dom0's view of them. A
 * record is kept for every function with a list and never for one without
 * (nothing to emulate); if it cannot be made (no memory, two MSI or two
 * MSI-X capabilities) that function is hidden as above. Bytes 0-1 of both
 * capabilities (ID, next) come from the device and everything after them
 * from the record, a dword at a time: a write is merged into the dword
 * dom0 would read and the result applied (vpci_msi.c, vpci_msix.c). Only
 * vPCI writes the device's MSI and MSI-X registers, and only with messages
 * the caller's bind ops chose. Making the record quiets the device: an
 * enable bit firmware left set is cleared, since nothing is bound yet.
 * Writes to the command register or a BAR of a function with MSI-X, which
 * can move its table, are passed on and then reported (ops->msix_moved).
 *
 * Example: dom0 writes 0xfee01000 to the MSI address at 0x54 and 0x4041
 * to the data at 0x5c, then sets the enable bit at 0x52. Nothing reaches
 * the device until the enable: then msi_bind(sbdf, 0, {0xfee01000,
 * 0x4041}) returns, say, {0xfee00000, 0x31}, and the device gets address
 * 0xfee00000, data 0x31 and control 0x0001, in that order. dom0 reads back
 * its own 0xfee01000 and 0x4041.
 */

#define CFG_STATUS          0x06
#define  CFG_STATUS_CAPS    0x10        /* in the status register's low byte */
#define CFG_CAP_PTR         0x34
#define CFG_CAP_FIRST       0x40
#define CFG_BAR_END         0x28

#define MSI_CTRL_64BIT      (1u << 7)
#define MSI_CTRL_MASKING    (1u << 8)

#define MAX_CAPS ((VPCI_LEGACY_CFG_SIZE - CFG_CAP_FIRST) / 4)

#define MMCFG_BUS_SHIFT     20

/* The capability list as walked; hidden_len is 0 for a visible one. */
struct cap_list {
    unsigned int nr;
    uint8_t pos[MAX_CAPS];
    uint8_t id[MAX_CAPS];
    uint8_t hidden_len[MAX_CAPS];
};

void vpci_init(struct vpci *v, const struct vpci_ops *ops, void *ctx)
{
    v->ops = ops;
    v->ctx = ctx;
    v->cf8 = 0;
    v->nr_mmcfg = 0;
    v->hide_msi = true;
    v->devs = NULL;
}

static uint32_t ones(unsigned int size)
{
    return size >= 4 ? ~0u : (1u << (size * 8)) - 1;
}

static bool access_ok(unsigned int reg, unsigned int size)
{
    if ( size != 1 && size != 2 && size != 4 )
        return false;

    return (reg & 3) + size <= 4 && reg + size <= VPCI_CFG_SIZE;
}

uint32_t vpci_phys_read(const struct vpci *v, uint32_t sbdf, unsigned int reg,
                        unsigned int size)
{
    return v->ops->read(v->ctx, sbdf, reg, size) & ones(size);
}

void vpci_phys_write(const struct vpci *v, uint32_t sbdf, unsigned int reg,
                     unsigned int size, uint32_t val)
{
    v->ops->write(v->ctx, sbdf, reg, size, val & ones(size));
}

/* Bytes of a hidden capability whose first dword is hdr; 0 if visible. */
static unsigned int hidden_length(uint32_t hdr)
{
    uint16_t ctrl = hdr >> 16;

    switch ( hdr & 0xff )
    {
    case CAP_ID_MSI:
        return 12 + (ctrl & MSI_CTRL_64BIT ? 4 : 0) +
               (ctrl & MSI_CTRL_MASKING ? 8 : 0);

    case CAP_ID_MSIX:
        return 12;

    default:
        return 0;
    }
}

/* False when the function has no list to rewrite. */
static bool walk_caps(const struct vpci *v, uint32_t sbdf, struct cap_list *l)
{
    unsigned int type = vpci_phys_read(v, sbdf, CFG_HEADER_TYPE, 1) & 0x7f;
    uint64_t seen = 0;
    unsigned int pos;

    l->nr = 0;
    if ( type > 1 ||
         !(vpci_phys_read(v, sbdf, CFG_STATUS, 1) & CFG_STATUS_CAPS) )
        return false;

    pos = vpci_phys_read(v, sbdf, CFG_CAP_PTR, 1) & ~3u;
    while ( pos >= CFG_CAP_FIRST && l->nr < MAX_CAPS )
    {
        uint64_t bit = 1ull << ((pos - CFG_CAP_FIRST) / 4);
        uint32_t hdr;

        if ( seen & bit )
            break;
        seen |= bit;

        hdr = vpci_phys_read(v, sbdf, pos, 4);
        l->pos[l->nr] = pos;
        l->id[l->nr] = hdr & 0xff;
        l->hidden_len[l->nr] = hidden_length(hdr);
        l->nr++;
        pos = (hdr >> 8) & 0xfc;
    }

    return true;
}

static bool in_hidden_cap(const struct cap_list *l, unsigned int reg)
{
    unsigned int i;

    for ( i = 0; i < l->nr; i++ )
        if ( reg >= l->pos[i] && reg < l->pos[i] + l->hidden_len[i] )
            return true;

    return false;
}

/* Offset of the first visible capability from index i on, or 0. */
static uint8_t next_visible(const struct cap_list *l, unsigned int i)
{
    for ( ; i < l->nr; i++ )
        if ( !l->hidden_len[i] )
            return l->pos[i];

    return 0;
}

/* The byte dom0 reads at reg, given the physical one. */
static uint8_t view_byte(const struct cap_list *l, unsigned int reg,
                         uint8_t phys)
{
    unsigned int i;

    if ( in_hidden_cap(l, reg) )
        return 0;
    if ( reg == CFG_CAP_PTR )
        return next_visible(l, 0);
    if ( reg == CFG_STATUS && !next_visible(l, 0) )
        return phys & ~CFG_STATUS_CAPS;

    for ( i = 0; i < l->nr; i++ )
        if ( !l->hidden_len[i] && reg == l->pos[i] + 1u )
            return next_visible(l, i + 1);

    return phys;
}

static bool overlaps(unsigned int reg, unsigned int size, unsigned int start,
                     unsigned int end)
{
    return reg < end && reg + size > start;
}

/* Could the access see a byte that hiding rewrites? */
static bool read_needs_view(unsigned int reg, unsigned int size)
{
    return overlaps(reg, size, CFG_STATUS, CFG_STATUS + 1) ||
           overlaps(reg, size, CFG_CAP_PTR, CFG_CAP_PTR + 1) ||
           overlaps(reg, size, CFG_CAP_FIRST, VPCI_LEGACY_CFG_SIZE);
}

/* The hidden view of an access, given its physical value. */
static uint32_t hidden_view(const struct vpci *v, uint32_t sbdf,
                            unsigned int reg, unsigned int size, uint32_t val)
{
    struct cap_list l;
    unsigned int i;

    if ( !walk_caps(v, sbdf, &l) )
        return val;

    for ( i = 0; i < size; i++ )
    {
        unsigned int shift = i * 8;
        uint8_t b = view_byte(&l, reg + i, val >> shift);

        val = (val & ~(0xffu << shift)) | ((uint32_t)b << shift);
    }

    return val;
}

/* ---- Records of the functions seen while emulating ---- */

struct vpci_dev *vpci_find_dev(const struct vpci *v, uint32_t sbdf)
{
    struct vpci_dev *d;

    for ( d = v->devs; d; d = d->next )
        if ( d->sbdf == sbdf )
            return d;

    return NULL;
}

/* Notes where MSI and MSI-X sit; false when either appears twice. */
static bool note_caps(struct vpci_dev *d, const struct cap_list *l)
{
    unsigned int i;

    for ( i = 0; i < l->nr; i++ )
    {
        uint8_t *pos = l->id[i] == CAP_ID_MSI ? &d->msi_pos :
                       l->id[i] == CAP_ID_MSIX ? &d->msix_pos : NULL;

        if ( !pos )
            continue;
        if ( *pos )
            return false;
        *pos = l->pos[i];
    }

    return true;
}

static int new_dev(struct vpci *v, uint32_t sbdf, struct vpci_dev **out)
{
    struct cap_list l;
    struct vpci_dev *d;

    *out = NULL;
    if ( !walk_caps(v, sbdf, &l) )
        return -ENODEV;
    d = xzalloc(struct vpci_dev);
    if ( !d )
        return -ENOMEM;

    d->sbdf = sbdf;
    if ( !note_caps(d, &l) )
    {
        xfree(d);
        return -ENODEV;
    }
    if ( d->msix_pos && vpci_msix_init(v, d) )
    {
        xfree(d);
        return -ENOMEM;
    }
    if ( d->msi_pos )
        vpci_msi_init(v, d);

    d->next = v->devs;
    v->devs = d;
    *out = d;
    if ( d->msix_pos && v->ops->msix_moved )
        v->ops->msix_moved(v->ctx, sbdf);

    return 0;
}

/* The record of a function, made on first sight; NULL to hide instead. */
static struct vpci_dev *get_dev(struct vpci *v, uint32_t sbdf)
{
    struct vpci_dev *d = vpci_find_dev(v, sbdf);

    if ( !d )
        new_dev(v, sbdf, &d);

    return d;
}

int vpci_add_device(struct vpci *v, uint32_t sbdf)
{
    struct vpci_dev *d;

    if ( v->hide_msi )
        return -EINVAL;
    if ( vpci_find_dev(v, sbdf) )
        return 0;

    return new_dev(v, sbdf, &d);
}

void vpci_free_devices(struct vpci *v)
{
    while ( v->devs )
    {
        struct vpci_dev *d = v->devs;

        v->devs = d->next;
        vpci_msix_free(d);
        xfree(d);
    }
}

int vpci_set_hide_msi(struct vpci *v, bool hide)
{
    const struct vpci_ops *o = v->ops;

    if ( v->devs )
        return -EBUSY;
    if ( !hide && (!o->msi_bind || !o->msi_unbind || !o->msix_bind ||
                   !o->msix_unbind || !o->mmio_read || !o->mmio_write) )
        return -EINVAL;

    v->hide_msi = hide;

    return 0;
}

/*
 * The emulated capability holding reg's dword (its ID, start in *pos), or
 * 0. Its first dword is emulated too; the read side fills bytes 0-1 (ID
 * and next) from the device and the write side ignores them.
 */
static unsigned int emulated_cap(const struct vpci_dev *d, unsigned int reg,
                                 unsigned int *pos)
{
    reg &= ~3u;
    if ( reg >= VPCI_LEGACY_CFG_SIZE )
        return 0;
    *pos = d->msi_pos;
    if ( *pos && reg >= *pos && reg < *pos + vpci_msi_length(d) )
        return CAP_ID_MSI;
    *pos = d->msix_pos;
    if ( *pos && reg >= *pos && reg < *pos + VPCI_MSIX_CAP_LEN )
        return CAP_ID_MSIX;

    return 0;
}

static uint32_t emulated_dword(const struct vpci *v, const struct vpci_dev *d,
                               unsigned int id, unsigned int off)
{
    return id == CAP_ID_MSI ? vpci_msi_read(v, d, off)
                            : vpci_msix_cfg_read(v, d, off);
}

static uint32_t emulated_read(const struct vpci *v, const struct vpci_dev *d,
                              unsigned int reg, unsigned int size,
                              uint32_t phys)
{
    unsigned int pos, id = emulated_cap(d, reg, &pos);

    if ( !id )
        return phys;

    return (emulated_dword(v, d, id, (reg & ~3u) - pos) >> ((reg & 3) * 8)) &
           ones(size);
}

/* False when reg is not emulated, for the caller to pass the write on. */
static bool emulated_write(struct vpci *v, struct vpci_dev *d,
                           unsigned int reg, unsigned int size, uint32_t val)
{
    unsigned int pos, id = emulated_cap(d, reg, &pos);
    unsigned int shift = (reg & 3) * 8, off = (reg & ~3u) - pos;
    uint32_t bytes = ones(size) << shift;

    if ( !id )
        return false;

    val = (emulated_dword(v, d, id, off) & ~bytes) | ((val << shift) & bytes);
    if ( id == CAP_ID_MSI )
        vpci_msi_write(v, d, off, val, bytes);
    else
        vpci_msix_cfg_write(v, d, off, val, bytes);

    return true;
}

/* The command register and the BARs place an MSI-X table. */
static void report_moves(struct vpci *v, uint32_t sbdf, unsigned int reg,
                         unsigned int size)
{
    const struct vpci_dev *d;

    if ( !v->ops->msix_moved ||
         !(overlaps(reg, size, CFG_COMMAND, CFG_COMMAND + 2) ||
           overlaps(reg, size, CFG_BAR0, CFG_BAR_END)) )
        return;

    d = vpci_find_dev(v, sbdf);
    if ( d && d->msix_pos )
        v->ops->msix_moved(v->ctx, sbdf);
}

uint32_t vpci_read(struct vpci *v, uint32_t sbdf, unsigned int reg,
                   unsigned int size)
{
    const struct vpci_dev *d;
    uint32_t val;

    if ( !access_ok(reg, size) )
        return ones(size);

    val = vpci_phys_read(v, sbdf, reg, size);
    if ( !read_needs_view(reg, size) )
        return val;
    if ( !v->hide_msi && (d = get_dev(v, sbdf)) )
        return emulated_read(v, d, reg, size, val);

    return hidden_view(v, sbdf, reg, size, val);
}

void vpci_write(struct vpci *v, uint32_t sbdf, unsigned int reg,
                unsigned int size, uint32_t val)
{
    struct vpci_dev *d = NULL;
    struct cap_list l;

    if ( !access_ok(reg, size) )
        return;

    val &= ones(size);
    if ( overlaps(reg, size, CFG_CAP_FIRST, VPCI_LEGACY_CFG_SIZE) )
    {
        if ( !v->hide_msi && (d = get_dev(v, sbdf)) &&
             emulated_write(v, d, reg, size, val) )
            return;
        /* Hidden capabilities are whole dwords: reg decides for all. */
        if ( !d && walk_caps(v, sbdf, &l) && in_hidden_cap(&l, reg) )
            return;
    }

    v->ops->write(v->ctx, sbdf, reg, size, val);
    if ( !v->hide_msi )
        report_moves(v, sbdf, reg, size);
}

/*
 * The function and register a data-port access reaches, or false when it
 * reaches nothing (latch disabled, or crossing past 0xCFF).
 */
static bool port_decode(const struct vpci *v, uint16_t port, unsigned int size,
                        uint32_t *sbdf, unsigned int *reg)
{
    unsigned int offset = port - VPCI_PORT_DATA;
    uint32_t cf8 = v->cf8;

    if ( !(cf8 & VPCI_CF8_ENABLE) || offset + size > 4 )
        return false;

    *sbdf = VPCI_SBDF(0, cf8 >> 16, cf8 >> 11, cf8 >> 8);
    *reg = (cf8 & 0xfc) + offset;

    return true;
}

static bool is_data_port(uint16_t port)
{
    return port >= VPCI_PORT_DATA && port < VPCI_PORT_DATA + 4;
}

bool vpci_port_read(struct vpci *v, uint16_t port, unsigned int size,
                    uint32_t *val)
{
    uint32_t sbdf;
    unsigned int reg;

    if ( port == VPCI_PORT_ADDR && size == 4 )
    {
        *val = v->cf8;
        return true;
    }
    if ( !is_data_port(port) )
        return false;

    if ( port_decode(v, port, size, &sbdf, &reg) )
        *val = vpci_read(v, sbdf, reg, size);
    else
        *val = ones(size);

    return true;
}

bool vpci_port_write(struct vpci *v, uint16_t port, unsigned int size,
                     uint32_t val)
{
    uint32_t sbdf;
    unsigned int reg;

    if ( port == VPCI_PORT_ADDR && size == 4 )
    {
        v->cf8 = val;
        return true;
    }
    if ( !is_data_port(port) )
        return false;

    if ( port_decode(v, port, size, &sbdf, &reg) )
        vpci_write(v, sbdf, reg, size, val);

    return true;
}

static uint64_t window_start(const struct vpci_mmcfg *m)
{
    return m->base + ((uint64_t)m->start_bus << MMCFG_BUS_SHIFT);
}

/* One past the last byte; wraps for a window past 2^64 (refused). */
static uint64_t window_end(const struct vpci_mmcfg *m)
{
    return m->base + (((uint64_t)m->end_bus + 1) << MMCFG_BUS_SHIFT);
}

static bool windows_clash(const struct vpci_mmcfg *a,
                          const struct vpci_mmcfg *b)
{
    if ( window_start(a) < window_end(b) && window_start(b) < window_end(a) )
        return true;

    return a->seg == b->seg && a->start_bus <= b->end_bus &&
           b->start_bus <= a->end_bus;
}

int vpci_add_mmcfg(struct vpci *v, uint64_t base, uint16_t seg,
                   uint8_t start_bus, uint8_t end_bus)
{
    const struct vpci_mmcfg new = {
        .base = base, .seg = seg, .start_bus = start_bus, .end_bus = end_bus,
    };
    unsigned int i;

    if ( start_bus > end_bus || (base & ((1ull << MMCFG_BUS_SHIFT) - 1)) ||
         window_end(&new) <= base )
        return -EINVAL;

    for ( i = 0; i < v->nr_mmcfg; i++ )
    {
        const struct vpci_mmcfg *m = &v->mmcfg[i];

        if ( m->base == base && m->seg == seg && m->start_bus == start_bus &&
             m->end_bus == end_bus )
            return 0;
        if ( windows_clash(m, &new) )
            return -EEXIST;
    }

    if ( v->nr_mmcfg == VPCI_MAX_MMCFG )
        return -ENOSPC;

    v->mmcfg[v->nr_mmcfg++] = new;

    return 0;
}

/* The window holding gpa, with the sbdf and register it decodes to. */
static const struct vpci_mmcfg *mmcfg_decode(const struct vpci *v,
                                             uint64_t gpa, uint32_t *sbdf,
                                             unsigned int *reg)
{
    unsigned int i;

    for ( i = 0; i < v->nr_mmcfg; i++ )
    {
        const struct vpci_mmcfg *m = &v->mmcfg[i];
        uint64_t off = gpa - m->base;

        if ( gpa < window_start(m) || gpa >= window_end(m) )
            continue;

        *sbdf = VPCI_SBDF(m->seg, off >> MMCFG_BUS_SHIFT, off >> 15,
                          off >> 12);
        *reg = off & (VPCI_CFG_SIZE - 1);
        return m;
    }

    return NULL;
}

bool vpci_mmcfg_read(struct vpci *v, uint64_t gpa, unsigned int size,
                     uint64_t *val)
{
    uint32_t sbdf;
    unsigned int reg;

    if ( !mmcfg_decode(v, gpa, &sbdf, &reg) )
        return false;

    if ( size == 8 )
        *val = (reg & 7) ? ~0ull :
               vpci_read(v, sbdf, reg, 4) |
               ((uint64_t)vpci_read(v, sbdf, reg + 4, 4) << 32);
    else
        *val = vpci_read(v, sbdf, reg, size);

    return true;
}

bool vpci_mmcfg_write(struct vpci *v, uint64_t gpa, unsigned int size,
                      uint64_t val)
{
    uint32_t sbdf;
    unsigned int reg;

    if ( !mmcfg_decode(v, gpa, &sbdf, &reg) )
        return false;

    if ( size != 8 )
        vpci_write(v, sbdf, reg, size, val);
    else if ( !(reg & 7) )
    {
        vpci_write(v, sbdf, reg, 4, val);
        vpci_write(v, sbdf, reg + 4, 4, val >> 32);
    }

    return true;
}
