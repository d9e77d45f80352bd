/* SPDX-License-Identifier: GPL-2.0-only */
/* Test transport for the xenstored core (see test_xs_harness.h). */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "../../tools/xenstored/conn.h"
#include "../../tools/xenstored/control.h"
#include "../../tools/xenstored/protocol.h"
#include "../../tools/xenstored/store.h"
#include "test_xs_harness.h"

struct th_event {
    struct th_event *next;
    char path[XENSTORE_PAYLOAD_MAX];
    char token[XENSTORE_PAYLOAD_MAX];
};

/* What one connection has been sent and not yet looked at. */
struct th_out {
    char *buf;
    size_t len;
    struct th_event *events, **tail;
    uint32_t next_req;
};

struct xs_store *th_store;
unsigned int th_introduced, th_reintroduced, th_released;
unsigned int th_events_before, th_events_after;
int th_introduce_error;

static void th_send(struct xs_conn *c, const void *msg, size_t len)
{
    struct th_out *o = c->priv;

    if ( !o )
        return;                         /* released domain */
    o->buf = realloc(o->buf, o->len + len);
    assert_non_null(o->buf);
    memcpy(o->buf + o->len, msg, len);
    o->len += len;
}

static struct xs_conn *new_conn(unsigned int domid, bool privileged)
{
    struct th_out *o = calloc(1, sizeof(*o));
    struct xs_conn *c;

    assert_non_null(o);
    o->tail = &o->events;
    o->next_req = 1;
    c = xs_conn_new(th_store, domid, privileged, o);
    assert_non_null(c);
    return c;
}

static int th_introduce(struct xs_store *s, unsigned int domid, uint64_t gfn,
                        unsigned int port, struct xs_conn **conn)
{
    if ( th_introduce_error )
        return th_introduce_error;
    th_introduced++;
    *conn = new_conn(domid, domid == 0);
    return 0;
}

static int th_reintroduce(struct xs_store *s, struct xs_conn *c,
                          unsigned int port)
{
    th_reintroduced++;
    return 0;
}

static void free_out(struct th_out *o)
{
    struct th_event *e;

    while ( (e = o->events) )
    {
        o->events = e->next;
        free(e);
    }
    free(o->buf);
    free(o);
}

static void th_release(struct xs_store *s, struct xs_conn *c)
{
    th_released++;
    free_out(c->priv);
    c->priv = NULL;
}

static const struct xs_ops th_ops = {
    .send = th_send,
    .introduce = th_introduce,
    .reintroduce = th_reintroduce,
    .release = th_release,
};

int th_setup(void **state)
{
    th_store = calloc(1, sizeof(*th_store));
    th_introduced = th_reintroduced = th_released = 0;
    th_introduce_error = 0;
    return th_store && !xs_store_init(th_store, &th_ops, NULL) ? 0 : -1;
}

int th_teardown(void **state)
{
    unsigned int problems = xs_store_check(th_store);

    while ( th_store->conns )
    {
        free_out(th_store->conns->priv);
        xs_conn_free(th_store->conns);
    }
    xs_store_fini(th_store);
    free(th_store);
    th_store = NULL;
    assert_int_equal(problems, 0);
    return 0;
}

struct xs_conn *th_dom0(void)
{
    return new_conn(0, true);
}

struct xs_conn *th_domu(unsigned int domid)
{
    return new_conn(domid, false);
}

/* Takes the first message off o's output into m; false when none. */
static bool pop_msg(struct th_out *o, struct th_msg *m)
{
    struct xsd_sockmsg hdr;

    if ( o->len < sizeof(hdr) )
        return false;
    memcpy(&hdr, o->buf, sizeof(hdr));
    assert_true(hdr.len <= XENSTORE_PAYLOAD_MAX);
    assert_true(o->len >= sizeof(hdr) + hdr.len);
    m->type = hdr.type;
    m->req_id = hdr.req_id;
    m->tx_id = hdr.tx_id;
    m->len = hdr.len;
    memcpy(m->body, o->buf + sizeof(hdr), hdr.len);
    m->body[hdr.len] = '\0';
    o->len -= sizeof(hdr) + hdr.len;
    memmove(o->buf, o->buf + sizeof(hdr) + hdr.len, o->len);
    return true;
}

