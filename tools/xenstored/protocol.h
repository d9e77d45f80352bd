/* SPDX-License-Identifier: GPL-2.0-only */
/* The wire protocol: one request in, its reply and any watch events out
 * through the store's send hook. */
#ifndef XSD_PROTOCOL_H
#define XSD_PROTOCOL_H

#include <stddef.h>

#include <public/io/xs_wire.h>

#include "path.h"

struct xs_store;
struct xs_conn;
struct xs_tx;

/* One request being handled. */
struct xs_req {
    struct xs_store *s;
    struct xs_conn *c;
    struct xsd_sockmsg hdr;
    char body[XENSTORE_PAYLOAD_MAX + 1];    /* hdr.len bytes, then a NUL */
    struct xs_tx *tx;                   /* named by hdr.tx_id, or NULL */
    char path[XS_PATH_BUF];             /* scratch: canonical path */
};

/*
 * Handles one complete message: the 16-byte header and its payload, len
 * bytes in all. Returns 0, or -1 when the connection must be dropped (the
 * header's length is over XENSTORE_PAYLOAD_MAX or disagrees with len).
 */
int xs_process(struct xs_store *s, struct xs_conn *c,
               const void *msg, size_t len);

/* Replies of the request's type; over-long ones become E2BIG. Return 0 so
 * that handlers can end with them. */
int xs_reply(struct xs_req *r, const void *data, size_t len);
int xs_reply_str(struct xs_req *r, const char *str);    /* with its NUL */
int xs_reply_ok(struct xs_req *r);

/* A watch event to c (dropped if it would not fit in a message). */
void xs_send_event(struct xs_conn *c, const char *path, const char *token);

/* Number of NUL-terminated strings in the body. */
unsigned int xs_count_strings(const char *buf, size_t len);

/* The body as one string, when it holds exactly one ending in NUL. */
const char *xs_onearg(const struct xs_req *r);

/* Canonicalises the body's first string into r->path; NULL when it is
 * missing or too long. */
const char *xs_req_path(struct xs_req *r, const char *in);

/* The protocol's name for an errno; EINVAL for those it does not list. */
const char *xs_errno_name(int err);

/* C's atoi on a domid argument, which the protocol leaves unchecked. */
unsigned int xs_parse_domid(const char *s);

#endif /* XSD_PROTOCOL_H */
