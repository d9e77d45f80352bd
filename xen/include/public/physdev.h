/* SPDX-License-Identifier: MIT */
/* physdev_op(cmd, arg): physical IRQs, I/O privilege and PCI device reports
 * from the hardware domain. A PVH dom0 without PIRQs uses only the PCI ops. */
#ifndef __XEN_PUBLIC_PHYSDEV_H__
#define __XEN_PUBLIC_PHYSDEV_H__

#include "xen.h"

#define PHYSDEVOP_IRQ_UNMASK_NOTIFY     4   /* obsolete */
#define PHYSDEVOP_irq_status_query      5
#define PHYSDEVOP_set_iopl              6
#define PHYSDEVOP_set_iobitmap          7
#define PHYSDEVOP_apic_read             8
#define PHYSDEVOP_apic_write            9
#define PHYSDEVOP_alloc_irq_vector      10
#define PHYSDEVOP_free_irq_vector       11
#define PHYSDEVOP_eoi                   12
#define PHYSDEVOP_map_pirq              13
#define PHYSDEVOP_unmap_pirq            14
#define PHYSDEVOP_manage_pci_add        15
#define PHYSDEVOP_manage_pci_remove     16
#define PHYSDEVOP_pirq_eoi_gmfn_v1      17  /* also auto-unmasks on EOI */
#define PHYSDEVOP_restore_msi           19
#define PHYSDEVOP_manage_pci_add_ext    20
#define PHYSDEVOP_setup_gsi             21
/* 22 is unused. */
#define PHYSDEVOP_get_free_pirq         23
#define PHYSDEVOP_pci_mmcfg_reserved    24
#define PHYSDEVOP_pci_device_add        25
#define PHYSDEVOP_pci_device_remove     26
#define PHYSDEVOP_restore_msi_ext       27
#define PHYSDEVOP_pirq_eoi_gmfn_v2      28
#define PHYSDEVOP_dbgp_op               29
#define PHYSDEVOP_prepare_msix          30
#define PHYSDEVOP_release_msix          31
#define PHYSDEVOP_pirq_eoi_gmfn         PHYSDEVOP_pirq_eoi_gmfn_v2

struct physdev_eoi {
    uint32_t irq;
};
typedef struct physdev_eoi physdev_eoi_t;
DEFINE_XEN_GUEST_HANDLE(physdev_eoi_t);

/* A page used as a bitmap, indexed by PIRQ, of "needs PHYSDEVOP_eoi". */
struct physdev_pirq_eoi_gmfn {
    xen_pfn_t gmfn;
};
typedef struct physdev_pirq_eoi_gmfn physdev_pirq_eoi_gmfn_t;
DEFINE_XEN_GUEST_HANDLE(physdev_pirq_eoi_gmfn_t);

#define _XENIRQSTAT_needs_eoi   0
#define XENIRQSTAT_needs_eoi    (1U << _XENIRQSTAT_needs_eoi)
#define _XENIRQSTAT_shared      1
#define XENIRQSTAT_shared       (1U << _XENIRQSTAT_shared)
struct physdev_irq_status_query {
    uint32_t irq;
    uint32_t flags;                 /* out: XENIRQSTAT_* */
};
typedef struct physdev_irq_status_query physdev_irq_status_query_t;
DEFINE_XEN_GUEST_HANDLE(physdev_irq_status_query_t);

struct physdev_set_iopl {
    uint32_t iopl;
};
typedef struct physdev_set_iopl physdev_set_iopl_t;
DEFINE_XEN_GUEST_HANDLE(physdev_set_iopl_t);

struct physdev_set_iobitmap {
    XEN_GUEST_HANDLE(uint8) bitmap;
    uint32_t nr_ports;
};
typedef struct physdev_set_iobitmap physdev_set_iobitmap_t;
DEFINE_XEN_GUEST_HANDLE(physdev_set_iobitmap_t);

