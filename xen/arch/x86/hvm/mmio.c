/* SPDX-License-Identifier: GPL-2.0-only */
/* Nested page faults: a guest touched a frame its p2m does not map as RAM. The
 * instruction is fetched from CS:RIP, decoded and emulated (this SVM model tells
 * us neither the instruction nor its length). Each memory access it makes goes
 * to the MMIO handler covering that address (the local APIC page, ...), to RAM
 * if it is RAM, or else behaves like absent hardware: reads all-ones, writes
 * vanish. An instruction we cannot emulate crashes only this guest. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/mmio.h>
#include <asm/hvm/support.h>
#include <asm/p2m.h>
#include <asm/x86-defns.h>
#include <asm/x86_emulate.h>

#define MAX_INSN_LEN    15

struct mmio_ctxt {
    struct vcpu *v;
    bool fault;                     /* a page walk failed: inject #PF */
    uint64_t fault_addr;
    uint32_t pfec;
};

int hvm_register_mmio(struct domain *d, const struct hvm_mmio_handler *h)
{
    struct arch_domain *a = &d->arch;

    if ( a->nr_mmio == ARRAY_SIZE(a->mmio) )
        return -ENOSPC;
    a->mmio[a->nr_mmio++] = h;
    return 0;
}

static const struct hvm_mmio_handler *find_handler(struct vcpu *v, uint64_t gpa)
{
    const struct arch_domain *a = &v->domain->arch;
    unsigned int i;

    for ( i = 0; i < a->nr_mmio; i++ )
        if ( a->mmio[i]->covers(v, gpa) )
            return a->mmio[i];
    return NULL;
}

static int translate(struct mmio_ctxt *c, uint64_t linear, bool write, uint64_t *gpa)
{
    struct gwalk w;

    guest_walk(&c->v->arch.regs, linear, write, false, guest_phys_read_cb, c->v->domain,
               &w);
    if ( w.fault )
    {
        c->fault = true;
        c->fault_addr = linear;
        c->pfec = w.pfec;
        return X86EMUL_EXCEPTION;
    }
    *gpa = w.gpa;
    return X86EMUL_OKAY;
}

/* One access, split where it crosses into another page. */
static int access(struct mmio_ctxt *c, uint64_t linear, void *val, unsigned int bytes,
                  bool write)
{
    uint64_t gpa, v64 = 0;
    const struct hvm_mmio_handler *h;
    int rc = translate(c, linear, write, &gpa);

    if ( rc != X86EMUL_OKAY )
        return rc;
    if ( (gpa & ~PAGE_MASK) + bytes > PAGE_SIZE )
        return X86EMUL_UNHANDLEABLE;    /* MMIO accesses never straddle pages */
    if ( (h = find_handler(c->v, gpa)) )
    {
        if ( !write )
        {
            rc = h->read(c->v, gpa, bytes, &v64);
            memcpy(val, &v64, bytes);
            return rc ? X86EMUL_UNHANDLEABLE : X86EMUL_OKAY;
        }
        memcpy(&v64, val, bytes);
        return h->write(c->v, gpa, bytes, v64) ? X86EMUL_UNHANDLEABLE : X86EMUL_OKAY;
    }
    if ( write )
    {
        copy_to_guest_phys(c->v->domain, gpa, val, bytes);  /* nothing there: dropped */
        return X86EMUL_OKAY;
    }
    if ( copy_from_guest_phys(c->v->domain, val, gpa, bytes) )
        memset(val, 0xff, bytes);           /* nothing there: all-ones */
    return X86EMUL_OKAY;
}

static int emul_read(void *priv, uint64_t linear, void *val, unsigned int bytes)
{
    return access(priv, linear, val, bytes, false);
}

static int emul_write(void *priv, uint64_t linear, const void *val, unsigned int bytes)
{
    return access(priv, linear, (void *)val, bytes, true);
}

static const struct x86_emul_ops emul_ops = {
    .read = emul_read,
    .write = emul_write,
};

