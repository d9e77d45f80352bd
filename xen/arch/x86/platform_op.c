/* SPDX-License-Identifier: GPL-2.0-only */
/* The platform_op hypercall of the hardware domain. Answers are Xen 4.17's on a
 * machine booted without EFI, with no hypervisor-managed power states. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/acpi.h>
#include <asm/cpufeature.h>
#include <asm/hvm/guest_access.h>
#include <asm/time.h>
#include <public/platform.h>

#define INVALID_ACPIID  (~0u)

/* Xen copies back only the union member an op answers with, never the whole
 * argument; arg is the guest address of op. */
static long put_member(struct vcpu *v, uint64_t arg, const struct xen_platform_op *op,
                       const void *member, size_t len)
{
    uint64_t off = (uint64_t)((const char *)member - (const char *)op);

    return copy_to_guest(v, arg + off, member, len) ? -EFAULT : 0;
}

#define PUT_MEMBER(v, arg, op, m) put_member(v, arg, op, &(op)->m, sizeof((op)->m))

static bool cpu_present(uint32_t cpu)
{
    return cpu < nr_cpu_ids && cpu_infos[cpu];
}

static bool cpu_online(uint32_t cpu)
{
    return cpu_present(cpu) && cpu_infos[cpu]->online;
}

static uint32_t last_present_cpu(void)
{
    uint32_t cpu, last = 0;

    for ( cpu = 0; cpu < nr_cpu_ids; cpu++ )
        if ( cpu_present(cpu) )
            last = cpu;
    return last;
}

/* The processor UID of the enabled MADT entry with this APIC ID. */
static uint32_t acpi_id_of(uint32_t apic_id)
{
    unsigned int i;

    for ( i = 0; i < acpi_boot.madt.nr_cpus; i++ )
        if ( acpi_boot.madt.cpu[i].enabled && acpi_boot.madt.cpu[i].apic_id == apic_id )
            return acpi_boot.madt.cpu[i].acpi_uid;
    return INVALID_ACPIID;
}

/* An unknown CPU keeps the IDs the caller passed in; only flags change. */
static long get_cpuinfo(struct vcpu *v, uint64_t arg, struct xen_platform_op *op)
{
    struct xenpf_pcpuinfo *info = &op->u.pcpu_info;
    uint32_t cpu = info->xen_cpuid;

    if ( cpu_present(cpu) )
    {
        info->apic_id = cpu_infos[cpu]->apic_id;
        info->acpi_id = acpi_id_of(info->apic_id);
        info->flags = cpu_online(cpu) ? XEN_PCPU_FLAGS_ONLINE : 0;
    }
    else
        info->flags = XEN_PCPU_FLAGS_INVALID;
    info->max_present = last_present_cpu();
    return PUT_MEMBER(v, arg, op, u.pcpu_info);
}

/* Every CPU is taken to be the boot CPU's model, as on any machine we boot. */
static long get_cpu_version(struct vcpu *v, uint64_t arg, struct xen_platform_op *op)
{
    struct xenpf_pcpu_version *ver = &op->u.pcpu_version;

    if ( cpu_online(ver->xen_cpuid) )
    {
        memcpy(ver->vendor_id, boot_cpu.vendor, sizeof(ver->vendor_id));
        ver->family = boot_cpu.family;
        ver->model = boot_cpu.model;
        ver->stepping = boot_cpu.stepping;
    }
    else
    {
        memset(ver->vendor_id, 0, sizeof(ver->vendor_id));
        ver->family = ver->model = ver->stepping = 0;
    }
    ver->max_present = last_present_cpu();
    return PUT_MEMBER(v, arg, op, u.pcpu_version);
}

/*
 * What the boot loader asked the BIOS. We ask it nothing (no EDD, no VBE/DDC,
 * no EFI), so every table is empty; the keyboard flags read as no shift key
 * held. A real Xen with DDC information answers XEN_FW_VBEDDC_INFO with it.
 */
