/* SPDX-License-Identifier: GPL-2.0-only */
/* Dom0's interrupts from devices: a virtual IO-APIC (hvm/vioapic.c) mirrors each
 * host IO-APIC at the same address, ID and GSI base. When dom0 unmasks a pin, the
 * physical pin is routed to a hypervisor vector (one per GSI); its interrupt
 * raises the virtual line, and the virtual entry's vector goes to dom0's vLAPIC.
 * A level-triggered pin stays masked from its interrupt until dom0's EOI. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/serial.h>
#include <xen/spinlock.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/io_apic.h>
#include <asm/irq.h>
#include <asm/dom0_build.h>
#include <asm/hvm/mmio.h>
#include <asm/hvm/support.h>
#include <asm/hvm/vioapic.h>
#include <asm/hvm/vlapic.h>
#include "dom0.h"

/* GSI g arrives on vector GSI_VECTOR_BASE + g; MSIs take the vectors above. */
#define GSI_VECTOR_BASE     FIRST_DYNAMIC_VECTOR
#define NR_ROUTABLE_GSIS    (FIRST_MSI_VECTOR - GSI_VECTOR_BASE)

struct dom0_vioapic {
    struct vioapic vio;
    spinlock_t lock;                    /* taken from interrupt context too */
};

static struct dom0_vioapic vioapics[ACPI_MAX_IOAPICS];
static unsigned int nr_vioapics;
static struct domain *irq_domain;

/* GSIs dom0 may not have: the PIT's (ours to keep quiet) and our UART's. */
static bool gsi_kept(unsigned int gsi)
{
    unsigned int com = serial_io_port();

    return gsi == 0 || gsi == 2 || (com == 0x3f8 && gsi == 4) ||
           (com == 0x2f8 && gsi == 3) || gsi >= NR_ROUTABLE_GSIS;
}

/* An interrupt message for dom0 (from a virtual IO-APIC entry or an MSI). */
void dom0_deliver(uint8_t vector, uint32_t dest, bool dest_logical, unsigned int dm,
                  bool level)
{
    struct vcpu *v;

    if ( !irq_domain )
        return;
    for_each_vcpu ( irq_domain, v )
    {
        if ( !vlapic_match_dest(v->arch.vlapic, dest, dest_logical) )
            continue;
        if ( dm == VLAPIC_DM_NMI )
        {
            v->arch.nmi_pending = true;
            vcpu_kick(v);
        }
        else if ( dm == VLAPIC_DM_FIXED || dm == VLAPIC_DM_LOWPRI )
            vlapic_set_irq(v->arch.vlapic, vector, level);
        if ( dm == VLAPIC_DM_LOWPRI )
            break;                      /* one recipient is enough */
    }
}

static void deliver(void *ctx, unsigned int pin, uint8_t vector, uint32_t dest,
                    bool dest_logical, unsigned int dm, bool level)
{
    dom0_deliver(vector, dest, dest_logical, dm, level);
}

static void rte_changed(void *ctx, unsigned int pin, uint64_t old, uint64_t new)
{
    struct dom0_vioapic *a = ctx;
    unsigned int gsi = a->vio.gsi_base + pin;

    if ( gsi_kept(gsi) )
        return;
    if ( new & VIOAPIC_RTE_MASKED )
    {
        ioapic_set_masked(gsi, true);
        return;
    }
    if ( (old ^ new) & ~VIOAPIC_RTE_REMOTE_IRR || (old & VIOAPIC_RTE_MASKED) )
        ioapic_route(gsi, GSI_VECTOR_BASE + gsi, new & VIOAPIC_RTE_LEVEL,
                     new & VIOAPIC_RTE_ACTIVE_LOW, cpu_infos[0]->apic_id);
}

/* Dom0 EOIed a level-triggered interrupt: the line may come again. */
static void eoi(void *ctx, unsigned int pin)
{
    struct dom0_vioapic *a = ctx;
    unsigned int gsi = a->vio.gsi_base + pin;

    vioapic_set_irq(&a->vio, pin, false);
    if ( !gsi_kept(gsi) && !(vioapic_get_rte(&a->vio, pin) & VIOAPIC_RTE_MASKED) )
        ioapic_set_masked(gsi, false);
}

