/* SPDX-License-Identifier: GPL-2.0-only */
/* The HVM context stream of XEN_DOMCTL_get/sethvmcontext: HEADER, one CPU
 * and one MTRR record per vCPU, END. The builder reads the header, then loads
 * a CPU record to start vCPU 0, as libxenguest does for PVH guests.
 *
 * Loading follows Xen's rules: the header first (magic, version), every vCPU
 * goes down, and only those given a CPU record come back up. Each record is
 * checked in full before it changes the vCPU; a record type we do not keep
 * (the vLAPIC, the timers...) is refused with -EINVAL, so a stream is never
 * half understood. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <asm/cpufeature.h>
#include <asm/processor.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/support.h>
#include <asm/msr-index.h>
#include <asm/time.h>
#include <asm/x86-defns.h>
#include <public/arch-x86/hvm/save.h>
#include <asm/hvm/save.h>

#define DESC_SIZE   sizeof(struct hvm_save_descriptor)

size_t hvm_save_size(const struct domain *d)
{
    return DESC_SIZE + sizeof(struct hvm_save_header) +
           d->max_vcpus * (2 * DESC_SIZE + sizeof(struct hvm_hw_cpu) +
                           sizeof(struct hvm_hw_mtrr)) +
           DESC_SIZE;
}

struct stream {
    uint8_t *data;
    size_t size, cur;
};

/* Appends a descriptor and returns where its payload goes. */
static void *put_record(struct stream *s, uint16_t type, uint16_t instance, uint32_t len)
{
    struct hvm_save_descriptor desc = { type, instance, len };
    void *payload = s->data + s->cur + DESC_SIZE;

    ASSERT(s->cur + DESC_SIZE + len <= s->size);
    memcpy(s->data + s->cur, &desc, DESC_SIZE);
    s->cur += DESC_SIZE + len;
    return payload;
}

#define SEG_TO_SAVE(c, r, name) do {                    \
        (c)->name##_sel = (r)->name.sel;                \
        (c)->name##_limit = (r)->name.limit;            \
        (c)->name##_base = (r)->name.base;              \
        (c)->name##_arbytes = (r)->name.attr;           \
    } while ( 0 )

static void save_cpu(const struct vcpu *v, struct hvm_hw_cpu *c)
{
    const struct hvm_regs *r = &v->arch.regs;

    memset(c, 0, sizeof(*c));
    if ( xstate_get_fxsave(v, c->fpu_regs) )
        c->flags = XEN_X86_FPU_INITIALISED;
    c->rax = r->rax; c->rbx = r->rbx; c->rcx = r->rcx; c->rdx = r->rdx;
    c->rbp = r->rbp; c->rsi = r->rsi; c->rdi = r->rdi; c->rsp = r->rsp;
    c->r8 = r->r8; c->r9 = r->r9; c->r10 = r->r10; c->r11 = r->r11;
    c->r12 = r->r12; c->r13 = r->r13; c->r14 = r->r14; c->r15 = r->r15;
    c->rip = r->rip; c->rflags = r->rflags;
    c->cr0 = r->cr0; c->cr2 = r->cr2; c->cr3 = r->cr3; c->cr4 = r->cr4;
    c->dr6 = 0xffff0ff0; c->dr7 = 0x400;
    SEG_TO_SAVE(c, r, cs); SEG_TO_SAVE(c, r, ds); SEG_TO_SAVE(c, r, es);
    SEG_TO_SAVE(c, r, fs); SEG_TO_SAVE(c, r, gs); SEG_TO_SAVE(c, r, ss);
    SEG_TO_SAVE(c, r, tr); SEG_TO_SAVE(c, r, ldtr);
    c->idtr_limit = r->idtr.limit; c->idtr_base = r->idtr.base;
    c->gdtr_limit = r->gdtr.limit; c->gdtr_base = r->gdtr.base;
    c->sysenter_cs = r->sysenter_cs; c->sysenter_esp = r->sysenter_esp;
    c->sysenter_eip = r->sysenter_eip;
    c->shadow_gs = r->kernel_gs_base;
    c->msr_lstar = r->lstar; c->msr_star = r->star; c->msr_cstar = r->cstar;
    c->msr_syscall_mask = r->sfmask; c->msr_efer = r->efer;
}

static void save_mtrr(const struct vcpu *v, struct hvm_hw_mtrr *m)
{
    const struct mtrr_state *s = &v->arch.mtrr;

    m->msr_pat_cr = v->arch.regs.pat;
    memcpy(m->msr_mtrr_var, s->var, sizeof(m->msr_mtrr_var));
    memcpy(m->msr_mtrr_fixed, s->fixed, sizeof(m->msr_mtrr_fixed));
    m->msr_mtrr_cap = s->cap;
    m->msr_mtrr_def_type = s->def_type;
}

