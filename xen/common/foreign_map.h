/* SPDX-License-Identifier: GPL-2.0-only */
/* Foreign mappings (foreign_map.c), for memory.c's sub-ops. */
#ifndef XEN_COMMON_FOREIGN_MAP_H
#define XEN_COMMON_FOREIGN_MAP_H

#include <xen/sched.h>
#include <public/memory.h>

/* XENMAPSPACE_gmfn_foreign batch into d's physmap: per-entry results go to
 * b->errs; the call itself fails only with -EFAULT. */
long foreign_map_batch(struct vcpu *v, struct domain *d,
                       const struct xen_add_to_physmap_batch *b);
/* Drops the foreign mapping at d's gfn; -ENOENT if there is none. */
int foreign_unmap(struct domain *d, unsigned long gfn);

#endif /* XEN_COMMON_FOREIGN_MAP_H */