static long firmware_info(struct vcpu *v, uint64_t arg, struct xen_platform_op *op)
{
    struct xenpf_firmware_info *fw = &op->u.firmware_info;

    switch ( fw->type )
    {
    case XEN_FW_DISK_INFO:
    case XEN_FW_DISK_MBR_SIGNATURE:
    case XEN_FW_VBEDDC_INFO:
        return -ESRCH;
    case XEN_FW_EFI_INFO:
        return -ENOSYS;
    case XEN_FW_KBD_SHIFT_FLAGS:
        if ( fw->index != 0 )
            return -ESRCH;
        fw->u.kbd_shift_flags = 0;
        return PUT_MEMBER(v, arg, op, u.firmware_info.u.kbd_shift_flags);
    default:
        return -EINVAL;
    }
}

/* CPUs come and go only at boot here: online ones stay, and none is offline
 * but present. Taking a CPU down is not supported (Xen can, except CPU 0). */
static long cpu_online_op(uint32_t cmd, uint32_t cpu)
{
    if ( cmd == XENPF_cpu_offline && cpu == 0 )
        return -EOPNOTSUPP;
    if ( !cpu_present(cpu) )
        return -EINVAL;
    if ( cmd == XENPF_cpu_online )
        return 0;
    return cpu_online(cpu) ? -EOPNOTSUPP : 0;
}

static long platform_quirk(uint32_t quirk)
{
    switch ( quirk )
    {
    case QUIRK_NOIRQBALANCING:
        /* Nothing balances interrupts here to begin with. */
        printk(XENLOG_INFO "Platform quirk: IRQ balancing off\n");
        return 0;
    case QUIRK_IOAPIC_BAD_REGSEL:
    case QUIRK_IOAPIC_GOOD_REGSEL:
        return 0;
    default:
        return -EINVAL;
    }
}

/* Power states stay with dom0's own drivers: Xen 4.17 answers like this when
 * it runs neither cpufreq nor cpuidle itself. */
static long set_pminfo(const struct xenpf_set_processor_pminfo *pm)
{
    switch ( pm->type )
    {
    case XEN_PM_CX:
    case XEN_PM_PX:
    case XEN_PM_TX:
    case XEN_PM_PDC:
        return -ENOSYS;
    default:
        return -EINVAL;
    }
}

static long core_parking(struct vcpu *v, uint64_t arg, struct xen_platform_op *op)
{
    switch ( op->u.core_parking.type )
    {
    case XEN_CORE_PARKING_GET:
        op->u.core_parking.idle_nums = 0;
        return PUT_MEMBER(v, arg, op, u.core_parking);
    case XEN_CORE_PARKING_SET:
        return -EOPNOTSUPP;             /* no CPU is ever parked */
    default:
        return -EINVAL;
    }
}

static long settime(const struct xen_platform_op *op)
{
    if ( op->cmd == XENPF_settime32 )
    {
        do_settime(op->u.settime32.secs, op->u.settime32.nsecs,
                   op->u.settime32.system_time);
        return 0;
    }
    if ( op->u.settime64.mbz )
        return -EINVAL;
    do_settime(op->u.settime64.secs, op->u.settime64.nsecs, op->u.settime64.system_time);
    return 0;
}

/* Xen's order: the argument is read, then its version checked, then the
 * caller's privilege; a domU therefore sees -EFAULT and -EACCES too. */
long do_platform_op(struct vcpu *v, const uint64_t *args)
{
    struct xen_platform_op op;
    uint64_t arg = args[0];

    if ( copy_from_guest(v, &op, arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XENPF_INTERFACE_VERSION )
        return -EACCES;
    if ( !v->domain->is_privileged )
        return -EPERM;

    switch ( op.cmd )
    {
    case XENPF_settime32:
    case XENPF_settime64:
        return settime(&op);
    case XENPF_platform_quirk:
        return platform_quirk(op.u.platform_quirk.quirk_id);
    case XENPF_firmware_info:
        return firmware_info(v, arg, &op);
    case XENPF_change_freq:
    case XENPF_getidletime:
        return -ENOSYS;                 /* cpufreq is not dom0's to drive */
    case XENPF_set_processor_pminfo:
        return set_pminfo(&op.u.set_pminfo);
    case XENPF_get_cpuinfo:
        return get_cpuinfo(v, arg, &op);
    case XENPF_get_cpu_version:
        return get_cpu_version(v, arg, &op);
    case XENPF_cpu_online:
    case XENPF_cpu_offline:
        return cpu_online_op(op.cmd, op.u.cpu_ol.cpuid);
    case XENPF_core_parking:
        return core_parking(v, arg, &op);
    default:
        return -ENOSYS;
    }
}
