/* SPDX-License-Identifier: GPL-2.0-only */
/* The seam between common HVM code and a vendor backend (svm/ or vmx/).
 * Vendor code decodes, common code decides: a backend enters the guest, turns the
 * exit into a struct hvm_exit and hands it to hvm_handle_exit(). */
#ifndef ASM_X86_HVM_HVM_H
#define ASM_X86_HVM_HVM_H

#include <xen/types.h>

struct vcpu;
struct domain;
struct p2m_format;

struct segment_register {
    uint16_t sel;
    uint16_t attr;              /* SVM's 12-bit form: access byte, then AVL L D/B G */
    uint32_t limit;
    uint64_t base;
};

/* Guest register state as common code sees it. The GPR block's layout is used by
 * the entry assembly (HVM_GPR_* offsets below). */
struct hvm_regs {
    uint64_t rbx, rcx, rdx, rsi, rdi, rbp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rax, rsp, rip, rflags;
    uint64_t cr0, cr2, cr3, cr4, efer;
    struct segment_register cs, ds, es, fs, gs, ss, tr, ldtr, gdtr, idtr;
    uint64_t sysenter_cs, sysenter_esp, sysenter_eip;
    uint64_t star, lstar, cstar, sfmask, kernel_gs_base;
    uint64_t pat;
};

enum hvm_exit_reason {
    HVM_EXIT_NONE,              /* nothing for common code: handled by the backend */
    HVM_EXIT_INTR,              /* a host interrupt or NMI arrived */
    HVM_EXIT_CPUID,
    HVM_EXIT_MSR,
    HVM_EXIT_IO,
    HVM_EXIT_NPF,
    HVM_EXIT_HYPERCALL,
    HVM_EXIT_HLT,
    HVM_EXIT_INTR_WINDOW,       /* the guest can now take an interrupt */
    HVM_EXIT_XSETBV,
    HVM_EXIT_SHUTDOWN,          /* triple fault */
    HVM_EXIT_UD,                /* an instruction the guest may not use: inject #UD */
    HVM_EXIT_GP,                /* likewise, #GP(0) */
    HVM_EXIT_CR,                /* a control-register access the CPU could not do alone */
    HVM_EXIT_INVALID,           /* the CPU refused our state: a hypervisor bug */
    HVM_EXIT_UNHANDLED,         /* an exit the backend does not know */
};

struct hvm_exit {
    enum hvm_exit_reason reason;
    unsigned int insn_len;      /* the backend's figure: exact, or a best guess */
    bool insn_len_exact;        /* false: common code decodes to be sure */
    uint64_t vendor_code;       /* raw exit code, for messages */
    uint64_t vendor_info[2];
    union {
        struct {
            uint16_t port;
            uint8_t size;           /* 1, 2 or 4 */
            bool in, string, rep;
            uint8_t addr_size;      /* 2, 4 or 8 for string forms */
            uint8_t seg;            /* segment of the string source (OUTS) */
        } io;
        struct {
            uint32_t index;
            bool write;
        } msr;
        struct {
            uint64_t gpa;
            bool write, fetch, present;
        } npf;
        struct {
            uint8_t access;         /* HVM_CR_* */
            uint8_t cr;             /* 0, 3, 4 or 8 */
            uint8_t gpr;            /* x86 register number: 0 RAX, 1 RCX, ... 15 R15 */
            uint16_t lmsw;          /* LMSW's source operand */
        } cr;
    };
};

#define HVM_CR_MOV_TO       0
#define HVM_CR_MOV_FROM     1
#define HVM_CR_CLTS         2
#define HVM_CR_LMSW         3

struct hvm_event {
    uint8_t vector;
    uint8_t type;               /* HVM_EVENT_* */
    bool has_error;
    uint32_t error;
};
#define HVM_EVENT_EXTINT    0
#define HVM_EVENT_NMI       2
#define HVM_EVENT_EXCEPTION 3

struct hvm_funcs {
    const char *name;
    /* Enables virtualisation on this CPU; 0 or -errno. */
    int (*cpu_up)(void);
    int (*vcpu_init)(struct vcpu *v);
    void (*vcpu_destroy)(struct vcpu *v);
    /* Loads v's registers, enters the guest, stores them back and decodes the exit.
     * Called with interrupts disabled; returns with them disabled. */
    void (*enter)(struct vcpu *v, struct hvm_exit *exit);
    /* Queues an event for the next entry (replacing nothing already queued). */
    void (*inject_event)(struct vcpu *v, const struct hvm_event *ev);
    bool (*event_pending)(const struct vcpu *v);
    /* True if an external interrupt could be delivered now (IF=1, no shadow). */
    bool (*interrupts_enabled)(const struct vcpu *v);
    /* Asks for an exit as soon as the guest can take an interrupt. */
    void (*request_intr_window)(struct vcpu *v, bool on);
    /* True while an NMI would have to wait: the guest has not yet IRETed from
     * the last NMI injected, or an STI/MOV SS shadow is on. */
    bool (*nmi_blocked)(const struct vcpu *v);
    /* Asks, for the next entry only, for an exit once NMIs are unblocked. */
    void (*request_nmi_window)(struct vcpu *v);
    /* The guest's paging mode may have changed or the p2m was edited. */
    void (*flush_guest_tlb)(struct vcpu *v);
    /* The value EFER/CR writes must pass through (e.g. SVME kept set). */
    uint64_t (*efer_fixup)(uint64_t guest_efer);
    /* v goes back to the scheduler: whatever this CPU holds of it is let go. */
    void (*vcpu_leave)(struct vcpu *v);
    /* The p2m entry format the CPU walks (NPT or EPT). */
    const struct p2m_format *p2m_format;
    /* The hypercall instruction written into the hypercall page. */
    uint8_t hypercall_insn[3];
};

extern const struct hvm_funcs *hvm_funcs;
extern const struct hvm_funcs svm_funcs;
extern const struct hvm_funcs vmx_funcs;

/* Boot: picks the backend from CPUID and enables it on the BSP. */
void hvm_init(void);
/* Per AP. */
void hvm_cpu_up(void);
bool hvm_enabled(void);

/* 16 KiB holding the 12 KiB I/O bitmap. */
#define HVM_IO_BITMAP_ORDER 2
int hvm_domain_init(struct domain *d);
/* d's p2m changed: every vCPU flushes its guest TLB before it next runs. */
void hvm_flush_guest_tlbs(struct domain *d);
void hvm_domain_destroy(struct domain *d);
int hvm_vcpu_init(struct vcpu *v);
void hvm_vcpu_destroy(struct vcpu *v);
/* Stops the vCPU's own timers (its local APIC's) before it is freed. */
void hvm_vcpu_stop_timers(struct vcpu *v);
void hvm_handle_exit(struct vcpu *v, struct hvm_exit *exit);
void hvm_inject_exception(struct vcpu *v, uint8_t vector, bool has_error, uint32_t error);
/* Runs v until something requires the scheduler (block, yield, preemption). */
void hvm_run(struct vcpu *v);

#endif /* ASM_X86_HVM_HVM_H */
