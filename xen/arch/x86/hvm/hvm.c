/* SPDX-License-Identifier: GPL-2.0-only */
/* Common HVM code: backend selection, the run loop of a vCPU, and the exit table.
 * Each exit reason has one handler; every reason is written out, so an exit the
 * table does not expect lands in a named handler that crashes only that guest. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/rcu.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/string.h>
#include <asm/cpufeature.h>
#include <asm/hvm/gprs.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/mtrr.h>
#include <asm/hvm/vmce.h>
#include <asm/hvm/support.h>
#include <asm/msr-index.h>
#include <asm/system.h>
#include <asm/x86-defns.h>
#include <asm/x86_emulate.h>
#include <asm/hvm/guest_access.h>
#include <public/sched.h>
#include <public/hvm/params.h>

const struct hvm_funcs *hvm_funcs;

/* The entry assembly of both backends addresses the GPRs by these offsets. */
BUILD_BUG_ON(__builtin_offsetof(struct hvm_regs, rbx) != HVM_GPR_RBX);
BUILD_BUG_ON(__builtin_offsetof(struct hvm_regs, rdi) != HVM_GPR_RDI);
BUILD_BUG_ON(__builtin_offsetof(struct hvm_regs, rbp) != HVM_GPR_RBP);
BUILD_BUG_ON(__builtin_offsetof(struct hvm_regs, r8) != HVM_GPR_R8);
BUILD_BUG_ON(__builtin_offsetof(struct hvm_regs, r15) != HVM_GPR_R15);
BUILD_BUG_ON(__builtin_offsetof(struct hvm_regs, rax) != HVM_GPR_RAX);

bool hvm_enabled(void)
{
    return hvm_funcs != NULL;
}

/* Every port intercepted until someone (the dom0 builder) opens some. */
int hvm_domain_init(struct domain *d)
{
    d->arch.io_bitmap = alloc_xenheap_pages(HVM_IO_BITMAP_ORDER, 0);
    if ( !d->arch.io_bitmap )
        return -ENOMEM;
    memset(d->arch.io_bitmap, 0xff, PAGE_SIZE << HVM_IO_BITMAP_ORDER);
    d->arch.hvm_params[HVM_PARAM_TRIPLE_FAULT_REASON] = SHUTDOWN_reboot;
    return 0;
}

void hvm_flush_guest_tlbs(struct domain *d)
{
    struct vcpu *v;

    for_each_vcpu ( d, v )
        hvm_funcs->flush_guest_tlb(v);
}

void hvm_domain_destroy(struct domain *d)
{
    if ( d->arch.io_bitmap )
        free_xenheap_pages(d->arch.io_bitmap, HVM_IO_BITMAP_ORDER);
    d->arch.io_bitmap = NULL;
}

int hvm_vcpu_init(struct vcpu *v)
{
    int rc = xstate_vcpu_init(v);

    if ( rc )
        return rc;
    vmce_vcpu_init(v);
    mtrr_vcpu_init(v);
    if ( (rc = hvm_funcs->vcpu_init(v)) )
    {
        xstate_vcpu_destroy(v);
        return rc;
    }
    if ( (rc = hvm_vlapic_init(v)) )
    {
        hvm_funcs->vcpu_destroy(v);
        xstate_vcpu_destroy(v);
    }
    return rc;
}

void hvm_vcpu_stop_timers(struct vcpu *v)
{
    stop_timer(&v->arch.vlapic_timer);
}

void hvm_vcpu_destroy(struct vcpu *v)
{
    hvm_vlapic_destroy(v);
    hvm_funcs->vcpu_destroy(v);
    xstate_vcpu_destroy(v);
}

void hvm_init(void)
{
    xstate_cpu_init();
    mtrr_capture_boot_state();
    if ( boot_cpu.svm && !svm_funcs.cpu_up() )
        hvm_funcs = &svm_funcs;
    else if ( boot_cpu.vmx && !vmx_funcs.cpu_up() )
        hvm_funcs = &vmx_funcs;
    if ( !hvm_funcs )
    {
        printk(XENLOG_WARNING "HVM: no usable SVM or VMX on this CPU; guests cannot run\n");
        return;
    }
    printk("HVM: %s enabled\n", hvm_funcs->name);
}

void hvm_cpu_up(void)
{
    xstate_cpu_init();
    if ( hvm_funcs && hvm_funcs->cpu_up() )
        panic("CPU%u: cannot enable %s although the boot CPU could\n",
              smp_processor_id(), hvm_funcs->name);
}

void hvm_inject_exception(struct vcpu *v, uint8_t vector, bool has_error, uint32_t error)
{
    struct hvm_event ev = {
        .vector = vector, .type = HVM_EVENT_EXCEPTION, .has_error = has_error,
        .error = error,
    };

    hvm_funcs->inject_event(v, &ev);
}

void hvm_advance_rip(struct vcpu *v, unsigned int len)
{
    v->arch.regs.rip += len;
    if ( !(v->arch.regs.efer & EFER_LMA) || !(v->arch.regs.cs.attr & 0x200) )
        v->arch.regs.rip &= 0xffffffff;
}

static void exit_nothing(struct vcpu *v, struct hvm_exit *e)
{
    hvm_advance_rip(v, e->insn_len);
}

static void exit_intr(struct vcpu *v, struct hvm_exit *e)
{
    /* The host interrupt was taken when interrupts were re-enabled. */
}

static void exit_intr_window(struct vcpu *v, struct hvm_exit *e)
{
    hvm_funcs->request_intr_window(v, false);
}

/* HLT with interrupts off and nothing that could wake it is how guests stop
 * for good (Linux's poweroff without ACPI S5): treat it as a power-off. */
