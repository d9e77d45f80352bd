/* SPDX-License-Identifier: GPL-2.0-only */
/* AMD SVM backend: per-CPU enablement, one VMCB per vCPU, ASIDs, event injection,
 * and the translation of #VMEXIT codes into struct hvm_exit for common code.
 * QEMU's SVM has neither NRIP-save nor decode assists, so instruction lengths
 * come from the exit code (fixed-length instructions), EXITINFO2 (I/O) or, for
 * MMIO, from common code's decoder. */
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
#include <asm/hvm/vmcb.h>
#include <asm/msr-index.h>
#include <asm/p2m.h>
#include <asm/processor.h>

#define MSR_VM_CR           0xc0010114
#define VM_CR_SVMDIS        (1u << 4)
#define MSR_PAT_RESET       0x0007040600070406ULL

struct svm_vcpu {
    struct vmcb *vmcb;
    paddr_t vmcb_pa;
    uint32_t asid;
    uint32_t asid_generation;
    int last_cpu;
    bool flush_pending;
    bool nmi_masked;            /* from an NMI's injection to the guest's IRET */
};

void svm_vmrun(struct hvm_regs *regs, paddr_t vmcb, paddr_t host_area);

static uint8_t *msrpm;          /* shared by all vCPUs: 8 KiB */
static uint32_t nr_asids;
static bool has_nrips;

static struct svm_vcpu *svm(const struct vcpu *v)
{
    return v->arch.vendor;
}

/* Two bits per MSR (read, write) in three 2 KiB ranges. */
static void msrpm_allow(uint32_t msr)
{
    unsigned int base, bit;

    if ( msr < 0x2000 )
        base = 0;
    else if ( msr - 0xc0000000 < 0x2000 )
        base = 0x800, msr -= 0xc0000000;
    else if ( msr - 0xc0010000 < 0x2000 )
        base = 0x1000, msr -= 0xc0010000;
    else
        return;
    bit = msr * 2;
    msrpm[base + bit / 8] &= ~(3u << (bit % 8));
}

static int svm_global_init(void)
{
    static const uint32_t passthrough[] = {
        MSR_FS_BASE, MSR_GS_BASE, MSR_SHADOW_GS_BASE, MSR_STAR, MSR_LSTAR,
        MSR_CSTAR, MSR_SYSCALL_MASK, 0x174, 0x175, 0x176,   /* SYSENTER_CS/ESP/EIP */
    };
    struct cpuid_leaf l;
    unsigned int i;

    cpuid(0x8000000a, &l);
    nr_asids = l.b;
    has_nrips = l.d & (1u << 3);
    if ( !(l.d & 1) )
    {
        printk(XENLOG_ERR "SVM: no nested paging; HVM guests disabled\n");
        return -ENODEV;
    }
    msrpm = alloc_xenheap_pages(1, 0);
    if ( !msrpm )
        return -ENOMEM;
    memset(msrpm, 0xff, 2 * PAGE_SIZE);
    for ( i = 0; i < ARRAY_SIZE(passthrough); i++ )
        msrpm_allow(passthrough[i]);
    printk("SVM: %u ASIDs, nested paging%s\n", nr_asids,
           has_nrips ? ", NRIP-save" : ", no NRIP-save (decoding lengths ourselves)");
    return 0;
}

static int svm_cpu_up(void)
{
    struct cpu_info *c = this_cpu();

    if ( !boot_cpu.svm || (rdmsr(MSR_VM_CR) & VM_CR_SVMDIS) )
        return -ENODEV;
    if ( !msrpm && smp_processor_id() == 0 && svm_global_init() )
        return -ENODEV;
    if ( !c->svm_host_save )
    {
        c->svm_host_save = alloc_xenheap_pages(0, 0);
        c->svm_host_vmcb = alloc_xenheap_pages(0, 0);
        if ( !c->svm_host_save || !c->svm_host_vmcb )
            return -ENOMEM;
    }
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
    wrmsr(MSR_K8_VM_HSAVE_PA, virt_to_maddr(c->svm_host_save));
    c->asid_next = 1;
    c->asid_generation = 1;
    return 0;
}