/* apic_read / apic_write: an IO-APIC register. */
struct physdev_apic {
    unsigned long apic_physbase;
    uint32_t reg;
    uint32_t value;                 /* in for write, out for read */
};
typedef struct physdev_apic physdev_apic_t;
DEFINE_XEN_GUEST_HANDLE(physdev_apic_t);

/* alloc_irq_vector / free_irq_vector. */
struct physdev_irq {
    uint32_t irq;
    uint32_t vector;
};
typedef struct physdev_irq physdev_irq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_irq_t);

#define MAP_PIRQ_TYPE_MSI               0x0
#define MAP_PIRQ_TYPE_GSI               0x1
#define MAP_PIRQ_TYPE_UNKNOWN           0x2
#define MAP_PIRQ_TYPE_MSI_SEG           0x3
#define MAP_PIRQ_TYPE_MULTI_MSI         0x4

struct physdev_map_pirq {
    domid_t domid;
    int type;                       /* MAP_PIRQ_TYPE_* */
    int index;                      /* GSI, or MSI-X entry (not MULTI_MSI) */
    int pirq;                       /* in/out */
    int bus;                        /* bits 31:16 segment for MSI_SEG/MULTI_MSI */
    int devfn;
    int entry_nr;                   /* out too for MULTI_MSI */
    uint64_t table_base;
};
typedef struct physdev_map_pirq physdev_map_pirq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_map_pirq_t);

struct physdev_unmap_pirq {
    domid_t domid;
    int pirq;
};
typedef struct physdev_unmap_pirq physdev_unmap_pirq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_unmap_pirq_t);

/* manage_pci_add / manage_pci_remove (segment 0 only). */
struct physdev_manage_pci {
    uint8_t bus;
    uint8_t devfn;
};
typedef struct physdev_manage_pci physdev_manage_pci_t;
DEFINE_XEN_GUEST_HANDLE(physdev_manage_pci_t);

struct physdev_restore_msi {
    uint8_t bus;
    uint8_t devfn;
};
typedef struct physdev_restore_msi physdev_restore_msi_t;
DEFINE_XEN_GUEST_HANDLE(physdev_restore_msi_t);

struct physdev_manage_pci_ext {
    uint8_t bus;
    uint8_t devfn;
    uint32_t is_extfn;
    uint32_t is_virtfn;
    struct {
        uint8_t bus;
        uint8_t devfn;
    } physfn;                       /* for a virtual function */
};
typedef struct physdev_manage_pci_ext physdev_manage_pci_ext_t;
DEFINE_XEN_GUEST_HANDLE(physdev_manage_pci_ext_t);

/* The argument of the old physdev_op_compat hypercall (19). */
struct physdev_op {
    uint32_t cmd;
    union {
        struct physdev_irq_status_query irq_status_query;
        struct physdev_set_iopl         set_iopl;
        struct physdev_set_iobitmap     set_iobitmap;
        struct physdev_apic             apic_op;
        struct physdev_irq              irq_op;
    } u;
};
typedef struct physdev_op physdev_op_t;
DEFINE_XEN_GUEST_HANDLE(physdev_op_t);

struct physdev_setup_gsi {
    int gsi;
    uint8_t triggering;             /* 0 edge, 1 level */
    uint8_t polarity;               /* 0 high, 1 low */
};
typedef struct physdev_setup_gsi physdev_setup_gsi_t;
DEFINE_XEN_GUEST_HANDLE(physdev_setup_gsi_t);

struct physdev_get_free_pirq {
    int type;                       /* MAP_PIRQ_TYPE_GSI or _MSI */
    uint32_t pirq;                  /* out */
};
typedef struct physdev_get_free_pirq physdev_get_free_pirq_t;
DEFINE_XEN_GUEST_HANDLE(physdev_get_free_pirq_t);

