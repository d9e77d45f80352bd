/* SPDX-License-Identifier: GPL-2.0-only */
/* Transactions and the view a request works on: either the shared store or
 * one transaction's private copies laid over it. */
#ifndef XSD_TRANSACTION_H
#define XSD_TRANSACTION_H

#include <stdbool.h>
#include <stdint.h>

#include "node.h"

struct xs_store;
struct xs_conn;
struct xs_req;
struct xs_tx;

struct xs_view {
    struct xs_store *s;
    struct xs_conn *conn;               /* whose rights and quotas apply */
    struct xs_tx *tx;                   /* NULL: the shared store */
};

/* The node at path as this view sees it: 0, ENOENT, or (transactions only)
 * ENOSPC/ENOMEM, which also doom the transaction. */
int xs_view_get(struct xs_view *v, const char *path,
                const struct xs_node **out);

/* Replaces or creates the node (n is taken over) or removes the node at
 * path. In a transaction the paths were normally read first; otherwise a
 * failed allocation dooms the transaction and returns ENOMEM. */
int xs_view_put(struct xs_view *v, struct xs_node *n);
int xs_view_del(struct xs_view *v, const char *path);

/* Prepares for puts of nodes owned by domid; 0 or ENOMEM. */
int xs_view_reserve(struct xs_view *v, unsigned int domid);

/* Nodes the connection's domain owns as the view sees it. */
long xs_view_own_nodes(struct xs_view *v);

/* A change to path: fired at once, or queued until commit. */
void xs_view_fire(struct xs_view *v, const char *path, bool exact,
                  const struct xs_perm *perms, unsigned int nperms);

struct xs_tx *xs_tx_find(struct xs_conn *c, uint32_t id);

/* Frees a connection's transactions without committing. */
void xs_tx_drop_all(struct xs_conn *c);

int xs_do_transaction_start(struct xs_req *r);
int xs_do_transaction_end(struct xs_req *r);

#endif /* XSD_TRANSACTION_H */
