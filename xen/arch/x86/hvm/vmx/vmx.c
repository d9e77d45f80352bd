/* SPDX-License-Identifier: GPL-2.0-only */
/* Intel VMX backend: per-CPU VMXON, one VMCS per vCPU, VPIDs, the entry loop and
 * event injection, behind struct hvm_funcs. Guest registers live in struct
 * hvm_regs as for SVM; vmcs.c copies them into the VMCS before each entry and
 * back after it, exits.c turns the exit into a struct hvm_exit. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <asm/cpufeature.h>
#include <asm/directmap.h>
#include <asm/hvm/hvm.h>
#include <asm/msr-index.h>
#include <asm/p2m.h>
#include <asm/processor.h>
#include "private.h"

/* entry.S writes HOST_RSP by number. */
BUILD_BUG_ON(HOST_RSP != 0x6c14);

struct vmx_caps vmx_caps;
static void *vmxon_region[NR_CPUS];
static paddr_t current_vmcs[NR_CPUS];      /* 0: none */
static uint32_t next_vpid;

static void read_msrs(struct vmx_msrs *m)
{
    memset(m, 0, sizeof(*m));
    m->basic = rdmsr(MSR_IA32_VMX_BASIC);
    m->misc = rdmsr(MSR_IA32_VMX_MISC);
    m->pinbased = rdmsr(MSR_IA32_VMX_PINBASED_CTLS);
    m->procbased = rdmsr(MSR_IA32_VMX_PROCBASED_CTLS);
    m->exit = rdmsr(MSR_IA32_VMX_EXIT_CTLS);
    m->entry = rdmsr(MSR_IA32_VMX_ENTRY_CTLS);
    m->cr0_fixed0 = rdmsr(MSR_IA32_VMX_CR0_FIXED0);
    m->cr0_fixed1 = rdmsr(MSR_IA32_VMX_CR0_FIXED1);
    m->cr4_fixed0 = rdmsr(MSR_IA32_VMX_CR4_FIXED0);
    m->cr4_fixed1 = rdmsr(MSR_IA32_VMX_CR4_FIXED1);
    if ( m->basic & VMX_BASIC_TRUE_CTLS )
    {
        m->true_pinbased = rdmsr(MSR_IA32_VMX_TRUE_PINBASED_CTLS);
        m->true_procbased = rdmsr(MSR_IA32_VMX_TRUE_PROCBASED_CTLS);
        m->true_exit = rdmsr(MSR_IA32_VMX_TRUE_EXIT_CTLS);
        m->true_entry = rdmsr(MSR_IA32_VMX_TRUE_ENTRY_CTLS);
    }
    /* The secondary controls and EPT/VPID capabilities exist only if the
     * primary controls may activate them. */
    if ( (m->procbased >> 32) & PROC_SECONDARY )
    {
        m->procbased2 = rdmsr(MSR_IA32_VMX_PROCBASED_CTLS2);
        m->ept_vpid = rdmsr(MSR_IA32_VMX_EPT_VPID_CAP);
    }
}

static int vmx_global_init(void)
{
    struct vmx_msrs m;
    const char *why;

    read_msrs(&m);
    if ( vmx_compute_caps(&m, &vmx_caps, &why) )
    {
        printk(XENLOG_ERR "VMX: this CPU lacks %s; HVM guests disabled\n", why);
        return -ENODEV;
    }
    printk("VMX: revision %#x, controls pin %#x proc %#x proc2 %#x exit %#x entry %#x\n",
           vmx_caps.revision, vmx_caps.pin, vmx_caps.proc, vmx_caps.proc2, vmx_caps.exit,
           vmx_caps.entry);
    printk("VMX: EPT, unrestricted guest%s%s\n", vmx_caps.vpid ? ", VPID" : "",
           (m.basic & VMX_BASIC_TRUE_CTLS) ? ", true controls" : "");
    return vmcs_global_init();
}

/* Firmware may have locked VMX off; otherwise turn it on and lock it. */
static int enable_feature_control(void)
{
    uint64_t fc = rdmsr(MSR_IA32_FEATURE_CONTROL);

    if ( fc & FEATURE_CONTROL_LOCKED )
        return (fc & FEATURE_CONTROL_VMX_OUTSIDE_SMX) ? 0 : -ENODEV;
    wrmsr(MSR_IA32_FEATURE_CONTROL,
          fc | FEATURE_CONTROL_VMX_OUTSIDE_SMX | FEATURE_CONTROL_LOCKED);
    return 0;
}

