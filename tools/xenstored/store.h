/* SPDX-License-Identifier: GPL-2.0-only */
/* The xenstore state: the nodes, the connections, the domains and the hooks
 * through which the core reaches its transports. */
#ifndef XSD_STORE_H
#define XSD_STORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "hash.h"
#include "node.h"
#include "quota.h"

struct xs_conn;
struct xs_domain;
struct xs_store;

/*
 * Filled in by the daemon (or a test). send is required; the rest may be
 * NULL. The domain hooks own the ring transport the core knows nothing of.
 */
struct xs_ops {
    /* Queue one whole message (reply or watch event) for c, in order. */
    void (*send)(struct xs_conn *c, const void *msg, size_t len);
    /* First XS_INTRODUCE of domid: connect to its ring and create its
     * connection with xs_conn_new(); 0 or an errno. NULL: refused. */
    int (*introduce)(struct xs_store *s, unsigned int domid, uint64_t gfn,
                     unsigned int port, struct xs_conn **conn);
    /* Later XS_INTRODUCE: bind the new port, reset the ring indexes. */
    int (*reintroduce)(struct xs_store *s, struct xs_conn *c,
                       unsigned int port);
    /* The domain's connection is about to be freed: unmap, unbind. */
    void (*release)(struct xs_store *s, struct xs_conn *c);
    /* One line for the log (CONTROL print, consistency problems). */
    void (*log)(struct xs_store *s, const char *msg);
};

/* The special watch paths, with permission lists SET_PERMS can change. */
enum { XS_SPECIAL_INTRODUCE, XS_SPECIAL_RELEASE, XS_SPECIAL_COUNT };

struct xs_special {
    const char *name;
    struct xs_perm *perms;
    unsigned int nperms;
};

struct xs_store {
    struct xs_hash nodes;               /* xs_node by path */
    uint64_t gen;                       /* next generation to hand out */
    struct xs_conn *conns;
    struct xs_domain *domains;
    struct xs_quota quota;
    struct xs_special special[XS_SPECIAL_COUNT];
    const struct xs_ops *ops;
    void *opaque;                       /* for the hooks */
};

/* Empty store holding /, /tool and /tool/xenstored; 0 or ENOMEM. */
int xs_store_init(struct xs_store *s, const struct xs_ops *ops, void *opaque);

/* Frees every node, connection and domain. */
void xs_store_fini(struct xs_store *s);

const struct xs_node *xs_store_get(const struct xs_store *s,
                                   const char *path);

/* Makes n (taken over) the shared copy of its path with a new generation,
 * moving node counts and memory between owners. Cannot fail once
 * xs_store_reserve() succeeded for n's owner. */
void xs_store_put(struct xs_store *s, struct xs_node *n);
void xs_store_del(struct xs_store *s, const char *path);

/* Makes sure the accounting record of domid exists; 0 or ENOMEM. */
int xs_store_reserve(struct xs_store *s, unsigned int domid);

/* Formats a line for the log hook. */
void xs_store_log(struct xs_store *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* XSD_STORE_H */
