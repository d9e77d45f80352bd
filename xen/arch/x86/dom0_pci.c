/* SPDX-License-Identifier: GPL-2.0-only */
/* Dom0's PCI configuration space: the ports 0xCF8-0xCFF and the MMCFG windows are
 * trapped and run through vPCI (hvm/vpci.c), which reaches the real devices
 * through the hypervisor's own accessors below. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/xmalloc.h>
#include <asm/acpi.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/mmio.h>
#include <asm/hvm/vpci.h>
#include <asm/io.h>
#include <asm/mm.h>
#include <asm/p2m.h>
#include "dom0.h"

#define PCI_CONF1_ADDR  0xcf8
#define PCI_CONF1_DATA  0xcfc

/* The one vPCI instance (dom0's) and the lock that serialises it and every
 * physical configuration access, since mechanism #1 is a two-step protocol. */
static struct vpci dom0_vpci;
static DEFINE_SPINLOCK(pci_lock);
static struct domain *vpci_domain;

/* dom0-msi=0 hides MSI and MSI-X from dom0, as a fallback. */
static bool opt_dom0_msi = true;
boolean_param("dom0-msi", opt_dom0_msi);

/* Our mappings of the MMCFG windows, for registers past 0xFF. */
static struct {
    const volatile uint8_t *va;         /* maps bus start_bus at offset 0 */
    uint16_t seg;
    uint8_t start_bus, end_bus;
} ecam[VPCI_MAX_MMCFG];
static unsigned int nr_ecam;

static volatile uint8_t *ecam_addr(uint32_t sbdf, unsigned int reg)
{
    unsigned int i, bus = VPCI_SBDF_BUS(sbdf);

    for ( i = 0; i < nr_ecam; i++ )
        if ( ecam[i].seg == VPCI_SBDF_SEG(sbdf) && bus >= ecam[i].start_bus &&
             bus <= ecam[i].end_bus )
            return (volatile uint8_t *)ecam[i].va +
                   ((unsigned long)(bus - ecam[i].start_bus) << 20) +
                   ((sbdf & 0xff) << 12) + reg;
    return NULL;
}

static uint32_t conf1_address(uint32_t sbdf, unsigned int reg)
{
    return 0x80000000u | ((sbdf & 0xffff) << 8) | (reg & 0xfc);
}

/* Physical reads: mechanism #1 for segment 0's first 256 bytes, MMCFG beyond. */
static uint32_t phys_read(void *ctx, uint32_t sbdf, unsigned int reg, unsigned int size)
{
    volatile uint8_t *p;

    /* vPCI never crosses a dword: reg & 3 is 0 for a 4-byte access. */
    if ( VPCI_SBDF_SEG(sbdf) == 0 && reg < 0x100 )
    {
        outl(conf1_address(sbdf, reg), PCI_CONF1_ADDR);
        return port_in(PCI_CONF1_DATA + (reg & 3), size);
    }
    if ( !(p = ecam_addr(sbdf, reg)) )
        return ~0u;
    return mmio_read_sized(p, size);
}

static void phys_write(void *ctx, uint32_t sbdf, unsigned int reg, unsigned int size,
                       uint32_t val)
{
    volatile uint8_t *p;

    if ( VPCI_SBDF_SEG(sbdf) == 0 && reg < 0x100 )
    {
        outl(conf1_address(sbdf, reg), PCI_CONF1_ADDR);
        port_out(PCI_CONF1_DATA + (reg & 3), size, val);
        return;
    }
    if ( (p = ecam_addr(sbdf, reg)) )
        mmio_write_sized(p, size, val);
}

/* ---- MSI and MSI-X: bindings, device MMIO, trapped MSI-X tables ---- */

static int msi_bind(void *ctx, uint32_t sbdf, unsigned int vec,
                    const struct vpci_msg *guest, bool masked, struct vpci_msg *host)
{
    return dom0_msi_bind(sbdf, vec, false, guest, host);
}

static void msi_unbind(void *ctx, uint32_t sbdf, unsigned int vec)
{
    dom0_msi_unbind(sbdf, vec, false);
}

static int msix_bind(void *ctx, uint32_t sbdf, unsigned int vec,
                     const struct vpci_msg *guest, bool masked, struct vpci_msg *host)
{
    return dom0_msi_bind(sbdf, vec, true, guest, host);
}

static void msix_unbind(void *ctx, uint32_t sbdf, unsigned int vec)
{
    dom0_msi_unbind(sbdf, vec, true);
}

/* Uncached mappings of the device pages vPCI and the trap handler touch, made
 * once each: ioremap has no unmap, and there are few such pages. */
static struct {
    paddr_t page;
    volatile uint8_t *va;
} mmio_pages[32];
static unsigned int nr_mmio_pages;

