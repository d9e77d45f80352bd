/* SPDX-License-Identifier: GPL-2.0-only */
/* The VM-entry checks on guest state, as the SDM lists them (vol. 3, 27.3.1),
 * for an unrestricted guest with EPT. The CPU only says "invalid guest state";
 * run over the VMCS after such a failure, this names the rule that broke.
 * Pure: no hardware access, tested on the host. Rules we never exercise (v8086
 * mode, SMM, shadow stacks, the other activity states) are not modelled. */
#include <xen/lib.h>
#include <asm/hvm/vmx.h>
#include <asm/msr-index.h>
#include <asm/x86-defns.h>

#define AR_TYPE(ar)     ((ar) & 0xf)
#define AR_S            (1u << 4)
#define AR_DPL(ar)      (((ar) >> 5) & 3)
#define AR_P            (1u << 7)
#define AR_L            (1u << 13)
#define AR_D            (1u << 14)
#define AR_G            (1u << 15)
#define AR_RESERVED     (0xf00u | 0xfffe0000u)

#define RFLAGS_RESERVED (~0x3f7fd7ULL)    /* 63:22, 15, 5 and 3 */
#define RFLAGS_VM       (1ULL << 17)
#define EFER_ALLOWED    (EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE)

static bool ia32e(const struct vmx_guest_state *g)
{
    return g->entry_ctls & ENTRY_IA32E_MODE;
}

static const char *check_cr(const struct vmx_guest_state *g, const struct vmx_caps *c)
{
    if ( (g->cr0 & c->cr0_must1) != c->cr0_must1 )
        return "CR0 lacks a bit VMX operation requires (CR0_FIXED0)";
    if ( g->cr0 & ~c->cr0_may1 & 0xffffffffULL )
        return "CR0 has a bit VMX operation forbids (CR0_FIXED1)";
    if ( g->cr0 >> 32 )
        return "CR0 bits 63:32 set";
    if ( (g->cr0 & X86_CR0_PG) && !(g->cr0 & X86_CR0_PE) )
        return "CR0.PG set without CR0.PE";
    if ( (g->cr4 & c->cr4_must1) != c->cr4_must1 )
        return "CR4 lacks a bit VMX operation requires (CR4_FIXED0)";
    if ( g->cr4 & ~c->cr4_may1 )
        return "CR4 has a bit VMX operation forbids (CR4_FIXED1)";
    if ( ia32e(g) && !(g->cr0 & X86_CR0_PG) )
        return "IA-32e mode guest with CR0.PG clear";
    if ( ia32e(g) && !(g->cr4 & X86_CR4_PAE) )
        return "IA-32e mode guest with CR4.PAE clear";
    if ( !ia32e(g) && (g->cr4 & X86_CR4_PCIDE) )
        return "CR4.PCIDE set outside IA-32e mode";
    if ( g->dr7 >> 32 )
        return "DR7 bits 63:32 set";
    return NULL;
}

static const char *check_msrs(const struct vmx_guest_state *g)
{
    unsigned int i;

    if ( g->efer & ~(uint64_t)EFER_ALLOWED )
        return "EFER has reserved bits set";
    if ( !!(g->efer & EFER_LMA) != ia32e(g) )
        return "EFER.LMA differs from the IA-32e mode guest entry control";
    if ( (g->cr0 & X86_CR0_PG) && !!(g->efer & EFER_LMA) != !!(g->efer & EFER_LME) )
        return "EFER.LME differs from EFER.LMA with paging on";
    for ( i = 0; i < 8; i++ )
    {
        unsigned int t = (g->pat >> (8 * i)) & 0xff;

        if ( t == 2 || t == 3 || t > 7 )
            return "PAT has an invalid memory type";
    }
    return NULL;
}

/* Limit and granularity agree: a limit with low bits clear needs G=0, one
 * above 1 MiB needs G=1. */
static bool granularity_ok(const struct vmx_seg_state *s)
{
    if ( (s->limit & 0xfff) != 0xfff && (s->ar & AR_G) )
        return false;
    if ( (s->limit >> 20) && !(s->ar & AR_G) )
        return false;
    return true;
}

