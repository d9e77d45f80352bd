/* SPDX-License-Identifier: GPL-2.0-only */
/* What the files of the VMX backend share: the per-vCPU state, the VMX
 * instructions as inline functions, and the functions each file offers. */
#ifndef HVM_VMX_PRIVATE_H
#define HVM_VMX_PRIVATE_H

#include <xen/types.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/vmx.h>

struct vcpu;

/* The state of one vCPU's VMCS. It is current on a CPU only between the first
 * entry of an hvm_run() and vcpu_leave, which VMCLEARs it: a vCPU that moves
 * never leaves its VMCS active elsewhere. Only the vCPU's own CPU touches the
 * VMCS; the hooks common code calls from elsewhere set fields below, which the
 * next entry applies. */
struct vmx_vcpu {
    void *vmcs;
    paddr_t vmcs_pa;
    uint16_t vpid;
    bool constructed;           /* controls written (survive VMCLEAR) */
    bool launched;              /* VMRESUME, not VMLAUNCH, enters next */
    bool flush_pending;         /* p2m or paging change: INVEPT/INVVPID first */
    bool intr_window, nmi_window;
    /* The event to inject at the next entry, in the interruption-info format. */
    uint32_t event_info, event_error, event_insn_len;
    bool event_injected;        /* the last entry carried it (not held back) */
    /* Guest state the VMCS keeps for us between exits. */
    uint32_t intr_state;        /* interruptibility at the last exit */
    uint64_t exit_rip;          /* RIP at the last exit: has common code moved it? */
    uint64_t exit_cr0, exit_cr3, exit_cr4;  /* for the PAE PDPTE reload */
};

/* The exit as the CPU reported it, before it becomes a struct hvm_exit. */
struct vmx_exit_info {
    uint32_t reason;
    uint64_t qual;
    uint32_t intr_info, intr_error;
    uint32_t idt_info, idt_error;
    uint32_t insn_len, insn_info;
    uint64_t gpa;
};

extern struct vmx_caps vmx_caps;

static inline struct vmx_vcpu *vmx(const struct vcpu *v)
{
    return v->arch.vendor;
}

static inline uint64_t vmread(enum vmcs_field f)
{
    uint64_t val;

    __asm__ __volatile__("vmread %1, %0" : "=r" (val) : "r" ((uint64_t)f) : "cc");
    return val;
}

/* A failed VMWRITE is our bug (a field this CPU lacks, a read-only field). */
void vmwrite_failed(enum vmcs_field f, uint64_t val);

static inline void vmwrite(enum vmcs_field f, uint64_t val)
{
    bool fail;

    __asm__ __volatile__("vmwrite %2, %1; setna %0"
                         : "=qm" (fail) : "r" ((uint64_t)f), "rm" (val) : "cc");
    if ( fail )
        vmwrite_failed(f, val);
}

/* Each returns true on success. */
static inline bool vmptrld(paddr_t pa)
{
    bool fail;

    __asm__ __volatile__("vmptrld %1; setna %0" : "=qm" (fail) : "m" (pa) : "cc", "memory");
    return !fail;
}

static inline bool vmclear(paddr_t pa)
{
    bool fail;

    __asm__ __volatile__("vmclear %1; setna %0" : "=qm" (fail) : "m" (pa) : "cc", "memory");
    return !fail;
}

#define INVEPT_SINGLE   1
#define INVEPT_ALL      2
#define INVVPID_SINGLE  1
#define INVVPID_ALL     2

static inline void invept(unsigned long type, uint64_t eptp)
{
    struct { uint64_t eptp, rsvd; } desc = { eptp, 0 };

    __asm__ __volatile__("invept %0, %1" :: "m" (desc), "r" (type) : "cc", "memory");
}

static inline void invvpid(unsigned long type, uint16_t vpid)
{
    struct { uint64_t vpid, addr; } desc = { vpid, 0 };

    __asm__ __volatile__("invvpid %0, %1" :: "m" (desc), "r" (type) : "cc", "memory");
}

/* entry.S: loads regs, enters with VMLAUNCH or VMRESUME, stores regs back.
 * 0 after a VM exit; 1 VMfailInvalid, 2 VMfailValid (entry never happened). */
int vmx_run(struct hvm_regs *regs, bool launched);
extern char vmx_exit_point[];

/* vmx.c: the guest's interruptibility state as the next entry must see it. */
uint32_t vmx_interruptibility(const struct vcpu *v);

/* vmcs.c */
int vmcs_global_init(void);
void vmcs_construct(struct vcpu *v);
void vmcs_load_host_state(void);
void vmcs_write_guest(struct vcpu *v);
void vmcs_read_guest(struct vcpu *v);
void vmcs_write_events(struct vcpu *v);
void vmcs_read_events(struct vcpu *v, const struct vmx_exit_info *x);

/* exits.c */
void vmx_read_exit(struct vmx_exit_info *x);
void vmx_decode_exit(struct vcpu *v, const struct vmx_exit_info *x, struct hvm_exit *e);
void vmx_entry_failed(struct vcpu *v, int rc, struct hvm_exit *e);

#endif /* HVM_VMX_PRIVATE_H */
