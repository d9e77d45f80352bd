// SPDX-License-Identifier: GPL-2.0-only
/*
 * platform_op and physdev_op as a PVH dom0 meets them on Xen 4.17 (booted
 * by QEMU without EFI, two CPUs): the calls Linux makes at boot (EFI probe,
 * get_dom0_console, get_cpuinfo, settime64, pci_mmcfg_reserved,
 * pci_device_add) and the simple neighbours, each with Xen's answer. What
 * Xen 4.17.7 answered, when it is not in the checks below:
 *   - XEN_FW_VBEDDC_INFO index 0: 0 with capabilities 3, transfer time 1
 *     and an EDID from QEMU's VGA BIOS; a hypervisor that did not ask the
 *     BIOS answers -ESRCH, so both are accepted;
 *   - set_processor_pminfo PX/CX: -EINVAL for an unknown ACPI ID, 0 for a
 *     known one; read_memtype 0: the first variable MTRR; resource_op with
 *     no entries 0 (not checked: answering needs cpufreq, MTRR and MSR
 *     services a hypervisor may not have);
 *   - pci_device_add of a function that is not there: -EOPNOTSUPP, and a
 *     later pci_device_remove of it crashes Xen (a NULL vPCI in
 *     vpci_remove_device), so removes here only touch real functions.
 */
#include <stdbool.h>
#include "test.h"

#define __HYPERVISOR_platform_op        7
#define __HYPERVISOR_physdev_op_compat  19
#define __HYPERVISOR_physdev_op         33

#define XENPF_INTERFACE_VERSION 0x03000001
#define XENPF_settime32         17
#define XENPF_platform_quirk    39
#define XENPF_get_cpu_version   48
#define XENPF_efi_runtime_call  49
#define XENPF_firmware_info     50
#define XENPF_change_freq       52
#define XENPF_getidletime       53
#define XENPF_set_processor_pminfo 54
#define XENPF_get_cpuinfo       55
#define XENPF_cpu_online        56
#define XENPF_cpu_offline       57
#define XENPF_core_parking      60
#define XENPF_settime64         62
#define XENPF_get_dom0_console  64

#define XEN_FW_DISK_INFO        1
#define XEN_FW_DISK_MBR_SIGNATURE 2
#define XEN_FW_VBEDDC_INFO      3
#define XEN_FW_EFI_INFO         4
#define XEN_FW_KBD_SHIFT_FLAGS  5
#define XEN_PCPU_FLAGS_ONLINE   1
#define XEN_PCPU_FLAGS_INVALID  2
#define XEN_PM_TX               2
#define XEN_CORE_PARKING_GET    2

#define PHYSDEVOP_irq_status_query  5
#define PHYSDEVOP_eoi           12
#define PHYSDEVOP_map_pirq      13
#define PHYSDEVOP_unmap_pirq    14
#define PHYSDEVOP_get_free_pirq 23
#define PHYSDEVOP_pci_mmcfg_reserved 24
#define PHYSDEVOP_pci_device_add 25
#define PHYSDEVOP_pci_device_remove 26
#define PHYSDEVOP_dbgp_op       29
#define XEN_PCI_MMCFG_RESERVED  1
#define XEN_PCI_DEV_PXM         4

#define XEN_ESRCH       3
#define XEN_EIO         5
#define XEN_EACCES      13
#define XEN_ENODEV      19
#define XEN_EOPNOTSUPP  95

#define XENMEM_add_to_physmap   7
#define XENMAPSPACE_shared_info 0
#define DOMID_SELF              0x7ff0u

/* The CPUs QEMU gives the machine (-smp 2): APIC and ACPI IDs 0 and 1. */
#define NR_PCPUS                2

struct xen_platform_op {
    uint32_t cmd;
    uint32_t interface_version;
    union {
        struct { uint32_t secs, nsecs; uint64_t system_time; } settime32;
        struct { uint64_t secs; uint32_t nsecs, mbz; uint64_t system_time; } settime64;
        struct {
            uint32_t type, index;
            union {
                struct { uint8_t capabilities, edid_transfer_time; uint16_t pad[3];
                         uint64_t edid; } vbeddc_info;
                uint8_t kbd_shift_flags;
            } u;
        } firmware_info;
        struct { uint32_t xen_cpuid, max_present, flags, apic_id, acpi_id; } pcpu_info;
        struct {
            uint32_t xen_cpuid, max_present;
            char vendor_id[12];
            uint32_t family, model, stepping;
        } pcpu_version;
        struct { uint32_t id, type; } set_pminfo;
        struct { uint32_t type, idle_nums; } core_parking;
        uint32_t word;                  /* quirk_id, cpu_ol.cpuid */
        uint8_t pad[128];
    } u;
};
_Static_assert(sizeof(struct xen_platform_op) == 136, "xen_platform_op");

