/* SPDX-License-Identifier: GPL-2.0-only */
/* Test-side controls over foreign_env.c: domains with real p2ms and frames
 * with real page_info, for foreign_map.c's host test. */
#ifndef FOREIGN_ENV_H
#define FOREIGN_ENV_H

#include <xen/sched.h>
#include <asm/p2m.h>

extern unsigned int unit_tlb_flushes;

/* Builds the heap over the arena; the allocator can be set up only once per
 * process, so later calls do nothing. 0 or -1. */
int unit_foreign_env_init(void);
/* A listed domain with one vCPU and an empty p2m in format fmt. */
struct domain *unit_domain_create(domid_t id, bool privileged,
                                  const struct p2m_format *fmt);
/* Unlists d and gives back its p2m tables, its pages and itself. */
void unit_domain_free(struct domain *d);
/* Takes d off the domain list only, as domain_kill() does before revoking. */
void unit_domain_unlist(struct domain *d);
/* A fresh page owned by d (on its page list) mapped as RAM at gfn. */
struct page_info *unit_add_ram(struct domain *d, unsigned long gfn);

#endif /* FOREIGN_ENV_H */
