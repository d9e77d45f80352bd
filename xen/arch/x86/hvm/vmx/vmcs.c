/* SPDX-License-Identifier: GPL-2.0-only */
/* The VMCS: its controls (once per vCPU), the host state (each time it is loaded
 * on a CPU), and the guest state, copied from struct hvm_regs before each entry
 * and back after each exit. Segment attributes are kept in SVM's 12-bit form in
 * hvm_regs; VMX wants the upper nibble at bits 12-15 and an "unusable" bit,
 * which stands for a segment without its present bit (a null selector).
 *
 * CR0 and CR4: the guest sees its own values (the read shadows); the CPU runs
 * with the bits VMX insists on (CR0.NE, CR4.VMXE) forced on. Those bits are
 * owned by us through the guest/host masks, so a guest write that disagrees
 * with the shadow exits, and common code decides (hvm/cr.c). */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/desc.h>
#include <asm/directmap.h>
#include <asm/hvm/guest_access.h>
#include <asm/msr-index.h>
#include <asm/p2m.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include "private.h"

static uint8_t *msr_bitmap;     /* shared by all vCPUs: 4 KiB */

/* One bit per MSR, read halves first: low MSRs at 0, 0xc0000000.. at 1 KiB,
 * writes 2 KiB further. */
static void msr_allow(uint32_t msr)
{
    unsigned int base;

    if ( msr < 0x2000 )
        base = 0;
    else if ( msr - 0xc0000000 < 0x2000 )
        base = 1024, msr -= 0xc0000000;
    else
        return;
    msr_bitmap[base + msr / 8] &= ~(1u << (msr % 8));
    msr_bitmap[base + 2048 + msr / 8] &= ~(1u << (msr % 8));
}

int vmcs_global_init(void)
{
    /* These are in the VMCS, or swapped by vmx.c around each entry. */
    static const uint32_t passthrough[] = {
        MSR_FS_BASE, MSR_GS_BASE, MSR_SHADOW_GS_BASE, MSR_STAR, MSR_LSTAR,
        MSR_CSTAR, MSR_SYSCALL_MASK, 0x174, 0x175, 0x176,   /* SYSENTER_CS/ESP/EIP */
    };
    unsigned int i;

    msr_bitmap = alloc_xenheap_pages(0, 0);
    if ( !msr_bitmap )
        return -ENOMEM;
    memset(msr_bitmap, 0xff, PAGE_SIZE);
    for ( i = 0; i < ARRAY_SIZE(passthrough); i++ )
        msr_allow(passthrough[i]);
    return 0;
}

void vmwrite_failed(enum vmcs_field f, uint64_t val)
{
    printk(XENLOG_ERR "VMX: VMWRITE of field %#x = %#lx failed (error %lu)\n",
           (unsigned int)f, (unsigned long)val, (unsigned long)vmread(VM_INSTRUCTION_ERROR));
}

/* Guest bits we own: those the CPU forces, and those it does not allow. */
static uint64_t cr0_owned(void)
{
    return vmx_caps.cr0_must1 | (~vmx_caps.cr0_may1 & 0xffffffffULL);
}

static uint64_t cr4_owned(void)
{
    return vmx_caps.cr4_must1 | (~vmx_caps.cr4_may1 & 0xffffffffULL);
}

/* Fields that never change for this vCPU; they survive VMCLEAR. */
void vmcs_construct(struct vcpu *v)
{
    struct vmx_vcpu *s = vmx(v);

    vmwrite(PIN_BASED_CONTROLS, vmx_caps.pin);
    vmwrite(PROC_BASED_CONTROLS, vmx_caps.proc);
    vmwrite(PROC_BASED_CONTROLS2, vmx_caps.proc2);
    vmwrite(EXIT_CONTROLS, vmx_caps.exit);
    vmwrite(ENTRY_CONTROLS, vmx_caps.entry);
    vmwrite(EXCEPTION_BITMAP, 0);
    vmwrite(CR3_TARGET_COUNT, 0);
    vmwrite(EXIT_MSR_STORE_COUNT, 0);
    vmwrite(EXIT_MSR_LOAD_COUNT, 0);
    vmwrite(ENTRY_MSR_LOAD_COUNT, 0);
    /* The domain's I/O bitmap: ports 0-0x7fff, then 0x8000-0xffff. */
    vmwrite(IO_BITMAP_A, virt_to_maddr(v->domain->arch.io_bitmap));
    vmwrite(IO_BITMAP_B, virt_to_maddr(v->domain->arch.io_bitmap + PAGE_SIZE));
    vmwrite(MSR_BITMAP, virt_to_maddr(msr_bitmap));
    vmwrite(EPT_POINTER, p2m_ept_pointer(v->domain->arch.p2m.root));
    if ( vmx_caps.vpid )
        vmwrite(VPID, s->vpid);
    vmwrite(CR0_GUEST_HOST_MASK, cr0_owned());
    vmwrite(CR4_GUEST_HOST_MASK, cr4_owned());
    vmwrite(VMCS_LINK_POINTER, ~0ULL);
    vmwrite(GUEST_DR7, 0x400);
    vmwrite(GUEST_IA32_DEBUGCTL, 0);
    vmwrite(GUEST_ACTIVITY_STATE, 0);
    vmwrite(GUEST_PENDING_DBG, 0);
    vmwrite(HOST_RIP, (unsigned long)vmx_exit_point);
    s->constructed = true;
}