struct shared_info_wc {
    uint32_t wc_version, wc_sec, wc_nsec, wc_sec_hi;
};

struct mmcfg_reserved {
    uint64_t address;
    uint16_t segment;
    uint8_t start_bus, end_bus;
    uint32_t flags;
};

struct pci_device_add {
    uint16_t seg;
    uint8_t bus, devfn;
    uint32_t flags;
    uint8_t physfn_bus, physfn_devfn;
    uint16_t pad;
    uint32_t optarr[1];
};

struct pci_device {
    uint16_t seg;
    uint8_t bus, devfn;
};

struct dbgp_op {
    uint8_t op, bus;
    struct pci_device pci;
};

static void *const bad_buffers[] = {
    BAD_VA_UNMAPPED, BAD_VA_UPPER_HALF, BAD_VA_NO_RAM,
};

static uint8_t shinfo_page[4096] __attribute__((aligned(4096)));
static volatile struct shared_info_wc *wallclock;

static void expect_rc(const char *what, long rc, long expected)
{
    if ( rc != expected )
        test_fail("%s returned %ld, expected %ld", what, rc, expected);
}

static long platform_op(struct xen_platform_op *op)
{
    return hypercall(__HYPERVISOR_platform_op, (unsigned long)op, 0, 0, 0, 0);
}

static long physdev_op(int cmd, const void *arg)
{
    return hypercall(__HYPERVISOR_physdev_op, (unsigned int)cmd, (unsigned long)arg,
                     0, 0, 0);
}

/* A fresh op: the union is filled with 0xa5 so copy-back can be seen. */
static void op_init(struct xen_platform_op *op, uint32_t cmd)
{
    memset(op, 0xa5, sizeof(*op));
    op->cmd = cmd;
    op->interface_version = XENPF_INTERFACE_VERSION;
}

/* Bytes [from, 136) of op must still hold the 0xa5 op_init put there. */
static void expect_untouched(const char *what, const struct xen_platform_op *op,
                             size_t from)
{
    const uint8_t *p = (const uint8_t *)op;
    size_t i;

    for ( i = from; i < sizeof(*op); i++ )
        if ( p[i] != 0xa5 )
            return test_fail("%s wrote byte %zu of the op (%#x)", what, i, p[i]);
}

static void check_envelope(void)
{
    struct xen_platform_op op;
    static const uint32_t unknown[] = {
        0, 1, XENPF_efi_runtime_call, XENPF_get_dom0_console, 65, 66, 1000, ~0u,
    };
    unsigned int i;
    char what[48];

    op_init(&op, XENPF_get_cpuinfo);
    op.interface_version = XENPF_INTERFACE_VERSION - 1;
    expect_rc("platform_op with interface version 0x03000000", platform_op(&op),
              -XEN_EACCES);
    op.interface_version = XENPF_INTERFACE_VERSION + 0x10000;
    expect_rc("platform_op with interface version 0x03010001", platform_op(&op),
              -XEN_EACCES);
    for ( i = 0; i < ARRAY_SIZE(bad_buffers); i++ )
    {
        snprintf(what, sizeof(what), "platform_op(%p)", bad_buffers[i]);
        expect_rc(what, platform_op(bad_buffers[i]), -XEN_EFAULT);
    }
    for ( i = 0; i < ARRAY_SIZE(unknown); i++ )
    {
        op_init(&op, unknown[i]);
        snprintf(what, sizeof(what), "platform_op cmd %u", unknown[i]);
        expect_rc(what, platform_op(&op), -XEN_ENOSYS);
    }
}

static long firmware_info(struct xen_platform_op *op, uint32_t type, uint32_t index)
{
    op_init(op, XENPF_firmware_info);
    op->u.firmware_info.type = type;
    op->u.firmware_info.index = index;
    return platform_op(op);
}

