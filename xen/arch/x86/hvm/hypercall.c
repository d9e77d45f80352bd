/* SPDX-License-Identifier: GPL-2.0-only */
/* Hypercall entry for HVM/PVH guests: VMMCALL or VMCALL (directly, as current
 * Linux does, or from the hypercall page), argument registers by guest mode, and the table
 * of handlers. Every number has an entry; those without a handler answer -ENOSYS
 * and say so once on the console, never #UD (Linux retries some through the
 * legacy numbers 16 and 19, which must also say -ENOSYS). */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/support.h>
#include <asm/msr-index.h>
#include <public/xen.h>

#define NR_HYPERCALLS   64

struct hypercall_entry {
    hypercall_fn_t *fn;
    const char *name;
    bool hwdom_only;
    bool absent_in_xen;         /* Xen has no handler for HVM guests either: quiet -ENOSYS */
};

static const struct hypercall_entry hypercall_table[NR_HYPERCALLS] = {
    [__HYPERVISOR_set_trap_table]   = { NULL, "set_trap_table" },
    [__HYPERVISOR_mmu_update]       = { NULL, "mmu_update" },
    [__HYPERVISOR_set_gdt]          = { NULL, "set_gdt" },
    [__HYPERVISOR_stack_switch]     = { NULL, "stack_switch" },
    [__HYPERVISOR_set_callbacks]    = { NULL, "set_callbacks" },
    [__HYPERVISOR_fpu_taskswitch]   = { NULL, "fpu_taskswitch" },
    [__HYPERVISOR_sched_op_compat]  = { NULL, "sched_op_compat" },
    [__HYPERVISOR_platform_op]      = { do_platform_op, "platform_op" },
    [__HYPERVISOR_set_debugreg]     = { NULL, "set_debugreg" },
    [__HYPERVISOR_get_debugreg]     = { NULL, "get_debugreg" },
    [__HYPERVISOR_update_descriptor] = { NULL, "update_descriptor" },
    [__HYPERVISOR_memory_op]        = { do_memory_op, "memory_op" },
    [__HYPERVISOR_multicall]        = { do_multicall, "multicall" },
    [__HYPERVISOR_update_va_mapping] = { NULL, "update_va_mapping" },
    [__HYPERVISOR_set_timer_op]     = { do_set_timer_op, "set_timer_op" },
    [__HYPERVISOR_event_channel_op_compat] = { NULL, "event_channel_op_compat" },
    [__HYPERVISOR_xen_version]      = { do_xen_version, "xen_version" },
    [__HYPERVISOR_console_io]       = { do_console_io, "console_io" },
    [__HYPERVISOR_physdev_op_compat] = { do_physdev_op_compat, "physdev_op_compat" },
    [__HYPERVISOR_grant_table_op]   = { do_grant_table_op, "grant_table_op" },
    [__HYPERVISOR_vm_assist]        = { do_vm_assist, "vm_assist" },
    [__HYPERVISOR_update_va_mapping_otherdomain] = { NULL, "update_va_mapping_otherdomain" },
    [__HYPERVISOR_iret]             = { NULL, "iret" },
    [__HYPERVISOR_vcpu_op]          = { do_vcpu_op, "vcpu_op" },
    [__HYPERVISOR_set_segment_base] = { NULL, "set_segment_base" },
    [__HYPERVISOR_mmuext_op]        = { NULL, "mmuext_op" },
    [__HYPERVISOR_xsm_op]           = { NULL, "xsm_op" },
    [__HYPERVISOR_nmi_op]           = { NULL, "nmi_op" },
    [__HYPERVISOR_sched_op]         = { do_sched_op, "sched_op" },
    [__HYPERVISOR_callback_op]      = { NULL, "callback_op" },
    [__HYPERVISOR_xenoprof_op]      = { NULL, "xenoprof_op" },
    [__HYPERVISOR_event_channel_op] = { do_event_channel_op, "event_channel_op" },
    [__HYPERVISOR_physdev_op]       = { do_physdev_op, "physdev_op" },
    [__HYPERVISOR_hvm_op]           = { do_hvm_op, "hvm_op" },
    [__HYPERVISOR_sysctl]           = { do_sysctl, "sysctl", true },
    [__HYPERVISOR_domctl]           = { do_domctl, "domctl", true },
    [__HYPERVISOR_kexec_op]         = { NULL, "kexec_op" },
    [__HYPERVISOR_tmem_op]          = { NULL, "tmem_op" },
    [__HYPERVISOR_argo_op]          = { NULL, "argo_op" },
    [__HYPERVISOR_xenpmu_op]        = { NULL, "xenpmu_op" },
    [__HYPERVISOR_dm_op]            = { NULL, "dm_op" },
    [__HYPERVISOR_hypfs_op]         = { NULL, "hypfs_op" },
    [__HYPERVISOR_arch_0]           = { NULL, "mca", false, true },
    [__HYPERVISOR_arch_1]           = { NULL, "paging_domctl_cont" },
};

