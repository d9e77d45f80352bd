/* SPDX-License-Identifier: MIT */
/* platform_op(op): hardware-platform control for the hardware domain only.
 * Every call carries XENPF_INTERFACE_VERSION; a mismatch gives -EACCES. */
#ifndef __XEN_PUBLIC_PLATFORM_H__
#define __XEN_PUBLIC_PLATFORM_H__

#include "xen.h"

#define XENPF_INTERFACE_VERSION 0x03000001

/* Set the wallclock so it reads secs.nsecs when system time is system_time. */
#define XENPF_settime32           17
struct xenpf_settime32 {
    uint32_t secs;
    uint32_t nsecs;
    uint64_t system_time;
};
#define XENPF_settime64           62
struct xenpf_settime64 {
    uint64_t secs;
    uint32_t nsecs;
    uint32_t mbz;
    uint64_t system_time;
};
#define XENPF_settime XENPF_settime64
#define xenpf_settime xenpf_settime64
typedef struct xenpf_settime xenpf_settime_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_settime_t);

/* MTRR ranges (x86). add returns the register and a handle for del. */
#define XENPF_add_memtype         31
struct xenpf_add_memtype {
    xen_pfn_t mfn;
    uint64_t nr_mfns;
    uint32_t type;
    uint32_t handle;            /* out */
    uint32_t reg;               /* out */
};
typedef struct xenpf_add_memtype xenpf_add_memtype_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_add_memtype_t);

#define XENPF_del_memtype         32
struct xenpf_del_memtype {
    uint32_t handle;            /* 0 if unknown */
    uint32_t reg;
};
typedef struct xenpf_del_memtype xenpf_del_memtype_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_del_memtype_t);

#define XENPF_read_memtype        33
struct xenpf_read_memtype {
    uint32_t reg;
    xen_pfn_t mfn;              /* out */
    uint64_t nr_mfns;           /* out */
    uint32_t type;              /* out */
};
typedef struct xenpf_read_memtype xenpf_read_memtype_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_read_memtype_t);

#define XENPF_microcode_update    35
struct xenpf_microcode_update {
    XEN_GUEST_HANDLE(const_void) data;
    uint32_t length;
};
typedef struct xenpf_microcode_update xenpf_microcode_update_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_microcode_update_t);

#define XENPF_platform_quirk      39
#define QUIRK_NOIRQBALANCING      1
#define QUIRK_IOAPIC_BAD_REGSEL   2
#define QUIRK_IOAPIC_GOOD_REGSEL  3
struct xenpf_platform_quirk {
    uint32_t quirk_id;          /* QUIRK_* */
};
typedef struct xenpf_platform_quirk xenpf_platform_quirk_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_platform_quirk_t);

/* EFI runtime services by proxy; function numbers only here. */
#define XENPF_efi_runtime_call    49
#define XEN_EFI_get_time                      1
#define XEN_EFI_set_time                      2
#define XEN_EFI_get_wakeup_time               3
#define XEN_EFI_set_wakeup_time               4
#define XEN_EFI_get_next_high_monotonic_count 5
#define XEN_EFI_get_variable                  6
#define XEN_EFI_set_variable                  7
#define XEN_EFI_get_next_variable_name        8
#define XEN_EFI_query_variable_info           9
#define XEN_EFI_query_capsule_capabilities   10
#define XEN_EFI_update_capsule               11

