/* SPDX-License-Identifier: GPL-2.0-only */
/* A toolstack in miniature (build.c): thin wrappers over domctl, sysctl,
 * memory_op, hvm_op and the event-channel calls this test needs. Each
 * returns the hypercall's result unchanged. */
#ifndef DOMU_BUILD_H
#define DOMU_BUILD_H

#include "abi.h"

long domctl(struct xen_domctl *op);
long domctl_on(uint32_t cmd, uint16_t domid);
long sysctl(struct xen_sysctl *op);
/* A PVH domU config: 1 vCPU, default limits; the caller may edit it. */
void pvh_config(struct xen_domctl_createdomain *c);
long create_domain(uint16_t want, const struct xen_domctl_createdomain *c, uint16_t *domid);
long domain_info(uint16_t domid, struct xen_domctl_getdomaininfo *info);
uint64_t free_pages(void);
long set_max_mem(uint16_t domid, uint64_t kb);
long populate(uint16_t domid, uint64_t first_gfn, unsigned int n);
long map_foreign(uint16_t fdomid, const uint64_t *fgfns, const uint64_t *gfns, int *errs,
                 unsigned int n);
long unmap_gfn(uint64_t gfn);
/* Starts a vCPU in flat 32-bit protected mode at rip, the way libxenguest
 * starts a PVH guest: the header from gethvmcontext, one CPU record, END.
 * tweak (may be NULL) edits the record first. */
long load_boot_context(uint16_t domid, uint16_t vcpu, uint32_t rip,
                       void (*tweak)(struct hvm_hw_cpu *));
/* Loads a raw stream. */
long load_stream(uint16_t domid, const void *stream, uint32_t size);
long hvm_param(bool set, uint16_t domid, uint32_t index, uint64_t *value);
long bind_virq(uint32_t virq, uint32_t *port);
long close_port(uint32_t port);
/* SCHEDOP_poll on one port for at most ms milliseconds. */
long poll_port(uint32_t port, unsigned int ms);

#endif /* DOMU_BUILD_H */
