/* SPDX-License-Identifier: MIT */
/* The HVM context stream of get/sethvmcontext: a HEADER record, per-instance
 * records, then END. Each record is a descriptor followed by its payload.
 * Only the record types the hypervisor saves and loads are defined here. */
#ifndef __XEN_PUBLIC_HVM_SAVE_X86_H__
#define __XEN_PUBLIC_HVM_SAVE_X86_H__

#include "../../xen.h"

struct hvm_save_descriptor {
    uint16_t typecode;                  /* HVM_SAVE_CODE_* */
    uint16_t instance;                  /* e.g. the vCPU id */
    uint32_t length;                    /* payload bytes after the descriptor */
};
XEN_ABI_SIZE(struct hvm_save_descriptor, 8);

#define HVM_SAVE_CODE_END       0
#define HVM_SAVE_CODE_HEADER    1
#define HVM_SAVE_CODE_CPU       2
#define HVM_SAVE_CODE_MTRR      14

#define HVM_FILE_MAGIC          0x54381286
#define HVM_FILE_VERSION        0x00000001

struct hvm_save_header {
    uint32_t magic;                     /* HVM_FILE_MAGIC */
    uint32_t version;                   /* HVM_FILE_VERSION */
    uint64_t changeset;
    uint32_t cpuid;                     /* CPUID.1:EAX of the saving host */
    uint32_t gtsc_khz;                  /* the guest's TSC frequency */
};
XEN_ABI_SIZE(struct hvm_save_header, 24);

/* Segment attributes ("arbytes") are 12 bits: type, S, DPL, P, then AVL, L,
 * D/B and G in bits 8-11. */
struct hvm_hw_cpu {
    uint8_t  fpu_regs[512];             /* FXSAVE image */
    uint64_t rax, rbx, rcx, rdx, rbp, rsi, rdi, rsp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rip, rflags;
    uint64_t cr0, cr2, cr3, cr4;
    uint64_t dr0, dr1, dr2, dr3, dr6, dr7;
    uint32_t cs_sel, ds_sel, es_sel, fs_sel, gs_sel, ss_sel, tr_sel, ldtr_sel;
    uint32_t cs_limit, ds_limit, es_limit, fs_limit, gs_limit, ss_limit;
    uint32_t tr_limit, ldtr_limit, idtr_limit, gdtr_limit;
    uint64_t cs_base, ds_base, es_base, fs_base, gs_base, ss_base;
    uint64_t tr_base, ldtr_base, idtr_base, gdtr_base;
    uint32_t cs_arbytes, ds_arbytes, es_arbytes, fs_arbytes, gs_arbytes;
    uint32_t ss_arbytes, tr_arbytes, ldtr_arbytes;
    uint64_t sysenter_cs, sysenter_esp, sysenter_eip;
    uint64_t shadow_gs;
    uint64_t msr_flags;                 /* obsolete, ignored */
    uint64_t msr_lstar, msr_star, msr_cstar, msr_syscall_mask, msr_efer;
    uint64_t msr_tsc_aux;
    uint64_t tsc;
    uint32_t pending_event;             /* bit 31 valid, 10:8 type, 7:0 vector */
    uint32_t error_code;
    uint32_t flags;                     /* XEN_X86_FPU_INITIALISED */
    uint32_t pad0;
};
XEN_ABI_SIZE(struct hvm_hw_cpu, 1032);
XEN_ABI_OFFSET(struct hvm_hw_cpu, rip, 640);
XEN_ABI_OFFSET(struct hvm_hw_cpu, cr0, 656);
XEN_ABI_OFFSET(struct hvm_hw_cpu, cs_sel, 736);
XEN_ABI_OFFSET(struct hvm_hw_cpu, cs_base, 808);
XEN_ABI_OFFSET(struct hvm_hw_cpu, cs_arbytes, 888);
XEN_ABI_OFFSET(struct hvm_hw_cpu, msr_efer, 992);
XEN_ABI_OFFSET(struct hvm_hw_cpu, pending_event, 1016);
XEN_ABI_OFFSET(struct hvm_hw_cpu, flags, 1024);

#define XEN_X86_FPU_INITIALISED (1U << 0)   /* fpu_regs holds the state */

struct hvm_hw_mtrr {
    uint64_t msr_pat_cr;
    uint64_t msr_mtrr_var[16];          /* physBase0, physMask0, ... */
    uint64_t msr_mtrr_fixed[11];
    uint64_t msr_mtrr_cap;
    uint64_t msr_mtrr_def_type;
};
XEN_ABI_SIZE(struct hvm_hw_mtrr, 240);
XEN_ABI_OFFSET(struct hvm_hw_mtrr, msr_mtrr_cap, 224);

#endif /* __XEN_PUBLIC_HVM_SAVE_X86_H__ */
