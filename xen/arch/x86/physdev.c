/* SPDX-License-Identifier: GPL-2.0-only */
/* The physdev_op hypercall as Xen 4.17 filters it for HVM: a PVH hardware
 * domain has no PIRQs, and may only report MMCFG regions and PCI devices. */
#include <xen/bitops.h>
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <asm/acpi.h>
#include <asm/hvm/guest_access.h>
#include <public/physdev.h>

/*
 * The segment-0 functions dom0 has reported and not removed, so that removal
 * answers as Xen does (-ENODEV for a function it does not know). Xen also
 * knows the functions it found itself at boot; we scan nothing, so removing
 * one dom0 never reported is refused here where Xen would accept it.
 */
static unsigned long seg0_added[256 * 256 / BITS_PER_LONG];
static DEFINE_SPINLOCK(seg0_lock);

static const struct acpi_mcfg_info *mcfg(void)
{
    return acpi_boot.have_mcfg ? &acpi_boot.mcfg : NULL;
}

/* Whether config space at seg:bus can be reached at all: segment 0 through
 * the 0xCF8 ports, any segment through an MCFG region covering the bus. */
static bool bus_reachable(uint16_t seg, uint8_t bus)
{
    const struct acpi_mcfg_info *m = mcfg();
    unsigned int i;

    if ( seg == 0 )
        return true;
    for ( i = 0; m && i < m->nr; i++ )
        if ( m->entry[i].segment == seg && bus >= m->entry[i].start_bus &&
             bus <= m->entry[i].end_bus )
            return true;
    return false;
}

/* Tracks a segment-0 function: set true, clear false; returns whether it was
 * tracked before. Other segments are not tracked and always read as known. */
static bool track(uint16_t seg, uint8_t bus, uint8_t devfn, bool add)
{
    unsigned int bit = bus * 256u + devfn;
    unsigned long mask = 1UL << (bit % BITS_PER_LONG);
    unsigned long *word = &seg0_added[bit / BITS_PER_LONG];
    bool was;

    if ( seg != 0 )
        return true;
    spin_lock(&seg0_lock);
    was = *word & mask;
    if ( add )
        *word |= mask;
    else
        *word &= ~mask;
    spin_unlock(&seg0_lock);
    return was;
}

/* Only a region the MCFG table described is accepted, as in Xen: same segment
 * and bus range, same address. Flag-less reports (region withdrawn) are
 * accepted and, like the region itself, not acted upon. */
static long mmcfg_reserved(struct vcpu *v, uint64_t arg)
{
    const struct acpi_mcfg_info *m = mcfg();
    struct physdev_pci_mmcfg_reserved r;
    unsigned int i;

    if ( copy_from_guest(v, &r, arg, sizeof(r)) )
        return -EFAULT;
    if ( r.flags & ~XEN_PCI_MMCFG_RESERVED )
        return -EINVAL;
    for ( i = 0; m && i < m->nr; i++ )
    {
        if ( m->entry[i].segment != r.segment || m->entry[i].start_bus != r.start_bus ||
             m->entry[i].end_bus != r.end_bus )
            continue;
        if ( m->entry[i].address != r.address )
        {
            printk(XENLOG_WARNING "MMCFG %04x:%02x-%02x at %#lx, but the MCFG says %#lx\n",
                   r.segment, r.start_bus, r.end_bus, (unsigned long)r.address,
                   (unsigned long)m->entry[i].address);
            return -EIO;
        }
        return 0;
    }
    return -ENODEV;
}

/*
 * Xen sets up its vPCI view of the function and answers -EOPNOTSUPP when
 * nothing is there. We cannot read config space here, so only functions on
 * a bus no config mechanism reaches are known to be absent.
 */
static long pci_device_add(struct vcpu *v, uint64_t arg)
{
    struct physdev_pci_device_add add;
    uint32_t pxm;

    if ( copy_from_guest(v, &add, arg, sizeof(add)) )
        return -EFAULT;
    if ( (add.flags & XEN_PCI_DEV_PXM) &&
         copy_from_guest(v, &pxm, arg + sizeof(add), sizeof(pxm)) )
        return -EFAULT;
    if ( !bus_reachable(add.seg, add.bus) )
        return -EOPNOTSUPP;
    track(add.seg, add.bus, add.devfn, true);
    printk(XENLOG_DEBUG "PCI add device %04x:%02x:%02x.%u\n", add.seg, add.bus,
           add.devfn >> 3, add.devfn & 7);
    return 0;
}

static long pci_device_remove(struct vcpu *v, uint64_t arg)
{
    struct physdev_pci_device dev;

    if ( copy_from_guest(v, &dev, arg, sizeof(dev)) )
        return -EFAULT;
    if ( !bus_reachable(dev.seg, dev.bus) || !track(dev.seg, dev.bus, dev.devfn, false) )
        return -ENODEV;
    printk(XENLOG_DEBUG "PCI remove device %04x:%02x:%02x.%u\n", dev.seg, dev.bus,
           dev.devfn >> 3, dev.devfn & 7);
    return 0;
}

/* There is no EHCI debug port for dom0's reset to disturb. */
static long dbgp_op(struct vcpu *v, uint64_t arg)
{
    struct physdev_dbgp_op op;

    return copy_from_guest(v, &op, arg, sizeof(op)) ? -EFAULT : 0;
}

/* Everything outside the HVM filter, and the PIRQ operations of a domain
 * without PIRQs, is -ENOSYS without a word: Linux probes and falls back. */
long do_physdev_op(struct vcpu *v, const uint64_t *args)
{
    uint64_t arg = args[1];

    if ( !v->domain->is_privileged )
        return -ENOSYS;
    switch ( (int)args[0] )
    {
    case PHYSDEVOP_pci_mmcfg_reserved:
        return mmcfg_reserved(v, arg);
    case PHYSDEVOP_pci_device_add:
        return pci_device_add(v, arg);
    case PHYSDEVOP_pci_device_remove:
        return pci_device_remove(v, arg);
    case PHYSDEVOP_dbgp_op:
        return dbgp_op(v, arg);
    default:
        return -ENOSYS;
    }
}

/* The pre-3.0.2 form (hypercall 19) is not in Xen's HVM table either. */
long do_physdev_op_compat(struct vcpu *v, const uint64_t *args)
{
    return -ENOSYS;
}
