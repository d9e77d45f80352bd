/* SPDX-License-Identifier: GPL-2.0-only */
/* Connections (see conn.h): created by a transport, linked into the store
 * so that watches of every connection can fire. */
#include <stdio.h>
#include <stdlib.h>

#include "conn.h"
#include "domain.h"
#include "store.h"
#include "transaction.h"
#include "watch.h"

struct xs_conn *xs_conn_new(struct xs_store *s, unsigned int domid,
                            bool privileged, void *priv)
{
    struct xs_conn *c = calloc(1, sizeof(*c));

    if ( !c )
        return NULL;
    c->store = s;
    c->id.domid = domid;
    c->id.privileged = privileged;
    c->id.target = -1;
    snprintf(c->home, sizeof(c->home), "/local/domain/%u", domid);
    c->next_txid = 1;
    c->priv = priv;
    c->next = s->conns;
    s->conns = c;
    return c;
}

void xs_conn_reset(struct xs_conn *c)
{
    xs_watch_drop_all(c);
    xs_tx_drop_all(c);
}

void xs_conn_free(struct xs_conn *c)
{
    struct xs_store *s = c->store;
    struct xs_conn **pp, *o;
    struct xs_domain *d;

    xs_conn_reset(c);
    for ( pp = &s->conns; *pp && *pp != c; pp = &(*pp)->next )
        continue;
    if ( *pp )
        *pp = c->next;
    for ( d = s->domains; d; d = d->next )
    {
        if ( d->conn != c )
            continue;
        d->conn = NULL;
        d->introduced = false;
        /* Device models acting for the domain lose their target. */
        for ( o = s->conns; o; o = o->next )
            if ( o->id.target == (int)d->domid )
                o->id.target = -1;
    }
    free(c);
}
