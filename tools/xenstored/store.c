/* SPDX-License-Identifier: GPL-2.0-only */
/* The shared node store (see store.h). Every node lives in one hash table
 * by path; the tree is the child lists inside the records, so a transaction
 * commit is a set of record replacements. Each replacement hands out a new
 * generation and moves the node count and memory between owners. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "domain.h"
#include "store.h"

static const struct xs_perm dom0_none = { .id = 0, .perms = XS_PERM_NONE };

static void account(struct xs_store *s, const struct xs_node *n, int sign)
{
    struct xs_domain *d = xs_domain_get(s, xs_node_owner(n));

    if ( !d )
    {
        xs_store_log(s, "no accounting record for domain %u",
                     xs_node_owner(n));
        return;
    }
    d->nodes += sign;
    d->memory += sign * (long)xs_node_mem(n);
}

const struct xs_node *xs_store_get(const struct xs_store *s,
                                   const char *path)
{
    struct xs_hlink *l = xs_hash_get(&s->nodes, path);

    return l ? xs_container_of(l, struct xs_node, link) : NULL;
}

int xs_store_reserve(struct xs_store *s, unsigned int domid)
{
    return xs_domain_get(s, domid) ? 0 : ENOMEM;
}

void xs_store_put(struct xs_store *s, struct xs_node *n)
{
    struct xs_hlink *old;

    n->gen = s->gen++;
    n->link.key = n->path;
    account(s, n, 1);
    old = xs_hash_put(&s->nodes, &n->link);
    if ( old )
    {
        account(s, xs_container_of(old, struct xs_node, link), -1);
        free(xs_container_of(old, struct xs_node, link));
    }
}

void xs_store_del(struct xs_store *s, const char *path)
{
    struct xs_hlink *old = xs_hash_take(&s->nodes, path);

    if ( old )
    {
        account(s, xs_container_of(old, struct xs_node, link), -1);
        free(xs_container_of(old, struct xs_node, link));
    }
}

/* The nodes C xenstored starts with, owned by dom0, no access for others. */
static int initial_node(struct xs_store *s, const char *path,
                        const char *child)
{
    struct xs_node *n;

    n = xs_node_new(path, &dom0_none, 1, NULL, 0, child,
                    child ? strlen(child) + 1 : 0);
    if ( !n || xs_store_reserve(s, 0) )
    {
        free(n);
        return ENOMEM;
    }
    xs_store_put(s, n);
    return 0;
}

static int init_specials(struct xs_store *s)
{
    static const char *const names[XS_SPECIAL_COUNT] = {
        [XS_SPECIAL_INTRODUCE] = "@introduceDomain",
        [XS_SPECIAL_RELEASE] = "@releaseDomain",
    };
    unsigned int i;

    for ( i = 0; i < XS_SPECIAL_COUNT; i++ )
    {
        s->special[i].name = names[i];
        s->special[i].perms = malloc(sizeof(dom0_none));
        if ( !s->special[i].perms )
            return ENOMEM;
        s->special[i].perms[0] = dom0_none;
        s->special[i].nperms = 1;
    }
    return 0;
}

int xs_store_init(struct xs_store *s, const struct xs_ops *ops, void *opaque)
{
    memset(s, 0, sizeof(*s));
    s->ops = ops;
    s->opaque = opaque;
    s->gen = 1;
    xs_quota_defaults(&s->quota);
    if ( xs_hash_init(&s->nodes) || init_specials(s) ||
         initial_node(s, "/", "tool") ||
         initial_node(s, "/tool", "xenstored") ||
         initial_node(s, "/tool/xenstored", NULL) )
    {
        xs_store_fini(s);
        return ENOMEM;
    }
    return 0;
}

static void free_node(struct xs_hlink *l, void *arg)
{
    free(xs_container_of(l, struct xs_node, link));
}

void xs_store_fini(struct xs_store *s)
{
    unsigned int i;

    while ( s->conns )
        xs_conn_free(s->conns);
    if ( s->nodes.buckets )
        xs_hash_walk(&s->nodes, free_node, NULL);
    xs_hash_fini(&s->nodes);
    xs_domain_free_all(s);
    for ( i = 0; i < XS_SPECIAL_COUNT; i++ )
    {
        free(s->special[i].perms);
        s->special[i].perms = NULL;
    }
}

void xs_store_log(struct xs_store *s, const char *fmt, ...)
{
    char line[512];
    va_list ap;

    if ( !s->ops || !s->ops->log )
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    s->ops->log(s, line);
}
