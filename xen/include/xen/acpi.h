/* SPDX-License-Identifier: GPL-2.0-only */
/* Firmware ACPI table layouts (ACPI 6.x, HPET and PCI firmware specs) and the
 * boot-time table discovery and parsing API of xen/drivers/acpi/tables.c. */
#ifndef XEN_ACPI_H
#define XEN_ACPI_H

#include <xen/types.h>
#include <xen/compiler.h>

/* ------------------------------------------------------------------------
 * Firmware layouts. All little-endian, byte-packed, as the firmware lays
 * them out in memory; the asserts below pin the spec's offsets.
 * ------------------------------------------------------------------------ */

/* Generic Address Structure. */
struct acpi_gas {
    u8  space_id;
    u8  bit_width;
    u8  bit_offset;
    u8  access_size;
    u64 address;
} __packed;

#define ACPI_GAS_SYSTEM_MEMORY  0
#define ACPI_GAS_SYSTEM_IO      1
#define ACPI_GAS_PCI_CONFIG     2

#define ACPI_RSDP_SIG           "RSD PTR "
#define ACPI_RSDP_V1_LEN        20

struct acpi_rsdp {
    char signature[8];
    u8   checksum;                  /* over the first 20 bytes */
    char oem_id[6];
    u8   revision;                  /* 0 = ACPI 1.0; 2 = ACPI 2.0+ */
    u32  rsdt_address;
    /* Revision 2 and later only. */
    u32  length;
    u64  xsdt_address;
    u8   extended_checksum;         /* over all 'length' bytes */
    u8   reserved[3];
} __packed;

/* Header common to every System Description Table except the FACS. */
struct acpi_table_header {
    char signature[4];
    u32  length;                    /* including this header */
    u8   revision;
    u8   checksum;                  /* all 'length' bytes sum to zero */
    char oem_id[6];
    char oem_table_id[8];
    u32  oem_revision;
    char asl_compiler_id[4];
    u32  asl_compiler_revision;
} __packed;

/* RSDT and XSDT: a header followed by 32-bit resp. 64-bit table addresses. */
struct acpi_table_rsdt {
    struct acpi_table_header header;
    u32 entry[];
} __packed;

struct acpi_table_xsdt {
    struct acpi_table_header header;
    u64 entry[];
} __packed;

/* MADT ("APIC"). */
struct acpi_table_madt {
    struct acpi_table_header header;
    u32 lapic_address;
    u32 flags;
} __packed;

#define ACPI_MADT_PCAT_COMPAT       (1u << 0)   /* dual 8259s present */

struct acpi_madt_entry_header {
    u8 type;
    u8 length;
} __packed;

enum acpi_madt_type {
    ACPI_MADT_LAPIC             = 0x0,
    ACPI_MADT_IOAPIC            = 0x1,
    ACPI_MADT_INT_OVERRIDE      = 0x2,
    ACPI_MADT_NMI_SOURCE        = 0x3,
    ACPI_MADT_LAPIC_NMI         = 0x4,
    ACPI_MADT_LAPIC_OVERRIDE    = 0x5,
    ACPI_MADT_X2APIC            = 0x9,
    ACPI_MADT_X2APIC_NMI        = 0xa,
};

/* Flags of LAPIC and x2APIC entries. */
#define ACPI_MADT_ENABLED           (1u << 0)
#define ACPI_MADT_ONLINE_CAPABLE    (1u << 1)

struct acpi_madt_lapic {
    struct acpi_madt_entry_header header;
    u8  processor_uid;
    u8  apic_id;
    u32 flags;
} __packed;

struct acpi_madt_ioapic {
    struct acpi_madt_entry_header header;
    u8  id;
    u8  reserved;
    u32 address;
    u32 gsi_base;
} __packed;

struct acpi_madt_int_override {
    struct acpi_madt_entry_header header;
    u8  bus;                        /* 0 = ISA */
    u8  source_irq;
    u32 gsi;
    u16 flags;                      /* MPS INTI polarity/trigger */
} __packed;