static void vmcb_init(struct vcpu *v, struct vmcb *vmcb)
{
    vmcb->general1_intercepts = GENERAL1_INTR | GENERAL1_NMI | GENERAL1_SMI |
        GENERAL1_INIT | GENERAL1_CPUID | GENERAL1_HLT | GENERAL1_IOIO | GENERAL1_MSR |
        GENERAL1_SHUTDOWN | GENERAL1_INVD | GENERAL1_RDPMC | GENERAL1_INVLPGA;
    vmcb->general2_intercepts = GENERAL2_VMRUN | GENERAL2_VMMCALL | GENERAL2_VMLOAD |
        GENERAL2_VMSAVE | GENERAL2_STGI | GENERAL2_CLGI | GENERAL2_SKINIT |
        GENERAL2_MONITOR | GENERAL2_MWAIT | GENERAL2_MWAIT_COND | GENERAL2_XSETBV;
    vmcb->iopm_base_pa = virt_to_maddr(v->domain->arch.io_bitmap);
    vmcb->msrpm_base_pa = virt_to_maddr(msrpm);
    vmcb->vintr = VINTR_MASKING;
    vmcb->np_enable = 1;
    vmcb->n_cr3 = v->domain->arch.p2m.root;
    vmcb->g_pat = MSR_PAT_RESET;
    v->arch.regs.pat = MSR_PAT_RESET;
}

static int svm_vcpu_init(struct vcpu *v)
{
    struct svm_vcpu *s = xzalloc(struct svm_vcpu);

    if ( !s || !(s->vmcb = alloc_xenheap_pages(0, 0)) )
    {
        xfree(s);
        return -ENOMEM;
    }
    memset(s->vmcb, 0, PAGE_SIZE);
    s->vmcb_pa = virt_to_maddr(s->vmcb);
    s->last_cpu = -1;
    v->arch.vendor = s;
    vmcb_init(v, s->vmcb);
    return 0;
}

static void svm_vcpu_destroy(struct vcpu *v)
{
    struct svm_vcpu *s = svm(v);

    if ( !s )
        return;
    free_xenheap_pages(s->vmcb, 0);
    xfree(s);
    v->arch.vendor = NULL;
}

static void seg_to_vmcb(struct vmcb_seg *d, const struct segment_register *s)
{
    d->sel = s->sel;
    d->attr = s->attr;
    d->limit = s->limit;
    d->base = s->base;
}

static void seg_from_vmcb(struct segment_register *d, const struct vmcb_seg *s)
{
    d->sel = s->sel;
    d->attr = s->attr;
    d->limit = s->limit;
    d->base = s->base;
}

static void regs_to_vmcb(struct vmcb *vmcb, const struct hvm_regs *r)
{
    vmcb->rax = r->rax;
    vmcb->rsp = r->rsp;
    vmcb->rip = r->rip;
    vmcb->rflags = r->rflags;
    vmcb->cr0 = r->cr0;
    vmcb->cr2 = r->cr2;
    vmcb->cr3 = r->cr3;
    vmcb->cr4 = r->cr4;
    vmcb->efer = r->efer | EFER_SVME;
    seg_to_vmcb(&vmcb->cs, &r->cs);
    seg_to_vmcb(&vmcb->ds, &r->ds);
    seg_to_vmcb(&vmcb->es, &r->es);
    seg_to_vmcb(&vmcb->fs, &r->fs);
    seg_to_vmcb(&vmcb->gs, &r->gs);
    seg_to_vmcb(&vmcb->ss, &r->ss);
    seg_to_vmcb(&vmcb->tr, &r->tr);
    seg_to_vmcb(&vmcb->ldtr, &r->ldtr);
    seg_to_vmcb(&vmcb->gdtr, &r->gdtr);
    seg_to_vmcb(&vmcb->idtr, &r->idtr);
    vmcb->cpl = (r->ss.attr >> 5) & 3;
    vmcb->sysenter_cs = r->sysenter_cs;
    vmcb->sysenter_esp = r->sysenter_esp;
    vmcb->sysenter_eip = r->sysenter_eip;
    vmcb->star = r->star;
    vmcb->lstar = r->lstar;
    vmcb->cstar = r->cstar;
    vmcb->sfmask = r->sfmask;
    vmcb->kernel_gs_base = r->kernel_gs_base;
    vmcb->g_pat = r->pat;
}