static const char *check_cs(const struct vmx_guest_state *g)
{
    const struct vmx_seg_state *cs = &g->seg[VMX_CS], *ss = &g->seg[VMX_SS];
    unsigned int type = AR_TYPE(cs->ar);

    if ( cs->ar & VMX_AR_UNUSABLE )
        return "CS is unusable";
    if ( type != 3 && type != 9 && type != 11 && type != 13 && type != 15 )
        return "CS type is not an accessed code (or, unrestricted, data) segment";
    if ( !(cs->ar & AR_S) || !(cs->ar & AR_P) )
        return "CS is not a present code/data descriptor";
    if ( type == 3 && AR_DPL(cs->ar) )
        return "CS is a data segment with DPL other than 0";
    if ( (type == 9 || type == 11) && AR_DPL(cs->ar) != AR_DPL(ss->ar) )
        return "non-conforming CS with DPL different from SS.DPL";
    if ( (type == 13 || type == 15) && AR_DPL(cs->ar) > AR_DPL(ss->ar) )
        return "conforming CS with DPL above SS.DPL";
    if ( ia32e(g) && (cs->ar & AR_L) && (cs->ar & AR_D) )
        return "CS.L and CS.D both set in IA-32e mode";
    if ( cs->base >> 32 )
        return "CS base above 4 GiB";
    return NULL;
}

static const char *check_data(const struct vmx_guest_state *g, unsigned int i)
{
    static const char *const bad[] = {
        "ES is not an accessed, readable segment",
        NULL,
        "SS type is not read/write data",
        "DS is not an accessed, readable segment",
        "FS is not an accessed, readable segment",
        "GS is not an accessed, readable segment",
    };
    const struct vmx_seg_state *s = &g->seg[i];

    if ( s->ar & VMX_AR_UNUSABLE )
        return NULL;
    if ( i == VMX_SS )
    {
        if ( AR_TYPE(s->ar) != 3 && AR_TYPE(s->ar) != 7 )
            return bad[i];
        if ( (!(g->cr0 & X86_CR0_PE) || AR_TYPE(g->seg[VMX_CS].ar) == 3) && AR_DPL(s->ar) )
            return "SS.DPL not 0 in real mode or with a data-segment CS";
    }
    else if ( !(s->ar & 1) || ((s->ar & 8) && !(s->ar & 2)) )
        return bad[i];
    if ( !(s->ar & AR_S) || !(s->ar & AR_P) )
        return "a usable data segment is not present or not code/data";
    if ( i != VMX_FS && i != VMX_GS && (s->base >> 32) )
        return "ES, SS or DS base above 4 GiB";
    return NULL;
}

static const char *check_system_segs(const struct vmx_guest_state *g)
{
    const struct vmx_seg_state *tr = &g->seg[VMX_TR], *ldtr = &g->seg[VMX_LDTR];
    unsigned int type = AR_TYPE(tr->ar);

    if ( tr->sel & 4 )
        return "TR selector points into the LDT";
    if ( tr->ar & VMX_AR_UNUSABLE )
        return "TR is unusable";
    if ( ia32e(g) ? type != 11 : (type != 3 && type != 11) )
        return "TR is not a busy TSS (of 64-bit type in IA-32e mode)";
    if ( (tr->ar & AR_S) || !(tr->ar & AR_P) )
        return "TR is not a present system descriptor";
    if ( !granularity_ok(tr) || (tr->ar & AR_RESERVED) )
        return "TR limit, granularity or reserved bits";
    if ( !is_canonical_address(tr->base) )
        return "TR base not canonical";
    if ( ldtr->ar & VMX_AR_UNUSABLE )
        return NULL;
    if ( (ldtr->sel & 4) || AR_TYPE(ldtr->ar) != 2 || (ldtr->ar & AR_S) ||
         !(ldtr->ar & AR_P) )
        return "a usable LDTR is not a present LDT descriptor";
    if ( !granularity_ok(ldtr) || (ldtr->ar & AR_RESERVED) ||
         !is_canonical_address(ldtr->base) )
        return "LDTR limit, granularity, reserved bits or base";
    return NULL;
}