/* A GSI wired to NMI rather than to an interrupt vector. */
struct acpi_madt_nmi_source {
    struct acpi_madt_entry_header header;
    u16 flags;                      /* MPS INTI polarity/trigger */
    u32 gsi;
} __packed;

/* MPS INTI flags, used by overrides and NMI entries. */
#define ACPI_MADT_POLARITY_MASK     0x3
#define ACPI_MADT_POLARITY_HIGH     0x1
#define ACPI_MADT_POLARITY_LOW      0x3
#define ACPI_MADT_TRIGGER_MASK      0xc
#define ACPI_MADT_TRIGGER_EDGE      0x4
#define ACPI_MADT_TRIGGER_LEVEL     0xc

struct acpi_madt_lapic_nmi {
    struct acpi_madt_entry_header header;
    u8  processor_uid;              /* 0xff: all processors */
    u16 flags;
    u8  lint;
} __packed;

struct acpi_madt_lapic_override {
    struct acpi_madt_entry_header header;
    u16 reserved;
    u64 address;
} __packed;

struct acpi_madt_x2apic {
    struct acpi_madt_entry_header header;
    u16 reserved;
    u32 x2apic_id;
    u32 flags;
    u32 processor_uid;
} __packed;

struct acpi_madt_x2apic_nmi {
    struct acpi_madt_entry_header header;
    u16 flags;
    u32 processor_uid;              /* 0xffffffff: all processors */
    u8  lint;
    u8  reserved[3];
} __packed;

/* FADT ("FACP"). Fields past 'length' are absent in older revisions. */
struct acpi_table_fadt {
    struct acpi_table_header header;
    u32 firmware_ctrl;              /* FACS */
    u32 dsdt;
    u8  reserved0;
    u8  preferred_pm_profile;
    u16 sci_int;
    u32 smi_cmd;
    u8  acpi_enable;
    u8  acpi_disable;
    u8  s4bios_req;
    u8  pstate_cnt;
    u32 pm1a_evt_blk;
    u32 pm1b_evt_blk;
    u32 pm1a_cnt_blk;
    u32 pm1b_cnt_blk;
    u32 pm2_cnt_blk;
    u32 pm_tmr_blk;
    u32 gpe0_blk;
    u32 gpe1_blk;
    u8  pm1_evt_len;
    u8  pm1_cnt_len;
    u8  pm2_cnt_len;
    u8  pm_tmr_len;
    u8  gpe0_blk_len;
    u8  gpe1_blk_len;
    u8  gpe1_base;
    u8  cst_cnt;
    u16 p_lvl2_lat;
    u16 p_lvl3_lat;
    u16 flush_size;
    u16 flush_stride;
    u8  duty_offset;
    u8  duty_width;
    u8  day_alrm;
    u8  mon_alrm;
    u8  century;                    /* CMOS index of the century, 0 = none */
    u16 iapc_boot_arch;
    u8  reserved1;
    u32 flags;
    /* ACPI 1.0 FADTs end here (116 bytes). */
    struct acpi_gas reset_reg;
    u8  reset_value;
    u16 arm_boot_arch;
    u8  minor_revision;
    u64 x_firmware_ctrl;
    u64 x_dsdt;
    struct acpi_gas x_pm1a_evt_blk;
    struct acpi_gas x_pm1b_evt_blk;
    struct acpi_gas x_pm1a_cnt_blk;
    struct acpi_gas x_pm1b_cnt_blk;
    struct acpi_gas x_pm2_cnt_blk;
    struct acpi_gas x_pm_tmr_blk;
    struct acpi_gas x_gpe0_blk;
    struct acpi_gas x_gpe1_blk;
    struct acpi_gas sleep_control_reg;
    struct acpi_gas sleep_status_reg;
    u64 hypervisor_id;
} __packed;

#define ACPI_FADT_V1_LEN            116

/* FADT flags. */
#define ACPI_FADT_WBINVD            (1u << 0)
#define ACPI_FADT_TMR_VAL_EXT       (1u << 8)   /* PM timer is 32 bits wide */
#define ACPI_FADT_RESET_REG_SUP     (1u << 10)
#define ACPI_FADT_HW_REDUCED        (1u << 20)

