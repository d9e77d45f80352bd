/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Transactions and views (see transaction.h).
 *
 * Theory of operation. A transaction keeps a record per path it touched:
 * its private copy of the node (or "absent") and the generation the shared
 * node had when the transaction first looked at it (XS_NO_GEN if absent).
 * Reads and writes inside the transaction go to these records only, so the
 * transaction sees its own changes and nobody else's. Every change to a
 * shared node gives it a fresh generation, so at commit the transaction
 * conflicts, and fails with EAGAIN, exactly when some path it read or wrote
 * has a shared generation other than the one it saw. Otherwise the modified
 * records replace the shared nodes; as a node's child list is part of its
 * record, and the parents of created or removed nodes were themselves read
 * and rewritten, the shared tree stays consistent. Watch events are queued
 * with the changes and fired after the commit, in order.
 *
 * Example: T reads /a (generation 5) and writes /b. Meanwhile a plain WRITE
 * to /a makes it generation 9. Committing T compares 5 with 9: EAGAIN, and
 * /b is left as it was. Had /c been written instead, T would commit.
 * Example: T creates /x/y where /x is absent: T holds records for /x/y, /x
 * (both seen absent) and / (with the child list it read). If another client
 * creates /x first, /x is no longer absent and T gets EAGAIN.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "domain.h"
#include "protocol.h"
#include "store.h"
#include "transaction.h"
#include "watch.h"

struct xs_tx_rec {
    struct xs_hlink link;               /* key = path */
    struct xs_node *node;               /* private copy; NULL: absent */
    uint64_t seen;                      /* shared generation first seen */
    bool modified;
    char path[];
};

struct xs_tx_event {
    struct xs_tx_event *next;
    bool exact;
    unsigned int nperms;
    struct xs_perm *perms;
    char *path;
};

struct xs_tx {
    struct xs_tx *next;                 /* connection's list */
    uint32_t id;
    bool failed;                        /* lost a change: commit refuses */
    long own_delta;                     /* nodes of the connection's domain */
    struct xs_hash recs;
    struct xs_tx_event *events;
    struct xs_tx_event **events_tail;
};

static struct xs_tx_rec *rec_find(struct xs_tx *tx, const char *path)
{
    struct xs_hlink *l = xs_hash_get(&tx->recs, path);

    return l ? xs_container_of(l, struct xs_tx_rec, link) : NULL;
}

/* First touch of path: note what the shared store holds. */
static int rec_add(struct xs_view *v, const char *path,
                   struct xs_tx_rec **out)
{
    const struct xs_node *shared = xs_store_get(v->s, path);
    struct xs_tx *tx = v->tx;
    struct xs_tx_rec *rec;

    if ( xs_conn_unprivileged(v->conn) &&
         tx->recs.count >= v->s->quota.tx_nodes )
    {
        tx->failed = true;
        return ENOSPC;
    }
    rec = calloc(1, sizeof(*rec) + strlen(path) + 1);
    if ( rec && shared )
        rec->node = xs_node_with_data(shared, shared->data, shared->datalen);
    if ( !rec || (shared && !rec->node) )
    {
        free(rec);
        tx->failed = true;
        return ENOMEM;
    }
    strcpy(rec->path, path);
    rec->link.key = rec->path;
    rec->seen = shared ? shared->gen : XS_NO_GEN;
    if ( rec->node )
        rec->node->gen = shared->gen;
    xs_hash_put(&tx->recs, &rec->link);
    *out = rec;
    return 0;
}

int xs_view_get(struct xs_view *v, const char *path,
                const struct xs_node **out)
{
    struct xs_tx_rec *rec;
    int rc;

    if ( !v->tx )
    {
        *out = xs_store_get(v->s, path);
        return *out ? 0 : ENOENT;
    }
    rec = rec_find(v->tx, path);
    if ( !rec && (rc = rec_add(v, path, &rec)) )
        return rc;
    *out = rec->node;
    return rec->node ? 0 : ENOENT;
}

static long owned(const struct xs_view *v, const struct xs_node *n)
{
    return n && xs_node_owner(n) == v->conn->id.domid;
}

/* Makes n (possibly NULL: absent) the transaction's copy of path. */
static int tx_set(struct xs_view *v, const char *path, struct xs_node *n)
{
    struct xs_tx_rec *rec = rec_find(v->tx, path);
    int rc;

    if ( !rec && (rc = rec_add(v, path, &rec)) )
    {
        free(n);
        return rc;
    }
    v->tx->own_delta += owned(v, n) - owned(v, rec->node);
    free(rec->node);
    rec->node = n;
    if ( n )
        n->gen = v->s->gen++;
    rec->modified = true;
    return 0;
}

int xs_view_put(struct xs_view *v, struct xs_node *n)
{
    if ( v->tx )
        return tx_set(v, n->path, n);
    xs_store_put(v->s, n);
    return 0;
}

int xs_view_del(struct xs_view *v, const char *path)
{
    if ( v->tx )
        return tx_set(v, path, NULL);
    xs_store_del(v->s, path);
    return 0;
}

int xs_view_reserve(struct xs_view *v, unsigned int domid)
{
    return v->tx ? 0 : xs_store_reserve(v->s, domid);
}

long xs_view_own_nodes(struct xs_view *v)
{
    struct xs_domain *d = xs_domain_find(v->s, v->conn->id.domid);

    return (d ? d->nodes : 0) + (v->tx ? v->tx->own_delta : 0);
}

