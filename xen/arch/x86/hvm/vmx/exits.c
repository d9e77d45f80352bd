/* SPDX-License-Identifier: GPL-2.0-only */
/* VM exits: one table slot per basic exit reason, each naming the reason and
 * turning what the CPU reported into a struct hvm_exit for common code. VMX
 * reports exact instruction lengths and qualifications (port, access, GPA, CR
 * and register), so only MMIO emulation still needs the shared decoder. A
 * reason we do not expect crashes only the guest, after saying what it was;
 * failed entries say which check failed. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/hvm/support.h>
#include <asm/msr-index.h>
#include <asm/x86-defns.h>
#include "private.h"

const char *vmx_exit_name(uint32_t reason);

typedef void (*vmx_exit_fn)(struct vcpu *v, const struct vmx_exit_info *x,
                            struct hvm_exit *e);

struct vmx_exit_slot {
    const char *name;
    vmx_exit_fn fn;
};

void vmx_read_exit(struct vmx_exit_info *x)
{
    x->reason = (uint32_t)vmread(EXIT_REASON);
    x->qual = vmread(EXIT_QUALIFICATION);
    x->intr_info = (uint32_t)vmread(EXIT_INTR_INFO);
    x->intr_error = (uint32_t)vmread(EXIT_INTR_ERROR_CODE);
    x->idt_info = (uint32_t)vmread(IDT_VECTORING_INFO);
    x->idt_error = (uint32_t)vmread(IDT_VECTORING_ERROR_CODE);
    x->insn_len = (uint32_t)vmread(EXIT_INSN_LEN);
    x->insn_info = (uint32_t)vmread(EXIT_INSN_INFO);
    x->gpa = vmread(GUEST_PHYSICAL_ADDRESS);
}

/* ---- one decoder per kind of exit ---- */

static void to(struct hvm_exit *e, enum hvm_exit_reason r)
{
    e->reason = r;
}

/* An exit caused by an instruction: the CPU gives its exact length. */
static void insn(struct hvm_exit *e, const struct vmx_exit_info *x, enum hvm_exit_reason r)
{
    e->reason = r;
    e->insn_len = x->insn_len;
    e->insn_len_exact = true;
}

static void x_intr(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    to(e, HVM_EXIT_INTR);
}

static void x_ud(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    to(e, HVM_EXIT_UD);
}

static void x_unhandled(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    to(e, HVM_EXIT_UNHANDLED);
}

/* With NMI exiting the host's NMI ended the guest's run instead of reaching
 * our handler: hand it over now. */
static void x_exception_nmi(struct vcpu *v, const struct vmx_exit_info *x,
                            struct hvm_exit *e)
{
    unsigned int type = (x->intr_info & INTR_INFO_TYPE_MASK) >> INTR_INFO_TYPE_SHIFT;

    if ( (x->intr_info & INTR_INFO_VALID) && type == INTR_TYPE_NMI )
    {
        __asm__ __volatile__("int $2");
        to(e, HVM_EXIT_INTR);
        return;
    }
    to(e, HVM_EXIT_UNHANDLED);      /* the exception bitmap is empty */
}

static void x_triple_fault(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    to(e, HVM_EXIT_SHUTDOWN);
}

static void x_intr_window(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    to(e, HVM_EXIT_INTR_WINDOW);
}

/* The held NMI goes in at the next entry, which recomputes the window exit. */
static void x_nmi_window(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    to(e, HVM_EXIT_NONE);
}

static void x_cpuid(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    insn(e, x, HVM_EXIT_CPUID);
}

static void x_hlt(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    insn(e, x, HVM_EXIT_HLT);
}

/* INVD (always) and INVLPG (if the CPU forces its exit): skip; INVLPG's page
 * goes with a flush of the vCPU's translations. */
static void x_skip(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    if ( (x->reason & 0xffff) != 13 )
        vmx(v)->flush_pending = true;
    insn(e, x, HVM_EXIT_NONE);
}

static void x_gp(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    to(e, HVM_EXIT_GP);
}

static void x_vmcall(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    insn(e, x, HVM_EXIT_HYPERCALL);
}

