/* SPDX-License-Identifier: GPL-2.0-only */
/* Private to the dom0 builder files (dom0_mem.c, dom0_build.c). */
#ifndef ARCH_X86_DOM0_H
#define ARCH_X86_DOM0_H

#include <xen/e820.h>
#include <xen/types.h>
#include <asm/p2m.h>

#define DOM0_MAX_RANGES 64

struct dom0_mem {
    unsigned int nr;
    uint64_t bytes;
    struct {
        paddr_t s, e;                   /* [s, e), page aligned, ascending */
    } range[DOM0_MAX_RANGES];
    paddr_t acpi_s, acpi_e;             /* dom0's own ACPI tables, inside a range */
};

extern struct dom0_mem dom0_mem;
struct domain;

bool dom0_owns(paddr_t s, paddr_t e);
int dom0_build_p2m(struct domain *d, const struct e820map *host);
int dom0_map_identity(struct domain *d, paddr_t s, paddr_t e, p2m_type_t t);

/* dom0_devices.c: the ports and MMIO dom0 reaches directly. */
void dom0_setup_ports(struct domain *d);
int dom0_map_devices(struct domain *d);
int dom0_trap_sleep_port(struct domain *d);

/* dom0_pci.c: dom0's configuration space through vPCI. */
int dom0_setup_pci(struct domain *d);

/* dom0_irq.c: virtual IO-APICs routing the host's GSIs to dom0. */
int dom0_setup_irqs(struct domain *d);
/* dom0_msi.c: hypervisor vectors behind dom0's MSI and MSI-X vectors. */
struct vpci_msg;
int dom0_msi_bind(uint32_t sbdf, unsigned int vec, bool msix, const struct vpci_msg *guest,
                  struct vpci_msg *host);
void dom0_msi_unbind(uint32_t sbdf, unsigned int vec, bool msix);
void dom0_deliver(uint8_t vector, uint32_t dest, bool dest_logical, unsigned int dm,
                  bool level);
void dom0_build_e820(struct e820map *out, const struct e820map *host);

/* dom0_acpi.c: picks the pages for dom0's RSDP/XSDT/MADT (0 or -errno), then
 * writes them; the RSDP's address, or 0 if dom0 must use the host's. */
int dom0_acpi_reserve(unsigned int nr_vcpus);
paddr_t dom0_acpi_write(struct domain *d);

#endif /* ARCH_X86_DOM0_H */