static unsigned long reported[NR_HYPERCALLS / (8 * sizeof(long))];

static long unimplemented(struct vcpu *v, unsigned long nr)
{
    unsigned long bit = 1UL << (nr % (8 * sizeof(long)));

    if ( nr < NR_HYPERCALLS &&
         !(__atomic_fetch_or(&reported[nr / (8 * sizeof(long))], bit, __ATOMIC_RELAXED) & bit) )
        printk(XENLOG_GUEST XENLOG_WARNING "d%uv%u: hypercall %lu (%s) is not implemented\n",
               v->domain->domain_id, v->vcpu_id, nr,
               hypercall_table[nr].name ? hypercall_table[nr].name : "unknown");
    return -ENOSYS;
}

long hypercall_dispatch(struct vcpu *v, unsigned long nr, const uint64_t *args)
{
    const struct hypercall_entry *h = nr < NR_HYPERCALLS ? &hypercall_table[nr] : NULL;

    if ( h && !h->fn && h->absent_in_xen )
        return -ENOSYS;
    if ( !h || !h->fn )
        return unimplemented(v, nr);
    if ( h->hwdom_only && !v->domain->is_privileged )
        return -EPERM;
    return h->fn(v, args);
}

void hvm_exit_hypercall(struct vcpu *v, struct hvm_exit *e)
{
    struct hvm_regs *r = &v->arch.regs;
    bool long_mode = (r->efer & EFER_LMA) && (r->cs.attr & 0x200);
    uint64_t args[6];
    long rc;

    hvm_advance_rip(v, e->insn_len);
    /* Protected-mode user code may not make hypercalls; real mode may. */
    if ( (r->cr0 & 1) && ((r->ss.attr >> 5) & 3) )
    {
        r->rax = (uint64_t)-EPERM;
        return;
    }
    if ( long_mode )
    {
        args[0] = r->rdi; args[1] = r->rsi; args[2] = r->rdx;
        args[3] = r->r10; args[4] = r->r8;  args[5] = r->r9;
    }
    else
    {
        args[0] = (uint32_t)r->rbx; args[1] = (uint32_t)r->rcx; args[2] = (uint32_t)r->rdx;
        args[3] = (uint32_t)r->rsi; args[4] = (uint32_t)r->rdi; args[5] = (uint32_t)r->rbp;
    }
    rc = hypercall_dispatch(v, long_mode ? r->rax : (uint32_t)r->rax, args);
    r->rax = long_mode ? (uint64_t)rc : (uint32_t)rc;
}

/* The hypercall page: 32-byte stubs "mov $nr, %eax; vmmcall; ret" (vmcall on
 * Intel), iret as ud2, the rest of the page int3. */
int hvm_write_hypercall_page(struct domain *d, unsigned long gfn)
{
    uint8_t *p = map_guest_frame(d, gfn, true);
    unsigned int i;

    if ( !p )
        return -EINVAL;
    memset(p, 0xcc, PAGE_SIZE);
    for ( i = 0; i < PAGE_SIZE / 32; i++ )
    {
        uint8_t *stub = p + i * 32;

        if ( i == __HYPERVISOR_iret )
        {
            stub[0] = 0x0f;
            stub[1] = 0x0b;
            continue;
        }
        stub[0] = 0xb8;
        memcpy(stub + 1, &i, 4);
        memcpy(stub + 5, hvm_funcs->hypercall_insn, 3);
        stub[8] = 0xc3;
    }
    d->arch.hypercall_page_gfn = gfn;
    return 0;
}