/* What the boot loader learned from the firmware, by type and index. */
#define XENPF_firmware_info       50
#define XEN_FW_DISK_INFO          1     /* int 13h AH=08/41/48 */
#define XEN_FW_DISK_MBR_SIGNATURE 2     /* MBR offset 0x1b8 */
#define XEN_FW_VBEDDC_INFO        3     /* int 10h AX=4f15 */
#define XEN_FW_EFI_INFO           4     /* index is one of: */
#define  XEN_FW_EFI_VERSION        0
#define  XEN_FW_EFI_CONFIG_TABLE   1
#define  XEN_FW_EFI_VENDOR         2
#define  XEN_FW_EFI_MEM_INFO       3
#define  XEN_FW_EFI_RT_VERSION     4
#define  XEN_FW_EFI_PCI_ROM        5
#define  XEN_FW_EFI_APPLE_PROPERTIES 6
#define XEN_FW_KBD_SHIFT_FLAGS    5     /* int 16h AH=02 */
struct xenpf_firmware_info {
    uint32_t type;              /* XEN_FW_* */
    uint32_t index;
    union {
        struct {
            uint8_t device;                 /* BIOS drive number */
            uint8_t version;
            uint16_t interface_support;
            uint16_t legacy_max_cylinder;
            uint8_t legacy_max_head;
            uint8_t legacy_sectors_per_track;
            XEN_GUEST_HANDLE(void) edd_params;  /* first u16 = buffer size */
        } disk_info;
        struct {
            uint8_t device;
            uint32_t mbr_signature;
        } disk_mbr_signature;
        struct {
            uint8_t capabilities;
            uint8_t edid_transfer_time;
            XEN_GUEST_HANDLE(uint8) edid;       /* 128-byte buffer */
        } vbeddc_info;
        union xenpf_efi_info {
            uint32_t version;
            struct {
                uint64_t addr;                  /* EFI configuration table */
                uint32_t nent;
            } cfg;
            struct {
                uint32_t revision;
                uint32_t bufsz;                 /* in, bytes */
                XEN_GUEST_HANDLE(void) name;    /* UCS-2 */
            } vendor;
            struct {
                uint64_t addr;
                uint64_t size;
                uint64_t attr;
                uint32_t type;
            } mem;
            struct {
                uint16_t segment;               /* in */
                uint8_t bus;                    /* in */
                uint8_t devfn;                  /* in */
                uint16_t vendor;                /* in */
                uint16_t devid;                 /* in */
                uint64_t address;
                xen_ulong_t size;
            } pci_rom;
            struct {
                uint64_t address;
                xen_ulong_t size;
            } apple_properties;
        } efi_info;
        uint8_t kbd_shift_flags;
    } u;
};
typedef struct xenpf_firmware_info xenpf_firmware_info_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_firmware_info_t);

#define XENPF_enter_acpi_sleep    51
#define XENPF_ACPI_SLEEP_EXTENDED 0x00000001
struct xenpf_enter_acpi_sleep {
    uint16_t val_a;             /* PM1a control, or sleep type A if extended */
    uint16_t val_b;
    uint32_t sleep_state;       /* S-state number */
    uint32_t flags;             /* XENPF_ACPI_SLEEP_* */
};
typedef struct xenpf_enter_acpi_sleep xenpf_enter_acpi_sleep_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_enter_acpi_sleep_t);

#define XENPF_change_freq         52
struct xenpf_change_freq {
    uint32_t flags;             /* must be 0 */
    uint32_t cpu;
    uint64_t freq;              /* Hz */
};
typedef struct xenpf_change_freq xenpf_change_freq_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_change_freq_t);

/* Idle ns per CPU in the bitmap; absent CPUs are cleared from it. */
#define XENPF_getidletime         53
struct xenpf_getidletime {
    XEN_GUEST_HANDLE(uint8) cpumap_bitmap;      /* in/out */
    uint32_t cpumap_nr_cpus;
    XEN_GUEST_HANDLE(uint64) idletime;
    uint64_t now;                               /* out: system time */
};
typedef struct xenpf_getidletime xenpf_getidletime_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_getidletime_t);

/* ACPI processor power/performance data handed up by dom0. */
#define XENPF_set_processor_pminfo 54
#define XEN_PROCESSOR_PM_CX 1
#define XEN_PROCESSOR_PM_PX 2
#define XEN_PROCESSOR_PM_TX 4
#define XEN_PM_CX   0
#define XEN_PM_PX   1
#define XEN_PM_TX   2
#define XEN_PM_PDC  3
#define XEN_PX_PCT  1
#define XEN_PX_PSS  2
#define XEN_PX_PPC  4
#define XEN_PX_PSD  8

struct xen_power_register {
    uint32_t space_id;
    uint32_t bit_width;
    uint32_t bit_offset;
    uint32_t access_size;
    uint64_t address;
};

struct xen_processor_csd {
    uint32_t domain;
    uint32_t coord_type;
    uint32_t num;
};
typedef struct xen_processor_csd xen_processor_csd_t;
DEFINE_XEN_GUEST_HANDLE(xen_processor_csd_t);

struct xen_processor_cx {
    struct xen_power_register reg;
    uint8_t  type;              /* C-state number */
    uint32_t latency;
    uint32_t power;             /* mW */
    uint32_t dpcnt;
    XEN_GUEST_HANDLE(xen_processor_csd_t) dp;
};
typedef struct xen_processor_cx xen_processor_cx_t;
DEFINE_XEN_GUEST_HANDLE(xen_processor_cx_t);