/* The domain's vCPUs must not be running (domain_pause_sync). */
size_t hvm_save(const struct domain *d, uint8_t *buf, size_t size)
{
    struct stream s = { buf, size, 0 };
    struct hvm_save_header *hdr;
    struct cpuid_leaf leaf1;
    const struct vcpu *v;

    ASSERT(size >= hvm_save_size(d));
    cpuid(1, &leaf1);
    hdr = put_record(&s, HVM_SAVE_CODE_HEADER, 0, sizeof(*hdr));
    *hdr = (struct hvm_save_header){
        .magic = HVM_FILE_MAGIC, .version = HVM_FILE_VERSION,
        .cpuid = leaf1.a, .gtsc_khz = (uint32_t)cpu_khz,
    };
    for_each_vcpu ( d, v )
    {
        if ( v->pause_flags & VPF_down )
            continue;           /* as in Xen: a vCPU that is down has no state */
        save_cpu(v, put_record(&s, HVM_SAVE_CODE_CPU, v->vcpu_id, sizeof(struct hvm_hw_cpu)));
        save_mtrr(v, put_record(&s, HVM_SAVE_CODE_MTRR, v->vcpu_id,
                                sizeof(struct hvm_hw_mtrr)));
    }
    put_record(&s, HVM_SAVE_CODE_END, 0, 0);
    return s.cur;
}

/* ---- Loading ---- */

static const char *check_header(const struct hvm_save_header *h)
{
    if ( h->magic != HVM_FILE_MAGIC )
        return "bad magic number";
    if ( h->version != HVM_FILE_VERSION )
        return "unsupported version";
    if ( h->gtsc_khz && h->gtsc_khz != (uint32_t)cpu_khz )
        return "the guest's TSC frequency differs from this host's (no TSC scaling)";
    return NULL;
}

#define CR0_KNOWN   (X86_CR0_PE | X86_CR0_MP | X86_CR0_EM | X86_CR0_TS | X86_CR0_ET | \
                     X86_CR0_NE | X86_CR0_WP | X86_CR0_AM | X86_CR0_NW | X86_CR0_CD | \
                     X86_CR0_PG)
#define EFER_KNOWN  (EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE)

/* What would make the record a state no CPU could be in. */
static const char *check_cpu(const struct hvm_hw_cpu *c)
{
    bool pg = c->cr0 & X86_CR0_PG, lme = c->msr_efer & EFER_LME;
    bool lma = c->msr_efer & EFER_LMA;

    if ( c->pad0 || (c->flags & ~XEN_X86_FPU_INITIALISED) )
        return "reserved fields set";
    if ( (c->cr0 & ~(uint64_t)CR0_KNOWN) || (pg && !(c->cr0 & X86_CR0_PE)) )
        return "invalid CR0";
    if ( c->cr4 & ~hvm_cr4_allowed() )
        return "invalid CR4";
    if ( (c->msr_efer & ~(uint64_t)EFER_KNOWN) || lma != (lme && pg) )
        return "invalid EFER";
    if ( lma && (!(c->cr4 & X86_CR4_PAE) || !is_canonical_address(c->rip)) )
        return "long mode without PAE or with a non-canonical RIP";
    if ( c->pending_event & (1U << 31) )
        return "a pending event (not restored here)";
    return NULL;
}

