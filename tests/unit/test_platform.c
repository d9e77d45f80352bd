/* SPDX-License-Identifier: GPL-2.0-only */
/* platform_op and physdev_op on the host: a made-up machine (CPU table, MADT,
 * MCFG) and host pointers as guest buffers, for the cases QEMU's fixed
 * machine cannot show (CPU holes, ACPI IDs unlike APIC IDs, several MCFG
 * regions, domU callers, removal bookkeeping). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <asm/acpi.h>
#include <asm/cpufeature.h>
#include <public/physdev.h>
#include <public/platform.h>

#include "host_env.h"

/* What the two files take from the rest of the hypervisor. */
struct cpu_info *cpu_infos[NR_CPUS];
unsigned int nr_cpu_ids;
struct acpi_boot_info acpi_boot;
struct cpu_features boot_cpu;

static struct { unsigned int calls; uint64_t secs, system_time; uint32_t nsecs; } settime;

void do_settime(uint64_t secs, uint32_t nsecs, uint64_t system_time)
{
    settime.calls++;
    settime.secs = secs;
    settime.nsecs = nsecs;
    settime.system_time = system_time;
}

static struct cpu_info cpus[4];
static struct domain dom0, domu;
static struct vcpu v0, vu;

/* CPUs 0, 1 and 3 present (2 failed to start), 3 not yet marked online;
 * ACPI UIDs 10 + i for APIC IDs 2 * i, one disabled MADT entry. */
static int setup(void **state)
{
    static const uint32_t apic[4] = { 0, 2, 4, 6 };
    unsigned int i;

    memset(cpus, 0, sizeof(cpus));
    memset(cpu_infos, 0, sizeof(cpu_infos));
    for ( i = 0; i < 4; i++ )
    {
        cpus[i].id = i;
        cpus[i].apic_id = apic[i];
        cpus[i].online = i != 3;
        if ( i != 2 )
            cpu_infos[i] = &cpus[i];
    }
    nr_cpu_ids = 4;

    memset(&acpi_boot, 0, sizeof(acpi_boot));
    acpi_boot.madt.nr_cpus = 5;
    for ( i = 0; i < 4; i++ )
        acpi_boot.madt.cpu[i] = (struct acpi_madt_cpu){ .apic_id = 2 * i, .acpi_uid = 10 + i,
                                                        .enabled = true };
    /* A disabled entry reusing APIC ID 6 must not be chosen. */
    acpi_boot.madt.cpu[4] = (struct acpi_madt_cpu){ .apic_id = 6, .acpi_uid = 99 };
    acpi_boot.madt.cpu[3].enabled = false;
    acpi_boot.madt.cpu[3].apic_id = 7;
    acpi_boot.have_mcfg = true;
    acpi_boot.mcfg.nr = 2;
    acpi_boot.mcfg.entry[0].address = 0xb0000000;
    acpi_boot.mcfg.entry[0].end_bus = 0x7f;
    acpi_boot.mcfg.entry[1].address = 0xe0000000;
    acpi_boot.mcfg.entry[1].segment = 1;
    acpi_boot.mcfg.entry[1].start_bus = 0x10;
    acpi_boot.mcfg.entry[1].end_bus = 0x1f;

    memcpy(boot_cpu.vendor, "AuthenticAMD", 13);
    boot_cpu.family = 0x19;
    boot_cpu.model = 0x21;
    boot_cpu.stepping = 2;

    dom0 = (struct domain){ .domain_id = 0, .is_privileged = true };
    domu = (struct domain){ .domain_id = 1 };
    v0 = (struct vcpu){ .domain = &dom0 };
    vu = (struct vcpu){ .domain = &domu };
    memset(&settime, 0, sizeof(settime));
    return 0;
}

static long pf(struct vcpu *v, struct xen_platform_op *op)
{
    uint64_t args[6] = { (uint64_t)(uintptr_t)op };

    return do_platform_op(v, args);
}

static void op_init(struct xen_platform_op *op, uint32_t cmd)
{
    memset(op, 0xa5, sizeof(*op));
    op->cmd = cmd;
    op->interface_version = XENPF_INTERFACE_VERSION;
}

