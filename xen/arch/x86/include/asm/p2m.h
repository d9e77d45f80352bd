/* SPDX-License-Identifier: GPL-2.0-only */
/* The physical-to-machine map of an HVM domain: the nested page tables the CPU
 * walks (NPT on AMD, EPT on Intel). One walker serves both; the leaf and table
 * entry formats come from a small ops struct chosen per domain. */
#ifndef ASM_X86_P2M_H
#define ASM_X86_P2M_H

#include <xen/types.h>
#include <xen/spinlock.h>

#define INVALID_MFN     (~0UL)
#define P2M_LEVELS      4

typedef enum {
    p2m_invalid = 0,        /* not present: a guest access faults to the hypervisor */
    p2m_ram_rw,
    p2m_ram_ro,
    p2m_mmio_direct,        /* device memory mapped through, uncached */
    p2m_mmio_dm,            /* emulated MMIO: not present, faults for emulation */
    p2m_grant_map_rw,
    p2m_grant_map_ro,
    p2m_map_foreign,
    p2m_nr_types
} p2m_type_t;

/* Entry format: the four things the walker needs to build and read entries. */
struct p2m_format {
    const char *name;
    uint64_t (*leaf)(unsigned long mfn, p2m_type_t t, unsigned int level);
    uint64_t (*table)(paddr_t pa);
    bool (*present)(uint64_t e);
    bool (*is_leaf)(uint64_t e, unsigned int level);
    unsigned long (*mfn)(uint64_t e);
    p2m_type_t (*type)(uint64_t e);
};

extern const struct p2m_format p2m_format_npt;
extern const struct p2m_format p2m_format_ept;
/* The VMCS's EPT pointer for a p2m rooted at root (p2m-ept.c). */
uint64_t p2m_ept_pointer(paddr_t root);

struct p2m_domain {
    spinlock_t lock;
    paddr_t root;                       /* top-level table (the nested CR3) */
    const struct p2m_format *fmt;
    unsigned long nr_table_pages;       /* for accounting and the audit */
    unsigned long nr_entries[p2m_nr_types]; /* leaf pages of each type, in 4K units */
};

int p2m_init(struct p2m_domain *p2m, const struct p2m_format *fmt);
/* Frees every table page; the mapped frames themselves belong to their owners. */
void p2m_teardown(struct p2m_domain *p2m);
/* Maps 2^order pages gfn.. -> mfn.. with type t (order 0, 9 or 18); an existing
 * mapping underneath is replaced. -EINVAL for misaligned or bad orders, -ENOMEM. */
int p2m_set_entry(struct p2m_domain *p2m, unsigned long gfn, unsigned long mfn,
                  unsigned int order, p2m_type_t t);
int p2m_remove_entry(struct p2m_domain *p2m, unsigned long gfn, unsigned int order);
/* Returns the mfn for gfn (INVALID_MFN if none), its type and the order of the leaf. */
unsigned long p2m_lookup(struct p2m_domain *p2m, unsigned long gfn, p2m_type_t *t,
                         unsigned int *order);
/* Walks every leaf; fn returns non-zero to stop early. */
int p2m_for_each_leaf(struct p2m_domain *p2m,
                      int (*fn)(void *ctx, unsigned long gfn, unsigned long mfn,
                                unsigned int order, p2m_type_t t),
                      void *ctx);
/* Checks counters against a full walk and prints a summary; returns problems found. */
unsigned int p2m_audit(struct p2m_domain *p2m, const char *name);
const char *p2m_type_name(p2m_type_t t);

#endif /* ASM_X86_P2M_H */
