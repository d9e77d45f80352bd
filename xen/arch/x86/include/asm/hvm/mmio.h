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

/* A port device inside the hypervisor (hvm/io.c), for ports the domain's I/O
 * bitmap intercepts; ports no handler covers read all-ones. */
struct hvm_portio_handler {
    bool (*covers)(const struct domain *d, uint16_t port, unsigned int size);
    uint32_t (*read)(struct vcpu *v, uint16_t port, unsigned int size);
    void (*write)(struct vcpu *v, uint16_t port, unsigned int size, uint32_t val);
};

int hvm_register_portio(struct domain *d, const struct hvm_portio_handler *h);
/* Lets the domain reach ports [first, first+count) directly (dom0). */
void hvm_io_passthrough(struct domain *d, unsigned int first, unsigned int count);
/* Intercepts them again. */
void hvm_io_deny(struct domain *d, unsigned int first, unsigned int count);

#endif /* ASM_X86_HVM_MMIO_H */