static void assert_tail_untouched(const struct xen_platform_op *op, size_t from)
{
    const uint8_t *p = (const uint8_t *)op;

    for ( ; from < sizeof(*op); from++ )
        assert_int_equal(p[from], 0xa5);
}

static void test_envelope(void **state)
{
    struct xen_platform_op op;
    uint64_t bad[6] = { 0x1000 };

    assert_int_equal(do_platform_op(&v0, bad), -EFAULT);
    assert_int_equal(do_platform_op(&vu, bad), -EFAULT);
    op_init(&op, XENPF_get_cpuinfo);
    op.interface_version--;
    assert_int_equal(pf(&v0, &op), -EACCES);
    assert_int_equal(pf(&vu, &op), -EACCES);
    op.interface_version++;
    assert_int_equal(pf(&vu, &op), -EPERM);
    op_init(&op, 64);                       /* get_dom0_console, Xen 4.18+ */
    assert_int_equal(pf(&v0, &op), -ENOSYS);
    op_init(&op, XENPF_efi_runtime_call);
    assert_int_equal(pf(&v0, &op), -ENOSYS);
    op_init(&op, ~0u);
    assert_int_equal(pf(&v0, &op), -ENOSYS);
}

static long cpuinfo(struct xen_platform_op *op, uint32_t cpu)
{
    op_init(op, XENPF_get_cpuinfo);
    op->u.pcpu_info.xen_cpuid = cpu;
    return pf(&v0, op);
}

static void test_get_cpuinfo(void **state)
{
    struct xen_platform_op op;

    assert_int_equal(cpuinfo(&op, 1), 0);
    assert_int_equal(op.u.pcpu_info.flags, XEN_PCPU_FLAGS_ONLINE);
    assert_int_equal(op.u.pcpu_info.apic_id, 2);
    assert_int_equal(op.u.pcpu_info.acpi_id, 11);
    assert_int_equal(op.u.pcpu_info.max_present, 3);
    assert_tail_untouched(&op, 28);

    /* Present, not online; its MADT entry is disabled: no ACPI ID. */
    assert_int_equal(cpuinfo(&op, 3), 0);
    assert_int_equal(op.u.pcpu_info.flags, 0);
    assert_int_equal(op.u.pcpu_info.apic_id, 6);
    assert_int_equal(op.u.pcpu_info.acpi_id, ~0u);

    /* The hole and the far end keep the caller's IDs. */
    assert_int_equal(cpuinfo(&op, 2), 0);
    assert_int_equal(op.u.pcpu_info.flags, XEN_PCPU_FLAGS_INVALID);
    assert_int_equal(op.u.pcpu_info.apic_id, 0xa5a5a5a5);
    assert_int_equal(op.u.pcpu_info.max_present, 3);
    assert_int_equal(cpuinfo(&op, NR_CPUS + 7), 0);
    assert_int_equal(op.u.pcpu_info.flags, XEN_PCPU_FLAGS_INVALID);
}

static void test_get_cpu_version(void **state)
{
    static const char zero[12];
    struct xen_platform_op op;

    op_init(&op, XENPF_get_cpu_version);
    op.u.pcpu_version.xen_cpuid = 1;
    assert_int_equal(pf(&v0, &op), 0);
    assert_memory_equal(op.u.pcpu_version.vendor_id, "AuthenticAMD", 12);
    assert_int_equal(op.u.pcpu_version.family, 0x19);
    assert_int_equal(op.u.pcpu_version.model, 0x21);
    assert_int_equal(op.u.pcpu_version.stepping, 2);
    assert_int_equal(op.u.pcpu_version.max_present, 3);
    assert_tail_untouched(&op, 40);

    /* Only online CPUs are described. */
    op_init(&op, XENPF_get_cpu_version);
    op.u.pcpu_version.xen_cpuid = 3;
    assert_int_equal(pf(&v0, &op), 0);
    assert_memory_equal(op.u.pcpu_version.vendor_id, zero, 12);
    assert_int_equal(op.u.pcpu_version.family, 0);
    assert_int_equal(op.u.pcpu_version.max_present, 3);
}

