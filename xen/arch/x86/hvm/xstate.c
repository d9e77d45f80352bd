/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest FPU/SSE/AVX state and XCR0. The hypervisor itself never touches these
 * registers (it is built with -mgeneral-regs-only), so a CPU keeps the state of
 * the running vCPU's state across its exits and saves it when the vCPU leaves.
 * XCR0 is not switched by VMRUN: we load the guest's value before each entry and,
 * because QEMU's SVM lets a guest XSETBV without exiting, read it back after. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/cpufeature.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/support.h>
#include <asm/processor.h>
#include <asm/x86-defns.h>

#define XSTATE_FP       (1ULL << 0)
#define XSTATE_SSE      (1ULL << 1)
#define XSTATE_YMM      (1ULL << 2)

static uint64_t xcr0_supported;         /* 0: no XSAVE, use FXSAVE */
static struct vcpu *fpu_owner[NR_CPUS];

static uint64_t xgetbv0(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__("xgetbv" : "=a" (lo), "=d" (hi) : "c" (0));
    return ((uint64_t)hi << 32) | lo;
}

static void xsetbv0(uint64_t v)
{
    __asm__ __volatile__("xsetbv" :: "a" ((uint32_t)v), "d" ((uint32_t)(v >> 32)),
                         "c" (0));
}

/* Per CPU: lets the hypervisor execute XSETBV/XSAVE on the guests' behalf. */
void xstate_cpu_init(void)
{
    struct cpuid_leaf l;

    write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
    if ( !boot_cpu.xsave )
        return;
    write_cr4(read_cr4() | X86_CR4_OSXSAVE);
    cpuid_count(0xd, 0, &l);
    xcr0_supported = ((uint64_t)l.d << 32 | l.a) & (XSTATE_FP | XSTATE_SSE | XSTATE_YMM);
    xsetbv0(XSTATE_FP | XSTATE_SSE);
}

static void save_state(struct vcpu *v)
{
    void *area = v->arch.fpu_area;

    if ( xcr0_supported )
        __asm__ __volatile__("xsaveq (%0)" :: "r" (area), "a" (~0U), "d" (~0U) : "memory");
    else
        __asm__ __volatile__("fxsaveq (%0)" :: "r" (area) : "memory");
}

static void restore_state(struct vcpu *v)
{
    void *area = v->arch.fpu_area;

    if ( !v->arch.fpu_initialised )
    {
        /* An all-zero XSAVE header restores every component to its init state;
         * FXRSTOR needs a sane MXCSR and FCW. */
        memset(area, 0, PAGE_SIZE);
        *(uint16_t *)area = 0x37f;
        *(uint32_t *)((char *)area + 24) = 0x1f80;
        v->arch.fpu_initialised = true;
    }
    if ( xcr0_supported )
        __asm__ __volatile__("xrstorq (%0)" :: "r" (area), "a" (~0U), "d" (~0U) : "memory");
    else
        __asm__ __volatile__("fxrstorq (%0)" :: "r" (area) : "memory");
}

int xstate_vcpu_init(struct vcpu *v)
{
    v->arch.fpu_area = alloc_xenheap_pages(0, 0);
    v->arch.xcr0 = XSTATE_FP;
    return v->arch.fpu_area ? 0 : -ENOMEM;
}

void xstate_vcpu_destroy(struct vcpu *v)
{
    unsigned int cpu;

    /* xstate_leave() let go of it when it last stopped running. */
    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
        BUG_ON(fpu_owner[cpu] == v);
    free_xenheap_pages(v->arch.fpu_area, 0);
}

/* Before entry: this CPU's FPU holds v's state and XCR0 is v's. Saving and
 * restoring run under the widest XCR0 so every guest component is covered. */
void xstate_enter(struct vcpu *v)
{
    unsigned int cpu = smp_processor_id();
    struct vcpu *owner = fpu_owner[cpu];

    if ( owner != v )
    {
        if ( xcr0_supported )
            xsetbv0(xcr0_supported);
        if ( owner )
            save_state(owner);
        restore_state(v);
        fpu_owner[cpu] = v;
    }
    if ( xcr0_supported )
        xsetbv0(v->arch.xcr0);
}

void xstate_exit(struct vcpu *v)
{
    if ( xcr0_supported )
        v->arch.xcr0 = xgetbv0();
}

/* v leaves this CPU: its state goes to memory now, so a vCPU that is not
 * running always has it there (save records read it, destruction frees it). */
void xstate_leave(struct vcpu *v)
{
    unsigned int cpu = smp_processor_id();

    if ( fpu_owner[cpu] != v )
        return;
    if ( xcr0_supported )
        xsetbv0(xcr0_supported);
    save_state(v);
    fpu_owner[cpu] = NULL;
}

/* The legacy (FXSAVE) image of a vCPU that is not running; false if it never
 * used its FPU. */
bool xstate_get_fxsave(const struct vcpu *v, uint8_t image[512])
{
    if ( !v->arch.fpu_initialised )
        return false;
    memcpy(image, v->arch.fpu_area, 512);
    return true;
}

/* Replaces the FPU state of a vCPU that is not running: x87 and SSE from the
 * image, every other component at its initial state; NULL: all initial. */
void xstate_set_fxsave(struct vcpu *v, const uint8_t *image)
{
    v->arch.fpu_initialised = image != NULL;
    if ( !image )
        return;
    memset(v->arch.fpu_area, 0, PAGE_SIZE);
    memcpy(v->arch.fpu_area, image, 512);
    if ( xcr0_supported )       /* XSTATE_BV: take x87 and SSE from the image */
        *(uint64_t *)((uint8_t *)v->arch.fpu_area + 512) = XSTATE_FP | XSTATE_SSE;
}

void hvm_exit_xsetbv(struct vcpu *v, struct hvm_exit *e)
{
    struct hvm_regs *r = &v->arch.regs;
    uint64_t val = (r->rdx << 32) | (uint32_t)r->rax;

    if ( !xcr0_supported || !(r->cr4 & X86_CR4_OSXSAVE) )
    {
        hvm_inject_exception(v, X86_EXC_UD, false, 0);
        return;
    }
    if ( (uint32_t)r->rcx != 0 || (val & ~xcr0_supported) || !(val & XSTATE_FP) ||
         ((val & XSTATE_YMM) && !(val & XSTATE_SSE)) || ((r->ss.attr >> 5) & 3) )
    {
        hvm_inject_exception(v, X86_EXC_GP, true, 0);
        return;
    }
    v->arch.xcr0 = val;
    hvm_advance_rip(v, e->insn_len);
}
