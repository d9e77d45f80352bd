/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-domain limits applied to unprivileged domains; defaults are those of
 * C xenstored 4.17. */
#ifndef XSD_QUOTA_H
#define XSD_QUOTA_H

#include <stddef.h>

struct xs_quota {
    unsigned long nodes;                /* nodes a domain owns */
    unsigned long watches;              /* watches of one connection */
    unsigned long transactions;         /* open at once on a connection */
    unsigned long node_size;            /* record size (node.h) stays below */
    unsigned long perms;                /* entries in a SET_PERMS list */
    unsigned long tx_nodes;             /* nodes one transaction may touch */
    unsigned long outstanding;          /* requests queued (ring transport) */
    unsigned long mem_soft;             /* bytes; above it a warning */
    unsigned long mem_hard;             /* bytes; above it ENOMEM */
    unsigned long path_max;             /* path below the domain's home */
};

void xs_quota_defaults(struct xs_quota *q);

/* Sets the quota named as in C xenstored's --quota (nodes, watches,
 * transactions, node-size, permissions, transaction-nodes, outstanding,
 * memory, path-max) or, soft, the soft memory one; 0 or EINVAL. */
int xs_quota_set(struct xs_quota *q, const char *name, unsigned long value,
                 int soft);

/* One "name: value" line per quota into buf; the length written. */
size_t xs_quota_format(const struct xs_quota *q, char *buf, size_t size);

#endif /* XSD_QUOTA_H */