static long fw(struct xen_platform_op *op, uint32_t type, uint32_t index)
{
    op_init(op, XENPF_firmware_info);
    op->u.firmware_info.type = type;
    op->u.firmware_info.index = index;
    return pf(&v0, op);
}

static void test_firmware_info(void **state)
{
    struct xen_platform_op op;

    assert_int_equal(fw(&op, XEN_FW_DISK_INFO, 0), -ESRCH);
    assert_int_equal(fw(&op, XEN_FW_DISK_MBR_SIGNATURE, 0), -ESRCH);
    assert_int_equal(fw(&op, XEN_FW_VBEDDC_INFO, 0), -ESRCH);
    assert_int_equal(fw(&op, XEN_FW_EFI_INFO, XEN_FW_EFI_VERSION), -ENOSYS);
    assert_int_equal(fw(&op, XEN_FW_KBD_SHIFT_FLAGS, 1), -ESRCH);
    assert_int_equal(fw(&op, 0, 0), -EINVAL);
    assert_int_equal(fw(&op, 6, 0), -EINVAL);
    assert_int_equal(fw(&op, XEN_FW_KBD_SHIFT_FLAGS, 0), 0);
    assert_int_equal(op.u.firmware_info.u.kbd_shift_flags, 0);
    assert_tail_untouched(&op, 17);
}

static long settime64(uint64_t secs, uint32_t nsecs, uint32_t mbz, uint64_t st)
{
    struct xen_platform_op op;

    op_init(&op, XENPF_settime64);
    op.u.settime64.secs = secs;
    op.u.settime64.nsecs = nsecs;
    op.u.settime64.mbz = mbz;
    op.u.settime64.system_time = st;
    return pf(&v0, &op);
}

static void test_settime(void **state)
{
    struct xen_platform_op op;

    assert_int_equal(settime64(1ull << 33, 7, 0, 99), 0);
    assert_int_equal(settime.calls, 1);
    assert_true(settime.secs == 1ull << 33 && settime.nsecs == 7 && settime.system_time == 99);
    assert_int_equal(settime64(5, 0, 1, 0), -EINVAL);
    assert_int_equal(settime.calls, 1);

    op_init(&op, XENPF_settime32);
    op.u.settime32.secs = 0xfffffffe;
    op.u.settime32.nsecs = 3;
    op.u.settime32.system_time = 4;
    assert_int_equal(pf(&v0, &op), 0);
    assert_true(settime.secs == 0xfffffffe && settime.nsecs == 3 && settime.system_time == 4);
    /* A domU never reaches the clock. */
    op_init(&op, XENPF_settime64);
    assert_int_equal(pf(&vu, &op), -EPERM);
    assert_int_equal(settime.calls, 2);
}

static long word_op(uint32_t cmd, uint32_t w0, uint32_t w1)
{
    struct xen_platform_op op;

    op_init(&op, cmd);
    op.u.set_pminfo.id = w0;
    op.u.set_pminfo.type = w1;
    return pf(&v0, &op);
}