static void regs_in(struct x86_emul_regs *e, const struct hvm_regs *r)
{
    e->rax = r->rax; e->rcx = r->rcx; e->rdx = r->rdx; e->rbx = r->rbx;
    e->rsp = r->rsp; e->rbp = r->rbp; e->rsi = r->rsi; e->rdi = r->rdi;
    e->r8 = r->r8;   e->r9 = r->r9;   e->r10 = r->r10; e->r11 = r->r11;
    e->r12 = r->r12; e->r13 = r->r13; e->r14 = r->r14; e->r15 = r->r15;
    e->rip = r->rip;
    e->rflags = r->rflags;
    e->seg_base[X86_SEG_ES] = r->es.base;
    e->seg_base[X86_SEG_CS] = r->cs.base;
    e->seg_base[X86_SEG_SS] = r->ss.base;
    e->seg_base[X86_SEG_DS] = r->ds.base;
    e->seg_base[X86_SEG_FS] = r->fs.base;
    e->seg_base[X86_SEG_GS] = r->gs.base;
}

static void regs_out(struct hvm_regs *r, const struct x86_emul_regs *e)
{
    r->rax = e->rax; r->rcx = e->rcx; r->rdx = e->rdx; r->rbx = e->rbx;
    r->rsp = e->rsp; r->rbp = e->rbp; r->rsi = e->rsi; r->rdi = e->rdi;
    r->r8 = e->r8;   r->r9 = e->r9;   r->r10 = e->r10; r->r11 = e->r11;
    r->r12 = e->r12; r->r13 = e->r13; r->r14 = e->r14; r->r15 = e->r15;
    r->rip = e->rip;
    r->rflags = e->rflags;
}

/* Fetches what bytes it can at CS:RIP: up to 15, fewer at an unmapped page end. */
static unsigned int fetch(struct vcpu *v, uint8_t *buf)
{
    uint64_t linear = v->arch.regs.cs.base + v->arch.regs.rip;
    unsigned int first = PAGE_SIZE - (linear & ~PAGE_MASK);

    if ( first >= MAX_INSN_LEN )
        return copy_from_guest(v, buf, linear, MAX_INSN_LEN) ? 0 : MAX_INSN_LEN;
    if ( copy_from_guest(v, buf, linear, first) )
        return 0;
    return copy_from_guest(v, buf + first, linear + first, MAX_INSN_LEN - first)
           ? first : MAX_INSN_LEN;
}

static void cannot_emulate(struct vcpu *v, const struct hvm_exit *e, const uint8_t *b,
                           unsigned int n)
{
    printk(XENLOG_ERR "d%uv%u: cannot emulate the %s of gpa %#lx at rip %#lx, bytes"
           " %02x %02x %02x %02x %02x %02x (%u fetched)\n", v->domain->domain_id,
           v->vcpu_id, e->npf.write ? "write" : "read", (unsigned long)e->npf.gpa,
           (unsigned long)v->arch.regs.rip, b[0], b[1], b[2], b[3], b[4], b[5], n);
    domain_crash(v->domain, "unemulated MMIO access");
}

void hvm_exit_npf(struct vcpu *v, struct hvm_exit *e)
{
    struct hvm_regs *r = &v->arch.regs;
    struct mmio_ctxt c = { .v = v };
    struct x86_emul_regs er;
    struct x86_emul_ctxt ctxt = {
        .regs = &er, .ops = &emul_ops, .priv = &c, .rep_limit = 1024,
    };
    uint8_t buf[MAX_INSN_LEN] = { 0 };
    int rc;

    ctxt.insn_avail = fetch(v, buf);
    ctxt.insn_buf = buf;
    ctxt.mode = x86_guest_mode(r->cr0, r->efer, r->cs.attr & 0x200, r->cs.attr & 0x400);
    regs_in(&er, r);
    rc = x86_emulate_mmio(&ctxt);
    if ( rc == X86EMUL_OKAY )
        regs_out(r, &er);
    else if ( rc == X86EMUL_EXCEPTION && c.fault )
    {
        r->cr2 = c.fault_addr;
        hvm_inject_exception(v, X86_EXC_PF, true, c.pfec);
    }
    else
        cannot_emulate(v, e, buf, ctxt.insn_avail);
}
