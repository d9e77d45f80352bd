/* SPDX-License-Identifier: GPL-2.0-only */
/* Node operation requests (see nodeops.h): the payload layouts of READ,
 * WRITE, DIRECTORY[_PART], MKDIR, RM, GET/SET_PERMS. A missing or
 * unterminated path is EINVAL, as in C xenstored. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "domain.h"
#include "nodeops.h"
#include "protocol.h"
#include "store.h"
#include "tree.h"

static struct xs_view view_of(struct xs_req *r)
{
    return (struct xs_view){ .s = r->s, .conn = r->c, .tx = r->tx };
}

/* The node named by the one-string body, if the caller may read it. */
static int get_read(struct xs_req *r, const struct xs_node **n)
{
    const char *arg = xs_onearg(r);
    struct xs_view v = view_of(r);

    if ( !arg || !xs_req_path(r, arg) )
        return EINVAL;
    return xs_tree_get(&v, r->path, XS_PERM_READ, n);
}

int xs_do_read(struct xs_req *r)
{
    const struct xs_node *n;
    int rc = get_read(r, &n);

    return rc ? rc : xs_reply(r, n->data, n->datalen);
}

int xs_do_directory(struct xs_req *r)
{
    const struct xs_node *n;
    int rc = get_read(r, &n);

    return rc ? rc : xs_reply(r, n->children, n->childlen);
}

int xs_do_get_perms(struct xs_req *r)
{
    char buf[XENSTORE_PAYLOAD_MAX + 1];
    const struct xs_node *n;
    size_t len;
    int rc = get_read(r, &n);

    if ( rc )
        return rc;
    len = xs_perms_format(n->perms, n->nperms, buf, sizeof(buf));
    return len ? xs_reply(r, buf, len) : E2BIG;
}

/* The children from byte offset off, as many whole names as fit after the
 * generation; an empty name marks the end of the list. */
static int reply_part(struct xs_req *r, const struct xs_node *n,
                      unsigned long off)
{
    char buf[XENSTORE_PAYLOAD_MAX];
    size_t genlen, len = 0, max, name;

    genlen = (size_t)snprintf(buf, sizeof(buf), "%" PRIu64, n->gen) + 1;
    if ( off >= n->childlen )
    {
        buf[genlen] = '\0';
        return xs_reply(r, buf, genlen + 1);
    }
    max = XENSTORE_PAYLOAD_MAX - genlen - 1;
    while ( off + len < n->childlen )
    {
        name = strlen(n->children + off + len);
        if ( len + name >= max )
            break;
        len += name + 1;
    }
    memcpy(buf + genlen, n->children + off, len);
    if ( off + len == n->childlen )
        buf[genlen + len++] = '\0';
    return xs_reply(r, buf, genlen + len);
}

int xs_do_directory_part(struct xs_req *r)
{
    struct xs_view v = view_of(r);
    const struct xs_node *n;
    int rc;

    if ( xs_count_strings(r->body, r->hdr.len) != 2 ||
         !xs_req_path(r, r->body) )
        return EINVAL;
    rc = xs_tree_get(&v, r->path, XS_PERM_READ, &n);
    if ( rc )
        return rc;
    return reply_part(r, n, strtoul(r->body + strlen(r->body) + 1, NULL,
                                    10));
}

int xs_do_write(struct xs_req *r)
{
    struct xs_view v = view_of(r);
    size_t off;
    int rc;

    if ( xs_count_strings(r->body, r->hdr.len) < 1 ||
         !xs_req_path(r, r->body) )
        return EINVAL;
    off = strlen(r->body) + 1;
    rc = xs_tree_write(&v, r->path, r->body + off, r->hdr.len - off);
    return rc ? rc : xs_reply_ok(r);
}

int xs_do_mkdir(struct xs_req *r)
{
    const char *arg = xs_onearg(r);
    struct xs_view v = view_of(r);
    int rc;

    if ( !arg || !xs_req_path(r, arg) )
        return EINVAL;
    rc = xs_tree_mkdir(&v, r->path);
    return rc ? rc : xs_reply_ok(r);
}

int xs_do_rm(struct xs_req *r)
{
    const char *arg = xs_onearg(r);
    struct xs_view v = view_of(r);
    int rc;

    if ( !arg || !xs_req_path(r, arg) )
        return EINVAL;
    rc = xs_tree_rm(&v, r->path);
    return rc ? rc : xs_reply_ok(r);
}

/* Path, then one or more permission strings. */
int xs_do_set_perms(struct xs_req *r)
{
    unsigned int n = xs_count_strings(r->body, r->hdr.len);
    struct xs_view v = view_of(r);
    struct xs_perm *p;
    int rc;

    if ( n < 2 )
        return EINVAL;
    n--;
    if ( xs_conn_unprivileged(r->c) && n > r->s->quota.perms )
        return ENOSPC;
    p = malloc(n * sizeof(*p));
    if ( !p )
        return ENOMEM;
    rc = xs_perms_parse(r->body + strlen(r->body) + 1, n, p);
    if ( !rc && r->body[0] == '@' )
        rc = xs_special_set_perms(r->s, &r->c->id, r->body, p, n);
    else if ( !rc )
        rc = xs_req_path(r, r->body) ? xs_tree_set_perms(&v, r->path, p, n)
                                     : EINVAL;
    free(p);
    return rc ? rc : xs_reply_ok(r);
}