static void check_vbeddc(void)
{
    static const uint8_t edid_header[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
    static uint8_t edid[128];
    struct xen_platform_op op;
    long rc;

    op_init(&op, XENPF_firmware_info);
    op.u.firmware_info.type = XEN_FW_VBEDDC_INFO;
    op.u.firmware_info.index = 0;
    op.u.firmware_info.u.vbeddc_info.edid = (uint64_t)(unsigned long)edid;
    rc = platform_op(&op);
    printk("  VBEDDC_INFO: rc %ld, capabilities %#x, transfer time %u\n", rc,
           op.u.firmware_info.u.vbeddc_info.capabilities,
           op.u.firmware_info.u.vbeddc_info.edid_transfer_time);
    if ( rc == 0 && memcmp(edid, edid_header, sizeof(edid_header)) )
        test_fail("VBEDDC_INFO returned 0 without an EDID header");
    else if ( rc != 0 && rc != -XEN_ESRCH )
        test_fail("VBEDDC_INFO index 0 returned %ld, expected 0 or %d", rc, -XEN_ESRCH);
    expect_rc("VBEDDC_INFO index 1", firmware_info(&op, XEN_FW_VBEDDC_INFO, 1),
              -XEN_ESRCH);
}

/* No BIOS disks, no EFI: Linux's EFI probe is the call that matters. */
static void check_firmware_info(void)
{
    struct xen_platform_op op;
    unsigned int i;
    char what[48];

    expect_rc("firmware_info type 0", firmware_info(&op, 0, 0), -XEN_EINVAL);
    expect_rc("firmware_info type 6", firmware_info(&op, 6, 0), -XEN_EINVAL);
    expect_rc("DISK_INFO 0", firmware_info(&op, XEN_FW_DISK_INFO, 0), -XEN_ESRCH);
    expect_rc("DISK_MBR_SIGNATURE 0", firmware_info(&op, XEN_FW_DISK_MBR_SIGNATURE, 0),
              -XEN_ESRCH);
    for ( i = 0; i <= 7; i++ )
    {
        snprintf(what, sizeof(what), "EFI_INFO index %u", i);
        expect_rc(what, firmware_info(&op, XEN_FW_EFI_INFO, i), -XEN_ENOSYS);
    }
    check_vbeddc();
    expect_rc("KBD_SHIFT_FLAGS 0", firmware_info(&op, XEN_FW_KBD_SHIFT_FLAGS, 0), 0);
    if ( op.u.firmware_info.u.kbd_shift_flags != 0 )
        test_fail("KBD_SHIFT_FLAGS %#x, expected 0 (no key held on QEMU)",
                  op.u.firmware_info.u.kbd_shift_flags);
    expect_untouched("KBD_SHIFT_FLAGS", &op, 17);
    expect_rc("KBD_SHIFT_FLAGS 1", firmware_info(&op, XEN_FW_KBD_SHIFT_FLAGS, 1),
              -XEN_ESRCH);
}

static long get_cpuinfo(struct xen_platform_op *op, uint32_t cpu)
{
    op_init(op, XENPF_get_cpuinfo);
    op->u.pcpu_info.xen_cpuid = cpu;
    op->u.pcpu_info.flags = 0x88;
    op->u.pcpu_info.apic_id = 0x1234;
    op->u.pcpu_info.acpi_id = 0x5678;
    return platform_op(op);
}

static void check_cpuinfo(void)
{
    static const uint32_t invalid[] = { NR_PCPUS, 999, ~0u };
    struct xen_platform_op op;
    unsigned int i;

    for ( i = 0; i < NR_PCPUS; i++ )
    {
        expect_rc("get_cpuinfo", get_cpuinfo(&op, i), 0);
        printk("  pCPU %u: flags %#x APIC ID %u ACPI ID %u max_present %u\n", i,
               op.u.pcpu_info.flags, op.u.pcpu_info.apic_id, op.u.pcpu_info.acpi_id,
               op.u.pcpu_info.max_present);
        if ( op.u.pcpu_info.xen_cpuid != i || op.u.pcpu_info.flags != XEN_PCPU_FLAGS_ONLINE ||
             op.u.pcpu_info.apic_id != i || op.u.pcpu_info.acpi_id != i ||
             op.u.pcpu_info.max_present != NR_PCPUS - 1 )
            test_fail("get_cpuinfo(%u): expected online, APIC and ACPI ID %u, max_present %u",
                      i, i, NR_PCPUS - 1);
        expect_untouched("get_cpuinfo", &op, 28);
    }
    for ( i = 0; i < ARRAY_SIZE(invalid); i++ )
    {
        expect_rc("get_cpuinfo of an absent CPU", get_cpuinfo(&op, invalid[i]), 0);
        /* Xen sets flags and max_present and leaves the IDs as they came. */
        if ( op.u.pcpu_info.flags != XEN_PCPU_FLAGS_INVALID ||
             op.u.pcpu_info.apic_id != 0x1234 || op.u.pcpu_info.acpi_id != 0x5678 ||
             op.u.pcpu_info.max_present != NR_PCPUS - 1 )
            test_fail("get_cpuinfo(%u): flags %#x APIC %#x ACPI %#x max_present %u",
                      invalid[i], op.u.pcpu_info.flags, op.u.pcpu_info.apic_id,
                      op.u.pcpu_info.acpi_id, op.u.pcpu_info.max_present);
    }
}

/* Family, model and stepping decoded from CPUID leaf 1 as Xen does. */
static void check_cpu_version(void)
{
    struct cpuid_regs l0 = cpuid(0), l1 = cpuid(1);
    uint32_t family = (l1.eax >> 8) & 0xf, model = (l1.eax >> 4) & 0xf;
    char vendor[12], name[13] = "";
    struct xen_platform_op op;
    unsigned int i;

    if ( family == 0xf )
        family += (l1.eax >> 20) & 0xff;
    if ( family >= 6 )
        model |= ((l1.eax >> 16) & 0xf) << 4;
    memcpy(vendor, &l0.ebx, 4);
    memcpy(vendor + 4, &l0.edx, 4);
    memcpy(vendor + 8, &l0.ecx, 4);
    for ( i = 0; i <= NR_PCPUS; i++ )
    {
        bool valid = i < NR_PCPUS;

        op_init(&op, XENPF_get_cpu_version);
        op.u.pcpu_version.xen_cpuid = i;
        expect_rc("get_cpu_version", platform_op(&op), 0);
        memcpy(name, op.u.pcpu_version.vendor_id, 12);
        printk("  pCPU %u: \"%s\" family %#x model %#x stepping %u\n", i,
               name, op.u.pcpu_version.family,
               op.u.pcpu_version.model, op.u.pcpu_version.stepping);
        if ( op.u.pcpu_version.max_present != NR_PCPUS - 1 ||
             memcmp(op.u.pcpu_version.vendor_id, valid ? vendor : "\0\0\0\0\0\0\0\0\0\0\0",
                    12) ||
             op.u.pcpu_version.family != (valid ? family : 0) ||
             op.u.pcpu_version.model != (valid ? model : 0) ||
             op.u.pcpu_version.stepping != (valid ? (l1.eax & 0xf) : 0) )
            test_fail("get_cpu_version(%u) does not match CPUID (or zeros)", i);
        expect_untouched("get_cpu_version", &op, 40);
    }
}

static void map_shared_info(void)
{
    struct { uint16_t domid, size; uint32_t space; uint64_t idx, gpfn; } xatp = {
        DOMID_SELF, 0, XENMAPSPACE_shared_info, 0, (unsigned long)shinfo_page >> 12 };

    if ( hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap,
                   (unsigned long)&xatp, 0, 0, 0) )
    {
        test_error("add_to_physmap(shared_info) failed");
        test_finish();
    }
    wallclock = (volatile struct shared_info_wc *)(shinfo_page + 0xc00);
}

