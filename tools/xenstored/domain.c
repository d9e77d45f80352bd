/* SPDX-License-Identifier: GPL-2.0-only */
/* Domains (see domain.h). The core keeps the bookkeeping; connecting to a
 * domain's ring is the transport's business, reached through the store's
 * introduce/reintroduce/release hooks. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "domain.h"
#include "protocol.h"
#include "store.h"
#include "watch.h"

struct xs_domain *xs_domain_find(struct xs_store *s, unsigned int domid)
{
    struct xs_domain *d;

    for ( d = s->domains; d; d = d->next )
        if ( d->domid == domid )
            return d;
    return NULL;
}

struct xs_domain *xs_domain_get(struct xs_store *s, unsigned int domid)
{
    struct xs_domain *d = xs_domain_find(s, domid);

    if ( d )
        return d;
    d = calloc(1, sizeof(*d));
    if ( !d )
        return NULL;
    d->domid = domid;
    d->next = s->domains;
    s->domains = d;
    return d;
}

void xs_domain_free_all(struct xs_store *s)
{
    struct xs_domain *d;

    while ( (d = s->domains) )
    {
        s->domains = d->next;
        free(d);
    }
}

int xs_special_index(const char *name)
{
    if ( !strcmp(name, "@introduceDomain") )
        return XS_SPECIAL_INTRODUCE;
    if ( !strcmp(name, "@releaseDomain") )
        return XS_SPECIAL_RELEASE;
    return -1;
}

bool xs_special_readable(struct xs_store *s, const struct xs_ident *who,
                         const char *name)
{
    int i = xs_special_index(name);

    return i >= 0 && (xs_perms_for(who, s->special[i].perms,
                                   s->special[i].nperms) & XS_PERM_READ);
}

int xs_special_set_perms(struct xs_store *s, const struct xs_ident *who,
                         const char *name, const struct xs_perm *p,
                         unsigned int n)
{
    const unsigned int need = XS_PERM_WRITE | XS_PERM_OWNER;
    int i = xs_special_index(name);
    struct xs_perm *copy;

    if ( i < 0 )
        return EINVAL;
    if ( (xs_perms_for(who, s->special[i].perms, s->special[i].nperms) &
          need) != need )
        return EACCES;
    copy = malloc(n * sizeof(*copy));
    if ( !copy )
        return ENOMEM;
    memcpy(copy, p, n * sizeof(*copy));
    free(s->special[i].perms);
    s->special[i].perms = copy;
    s->special[i].nperms = n;
    return 0;
}

static void fire_special(struct xs_store *s, int which)
{
    xs_watch_fire(s, s->special[which].name, false, NULL, 0);
}

/* Disconnects an introduced domain and tells the watchers. */
static void release_domain(struct xs_store *s, struct xs_domain *d)
{
    struct xs_conn *c = d->conn;

    if ( s->ops && s->ops->release )
        s->ops->release(s, c);
    xs_conn_free(c);                    /* clears d->conn and introduced */
    fire_special(s, XS_SPECIAL_RELEASE);
}

void xs_domain_shutdown(struct xs_store *s, unsigned int domid)
{
    struct xs_domain *d = xs_domain_find(s, domid);

    if ( d && d->introduced && !d->shutdown )
    {
        d->shutdown = true;
        fire_special(s, XS_SPECIAL_RELEASE);
    }
}

void xs_domain_gone(struct xs_store *s, unsigned int domid)
{
    struct xs_domain *d = xs_domain_find(s, domid);

    if ( d && d->introduced && d->conn )
        release_domain(s, d);
}

/* The first XS_INTRODUCE of d: the transport creates the connection. */
static int introduce_new(struct xs_store *s, struct xs_domain *d,
                         uint64_t gfn, unsigned int port)
{
    struct xs_conn *c = NULL;
    int rc;

    if ( !s->ops || !s->ops->introduce )
        return ENOSYS;
    rc = s->ops->introduce(s, d->domid, gfn, port, &c);
    if ( rc )
        return rc;
    if ( !c )
        return EIO;
    d->introduced = true;
    d->shutdown = false;
    d->conn = c;
    d->gfn = gfn;
    d->port = port;
    if ( d->domid != 0 )
        fire_special(s, XS_SPECIAL_INTRODUCE);
    return 0;
}