static void regs_from_vmcb(struct hvm_regs *r, const struct vmcb *vmcb)
{
    r->rax = vmcb->rax;
    r->rsp = vmcb->rsp;
    r->rip = vmcb->rip;
    r->rflags = vmcb->rflags;
    r->cr0 = vmcb->cr0;
    r->cr2 = vmcb->cr2;
    r->cr3 = vmcb->cr3;
    r->cr4 = vmcb->cr4;
    r->efer = vmcb->efer & ~(uint64_t)EFER_SVME;
    seg_from_vmcb(&r->cs, &vmcb->cs);
    seg_from_vmcb(&r->ds, &vmcb->ds);
    seg_from_vmcb(&r->es, &vmcb->es);
    seg_from_vmcb(&r->fs, &vmcb->fs);
    seg_from_vmcb(&r->gs, &vmcb->gs);
    seg_from_vmcb(&r->ss, &vmcb->ss);
    seg_from_vmcb(&r->tr, &vmcb->tr);
    seg_from_vmcb(&r->ldtr, &vmcb->ldtr);
    seg_from_vmcb(&r->gdtr, &vmcb->gdtr);
    seg_from_vmcb(&r->idtr, &vmcb->idtr);
    r->sysenter_cs = vmcb->sysenter_cs;
    r->sysenter_esp = vmcb->sysenter_esp;
    r->sysenter_eip = vmcb->sysenter_eip;
    r->star = vmcb->star;
    r->lstar = vmcb->lstar;
    r->cstar = vmcb->cstar;
    r->sfmask = vmcb->sfmask;
    r->kernel_gs_base = vmcb->kernel_gs_base;
}

/* A vCPU keeps its ASID while it stays on one CPU and that CPU's ASIDs have not
 * wrapped; otherwise it takes a fresh one, whose TLB entries must be flushed. */
static void assign_asid(struct svm_vcpu *s)
{
    struct cpu_info *c = this_cpu();
    int cpu = (int)c->id;

    s->vmcb->tlb_control = 0;
    if ( s->last_cpu == cpu && s->asid_generation == c->asid_generation &&
         !s->flush_pending )
        return;
    if ( c->asid_next >= nr_asids )
    {
        c->asid_generation++;
        c->asid_next = 1;
    }
    s->asid = c->asid_next++;
    s->asid_generation = c->asid_generation;
    s->last_cpu = cpu;
    s->flush_pending = false;
    s->vmcb->asid = s->asid;
    s->vmcb->tlb_control = 1;       /* flush everything for this ASID */
}

static unsigned int fixed_length(uint64_t code)
{
    switch ( code )
    {
    case VMEXIT_CPUID:
    case VMEXIT_MSR:
    case VMEXIT_RDTSC:
    case VMEXIT_INVD:
    case VMEXIT_WBINVD:
        return 2;
    case VMEXIT_VMMCALL:
    case VMEXIT_XSETBV:
    case VMEXIT_RDTSCP:
        return 3;
    case VMEXIT_HLT:
        return 1;
    default:
        return 0;
    }
}

static void decode_io(const struct vmcb *vmcb, struct hvm_exit *e)
{
    uint64_t info = vmcb->exitinfo1;

    e->reason = HVM_EXIT_IO;
    e->io.port = (uint16_t)(info >> IOIO_PORT_SHIFT);
    e->io.in = info & IOIO_TYPE_IN;
    e->io.string = info & IOIO_STR;
    e->io.rep = info & IOIO_REP;
    e->io.size = (info >> IOIO_SZ_SHIFT) & 4 ? 4 : (info >> IOIO_SZ_SHIFT) & 2 ? 2 : 1;
    e->io.addr_size = (info >> IOIO_ASZ_SHIFT) & 4 ? 8 : (info >> IOIO_ASZ_SHIFT) & 2 ? 4 : 2;
    e->io.seg = (info >> IOIO_SEG_SHIFT) & 7;
    e->insn_len = (unsigned int)(vmcb->exitinfo2 - vmcb->rip);
    e->insn_len_exact = true;       /* EXITINFO2 is the next RIP, always */
}