#define XEN_PCI_MMCFG_RESERVED  0x1
struct physdev_pci_mmcfg_reserved {
    uint64_t address;
    uint16_t segment;
    uint8_t start_bus;
    uint8_t end_bus;
    uint32_t flags;                 /* XEN_PCI_MMCFG_RESERVED */
};
typedef struct physdev_pci_mmcfg_reserved physdev_pci_mmcfg_reserved_t;
DEFINE_XEN_GUEST_HANDLE(physdev_pci_mmcfg_reserved_t);

#define XEN_PCI_DEV_EXTFN       0x1
#define XEN_PCI_DEV_VIRTFN      0x2
#define XEN_PCI_DEV_PXM         0x4
struct physdev_pci_device_add {
    uint16_t seg;
    uint8_t bus;
    uint8_t devfn;
    uint32_t flags;                 /* XEN_PCI_DEV_* */
    struct {
        uint8_t bus;
        uint8_t devfn;
    } physfn;
    uint32_t optarr[XEN_FLEX_ARRAY_DIM];    /* [0]: PXM if XEN_PCI_DEV_PXM */
};
typedef struct physdev_pci_device_add physdev_pci_device_add_t;
DEFINE_XEN_GUEST_HANDLE(physdev_pci_device_add_t);

/* pci_device_remove, restore_msi_ext, prepare_msix, release_msix. */
struct physdev_pci_device {
    uint16_t seg;
    uint8_t bus;
    uint8_t devfn;
};
typedef struct physdev_pci_device physdev_pci_device_t;
DEFINE_XEN_GUEST_HANDLE(physdev_pci_device_t);

/* dbgp_op: an EHCI debug port is about to be reset, or has been. */
#define PHYSDEVOP_DBGP_RESET_PREPARE    1
#define PHYSDEVOP_DBGP_RESET_DONE       2
#define PHYSDEVOP_DBGP_BUS_UNKNOWN      0
#define PHYSDEVOP_DBGP_BUS_PCI          1
struct physdev_dbgp_op {
    uint8_t op;                     /* PHYSDEVOP_DBGP_RESET_* */
    uint8_t bus;                    /* PHYSDEVOP_DBGP_BUS_* */
    union {
        struct physdev_pci_device pci;
    } u;
};
typedef struct physdev_dbgp_op physdev_dbgp_op_t;
DEFINE_XEN_GUEST_HANDLE(physdev_dbgp_op_t);

XEN_ABI_SIZE(struct physdev_eoi, 4);
XEN_ABI_SIZE(struct physdev_pirq_eoi_gmfn, 8);
XEN_ABI_SIZE(struct physdev_irq_status_query, 8);
XEN_ABI_SIZE(struct physdev_set_iobitmap, 16);
XEN_ABI_SIZE(struct physdev_apic, 16);
XEN_ABI_SIZE(struct physdev_irq, 8);
XEN_ABI_SIZE(struct physdev_map_pirq, 40);
XEN_ABI_OFFSET(struct physdev_map_pirq, table_base, 32);
XEN_ABI_SIZE(struct physdev_unmap_pirq, 8);
XEN_ABI_SIZE(struct physdev_manage_pci, 2);
XEN_ABI_SIZE(struct physdev_manage_pci_ext, 16);
XEN_ABI_SIZE(struct physdev_op, 24);
XEN_ABI_SIZE(struct physdev_setup_gsi, 8);
XEN_ABI_SIZE(struct physdev_get_free_pirq, 8);
XEN_ABI_SIZE(struct physdev_pci_mmcfg_reserved, 16);
XEN_ABI_OFFSET(struct physdev_pci_mmcfg_reserved, flags, 12);
XEN_ABI_SIZE(struct physdev_pci_device_add, 12);
XEN_ABI_OFFSET(struct physdev_pci_device_add, physfn, 8);
XEN_ABI_OFFSET(struct physdev_pci_device_add, optarr, 12);
XEN_ABI_SIZE(struct physdev_pci_device, 4);
XEN_ABI_SIZE(struct physdev_dbgp_op, 6);

#endif /* __XEN_PUBLIC_PHYSDEV_H__ */