struct __packed desc_ptr {
    uint16_t limit;
    uint64_t base;
};

/* The host state of this CPU; HOST_RSP is written by vmx_run itself. */
void vmcs_load_host_state(void)
{
    struct cpu_info *c = this_cpu();
    struct desc_ptr gdt, idt;

    __asm__ __volatile__("sgdt %0; sidt %1" : "=m" (gdt), "=m" (idt));
    vmwrite(HOST_CR0, read_cr0());
    vmwrite(HOST_CR3, read_cr3());
    vmwrite(HOST_CR4, read_cr4());
    vmwrite(HOST_CS_SELECTOR, GDT_CS64);
    vmwrite(HOST_SS_SELECTOR, GDT_DS);
    vmwrite(HOST_DS_SELECTOR, GDT_DS);
    vmwrite(HOST_ES_SELECTOR, GDT_DS);
    vmwrite(HOST_FS_SELECTOR, 0);
    vmwrite(HOST_GS_SELECTOR, 0);
    vmwrite(HOST_TR_SELECTOR, GDT_TSS);
    vmwrite(HOST_FS_BASE, 0);
    vmwrite(HOST_GS_BASE, (unsigned long)c);
    vmwrite(HOST_TR_BASE, (unsigned long)&c->tss);
    vmwrite(HOST_GDTR_BASE, gdt.base);
    vmwrite(HOST_IDTR_BASE, idt.base);
    vmwrite(HOST_SYSENTER_CS, 0);
    vmwrite(HOST_SYSENTER_ESP, 0);
    vmwrite(HOST_SYSENTER_EIP, 0);
    vmwrite(HOST_IA32_EFER, rdmsr(MSR_EFER));
    vmwrite(HOST_IA32_PAT, rdmsr(MSR_IA32_CR_PAT));
}

static uint32_t ar_to_vmx(uint16_t attr)
{
    uint32_t ar = (attr & 0xff) | ((uint32_t)(attr & 0xf00) << 4);

    return (attr & 0x80) ? ar : ar | VMX_AR_UNUSABLE;
}

static uint16_t ar_from_vmx(uint32_t ar)
{
    uint16_t attr = (ar & 0xff) | ((ar >> 4) & 0xf00);

    return (ar & VMX_AR_UNUSABLE) ? attr & ~0x80 : attr;
}

static void write_seg(enum vmx_seg i, const struct segment_register *s)
{
    vmwrite(GUEST_ES_SELECTOR + 2 * i, s->sel);
    vmwrite(GUEST_ES_LIMIT + 2 * i, s->limit);
    vmwrite(GUEST_ES_AR + 2 * i, ar_to_vmx(s->attr));
    vmwrite(GUEST_ES_BASE + 2 * i, s->base);
}

static void read_seg(enum vmx_seg i, struct segment_register *s)
{
    s->sel = (uint16_t)vmread(GUEST_ES_SELECTOR + 2 * i);
    s->limit = (uint32_t)vmread(GUEST_ES_LIMIT + 2 * i);
    s->attr = ar_from_vmx((uint32_t)vmread(GUEST_ES_AR + 2 * i));
    s->base = vmread(GUEST_ES_BASE + 2 * i);
}

/* In PAE paging outside long mode the CPU takes the four PDPTEs from the VMCS.
 * They are reloaded from guest memory only when paging state changed since
 * the last exit (or we never saw it); otherwise the VMCS keeps the guest's. */
static void write_pdptes(struct vcpu *v)
{
    const struct hvm_regs *r = &v->arch.regs;
    struct vmx_vcpu *s = vmx(v);
    uint64_t pdpte[4];
    unsigned int i;

    if ( !(r->cr0 & X86_CR0_PG) || !(r->cr4 & X86_CR4_PAE) || (r->efer & EFER_LMA) )
        return;
    if ( s->launched && r->cr0 == s->exit_cr0 && r->cr3 == s->exit_cr3 &&
         r->cr4 == s->exit_cr4 )
        return;
    if ( copy_from_guest_phys(v->domain, pdpte, r->cr3 & ~0x1fULL, sizeof(pdpte)) )
        memset(pdpte, 0, sizeof(pdpte));    /* not RAM: the guest faults on use */
    for ( i = 0; i < 4; i++ )
        vmwrite(GUEST_PDPTE0 + 2 * i, pdpte[i]);
}