/* FADT IA-PC boot architecture flags. */
#define ACPI_BOOT_LEGACY_DEVICES    (1u << 0)
#define ACPI_BOOT_8042              (1u << 1)
#define ACPI_BOOT_NO_VGA            (1u << 2)
#define ACPI_BOOT_NO_MSI            (1u << 3)
#define ACPI_BOOT_NO_ASPM           (1u << 4)
#define ACPI_BOOT_NO_CMOS_RTC       (1u << 5)

/* HPET description table. */
struct acpi_table_hpet {
    struct acpi_table_header header;
    u32 block_id;                   /* copy of the capabilities register ID */
    struct acpi_gas address;
    u8  number;
    u16 min_tick;
    u8  page_protection;
} __packed;

/* PCI Express memory-mapped configuration ("MCFG"). */
struct acpi_table_mcfg {
    struct acpi_table_header header;
    u8 reserved[8];
} __packed;

struct acpi_mcfg_entry {
    u64 address;
    u16 segment;
    u8  start_bus;
    u8  end_bus;
    u32 reserved;
} __packed;

BUILD_BUG_ON(sizeof(struct acpi_gas) != 12);
BUILD_BUG_ON(sizeof(struct acpi_rsdp) != 36);
BUILD_BUG_ON(offsetof(struct acpi_rsdp, length) != ACPI_RSDP_V1_LEN);
BUILD_BUG_ON(offsetof(struct acpi_rsdp, xsdt_address) != 24);
BUILD_BUG_ON(sizeof(struct acpi_table_header) != 36);
BUILD_BUG_ON(offsetof(struct acpi_table_header, oem_table_id) != 16);
BUILD_BUG_ON(offsetof(struct acpi_table_header, asl_compiler_id) != 28);
BUILD_BUG_ON(sizeof(struct acpi_table_madt) != 44);
BUILD_BUG_ON(sizeof(struct acpi_madt_lapic) != 8);
BUILD_BUG_ON(sizeof(struct acpi_madt_ioapic) != 12);
BUILD_BUG_ON(sizeof(struct acpi_madt_int_override) != 10);
BUILD_BUG_ON(sizeof(struct acpi_madt_nmi_source) != 8);
BUILD_BUG_ON(sizeof(struct acpi_madt_lapic_nmi) != 6);
BUILD_BUG_ON(sizeof(struct acpi_madt_lapic_override) != 12);
BUILD_BUG_ON(sizeof(struct acpi_madt_x2apic) != 16);
BUILD_BUG_ON(sizeof(struct acpi_madt_x2apic_nmi) != 12);
BUILD_BUG_ON(offsetof(struct acpi_table_fadt, sci_int) != 46);
BUILD_BUG_ON(offsetof(struct acpi_table_fadt, pm1a_cnt_blk) != 64);
BUILD_BUG_ON(offsetof(struct acpi_table_fadt, pm_tmr_blk) != 76);
BUILD_BUG_ON(offsetof(struct acpi_table_fadt, pm_tmr_len) != 91);
BUILD_BUG_ON(offsetof(struct acpi_table_fadt, century) != 108);
BUILD_BUG_ON(offsetof(struct acpi_table_fadt, iapc_boot_arch) != 109);
BUILD_BUG_ON(offsetof(struct acpi_table_fadt, flags) != 112);
BUILD_BUG_ON(offsetof(struct acpi_table_fadt, reset_reg) != ACPI_FADT_V1_LEN);
BUILD_BUG_ON(offsetof(struct acpi_table_fadt, reset_value) != 128);
BUILD_BUG_ON(offsetof(struct acpi_table_fadt, x_firmware_ctrl) != 132);
BUILD_BUG_ON(offsetof(struct acpi_table_fadt, x_dsdt) != 140);
BUILD_BUG_ON(offsetof(struct acpi_table_fadt, x_pm1a_cnt_blk) != 172);
BUILD_BUG_ON(offsetof(struct acpi_table_fadt, x_pm_tmr_blk) != 208);
BUILD_BUG_ON(sizeof(struct acpi_table_fadt) != 276);
BUILD_BUG_ON(sizeof(struct acpi_table_hpet) != 56);
BUILD_BUG_ON(offsetof(struct acpi_table_hpet, min_tick) != 53);
BUILD_BUG_ON(sizeof(struct acpi_table_mcfg) != 44);
BUILD_BUG_ON(sizeof(struct acpi_mcfg_entry) != 16);

