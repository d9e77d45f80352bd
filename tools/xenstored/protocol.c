/* SPDX-License-Identifier: GPL-2.0-only */
/* The wire protocol (see protocol.h): framing, the table of message types
 * with the rights each needs, and the reply and event encodings. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "control.h"
#include "domain.h"
#include "nodeops.h"
#include "protocol.h"
#include "store.h"
#include "transaction.h"
#include "watch.h"

#define F_PRIV 0x1u                     /* privileged connections only */
#define F_NOTX 0x2u                     /* the header's tx_id is ignored */

struct msg_kind {
    const char *name;
    int (*handle)(struct xs_req *r);    /* NULL: not a request */
    unsigned int flags;
};

static const struct msg_kind kinds[XS_TYPE_COUNT] = {
    [XS_CONTROL]              = { "CONTROL", xs_do_control, F_PRIV },
    [XS_DIRECTORY]            = { "DIRECTORY", xs_do_directory, 0 },
    [XS_READ]                 = { "READ", xs_do_read, 0 },
    [XS_GET_PERMS]            = { "GET_PERMS", xs_do_get_perms, 0 },
    [XS_WATCH]                = { "WATCH", xs_do_watch, F_NOTX },
    [XS_UNWATCH]              = { "UNWATCH", xs_do_unwatch, F_NOTX },
    [XS_TRANSACTION_START]    = { "TRANSACTION_START",
                                  xs_do_transaction_start, 0 },
    [XS_TRANSACTION_END]      = { "TRANSACTION_END",
                                  xs_do_transaction_end, 0 },
    [XS_INTRODUCE]            = { "INTRODUCE", xs_do_introduce, F_PRIV },
    [XS_RELEASE]              = { "RELEASE", xs_do_release, F_PRIV },
    [XS_GET_DOMAIN_PATH]      = { "GET_DOMAIN_PATH",
                                  xs_do_get_domain_path, 0 },
    [XS_WRITE]                = { "WRITE", xs_do_write, 0 },
    [XS_MKDIR]                = { "MKDIR", xs_do_mkdir, 0 },
    [XS_RM]                   = { "RM", xs_do_rm, 0 },
    [XS_SET_PERMS]            = { "SET_PERMS", xs_do_set_perms, 0 },
    [XS_WATCH_EVENT]          = { "WATCH_EVENT", NULL, 0 },
    [XS_ERROR]                = { "ERROR", NULL, 0 },
    [XS_IS_DOMAIN_INTRODUCED] = { "IS_DOMAIN_INTRODUCED",
                                  xs_do_is_domain_introduced, F_PRIV },
    [XS_RESUME]               = { "RESUME", xs_do_resume, F_PRIV },
    [XS_SET_TARGET]           = { "SET_TARGET", xs_do_set_target, F_PRIV },
    [20]                      = { "RESTRICT", NULL, 0 },    /* withdrawn */
    [XS_RESET_WATCHES]        = { "RESET_WATCHES", xs_do_reset_watches, 0 },
    [XS_DIRECTORY_PART]       = { "DIRECTORY_PART",
                                  xs_do_directory_part, 0 },
};

static void send_msg(struct xs_conn *c, uint32_t type, uint32_t req_id,
                     uint32_t tx_id, const void *data, size_t len)
{
    char buf[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX];
    struct xsd_sockmsg hdr = {
        .type = type, .req_id = req_id, .tx_id = tx_id,
        .len = (uint32_t)len,
    };

    memcpy(buf, &hdr, sizeof(hdr));
    if ( len )
        memcpy(buf + sizeof(hdr), data, len);
    c->store->ops->send(c, buf, sizeof(hdr) + len);
}

const char *xs_errno_name(int err)
{
    size_t i;

    for ( i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++ )
        if ( xsd_errors[i].errnum == err )
            return xsd_errors[i].errstring;
    return xsd_errors[0].errstring;
}

static void send_error(struct xs_req *r, int err)
{
    const char *name = xs_errno_name(err);

    send_msg(r->c, XS_ERROR, r->hdr.req_id, r->hdr.tx_id, name,
             strlen(name) + 1);
}

int xs_reply(struct xs_req *r, const void *data, size_t len)
{
    if ( len > XENSTORE_PAYLOAD_MAX )
        send_error(r, E2BIG);
    else
        send_msg(r->c, r->hdr.type, r->hdr.req_id, r->hdr.tx_id, data, len);
    return 0;
}

int xs_reply_str(struct xs_req *r, const char *str)
{
    return xs_reply(r, str, strlen(str) + 1);
}

int xs_reply_ok(struct xs_req *r)
{
    return xs_reply_str(r, "OK");
}

void xs_send_event(struct xs_conn *c, const char *path, const char *token)
{
    size_t plen = strlen(path) + 1, tlen = strlen(token) + 1;
    char buf[XENSTORE_PAYLOAD_MAX];

    if ( plen + tlen > XENSTORE_PAYLOAD_MAX )
        return;
    memcpy(buf, path, plen);
    memcpy(buf + plen, token, tlen);
    send_msg(c, XS_WATCH_EVENT, 0, 0, buf, plen + tlen);
}

unsigned int xs_count_strings(const char *buf, size_t len)
{
    unsigned int n = 0;
    size_t i;

    for ( i = 0; i < len; i++ )
        n += buf[i] == '\0';
    return n;
}

const char *xs_onearg(const struct xs_req *r)
{
    if ( !r->hdr.len || memchr(r->body, 0, r->hdr.len) !=
                        r->body + r->hdr.len - 1 )
        return NULL;
    return r->body;
}

const char *xs_req_path(struct xs_req *r, const char *in)
{
    return xs_path_canonical(r->c->home, in, r->path) ? NULL : r->path;
}

unsigned int xs_parse_domid(const char *s)
{
    return (unsigned int)strtol(s, NULL, 10);
}

static int dispatch(struct xs_req *r)
{
    const struct msg_kind *k = NULL;

    if ( r->hdr.type < XS_TYPE_COUNT )
        k = &kinds[r->hdr.type];
    if ( !k || !k->handle )
        return ENOSYS;
    if ( (k->flags & F_PRIV) && xs_conn_unprivileged(r->c) )
        return EACCES;
    if ( !(k->flags & F_NOTX) && r->hdr.tx_id )
    {
        r->tx = xs_tx_find(r->c, r->hdr.tx_id);
        if ( !r->tx )
            return ENOENT;
    }
    return k->handle(r);
}

int xs_process(struct xs_store *s, struct xs_conn *c,
               const void *msg, size_t len)
{
    struct xs_req *r;
    int rc;

    if ( len < sizeof(r->hdr) )
        return -1;
    r = malloc(sizeof(*r));
    if ( !r )
        return -1;
    memcpy(&r->hdr, msg, sizeof(r->hdr));
    if ( r->hdr.len > XENSTORE_PAYLOAD_MAX ||
         len != sizeof(r->hdr) + r->hdr.len )
    {
        free(r);
        return -1;
    }
    r->s = s;
    r->c = c;
    r->tx = NULL;
    memcpy(r->body, (const char *)msg + sizeof(r->hdr), r->hdr.len);
    r->body[r->hdr.len] = '\0';         /* a guard; lengths still count */
    rc = dispatch(r);
    if ( rc )
        send_error(r, rc);
    free(r);
    return 0;
}
