/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading and writing guest memory: by guest-physical address through the p2m,
 * and by guest-linear address (hypercall arguments are guest pointers) through
 * a walk of the guest's own page tables first. */
#ifndef ASM_X86_HVM_GUEST_ACCESS_H
#define ASM_X86_HVM_GUEST_ACCESS_H

#include <xen/types.h>

struct vcpu;
struct domain;
struct hvm_regs;

/* Result of translating one guest-linear address. */
struct gwalk {
    uint64_t gpa;
    bool fault;                     /* not mapped, or the access is not allowed */
    uint32_t pfec;                  /* #PF error code, when fault */
};

/* Reads guest-physical memory for the page-table walker: 0 or -EFAULT. */
typedef int (*gphys_read_fn)(void *ctx, uint64_t gpa, void *buf, unsigned int len);

/* Pure walk over the paging mode in regs (none, 32-bit, PAE, 4-level). */
void guest_walk(const struct hvm_regs *regs, uint64_t linear, bool write, bool user,
                gphys_read_fn read, void *ctx, struct gwalk *out);

/* A gphys_read_fn over domain ctx's RAM, for guest_walk(). */
int guest_phys_read_cb(void *ctx, uint64_t gpa, void *buf, unsigned int len);
int copy_from_guest_phys(struct domain *d, void *dst, uint64_t gpa, size_t len);
int copy_to_guest_phys(struct domain *d, uint64_t gpa, const void *src, size_t len);
/* Zeroes guest-physical memory; 0 or -EFAULT. */
int clear_guest_phys(struct domain *d, uint64_t gpa, size_t len);
/* 0 on success, -EFAULT if any byte is not reachable (nothing is written then
 * for copy_from; copy_to may have written a prefix). */
int copy_from_guest(struct vcpu *v, void *dst, uint64_t gva, size_t len);
int copy_to_guest(struct vcpu *v, uint64_t gva, const void *src, size_t len);
/* Maps one guest frame for the hypervisor's use if it is ordinary RAM. */
void *map_guest_frame(struct domain *d, unsigned long gfn, bool writable);

#endif /* ASM_X86_HVM_GUEST_ACCESS_H */
