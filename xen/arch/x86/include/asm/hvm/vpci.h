/* SPDX-License-Identifier: GPL-2.0-only */
/* PCI configuration space as a PVH dom0 sees it: legacy 0xCF8/0xCFC ports and
 * MMCFG (ECAM) windows, passed through; MSI and MSI-X hidden or emulated. */
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

/* An MSI or MSI-X message: what dom0 wrote, or what the device is given. */
struct vpci_msg {
    uint64_t addr;
    uint32_t data;
};

/*
 * The caller's side. read/write are physical configuration access: every
 * call has size 1, 2 or 4 and stays inside one dword (reg % 4 + size <= 4)
 * below VPCI_CFG_SIZE; read returns the value in the low size bytes and all
 * ones for a function that does not exist.
 *
 * The rest serve MSI/MSI-X emulation only (see vpci_set_hide_msi) and are
 * called with the caller's serialisation held, from vpci_read/vpci_write
 * and the vpci_msix_* MMIO calls:
 *  - msi_bind/msix_bind: dom0 made vector vec (always 0 for MSI) or table
 *    entry vec deliverable with its message guest (masked: its mask bit at
 *    that moment; later mask changes are applied to the device by vPCI and
 *    not reported). Route it and fill *host with the message the device must
 *    send; vPCI writes that to the device, never guest. A call for a vector
 *    already bound replaces its binding. Return 0, or an error leaving the
 *    vector unbound (vPCI then keeps the device from signalling it). A host
 *    address above 4 GiB for 32-bit-only MSI is unbound again at once.
 *  - msi_unbind/msix_unbind: the bound vector is gone (the device has
 *    already been told to stop using it).
 *  - mmio_read/mmio_write: the host-physical MMIO of an MSI-X table or PBA,
 *    size 4 (8 for reads of the PBA), naturally aligned. vPCI finds the
 *    address in the device's BAR, which dom0 sees 1:1.
 *  - msix_moved (may be NULL): an MSI-X table or PBA may have appeared or
 *    moved (a function with MSI-X was first seen, or dom0 wrote its command
 *    register or a BAR); vpci_msix_region() tells where they are now.
 */
struct vpci_ops {
    uint32_t (*read)(void *ctx, uint32_t sbdf, unsigned int reg,
                     unsigned int size);
    void (*write)(void *ctx, uint32_t sbdf, unsigned int reg,
                  unsigned int size, uint32_t val);
    int (*msi_bind)(void *ctx, uint32_t sbdf, unsigned int vec,
                    const struct vpci_msg *guest, bool masked,
                    struct vpci_msg *host);
    void (*msi_unbind)(void *ctx, uint32_t sbdf, unsigned int vec);
    int (*msix_bind)(void *ctx, uint32_t sbdf, unsigned int vec,
                     const struct vpci_msg *guest, bool masked,
                     struct vpci_msg *host);
    void (*msix_unbind)(void *ctx, uint32_t sbdf, unsigned int vec);
    uint64_t (*mmio_read)(void *ctx, uint64_t addr, unsigned int size);
    void (*mmio_write)(void *ctx, uint64_t addr, unsigned int size,
                       uint64_t val);
    void (*msix_moved)(void *ctx, uint32_t sbdf);
};

/* One MCFG allocation: base is the table's address for bus 0, so the
 * window covers base + (start_bus << 20) up to the end of end_bus. */
struct vpci_mmcfg {
    uint64_t base;
    uint16_t seg;
    uint8_t start_bus, end_bus;
};

struct vpci_dev;                        /* per-function emulation state */

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
    bool hide_msi;                      /* hide MSI/MSI-X, or emulate them */
    struct vpci_dev *devs;              /* functions seen, when emulating */
};

/* Starts with MSI and MSI-X hidden. */
void vpci_init(struct vpci *v, const struct vpci_ops *ops, void *ctx);

/*
 * Chooses hiding (true) or emulation (false) of MSI and MSI-X. 0 on
 * success; -EINVAL to emulate without every op but msix_moved; -EBUSY once
 * a function has been seen (the choice is made before dom0 runs).
 */
int vpci_set_hide_msi(struct vpci *v, bool hide);

/*
 * Emulation: start tracking a function now rather than at dom0's first
 * look at its capabilities (so the caller learns of MSI-X tables early).
 * 0 also when already tracked; -ENODEV for no function, no capability list
 * or a malformed one (two MSI or MSI-X capabilities: those stay hidden);
 * -ENOMEM; -EINVAL when hiding.
 */
int vpci_add_device(struct vpci *v, uint32_t sbdf);

/* Forgets every tracked function, without unbinding anything. */
void vpci_free_devices(struct vpci *v);

/*
 * One configuration access as dom0 sees it. size 1, 2 or 4, not crossing a
 * dword, reg + size <= VPCI_CFG_SIZE; anything else reads all ones (of size
 * bytes) and writes nothing.
 */
uint32_t vpci_read(struct vpci *v, uint32_t sbdf, unsigned int reg,
                   unsigned int size);
void vpci_write(struct vpci *v, uint32_t sbdf, unsigned int reg,
                unsigned int size, uint32_t val);

/*
 * I/O ports 0xCF8-0xCFF. Return false when the access is not a
 * configuration access (anything but a dword at 0xCF8 among 0xCF8-0xCFB,
 * e.g. the reset control byte 0xCF9), for the caller to treat as an
 * ordinary port; true otherwise, with *val filled in for reads.
 */
bool vpci_port_read(struct vpci *v, uint16_t port, unsigned int size,
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
bool vpci_mmcfg_read(struct vpci *v, uint64_t gpa, unsigned int size,
                     uint64_t *val);
bool vpci_mmcfg_write(struct vpci *v, uint64_t gpa, unsigned int size,
                      uint64_t val);

/* The MSI-X table and pending bit array, for vpci_msix_region(). */
#define VPCI_MSIX_TABLE      0
#define VPCI_MSIX_PBA        1

/*
 * Where a tracked function's MSI-X table or PBA is now: *gpa and *len
 * (bytes; neither is page aligned). -ENOENT: not tracked or no MSI-X;
 * -ENODEV: not reachable now (memory decoding off, BAR unassigned, an I/O
 * or reserved BAR type, a 64-bit BAR in the last slot).
 */
int vpci_msix_region(const struct vpci *v, uint32_t sbdf, unsigned int which,
                     uint64_t *gpa, uint64_t *len);

/* Does gpa fall in a tracked function's MSI-X table or PBA right now? */
bool vpci_msix_covers(const struct vpci *v, uint64_t gpa);

/*
 * A dom0 access to gpa: false when no table or PBA covers it. Table: sizes
 * 4 and 8, naturally aligned; anything else reads all ones (of size bytes,
 * 8 at most) and writes nothing. PBA: read from the device by mmio_read;
 * writes are dropped (the PBA is read-only).
 */
bool vpci_msix_read(const struct vpci *v, uint64_t gpa, unsigned int size,
                    uint64_t *val);
bool vpci_msix_write(struct vpci *v, uint64_t gpa, unsigned int size,
                     uint64_t val);

#endif /* ASM_X86_HVM_VPCI_H */
