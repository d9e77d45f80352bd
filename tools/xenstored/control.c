/* SPDX-License-Identifier: GPL-2.0-only */
/* XS_CONTROL commands (see control.h) and the store consistency check. Each
 * command is a table entry; unknown ones are EINVAL. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "conn.h"
#include "control.h"
#include "domain.h"
#include "path.h"
#include "protocol.h"
#include "store.h"

struct check {
    struct xs_store *s;
    unsigned int problems;
};

static void problem(struct check *ck, const char *what, const char *path)
{
    ck->problems++;
    xs_store_log(ck->s, "check: %s: %s", what, path);
}

/* Every child listed exists; every node is listed by its parent. */
static void check_node(struct xs_hlink *l, void *arg)
{
    const struct xs_node *n = xs_container_of(l, struct xs_node, link);
    const struct xs_node *p;
    struct check *ck = arg;
    char path[XS_PATH_BUF];
    struct xs_domain *d;
    unsigned int off;
    const char *name;

    for ( off = 0; off < n->childlen; off += strlen(n->children + off) + 1 )
        if ( xs_path_join(n->path, n->children + off, path) ||
             !xs_store_get(ck->s, path) )
            problem(ck, "missing child", n->path);
    if ( strcmp(n->path, "/") )
    {
        xs_path_parent(n->path, path);
        p = xs_store_get(ck->s, path);
        name = xs_path_basename(n->path);
        for ( off = 0; p && off < p->childlen;
              off += strlen(p->children + off) + 1 )
            if ( !strcmp(p->children + off, name) )
                break;
        if ( !p || off >= p->childlen )
            problem(ck, "not listed by its parent", n->path);
    }
    d = xs_domain_find(ck->s, xs_node_owner(n));
    if ( d )
        d->scratch++;
    else
        problem(ck, "owner without a record", n->path);
}

unsigned int xs_store_check(struct xs_store *s)
{
    struct check ck = { .s = s, .problems = 0 };
    struct xs_domain *d;
    char id[16];

    for ( d = s->domains; d; d = d->next )
        d->scratch = 0;
    if ( !xs_store_get(s, "/") )
        problem(&ck, "no root", "/");
    xs_hash_walk(&s->nodes, check_node, &ck);
    for ( d = s->domains; d; d = d->next )
        if ( d->scratch != d->nodes )
        {
            snprintf(id, sizeof(id), "%u", d->domid);
            problem(&ck, "node count differs for domain", id);
        }
    return ck.problems;
}

static int ctl_check(struct xs_req *r, const char *arg[], unsigned int n)
{
    xs_store_check(r->s);
    return xs_reply_ok(r);
}

static int ctl_print(struct xs_req *r, const char *arg[], unsigned int n)
{
    if ( n != 1 )
        return EINVAL;
    xs_store_log(r->s, "%s", arg[0]);
    return xs_reply_ok(r);
}

static int ctl_quota(struct xs_req *r, const char *arg[], unsigned int n)
{
    char buf[XENSTORE_PAYLOAD_MAX];
    struct xs_domain *d;
    struct xs_conn *c;

    if ( n == 0 )
    {
        xs_quota_format(&r->s->quota, buf, sizeof(buf));
        return xs_reply_str(r, buf);
    }
    d = n == 1 ? xs_domain_find(r->s, xs_parse_domid(arg[0])) : NULL;
    if ( n != 1 || !d )
        return n != 1 ? EINVAL : ENOENT;
    c = d->conn;
    snprintf(buf, sizeof(buf),
             "Domain %u:\nnodes %ld\nwatches %u\ntransactions %u\n"
             "memory %ld\n", d->domid, d->nodes, c ? c->nwatches : 0,
             c ? c->ntxs : 0, d->memory);
    return xs_reply_str(r, buf);
}

static int ctl_help(struct xs_req *r, const char *arg[], unsigned int n);

static const struct {
    const char *name;
    const char *usage;
    int (*run)(struct xs_req *r, const char *arg[], unsigned int n);
} commands[] = {
    { "check", "", ctl_check },
    { "help", "", ctl_help },
    { "print", "<string>", ctl_print },
    { "quota", "[<domid>]", ctl_quota },
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static int ctl_help(struct xs_req *r, const char *arg[], unsigned int n)
{
    char buf[512];
    size_t used = 0, i;

    buf[0] = '\0';
    for ( i = 0; i < NR_COMMANDS; i++ )
        used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s %s\n",
                                 commands[i].name, commands[i].usage);
    return xs_reply_str(r, buf);
}

#define MAX_ARGS 8

int xs_do_control(struct xs_req *r)
{
    unsigned int n = xs_count_strings(r->body, r->hdr.len), i;
    const char *arg[MAX_ARGS];
    const char *p;

    if ( n == 0 )
        return EINVAL;
    for ( i = 0, p = r->body + strlen(r->body) + 1; i < n - 1 && i < MAX_ARGS;
          i++, p += strlen(p) + 1 )
        arg[i] = p;
    if ( n - 1 > MAX_ARGS )
        return EINVAL;
    for ( i = 0; i < NR_COMMANDS; i++ )
        if ( !strcmp(r->body, commands[i].name) )
            return commands[i].run(r, arg, n - 1);
    return EINVAL;
}
