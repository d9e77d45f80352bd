/* SPDX-License-Identifier: GPL-2.0-only */
/* Control-register accesses the CPU hands to us: MOV to/from CR0, CR3, CR4 and
 * CR8, CLTS and LMSW. A backend intercepts only what it must (VMX: the CR0/CR4
 * bits it keeps fixed, and CR8, which is the local APIC's TPR); the rules here
 * are the architecture's: reserved bits and impossible combinations raise #GP,
 * turning paging on with EFER.LME set enters long mode, and a change that
 * affects translations flushes the guest's TLB. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/cpufeature.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/support.h>
#include <asm/hvm/vlapic.h>
#include <asm/msr-index.h>
#include <asm/x86-defns.h>

#define CR4_ALWAYS  (X86_CR4_VME | X86_CR4_PVI | X86_CR4_TSD | X86_CR4_DE | \
                     X86_CR4_PSE | X86_CR4_PAE | X86_CR4_MCE | X86_CR4_PGE | \
                     X86_CR4_PCE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT)
#define CR4_FLUSH   (X86_CR4_PSE | X86_CR4_PAE | X86_CR4_PGE | X86_CR4_SMEP | \
                     X86_CR4_SMAP)
#define CR0_FLUSH   (X86_CR0_PG | X86_CR0_PE | X86_CR0_WP)

/* The x86 register numbering onto struct hvm_regs. */
static uint64_t *gpr(struct hvm_regs *r, unsigned int n)
{
    uint64_t *const regs[16] = {
        &r->rax, &r->rcx, &r->rdx, &r->rbx, &r->rsp, &r->rbp, &r->rsi, &r->rdi,
        &r->r8, &r->r9, &r->r10, &r->r11, &r->r12, &r->r13, &r->r14, &r->r15,
    };

    return regs[n & 15];
}

/* CR4 bits a guest may set: the basic ones, plus what CPUID shows it (PCID is
 * hidden, VMX is not offered). */
uint64_t hvm_cr4_allowed(void)
{
    uint64_t ok = CR4_ALWAYS;

    if ( boot_cpu.umip )
        ok |= X86_CR4_UMIP;
    if ( boot_cpu.fsgsbase )
        ok |= X86_CR4_FSGSBASE;
    if ( boot_cpu.xsave )
        ok |= X86_CR4_OSXSAVE;
    if ( boot_cpu.smep )
        ok |= X86_CR4_SMEP;
    if ( boot_cpu.smap )
        ok |= X86_CR4_SMAP;
    return ok;
}

static int set_cr0(struct vcpu *v, uint64_t val)
{
    struct hvm_regs *r = &v->arch.regs;
    uint64_t old = r->cr0;

    if ( (val >> 32) || ((val & X86_CR0_PG) && !(val & X86_CR0_PE)) ||
         ((val & X86_CR0_NW) && !(val & X86_CR0_CD)) )
        return -1;
    if ( (val & X86_CR0_PG) && !(old & X86_CR0_PG) && (r->efer & EFER_LME) )
    {
        if ( !(r->cr4 & X86_CR4_PAE) )
            return -1;
        r->efer |= EFER_LMA;
    }
    else if ( !(val & X86_CR0_PG) && (old & X86_CR0_PG) && (r->efer & EFER_LMA) )
    {
        if ( r->cs.attr & 0x200 )
            return -1;              /* paging off from 64-bit code */
        r->efer &= ~(uint64_t)EFER_LMA;
    }
    r->cr0 = val | X86_CR0_ET;
    if ( (old ^ r->cr0) & CR0_FLUSH )
        hvm_funcs->flush_guest_tlb(v);
    return 0;
}

static int set_cr4(struct vcpu *v, uint64_t val)
{
    struct hvm_regs *r = &v->arch.regs;
    uint64_t old = r->cr4;

    if ( (val & ~hvm_cr4_allowed()) || ((r->efer & EFER_LMA) && !(val & X86_CR4_PAE)) )
        return -1;
    r->cr4 = val;
    if ( (old ^ val) & CR4_FLUSH )
        hvm_funcs->flush_guest_tlb(v);
    return 0;
}

static int set_cr(struct vcpu *v, unsigned int cr, uint64_t val)
{
    switch ( cr )
    {
    case 0:
        return set_cr0(v, val);
    case 3:
        v->arch.regs.cr3 = val;
        hvm_funcs->flush_guest_tlb(v);
        return 0;
    case 4:
        return set_cr4(v, val);
    case 8:
        if ( val >> 4 )
            return -1;
        vlapic_set_cr8(v->arch.vlapic, (uint8_t)val);
        return 0;
    default:
        return -1;
    }
}

static int get_cr(struct vcpu *v, unsigned int cr, uint64_t *val)
{
    switch ( cr )
    {
    case 0: *val = v->arch.regs.cr0; return 0;
    case 3: *val = v->arch.regs.cr3; return 0;
    case 4: *val = v->arch.regs.cr4; return 0;
    case 8: *val = vlapic_get_cr8(v->arch.vlapic); return 0;
    default: return -1;
    }
}

/* Outside 64-bit mode MOV to/from CRs use the low 32 bits of the register. */
static uint64_t operand_mask(const struct hvm_regs *r)
{
    return ((r->efer & EFER_LMA) && (r->cs.attr & 0x200)) ? ~0ULL : 0xffffffffULL;
}

void hvm_exit_cr(struct vcpu *v, struct hvm_exit *e)
{
    struct hvm_regs *r = &v->arch.regs;
    uint64_t *reg = gpr(r, e->cr.gpr), val = 0;
    int rc;

    switch ( e->cr.access )
    {
    case HVM_CR_MOV_TO:
        rc = set_cr(v, e->cr.cr, *reg & operand_mask(r));
        break;
    case HVM_CR_MOV_FROM:
        if ( !(rc = get_cr(v, e->cr.cr, &val)) )
            *reg = val & operand_mask(r);
        break;
    case HVM_CR_CLTS:
        rc = set_cr0(v, r->cr0 & ~(uint64_t)X86_CR0_TS);
        break;
    default:
        /* LMSW writes MP, EM and TS, and can set PE but never clear it. */
        rc = set_cr0(v, (r->cr0 & ~0xeULL) | (e->cr.lmsw & 0xf));
        break;
    }
    if ( rc )
        hvm_inject_exception(v, X86_EXC_GP, true, 0);
    else
        hvm_advance_rip(v, e->insn_len);
}