static void write_control_regs(struct vcpu *v)
{
    const struct hvm_regs *r = &v->arch.regs;

    vmwrite(GUEST_CR0, (r->cr0 | vmx_caps.cr0_must1) & (vmx_caps.cr0_may1 | X86_CR0_PG |
                                                        X86_CR0_PE));
    vmwrite(CR0_READ_SHADOW, r->cr0);
    vmwrite(GUEST_CR3, r->cr3);
    vmwrite(GUEST_CR4, (r->cr4 | vmx_caps.cr4_must1) & vmx_caps.cr4_may1);
    vmwrite(CR4_READ_SHADOW, r->cr4);
    vmwrite(GUEST_IA32_EFER, r->efer);
    vmwrite(GUEST_IA32_PAT, r->pat);
    write_pdptes(v);
}

/* What the CPU does not switch: CR2 and the SYSCALL MSRs. The host uses
 * neither, so the guest's values simply stay on the CPU while it runs. */
static void load_unswitched(const struct hvm_regs *r)
{
    write_cr2(r->cr2);
    wrmsr(MSR_STAR, r->star);
    wrmsr(MSR_LSTAR, r->lstar);
    wrmsr(MSR_CSTAR, r->cstar);
    wrmsr(MSR_SYSCALL_MASK, r->sfmask);
    wrmsr(MSR_SHADOW_GS_BASE, r->kernel_gs_base);
}

static void save_unswitched(struct hvm_regs *r)
{
    r->cr2 = read_cr2();
    r->star = rdmsr(MSR_STAR);
    r->lstar = rdmsr(MSR_LSTAR);
    r->cstar = rdmsr(MSR_CSTAR);
    r->sfmask = rdmsr(MSR_SYSCALL_MASK);
    r->kernel_gs_base = rdmsr(MSR_SHADOW_GS_BASE);
}

void vmcs_write_guest(struct vcpu *v)
{
    const struct hvm_regs *r = &v->arch.regs;

    write_seg(VMX_ES, &r->es);
    write_seg(VMX_CS, &r->cs);
    write_seg(VMX_SS, &r->ss);
    write_seg(VMX_DS, &r->ds);
    write_seg(VMX_FS, &r->fs);
    write_seg(VMX_GS, &r->gs);
    write_seg(VMX_LDTR, &r->ldtr);
    write_seg(VMX_TR, &r->tr);
    vmwrite(GUEST_GDTR_BASE, r->gdtr.base);
    vmwrite(GUEST_GDTR_LIMIT, r->gdtr.limit);
    vmwrite(GUEST_IDTR_BASE, r->idtr.base);
    vmwrite(GUEST_IDTR_LIMIT, r->idtr.limit);
    vmwrite(GUEST_RSP, r->rsp);
    vmwrite(GUEST_RIP, r->rip);
    vmwrite(GUEST_RFLAGS, r->rflags);
    vmwrite(GUEST_SYSENTER_CS, r->sysenter_cs);
    vmwrite(GUEST_SYSENTER_ESP, r->sysenter_esp);
    vmwrite(GUEST_SYSENTER_EIP, r->sysenter_eip);
    write_control_regs(v);
    load_unswitched(r);
}

void vmcs_read_guest(struct vcpu *v)
{
    struct hvm_regs *r = &v->arch.regs;
    struct vmx_vcpu *s = vmx(v);
    uint64_t own0 = cr0_owned(), own4 = cr4_owned();

    save_unswitched(r);
    read_seg(VMX_ES, &r->es);
    read_seg(VMX_CS, &r->cs);
    read_seg(VMX_SS, &r->ss);
    read_seg(VMX_DS, &r->ds);
    read_seg(VMX_FS, &r->fs);
    read_seg(VMX_GS, &r->gs);
    read_seg(VMX_LDTR, &r->ldtr);
    read_seg(VMX_TR, &r->tr);
    r->gdtr.base = vmread(GUEST_GDTR_BASE);
    r->gdtr.limit = (uint32_t)vmread(GUEST_GDTR_LIMIT);
    r->idtr.base = vmread(GUEST_IDTR_BASE);
    r->idtr.limit = (uint32_t)vmread(GUEST_IDTR_LIMIT);
    r->rsp = vmread(GUEST_RSP);
    r->rip = vmread(GUEST_RIP);
    r->rflags = vmread(GUEST_RFLAGS);
    r->sysenter_cs = vmread(GUEST_SYSENTER_CS);
    r->sysenter_esp = vmread(GUEST_SYSENTER_ESP);
    r->sysenter_eip = vmread(GUEST_SYSENTER_EIP);
    r->cr0 = (vmread(GUEST_CR0) & ~own0) | (vmread(CR0_READ_SHADOW) & own0);
    r->cr3 = vmread(GUEST_CR3);
    r->cr4 = (vmread(GUEST_CR4) & ~own4) | (vmread(CR4_READ_SHADOW) & own4);
    r->efer = vmread(GUEST_IA32_EFER);
    r->pat = vmread(GUEST_IA32_PAT);
    s->exit_rip = r->rip;
    s->exit_cr0 = r->cr0;
    s->exit_cr3 = r->cr3;
    s->exit_cr4 = r->cr4;
}