static void expect_wallclock(const char *what, uint64_t sec, uint32_t nsec,
                             uint32_t version_before)
{
    uint64_t got = ((uint64_t)wallclock->wc_sec_hi << 32) | wallclock->wc_sec;
    uint32_t version = wallclock->wc_version;

    printk("  after %s: wallclock %lu.%09u, version %u\n", what, got,
           wallclock->wc_nsec, version);
    if ( got != sec || wallclock->wc_nsec != nsec )
        test_fail("%s: wallclock %lu.%09u, expected %lu.%09u", what, got,
                  wallclock->wc_nsec, sec, nsec);
    if ( (version & 1) || version == version_before )
        test_fail("%s: wc_version %u (was %u)", what, version, version_before);
}

static long settime64(uint64_t secs, uint32_t nsecs, uint32_t mbz, uint64_t system_time)
{
    struct xen_platform_op op;

    op_init(&op, XENPF_settime64);
    op.u.settime64.secs = secs;
    op.u.settime64.nsecs = nsecs;
    op.u.settime64.mbz = mbz;
    op.u.settime64.system_time = system_time;
    return platform_op(&op);
}

/* The wallclock in shared_info becomes secs.nsecs - system_time. */
static void check_settime(void)
{
    uint64_t old_sec;
    uint32_t old_nsec, v;
    struct xen_platform_op op;

    map_shared_info();
    old_sec = ((uint64_t)wallclock->wc_sec_hi << 32) | wallclock->wc_sec;
    old_nsec = wallclock->wc_nsec;
    printk("  wallclock at boot %lu.%09u\n", old_sec, old_nsec);

    v = wallclock->wc_version;
    expect_rc("settime64", settime64(1700000000, 123456789, 0, 5000000000ull), 0);
    expect_wallclock("settime64", 1699999995, 123456789, v);

    v = wallclock->wc_version;
    expect_rc("settime64 past 2^32 s", settime64(0x100000005ull, 999999999, 0,
                                                 1999999999), 0);
    expect_wallclock("settime64 past 2^32 s", 0x100000004ull, 0, v);

    v = wallclock->wc_version;
    expect_rc("settime64 with mbz set", settime64(1000, 0, 1, 0), -XEN_EINVAL);
    if ( wallclock->wc_version != v || wallclock->wc_sec != 4 )
        test_fail("settime64 with mbz set changed the wallclock");

    v = wallclock->wc_version;
    op_init(&op, XENPF_settime32);
    op.u.settime32.secs = 1234567890;
    op.u.settime32.nsecs = 500000000;
    op.u.settime32.system_time = 1000000000ull;
    expect_rc("settime32", platform_op(&op), 0);
    expect_wallclock("settime32", 1234567889, 500000000, v);

    expect_rc("settime64 (restore)", settime64(old_sec, old_nsec, 0, 0), 0);
}

