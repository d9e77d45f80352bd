/* SPDX-License-Identifier: GPL-2.0-only */
/* Private to the dom0 builder files (dom0_mem.c, dom0_build.c). */
#ifndef ARCH_X86_DOM0_H
#define ARCH_X86_DOM0_H

#include <xen/e820.h>
#include <xen/types.h>

#define DOM0_MAX_RANGES 64

struct dom0_mem {
    unsigned int nr;
    uint64_t bytes;
    struct {
        paddr_t s, e;                   /* [s, e), page aligned, ascending */
    } range[DOM0_MAX_RANGES];
};

extern struct dom0_mem dom0_mem;
struct domain;

bool dom0_owns(paddr_t s, paddr_t e);
int dom0_build_p2m(struct domain *d, const struct e820map *host);
void dom0_build_e820(struct e820map *out, const struct e820map *host);

#endif /* ARCH_X86_DOM0_H */