static bool vmxon(paddr_t pa)
{
    bool fail;

    __asm__ __volatile__("vmxon %1; setna %0" : "=qm" (fail) : "m" (pa) : "cc", "memory");
    return !fail;
}

static int vmx_cpu_up(void)
{
    unsigned int cpu = smp_processor_id();
    uint32_t *region;

    if ( !boot_cpu.vmx || enable_feature_control() )
        return -ENODEV;
    if ( cpu == 0 && !vmx_caps.revision && vmx_global_init() )
        return -ENODEV;
    if ( !vmxon_region[cpu] && !(vmxon_region[cpu] = alloc_xenheap_pages(0, 0)) )
        return -ENOMEM;
    region = vmxon_region[cpu];
    memset(region, 0, PAGE_SIZE);
    region[0] = vmx_caps.revision;
    /* The CPU insists on some CR0/CR4 bits in VMX operation (NE, VMXE). */
    write_cr0(read_cr0() | (vmx_caps.cr0_must1 & ~(uint64_t)X86_CR0_PG));
    write_cr4(read_cr4() | vmx_caps.cr4_must1);
    if ( !vmxon(virt_to_maddr(region)) )
    {
        printk(XENLOG_ERR "CPU%u: VMXON failed\n", cpu);
        return -ENODEV;
    }
    current_vmcs[cpu] = 0;
    return 0;
}

static int vmx_vcpu_init(struct vcpu *v)
{
    struct vmx_vcpu *s = xzalloc(struct vmx_vcpu);

    if ( !s || !(s->vmcs = alloc_xenheap_pages(0, 0)) )
    {
        xfree(s);
        return -ENOMEM;
    }
    memset(s->vmcs, 0, PAGE_SIZE);
    *(uint32_t *)s->vmcs = vmx_caps.revision;
    s->vmcs_pa = virt_to_maddr(s->vmcs);
    /* VPID 0 is the host's. Sharing one after a wrap is harmless: each vCPU
     * flushes its EPT context whenever it arrives on a CPU. */
    s->vpid = (uint16_t)(__atomic_fetch_add(&next_vpid, 1, __ATOMIC_RELAXED) % 0xffff) + 1;
    v->arch.vendor = s;
    return 0;
}

static void vmx_vcpu_destroy(struct vcpu *v)
{
    struct vmx_vcpu *s = vmx(v);

    if ( !s )
        return;
    free_xenheap_pages(s->vmcs, 0);
    xfree(s);
    v->arch.vendor = NULL;
}

static uint64_t eptp_of(const struct vcpu *v)
{
    return p2m_ept_pointer(v->domain->arch.p2m.root);
}

static void flush(const struct vcpu *v)
{
    struct vmx_vcpu *s = vmx(v);

    if ( vmx_caps.invept_single )
        invept(INVEPT_SINGLE, eptp_of(v));
    else
        invept(INVEPT_ALL, 0);
    if ( vmx_caps.vpid )
    {
        if ( vmx_caps.invvpid_single )
            invvpid(INVVPID_SINGLE, s->vpid);
        else
            invvpid(INVVPID_ALL, 0);
    }
    s->flush_pending = false;
}

/* Makes v's VMCS current on this CPU, building it the first time; translations
 * left from an earlier stay on this CPU may be stale, so they go. */
static bool load_vmcs(struct vcpu *v)
{
    struct vmx_vcpu *s = vmx(v);
    unsigned int cpu = smp_processor_id();

    if ( current_vmcs[cpu] == s->vmcs_pa )
        return true;
    if ( !vmptrld(s->vmcs_pa) )
        return false;
    current_vmcs[cpu] = s->vmcs_pa;
    if ( !s->constructed )
        vmcs_construct(v);
    vmcs_load_host_state();
    s->flush_pending = true;
    return true;
}

