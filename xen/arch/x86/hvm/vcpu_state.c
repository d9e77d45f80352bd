/* SPDX-License-Identifier: GPL-2.0-only */
/* Initial vCPU register states: after INIT-SIPI (real mode at the vector's
 * page), and from VCPUOP_initialise's vcpu_hvm_context (32- or 64-bit, flat).
 * Each is validated in full before any register of the vCPU changes. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/support.h>
#include <asm/msr-index.h>
#include <asm/x86-defns.h>
#include <public/hvm/hvm_vcpu.h>

static void clear_regs(struct hvm_regs *r)
{
    uint64_t pat = r->pat;

    memset(r, 0, sizeof(*r));
    r->pat = pat;
    r->rflags = 0x2;
    r->ldtr = (struct segment_register){ 0, 0x82, 0xffff, 0 };
    r->gdtr.limit = 0xffff;
    r->idtr.limit = 0xffff;
}

/* The state a STARTUP IPI leaves: real mode, CS:IP = vector<<8 : 0. */
void hvm_vcpu_sipi_state(struct vcpu *v, uint8_t vector)
{
    struct hvm_regs *r = &v->arch.regs;
    struct segment_register data = { 0, 0x93, 0xffff, 0 };

    clear_regs(r);
    r->cr0 = X86_CR0_ET;
    r->cs = (struct segment_register){ (uint16_t)(vector << 8), 0x9b, 0xffff,
                                       (uint64_t)vector << 12 };
    r->ds = r->es = r->fs = r->gs = r->ss = data;
    r->tr = (struct segment_register){ 0, 0x8b, 0xffff, 0 };
    v->arch.initialised = true;
}

static bool ar_ok(uint16_t ar, bool code)
{
    /* Present, a code or data (S=1) descriptor of the right kind. */
    return (ar & 0x80) && (ar & 0x10) && !!(ar & 0x08) == code;
}

static int load_32(struct vcpu *v, const struct vcpu_hvm_x86_32 *c)
{
    struct hvm_regs *r = &v->arch.regs;

    if ( !ar_ok(c->cs_ar, true) || !ar_ok(c->ds_ar, false) || !ar_ok(c->ss_ar, false) ||
         !ar_ok(c->es_ar, false) || (c->efer & ~(uint64_t)(EFER_SCE | EFER_NXE)) ||
         ((c->cr0 & X86_CR0_PG) && !(c->cr0 & X86_CR0_PE)) )
        return -EINVAL;
    clear_regs(r);
    r->rax = c->eax; r->rcx = c->ecx; r->rdx = c->edx; r->rbx = c->ebx;
    r->rsp = c->esp; r->rbp = c->ebp; r->rsi = c->esi; r->rdi = c->edi;
    r->rip = c->eip;
    r->rflags = c->eflags | 0x2;
    r->cr0 = c->cr0 | X86_CR0_ET;
    r->cr3 = c->cr3;
    r->cr4 = c->cr4;
    r->efer = c->efer;
    r->cs = (struct segment_register){ 0, c->cs_ar, c->cs_limit, c->cs_base };
    r->ds = (struct segment_register){ 0, c->ds_ar, c->ds_limit, c->ds_base };
    r->ss = (struct segment_register){ 0, c->ss_ar, c->ss_limit, c->ss_base };
    r->es = (struct segment_register){ 0, c->es_ar, c->es_limit, c->es_base };
    r->fs = r->gs = r->ds;
    r->tr = (struct segment_register){ 0, c->tr_ar ? c->tr_ar : 0x8b,
                                       c->tr_limit ? c->tr_limit : 0x67, c->tr_base };
    return 0;
}

static int load_64(struct vcpu *v, const struct vcpu_hvm_x86_64 *c)
{
    struct hvm_regs *r = &v->arch.regs;
    struct segment_register data = { 0, 0xc93, 0xffffffff, 0 };

    /* Long mode needs paging, PAE and LME to be coherent from the start, and
     * an entry point the CPU can fetch from (canonical). */
    if ( !is_canonical_address(c->rip) ||
         !(c->cr0 & X86_CR0_PG) || !(c->cr0 & X86_CR0_PE) || !(c->cr4 & X86_CR4_PAE) ||
         !(c->efer & EFER_LME) || (c->efer & ~(uint64_t)(EFER_SCE | EFER_LME | EFER_LMA |
                                                         EFER_NXE)) )
        return -EINVAL;
    clear_regs(r);
    r->rax = c->rax; r->rcx = c->rcx; r->rdx = c->rdx; r->rbx = c->rbx;
    r->rsp = c->rsp; r->rbp = c->rbp; r->rsi = c->rsi; r->rdi = c->rdi;
    r->rip = c->rip;
    r->rflags = c->rflags | 0x2;
    r->cr0 = c->cr0 | X86_CR0_ET;
    r->cr3 = c->cr3;
    r->cr4 = c->cr4;
    r->efer = c->efer | EFER_LMA;
    r->cs = (struct segment_register){ 0, 0xa9b, 0xffffffff, 0 };
    r->ds = r->es = r->fs = r->gs = r->ss = data;
    r->tr = (struct segment_register){ 0, 0x8b, 0x67, 0 };
    return 0;
}

int hvm_vcpu_load_context(struct vcpu *v, const struct vcpu_hvm_context *ctx)
{
    int rc;

    if ( ctx->mode == VCPU_HVM_MODE_32B )
        rc = load_32(v, &ctx->cpu_regs.x86_32);
    else if ( ctx->mode == VCPU_HVM_MODE_64B )
        rc = load_64(v, &ctx->cpu_regs.x86_64);
    else
        rc = -EINVAL;
    if ( !rc )
    {
        v->arch.initialised = true;
    }
    return rc;
}