static long simple_op(uint32_t cmd, uint32_t word0, uint32_t word1)
{
    struct xen_platform_op op;

    op_init(&op, cmd);
    op.u.set_pminfo.id = word0;
    op.u.set_pminfo.type = word1;
    return platform_op(&op);
}

static void check_simple_ops(void)
{
    struct xen_platform_op op;

    expect_rc("cpu_online 0", simple_op(XENPF_cpu_online, 0, 0), 0);
    expect_rc("cpu_online 1", simple_op(XENPF_cpu_online, 1, 0), 0);
    expect_rc("cpu_online 2", simple_op(XENPF_cpu_online, NR_PCPUS, 0), -XEN_EINVAL);
    expect_rc("cpu_online ~0", simple_op(XENPF_cpu_online, ~0u, 0), -XEN_EINVAL);
    expect_rc("cpu_offline 0", simple_op(XENPF_cpu_offline, 0, 0), -XEN_EOPNOTSUPP);
    expect_rc("cpu_offline 2", simple_op(XENPF_cpu_offline, NR_PCPUS, 0), -XEN_EINVAL);
    expect_rc("cpu_offline 999", simple_op(XENPF_cpu_offline, 999, 0), -XEN_EINVAL);

    /* Quirk 1 would turn off Xen's IRQ balancing: not exercised. */
    expect_rc("platform_quirk 2", simple_op(XENPF_platform_quirk, 2, 0), 0);
    expect_rc("platform_quirk 3", simple_op(XENPF_platform_quirk, 3, 0), 0);
    expect_rc("platform_quirk 0", simple_op(XENPF_platform_quirk, 0, 0), -XEN_EINVAL);
    expect_rc("platform_quirk 99", simple_op(XENPF_platform_quirk, 99, 0), -XEN_EINVAL);

    expect_rc("change_freq", simple_op(XENPF_change_freq, 0, 0), -XEN_ENOSYS);
    expect_rc("getidletime", simple_op(XENPF_getidletime, 0, 0), -XEN_ENOSYS);
    expect_rc("set_processor_pminfo TX", simple_op(XENPF_set_processor_pminfo, 0, XEN_PM_TX),
              -XEN_ENOSYS);
    expect_rc("set_processor_pminfo type 9", simple_op(XENPF_set_processor_pminfo, 0, 9),
              -XEN_EINVAL);

    op_init(&op, XENPF_core_parking);
    op.u.core_parking.type = XEN_CORE_PARKING_GET;
    expect_rc("core_parking GET", platform_op(&op), 0);
    if ( op.u.core_parking.idle_nums != 0 )
        test_fail("core_parking GET: %u idle CPUs", op.u.core_parking.idle_nums);
    expect_rc("core_parking type 9", simple_op(XENPF_core_parking, 9, 0), -XEN_EINVAL);
}

