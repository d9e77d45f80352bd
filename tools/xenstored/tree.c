/* SPDX-License-Identifier: GPL-2.0-only */
/* Node operations (see tree.h). Each one checks rights and quotas and builds
 * every new record before it changes anything, so that on the shared store
 * a failure leaves no trace; in a transaction a late failure dooms it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "domain.h"
#include "path.h"
#include "store.h"
#include "tree.h"

static unsigned int rel_max(const struct xs_view *v)
{
    return xs_conn_unprivileged(v->conn) ? v->s->quota.path_max : 0;
}

static unsigned int perm_of(const struct xs_view *v, const struct xs_node *n)
{
    return xs_perms_for(&v->conn->id, n->perms, n->nperms);
}

/* The rights the nearest existing proper ancestor of path grants. */
static int ancestor_perm(struct xs_view *v, const char *path,
                         unsigned int *perm)
{
    char buf[XS_PATH_BUF];
    const struct xs_node *n;
    int rc;

    strcpy(buf, path);
    do
    {
        xs_path_parent(buf, buf);
        rc = xs_view_get(v, buf, &n);
        if ( !rc )
        {
            *perm = perm_of(v, n);
            return 0;
        }
        if ( rc != ENOENT )
            return rc;
    } while ( strcmp(buf, "/") );
    *perm = XS_PERM_NONE;
    return 0;
}

int xs_tree_get(struct xs_view *v, const char *path, unsigned int want,
                const struct xs_node **out)
{
    const struct xs_node *n;
    unsigned int perm;
    int rc, arc;

    if ( !xs_path_valid(path, rel_max(v)) )
        return EINVAL;
    rc = xs_view_get(v, path, &n);
    if ( !rc )
    {
        if ( (perm_of(v, n) & want) == want )
        {
            *out = n;
            return 0;
        }
        rc = EACCES;
    }
    if ( (rc != ENOENT && rc != EACCES) || !strcmp(path, "/") )
        return rc;
    arc = ancestor_perm(v, path, &perm);
    if ( arc )
        return arc;
    return (perm & want) ? rc : EACCES;
}

/* Node-size and memory quotas when an unprivileged connection writes n in
 * place of old (NULL for a new node). */
static int check_node(struct xs_view *v, const struct xs_node *n,
                      const struct xs_node *old)
{
    struct xs_domain *d;
    long grow;

    if ( !xs_conn_unprivileged(v->conn) )
        return 0;
    if ( xs_node_record_size(n) >= v->s->quota.node_size )
        return ENOSPC;
    d = xs_domain_find(v->s, xs_node_owner(n));
    grow = (long)xs_node_mem(n) - (old ? (long)xs_node_mem(old) : 0);
    if ( d && d->domid != 0 && grow > 0 &&
         d->memory + grow >= (long)v->s->quota.mem_hard )
        return ENOMEM;
    return 0;
}

/* Reserves accounting for, then publishes, nodes[0..count); those already
 * published are set to NULL. */
static int publish(struct xs_view *v, struct xs_node **nodes,
                   unsigned int count)
{
    unsigned int i;
    int rc;

    for ( i = 0; i < count; i++ )
        if ( xs_view_reserve(v, xs_node_owner(nodes[i])) )
            return ENOMEM;
    for ( i = 0; i < count; i++ )
    {
        rc = xs_view_put(v, nodes[i]);
        nodes[i] = NULL;
        if ( rc )
            return rc;
    }
    return 0;
}

/* Walks up from path to the nearest existing node; *missing counts the
 * nodes to create, path included. */
static int existing_ancestor(struct xs_view *v, const char *path, char *anc,
                             const struct xs_node **top, unsigned int *missing)
{
    int rc;

    strcpy(anc, path);
    *missing = 1;
    for ( ;; )
    {
        if ( !strcmp(anc, "/") )
            return EIO;                 /* the root always exists */
        xs_path_parent(anc, anc);
        rc = xs_view_get(v, anc, top);
        if ( rc != ENOENT )
            return rc;
        (*missing)++;
    }
}

/* New nodes inherit the parent's list; unprivileged creators own them. */
static struct xs_perm *inherited_perms(struct xs_view *v,
                                       const struct xs_node *parent)
{
    struct xs_perm *p = malloc(parent->nperms * sizeof(*p));

    if ( !p )
        return NULL;
    memcpy(p, parent->perms, parent->nperms * sizeof(*p));
    if ( xs_conn_unprivileged(v->conn) )
        p[0].id = v->conn->id.domid;
    return p;
}

/* Builds nodes[0], the existing top with its new child, and nodes[1..k],
 * the missing nodes from the top down to path, which gets the value. */
static int build_new(struct xs_view *v, const char *path, const char *anc,
                     const struct xs_node *top, unsigned int k,
                     const void *data, unsigned int len,
                     struct xs_node **nodes)
{
    char pre[XS_PATH_BUF], child[XS_PATH_BUF];
    const char *comp = path + (strcmp(anc, "/") ? strlen(anc) + 1 : 1);
    size_t clen = strcspn(comp, "/"), end;
    struct xs_perm *perms = inherited_perms(v, top);
    unsigned int i;
    int rc;

