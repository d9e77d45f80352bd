/* SPDX-License-Identifier: GPL-2.0-only */
/* The Unix socket transport: every client is a privileged dom0 connection. */
#ifndef XSD_SOCKET_H
#define XSD_SOCKET_H

#include <signal.h>
#include <stddef.h>

struct xs_store;
struct xs_conn;

/* Binds and listens on path (mode 0600); refuses to take over the socket
 * of a live daemon. Returns the listening fd, or -1 after logging why. */
int xsd_listen(const char *path);

/* Serves clients until *stop is set by a signal handler for one of the
 * signals in stopsigs (blocked except while waiting). 0, or -1 on a poll
 * failure. */
int xsd_serve(struct xs_store *s, int listen_fd, volatile sig_atomic_t *stop,
              const sigset_t *stopsigs);

/* The store's send hook for socket connections. */
void xsd_socket_send(struct xs_conn *c, const void *msg, size_t len);

/* Closes and frees every client connection. */
void xsd_close_all(void);

#endif /* XSD_SOCKET_H */
