/* SPDX-License-Identifier: GPL-2.0-only */
/* Emulated MMIO regions of a domain (hvm/mmio.c). */
#ifndef ASM_X86_HVM_MMIO_H
#define ASM_X86_HVM_MMIO_H

#include <xen/types.h>

struct vcpu;
struct domain;

/* A device model inside the hypervisor. covers() decides per vCPU (the local
 * APIC page moves with each vCPU's APIC_BASE); read/write return 0, or -1 to
 * have the access treated as one the guest may not make. */
struct hvm_mmio_handler {
    bool (*covers)(struct vcpu *v, uint64_t gpa);
    int (*read)(struct vcpu *v, uint64_t gpa, unsigned int len, uint64_t *val);
    int (*write)(struct vcpu *v, uint64_t gpa, unsigned int len, uint64_t val);
};

int hvm_register_mmio(struct domain *d, const struct hvm_mmio_handler *h);

#endif /* ASM_X86_HVM_MMIO_H */