static void test_small_ops(void **state)
{
    struct xen_platform_op op;

    assert_int_equal(word_op(XENPF_cpu_online, 1, 0), 0);
    assert_int_equal(word_op(XENPF_cpu_online, 2, 0), -EINVAL);
    assert_int_equal(word_op(XENPF_cpu_online, 4, 0), -EINVAL);
    assert_int_equal(word_op(XENPF_cpu_offline, 0, 0), -EOPNOTSUPP);
    assert_int_equal(word_op(XENPF_cpu_offline, 1, 0), -EOPNOTSUPP);
    assert_int_equal(word_op(XENPF_cpu_offline, 3, 0), 0);
    assert_int_equal(word_op(XENPF_cpu_offline, 2, 0), -EINVAL);
    assert_int_equal(word_op(XENPF_cpu_offline, ~0u, 0), -EINVAL);

    unit_printk_capture_start();
    assert_int_equal(word_op(XENPF_platform_quirk, QUIRK_NOIRQBALANCING, 0), 0);
    unit_printk_capture_stop();
    assert_non_null(strstr(unit_printk_captured(), "IRQ balancing"));
    assert_int_equal(word_op(XENPF_platform_quirk, QUIRK_IOAPIC_GOOD_REGSEL, 0), 0);
    assert_int_equal(word_op(XENPF_platform_quirk, 4, 0), -EINVAL);

    assert_int_equal(word_op(XENPF_change_freq, 0, 0), -ENOSYS);
    assert_int_equal(word_op(XENPF_getidletime, 0, 0), -ENOSYS);
    assert_int_equal(word_op(XENPF_set_processor_pminfo, 10, XEN_PM_PX), -ENOSYS);
    assert_int_equal(word_op(XENPF_set_processor_pminfo, 10, XEN_PM_TX), -ENOSYS);
    assert_int_equal(word_op(XENPF_set_processor_pminfo, 10, 4), -EINVAL);

    op_init(&op, XENPF_core_parking);
    op.u.core_parking.type = XEN_CORE_PARKING_GET;
    assert_int_equal(pf(&v0, &op), 0);
    assert_int_equal(op.u.core_parking.idle_nums, 0);
    assert_int_equal(word_op(XENPF_core_parking, XEN_CORE_PARKING_SET, 0), -EOPNOTSUPP);
    assert_int_equal(word_op(XENPF_core_parking, 0, 0), -EINVAL);
}

/* ---- physdev_op ---------------------------------------------------------- */

static long pd(struct vcpu *v, int cmd, const void *arg)
{
    uint64_t args[6] = { (uint64_t)(unsigned int)cmd, (uint64_t)(uintptr_t)arg };

    return do_physdev_op(v, args);
}

static long mmcfg(uint64_t addr, uint16_t seg, uint8_t start, uint8_t end, uint32_t flags)
{
    struct physdev_pci_mmcfg_reserved r = {
        .address = addr, .segment = seg, .start_bus = start, .end_bus = end, .flags = flags,
    };

    return pd(&v0, PHYSDEVOP_pci_mmcfg_reserved, &r);
}

static void test_mmcfg_reserved(void **state)
{
    assert_int_equal(mmcfg(0xb0000000, 0, 0, 0x7f, XEN_PCI_MMCFG_RESERVED), 0);
    assert_int_equal(mmcfg(0xe0000000, 1, 0x10, 0x1f, XEN_PCI_MMCFG_RESERVED), 0);
    assert_int_equal(mmcfg(0xe0000000, 1, 0x10, 0x1f, 0), 0);
    assert_int_equal(mmcfg(0xe0000000, 1, 0x10, 0x1f, 2), -EINVAL);
    assert_int_equal(mmcfg(0xe0000000, 1, 0x10, 0x1e, 1), -ENODEV);
    assert_int_equal(mmcfg(0xe0000000, 0, 0x10, 0x1f, 1), -ENODEV);
    unit_printk_capture_start();
    assert_int_equal(mmcfg(0xb0000000, 1, 0x10, 0x1f, 1), -EIO);
    unit_printk_capture_stop();
    assert_non_null(strstr(unit_printk_captured(), "0xe0000000"));
    assert_int_equal(pd(&v0, PHYSDEVOP_pci_mmcfg_reserved, (void *)0x100), -EFAULT);

    acpi_boot.have_mcfg = false;
    assert_int_equal(mmcfg(0xb0000000, 0, 0, 0x7f, 1), -ENODEV);
}

static long dev_op(int cmd, uint16_t seg, uint8_t bus, uint8_t devfn)
{
    struct physdev_pci_device_add a = { .seg = seg, .bus = bus, .devfn = devfn };

    return pd(&v0, cmd, &a);
}

