/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest MSR accesses that the MSR permission map sends to us. Each MSR we model
 * has a read and a write rule; anything else raises #GP in the guest, which is
 * what rdmsr_safe/wrmsr_safe users expect. The SYSCALL/SYSENTER and segment-base
 * MSRs never come here: the CPU keeps them in the VMCB. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/support.h>
#include <asm/hvm/vlapic.h>
#include <asm/hvm/mtrr.h>
#include <asm/hvm/vmce.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/x86-defns.h>

#define XEN_HYPERCALL_MSR       0x40000000
#define MSR_TSC                 0x00000010
#define MSR_PLATFORM_INFO       0x000000ce
#define MSR_AMD_PATCHLEVEL      0x0000008b
#define MSR_DEBUGCTL            0x000001d9
#define MSR_VM_CR               0xc0010114
#define MSR_HWCR                0xc0010015
#define MSR_AMD64_NB_CFG        0xc001001f
#define MSR_AMD_SYSCFG          0xc0010010

#define EFER_GUEST_BITS (EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE)

/* PAT entries must each be a defined memory type: 0, 1, 4, 5, 6 or 7. */
static bool pat_valid(uint64_t pat)
{
    unsigned int i;

    for ( i = 0; i < 8; i++ )
    {
        unsigned int t = (pat >> (8 * i)) & 0xff;

        if ( t == 2 || t == 3 || t > 7 )
            return false;
    }
    return true;
}

static int msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    struct hvm_regs *r = &v->arch.regs;

    if ( msr >= 0x800 && msr <= 0x8ff )
        return vlapic_msr_read(v->arch.vlapic, msr, val);
    if ( vmce_is_msr(msr) )
        return vmce_msr_read(v, msr, val);
    if ( mtrr_is_msr(msr) )
        return mtrr_msr_read(v, msr, val);
    switch ( msr )
    {
    case MSR_EFER:          *val = r->efer; return 0;
    case MSR_IA32_CR_PAT:   *val = r->pat; return 0;
    case MSR_IA32_APICBASE: *val = vlapic_get_apic_base(v->arch.vlapic); return 0;
    case MSR_IA32_TSC_DEADLINE: *val = vlapic_tsc_deadline_read(v->arch.vlapic); return 0;
    case MSR_TSC:           *val = rdtsc(); return 0;
    case MSR_AMD_PATCHLEVEL:
    case MSR_DEBUGCTL:
    case MSR_VM_CR:
    case MSR_AMD64_NB_CFG:  /* Linux reads it on AMD; the northbridge is not ours */
    case MSR_AMD_SYSCFG:    /* read with the fixed MTRRs: no MtrrFixDramModEn, no SME */
    case XEN_HYPERCALL_MSR: *val = 0; return 0;
    default:                return -1;
    }
}

static int write_efer(struct vcpu *v, uint64_t val)
{
    struct hvm_regs *r = &v->arch.regs;

    if ( val & ~(uint64_t)EFER_GUEST_BITS )
        return -1;
    /* LME may not change while paging is on; LMA is the CPU's to set. */
    if ( (r->cr0 & X86_CR0_PG) && ((val ^ r->efer) & EFER_LME) )
        return -1;
    r->efer = (val & ~(uint64_t)EFER_LMA) | (r->efer & EFER_LMA);
    return 0;
}

static int msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    if ( msr >= 0x800 && msr <= 0x8ff )
        return vlapic_msr_write(v->arch.vlapic, msr, val);
    if ( vmce_is_msr(msr) )
        return vmce_msr_write(v, msr, val);
    if ( mtrr_is_msr(msr) )
        return mtrr_msr_write(v, msr, val);
    switch ( msr )
    {
    case MSR_IA32_APICBASE:
        return vlapic_set_apic_base(v->arch.vlapic, val);
    case MSR_IA32_TSC_DEADLINE:
        vlapic_tsc_deadline_write(v->arch.vlapic, val);
        return 0;
    case MSR_EFER:
        return write_efer(v, val);
    case MSR_IA32_CR_PAT:
        if ( !pat_valid(val) )
            return -1;
        v->arch.regs.pat = val;
        return 0;
    case XEN_HYPERCALL_MSR:
        /* Page index must be 0; the frame must be ordinary guest RAM. */
        if ( val & 0xfff )
            return -1;
        return hvm_write_hypercall_page(v->domain, val >> 12) ? -1 : 0;
    case MSR_DEBUGCTL:
        return 0;           /* no branch tracing to offer: ignore, do not hang */
    case MSR_AMD64_NB_CFG:
        return 0;
    case MSR_AMD_SYSCFG:
        return val ? -1 : 0;
    default:
        return -1;
    }
}

void hvm_exit_msr(struct vcpu *v, struct hvm_exit *e)
{
    struct hvm_regs *r = &v->arch.regs;
    uint32_t msr = (uint32_t)r->rcx;
    uint64_t val;
    int rc;

    if ( e->msr.write )
        rc = msr_write(v, msr, (r->rdx << 32) | (uint32_t)r->rax);
    else
    {
        rc = msr_read(v, msr, &val);
        if ( !rc )
        {
            r->rax = (uint32_t)val;
            r->rdx = val >> 32;
        }
    }
    if ( rc )
    {
        hvm_inject_exception(v, X86_EXC_GP, true, 0);
        return;
    }
    hvm_advance_rip(v, e->insn_len);
}
