/* SPDX-License-Identifier: GPL-2.0-only */
/* PCI configuration space for a PVH dom0: decodes the 0xCF8/0xCFC ports and
 * the MMCFG windows, passes accesses through and hides MSI and MSI-X. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <asm/hvm/vpci.h>

/*
 * Theory of operation
 *
 * Decoding. Both mechanisms end in vpci_read()/vpci_write() with an sbdf,
 * a register and a size. The 0xCF8 latch holds enable (bit 31), bus 23:16,
 * device 15:11, function 10:8 and dword 7:2; bits 30:24 and 1:0 are ignored,
 * so the ports reach registers 0-255 of segment 0 only. An MMCFG window
 * decodes gpa - base as bus 27:20, device 19:15, function 14:12, reg 11:0.
 *
 * Hiding. dom0 must not find MSI (ID 0x05) or MSI-X (ID 0x11), so its
 * drivers use INTx through the IO-APIC and can never program a message
 * address. For a header type 0 or 1 function with the capability list bit
 * set, every access that touches the status register, the pointer at 0x34
 * or bytes 0x40-0xff walks the physical list (nothing is cached, so what
 * dom0 sees always follows the device) and then, byte by byte:
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
 */

#define CFG_STATUS          0x06
#define  CFG_STATUS_CAPS    0x10        /* in the status register's low byte */
#define CFG_HEADER_TYPE     0x0e
#define CFG_CAP_PTR         0x34
#define CFG_CAP_FIRST       0x40

#define CAP_ID_MSI          0x05
#define CAP_ID_MSIX         0x11
#define MSI_CTRL_64BIT      (1u << 7)
#define MSI_CTRL_MASKING    (1u << 8)

#define MAX_CAPS ((VPCI_LEGACY_CFG_SIZE - CFG_CAP_FIRST) / 4)

#define MMCFG_BUS_SHIFT     20

/* The capability list as walked; hidden_len is 0 for a visible one. */
struct cap_list {
    unsigned int nr;
    uint8_t pos[MAX_CAPS];
    uint8_t hidden_len[MAX_CAPS];
};

void vpci_init(struct vpci *v, const struct vpci_ops *ops, void *ctx)
{
    v->ops = ops;
    v->ctx = ctx;
    v->cf8 = 0;
    v->nr_mmcfg = 0;
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

static uint32_t phys_read(const struct vpci *v, uint32_t sbdf,
                          unsigned int reg, unsigned int size)
{
    return v->ops->read(v->ctx, sbdf, reg, size) & ones(size);
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
    unsigned int type = phys_read(v, sbdf, CFG_HEADER_TYPE, 1) & 0x7f;
    uint64_t seen = 0;
    unsigned int pos;

    l->nr = 0;
    if ( type > 1 || !(phys_read(v, sbdf, CFG_STATUS, 1) & CFG_STATUS_CAPS) )
        return false;

    pos = phys_read(v, sbdf, CFG_CAP_PTR, 1) & ~3u;
    while ( pos >= CFG_CAP_FIRST && l->nr < MAX_CAPS )
    {
        uint64_t bit = 1ull << ((pos - CFG_CAP_FIRST) / 4);
        uint32_t hdr;

        if ( seen & bit )
            break;
        seen |= bit;

        hdr = phys_read(v, sbdf, pos, 4);
        l->pos[l->nr] = pos;
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

uint32_t vpci_read(const struct vpci *v, uint32_t sbdf, unsigned int reg,
                   unsigned int size)
{
    struct cap_list l;
    uint32_t val;
    unsigned int i;

    if ( !access_ok(reg, size) )
        return ones(size);

    val = phys_read(v, sbdf, reg, size);
    if ( !read_needs_view(reg, size) || !walk_caps(v, sbdf, &l) )
        return val;

    for ( i = 0; i < size; i++ )
    {
        unsigned int shift = i * 8;
        uint8_t b = view_byte(&l, reg + i, val >> shift);

        val = (val & ~(0xffu << shift)) | ((uint32_t)b << shift);
    }

    return val;
}

void vpci_write(const struct vpci *v, uint32_t sbdf, unsigned int reg,
                unsigned int size, uint32_t val)
{
    struct cap_list l;

    if ( !access_ok(reg, size) )
        return;

    /* Hidden capabilities are whole dwords: reg decides for every byte. */
    if ( overlaps(reg, size, CFG_CAP_FIRST, VPCI_LEGACY_CFG_SIZE) &&
         walk_caps(v, sbdf, &l) && in_hidden_cap(&l, reg) )
        return;

    v->ops->write(v->ctx, sbdf, reg, size, val & ones(size));
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

bool vpci_port_read(const struct vpci *v, uint16_t port, unsigned int size,
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

bool vpci_mmcfg_read(const struct vpci *v, uint64_t gpa, unsigned int size,
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

bool vpci_mmcfg_write(const struct vpci *v, uint64_t gpa, unsigned int size,
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