static void keep_event(struct th_out *o, const struct th_msg *m)
{
    struct th_event *e = calloc(1, sizeof(*e));

    assert_non_null(e);
    /* An event is exactly two NUL-terminated strings, ids zero. */
    assert_int_equal(m->req_id, 0);
    assert_int_equal(m->tx_id, 0);
    assert_true(m->len >= 2 && m->body[m->len - 1] == '\0');
    strcpy(e->path, m->body);
    strcpy(e->token, m->body + strlen(e->path) + 1);
    assert_int_equal(strlen(e->path) + strlen(e->token) + 2, m->len);
    *o->tail = e;
    o->tail = &e->next;
}

int th_raw(struct xs_conn *c, const void *msg, size_t len)
{
    return xs_process(th_store, c, msg, len);
}

uint32_t th_call(struct xs_conn *c, uint32_t type, uint32_t tx,
                 const void *body, size_t len, struct th_msg *reply)
{
    struct th_out *o = c->priv;
    char buf[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX];
    struct xsd_sockmsg hdr = { .type = type, .req_id = o->next_req++,
                               .tx_id = tx, .len = (uint32_t)len };
    struct th_msg m;
    bool got = false;

    assert_true(len <= XENSTORE_PAYLOAD_MAX);
    memcpy(buf, &hdr, sizeof(hdr));
    memcpy(buf + sizeof(hdr), body, len);
    assert_int_equal(xs_process(th_store, c, buf, sizeof(hdr) + len), 0);
    th_events_before = th_events_after = 0;
    while ( pop_msg(o, &m) )
    {
        if ( m.type == XS_WATCH_EVENT )
        {
            keep_event(o, &m);
            *(got ? &th_events_after : &th_events_before) += 1;
            continue;
        }
        assert_false(got);              /* exactly one reply */
        got = true;
        assert_int_equal(m.req_id, hdr.req_id);
        assert_int_equal(m.tx_id, tx);
        *reply = m;
    }
    assert_true(got);
    return reply->type;
}

int th_errno(const struct th_msg *reply)
{
    static const int known[] = {
        EINVAL, EACCES, EEXIST, EISDIR, ENOENT, ENOMEM, ENOSPC, EIO,
        ENOTEMPTY, ENOSYS, EROFS, EBUSY, EAGAIN, EISCONN, E2BIG, EPERM,
    };
    size_t i;

    if ( reply->type != XS_ERROR )
        return 0;
    assert_int_equal(reply->len, strlen(reply->body) + 1);
    for ( i = 0; i < sizeof(known) / sizeof(known[0]); i++ )
        if ( !strcmp(reply->body, xs_errno_name(known[i])) )
            return known[i];
    fail_msg("unknown error name %s", reply->body);
    return -1;
}

/* Sends strings a and b (b may be NULL), each with its NUL. */
static int call2(struct xs_conn *c, uint32_t type, uint32_t tx,
                 const char *a, const char *b, struct th_msg *reply)
{
    char body[XENSTORE_PAYLOAD_MAX];
    size_t la = strlen(a) + 1, lb = b ? strlen(b) + 1 : 0;

    memcpy(body, a, la);
    if ( b )
        memcpy(body + la, b, lb);
    th_call(c, type, tx, body, la + lb, reply);
    return th_errno(reply);
}

static int expect_ok(const struct th_msg *m, int err)
{
    if ( !err )
        assert_string_equal(m->body, "OK");
    return err;
}

int th_write(struct xs_conn *c, uint32_t tx, const char *path,
             const char *value)
{
    char body[XENSTORE_PAYLOAD_MAX];
    size_t lp = strlen(path) + 1, lv = strlen(value);
    struct th_msg m;

    memcpy(body, path, lp);
    memcpy(body + lp, value, lv);       /* the value has no NUL */
    th_call(c, XS_WRITE, tx, body, lp + lv, &m);
    return expect_ok(&m, th_errno(&m));
}

int th_read(struct xs_conn *c, uint32_t tx, const char *path, char *out)
{
    struct th_msg m;
    int err = call2(c, XS_READ, tx, path, NULL, &m);

    if ( !err && out )
    {
        memcpy(out, m.body, m.len);
        out[m.len] = '\0';
    }
    return err;
}

