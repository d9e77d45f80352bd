/* SPDX-License-Identifier: GPL-2.0-only */
/* Test-side transport for the xenstored core: connections whose output is
 * captured, requests built from C strings, replies and events taken apart. */
#ifndef TEST_XS_HARNESS_H
#define TEST_XS_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <public/io/xs_wire.h>

struct xs_store;
struct xs_conn;

struct th_msg {
    uint32_t type, req_id, tx_id, len;
    char body[XENSTORE_PAYLOAD_MAX + 1];        /* NUL added after len */
};

/* The store all helpers use, made afresh by th_setup (a cmocka setup). */
extern struct xs_store *th_store;
int th_setup(void **state);
int th_teardown(void **state);          /* also checks store consistency */
#define TH_TEST(fn) cmocka_unit_test_setup_teardown(fn, th_setup, th_teardown)

/* A socket-like privileged dom0 connection, or an unprivileged domU one. */
struct xs_conn *th_dom0(void);
struct xs_conn *th_domu(unsigned int domid);

/* Domain hook calls seen, and a switch to make introduce fail. */
extern unsigned int th_introduced, th_reintroduced, th_released;
extern int th_introduce_error;

/* Sends type with body (len bytes) and returns the reply's type; events
 * that arrive meanwhile are kept for th_event(). */
uint32_t th_call(struct xs_conn *c, uint32_t type, uint32_t tx,
                 const void *body, size_t len, struct th_msg *reply);

/* Events that came before and after the reply in the last th_call. */
extern unsigned int th_events_before, th_events_after;

/* Feeds raw bytes as one message; returns xs_process's result. */
int th_raw(struct xs_conn *c, const void *msg, size_t len);

/* The errno named by an error reply, 0 for other replies. */
int th_errno(const struct th_msg *reply);

/* Shorthands: 0 or the errno of the error reply. */
int th_write(struct xs_conn *c, uint32_t tx, const char *path,
             const char *value);
int th_read(struct xs_conn *c, uint32_t tx, const char *path, char *out);
int th_mkdir(struct xs_conn *c, uint32_t tx, const char *path);
int th_rm(struct xs_conn *c, uint32_t tx, const char *path);
int th_setperms(struct xs_conn *c, uint32_t tx, const char *path,
                const char *perms);     /* "n0 r5" form, space-separated */
int th_getperms(struct xs_conn *c, uint32_t tx, const char *path,
                char *out);             /* out in the same form */
int th_dir(struct xs_conn *c, uint32_t tx, const char *path, char *out);
int th_watch(struct xs_conn *c, const char *path, const char *token);
int th_unwatch(struct xs_conn *c, const char *path, const char *token);
uint32_t th_tx_start(struct xs_conn *c);        /* asserts success */
int th_tx_end(struct xs_conn *c, uint32_t tx, bool commit);

/* Next queued event of c: true and its path and token, or false. */
bool th_event(struct xs_conn *c, char *path, char *token);
unsigned int th_nevents(struct xs_conn *c);
void th_drop_events(struct xs_conn *c);

#endif /* TEST_XS_HARNESS_H */