static const struct vioapic_ops vioapic_ops = {
    .deliver = deliver,
    .rte_changed = rte_changed,
    .eoi = eoi,
};

static void gsi_interrupt(struct cpu_user_regs *regs)
{
    unsigned int gsi = (unsigned int)regs->vector - GSI_VECTOR_BASE, i;

    for ( i = 0; i < nr_vioapics; i++ )
    {
        struct dom0_vioapic *a = &vioapics[i];
        int pin = vioapic_gsi_to_pin(&a->vio, gsi);
        unsigned long flags;
        bool level;

        if ( pin < 0 )
            continue;
        spin_lock_irqsave(&a->lock, flags);
        level = vioapic_get_rte(&a->vio, pin) & VIOAPIC_RTE_LEVEL;
        /* Masked before the EOI, or the still-asserted line fires again. */
        if ( level )
            ioapic_set_masked(gsi, true);
        ack_APIC_irq();
        vioapic_set_irq(&a->vio, pin, true);
        if ( !level )
            vioapic_set_irq(&a->vio, pin, false);
        spin_unlock_irqrestore(&a->lock, flags);
        return;
    }
    ack_APIC_irq();
}

void dom0_irq_eoi(struct domain *d, uint8_t vector)
{
    unsigned int i;

    if ( d != irq_domain )
        return;
    for ( i = 0; i < nr_vioapics; i++ )
    {
        unsigned long flags;

        spin_lock_irqsave(&vioapics[i].lock, flags);
        vioapic_eoi(&vioapics[i].vio, vector);
        spin_unlock_irqrestore(&vioapics[i].lock, flags);
    }
}

/* ---- the virtual IO-APICs' register windows ---- */

static struct dom0_vioapic *window(const struct vcpu *v, uint64_t gpa)
{
    unsigned int i;

    if ( v->domain != irq_domain )
        return NULL;
    for ( i = 0; i < nr_vioapics; i++ )
        if ( vioapic_in_range(&vioapics[i].vio, gpa) )
            return &vioapics[i];
    return NULL;
}

static bool mmio_covers(struct vcpu *v, uint64_t gpa)
{
    return window(v, gpa);
}

static int mmio_read(struct vcpu *v, uint64_t gpa, unsigned int len, uint64_t *val)
{
    struct dom0_vioapic *a = window(v, gpa);
    unsigned long flags;
    int rc;

    spin_lock_irqsave(&a->lock, flags);
    rc = vioapic_mmio_read(&a->vio, gpa, len, val);
    spin_unlock_irqrestore(&a->lock, flags);
    return rc ? -1 : 0;
}

static int mmio_write(struct vcpu *v, uint64_t gpa, unsigned int len, uint64_t val)
{
    struct dom0_vioapic *a = window(v, gpa);
    unsigned long flags;
    int rc;

    spin_lock_irqsave(&a->lock, flags);
    rc = vioapic_mmio_write(&a->vio, gpa, len, val);
    spin_unlock_irqrestore(&a->lock, flags);
    return rc ? -1 : 0;
}

static const struct hvm_mmio_handler vioapic_mmio = {
    .covers = mmio_covers,
    .read = mmio_read,
    .write = mmio_write,
};

int dom0_setup_irqs(struct domain *d)
{
    unsigned int i, g;

    irq_domain = d;
    for ( i = 0; i < acpi_boot.madt.nr_ioapics && i < ACPI_MAX_IOAPICS; i++ )
    {
        const struct acpi_madt_ioapic_info *h = &acpi_boot.madt.ioapic[i];
        struct dom0_vioapic *a = &vioapics[nr_vioapics];
        unsigned int pins = ioapic_nr_pins(i);

        spin_lock_init(&a->lock);
        if ( !pins || vioapic_init(&a->vio, h->address, h->id, h->gsi_base, pins,
                                   VIOAPIC_VERSION_82093AA, &vioapic_ops, a) )
            continue;
        for ( g = h->gsi_base; g < h->gsi_base + pins && g < NR_ROUTABLE_GSIS; g++ )
            set_irq_handler(GSI_VECTOR_BASE + g, gsi_interrupt);
        nr_vioapics++;
    }
    return nr_vioapics ? hvm_register_mmio(d, &vioapic_mmio) : 0;
}
