/* SPDX-License-Identifier: GPL-2.0-only */
/* CPU features the hypervisor cares about, read once from CPUID on the BSP. */
#ifndef ASM_X86_CPUFEATURE_H
#define ASM_X86_CPUFEATURE_H

#include <xen/types.h>

struct cpu_features {
    char vendor[13];
    char brand[49];
    unsigned int family, model, stepping;
    uint32_t max_leaf, max_ext_leaf;
    bool nx, smep, smap, pdpe1gb, x2apic, tsc_deadline, invariant_tsc;
    bool svm, vmx, xsave, fsgsbase, pcid, umip;
    unsigned int phys_addr_bits, virt_addr_bits;
};

extern struct cpu_features boot_cpu;

void cpu_detect(void);
/* Enables the protections in CR4/EFER this CPU supports; runs on every CPU. */
void cpu_init_protections(void);
void cpu_print_features(void);

#endif /* ASM_X86_CPUFEATURE_H */