static void x_cr(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    insn(e, x, HVM_EXIT_CR);
    e->cr.cr = x->qual & 0xf;
    e->cr.access = (x->qual >> 4) & 3;
    e->cr.gpr = (x->qual >> 8) & 0xf;
    e->cr.lmsw = (uint16_t)(x->qual >> 16);
}

/* String forms need the address size and the source segment: the instruction
 * information field has them when the CPU reports it (BASIC bit 54); without
 * it, the default ones of the current mode (no segment override). */
static void io_string(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    const struct hvm_regs *r = &v->arch.regs;
    static const uint8_t sizes[4] = { 2, 4, 8, 8 };

    if ( vmx_caps.io_insn_info )
    {
        e->io.addr_size = sizes[(x->insn_info >> 7) & 3];
        e->io.seg = (x->insn_info >> 15) & 7;
        return;
    }
    if ( (r->efer & EFER_LMA) && (r->cs.attr & 0x200) )
        e->io.addr_size = 8;
    else
        e->io.addr_size = (r->cs.attr & 0x400) ? 4 : 2;
    e->io.seg = 3;                  /* DS */
}

static void x_io(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    insn(e, x, HVM_EXIT_IO);
    e->io.size = (x->qual & 7) + 1;
    e->io.in = x->qual & (1u << 3);
    e->io.string = x->qual & (1u << 4);
    e->io.rep = x->qual & (1u << 5);
    e->io.port = (uint16_t)(x->qual >> 16);
    if ( e->io.string )
        io_string(v, x, e);
}

static void x_msr(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    insn(e, x, HVM_EXIT_MSR);
    e->msr.write = (x->reason & 0xffff) == 32;
}

static void x_ept_violation(struct vcpu *v, const struct vmx_exit_info *x,
                            struct hvm_exit *e)
{
    to(e, HVM_EXIT_NPF);
    e->npf.gpa = x->gpa;
    e->npf.write = x->qual & EPT_QUAL_WRITE;
    e->npf.fetch = x->qual & EPT_QUAL_FETCH;
    e->npf.present = x->qual & EPT_QUAL_PERMS;
}

static void x_xsetbv(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    insn(e, x, HVM_EXIT_XSETBV);
}

static void x_failed_entry(struct vcpu *v, const struct vmx_exit_info *x,
                           struct hvm_exit *e)
{
    vmx_entry_failed(v, 0, e);
}

/* ---- failed entries ---- */

static const char *const insn_errors[] = {
    [4] = "VMLAUNCH with a non-clear VMCS",
    [5] = "VMRESUME with a non-launched VMCS",
    [7] = "invalid control fields",
    [8] = "invalid host-state fields",
    [9] = "VMPTRLD with an invalid address",
    [11] = "VMPTRLD with the wrong VMCS revision",
    [12] = "unsupported VMCS field",
    [13] = "VMWRITE to a read-only field",
    [26] = "events blocked by MOV SS",
};

static void gather_guest_state(struct vmx_guest_state *g)
{
    unsigned int i;

    g->cr0 = vmread(GUEST_CR0);
    g->cr3 = vmread(GUEST_CR3);
    g->cr4 = vmread(GUEST_CR4);
    g->dr7 = vmread(GUEST_DR7);
    g->efer = vmread(GUEST_IA32_EFER);
    g->pat = vmread(GUEST_IA32_PAT);
    g->rip = vmread(GUEST_RIP);
    g->rflags = vmread(GUEST_RFLAGS);
    g->link_pointer = vmread(VMCS_LINK_POINTER);
    g->entry_ctls = (uint32_t)vmread(ENTRY_CONTROLS);
    g->intr_state = (uint32_t)vmread(GUEST_INTERRUPTIBILITY);
    g->activity = (uint32_t)vmread(GUEST_ACTIVITY_STATE);
    g->entry_intr_info = (uint32_t)vmread(ENTRY_INTR_INFO);
    for ( i = VMX_ES; i <= VMX_TR; i++ )
    {
        g->seg[i].sel = (uint16_t)vmread(GUEST_ES_SELECTOR + 2 * i);
        g->seg[i].limit = (uint32_t)vmread(GUEST_ES_LIMIT + 2 * i);
        g->seg[i].ar = (uint32_t)vmread(GUEST_ES_AR + 2 * i);
        g->seg[i].base = vmread(GUEST_ES_BASE + 2 * i);
    }
    g->gdtr_base = vmread(GUEST_GDTR_BASE);
    g->gdtr_limit = (uint32_t)vmread(GUEST_GDTR_LIMIT);
    g->idtr_base = vmread(GUEST_IDTR_BASE);
    g->idtr_limit = (uint32_t)vmread(GUEST_IDTR_LIMIT);
}