/* QEMU's q35 MCFG: one region for segment 0, buses 0-255, at 0xb0000000.
 * (Dom0 cannot read it itself here: the host table sits in an e820 "reserved"
 * range that Xen does not map for a PVH dom0 without an IOMMU.) */
static const struct mmcfg_reserved q35_mcfg = {
    .address = 0xb0000000, .segment = 0, .start_bus = 0, .end_bus = 255,
    .flags = XEN_PCI_MMCFG_RESERVED,
};

static void check_mmcfg_reserved(void)
{
    struct mmcfg_reserved good = q35_mcfg, r;
    unsigned int i;

    expect_rc("pci_mmcfg_reserved (the MCFG region)",
              physdev_op(PHYSDEVOP_pci_mmcfg_reserved, &good), 0);
    expect_rc("pci_mmcfg_reserved again", physdev_op(PHYSDEVOP_pci_mmcfg_reserved, &good), 0);
    r = good;
    r.flags = 3;
    expect_rc("pci_mmcfg_reserved flags 3", physdev_op(PHYSDEVOP_pci_mmcfg_reserved, &r),
              -XEN_EINVAL);
    r = good;
    r.end_bus--;
    expect_rc("pci_mmcfg_reserved, other bus range",
              physdev_op(PHYSDEVOP_pci_mmcfg_reserved, &r), -XEN_ENODEV);
    r = good;
    r.segment++;
    expect_rc("pci_mmcfg_reserved, other segment",
              physdev_op(PHYSDEVOP_pci_mmcfg_reserved, &r), -XEN_ENODEV);
    r = good;
    r.address += 0x10000000;
    expect_rc("pci_mmcfg_reserved, other address",
              physdev_op(PHYSDEVOP_pci_mmcfg_reserved, &r), -XEN_EIO);
    for ( i = 0; i < ARRAY_SIZE(bad_buffers); i++ )
        expect_rc("pci_mmcfg_reserved(bad pointer)",
                  physdev_op(PHYSDEVOP_pci_mmcfg_reserved, bad_buffers[i]), -XEN_EFAULT);
}

static long device_op(int cmd, uint16_t seg, uint8_t bus, uint8_t devfn, uint32_t flags)
{
    struct pci_device_add a = { .seg = seg, .bus = bus, .devfn = devfn, .flags = flags };

    return physdev_op(cmd, &a);
}

#define DEVFN(d, f) (((d) << 3) | (f))

/* QEMU's q35 has 00:00.0, 00:01.0 and 00:1f.0/2/3, and nothing at 00:1d. */
static void check_pci_devices(void)
{
    unsigned int i;

    expect_rc("pci_device_add 00:00.0",
              device_op(PHYSDEVOP_pci_device_add, 0, 0, DEVFN(0, 0), 0), 0);
    expect_rc("pci_device_add 00:00.0 again",
              device_op(PHYSDEVOP_pci_device_add, 0, 0, DEVFN(0, 0), 0), 0);
    expect_rc("pci_device_add 00:1f.0 with a PXM",
              device_op(PHYSDEVOP_pci_device_add, 0, 0, DEVFN(0x1f, 0), XEN_PCI_DEV_PXM), 0);
    expect_rc("pci_device_add 00:1f.3",
              device_op(PHYSDEVOP_pci_device_add, 0, 0, DEVFN(0x1f, 3), 0), 0);
    expect_rc("pci_device_add 0001:00:00.0",
              device_op(PHYSDEVOP_pci_device_add, 1, 0, DEVFN(0, 0), 0), -XEN_EOPNOTSUPP);
    for ( i = 0; i < ARRAY_SIZE(bad_buffers); i++ )
        expect_rc("pci_device_add(bad pointer)",
                  physdev_op(PHYSDEVOP_pci_device_add, bad_buffers[i]), -XEN_EFAULT);

    expect_rc("pci_device_remove 00:1f.3",
              device_op(PHYSDEVOP_pci_device_remove, 0, 0, DEVFN(0x1f, 3), 0), 0);
    expect_rc("pci_device_remove 00:1f.3 again",
              device_op(PHYSDEVOP_pci_device_remove, 0, 0, DEVFN(0x1f, 3), 0), -XEN_ENODEV);
    expect_rc("pci_device_add 00:1f.3 back",
              device_op(PHYSDEVOP_pci_device_add, 0, 0, DEVFN(0x1f, 3), 0), 0);
    expect_rc("pci_device_remove 00:1d.0",
              device_op(PHYSDEVOP_pci_device_remove, 0, 0, DEVFN(0x1d, 0), 0), -XEN_ENODEV);
    expect_rc("pci_device_remove 0002:00:00.0",
              device_op(PHYSDEVOP_pci_device_remove, 2, 0, DEVFN(0, 0), 0), -XEN_ENODEV);
    for ( i = 0; i < ARRAY_SIZE(bad_buffers); i++ )
        expect_rc("pci_device_remove(bad pointer)",
                  physdev_op(PHYSDEVOP_pci_device_remove, bad_buffers[i]), -XEN_EFAULT);
}