static void test_pci_devices(void **state)
{
    struct { struct physdev_pci_device_add a; uint32_t pxm; } with_pxm = {
        .a = { .bus = 3, .devfn = 8, .flags = XEN_PCI_DEV_PXM }, .pxm = 1,
    };

    assert_int_equal(dev_op(PHYSDEVOP_pci_device_remove, 0, 0xff, 0xff), -ENODEV);
    assert_int_equal(dev_op(PHYSDEVOP_pci_device_add, 0, 0xff, 0xff), 0);
    assert_int_equal(dev_op(PHYSDEVOP_pci_device_add, 0, 0xff, 0xff), 0);
    assert_int_equal(dev_op(PHYSDEVOP_pci_device_remove, 0, 0xff, 0xfe), -ENODEV);
    assert_int_equal(dev_op(PHYSDEVOP_pci_device_remove, 0, 0xff, 0xff), 0);
    assert_int_equal(dev_op(PHYSDEVOP_pci_device_remove, 0, 0xff, 0xff), -ENODEV);

    /* Segment 1 is reachable only on its MCFG buses, and is not tracked. */
    assert_int_equal(dev_op(PHYSDEVOP_pci_device_add, 1, 0x10, 0), 0);
    assert_int_equal(dev_op(PHYSDEVOP_pci_device_add, 1, 0x20, 0), -EOPNOTSUPP);
    assert_int_equal(dev_op(PHYSDEVOP_pci_device_add, 2, 0, 0), -EOPNOTSUPP);
    assert_int_equal(dev_op(PHYSDEVOP_pci_device_remove, 1, 0x11, 0), 0);
    assert_int_equal(dev_op(PHYSDEVOP_pci_device_remove, 1, 0x0f, 0), -ENODEV);
    assert_int_equal(dev_op(PHYSDEVOP_pci_device_remove, 2, 0, 0), -ENODEV);

    assert_int_equal(pd(&v0, PHYSDEVOP_pci_device_add, &with_pxm), 0);
    assert_int_equal(dev_op(PHYSDEVOP_pci_device_remove, 0, 3, 8), 0);
    assert_int_equal(pd(&v0, PHYSDEVOP_pci_device_add, (void *)0x10), -EFAULT);
    assert_int_equal(pd(&v0, PHYSDEVOP_pci_device_remove, (void *)0x10), -EFAULT);
}

static void test_physdev_filter(void **state)
{
    static const int enosys[] = {
        PHYSDEVOP_map_pirq, PHYSDEVOP_unmap_pirq, PHYSDEVOP_eoi, PHYSDEVOP_irq_status_query,
        PHYSDEVOP_get_free_pirq, PHYSDEVOP_setup_gsi, PHYSDEVOP_manage_pci_add, 0, 99, -1,
    };
    struct physdev_dbgp_op dbgp = { .op = PHYSDEVOP_DBGP_RESET_PREPARE };
    uint64_t compat[6] = { 0 };
    uint8_t zeros[64] = { 0 };
    unsigned int i;

    for ( i = 0; i < sizeof(enosys) / sizeof(enosys[0]); i++ )
        assert_int_equal(pd(&v0, enosys[i], zeros), -ENOSYS);
    assert_int_equal(pd(&v0, PHYSDEVOP_dbgp_op, &dbgp), 0);
    assert_int_equal(pd(&v0, PHYSDEVOP_dbgp_op, (void *)0x10), -EFAULT);
    /* A domU passes none of the filter, whatever its argument. */
    assert_int_equal(pd(&vu, PHYSDEVOP_dbgp_op, &dbgp), -ENOSYS);
    assert_int_equal(pd(&vu, PHYSDEVOP_pci_mmcfg_reserved, (void *)0x10), -ENOSYS);
    assert_int_equal(do_physdev_op_compat(&v0, compat), -ENOSYS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_envelope, setup),
        cmocka_unit_test_setup(test_get_cpuinfo, setup),
        cmocka_unit_test_setup(test_get_cpu_version, setup),
        cmocka_unit_test_setup(test_firmware_info, setup),
        cmocka_unit_test_setup(test_settime, setup),
        cmocka_unit_test_setup(test_small_ops, setup),
        cmocka_unit_test_setup(test_mmcfg_reserved, setup),
        cmocka_unit_test_setup(test_pci_devices, setup),
        cmocka_unit_test_setup(test_physdev_filter, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