static void vmx_enter(struct vcpu *v, struct hvm_exit *exit)
{
    struct vmx_vcpu *s = vmx(v);
    struct vmx_exit_info x;
    int rc;

    if ( !load_vmcs(v) )
    {
        vmx_entry_failed(v, -1, exit);
        return;
    }
    if ( s->flush_pending )
        flush(v);
    vmcs_write_guest(v);
    vmcs_write_events(v);
    rc = vmx_run(&v->arch.regs, s->launched);
    if ( rc )
    {
        vmx_entry_failed(v, rc, exit);
        return;
    }
    vmx_read_exit(&x);
    if ( !(x.reason & EXIT_REASON_FAILED_ENTRY) )
        s->launched = true;
    vmcs_read_guest(v);
    vmcs_read_events(v, &x);
    vmx_decode_exit(v, &x, exit);
}

/* Common code's vCPU goes back to the scheduler: flush the VMCS to memory so
 * that it can be loaded on whichever CPU runs the vCPU next. */
static void vmx_vcpu_leave(struct vcpu *v)
{
    struct vmx_vcpu *s = vmx(v);
    unsigned int cpu = smp_processor_id();

    if ( current_vmcs[cpu] != s->vmcs_pa )
        return;
    vmclear(s->vmcs_pa);
    current_vmcs[cpu] = 0;
    s->launched = false;
}

static void vmx_inject_event(struct vcpu *v, const struct hvm_event *ev)
{
    struct vmx_vcpu *s = vmx(v);

    s->event_info = INTR_INFO_VALID | ev->vector |
                    ((uint32_t)ev->type << INTR_INFO_TYPE_SHIFT) |
                    (ev->has_error ? INTR_INFO_ERROR_VALID : 0);
    s->event_error = ev->error;
    s->event_insn_len = 0;
}

static bool vmx_event_pending(const struct vcpu *v)
{
    return vmx(v)->event_info & INTR_INFO_VALID;
}

/* An STI or MOV SS shadow covers one instruction: once common code has moved
 * RIP past the instruction that exited, it is gone. */
uint32_t vmx_interruptibility(const struct vcpu *v)
{
    const struct vmx_vcpu *s = vmx(v);
    uint32_t st = s->intr_state;

    if ( v->arch.regs.rip != s->exit_rip || !(v->arch.regs.rflags & X86_EFLAGS_IF) )
        st &= ~(INTERRUPTIBILITY_STI | INTERRUPTIBILITY_MOV_SS);
    return st;
}

static bool vmx_interrupts_enabled(const struct vcpu *v)
{
    return (v->arch.regs.rflags & X86_EFLAGS_IF) &&
           !(vmx_interruptibility(v) & (INTERRUPTIBILITY_STI | INTERRUPTIBILITY_MOV_SS));
}

static void vmx_request_intr_window(struct vcpu *v, bool on)
{
    vmx(v)->intr_window = on;
}

/* Virtual-NMI blocking lasts from the injection to the guest's IRET. */
static bool vmx_nmi_blocked(const struct vcpu *v)
{
    return vmx_interruptibility(v) &
           (INTERRUPTIBILITY_STI | INTERRUPTIBILITY_MOV_SS | INTERRUPTIBILITY_NMI);
}

static void vmx_request_nmi_window(struct vcpu *v)
{
    vmx(v)->nmi_window = true;
}

static void vmx_flush_guest_tlb(struct vcpu *v)
{
    vmx(v)->flush_pending = true;
}

static uint64_t vmx_efer_fixup(uint64_t efer)
{
    return efer;
}

const struct hvm_funcs vmx_funcs = {
    .name = "VMX",
    .cpu_up = vmx_cpu_up,
    .vcpu_init = vmx_vcpu_init,
    .vcpu_destroy = vmx_vcpu_destroy,
    .enter = vmx_enter,
    .inject_event = vmx_inject_event,
    .event_pending = vmx_event_pending,
    .interrupts_enabled = vmx_interrupts_enabled,
    .request_intr_window = vmx_request_intr_window,
    .nmi_blocked = vmx_nmi_blocked,
    .request_nmi_window = vmx_request_nmi_window,
    .flush_guest_tlb = vmx_flush_guest_tlb,
    .efer_fixup = vmx_efer_fixup,
    .vcpu_leave = vmx_vcpu_leave,
    .p2m_format = &p2m_format_ept,
    .hypercall_insn = { 0x0f, 0x01, 0xc1 },     /* VMCALL */
};
