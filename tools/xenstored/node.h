/* SPDX-License-Identifier: GPL-2.0-only */
/* A node record: path, permissions, value and child names in one block.
 * Records are never changed in place; a change builds a new record, which
 * lets a transaction keep its private copies beside the shared ones. */
#ifndef XSD_NODE_H
#define XSD_NODE_H

#include <stdint.h>

#include "hash.h"
#include "perms.h"

#define XS_NO_GEN UINT64_MAX            /* generation of an absent node */

struct xs_node {
    struct xs_hlink link;               /* key = path */
    uint64_t gen;                       /* changes whenever the node does */
    unsigned int nperms;
    unsigned int datalen;
    unsigned int childlen;
    struct xs_perm *perms;
    char *data;                         /* datalen bytes, no terminator */
    char *children;                     /* names, each NUL-terminated */
    char *path;
};

/* A new record (gen 0) copying the given parts; NULL when out of memory. */
struct xs_node *xs_node_new(const char *path,
                            const struct xs_perm *perms, unsigned int nperms,
                            const void *data, unsigned int datalen,
                            const char *children, unsigned int childlen);

/* Copies of n with one part replaced. */
struct xs_node *xs_node_with_data(const struct xs_node *n,
                                  const void *data, unsigned int len);
struct xs_node *xs_node_with_perms(const struct xs_node *n,
                                   const struct xs_perm *p, unsigned int np);
struct xs_node *xs_node_add_child(const struct xs_node *n, const char *name);
struct xs_node *xs_node_del_child(const struct xs_node *n, const char *name);

static inline unsigned int xs_node_owner(const struct xs_node *n)
{
    return n->perms[0].id;
}

/* Size of C xenstored's database record for n (24-byte header, 8 bytes a
 * permission, value, child names): what the node-size quota limits. */
unsigned int xs_node_record_size(const struct xs_node *n);

/* Memory charged to the owner: the record plus the path. */
unsigned long xs_node_mem(const struct xs_node *n);

#endif /* XSD_NODE_H */