    if ( !perms )
        return ENOMEM;
    memcpy(child, comp, clen);
    child[clen] = '\0';
    nodes[0] = xs_node_add_child(top, child);
    rc = nodes[0] ? check_node(v, nodes[0], top) : ENOMEM;
    for ( i = 1; i <= k && !rc; i++ )
    {
        end = (size_t)(comp - path) + clen;
        memcpy(pre, path, end);
        pre[end] = '\0';
        if ( i < k )
        {
            comp += clen + 1;
            clen = strcspn(comp, "/");
            memcpy(child, comp, clen);
            child[clen] = '\0';
            nodes[i] = xs_node_new(pre, perms, top->nperms, NULL, 0,
                                   child, clen + 1);
        }
        else
            nodes[i] = xs_node_new(pre, perms, top->nperms, data, len,
                                   NULL, 0);
        rc = nodes[i] ? check_node(v, nodes[i], NULL) : ENOMEM;
    }
    free(perms);
    return rc;
}

/* Creates path and its missing ancestors. */
static int create(struct xs_view *v, const char *path,
                  const void *data, unsigned int len)
{
    char anc[XS_PATH_BUF];
    const struct xs_node *top;
    struct xs_node **nodes;
    unsigned int k, i;
    int rc = existing_ancestor(v, path, anc, &top, &k);

    if ( rc )
        return rc;
    if ( xs_conn_unprivileged(v->conn) &&
         xs_view_own_nodes(v) + k > (long)v->s->quota.nodes )
        return ENOSPC;
    nodes = calloc(k + 1, sizeof(*nodes));
    if ( !nodes )
        return ENOMEM;
    rc = build_new(v, path, anc, top, k, data, len, nodes);
    if ( !rc )
        rc = publish(v, nodes, k + 1);
    for ( i = 0; i <= k; i++ )
        free(nodes[i]);
    free(nodes);
    if ( !rc )
        xs_view_fire(v, path, false, NULL, 0);
    return rc;
}

/* Publishes n in place of old, checking quotas first. */
static int replace(struct xs_view *v, struct xs_node *n,
                   const struct xs_node *old)
{
    int rc;

    if ( !n )
        return ENOMEM;
    rc = check_node(v, n, old);
    if ( !rc )
        rc = publish(v, &n, 1);
    free(n);
    return rc;
}

int xs_tree_write(struct xs_view *v, const char *path,
                  const void *data, unsigned int len)
{
    const struct xs_node *old;
    int rc = xs_tree_get(v, path, XS_PERM_WRITE, &old);

    if ( rc == ENOENT )
        return create(v, path, data, len);
    if ( !rc )
        rc = replace(v, xs_node_with_data(old, data, len), old);
    if ( !rc )
        xs_view_fire(v, path, false, NULL, 0);
    return rc;
}

int xs_tree_mkdir(struct xs_view *v, const char *path)
{
    const struct xs_node *old;
    int rc = xs_tree_get(v, path, XS_PERM_WRITE, &old);

    return rc == ENOENT ? create(v, path, NULL, 0) : rc;
}

/* Removes the node whose path is in buf (len bytes) and all below it,
 * children first; buf is extended in place for them. */
static int rm_subtree(struct xs_view *v, char *buf, size_t len, bool root)
{
    const struct xs_node *n;
    unsigned int off;
    size_t clen;
    int rc = xs_view_get(v, buf, &n);

    if ( rc )
        return rc == ENOENT ? 0 : rc;   /* a listed child may be missing */
    for ( off = 0; off < n->childlen; off += clen + 1 )
    {
        clen = strlen(n->children + off);
        if ( len + 1 + clen >= XS_PATH_BUF )
            return EIO;
        buf[len] = '/';
        memcpy(buf + len + 1, n->children + off, clen + 1);
        rc = rm_subtree(v, buf, len + 1 + clen, false);
        buf[len] = '\0';
        if ( rc )
            return rc;
    }
    /* Watches below the removed root fire on their own path. */
    xs_view_fire(v, buf, !root, n->perms, n->nperms);
    return xs_view_del(v, buf);
}

int xs_tree_rm(struct xs_view *v, const char *path)
{
    char parent[XS_PATH_BUF], buf[XS_PATH_BUF];
    const struct xs_node *n, *p;
    struct xs_node *np;
    int rc = xs_tree_get(v, path, XS_PERM_WRITE, &n);

    if ( rc == ENOENT )
    {
        xs_path_parent(path, parent);
        return xs_view_get(v, parent, &p);
    }
    if ( rc )
        return rc;
    if ( !strcmp(path, "/") )
        return EINVAL;
    xs_path_parent(path, parent);
    rc = xs_view_get(v, parent, &p);
    if ( rc )
        return rc == ENOENT ? EINVAL : rc;
    np = xs_node_del_child(p, xs_path_basename(path));
    if ( !np || xs_view_reserve(v, xs_node_owner(np)) )
    {
        free(np);
        return ENOMEM;
    }
    strcpy(buf, path);
    rc = rm_subtree(v, buf, strlen(buf), true);
    if ( rc )
    {
        free(np);
        return rc;
    }
    return xs_view_put(v, np);
}

int xs_tree_set_perms(struct xs_view *v, const char *path,
                      const struct xs_perm *p, unsigned int n)
{
    const struct xs_node *old;
    struct xs_perm *oldp;
    unsigned int oldn;
    int rc = xs_tree_get(v, path, XS_PERM_WRITE | XS_PERM_OWNER, &old);

    if ( rc )
        return rc;
    if ( xs_conn_unprivileged(v->conn) && p[0].id != old->perms[0].id )
        return EPERM;
    oldn = old->nperms;
    oldp = malloc(oldn * sizeof(*oldp));
    if ( !oldp )
        return ENOMEM;
    memcpy(oldp, old->perms, oldn * sizeof(*oldp));
    rc = replace(v, xs_node_with_perms(old, p, n), old);
    /* Watchers who could read the node before hear of it too. */
    if ( !rc )
        xs_view_fire(v, path, false, oldp, oldn);
    free(oldp);
    return rc;
}