static enum hvm_exit_reason simple_reason(uint64_t code)
{
    /* QEMU reports an invalid VMCB as 0xffffffff, hardware as the 64-bit -1. */
    if ( (uint32_t)code == (uint32_t)VMEXIT_INVALID )
        return HVM_EXIT_INVALID;
    switch ( code )
    {
    case VMEXIT_INTR:
    case VMEXIT_NMI:
    case VMEXIT_SMI:
    case VMEXIT_INIT:       return HVM_EXIT_INTR;
    case VMEXIT_VINTR:      return HVM_EXIT_INTR_WINDOW;
    case VMEXIT_CPUID:      return HVM_EXIT_CPUID;
    case VMEXIT_HLT:        return HVM_EXIT_HLT;
    case VMEXIT_VMMCALL:    return HVM_EXIT_HYPERCALL;
    case VMEXIT_XSETBV:     return HVM_EXIT_XSETBV;
    case VMEXIT_SHUTDOWN:   return HVM_EXIT_SHUTDOWN;
    case VMEXIT_VMRUN:
    case VMEXIT_VMLOAD:
    case VMEXIT_VMSAVE:
    case VMEXIT_STGI:
    case VMEXIT_CLGI:
    case VMEXIT_SKINIT:
    case VMEXIT_INVLPGA:
    case VMEXIT_MONITOR:
    case VMEXIT_MWAIT:
    case VMEXIT_MWAIT_COND: return HVM_EXIT_UD;
    case VMEXIT_RDPMC:      return HVM_EXIT_GP;
    case VMEXIT_INVD:       return HVM_EXIT_NONE;   /* nothing to do but skip it */
    case VMEXIT_INVALID:    return HVM_EXIT_INVALID;
    default:                return HVM_EXIT_UNHANDLED;
    }
}

/* The guest is about to IRET (the intercept comes first): NMIs are unmasked
 * once it has. The shadow keeps a waiting NMI out for that one instruction;
 * then the VINTR window (IF=1, as Xen waits too) lets it in. */
static void nmi_iret(struct svm_vcpu *s, struct hvm_exit *e)
{
    s->nmi_masked = false;
    s->vmcb->general1_intercepts &= ~GENERAL1_IRET;
    s->vmcb->interrupt_shadow = 1;
    e->reason = HVM_EXIT_NONE;
    e->insn_len = 0;            /* the IRET has not run yet */
    e->insn_len_exact = true;
}

static void decode_exit(struct svm_vcpu *s, struct hvm_exit *e)
{
    const struct vmcb *vmcb = s->vmcb;
    uint64_t code = vmcb->exitcode;

    memset(e, 0, sizeof(*e));
    e->vendor_code = code;
    e->vendor_info[0] = vmcb->exitinfo1;
    e->vendor_info[1] = vmcb->exitinfo2;
    e->insn_len_exact = has_nrips && vmcb->nrip;
    e->insn_len = e->insn_len_exact ? (unsigned int)(vmcb->nrip - vmcb->rip)
                                    : fixed_length(code);
    switch ( code )
    {
    case VMEXIT_IOIO:
        decode_io(vmcb, e);
        return;
    case VMEXIT_MSR:
        e->reason = HVM_EXIT_MSR;
        e->msr.write = vmcb->exitinfo1 & 1;
        return;
    case VMEXIT_IRET:
        nmi_iret(s, e);
        return;
    case VMEXIT_NPF:
        e->reason = HVM_EXIT_NPF;
        e->npf.gpa = vmcb->exitinfo2;
        e->npf.write = vmcb->exitinfo1 & NPF_WRITE;
        e->npf.fetch = vmcb->exitinfo1 & NPF_FETCH;
        e->npf.present = vmcb->exitinfo1 & NPF_PRESENT;
        return;
    default:
        e->reason = simple_reason(code);
    }
}

/* An event whose delivery the exit interrupted must be delivered again. */
static void requeue_interrupted_event(struct vmcb *vmcb)
{
    if ( (vmcb->exitintinfo & EVENTINJ_VALID) && !(vmcb->eventinj & EVENTINJ_VALID) )
        vmcb->eventinj = vmcb->exitintinfo;
    vmcb->exitintinfo = 0;
}