static volatile uint8_t *mmio_va(uint64_t addr)
{
    paddr_t page = addr & PAGE_MASK;
    unsigned int i;

    for ( i = 0; i < nr_mmio_pages; i++ )
        if ( mmio_pages[i].page == page )
            return mmio_pages[i].va + (addr & ~PAGE_MASK);
    if ( nr_mmio_pages == ARRAY_SIZE(mmio_pages) ||
         !(mmio_pages[i].va = ioremap(page, PAGE_SIZE)) )
        return NULL;
    mmio_pages[i].page = page;
    nr_mmio_pages++;
    return mmio_pages[i].va + (addr & ~PAGE_MASK);
}

static uint64_t mmio_read(void *ctx, uint64_t addr, unsigned int size)
{
    volatile uint8_t *p = mmio_va(addr);

    if ( !p || (addr & (size - 1)) )
        return ~0ULL;
    return mmio_read_sized(p, size);
}

static void mmio_write(void *ctx, uint64_t addr, unsigned int size, uint64_t val)
{
    volatile uint8_t *p = mmio_va(addr);

    if ( p && !(addr & (size - 1)) )
        mmio_write_sized(p, size, val);
}

/*
 * Pages holding an MSI-X table or PBA are taken out of dom0's 1:1 map so its
 * accesses trap; what else shares those pages is passed through by the
 * handler. When a BAR moves, its old pages are mapped back.
 */
#define MAX_TRAPPED 32
static struct {
    uint32_t sbdf;
    unsigned long gfn;
} trapped[MAX_TRAPPED];
static unsigned int nr_trapped;

static bool page_trapped(unsigned long gfn)
{
    unsigned int i;

    for ( i = 0; i < nr_trapped; i++ )
        if ( trapped[i].gfn == gfn )
            return true;
    return false;
}

static void untrap_device(uint32_t sbdf)
{
    unsigned int i = 0;

    while ( i < nr_trapped )
    {
        if ( trapped[i].sbdf != sbdf )
        {
            i++;
            continue;
        }
        p2m_set_entry(&vpci_domain->arch.p2m, trapped[i].gfn, trapped[i].gfn, 0,
                      p2m_mmio_direct);
        trapped[i] = trapped[--nr_trapped];
    }
}

static void trap_region(uint32_t sbdf, uint64_t gpa, uint64_t len)
{
    unsigned long gfn;

    for ( gfn = PFN_DOWN(gpa); gfn < PFN_UP(gpa + len); gfn++ )
    {
        if ( page_trapped(gfn) || nr_trapped == MAX_TRAPPED )
            continue;
        if ( p2m_remove_entry(&vpci_domain->arch.p2m, gfn, 0) )
            continue;
        trapped[nr_trapped].sbdf = sbdf;
        trapped[nr_trapped].gfn = gfn;
        nr_trapped++;
    }
}

static void msix_moved(void *ctx, uint32_t sbdf)
{
    static const unsigned int which[] = { VPCI_MSIX_TABLE, VPCI_MSIX_PBA };
    uint64_t gpa, len;
    unsigned int i;

    if ( !vpci_domain )
        return;
    untrap_device(sbdf);
    for ( i = 0; i < ARRAY_SIZE(which); i++ )
        if ( !vpci_msix_region(&dom0_vpci, sbdf, which[i], &gpa, &len) )
            trap_region(sbdf, gpa, len);
    hvm_flush_guest_tlbs(vpci_domain);
}

static const struct vpci_ops phys_ops = {
    .read = phys_read,
    .write = phys_write,
    .msi_bind = msi_bind,
    .msi_unbind = msi_unbind,
    .msix_bind = msix_bind,
    .msix_unbind = msix_unbind,
    .mmio_read = mmio_read,
    .mmio_write = mmio_write,
    .msix_moved = msix_moved,
};

/* ---- ports ---- */

static bool port_covers(const struct domain *d, uint16_t port, unsigned int size)
{
    return d == vpci_domain && port >= PCI_CONF1_ADDR && port < PCI_CONF1_DATA + 4;
}

/* Accesses that are not configuration cycles (bytes at 0xCF8-0xCFB, such as
 * the reset control register at 0xCF9) go to the chipset unchanged. */
static uint32_t port_read(struct vcpu *v, uint16_t port, unsigned int size)
{
    uint32_t val;

    spin_lock(&pci_lock);
    if ( !vpci_port_read(&dom0_vpci, port, size, &val) )
        val = port_in(port, size);
    spin_unlock(&pci_lock);
    return val;
}

static void port_write(struct vcpu *v, uint16_t port, unsigned int size, uint32_t val)
{
    spin_lock(&pci_lock);
    if ( !vpci_port_write(&dom0_vpci, port, size, val) )
        port_out(port, size, val);
    spin_unlock(&pci_lock);
}

static const struct hvm_portio_handler pci_ports = {
    .covers = port_covers,
    .read = port_read,
    .write = port_write,
};

/* ---- MMCFG ---- */