struct xen_processor_flags {
    uint32_t bm_control:1;
    uint32_t bm_check:1;
    uint32_t has_cst:1;
    uint32_t power_setup_done:1;
    uint32_t bm_rld_set:1;
};

struct xen_processor_power {
    uint32_t count;
    struct xen_processor_flags flags;
    XEN_GUEST_HANDLE(xen_processor_cx_t) states;
};

struct xen_pct_register {
    uint8_t  descriptor;
    uint16_t length;
    uint8_t  space_id;
    uint8_t  bit_width;
    uint8_t  bit_offset;
    uint8_t  reserved;
    uint64_t address;
};

struct xen_processor_px {
    uint64_t core_frequency;    /* MHz */
    uint64_t power;             /* mW */
    uint64_t transition_latency;
    uint64_t bus_master_latency;
    uint64_t control;
    uint64_t status;
};
typedef struct xen_processor_px xen_processor_px_t;
DEFINE_XEN_GUEST_HANDLE(xen_processor_px_t);

struct xen_psd_package {
    uint64_t num_entries;
    uint64_t revision;
    uint64_t domain;
    uint64_t coord_type;
    uint64_t num_processors;
};

struct xen_processor_performance {
    uint32_t flags;             /* XEN_PX_* */
    uint32_t platform_limit;
    struct xen_pct_register control_register;
    struct xen_pct_register status_register;
    uint32_t state_count;
    XEN_GUEST_HANDLE(xen_processor_px_t) states;
    struct xen_psd_package domain_info;
    uint32_t shared_type;
};
typedef struct xen_processor_performance xen_processor_performance_t;
DEFINE_XEN_GUEST_HANDLE(xen_processor_performance_t);

struct xenpf_set_processor_pminfo {
    uint32_t id;                /* ACPI processor id */
    uint32_t type;              /* XEN_PM_* */
    union {
        struct xen_processor_power       power;
        struct xen_processor_performance perf;
        XEN_GUEST_HANDLE(uint32)         pdc;
    } u;
};
typedef struct xenpf_set_processor_pminfo xenpf_set_processor_pminfo_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_set_processor_pminfo_t);

#define XENPF_get_cpuinfo 55
#define XEN_PCPU_FLAGS_ONLINE   1
#define XEN_PCPU_FLAGS_INVALID  2
struct xenpf_pcpuinfo {
    uint32_t xen_cpuid;         /* in */
    uint32_t max_present;       /* out: highest present CPU id */
    uint32_t flags;             /* out: XEN_PCPU_FLAGS_* */
    uint32_t apic_id;
    uint32_t acpi_id;
};
typedef struct xenpf_pcpuinfo xenpf_pcpuinfo_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_pcpuinfo_t);

#define XENPF_get_cpu_version 48
struct xenpf_pcpu_version {
    uint32_t xen_cpuid;         /* in */
    uint32_t max_present;
    char vendor_id[12];
    uint32_t family;
    uint32_t model;
    uint32_t stepping;
};
typedef struct xenpf_pcpu_version xenpf_pcpu_version_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_pcpu_version_t);

#define XENPF_cpu_online    56
#define XENPF_cpu_offline   57
struct xenpf_cpu_ol {
    uint32_t cpuid;
};
typedef struct xenpf_cpu_ol xenpf_cpu_ol_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_cpu_ol_t);

#define XENPF_cpu_hotadd    58
struct xenpf_cpu_hotadd {
    uint32_t apic_id;
    uint32_t acpi_id;
    uint32_t pxm;
};

#define XENPF_mem_hotadd    59
struct xenpf_mem_hotadd {
    uint64_t spfn;
    uint64_t epfn;
    uint32_t pxm;
    uint32_t flags;
};

#define XENPF_core_parking  60
#define XEN_CORE_PARKING_SET 1
#define XEN_CORE_PARKING_GET 2
struct xenpf_core_parking {
    uint32_t type;              /* XEN_CORE_PARKING_* */
    uint32_t idle_nums;         /* in for SET, out for GET */
};
typedef struct xenpf_core_parking xenpf_core_parking_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_core_parking_t);

