/* SPDX-License-Identifier: GPL-2.0-only */
/* Node records (see node.h): one allocation holding the header, the
 * permission array, the path, the value and the child names. */
#include <stdlib.h>
#include <string.h>

#include "node.h"

struct xs_node *xs_node_new(const char *path,
                            const struct xs_perm *perms, unsigned int nperms,
                            const void *data, unsigned int datalen,
                            const char *children, unsigned int childlen)
{
    size_t plen = strlen(path) + 1;
    struct xs_node *n;
    char *p;

    n = malloc(sizeof(*n) + nperms * sizeof(*perms) + plen + datalen +
               childlen);
    if ( !n )
        return NULL;
    memset(n, 0, sizeof(*n));
    n->perms = (struct xs_perm *)(n + 1);
    memcpy(n->perms, perms, nperms * sizeof(*perms));
    p = (char *)(n->perms + nperms);
    n->path = p;
    memcpy(p, path, plen);
    n->data = p + plen;
    if ( datalen )
        memcpy(n->data, data, datalen);
    n->children = n->data + datalen;
    if ( childlen )
        memcpy(n->children, children, childlen);
    n->nperms = nperms;
    n->datalen = datalen;
    n->childlen = childlen;
    n->link.key = n->path;
    return n;
}

struct xs_node *xs_node_with_data(const struct xs_node *n,
                                  const void *data, unsigned int len)
{
    return xs_node_new(n->path, n->perms, n->nperms, data, len,
                       n->children, n->childlen);
}

struct xs_node *xs_node_with_perms(const struct xs_node *n,
                                   const struct xs_perm *p, unsigned int np)
{
    return xs_node_new(n->path, p, np, n->data, n->datalen,
                       n->children, n->childlen);
}

struct xs_node *xs_node_add_child(const struct xs_node *n, const char *name)
{
    unsigned int len = strlen(name) + 1;
    struct xs_node *c;
    char *kids = malloc(n->childlen + len);

    if ( !kids )
        return NULL;
    memcpy(kids, n->children, n->childlen);
    memcpy(kids + n->childlen, name, len);
    c = xs_node_new(n->path, n->perms, n->nperms, n->data, n->datalen,
                    kids, n->childlen + len);
    free(kids);
    return c;
}

/* Offset of name in n's child list, or -1. */
static long child_offset(const struct xs_node *n, const char *name)
{
    unsigned int off;

    for ( off = 0; off < n->childlen; off += strlen(n->children + off) + 1 )
        if ( !strcmp(n->children + off, name) )
            return off;
    return -1;
}

struct xs_node *xs_node_del_child(const struct xs_node *n, const char *name)
{
    long off = child_offset(n, name);
    unsigned int len;
    struct xs_node *c;

    if ( off < 0 )
        return xs_node_with_data(n, n->data, n->datalen);
    len = strlen(name) + 1;
    c = xs_node_new(n->path, n->perms, n->nperms, n->data, n->datalen,
                    n->children, n->childlen - len);
    if ( c )
        memcpy(c->children + off, n->children + off + len,
               n->childlen - off - len);
    return c;
}

unsigned int xs_node_record_size(const struct xs_node *n)
{
    return 24 + 8 * n->nperms + n->datalen + n->childlen;
}

unsigned long xs_node_mem(const struct xs_node *n)
{
    return xs_node_record_size(n) + strlen(n->path);
}