int th_mkdir(struct xs_conn *c, uint32_t tx, const char *path)
{
    struct th_msg m;

    return expect_ok(&m, call2(c, XS_MKDIR, tx, path, NULL, &m));
}

int th_rm(struct xs_conn *c, uint32_t tx, const char *path)
{
    struct th_msg m;

    return expect_ok(&m, call2(c, XS_RM, tx, path, NULL, &m));
}

/* Turns a NUL-separated list into a space-separated string. */
static void join(const struct th_msg *m, char *out)
{
    uint32_t i;

    for ( i = 0; i < m->len; i++ )
        out[i] = m->body[i] ? m->body[i] : ' ';
    if ( m->len )
        i--;                            /* drop the last separator */
    out[i] = '\0';
}

int th_setperms(struct xs_conn *c, uint32_t tx, const char *path,
                const char *perms)
{
    char body[XENSTORE_PAYLOAD_MAX];
    size_t lp = strlen(path) + 1, lq = strlen(perms) + 1, i;
    struct th_msg m;

    memcpy(body, path, lp);
    memcpy(body + lp, perms, lq);
    for ( i = lp; i < lp + lq; i++ )
        if ( body[i] == ' ' )
            body[i] = '\0';
    th_call(c, XS_SET_PERMS, tx, body, lp + lq, &m);
    return expect_ok(&m, th_errno(&m));
}

int th_getperms(struct xs_conn *c, uint32_t tx, const char *path, char *out)
{
    struct th_msg m;
    int err = call2(c, XS_GET_PERMS, tx, path, NULL, &m);

    if ( !err && out )
        join(&m, out);
    return err;
}

int th_dir(struct xs_conn *c, uint32_t tx, const char *path, char *out)
{
    struct th_msg m;
    int err = call2(c, XS_DIRECTORY, tx, path, NULL, &m);

    if ( !err && out )
        join(&m, out);
    return err;
}

int th_watch(struct xs_conn *c, const char *path, const char *token)
{
    struct th_msg m;

    return expect_ok(&m, call2(c, XS_WATCH, 0, path, token, &m));
}

int th_unwatch(struct xs_conn *c, const char *path, const char *token)
{
    struct th_msg m;

    return expect_ok(&m, call2(c, XS_UNWATCH, 0, path, token, &m));
}

uint32_t th_tx_start(struct xs_conn *c)
{
    struct th_msg m;

    assert_int_equal(call2(c, XS_TRANSACTION_START, 0, "", NULL, &m), 0);
    assert_int_equal(m.len, strlen(m.body) + 1);
    return (uint32_t)strtoul(m.body, NULL, 10);
}

int th_tx_end(struct xs_conn *c, uint32_t tx, bool commit)
{
    struct th_msg m;

    return expect_ok(&m, call2(c, XS_TRANSACTION_END, tx,
                               commit ? "T" : "F", NULL, &m));
}

/* Moves events sent to c since its last call into its queue. */
static void drain(struct th_out *o)
{
    struct th_msg m;

    while ( pop_msg(o, &m) )
    {
        assert_int_equal(m.type, XS_WATCH_EVENT);
        keep_event(o, &m);
    }
}

bool th_event(struct xs_conn *c, char *path, char *token)
{
    struct th_out *o = c->priv;
    struct th_event *e;

    drain(o);
    e = o->events;

    if ( !e )
        return false;
    strcpy(path, e->path);
    strcpy(token, e->token);
    o->events = e->next;
    if ( !o->events )
        o->tail = &o->events;
    free(e);
    return true;
}

unsigned int th_nevents(struct xs_conn *c)
{
    struct th_out *o = c->priv;
    struct th_event *e;
    unsigned int n = 0;

    drain(o);
    for ( e = o->events; e; e = e->next )
        n++;
    return n;
}

void th_drop_events(struct xs_conn *c)
{
    char p[XENSTORE_PAYLOAD_MAX], t[XENSTORE_PAYLOAD_MAX];

    while ( th_event(c, p, t) )
        continue;
}