/* A batch of MSR reads/writes on one CPU; returns the number done. */
#define XENPF_resource_op   61
#define XEN_RESOURCE_OP_MSR_READ  0
#define XEN_RESOURCE_OP_MSR_WRITE 1
struct xenpf_resource_entry {
    union {
        uint32_t cmd;           /* in: XEN_RESOURCE_OP_* */
        int32_t  ret;           /* out, for the failing entry */
    } u;
    uint32_t rsvd;              /* must be 0 */
    uint64_t idx;
    uint64_t val;
};
typedef struct xenpf_resource_entry xenpf_resource_entry_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_resource_entry_t);

struct xenpf_resource_op {
    uint32_t nr_entries;
    uint32_t cpu;
    XEN_GUEST_HANDLE(xenpf_resource_entry_t) entries;
};
typedef struct xenpf_resource_op xenpf_resource_op_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_resource_op_t);

/* Walk the hypervisor's symbol table one entry per call. */
#define XENPF_get_symbol   63
struct xenpf_symdata {
    uint32_t namelen;           /* in: buffer size; out: name length */
    uint32_t symnum;            /* in: index; out: next (same at the end) */
    XEN_GUEST_HANDLE(char) name;
    uint64_t address;
    char type;
};
typedef struct xenpf_symdata xenpf_symdata_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_symdata_t);

struct xen_platform_op {
    uint32_t cmd;               /* XENPF_* */
    uint32_t interface_version; /* XENPF_INTERFACE_VERSION */
    union {
        struct xenpf_settime32          settime32;
        struct xenpf_settime64          settime64;
        struct xenpf_add_memtype        add_memtype;
        struct xenpf_del_memtype        del_memtype;
        struct xenpf_read_memtype       read_memtype;
        struct xenpf_microcode_update   microcode;
        struct xenpf_platform_quirk     platform_quirk;
        struct xenpf_firmware_info      firmware_info;
        struct xenpf_enter_acpi_sleep   enter_acpi_sleep;
        struct xenpf_change_freq        change_freq;
        struct xenpf_getidletime        getidletime;
        struct xenpf_set_processor_pminfo set_pminfo;
        struct xenpf_pcpuinfo           pcpu_info;
        struct xenpf_pcpu_version       pcpu_version;
        struct xenpf_cpu_ol             cpu_ol;
        struct xenpf_cpu_hotadd         cpu_add;
        struct xenpf_mem_hotadd         mem_add;
        struct xenpf_core_parking       core_parking;
        struct xenpf_resource_op        resource_op;
        struct xenpf_symdata            symdata;
        uint8_t                         pad[128];
    } u;
};
typedef struct xen_platform_op xen_platform_op_t;
DEFINE_XEN_GUEST_HANDLE(xen_platform_op_t);

XEN_ABI_SIZE(struct xenpf_settime32, 16);
XEN_ABI_SIZE(struct xenpf_settime64, 24);
XEN_ABI_OFFSET(struct xenpf_settime64, system_time, 16);
XEN_ABI_SIZE(struct xenpf_add_memtype, 32);
XEN_ABI_SIZE(struct xenpf_read_memtype, 32);
XEN_ABI_SIZE(struct xenpf_microcode_update, 16);
XEN_ABI_SIZE(struct xenpf_firmware_info, 40);
XEN_ABI_OFFSET(struct xenpf_firmware_info, u, 8);
XEN_ABI_OFFSET(struct xenpf_firmware_info, u.disk_info.edd_params, 16);
XEN_ABI_SIZE(struct xenpf_enter_acpi_sleep, 12);
XEN_ABI_SIZE(struct xenpf_change_freq, 16);
XEN_ABI_SIZE(struct xenpf_getidletime, 32);
XEN_ABI_SIZE(struct xen_processor_cx, 48);
XEN_ABI_SIZE(struct xen_processor_performance, 104);
XEN_ABI_SIZE(struct xenpf_set_processor_pminfo, 112);
XEN_ABI_SIZE(struct xenpf_pcpuinfo, 20);
XEN_ABI_SIZE(struct xenpf_pcpu_version, 32);
XEN_ABI_SIZE(struct xenpf_mem_hotadd, 24);
XEN_ABI_SIZE(struct xenpf_resource_entry, 24);
XEN_ABI_SIZE(struct xenpf_resource_op, 16);
XEN_ABI_SIZE(struct xenpf_symdata, 32);
XEN_ABI_OFFSET(struct xen_platform_op, u, 8);
XEN_ABI_SIZE(struct xen_platform_op, 136);

#endif /* __XEN_PUBLIC_PLATFORM_H__ */
