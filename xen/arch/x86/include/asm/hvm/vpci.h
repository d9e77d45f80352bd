/* SPDX-License-Identifier: GPL-2.0-only */
/* PCI configuration space as a PVH dom0 sees it: legacy 0xCF8/0xCFC ports and
 * MMCFG (ECAM) windows, passed through with MSI and MSI-X hidden. */
#ifndef ASM_X86_HVM_VPCI_H
#define ASM_X86_HVM_VPCI_H

#include <xen/types.h>

/*
 * A device address is packed in a uint32_t (Xen's pci_sbdf_t layout):
 * segment in bits 31:16, bus 15:8, device 7:3, function 2:0.
 */
#define VPCI_SBDF(seg, bus, dev, fn) \
    (((uint32_t)(seg) << 16) | (((bus) & 0xffu) << 8) | \
     (((dev) & 0x1fu) << 3) | ((fn) & 7u))
#define VPCI_SBDF_SEG(sbdf)  ((uint16_t)((sbdf) >> 16))
#define VPCI_SBDF_BUS(sbdf)  (((sbdf) >> 8) & 0xffu)
#define VPCI_SBDF_DEV(sbdf)  (((sbdf) >> 3) & 0x1fu)
#define VPCI_SBDF_FN(sbdf)   ((sbdf) & 7u)

/* Legacy configuration mechanism #1. */
#define VPCI_PORT_ADDR       0xcf8
#define VPCI_PORT_DATA       0xcfc
#define VPCI_CF8_ENABLE      (1u << 31)

#define VPCI_CFG_SIZE        0x1000     /* per function, via MMCFG */
#define VPCI_LEGACY_CFG_SIZE 0x100      /* per function, via 0xCFC */
#define VPCI_MAX_MMCFG       4

/*
 * Physical configuration access, supplied by the caller. Every call has
 * size 1, 2 or 4 and stays inside one dword (reg % 4 + size <= 4) below
 * VPCI_CFG_SIZE; read returns the value in the low size bytes and all ones
 * for a function that does not exist.
 */
struct vpci_ops {
    uint32_t (*read)(void *ctx, uint32_t sbdf, unsigned int reg,
                     unsigned int size);
    void (*write)(void *ctx, uint32_t sbdf, unsigned int reg,
                  unsigned int size, uint32_t val);
};

/* One MCFG allocation: base is the table's address for bus 0, so the
 * window covers base + (start_bus << 20) up to the end of end_bus. */
struct vpci_mmcfg {
    uint64_t base;
    uint16_t seg;
    uint8_t start_bus, end_bus;
};

/*
 * Per-domain state. Not locked: the caller serialises every call on one
 * struct vpci (the CF8 latch is shared by all vCPUs, as on a real chipset).
 */
struct vpci {
    const struct vpci_ops *ops;
    void *ctx;
    uint32_t cf8;                       /* last dword written to 0xCF8 */
    unsigned int nr_mmcfg;
    struct vpci_mmcfg mmcfg[VPCI_MAX_MMCFG];
};

void vpci_init(struct vpci *v, const struct vpci_ops *ops, void *ctx);

/*
 * One configuration access as dom0 sees it. size 1, 2 or 4, not crossing a
 * dword, reg + size <= VPCI_CFG_SIZE; anything else reads all ones (of size
 * bytes) and writes nothing.
 */
uint32_t vpci_read(const struct vpci *v, uint32_t sbdf, unsigned int reg,
                   unsigned int size);
void vpci_write(const struct vpci *v, uint32_t sbdf, unsigned int reg,
                unsigned int size, uint32_t val);

/*
 * I/O ports 0xCF8-0xCFF. Return false when the access is not a
 * configuration access (anything but a dword at 0xCF8 among 0xCF8-0xCFB,
 * e.g. the reset control byte 0xCF9), for the caller to treat as an
 * ordinary port; true otherwise, with *val filled in for reads.
 */
bool vpci_port_read(const struct vpci *v, uint16_t port, unsigned int size,
                    uint32_t *val);
bool vpci_port_write(struct vpci *v, uint16_t port, unsigned int size,
                     uint32_t val);

/*
 * Adds an MCFG window. 0 on success (also when the same window is already
 * there); -EINVAL for start_bus > end_bus, a base not 1 MiB aligned or a
 * window past 2^64; -EEXIST when it overlaps another window in address or
 * in (segment, bus); -ENOSPC when all VPCI_MAX_MMCFG slots are used.
 */
int vpci_add_mmcfg(struct vpci *v, uint64_t base, uint16_t seg,
                   uint8_t start_bus, uint8_t end_bus);

/*
 * A dom0 access to guest-physical gpa: false when gpa is in no window.
 * Inside a window: sizes 1, 2, 4 within a dword, or 8 at an 8-byte aligned
 * address (done as two dword accesses, low first); anything else reads all
 * ones and writes nothing.
 */
bool vpci_mmcfg_read(const struct vpci *v, uint64_t gpa, unsigned int size,
                     uint64_t *val);
bool vpci_mmcfg_write(const struct vpci *v, uint64_t gpa, unsigned int size,
                      uint64_t val);

#endif /* ASM_X86_HVM_VPCI_H */