/* ------------------------------------------------------------------------
 * Discovery and parsing (xen/drivers/acpi/tables.c).
 * ------------------------------------------------------------------------ */

/*
 * Every physical access goes through this hook: it returns a pointer through
 * which 'len' bytes at 'pa' can be read, or NULL if that range cannot be
 * mapped. The hypervisor passes its direct map; unit tests a memory image.
 */
typedef const void *(*acpi_map_fn)(paddr_t pa, size_t len);

#define ACPI_MAX_TABLES     64

struct acpi_table_desc {
    paddr_t pa;
    char    signature[4];
    u32     length;
};

struct acpi_tables {
    acpi_map_fn map;
    paddr_t rsdp_pa;
    paddr_t root_pa;                /* the RSDT or XSDT actually used */
    bool    root_is_xsdt;
    u8      rsdp_revision;
    char    rsdp_oem_id[6];
    unsigned int nr_tables;         /* validated tables, DSDT included */
    unsigned int nr_rejected;       /* bad checksum/length, or no room */
    struct acpi_table_desc table[ACPI_MAX_TABLES];
};

/*
 * Locate the RSDP. A non-zero 'hint' (e.g. the copy in a multiboot2 ACPI tag,
 * or an EFI configuration-table entry) is validated and used if good;
 * otherwise the first KiB of the EBDA and then 0xE0000-0xFFFFF are scanned.
 * Returns the RSDP's physical address, or 0 if none was found.
 */
paddr_t acpi_find_rsdp(acpi_map_fn map, paddr_t hint);

/* The byte sum of [p, p+len): 0 for an intact table. */
u8 acpi_checksum(const void *p, size_t len);

/* Walk the XSDT (if present and valid) or RSDT; 0 or -errno. */
int acpi_tables_init(struct acpi_tables *t, paddr_t rsdp_pa, acpi_map_fn map);

/* The 'instance'th (from 0) validated table with signature 'sig', or NULL. */
const struct acpi_table_header *acpi_find_table(const struct acpi_tables *t,
                                                const char sig[4],
                                                unsigned int instance);

/* Print the RSDP and one line per table, in the layout Xen uses at boot. */
void acpi_tables_print(const struct acpi_tables *t);

#define ACPI_MAX_CPUS       256
#define ACPI_MAX_IOAPICS    8
#define ACPI_MAX_OVERRIDES  16
#define ACPI_MAX_LAPIC_NMIS 16

#define ACPI_UID_ALL        0xffffffffu     /* NMI entry for every CPU */

struct acpi_madt_cpu {
    u32  apic_id;
    u32  acpi_uid;
    bool enabled;
    bool online_capable;            /* disabled now, may be hot-added */
    bool x2apic;                    /* came from a type 9 entry */
};

struct acpi_madt_ioapic_info {
    u8  id;
    u32 address;
    u32 gsi_base;
};

struct acpi_madt_override_info {
    u8  bus;
    u8  source_irq;
    u32 gsi;
    u16 flags;                      /* ACPI_MADT_POLARITY_* | TRIGGER_* */
};

struct acpi_madt_nmi_info {
    u32 acpi_uid;                   /* ACPI_UID_ALL for all CPUs */
    u16 flags;
    u8  lint;
};

struct acpi_madt_info {
    paddr_t lapic_address;          /* after any type 5 override */
    bool pcat_compat;
    unsigned int nr_cpus;
    unsigned int nr_ioapics;
    unsigned int nr_overrides;
    unsigned int nr_lapic_nmis;
    unsigned int nr_dropped;        /* valid entries that did not fit */
    struct acpi_madt_cpu cpu[ACPI_MAX_CPUS];
    struct acpi_madt_ioapic_info ioapic[ACPI_MAX_IOAPICS];
    struct acpi_madt_override_info override[ACPI_MAX_OVERRIDES];
    struct acpi_madt_nmi_info lapic_nmi[ACPI_MAX_LAPIC_NMIS];
};

