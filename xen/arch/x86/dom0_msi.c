/* SPDX-License-Identifier: GPL-2.0-only */
/* Dom0's MSIs and MSI-X vectors. vPCI (hvm/vpci*.c) emulates the capability and
 * asks here for a binding: each bound vector gets a hypervisor vector that the
 * device sends to the boot CPU; its interrupt becomes dom0's own vector, sent
 * to the destination dom0 programmed, as an edge-triggered message. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/spinlock.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/hvm/vlapic.h>
#include <asm/hvm/vpci.h>
#include "dom0.h"

#define NR_MSI_VECTORS  (LAST_MSI_VECTOR - FIRST_MSI_VECTOR + 1)

/* MSI address and data fields (Intel SDM 11.11). */
#define MSI_ADDR_BASE           0xfee00000u
#define MSI_ADDR_DEST_SHIFT     12
#define MSI_ADDR_DEST_LOGICAL   (1u << 2)
#define MSI_DATA_DM_SHIFT       8

struct msi_route {
    bool used;
    bool msix;
    uint32_t sbdf;
    unsigned int vec;                   /* MSI vector index or MSI-X entry */
    uint8_t guest_vector;
    uint8_t guest_dm;
    bool guest_logical;
    uint32_t guest_dest;
};

static struct msi_route routes[NR_MSI_VECTORS];
static DEFINE_SPINLOCK(route_lock);     /* also taken in interrupt context */

static void msi_interrupt(struct cpu_user_regs *regs)
{
    unsigned int i = (unsigned int)regs->vector - FIRST_MSI_VECTOR;
    struct msi_route r = { 0 };
    unsigned long flags;

    ack_APIC_irq();
    if ( i >= NR_MSI_VECTORS )
        return;
    spin_lock_irqsave(&route_lock, flags);
    r = routes[i];
    spin_unlock_irqrestore(&route_lock, flags);
    if ( r.used )
        dom0_deliver(r.guest_vector, r.guest_dest, r.guest_logical, r.guest_dm, false);
}

/* The slot already bound to (sbdf, vec), or a free one; -1 if none is left. */
static int find_slot(uint32_t sbdf, unsigned int vec, bool msix)
{
    int i, free = -1;

    for ( i = 0; i < NR_MSI_VECTORS; i++ )
    {
        if ( routes[i].used && routes[i].sbdf == sbdf && routes[i].vec == vec &&
             routes[i].msix == msix )
            return i;
        if ( !routes[i].used && free < 0 )
            free = i;
    }
    return free;
}

int dom0_msi_bind(uint32_t sbdf, unsigned int vec, bool msix, const struct vpci_msg *guest,
                  struct vpci_msg *host)
{
    unsigned int dm = (guest->data >> MSI_DATA_DM_SHIFT) & 7;
    unsigned long flags;
    int i;

    /* Fixed and lowest-priority only: dom0 has no use for SMI/NMI/INIT here. */
    if ( (guest->addr & 0xfff00000u) != MSI_ADDR_BASE ||
         (dm != VLAPIC_DM_FIXED && dm != VLAPIC_DM_LOWPRI) || (guest->data & 0xff) < 16 )
        return -EINVAL;
    spin_lock_irqsave(&route_lock, flags);
    i = find_slot(sbdf, vec, msix);
    if ( i >= 0 )
        routes[i] = (struct msi_route){
            .used = true, .msix = msix, .sbdf = sbdf, .vec = vec,
            .guest_vector = guest->data & 0xff, .guest_dm = dm,
            .guest_logical = guest->addr & MSI_ADDR_DEST_LOGICAL,
            .guest_dest = (guest->addr >> MSI_ADDR_DEST_SHIFT) & 0xff,
        };
    spin_unlock_irqrestore(&route_lock, flags);
    if ( i < 0 )
        return -ENOSPC;
    set_irq_handler(FIRST_MSI_VECTOR + i, msi_interrupt);
    host->addr = MSI_ADDR_BASE | (cpu_infos[0]->apic_id << MSI_ADDR_DEST_SHIFT);
    host->data = FIRST_MSI_VECTOR + i;          /* fixed, edge */
    return 0;
}

void dom0_msi_unbind(uint32_t sbdf, unsigned int vec, bool msix)
{
    unsigned long flags;
    int i;

    spin_lock_irqsave(&route_lock, flags);
    i = find_slot(sbdf, vec, msix);
    if ( i >= 0 && routes[i].used )
        routes[i].used = false;
    spin_unlock_irqrestore(&route_lock, flags);
}
