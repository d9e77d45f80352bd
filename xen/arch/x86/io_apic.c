/* SPDX-License-Identifier: GPL-2.0-only */
/* The host's I/O APICs. The hypervisor needs none of their pins itself (its
 * timer is the local APIC's); it masks every pin at boot and routes a GSI only
 * when dom0 unmasks it in its virtual IO-APIC (dom0_irq.c). */
#include <xen/lib.h>
#include <xen/spinlock.h>
#include <asm/acpi.h>
#include <asm/io_apic.h>
#include <asm/mm.h>

#define IOAPIC_SELECT       0x00
#define IOAPIC_WINDOW       0x10
#define IOAPIC_REG_VERSION  0x01
#define IOAPIC_REG_RTE0     0x10

#define RTE_MASKED          (1u << 16)
#define RTE_LEVEL           (1u << 15)
#define RTE_ACTIVE_LOW      (1u << 13)

static struct host_ioapic {
    volatile uint32_t *regs;
    uint32_t gsi_base;
    unsigned int nr_pins;
} ioapics[ACPI_MAX_IOAPICS];
static unsigned int nr_ioapics;
static DEFINE_SPINLOCK(ioapic_lock);

static uint32_t io_read(const struct host_ioapic *a, unsigned int reg)
{
    a->regs[IOAPIC_SELECT / 4] = reg;
    return a->regs[IOAPIC_WINDOW / 4];
}

static void io_write(const struct host_ioapic *a, unsigned int reg, uint32_t val)
{
    a->regs[IOAPIC_SELECT / 4] = reg;
    a->regs[IOAPIC_WINDOW / 4] = val;
}

static const struct host_ioapic *find(unsigned int gsi, unsigned int *pin)
{
    unsigned int i;

    for ( i = 0; i < nr_ioapics; i++ )
        if ( gsi >= ioapics[i].gsi_base && gsi - ioapics[i].gsi_base < ioapics[i].nr_pins )
        {
            *pin = gsi - ioapics[i].gsi_base;
            return &ioapics[i];
        }
    return NULL;
}

void ioapic_init(void)
{
    unsigned int i, pin;

    for ( i = 0; i < acpi_boot.madt.nr_ioapics && nr_ioapics < ACPI_MAX_IOAPICS; i++ )
    {
        struct host_ioapic *a = &ioapics[nr_ioapics];

        a->regs = ioremap(acpi_boot.madt.ioapic[i].address, 0x100);
        if ( !a->regs )
            continue;
        a->gsi_base = acpi_boot.madt.ioapic[i].gsi_base;
        a->nr_pins = ((io_read(a, IOAPIC_REG_VERSION) >> 16) & 0xff) + 1;
        for ( pin = 0; pin < a->nr_pins; pin++ )
            io_write(a, IOAPIC_REG_RTE0 + 2 * pin, RTE_MASKED);
        printk("IOAPIC[%u]: %u pins, GSI %u-%u, all masked\n", nr_ioapics, a->nr_pins,
               a->gsi_base, a->gsi_base + a->nr_pins - 1);
        nr_ioapics++;
    }
}

unsigned int ioapic_nr_pins(unsigned int index)
{
    return index < nr_ioapics ? ioapics[index].nr_pins : 0;
}

int ioapic_route(unsigned int gsi, uint8_t vector, bool level, bool active_low,
                 uint32_t apic_id)
{
    const struct host_ioapic *a;
    unsigned int pin;
    uint32_t lo = vector | (level ? RTE_LEVEL : 0) | (active_low ? RTE_ACTIVE_LOW : 0);

    spin_lock(&ioapic_lock);
    if ( !(a = find(gsi, &pin)) )
    {
        spin_unlock(&ioapic_lock);
        return -1;
    }
    /* Masked while the destination changes, unmasked with the final word. */
    io_write(a, IOAPIC_REG_RTE0 + 2 * pin, RTE_MASKED);
    io_write(a, IOAPIC_REG_RTE0 + 2 * pin + 1, apic_id << 24);
    io_write(a, IOAPIC_REG_RTE0 + 2 * pin, lo);
    spin_unlock(&ioapic_lock);
    return 0;
}

void ioapic_set_masked(unsigned int gsi, bool masked)
{
    const struct host_ioapic *a;
    unsigned int pin;
    uint32_t lo;

    spin_lock(&ioapic_lock);
    if ( (a = find(gsi, &pin)) )
    {
        lo = io_read(a, IOAPIC_REG_RTE0 + 2 * pin);
        lo = masked ? lo | RTE_MASKED : lo & ~RTE_MASKED;
        io_write(a, IOAPIC_REG_RTE0 + 2 * pin, lo);
    }
    spin_unlock(&ioapic_lock);
}
