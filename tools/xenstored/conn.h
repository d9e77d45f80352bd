/* SPDX-License-Identifier: GPL-2.0-only */
/* A client connection: who it is, its home for relative paths, and the
 * watches and transactions it owns. */
#ifndef XSD_CONN_H
#define XSD_CONN_H

#include <stdbool.h>
#include <stdint.h>

#include "perms.h"

struct xs_store;
struct xs_watch;
struct xs_tx;

struct xs_conn {
    struct xs_conn *next;               /* store's list */
    struct xs_store *store;
    struct xs_ident id;
    char home[32];                      /* /local/domain/<domid> */
    struct xs_watch *watches;           /* in the order added */
    unsigned int nwatches;
    struct xs_tx *txs;
    unsigned int ntxs;
    uint32_t next_txid;
    void *priv;                         /* the transport's */
};

/* A connection for domid; socket clients are domain 0 and privileged.
 * NULL when out of memory. */
struct xs_conn *xs_conn_new(struct xs_store *s, unsigned int domid,
                            bool privileged, void *priv);

/* Drops all watches and transactions (RESET_WATCHES, re-INTRODUCE). */
void xs_conn_reset(struct xs_conn *c);

/* Resets and unlinks c, then frees it. */
void xs_conn_free(struct xs_conn *c);

static inline bool xs_conn_unprivileged(const struct xs_conn *c)
{
    return !c->id.privileged;
}

#endif /* XSD_CONN_H */