/* An NMI waits for the guest to unblock NMIs, an interrupt for IF=1 and no
 * shadow; each asks for the exit that says the moment has come. */
static bool event_blocked(struct vcpu *v, uint32_t info, uint32_t st)
{
    unsigned int type = (info & INTR_INFO_TYPE_MASK) >> INTR_INFO_TYPE_SHIFT;

    if ( type == INTR_TYPE_NMI )
        return st & (INTERRUPTIBILITY_STI | INTERRUPTIBILITY_MOV_SS | INTERRUPTIBILITY_NMI);
    if ( type == INTR_TYPE_EXTINT )
        return !(v->arch.regs.rflags & X86_EFLAGS_IF) ||
               (st & (INTERRUPTIBILITY_STI | INTERRUPTIBILITY_MOV_SS));
    return false;
}

void vmcs_write_events(struct vcpu *v)
{
    struct vmx_vcpu *s = vmx(v);
    uint32_t st = vmx_interruptibility(v), info = s->event_info, proc = vmx_caps.proc;
    bool nmi_wait = s->nmi_window, intr_wait = s->intr_window;

    if ( (info & INTR_INFO_VALID) && event_blocked(v, info, st) )
    {
        if ( ((info & INTR_INFO_TYPE_MASK) >> INTR_INFO_TYPE_SHIFT) == INTR_TYPE_NMI )
            nmi_wait = true;
        else
            intr_wait = true;
        info = 0;
    }
    if ( intr_wait )
        proc |= PROC_INTR_WINDOW_EXITING;
    if ( nmi_wait )
        proc |= PROC_NMI_WINDOW_EXITING;
    s->nmi_window = false;
    vmwrite(PROC_BASED_CONTROLS, proc);
    vmwrite(ENTRY_CONTROLS, vmx_caps.entry |
                            ((v->arch.regs.efer & EFER_LMA) ? ENTRY_IA32E_MODE : 0));
    vmwrite(GUEST_INTERRUPTIBILITY, st);
    vmwrite(ENTRY_INTR_INFO, info);
    s->event_injected = info;
    if ( info & INTR_INFO_ERROR_VALID )
        vmwrite(ENTRY_EXCEPTION_ERROR_CODE, s->event_error);
    if ( info )
        vmwrite(ENTRY_INSN_LEN, s->event_insn_len);
}

/* After an exit the injected event was delivered, unless its delivery is what
 * exited: then the IDT-vectoring information holds it and it goes again. */
void vmcs_read_events(struct vcpu *v, const struct vmx_exit_info *x)
{
    struct vmx_vcpu *s = vmx(v);
    bool nmi_unblocked;

    s->intr_state = (uint32_t)vmread(GUEST_INTERRUPTIBILITY);
    if ( s->event_injected )
        s->event_info = 0;
    s->event_injected = false;
    if ( x->idt_info & INTR_INFO_VALID )
    {
        s->event_info = x->idt_info & (INTR_INFO_VALID | INTR_INFO_ERROR_VALID |
                                       INTR_INFO_TYPE_MASK | INTR_INFO_VECTOR_MASK);
        s->event_error = x->idt_error;
        s->event_insn_len = x->insn_len;
        return;
    }
    /* An IRET that faulted had unblocked NMIs; the guest must see them blocked
     * again when it re-executes it. */
    nmi_unblocked = (x->reason == EXIT_EPT_VIOLATION && (x->qual & EPT_QUAL_NMI_UNBLOCKED)) ||
                    (x->reason == EXIT_EXCEPTION_NMI && (x->intr_info & INTR_INFO_NMI_UNBLOCKED));
    if ( nmi_unblocked )
        s->intr_state |= INTERRUPTIBILITY_NMI;
}