/* rc: 1 VMfailInvalid, 2 VMfailValid (the instruction refused), 0 an exit with
 * the failed-entry bit (the guest state did not pass), -1 VMPTRLD refused. */
void vmx_entry_failed(struct vcpu *v, int rc, struct hvm_exit *e)
{
    struct vmx_guest_state g;
    const char *why;
    unsigned long err;

    memset(e, 0, sizeof(*e));
    e->reason = HVM_EXIT_INVALID;
    printk(XENLOG_ERR "d%uv%u: VM entry failed: ", v->domain->domain_id, v->vcpu_id);
    if ( rc < 0 || rc == 1 )
    {
        printk("%s\n", rc < 0 ? "VMPTRLD of its VMCS refused" : "no valid current VMCS");
        return;
    }
    if ( rc == 2 )
    {
        err = (unsigned long)vmread(VM_INSTRUCTION_ERROR);
        printk("VM-instruction error %lu (%s)\n", err,
               err < ARRAY_SIZE(insn_errors) && insn_errors[err] ? insn_errors[err] : "?");
        /* Computed from the capability MSRs, so compare against them. */
        printk(XENLOG_ERR "  controls pin %#lx proc %#lx proc2 %#lx exit %#lx entry %#lx;"
               " host cr0 %#lx cr4 %#lx efer %#lx\n", (unsigned long)vmread(PIN_BASED_CONTROLS),
               (unsigned long)vmread(PROC_BASED_CONTROLS),
               (unsigned long)vmread(PROC_BASED_CONTROLS2), (unsigned long)vmread(EXIT_CONTROLS),
               (unsigned long)vmread(ENTRY_CONTROLS), (unsigned long)vmread(HOST_CR0),
               (unsigned long)vmread(HOST_CR4), (unsigned long)vmread(HOST_IA32_EFER));
        return;
    }
    e->vendor_code = vmread(EXIT_REASON);
    e->vendor_info[0] = vmread(EXIT_QUALIFICATION);
    printk("exit %u (%s), qualification %lu\n", (unsigned int)(e->vendor_code & 0xffff),
           vmx_exit_name((uint32_t)e->vendor_code), (unsigned long)e->vendor_info[0]);
    gather_guest_state(&g);
    why = vmx_check_guest_state(&g, &vmx_caps);
    printk(XENLOG_ERR "d%uv%u: guest-state check that fails: %s\n", v->domain->domain_id,
           v->vcpu_id, why ? why : "none of those we model");
}

#define S(n, f) { n, f }

