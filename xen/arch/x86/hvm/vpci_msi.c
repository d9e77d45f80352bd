/* SPDX-License-Identifier: GPL-2.0-only */
/* MSI for dom0's vPCI: dom0 programs a shadow of the capability, and the
 * device only ever gets the one message the bind op chose for it. */
#include <xen/errno.h>
#include <xen/lib.h>
#include "vpci_priv.h"

/*
 * One vector only. Message control reads Multiple Message Capable 0, so
 * dom0 never asks for more (Xen reports the device's count and honours it;
 * a driver given fewer vectors than it asked for would wait on vectors that
 * never fire), and Multiple Message Enable 0 whatever dom0 writes. Only
 * the 64-bit and per-vector masking bits come from the device; extended
 * message data is not offered. Of the mask bits only bit 0 exists, and the
 * device's follows dom0's at once; pending bit 0 is the device's.
 *
 * Enable 0 -> 1 binds vector 0 with dom0's message; if the op fails the
 * enable bit stays 0, as in Xen. While enabled, a change of address or data
 * binds again (the op replaces the binding). Enable 1 -> 0 clears the
 * device's enable bit, then unbinds. The device's address and data are
 * rewritten only when the host message changes, with its vector masked
 * (or, without masking, MSI off) so it never sends half of each.
 */

#define MSI_CTRL            0x02
#define MSI_CTRL_ENABLE     0x0001
#define MSI_CTRL_64BIT      0x0080
#define MSI_CTRL_MASKING    0x0100

/* In the order of the 64-bit layout, one dword each. */
enum msi_reg {
    MSI_HEADER, MSI_ADDR_LO, MSI_ADDR_HI, MSI_DATA, MSI_MASK, MSI_PENDING,
    MSI_NONE,
};

static enum msi_reg msi_reg(const struct vpci_dev *d, unsigned int off)
{
    /* Without the high address, everything after it is a dword earlier. */
    if ( off >= 8 && !d->msi_64 )
        off += 4;
    off /= 4;
    if ( off >= MSI_MASK && !d->msi_maskable )
        return MSI_NONE;

    return off < MSI_NONE ? off : MSI_NONE;
}

/* The device's register r, as a configuration space offset. */
static unsigned int msi_at(const struct vpci_dev *d, enum msi_reg r)
{
    unsigned int off = r * 4;

    return d->msi_pos + (off >= 12 && !d->msi_64 ? off - 4 : off);
}

unsigned int vpci_msi_length(const struct vpci_dev *d)
{
    return 12 + (d->msi_64 ? 4 : 0) + (d->msi_maskable ? 8 : 0);
}

void vpci_msi_init(struct vpci *v, struct vpci_dev *d)
{
    uint16_t ctrl = vpci_phys_read(v, d->sbdf, d->msi_pos + MSI_CTRL, 2);

    d->msi_64 = ctrl & MSI_CTRL_64BIT;
    d->msi_maskable = ctrl & MSI_CTRL_MASKING;
    /* dom0 starts from the device's mask bit, so the two agree. */
    if ( d->msi_maskable )
        d->msi_mask = vpci_phys_read(v, d->sbdf, msi_at(d, MSI_MASK), 4) & 1;
    if ( ctrl & MSI_CTRL_ENABLE )
        vpci_phys_write(v, d->sbdf, d->msi_pos + MSI_CTRL, 2, 0);
}

static uint16_t msi_control(const struct vpci_dev *d)
{
    return (d->msi_enabled ? MSI_CTRL_ENABLE : 0) |
           (d->msi_64 ? MSI_CTRL_64BIT : 0) |
           (d->msi_maskable ? MSI_CTRL_MASKING : 0);
}

uint32_t vpci_msi_read(const struct vpci *v, const struct vpci_dev *d,
                       unsigned int off)
{
    switch ( msi_reg(d, off) )
    {
    case MSI_HEADER:
        return vpci_phys_read(v, d->sbdf, d->msi_pos, 2) |
               ((uint32_t)msi_control(d) << 16);
    case MSI_ADDR_LO:
        return d->msi_guest.addr;
    case MSI_ADDR_HI:
        return d->msi_guest.addr >> 32;
    case MSI_DATA:
        return d->msi_guest.data;
    case MSI_MASK:
        return d->msi_mask;
    case MSI_PENDING:
        return vpci_phys_read(v, d->sbdf, msi_at(d, MSI_PENDING), 4) & 1;
    default:
        return 0;
    }
}