int xs_do_introduce(struct xs_req *r)
{
    const char *dom = r->body, *gfn, *port;
    struct xs_domain *d;
    long portnum;
    int rc = 0;

    if ( xs_count_strings(r->body, r->hdr.len) < 3 )
        return EINVAL;
    gfn = dom + strlen(dom) + 1;
    port = gfn + strlen(gfn) + 1;
    portnum = strtol(port, NULL, 10);
    if ( portnum <= 0 || portnum > 0x7fffffff )
        return EINVAL;
    d = xs_domain_get(r->s, xs_parse_domid(dom));
    if ( !d )
        return ENOMEM;
    if ( !d->introduced )
    {
        rc = introduce_new(r->s, d, strtoull(gfn, NULL, 10),
                           (unsigned int)portnum);
        return rc ? rc : xs_reply_ok(r);
    }
    /* Again: rebind the event channel, start the connection afresh. */
    if ( r->s->ops && r->s->ops->reintroduce )
        rc = r->s->ops->reintroduce(r->s, d->conn, (unsigned int)portnum);
    if ( rc )
        return rc;
    d->port = (unsigned int)portnum;
    if ( d->conn == r->c )
        r->tx = NULL;
    xs_conn_reset(d->conn);
    return xs_reply_ok(r);
}

/* The introduced domain named by a domid argument. */
static int connected(struct xs_store *s, const char *arg,
                     struct xs_domain **out)
{
    struct xs_domain *d = xs_domain_find(s, xs_parse_domid(arg));

    if ( !d || !d->introduced )
        return ENOENT;
    if ( !d->conn )
        return EINVAL;
    *out = d;
    return 0;
}

/* The introduced domain a RELEASE or RESUME names: never dom0. */
static int request_domain(struct xs_req *r, struct xs_domain **out)
{
    const char *arg = xs_onearg(r);

    if ( !arg || xs_parse_domid(arg) == 0 )
        return EINVAL;
    return connected(r->s, arg, out);
}

int xs_do_release(struct xs_req *r)
{
    struct xs_domain *d;
    int rc = request_domain(r, &d);

    if ( rc )
        return rc;
    release_domain(r->s, d);
    return xs_reply_ok(r);
}

int xs_do_resume(struct xs_req *r)
{
    struct xs_domain *d;
    int rc = request_domain(r, &d);

    if ( rc )
        return rc;
    d->shutdown = false;
    return xs_reply_ok(r);
}

int xs_do_set_target(struct xs_req *r)
{
    const char *dom = r->body, *target;
    struct xs_domain *d, *t;
    int rc;

    if ( xs_count_strings(r->body, r->hdr.len) < 2 )
        return EINVAL;
    target = dom + strlen(dom) + 1;
    rc = connected(r->s, dom, &d);
    if ( !rc )
        rc = connected(r->s, target, &t);
    if ( rc )
        return rc;
    d->conn->id.target = (int)t->domid;
    return xs_reply_ok(r);
}

int xs_do_get_domain_path(struct xs_req *r)
{
    const char *arg = xs_onearg(r);
    char path[32];

    if ( !arg )
        return EINVAL;
    snprintf(path, sizeof(path), "/local/domain/%u", xs_parse_domid(arg));
    return xs_reply_str(r, path);
}

int xs_do_is_domain_introduced(struct xs_req *r)
{
    const char *arg = xs_onearg(r);
    struct xs_domain *d;
    unsigned int domid;

    if ( !arg )
        return EINVAL;
    domid = xs_parse_domid(arg);
    d = xs_domain_find(r->s, domid);
    return xs_reply_str(r, domid == XS_DOMID_SELF || (d && d->introduced)
                           ? "T" : "F");
}