static const struct vmx_exit_slot exit_table[VMX_NR_EXIT_REASONS] = {
    [0]  = S("exception or NMI", x_exception_nmi),
    [1]  = S("external interrupt", x_intr),
    [2]  = S("triple fault", x_triple_fault),
    [3]  = S("INIT signal", x_intr),
    [4]  = S("start-up IPI", x_unhandled),
    [5]  = S("I/O SMI", x_intr),
    [6]  = S("other SMI", x_intr),
    [7]  = S("interrupt window", x_intr_window),
    [8]  = S("NMI window", x_nmi_window),
    [9]  = S("task switch", x_unhandled),
    [10] = S("CPUID", x_cpuid),
    [11] = S("GETSEC", x_ud),
    [12] = S("HLT", x_hlt),
    [13] = S("INVD", x_skip),
    [14] = S("INVLPG", x_skip),
    [15] = S("RDPMC", x_gp),
    [16] = S("RDTSC", x_unhandled),
    [17] = S("RSM", x_ud),
    [18] = S("VMCALL", x_vmcall),
    [19] = S("VMCLEAR", x_ud),
    [20] = S("VMLAUNCH", x_ud),
    [21] = S("VMPTRLD", x_ud),
    [22] = S("VMPTRST", x_ud),
    [23] = S("VMREAD", x_ud),
    [24] = S("VMRESUME", x_ud),
    [25] = S("VMWRITE", x_ud),
    [26] = S("VMXOFF", x_ud),
    [27] = S("VMXON", x_ud),
    [28] = S("control-register access", x_cr),
    [29] = S("MOV DR", x_unhandled),
    [30] = S("I/O instruction", x_io),
    [31] = S("RDMSR", x_msr),
    [32] = S("WRMSR", x_msr),
    [33] = S("VM-entry failure: invalid guest state", x_failed_entry),
    [34] = S("VM-entry failure: MSR loading", x_failed_entry),
    [35] = S("reserved (35)", x_unhandled),
    [36] = S("MWAIT", x_ud),
    [37] = S("monitor trap flag", x_unhandled),
    [38] = S("reserved (38)", x_unhandled),
    [39] = S("MONITOR", x_ud),
    [40] = S("PAUSE", x_unhandled),
    [41] = S("VM-entry failure: machine check", x_failed_entry),
    [42] = S("reserved (42)", x_unhandled),
    [43] = S("TPR below threshold", x_unhandled),
    [44] = S("APIC access", x_unhandled),
    [45] = S("virtualized EOI", x_unhandled),
    [46] = S("GDTR or IDTR access", x_unhandled),
    [47] = S("LDTR or TR access", x_unhandled),
    [48] = S("EPT violation", x_ept_violation),
    [49] = S("EPT misconfiguration", x_unhandled),
    [50] = S("INVEPT", x_ud),
    [51] = S("RDTSCP", x_unhandled),
    [52] = S("VMX-preemption timer", x_unhandled),
    [53] = S("INVVPID", x_ud),
    [54] = S("WBINVD", x_unhandled),
    [55] = S("XSETBV", x_xsetbv),
    [56] = S("APIC write", x_unhandled),
    [57] = S("RDRAND", x_unhandled),
    [58] = S("INVPCID", x_unhandled),
    [59] = S("VMFUNC", x_ud),
    [60] = S("ENCLS", x_ud),
    [61] = S("RDSEED", x_unhandled),
    [62] = S("page-modification log full", x_unhandled),
    [63] = S("XSAVES", x_unhandled),
    [64] = S("XRSTORS", x_unhandled),
    [65] = S("PCONFIG", x_ud),
    [66] = S("SPP event", x_unhandled),
    [67] = S("UMWAIT", x_unhandled),
    [68] = S("TPAUSE", x_unhandled),
    [69] = S("LOADIWKEY", x_ud),
    [70] = S("ENCLV", x_ud),
    [71] = S("reserved (71)", x_unhandled),
    [72] = S("ENQCMD PASID translation failure", x_unhandled),
    [73] = S("ENQCMDS PASID translation failure", x_unhandled),
    [74] = S("bus lock", x_unhandled),
    [75] = S("instruction timeout", x_unhandled),
};

const char *vmx_exit_name(uint32_t reason)
{
    reason &= 0xffff;
    return reason < VMX_NR_EXIT_REASONS ? exit_table[reason].name : "unknown";
}

void vmx_decode_exit(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e)
{
    unsigned int basic = x->reason & 0xffff;

    memset(e, 0, sizeof(*e));
    e->vendor_code = x->reason;
    e->vendor_info[0] = x->qual;
    e->vendor_info[1] = basic == EXIT_EPT_VIOLATION ? x->gpa : x->intr_info;
    if ( basic < VMX_NR_EXIT_REASONS )
        exit_table[basic].fn(v, x, e);
    else
        to(e, HVM_EXIT_UNHANDLED);
    if ( e->reason == HVM_EXIT_UNHANDLED )
        printk(XENLOG_ERR "d%uv%u: VMX exit %u (%s), qualification %#lx, "
               "interruption info %#x, GPA %#lx\n", v->domain->domain_id, v->vcpu_id,
               basic, vmx_exit_name(basic), (unsigned long)x->qual, x->intr_info,
               (unsigned long)x->gpa);
}