static bool mmcfg_covers(struct vcpu *v, uint64_t gpa)
{
    unsigned int i;

    if ( v->domain != vpci_domain )
        return false;
    for ( i = 0; i < dom0_vpci.nr_mmcfg; i++ )
    {
        const struct vpci_mmcfg *m = &dom0_vpci.mmcfg[i];

        if ( gpa >= m->base + ((uint64_t)m->start_bus << 20) &&
             gpa < m->base + ((uint64_t)m->end_bus + 1) * (1ULL << 20) )
            return true;
    }
    return false;
}

static int mmcfg_read(struct vcpu *v, uint64_t gpa, unsigned int len, uint64_t *val)
{
    spin_lock(&pci_lock);
    vpci_mmcfg_read(&dom0_vpci, gpa, len, val);
    spin_unlock(&pci_lock);
    return 0;
}

static int mmcfg_write(struct vcpu *v, uint64_t gpa, unsigned int len, uint64_t val)
{
    spin_lock(&pci_lock);
    vpci_mmcfg_write(&dom0_vpci, gpa, len, val);
    spin_unlock(&pci_lock);
    return 0;
}

static const struct hvm_mmio_handler pci_mmcfg = {
    .covers = mmcfg_covers,
    .read = mmcfg_read,
    .write = mmcfg_write,
};

/* ---- trapped MSI-X pages ---- */

static bool msix_covers(struct vcpu *v, uint64_t gpa)
{
    return v->domain == vpci_domain && page_trapped(PFN_DOWN(gpa));
}

static int msix_read(struct vcpu *v, uint64_t gpa, unsigned int len, uint64_t *val)
{
    spin_lock(&pci_lock);
    if ( !vpci_msix_read(&dom0_vpci, gpa, len, val) )
        *val = mmio_read(NULL, gpa, len);       /* dom0 is 1:1: gpa is the address */
    spin_unlock(&pci_lock);
    return 0;
}

static int msix_write(struct vcpu *v, uint64_t gpa, unsigned int len, uint64_t val)
{
    spin_lock(&pci_lock);
    if ( !vpci_msix_write(&dom0_vpci, gpa, len, val) )
        mmio_write(NULL, gpa, len, val);
    spin_unlock(&pci_lock);
    return 0;
}

static const struct hvm_mmio_handler pci_msix = {
    .covers = msix_covers,
    .read = msix_read,
    .write = msix_write,
};

/* Every function there is, so that MSI-X tables are trapped before dom0 runs. */
static void scan_devices(void)
{
    unsigned int bus, dev, fn, last = acpi_boot.have_mcfg ? 255 : 0;

    for ( bus = 0; bus <= last; bus++ )
        for ( dev = 0; dev < 32; dev++ )
            for ( fn = 0; fn < 8; fn++ )
            {
                uint32_t sbdf = VPCI_SBDF(0, bus, dev, fn);
                uint32_t id = phys_read(NULL, sbdf, 0, 4);

                if ( (id & 0xffff) == 0xffff )
                {
                    if ( fn == 0 )
                        break;
                    continue;
                }
                vpci_add_device(&dom0_vpci, sbdf);
                /* Functions 1-7 exist only behind a multi-function header. */
                if ( fn == 0 && !(phys_read(NULL, sbdf, 0xe, 1) & 0x80) )
                    break;
            }
}

static void add_window(const struct acpi_mcfg_info *mcfg, unsigned int i)
{
    uint64_t base = mcfg->entry[i].address;
    uint8_t sb = mcfg->entry[i].start_bus, eb = mcfg->entry[i].end_bus;
    size_t size = (size_t)(eb - sb + 1) << 20;
    const void *va;

    if ( vpci_add_mmcfg(&dom0_vpci, base, mcfg->entry[i].segment, sb, eb) )
        return;
    if ( nr_ecam == ARRAY_SIZE(ecam) || !(va = ioremap(base + ((uint64_t)sb << 20), size)) )
        return;
    ecam[nr_ecam].va = va;
    ecam[nr_ecam].seg = mcfg->entry[i].segment;
    ecam[nr_ecam].start_bus = sb;
    ecam[nr_ecam].end_bus = eb;
    nr_ecam++;
}

int dom0_setup_pci(struct domain *d)
{
    unsigned int i;
    int rc;

    vpci_init(&dom0_vpci, &phys_ops, NULL);
    for ( i = 0; acpi_boot.have_mcfg && i < acpi_boot.mcfg.nr; i++ )
        add_window(&acpi_boot.mcfg, i);
    vpci_domain = d;
    if ( !opt_dom0_msi || vpci_set_hide_msi(&dom0_vpci, false) )
        printk("Dom0 PCI: MSI and MSI-X hidden; devices use INTx\n");
    else
        scan_devices();
    rc = hvm_register_portio(d, &pci_ports);
    if ( !rc && dom0_vpci.nr_mmcfg )
        rc = hvm_register_mmio(d, &pci_mmcfg);
    if ( !rc && !dom0_vpci.hide_msi )
        rc = hvm_register_mmio(d, &pci_msix);
    return rc;
}
