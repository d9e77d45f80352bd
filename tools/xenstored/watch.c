/* SPDX-License-Identifier: GPL-2.0-only */
/* Watches (see watch.h). A change to P fires watches on P and its ancestors
 * (any watch on "/" sees everything, special events included); events to a
 * watch registered with a relative path carry relative paths. Unprivileged
 * watches count against the watch and memory quotas of their domain. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "domain.h"
#include "path.h"
#include "protocol.h"
#include "store.h"
#include "watch.h"

struct xs_watch {
    struct xs_watch *next;
    bool relative;                      /* events relative to conn's home */
    char *token;
    char path[];                        /* absolute, or @special */
};

static long watch_mem(const struct xs_watch *w)
{
    return (long)(strlen(w->path) + strlen(w->token));
}

static void charge(struct xs_conn *c, long mem)
{
    struct xs_domain *d = xs_domain_find(c->store, c->id.domid);

    if ( d && xs_conn_unprivileged(c) )
        d->memory += mem;
}

static bool readable(struct xs_conn *c, const struct xs_node *n)
{
    return n && (xs_perms_for(&c->id, n->perms, n->nperms) & XS_PERM_READ);
}

/* May c hear of a change to path: can it read the node as it was (perms),
 * as it is, or its parent? */
static bool permitted(struct xs_store *s, struct xs_conn *c, const char *path,
                      const struct xs_perm *perms, unsigned int nperms)
{
    char parent[XS_PATH_BUF];

    if ( c->id.privileged )
        return true;
    if ( perms && (xs_perms_for(&c->id, perms, nperms) & XS_PERM_READ) )
        return true;
    if ( !xs_store_get(s, path) )
        return false;
    if ( readable(c, xs_store_get(s, path)) )
        return true;
    xs_path_parent(path, parent);
    return readable(c, xs_store_get(s, parent));
}

static const char *event_path(const struct xs_conn *c,
                              const struct xs_watch *w, const char *path)
{
    size_t len = strlen(c->home);

    if ( !w->relative || strncmp(path, c->home, len) )
        return path;
    path += len;
    return *path == '/' ? path + 1 : path;
}

static bool matches(const struct xs_watch *w, const char *path, bool exact)
{
    return exact ? !strcmp(path, w->path) : xs_path_is_child(path, w->path);
}

void xs_watch_fire(struct xs_store *s, const char *path, bool exact,
                   const struct xs_perm *perms, unsigned int nperms)
{
    struct xs_conn *c;
    struct xs_watch *w;
    int ok;

    for ( c = s->conns; c; c = c->next )
    {
        ok = -1;                        /* rights looked up on first match */
        for ( w = c->watches; w; w = w->next )
        {
            if ( !matches(w, path, exact) )
                continue;
            if ( ok < 0 )
                ok = path[0] == '@' ? xs_special_readable(s, &c->id, path)
                                    : permitted(s, c, path, perms, nperms);
            if ( ok )
                xs_send_event(c, event_path(c, w, path), w->token);
        }
    }
}

void xs_watch_drop_all(struct xs_conn *c)
{
    struct xs_watch *w;

    while ( (w = c->watches) )
    {
        c->watches = w->next;
        charge(c, -watch_mem(w));
        free(w);
    }
    c->nwatches = 0;
}

/* Puts the absolute form of the watch path in r->path. */
static int watch_path(struct xs_req *r, const char *path, bool *relative)
{
    *relative = path[0] != '/' && path[0] != '@';
    if ( path[0] == '@' )
    {
        if ( strlen(path) > XENSTORE_REL_PATH_MAX )
            return EINVAL;
        strcpy(r->path, path);
        return 0;
    }
    if ( !xs_req_path(r, path) ||
         !xs_path_valid(r->path, xs_conn_unprivileged(r->c) ?
                                 r->s->quota.path_max : 0) )
        return EINVAL;
    return 0;
}

static int check_new(struct xs_req *r, const char *token)
{
    struct xs_conn *c = r->c;
    struct xs_watch *w;
    struct xs_domain *d;
    long mem = (long)(strlen(r->path) + strlen(token));

    for ( w = c->watches; w; w = w->next )
        if ( !strcmp(w->path, r->path) && !strcmp(w->token, token) )
            return EEXIST;
    if ( !xs_conn_unprivileged(c) )
        return 0;
    if ( c->nwatches >= r->s->quota.watches )
        return E2BIG;
    d = xs_domain_get(r->s, c->id.domid);
    if ( !d || d->memory + mem >= (long)r->s->quota.mem_hard )
        return ENOMEM;
    return 0;
}

int xs_do_watch(struct xs_req *r)
{
    const char *path = r->body, *token;
    struct xs_watch *w, **pp;
    bool relative;
    int rc;

    if ( xs_count_strings(r->body, r->hdr.len) != 2 )
        return EINVAL;
    token = path + strlen(path) + 1;
    rc = watch_path(r, path, &relative);
    if ( !rc )
        rc = check_new(r, token);
    if ( rc )
        return rc;
    w = malloc(sizeof(*w) + strlen(r->path) + strlen(token) + 2);
    if ( !w )
        return ENOMEM;
    w->next = NULL;
    w->relative = relative;
    strcpy(w->path, r->path);
    w->token = w->path + strlen(w->path) + 1;
    strcpy(w->token, token);
    for ( pp = &r->c->watches; *pp; pp = &(*pp)->next )
        continue;
    *pp = w;
    r->c->nwatches++;
    charge(r->c, watch_mem(w));
    xs_reply_ok(r);
    /* A new watch fires once at once, which simplifies clients. */
    xs_send_event(r->c, event_path(r->c, w, w->path), w->token);
    return 0;
}

int xs_do_unwatch(struct xs_req *r)
{
    const char *token;
    struct xs_watch *w, **pp;

    if ( xs_count_strings(r->body, r->hdr.len) != 2 )
        return EINVAL;
    token = r->body + strlen(r->body) + 1;
    if ( !xs_req_path(r, r->body) )
        return ENOENT;
    for ( pp = &r->c->watches; (w = *pp); pp = &w->next )
        if ( !strcmp(w->path, r->path) && !strcmp(w->token, token) )
        {
            *pp = w->next;
            r->c->nwatches--;
            charge(r->c, -watch_mem(w));
            free(w);
            return xs_reply_ok(r);
        }
    return ENOENT;
}

int xs_do_reset_watches(struct xs_req *r)
{
    xs_conn_reset(r->c);
    r->tx = NULL;
    return xs_reply_ok(r);
}