void xs_view_fire(struct xs_view *v, const char *path, bool exact,
                  const struct xs_perm *perms, unsigned int nperms)
{
    struct xs_tx_event *ev;

    if ( !v->tx )
    {
        xs_watch_fire(v->s, path, exact, perms, nperms);
        return;
    }
    ev = malloc(sizeof(*ev) + nperms * sizeof(*perms) + strlen(path) + 1);
    if ( !ev )
    {
        v->tx->failed = true;
        return;
    }
    ev->next = NULL;
    ev->exact = exact;
    ev->nperms = nperms;
    ev->perms = (struct xs_perm *)(ev + 1);
    if ( nperms )
        memcpy(ev->perms, perms, nperms * sizeof(*perms));
    ev->path = (char *)(ev->perms + nperms);
    strcpy(ev->path, path);
    *v->tx->events_tail = ev;
    v->tx->events_tail = &ev->next;
}

struct xs_tx *xs_tx_find(struct xs_conn *c, uint32_t id)
{
    struct xs_tx *tx;

    for ( tx = c->txs; tx; tx = tx->next )
        if ( tx->id == id )
            return tx;
    return NULL;
}

static void free_rec(struct xs_hlink *l, void *arg)
{
    struct xs_tx_rec *rec = xs_container_of(l, struct xs_tx_rec, link);

    free(rec->node);
    free(rec);
}

static void tx_free(struct xs_tx *tx)
{
    struct xs_tx_event *ev;

    while ( (ev = tx->events) )
    {
        tx->events = ev->next;
        free(ev);
    }
    if ( tx->recs.buckets )
        xs_hash_walk(&tx->recs, free_rec, NULL);
    xs_hash_fini(&tx->recs);
    free(tx);
}

void xs_tx_drop_all(struct xs_conn *c)
{
    struct xs_tx *tx;

    while ( (tx = c->txs) )
    {
        c->txs = tx->next;
        tx_free(tx);
    }
    c->ntxs = 0;
}

/* State shared by the commit passes over the records. */
struct commit {
    struct xs_store *s;
    int rc;
};

static void check_rec(struct xs_hlink *l, void *arg)
{
    struct xs_tx_rec *rec = xs_container_of(l, struct xs_tx_rec, link);
    struct commit *cm = arg;
    const struct xs_node *shared = xs_store_get(cm->s, rec->path);

    if ( (shared ? shared->gen : XS_NO_GEN) != rec->seen )
        cm->rc = EAGAIN;
    else if ( rec->modified && rec->node && !cm->rc &&
              xs_store_reserve(cm->s, xs_node_owner(rec->node)) )
        cm->rc = ENOMEM;
}

static void apply_rec(struct xs_hlink *l, void *arg)
{
    struct xs_tx_rec *rec = xs_container_of(l, struct xs_tx_rec, link);
    struct commit *cm = arg;

    if ( !rec->modified )
        return;
    if ( rec->node )
        xs_store_put(cm->s, rec->node);
    else
        xs_store_del(cm->s, rec->path);
    rec->node = NULL;
}

static int tx_commit(struct xs_store *s, struct xs_conn *c, struct xs_tx *tx)
{
    struct commit cm = { .s = s, .rc = 0 };
    struct xs_domain *d = xs_domain_find(s, c->id.domid);
    struct xs_tx_event *ev;

    if ( tx->failed )
        return ENOMEM;
    if ( xs_conn_unprivileged(c) &&
         (d ? d->nodes : 0) + tx->own_delta > (long)s->quota.nodes )
        return ENOSPC;
    xs_hash_walk(&tx->recs, check_rec, &cm);
    if ( cm.rc == EAGAIN )
        return EAGAIN;
    if ( cm.rc )
        return cm.rc;
    xs_hash_walk(&tx->recs, apply_rec, &cm);
    for ( ev = tx->events; ev; ev = ev->next )
        xs_watch_fire(s, ev->path, ev->exact, ev->perms, ev->nperms);
    return 0;
}

int xs_do_transaction_start(struct xs_req *r)
{
    struct xs_conn *c = r->c;
    struct xs_tx *tx;
    char id[16];

    if ( r->tx )
        return EBUSY;
    if ( xs_conn_unprivileged(c) && c->ntxs >= r->s->quota.transactions )
        return ENOSPC;
    tx = calloc(1, sizeof(*tx));
    if ( !tx || xs_hash_init(&tx->recs) )
    {
        free(tx);
        return ENOMEM;
    }
    tx->events_tail = &tx->events;
    do
        tx->id = c->next_txid++;
    while ( tx->id == 0 || xs_tx_find(c, tx->id) );
    tx->next = c->txs;
    c->txs = tx;
    c->ntxs++;
    snprintf(id, sizeof(id), "%u", tx->id);
    return xs_reply_str(r, id);
}

int xs_do_transaction_end(struct xs_req *r)
{
    const char *arg = xs_onearg(r);
    struct xs_conn *c = r->c;
    struct xs_tx **pp;
    int rc = 0;

    if ( !arg || (strcmp(arg, "T") && strcmp(arg, "F")) )
        return EINVAL;
    if ( !r->tx )
        return ENOENT;
    for ( pp = &c->txs; *pp != r->tx; pp = &(*pp)->next )
        continue;
    *pp = r->tx->next;
    c->ntxs--;
    if ( !strcmp(arg, "T") )
        rc = tx_commit(r->s, c, r->tx);
    tx_free(r->tx);
    r->tx = NULL;
    return rc ? rc : xs_reply_ok(r);
}