static void set_phys_enable(struct vpci *v, struct vpci_dev *d, bool on)
{
    vpci_phys_write(v, d->sbdf, d->msi_pos + MSI_CTRL, 2,
                    on ? MSI_CTRL_ENABLE : 0);
    d->msi_phys_on = on;
}

static void set_phys_mask(const struct vpci *v, const struct vpci_dev *d,
                          uint32_t mask)
{
    vpci_phys_write(v, d->sbdf, msi_at(d, MSI_MASK), 4, mask);
}

/* Gives the device host's message and turns MSI on. */
static void program(struct vpci *v, struct vpci_dev *d,
                    const struct vpci_msg *host)
{
    bool hold = d->msi_phys_on && d->msi_maskable;

    if ( d->msi_phys_on && host->addr == d->msi_host.addr &&
         host->data == d->msi_host.data )
        return;

    if ( hold )
        set_phys_mask(v, d, 1);
    else if ( d->msi_phys_on )
        set_phys_enable(v, d, false);

    vpci_phys_write(v, d->sbdf, msi_at(d, MSI_ADDR_LO), 4, host->addr);
    if ( d->msi_64 )
        vpci_phys_write(v, d->sbdf, msi_at(d, MSI_ADDR_HI), 4,
                        host->addr >> 32);
    vpci_phys_write(v, d->sbdf, msi_at(d, MSI_DATA), 2, host->data);
    d->msi_host = *host;

    if ( hold )
        set_phys_mask(v, d, d->msi_mask);
    else
        set_phys_enable(v, d, true);
}

/* (Re)binds vector 0 with dom0's message; on failure the device is quiet. */
static int bind(struct vpci *v, struct vpci_dev *d)
{
    struct vpci_msg host;
    int rc = v->ops->msi_bind(v->ctx, d->sbdf, 0, &d->msi_guest,
                              d->msi_mask & 1, &host);

    if ( !rc && !d->msi_64 && (host.addr >> 32) )
    {
        if ( d->msi_phys_on )
            set_phys_enable(v, d, false);
        v->ops->msi_unbind(v->ctx, d->sbdf, 0);
        rc = -ERANGE;
    }
    if ( rc )
    {
        if ( d->msi_phys_on )
            set_phys_enable(v, d, false);
        d->msi_bound = false;
        return rc;
    }

    d->msi_bound = true;
    program(v, d, &host);

    return 0;
}

static void set_enable(struct vpci *v, struct vpci_dev *d, bool on)
{
    if ( on == d->msi_enabled )
        return;

    if ( on )
    {
        d->msi_enabled = !bind(v, d);
        return;
    }

    if ( d->msi_phys_on )
        set_phys_enable(v, d, false);
    if ( d->msi_bound )
        v->ops->msi_unbind(v->ctx, d->sbdf, 0);
    d->msi_bound = false;
    d->msi_enabled = false;
}

void vpci_msi_write(struct vpci *v, struct vpci_dev *d, unsigned int off,
                    uint32_t val, uint32_t bytes)
{
    struct vpci_msg old = d->msi_guest;

    switch ( msi_reg(d, off) )
    {
    case MSI_HEADER:
        if ( bytes & 0xffff0000u )
            set_enable(v, d, (val >> 16) & MSI_CTRL_ENABLE);
        return;
    case MSI_ADDR_LO:
        d->msi_guest.addr = (d->msi_guest.addr & ~0xffffffffull) |
                            (val & ~3u);
        break;
    case MSI_ADDR_HI:
        d->msi_guest.addr = (uint32_t)d->msi_guest.addr |
                            ((uint64_t)val << 32);
        break;
    case MSI_DATA:
        d->msi_guest.data = val & 0xffff;
        break;
    case MSI_MASK:
        if ( (val & 1) != d->msi_mask )
        {
            d->msi_mask = val & 1;
            set_phys_mask(v, d, d->msi_mask);
        }
        return;
    default:
        return;                         /* pending bits are read-only */
    }

    if ( d->msi_enabled && (old.addr != d->msi_guest.addr ||
                            old.data != d->msi_guest.data) )
        bind(v, d);
}
