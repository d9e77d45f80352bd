/* SPDX-License-Identifier: MIT */
/* The initial register state VCPUOP_initialise takes for an HVM/PVH vCPU. */
#ifndef __XEN_PUBLIC_HVM_HVM_VCPU_H__
#define __XEN_PUBLIC_HVM_HVM_VCPU_H__

#include <stdint.h>
#include "../xen-compat.h"

struct vcpu_hvm_x86_32 {
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t eip, eflags;
    uint32_t cr0, cr3, cr4;
    uint32_t pad1;
    uint64_t efer;
    uint32_t cs_base, ds_base, ss_base, es_base, tr_base;
    uint32_t cs_limit, ds_limit, ss_limit, es_limit, tr_limit;
    uint16_t cs_ar, ds_ar, ss_ar, es_ar, tr_ar;
    uint16_t pad2[3];
};

/* 64-bit mode starts with flat segments; only the registers are given. */
struct vcpu_hvm_x86_64 {
    uint64_t rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi;
    uint64_t rip, rflags;
    uint64_t cr0, cr3, cr4;
    uint64_t efer;
};

#define VCPU_HVM_MODE_32B 0
#define VCPU_HVM_MODE_64B 1

struct vcpu_hvm_context {
    uint32_t mode;
    uint32_t pad;
    union {
        struct vcpu_hvm_x86_32 x86_32;
        struct vcpu_hvm_x86_64 x86_64;
    } cpu_regs;
};
typedef struct vcpu_hvm_context vcpu_hvm_context_t;

XEN_ABI_SIZE(struct vcpu_hvm_x86_32, 120);
XEN_ABI_OFFSET(struct vcpu_hvm_x86_32, efer, 56);
XEN_ABI_OFFSET(struct vcpu_hvm_x86_32, cs_base, 64);
XEN_ABI_OFFSET(struct vcpu_hvm_x86_32, cs_limit, 84);
XEN_ABI_OFFSET(struct vcpu_hvm_x86_32, cs_ar, 104);
XEN_ABI_SIZE(struct vcpu_hvm_x86_64, 112);
XEN_ABI_OFFSET(struct vcpu_hvm_x86_64, rip, 64);
XEN_ABI_OFFSET(struct vcpu_hvm_x86_64, efer, 104);
XEN_ABI_OFFSET(struct vcpu_hvm_context, cpu_regs, 8);
XEN_ABI_SIZE(struct vcpu_hvm_context, 128);

#endif /* __XEN_PUBLIC_HVM_HVM_VCPU_H__ */
