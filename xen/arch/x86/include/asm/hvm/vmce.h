/* SPDX-License-Identifier: GPL-2.0-only */
/* Virtual machine-check MSRs (hvm/vmce.c). Reads and writes return 0 or -1 (#GP). */
#ifndef ASM_X86_HVM_VMCE_H
#define ASM_X86_HVM_VMCE_H

#include <xen/types.h>

struct vcpu;

void vmce_vcpu_init(struct vcpu *v);
bool vmce_is_msr(uint32_t msr);
int vmce_msr_read(const struct vcpu *v, uint32_t msr, uint64_t *val);
int vmce_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);

#endif /* ASM_X86_HVM_VMCE_H */