/* 0, -ENOENT (no MADT) or -EINVAL (malformed; *out is then cleared). */
int acpi_parse_madt(const struct acpi_tables *t, struct acpi_madt_info *out);

struct acpi_fadt_info {
    u8   revision;
    u32  flags;                     /* raw ACPI_FADT_* */
    bool hw_reduced;
    u16  sci_int;
    u16  pm_tmr_port;               /* 0: no usable I/O-port PM timer */
    bool pm_tmr_32bit;
    struct acpi_gas pm1a_cnt;       /* legacy block folded into a GAS */
    bool reset_supported;
    struct acpi_gas reset_reg;
    u8   reset_value;
    u8   century;
    u16  iapc_boot_arch;            /* ACPI_BOOT_* */
    paddr_t dsdt_pa;
    paddr_t facs_pa;
};

/* 0, -ENOENT (no FADT) or -EINVAL (too short). */
int acpi_parse_fadt(const struct acpi_tables *t, struct acpi_fadt_info *out);

struct acpi_hpet_info {
    paddr_t address;
    u32 block_id;
    u8  number;
    u16 min_tick;
};

/* 0, -ENOENT (no HPET table) or -EINVAL (too short, or not in memory space). */
int acpi_parse_hpet(const struct acpi_tables *t, struct acpi_hpet_info *out);

#define ACPI_MAX_MCFG       16

struct acpi_mcfg_info {
    unsigned int nr;
    struct {
        paddr_t address;
        u16 segment;
        u8  start_bus;
        u8  end_bus;
    } entry[ACPI_MAX_MCFG];
};

/* 0, -ENOENT (no MCFG) or -EINVAL (too short); excess entries are dropped. */
int acpi_parse_mcfg(const struct acpi_tables *t, struct acpi_mcfg_info *out);

/* ------------------------------------------------------------------------
 * The tables a PVH dom0 is given (xen/drivers/acpi/dom0_tables.c): a new
 * RSDP and XSDT, and a MADT describing dom0's vCPUs instead of the host's.
 * ------------------------------------------------------------------------ */

/* Most vCPUs a dom0 MADT is built for. */
#define ACPI_DOM0_MAX_VCPUS     4096

/* Each new table starts at this alignment within the buffer. */
#define ACPI_DOM0_TABLE_ALIGN   16

/* Whether the host table at [pa, pa+len) lies in memory dom0 may see. */
typedef bool (*acpi_dom0_table_ok_fn)(paddr_t pa, size_t len);

/*
 * Bytes of buffer acpi_dom0_build_tables() needs for 'nr_vcpus' vCPUs, if
 * every allowed host table is kept; 0 if the tables cannot be built (no or
 * malformed host MADT, nr_vcpus 0 or above ACPI_DOM0_MAX_VCPUS).
 */
size_t acpi_dom0_tables_size(const struct acpi_tables *host,
                             unsigned int nr_vcpus);

/*
 * Write the RSDP, XSDT and MADT into 'buf', which the caller places at
 * guest-physical (= machine, dom0 being 1:1) address 'buf_pa', 16-byte
 * aligned. Host tables are read through host->map; only those 'table_ok'
 * accepts are listed. Returns 0 and sets *rsdp_pa; or -ENOENT (no host MADT),
 * -ENOSPC (buf_len too small) or -EINVAL (bad argument or malformed host
 * MADT), and then nothing has been written to 'buf'.
 */
int acpi_dom0_build_tables(const struct acpi_tables *host,
                           unsigned int nr_vcpus,
                           acpi_dom0_table_ok_fn table_ok, void *buf,
                           size_t buf_len, paddr_t buf_pa, paddr_t *rsdp_pa);

#endif /* XEN_ACPI_H */
