/* SPDX-License-Identifier: GPL-2.0-only */
/* The CPUID a guest sees: the host's leaves with what we do not virtualise hidden
 * (MONITOR/MWAIT, VMX/SVM, PMU, TSC-deadline, PCID), the HYPERVISOR bit set,
 * per-vCPU APIC IDs (2 x vCPU id, as Xen numbers them), and the Xen leaves at
 * 0x40000000 that guests use to find us. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/version.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/support.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <asm/x86-defns.h>

#define XEN_CPUID_BASE          0x40000000
#define XEN_CPUID_MAX           (XEN_CPUID_BASE + 5)
#define XEN_HYPERCALL_MSR       0x40000000

/* Leaf 0x40000004 EAX, as Xen 4.17 reports it for HVM guests on SVM. */
#define HVM_CPUID_IOMMU_MAPPINGS    (1u << 2)
#define HVM_CPUID_VCPU_ID_PRESENT   (1u << 3)
#define HVM_CPUID_DOMID_PRESENT     (1u << 4)
#define HVM_CPUID_UPCALL_VECTOR     (1u << 6)

/* Leaf base+3: the guest TSC is the host TSC (no offset, not emulated). */
static void tsc_leaf(uint32_t sub, struct cpuid_leaf *r)
{
    uint32_t mul;
    int8_t shift;

    switch ( sub )
    {
    case 0:
        r->c = (uint32_t)cpu_khz;       /* guest TSC kHz */
        r->d = 1;                       /* incarnation: never migrated */
        break;
    case 1:
        pvclock_scale(&mul, &shift);
        r->c = mul;
        r->d = (uint32_t)(int32_t)shift;
        break;
    case 2:
        r->a = (uint32_t)cpu_khz;       /* host TSC kHz */
        break;
    }
}

static void xen_leaf(const struct vcpu *v, uint32_t leaf, uint32_t sub, struct cpuid_leaf *r)
{
    r->a = r->b = r->c = r->d = 0;
    switch ( leaf - XEN_CPUID_BASE )
    {
    case 0:
        r->a = XEN_CPUID_MAX;
        r->b = 0x566e6558;          /* "XenV" */
        r->c = 0x65584d4d;          /* "MMXe" */
        r->d = 0x4d4d566e;          /* "nVMM" */
        break;
    case 1:
        r->a = (XEN_VERSION_MAJOR << 16) | XEN_VERSION_MINOR;
        break;
    case 2:
        r->a = 1;                   /* one hypercall page */
        r->b = XEN_HYPERCALL_MSR;
        break;
    case 3:
        tsc_leaf(sub, r);
        break;
    case 4:
        if ( sub == 0 )
        {
            r->a = HVM_CPUID_IOMMU_MAPPINGS | HVM_CPUID_VCPU_ID_PRESENT |
                   HVM_CPUID_DOMID_PRESENT | HVM_CPUID_UPCALL_VECTOR;
            r->b = v->vcpu_id;
            r->c = v->domain->domain_id;
        }
        break;
    }
}

static void host_leaf(const struct vcpu *v, uint32_t leaf, uint32_t sub,
                      struct cpuid_leaf *r)
{
    cpuid_count(leaf, sub, r);
    switch ( leaf )
    {
    case 1:
        r->b = (r->b & 0x0000ffff) | ((2 * v->vcpu_id) << 24);
        r->c &= ~((1u << 3) | (1u << 5) | (1u << 6) | (1u << 17) | (1u << 24));
        r->c |= (1u << 31) | (1u << 21);                    /* hypervisor, x2APIC */
        if ( !(v->arch.regs.cr4 & X86_CR4_OSXSAVE) )
            r->c &= ~(1u << 27);                            /* OSXSAVE follows CR4 */
        break;
    case 5:                                                 /* MONITOR/MWAIT */
    case 0xa:                                               /* architectural PMU */
        r->a = r->b = r->c = r->d = 0;
        break;
    case 0x80000001:
        r->c &= ~((1u << 2) | (1u << 23));                  /* SVM, PERFCTR_CORE */
        break;
    case 0x8000000a:                                        /* SVM features */
        r->a = r->b = r->c = r->d = 0;
        break;
    }
}

void hvm_exit_cpuid(struct vcpu *v, struct hvm_exit *e)
{
    struct hvm_regs *regs = &v->arch.regs;
    uint32_t leaf = (uint32_t)regs->rax, sub = (uint32_t)regs->rcx;
    struct cpuid_leaf r;

    if ( leaf >= XEN_CPUID_BASE && leaf < XEN_CPUID_BASE + 0x10000 )
        xen_leaf(v, leaf, sub, &r);
    else
        host_leaf(v, leaf, sub, &r);
    regs->rax = r.a;
    regs->rbx = r.b;
    regs->rcx = r.c;
    regs->rdx = r.d;
    hvm_advance_rip(v, e->insn_len);
}