static const char *check_segments(const struct vmx_guest_state *g)
{
    const char *why;
    unsigned int i;

    if ( (why = check_cs(g)) )
        return why;
    for ( i = VMX_ES; i <= VMX_GS; i++ )
    {
        const struct vmx_seg_state *s = &g->seg[i];

        if ( i != VMX_CS && (why = check_data(g, i)) )
            return why;
        if ( s->ar & VMX_AR_UNUSABLE )
            continue;
        if ( !granularity_ok(s) )
            return "a segment's limit and G bit disagree";
        if ( s->ar & AR_RESERVED )
            return "a segment has reserved access-rights bits set";
    }
    if ( !is_canonical_address(g->seg[VMX_FS].base) || !is_canonical_address(g->seg[VMX_GS].base) )
        return "FS or GS base not canonical";
    if ( (why = check_system_segs(g)) )
        return why;
    if ( !is_canonical_address(g->gdtr_base) || !is_canonical_address(g->idtr_base) )
        return "GDTR or IDTR base not canonical";
    if ( (g->gdtr_limit >> 16) || (g->idtr_limit >> 16) )
        return "GDTR or IDTR limit above 0xffff";
    return NULL;
}

static const char *check_rip_rflags(const struct vmx_guest_state *g)
{
    bool long64 = ia32e(g) && (g->seg[VMX_CS].ar & AR_L);

    if ( long64 ? !is_canonical_address(g->rip) : (g->rip >> 32) != 0 )
        return "RIP not canonical (64-bit) or above 4 GiB";
    if ( (g->rflags & RFLAGS_RESERVED) || !(g->rflags & 2) )
        return "RFLAGS reserved bits wrong (bit 1 must be set)";
    if ( (ia32e(g) || !(g->cr0 & X86_CR0_PE)) && (g->rflags & RFLAGS_VM) )
        return "RFLAGS.VM set in IA-32e or real mode";
    return NULL;
}

static const char *check_events(const struct vmx_guest_state *g)
{
    uint32_t st = g->intr_state, info = g->entry_intr_info;
    unsigned int type = (info & INTR_INFO_TYPE_MASK) >> INTR_INFO_TYPE_SHIFT;
    bool inject = info & INTR_INFO_VALID;

    if ( g->activity )
        return "activity state is not active";
    if ( st >> 5 )
        return "interruptibility reserved bits set";
    if ( (st & INTERRUPTIBILITY_STI) && (st & INTERRUPTIBILITY_MOV_SS) )
        return "blocking by STI and by MOV SS both set";
    if ( (st & INTERRUPTIBILITY_STI) && !(g->rflags & X86_EFLAGS_IF) )
        return "blocking by STI with RFLAGS.IF clear";
    if ( inject && type == INTR_TYPE_EXTINT &&
         (!(g->rflags & X86_EFLAGS_IF) || (st & (INTERRUPTIBILITY_STI | INTERRUPTIBILITY_MOV_SS))) )
        return "external interrupt injected while the guest blocks interrupts";
    if ( inject && type == INTR_TYPE_NMI &&
         (st & (INTERRUPTIBILITY_STI | INTERRUPTIBILITY_MOV_SS | INTERRUPTIBILITY_NMI)) )
        return "NMI injected while the guest blocks NMIs";
    if ( g->link_pointer != ~0ULL )
        return "VMCS link pointer is not all-ones";
    return NULL;
}

const char *vmx_check_guest_state(const struct vmx_guest_state *g,
                                  const struct vmx_caps *c)
{
    const char *why;

    if ( (why = check_cr(g, c)) || (why = check_msrs(g)) || (why = check_segments(g)) ||
         (why = check_rip_rflags(g)) || (why = check_events(g)) )
        return why;
    return NULL;
}