static void svm_enter(struct vcpu *v, struct hvm_exit *exit)
{
    struct svm_vcpu *s = svm(v);
    struct vmcb *vmcb = s->vmcb;

    regs_to_vmcb(vmcb, &v->arch.regs);
    assign_asid(s);
    vmcb->exitcode = 0;
    svm_vmrun(&v->arch.regs, s->vmcb_pa, virt_to_maddr(this_cpu()->svm_host_vmcb));
    regs_from_vmcb(&v->arch.regs, vmcb);
    if ( vmcb->eventinj & EVENTINJ_VALID )
        vmcb->eventinj = 0;     /* delivered (or re-queued just below) */
    requeue_interrupted_event(vmcb);
    decode_exit(s, exit);
}

/* Injecting an NMI does not mask NMIs in the guest (QEMU) or tell us when
 * the handler is done: we keep the mask ourselves, until the IRET. */
static void svm_inject_event(struct vcpu *v, const struct hvm_event *ev)
{
    struct svm_vcpu *s = svm(v);
    uint64_t e = EVENTINJ_VALID | ev->vector | ((uint64_t)ev->type << 8);

    if ( ev->has_error )
        e |= EVENTINJ_EV | ((uint64_t)ev->error << 32);
    s->vmcb->eventinj = e;
    if ( ev->type == HVM_EVENT_NMI )
    {
        s->nmi_masked = true;
        s->vmcb->general1_intercepts |= GENERAL1_IRET;
    }
}

static bool svm_event_pending(const struct vcpu *v)
{
    return svm(v)->vmcb->eventinj & EVENTINJ_VALID;
}

static bool svm_interrupts_enabled(const struct vcpu *v)
{
    return (v->arch.regs.rflags & X86_EFLAGS_IF) &&
           !(svm(v)->vmcb->interrupt_shadow & 1);
}

/* A virtual interrupt request with priority above any TPR makes the CPU exit
 * (VINTR) as soon as the guest could take it. */
static void svm_request_intr_window(struct vcpu *v, bool on)
{
    struct vmcb *vmcb = svm(v)->vmcb;

    if ( on )
    {
        vmcb->vintr |= VINTR_IRQ | VINTR_IGN_TPR;
        vmcb->general1_intercepts |= GENERAL1_VINTR;
    }
    else
    {
        vmcb->vintr &= ~(VINTR_IRQ | VINTR_IGN_TPR);
        vmcb->general1_intercepts &= ~GENERAL1_VINTR;
    }
}

static bool svm_nmi_blocked(const struct vcpu *v)
{
    const struct svm_vcpu *s = svm(v);

    return s->nmi_masked || (s->vmcb->interrupt_shadow & 1);
}

/* While masked, the IRET intercept is the window; a shadow ends with VINTR. */
static void svm_request_nmi_window(struct vcpu *v)
{
    if ( !svm(v)->nmi_masked )
        svm_request_intr_window(v, true);
}

static void svm_flush_guest_tlb(struct vcpu *v)
{
    svm(v)->flush_pending = true;
}

static uint64_t svm_efer_fixup(uint64_t efer)
{
    return efer | EFER_SVME;
}

/* The VMCB lives in memory: nothing is held on the CPU between runs. */
static void svm_vcpu_leave(struct vcpu *v)
{
}

const struct hvm_funcs svm_funcs = {
    .name = "SVM",
    .cpu_up = svm_cpu_up,
    .vcpu_init = svm_vcpu_init,
    .vcpu_destroy = svm_vcpu_destroy,
    .enter = svm_enter,
    .inject_event = svm_inject_event,
    .event_pending = svm_event_pending,
    .interrupts_enabled = svm_interrupts_enabled,
    .request_intr_window = svm_request_intr_window,
    .nmi_blocked = svm_nmi_blocked,
    .request_nmi_window = svm_request_nmi_window,
    .flush_guest_tlb = svm_flush_guest_tlb,
    .efer_fixup = svm_efer_fixup,
    .vcpu_leave = svm_vcpu_leave,
    .p2m_format = &p2m_format_npt,
    .hypercall_insn = { 0x0f, 0x01, 0xd9 },     /* VMMCALL */
};