/* No EHCI debug port: every report is accepted. */
static void check_dbgp(void)
{
    static const struct dbgp_op ops[] = {
        { 1, 0, { 0, 0, 0 } }, { 2, 1, { 0, 0, DEVFN(0x1d, 7) } }, { 9, 9, { 5, 6, 7 } },
    };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(ops); i++ )
        expect_rc("dbgp_op", physdev_op(PHYSDEVOP_dbgp_op, &ops[i]), 0);
    for ( i = 0; i < ARRAY_SIZE(bad_buffers); i++ )
        expect_rc("dbgp_op(bad pointer)", physdev_op(PHYSDEVOP_dbgp_op, bad_buffers[i]),
                  -XEN_EFAULT);
}

/* A PVH dom0 has no PIRQs, and nothing else passes Xen's HVM filter. */
static void check_physdev_enosys(void)
{
    static const int cmds[] = {
        PHYSDEVOP_map_pirq, PHYSDEVOP_unmap_pirq, PHYSDEVOP_eoi,
        PHYSDEVOP_irq_status_query, PHYSDEVOP_get_free_pirq, 0, 4, 6, 7, 8, 9, 10, 11,
        15, 16, 17, 19, 20, 21, 22, 27, 28, 30, 31, 32, 1000, -1,
    };
    static uint8_t zeros[64];
    unsigned int i;
    char what[40];

    for ( i = 0; i < ARRAY_SIZE(cmds); i++ )
    {
        snprintf(what, sizeof(what), "physdev_op %d", cmds[i]);
        expect_rc(what, physdev_op(cmds[i], zeros), -XEN_ENOSYS);
    }
    expect_rc("physdev_op_compat", hypercall(__HYPERVISOR_physdev_op_compat,
                                             (unsigned long)zeros, 0, 0, 0, 0),
              -XEN_ENOSYS);
}

/* The host bridge's vendor and device through configuration mechanism #1:
 * the MCFG and device checks know QEMU's q35 (8086:29c0) only. Bochs has an
 * i440FX and no MCFG, and there Xen panics on the device-removal checks. */
static uint32_t host_bridge_id(void)
{
    uint32_t addr = 0x80000000u, val;

    __asm__ __volatile__("outl %0, %1" :: "a" (addr), "Nd" ((uint16_t)0xcf8));
    __asm__ __volatile__("inl %1, %0" : "=a" (val) : "Nd" ((uint16_t)0xcfc));
    return val;
}

void test_main(void)
{
    uint32_t bridge = host_bridge_id();

    printk("platform_op:\n");
    check_envelope();
    check_firmware_info();
    check_cpuinfo();
    check_cpu_version();
    check_settime();
    check_simple_ops();
    printk("physdev_op:\n");
    if ( bridge == 0x29c08086 )
    {
        check_mmcfg_reserved();
        check_pci_devices();
    }
    else
        printk("host bridge %04x:%04x is not QEMU's q35: MCFG and device checks skipped\n",
               bridge & 0xffff, bridge >> 16);
    check_dbgp();
    check_physdev_enosys();
}