static void exit_hlt(struct vcpu *v, struct hvm_exit *e)
{
    hvm_advance_rip(v, e->insn_len);
    if ( !(v->arch.regs.rflags & X86_EFLAGS_IF) )
    {
        hvm_vcpu_down(v);
        return;
    }
    hvm_block_until_event(v);
}

/* As in Xen, the domain shuts down with the reason the toolstack chose in
 * HVM_PARAM_TRIPLE_FAULT_REASON (reboot unless set). */
static void exit_shutdown(struct vcpu *v, struct hvm_exit *e)
{
    struct domain *d = v->domain;

    printk(XENLOG_ERR "d%uv%u: triple fault at rip %016lx: shutting down (reason %d)\n",
           d->domain_id, v->vcpu_id, (unsigned long)v->arch.regs.rip,
           (int)d->arch.hvm_params[HVM_PARAM_TRIPLE_FAULT_REASON]);
    hvm_dump_guest_state(v);
    domain_shutdown(d, (int)d->arch.hvm_params[HVM_PARAM_TRIPLE_FAULT_REASON]);
}

static void exit_ud(struct vcpu *v, struct hvm_exit *e)
{
    hvm_inject_exception(v, X86_EXC_UD, false, 0);
}

static void exit_gp(struct vcpu *v, struct hvm_exit *e)
{
    hvm_inject_exception(v, X86_EXC_GP, true, 0);
}

/* The CPU refused the state we gave it: our bug, but only this guest pays. */
static void exit_invalid(struct vcpu *v, struct hvm_exit *e)
{
    printk(XENLOG_ERR "d%uv%u: VM entry failed (invalid guest state)\n",
           v->domain->domain_id, v->vcpu_id);
    hvm_dump_guest_state(v);
    domain_crash(v->domain, "invalid guest state");
}

static void exit_unhandled(struct vcpu *v, struct hvm_exit *e)
{
    printk(XENLOG_ERR "d%uv%u: unhandled exit %#lx (info %#lx %#lx) at rip %016lx\n",
           v->domain->domain_id, v->vcpu_id, (unsigned long)e->vendor_code,
           (unsigned long)e->vendor_info[0], (unsigned long)e->vendor_info[1],
           (unsigned long)v->arch.regs.rip);
    domain_crash(v->domain, "unhandled exit");
}

typedef void (*exit_handler_t)(struct vcpu *v, struct hvm_exit *e);

static const exit_handler_t exit_table[] = {
    [HVM_EXIT_NONE]         = exit_nothing,
    [HVM_EXIT_INTR]         = exit_intr,
    [HVM_EXIT_CPUID]        = hvm_exit_cpuid,
    [HVM_EXIT_MSR]          = hvm_exit_msr,
    [HVM_EXIT_IO]           = hvm_exit_io,
    [HVM_EXIT_NPF]          = hvm_exit_npf,
    [HVM_EXIT_HYPERCALL]    = hvm_exit_hypercall,
    [HVM_EXIT_HLT]          = exit_hlt,
    [HVM_EXIT_INTR_WINDOW]  = exit_intr_window,
    [HVM_EXIT_XSETBV]       = hvm_exit_xsetbv,
    [HVM_EXIT_SHUTDOWN]     = exit_shutdown,
    [HVM_EXIT_UD]           = exit_ud,
    [HVM_EXIT_GP]           = exit_gp,
    [HVM_EXIT_CR]           = hvm_exit_cr,
    [HVM_EXIT_INVALID]      = exit_invalid,
    [HVM_EXIT_UNHANDLED]    = exit_unhandled,
};

/* Without NRIP-save the backend only guesses lengths from the exit code; a
 * prefixed instruction (a 66 before CPUID, say) would be skipped wrongly. */
static void settle_insn_len(struct vcpu *v, struct hvm_exit *e)
{
    struct hvm_regs *r = &v->arch.regs;
    uint8_t buf[15];
    struct x86_insn insn;
    enum x86_mode mode;
    uint64_t linear = r->cs.base + r->rip;
    unsigned int n = 15;

    if ( e->insn_len_exact || !e->insn_len )
        return;
    /* Fetch what is there; at a page end, the next page may not be mapped. */
    while ( n && copy_from_guest(v, buf, linear, n) )
        n = min(n - 1, (unsigned int)(PAGE_SIZE - (linear & (PAGE_SIZE - 1))));
    mode = x86_guest_mode(r->cr0, r->efer, r->cs.attr & 0x200, r->cs.attr & 0x400);
    if ( n && !x86_decode(buf, n, mode, &insn) )
        e->insn_len = insn.len;
}

void hvm_handle_exit(struct vcpu *v, struct hvm_exit *e)
{
    settle_insn_len(v, e);
    if ( e->reason >= ARRAY_SIZE(exit_table) || !exit_table[e->reason] )
    {
        exit_unhandled(v, e);
        return;
    }
    exit_table[e->reason](v, e);
}

void hvm_run(struct vcpu *v)
{
    unsigned int cpu = smp_processor_id();
    struct hvm_exit exit;

    for ( ;; )
    {
        rcu_quiescent();
        local_irq_disable();
        if ( softirq_pending(cpu) )
        {
            local_irq_enable();
            do_softirq();
            continue;
        }
        if ( sched_should_stop(v) )
        {
            local_irq_enable();
            xstate_leave(v);
            hvm_funcs->vcpu_leave(v);
            return;
        }
        hvm_deliver_interrupts(v);
        xstate_enter(v);
        hvm_funcs->enter(v, &exit);
        xstate_exit(v);
        local_irq_enable();
        hvm_handle_exit(v, &exit);
    }
}
