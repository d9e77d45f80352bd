/* SPDX-License-Identifier: GPL-2.0-only */
/* What of the host's devices dom0 reaches directly: every I/O port but those the
 * hypervisor keeps, and every non-RAM physical address (64-bit BARs above 4 GiB
 * included) but the interrupt controllers, the HPET and the PCI configuration
 * windows, which are emulated. */
#include <xen/acpi.h>
#include <xen/e820.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/rangeset.h>
#include <xen/sched.h>
#include <xen/serial.h>
#include <asm/acpi.h>
#include <asm/cpufeature.h>
#include <asm/hvm/mmio.h>
#include <asm/io.h>
#include <asm/p2m.h>
#include <asm/page.h>
#include "dom0.h"

#define FOUR_GB_PFN     (0x100000000ULL >> PAGE_SHIFT)
#define MSI_WINDOW      0xfee00000ULL   /* local APICs and MSI writes: 1 MiB */
#define MSI_WINDOW_SIZE 0x100000ULL

/*
 * Ports the hypervisor keeps: the legacy PICs (masked; dom0 must not revive
 * them), the PCI configuration mechanism (mediated by vPCI), the debug console
 * and our own serial line.
 *
 * Unlike Xen, the PIT (0x40-0x43, gate 0x61), the PM timer and the RTC are
 * dom0's: we calibrate with the PIT only before dom0 exists and read none of
 * them afterwards. Linux calibrates its TSC with PIT channel 2; denied, that
 * costs it 100,000 trapped reads of port 0x42 (about a second under
 * emulation) before it falls back. The PIT's interrupt (GSI 0/2) stays ours,
 * so dom0 cannot use it as a timer.
 */
static const struct {
    uint16_t first, count;
} kept_ports[] = {
    { 0x20, 2 }, { 0xa0, 2 },           /* 8259 PICs */
    { 0xcf8, 8 },                       /* PCI configuration */
    { 0xe9, 1 },                        /* debug console */
};

void dom0_setup_ports(struct domain *d)
{
    unsigned int i, com = serial_io_port();

    hvm_io_passthrough(d, 0, 0x10000);
    for ( i = 0; i < ARRAY_SIZE(kept_ports); i++ )
        hvm_io_deny(d, kept_ports[i].first, kept_ports[i].count);
    if ( com )
        hvm_io_deny(d, com, 8);
}

static int remove_bytes(struct rangeset *r, uint64_t s, uint64_t len)
{
    if ( !len )
        return 0;
    return rangeset_remove_range(r, PFN_DOWN(s), PFN_UP(s + len) - 1);
}

/* Host RAM (rounded inwards: a page shared with firmware data is the
 * firmware's) and ACPI data (rounded outwards: mapped as RAM elsewhere). */
static int remove_memory(struct rangeset *r)
{
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < e820.nr_map && !rc; i++ )
    {
        const struct e820entry *m = &e820.map[i];
        uint64_t s = ROUNDUP(m->addr, PAGE_SIZE), e = ROUNDDOWN(m->addr + m->size, PAGE_SIZE);

        if ( m->type == E820_RAM && e > s )
            rc = rangeset_remove_range(r, PFN_DOWN(s), PFN_DOWN(e) - 1);
        else if ( m->type == E820_ACPI || m->type == E820_NVS )
            rc = remove_bytes(r, m->addr, m->size);
    }
    return rc;
}

static int remove_emulated(struct rangeset *r)
{
    unsigned int i;
    int rc = remove_bytes(r, MSI_WINDOW, MSI_WINDOW_SIZE);

    for ( i = 0; i < acpi_boot.madt.nr_ioapics && !rc; i++ )
        rc = remove_bytes(r, acpi_boot.madt.ioapic[i].address, PAGE_SIZE);
    if ( !rc && acpi_boot.have_hpet )
        rc = remove_bytes(r, acpi_boot.hpet.address, PAGE_SIZE);
    for ( i = 0; acpi_boot.have_mcfg && i < acpi_boot.mcfg.nr && !rc; i++ )
    {
        const typeof(acpi_boot.mcfg.entry[0]) *m = &acpi_boot.mcfg.entry[i];

        rc = remove_bytes(r, m->address + ((uint64_t)m->start_bus << 20),
                          (uint64_t)(m->end_bus - m->start_bus + 1) << 20);
    }
    return rc;
}

static int map_range(unsigned long s, unsigned long e, void *ctxt)
{
    return dom0_map_identity(ctxt, (paddr_t)s << PAGE_SHIFT,
                             (paddr_t)(e + 1) << PAGE_SHIFT, p2m_mmio_direct);
}

/* The top of the physical address space, in frames; at least 4 GiB. Where
 * nothing decodes, dom0 reads all-ones as it would on bare metal. Mapped with
 * 1 GiB leaves where aligned, so even 2^46 bytes cost few p2m entries. */
static unsigned long phys_limit_pfn(void)
{
    unsigned int bits = min(boot_cpu.phys_addr_bits, 46u);

    return max(1UL << (bits - PAGE_SHIFT), (unsigned long)FOUR_GB_PFN);
}

int dom0_map_devices(struct domain *d)
{
    struct rangeset *r = rangeset_new("dom0 MMIO", RANGESETF_prettyprint_hex);
    unsigned long last = phys_limit_pfn() - 1;
    int rc;

    if ( !r )
        return -ENOMEM;
    rc = rangeset_add_range(r, 0, last);
    if ( !rc )
        rc = remove_memory(r);
    if ( !rc )
        rc = remove_emulated(r);
    if ( !rc )
        rc = rangeset_report_ranges(r, 0, last, map_range, d);
    rangeset_destroy(r);
    return rc;
}

/*
 * ACPI PM1a control: dom0 powers the machine off by writing SLP_TYP|SLP_EN
 * here itself (Linux PVH does not ask Xen). The port stays dom0's, but
 * trapped, so the console says why the machine went away.
 */
#define PM1_SLP_EN      (1u << 13)

static uint16_t pm1a_port;

static bool pm1a_covers(const struct domain *d, uint16_t port, unsigned int size)
{
    return pm1a_port && port == pm1a_port && d == hardware_domain;
}

static uint32_t pm1a_read(struct vcpu *v, uint16_t port, unsigned int size)
{
    return port_in(port, size);
}

static void pm1a_write(struct vcpu *v, uint16_t port, unsigned int size, uint32_t val)
{
    if ( val & PM1_SLP_EN )
    {
        printk("Hardware domain entering ACPI sleep (PM1a_CNT %#x): the machine "
               "powers off or sleeps\n", val);
    }
    port_out(port, size, val);
}

static const struct hvm_portio_handler pm1a_handler = {
    .covers = pm1a_covers,
    .read = pm1a_read,
    .write = pm1a_write,
};

int dom0_trap_sleep_port(struct domain *d)
{
    const struct acpi_gas *g = &acpi_boot.fadt.pm1a_cnt;

    if ( !acpi_boot.have_fadt || g->space_id != ACPI_GAS_SYSTEM_IO || !g->address ||
         g->address > 0xfffe )
        return 0;
    pm1a_port = g->address;
    hvm_io_deny(d, pm1a_port, 2);
    return hvm_register_portio(d, &pm1a_handler);
}
