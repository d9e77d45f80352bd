/* SPDX-License-Identifier: GPL-2.0-only */
/* Quota settings (see quota.h). The checks themselves sit where the
 * resource is used: tree.c, transaction.c, watch.c. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "quota.h"

struct quota_name {
    const char *name;
    size_t offset;
};

#define Q(n, field) { n, offsetof(struct xs_quota, field) }
static const struct quota_name quota_names[] = {
    Q("nodes", nodes),
    Q("watches", watches),
    Q("transactions", transactions),
    Q("node-size", node_size),
    Q("permissions", perms),
    Q("transaction-nodes", tx_nodes),
    Q("outstanding", outstanding),
    Q("memory", mem_hard),
    Q("path-max", path_max),
};
#undef Q

void xs_quota_defaults(struct xs_quota *q)
{
    q->nodes = 1000;
    q->watches = 128;
    q->transactions = 10;
    q->node_size = 2048;
    q->perms = 5;
    q->tx_nodes = 1024;
    q->outstanding = 20;
    q->mem_soft = 2UL * 1024 * 1024;
    q->mem_hard = 2UL * 1024 * 1024 + 512 * 1024;
    q->path_max = 2048;
}

static unsigned long *field(struct xs_quota *q, size_t offset)
{
    return (unsigned long *)((char *)q + offset);
}

static unsigned long value_of(const struct xs_quota *q, size_t offset)
{
    return *(const unsigned long *)((const char *)q + offset);
}

int xs_quota_set(struct xs_quota *q, const char *name, unsigned long value,
                 int soft)
{
    size_t i;

    if ( soft )
    {
        if ( strcmp(name, "memory") )
            return EINVAL;
        q->mem_soft = value;
        return 0;
    }
    for ( i = 0; i < sizeof(quota_names) / sizeof(quota_names[0]); i++ )
        if ( !strcmp(name, quota_names[i].name) )
        {
            *field(q, quota_names[i].offset) = value;
            return 0;
        }
    return EINVAL;
}

size_t xs_quota_format(const struct xs_quota *q, char *buf, size_t size)
{
    size_t used = 0, i;
    int n;

    for ( i = 0; i < sizeof(quota_names) / sizeof(quota_names[0]); i++ )
    {
        n = snprintf(buf + used, size - used, "%-18s %lu\n",
                     quota_names[i].name,
                     value_of(q, quota_names[i].offset));
        if ( n < 0 || (size_t)n >= size - used )
            return used;
        used += (size_t)n;
    }
    n = snprintf(buf + used, size - used, "%-18s %lu\n", "memory (soft)",
                 q->mem_soft);
    if ( n > 0 && (size_t)n < size - used )
        used += (size_t)n;
    return used;
}
