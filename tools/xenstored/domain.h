/* SPDX-License-Identifier: GPL-2.0-only */
/* Domains: introduction bookkeeping, @introduceDomain/@releaseDomain, and
 * the node and memory accounting the quotas are checked against. */
#ifndef XSD_DOMAIN_H
#define XSD_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "perms.h"

struct xs_store;
struct xs_conn;
struct xs_req;

#define XS_DOMID_SELF 0x7ff0u

struct xs_domain {
    struct xs_domain *next;
    unsigned int domid;
    bool introduced;                    /* INTRODUCE seen, no RELEASE since */
    bool shutdown;                      /* @releaseDomain sent for it */
    struct xs_conn *conn;               /* while introduced */
    uint64_t gfn;
    unsigned int port;
    long nodes;                         /* nodes it owns */
    long memory;                        /* bytes charged to it */
    long scratch;                       /* for xs_store_check() */
};

struct xs_domain *xs_domain_find(struct xs_store *s, unsigned int domid);

/* Finds or creates the record; NULL when out of memory. */
struct xs_domain *xs_domain_get(struct xs_store *s, unsigned int domid);

void xs_domain_free_all(struct xs_store *s);

/* For the daemon's VIRQ_DOM_EXC handling: a domain found shut down or
 * crashed fires @releaseDomain once (until RESUME); a dying or vanished one
 * also loses its connection. */
void xs_domain_shutdown(struct xs_store *s, unsigned int domid);
void xs_domain_gone(struct xs_store *s, unsigned int domid);

/* Special watch paths: index into s->special, or -1. */
int xs_special_index(const char *name);
bool xs_special_readable(struct xs_store *s, const struct xs_ident *who,
                         const char *name);
int xs_special_set_perms(struct xs_store *s, const struct xs_ident *who,
                         const char *name, const struct xs_perm *p,
                         unsigned int n);

/* Request handlers. */
int xs_do_introduce(struct xs_req *r);
int xs_do_release(struct xs_req *r);
int xs_do_resume(struct xs_req *r);
int xs_do_set_target(struct xs_req *r);
int xs_do_get_domain_path(struct xs_req *r);
int xs_do_is_domain_introduced(struct xs_req *r);

#endif /* XSD_DOMAIN_H */