#define SEG_FROM_SAVE(r, c, name) \
    ((r)->name = (struct segment_register){ (uint16_t)(c)->name##_sel, \
        (uint16_t)((c)->name##_arbytes & 0xfff), (c)->name##_limit, (c)->name##_base })

static void load_regs(struct hvm_regs *r, const struct hvm_hw_cpu *c)
{
    r->rax = c->rax; r->rbx = c->rbx; r->rcx = c->rcx; r->rdx = c->rdx;
    r->rbp = c->rbp; r->rsi = c->rsi; r->rdi = c->rdi; r->rsp = c->rsp;
    r->r8 = c->r8; r->r9 = c->r9; r->r10 = c->r10; r->r11 = c->r11;
    r->r12 = c->r12; r->r13 = c->r13; r->r14 = c->r14; r->r15 = c->r15;
    r->rip = c->rip; r->rflags = c->rflags | 0x2;
    r->cr0 = c->cr0 | X86_CR0_ET; r->cr2 = c->cr2; r->cr3 = c->cr3; r->cr4 = c->cr4;
    r->efer = c->msr_efer;
    SEG_FROM_SAVE(r, c, cs); SEG_FROM_SAVE(r, c, ds); SEG_FROM_SAVE(r, c, es);
    SEG_FROM_SAVE(r, c, fs); SEG_FROM_SAVE(r, c, gs); SEG_FROM_SAVE(r, c, ss);
    SEG_FROM_SAVE(r, c, tr); SEG_FROM_SAVE(r, c, ldtr);
    r->idtr = (struct segment_register){ 0, 0, c->idtr_limit, c->idtr_base };
    r->gdtr = (struct segment_register){ 0, 0, c->gdtr_limit, c->gdtr_base };
    r->sysenter_cs = c->sysenter_cs; r->sysenter_esp = c->sysenter_esp;
    r->sysenter_eip = c->sysenter_eip;
    r->kernel_gs_base = c->shadow_gs;
    r->lstar = c->msr_lstar; r->star = c->msr_star; r->cstar = c->msr_cstar;
    r->sfmask = c->msr_syscall_mask;
}

/* A record shorter than today's (the 1024-byte CPU record of older Xen) is
 * zero-extended, as Xen does. */
static int load_cpu(struct domain *d, uint16_t id, const void *data, uint32_t len)
{
    struct hvm_hw_cpu *c;
    const char *why;
    struct vcpu *v;

    if ( id >= d->max_vcpus || !(v = d->vcpu[id]) )
        return -EINVAL;
    if ( len > sizeof(*c) || len < offsetof(struct hvm_hw_cpu, flags) )
        return -EINVAL;
    if ( !(c = xzalloc(struct hvm_hw_cpu)) )
        return -ENOMEM;
    memcpy(c, data, len);
    if ( (why = check_cpu(c)) )
    {
        printk(XENLOG_WARNING "d%u: HVM restore: vCPU %u: %s\n", d->domain_id, id, why);
        xfree(c);
        return -EINVAL;
    }
    load_regs(&v->arch.regs, c);
    xstate_set_fxsave(v, (c->flags & XEN_X86_FPU_INITIALISED) ? c->fpu_regs : NULL);
    xfree(c);
    v->arch.initialised = true;
    __atomic_fetch_and(&v->pause_flags, ~VPF_down, __ATOMIC_SEQ_CST);
    vcpu_wake(v);
    return 0;
}

static int load_mtrr(struct domain *d, uint16_t id, const void *data, uint32_t len)
{
    struct hvm_hw_mtrr m;
    struct mtrr_state st;

    if ( id >= d->max_vcpus || !d->vcpu[id] || len != sizeof(m) )
        return -EINVAL;
    memcpy(&m, data, sizeof(m));
    st.cap = m.msr_mtrr_cap;
    st.def_type = m.msr_mtrr_def_type;
    memcpy(st.var, m.msr_mtrr_var, sizeof(st.var));
    memcpy(st.fixed, m.msr_mtrr_fixed, sizeof(st.fixed));
    if ( mtrr_set_state(d->vcpu[id], &st) )
        return -EINVAL;
    d->vcpu[id]->arch.regs.pat = m.msr_pat_cr;
    return 0;
}

static void all_vcpus_down(struct domain *d)
{
    struct vcpu *v;

    for_each_vcpu ( d, v )
        __atomic_fetch_or(&v->pause_flags, VPF_down, __ATOMIC_SEQ_CST);
}

/* The domain's vCPUs must not be running (domain_pause_sync). */
int hvm_load(struct domain *d, const uint8_t *buf, size_t size)
{
    struct hvm_save_descriptor desc;
    struct hvm_save_header hdr;
    size_t cur = DESC_SIZE + sizeof(hdr);
    const char *why;
    int rc;

    if ( size < cur )
        return -ENODATA;
    memcpy(&desc, buf, DESC_SIZE);
    memcpy(&hdr, buf + DESC_SIZE, sizeof(hdr));
    if ( desc.typecode != HVM_SAVE_CODE_HEADER || desc.length != sizeof(hdr) )
        return -ENODATA;
    if ( (why = check_header(&hdr)) )
    {
        printk(XENLOG_WARNING "d%u: HVM restore: %s\n", d->domain_id, why);
        return -EINVAL;
    }
    all_vcpus_down(d);
    for ( ;; )
    {
        if ( size - cur < DESC_SIZE )
            return -ENODATA;            /* no END record */
        memcpy(&desc, buf + cur, DESC_SIZE);
        cur += DESC_SIZE;
        if ( desc.typecode == HVM_SAVE_CODE_END )
            return 0;
        if ( desc.length > size - cur )
            return -ENODATA;
        if ( desc.typecode == HVM_SAVE_CODE_CPU )
            rc = load_cpu(d, desc.instance, buf + cur, desc.length);
        else if ( desc.typecode == HVM_SAVE_CODE_MTRR )
            rc = load_mtrr(d, desc.instance, buf + cur, desc.length);
        else
        {
            printk(XENLOG_WARNING "d%u: HVM restore: record type %u is not supported\n",
                   d->domain_id, desc.typecode);
            rc = -EINVAL;
        }
        if ( rc )
            return rc;
        cur += desc.length;
    }
}
