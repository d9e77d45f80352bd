/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared by vpci.c, vpci_msi.c and vpci_msix.c only: the per-function state
 * of MSI and MSI-X emulation and the helpers between the three files. */
#ifndef X86_HVM_VPCI_PRIV_H
#define X86_HVM_VPCI_PRIV_H

#include <asm/hvm/vpci.h>

#define CFG_COMMAND         0x04
#define  CFG_COMMAND_MEMORY 0x02
#define CFG_HEADER_TYPE     0x0e
#define CFG_BAR0            0x10

#define CAP_ID_MSI          0x05
#define CAP_ID_MSIX         0x11

/* One MSI-X table entry as dom0 programmed it. */
struct vpci_msix_entry {
    struct vpci_msg msg;
    bool masked;                /* dom0's vector control mask bit */
    bool dirty;                 /* msg changed since it was bound */
    bool bound;                 /* msix_bind took it, no unbind since */
    bool phys_unmasked;         /* the device's mask bit is or may be clear */
};

/*
 * A function seen while emulating. The capability layout is read once (it
 * is fixed in hardware); a position of 0 means no such capability.
 */
struct vpci_dev {
    struct vpci_dev *next;
    uint32_t sbdf;

    uint8_t msi_pos;
    bool msi_64, msi_maskable;  /* from the device's message control */
    bool msi_enabled;           /* dom0's enable bit */
    bool msi_bound;
    bool msi_phys_on;           /* we set the device's enable bit */
    uint32_t msi_mask;          /* dom0's mask bits (bit 0 only) */
    struct vpci_msg msi_guest;
    struct vpci_msg msi_host;   /* in the device while msi_phys_on */

    uint8_t msix_pos;
    uint8_t nr_bars;            /* 6 for header type 0, 2 for type 1 */
    bool msix_enabled, msix_fmask;  /* dom0's enable and function mask */
    uint16_t msix_nr;           /* table entries */
    uint32_t msix_bir[2];       /* table and PBA offset/BIR registers */
    struct vpci_msix_entry *msix;
};

uint32_t vpci_phys_read(const struct vpci *v, uint32_t sbdf, unsigned int reg,
                        unsigned int size);
void vpci_phys_write(const struct vpci *v, uint32_t sbdf, unsigned int reg,
                     unsigned int size, uint32_t val);
struct vpci_dev *vpci_find_dev(const struct vpci *v, uint32_t sbdf);

/*
 * Each capability is emulated a dword at a time: off is a dword offset
 * inside it (below its length), read returns what dom0 sees there, write
 * gets the dword dom0's write leaves (its bytes merged into read's value)
 * and which bytes it wrote (a mask of whole bytes).
 */
unsigned int vpci_msi_length(const struct vpci_dev *d);
void vpci_msi_init(struct vpci *v, struct vpci_dev *d);
uint32_t vpci_msi_read(const struct vpci *v, const struct vpci_dev *d,
                       unsigned int off);
void vpci_msi_write(struct vpci *v, struct vpci_dev *d, unsigned int off,
                    uint32_t val, uint32_t bytes);

#define VPCI_MSIX_CAP_LEN   12
int vpci_msix_init(struct vpci *v, struct vpci_dev *d);
void vpci_msix_free(struct vpci_dev *d);
uint32_t vpci_msix_cfg_read(const struct vpci *v, const struct vpci_dev *d,
                            unsigned int off);
void vpci_msix_cfg_write(struct vpci *v, struct vpci_dev *d, unsigned int off,
                         uint32_t val, uint32_t bytes);

#endif /* X86_HVM_VPCI_PRIV_H */
