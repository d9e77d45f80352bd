/* SPDX-License-Identifier: GPL-2.0-only */
/* Sets of unsigned long values kept as sorted, disjoint inclusive ranges
 * [s, e]: I/O ports, IRQs and MMIO frames a domain may access. */
#ifndef XEN_RANGESET_H
#define XEN_RANGESET_H

#include <xen/types.h>

struct rangeset;

/* rangeset_printk shows limits in hex rather than decimal. */
#define RANGESETF_prettyprint_hex (1U << 0)

/* name is copied (truncated to 31 characters); NULL gives "(no name)". */
struct rangeset *rangeset_new(const char *name, unsigned int flags);
void rangeset_destroy(struct rangeset *r);

/* Caps the number of separate ranges; adds needing more fail with -ENOMEM. */
void rangeset_limit(struct rangeset *r, unsigned int limit);

/*
 * Updates return 0, -EINVAL when s > e, or -ENOMEM when a new range could not
 * be allocated, in which case the set is unchanged. Adding merges overlapping
 * and adjacent ranges; removing may split one.
 */
int rangeset_add_range(struct rangeset *r, unsigned long s, unsigned long e);
int rangeset_remove_range(struct rangeset *r, unsigned long s, unsigned long e);
bool rangeset_contains_range(struct rangeset *r, unsigned long s,
                             unsigned long e);
bool rangeset_overlaps_range(struct rangeset *r, unsigned long s,
                             unsigned long e);
bool rangeset_is_empty(const struct rangeset *r);

/*
 * Calls cb once per stored range intersecting [s, e], clipped to [s, e], in
 * ascending order, stopping at the first non-zero return, which is passed
 * back. cb runs under the set's lock and must not touch the same set.
 */
typedef int rangeset_report_fn(unsigned long s, unsigned long e, void *ctxt);
int rangeset_report_ranges(struct rangeset *r, unsigned long s, unsigned long e,
                           rangeset_report_fn *cb, void *ctxt);

/* Prints "name       { 0-3, 7 }" without a trailing newline, as Xen does. */
void rangeset_printk(struct rangeset *r);

static inline int rangeset_add_singleton(struct rangeset *r, unsigned long s)
{
    return rangeset_add_range(r, s, s);
}

static inline int rangeset_remove_singleton(struct rangeset *r, unsigned long s)
{
    return rangeset_remove_range(r, s, s);
}

static inline bool rangeset_contains_singleton(struct rangeset *r,
                                               unsigned long s)
{
    return rangeset_contains_range(r, s, s);
}

#endif /* XEN_RANGESET_H */
