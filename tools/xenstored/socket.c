/* SPDX-License-Identifier: GPL-2.0-only */
/* The Unix socket transport (see socket.h). Non-blocking sockets in one
 * poll loop: input is gathered until a whole message is in, then handed to
 * the core; output is queued per connection and written when the socket
 * takes it. A header announcing more than XENSTORE_PAYLOAD_MAX bytes, or
 * any read or write error, drops the connection. */
#define _GNU_SOURCE                     /* accept4, ppoll */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "conn.h"
#include "log.h"
#include "protocol.h"
#include "socket.h"
#include "store.h"

#define MSGS_PER_WAKEUP 32              /* then let other clients in */
#define OUT_MAX (64UL << 20)            /* a client not reading is dropped */

struct sock_conn {
    struct sock_conn *next;
    int fd;
    struct xs_conn *xc;
    bool dead;
    size_t pollidx;                     /* 0: not in this round's set */
    size_t inlen;
    char in[sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX];
    char *out;
    size_t outlen, outoff, outcap;
};

static struct sock_conn *clients;

static int check_stale(const char *path, const struct sockaddr_un *sa)
{
    struct stat st;
    int fd;

    if ( lstat(path, &st) )
        return 0;
    if ( !S_ISSOCK(st.st_mode) )
    {
        xsd_log(LOG_ERR, "%s exists and is not a socket", path);
        return -1;
    }
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if ( fd >= 0 && !connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) )
    {
        close(fd);
        xsd_log(LOG_ERR, "another xenstored is listening on %s", path);
        return -1;
    }
    if ( fd >= 0 )
        close(fd);
    if ( unlink(path) )
    {
        xsd_log(LOG_ERR, "cannot remove stale socket %s: %s", path,
                strerror(errno));
        return -1;
    }
    return 0;
}

int xsd_listen(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    mode_t old;
    int fd, rc;

    if ( strlen(path) >= sizeof(sa.sun_path) )
    {
        xsd_log(LOG_ERR, "socket path %s is too long", path);
        return -1;
    }
    strcpy(sa.sun_path, path);
    if ( check_stale(path, &sa) )
        return -1;
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if ( fd < 0 )
    {
        xsd_log(LOG_ERR, "cannot create a socket: %s", strerror(errno));
        return -1;
    }
    old = umask(0077);                  /* never briefly open to others */
    rc = bind(fd, (const struct sockaddr *)&sa, sizeof(sa));
    umask(old);
    if ( rc || chmod(path, 0600) || listen(fd, 64) )
    {
        xsd_log(LOG_ERR, "cannot %s socket %s: %s",
                rc ? "bind" : "set up", path, strerror(errno));
        if ( !rc )
            unlink(path);
        close(fd);
        return -1;
    }
    return fd;
}

void xsd_socket_send(struct xs_conn *c, const void *msg, size_t len)
{
    struct sock_conn *sc = c->priv;
    size_t cap;
    char *p;

    if ( !sc || sc->dead )
        return;                         /* a domain without transport */
    if ( sc->outoff && sc->outlen + len > sc->outcap )
    {
        /* Reuse the room of what was already sent before growing. */
        memmove(sc->out, sc->out + sc->outoff, sc->outlen - sc->outoff);
        sc->outlen -= sc->outoff;
        sc->outoff = 0;
    }
    cap = sc->outcap ? sc->outcap : 4096;
    while ( cap < sc->outlen + len )
        cap *= 2;
    if ( cap > OUT_MAX )
    {
        xsd_log(LOG_WARNING, "client fd %d does not read its replies; "
                "dropping it", sc->fd);
        sc->dead = true;
        return;
    }
    if ( cap != sc->outcap )
    {
        p = realloc(sc->out, cap);
        if ( !p )
        {
            sc->dead = true;
            return;
        }
        sc->out = p;
        sc->outcap = cap;
    }
    memcpy(sc->out + sc->outlen, msg, len);
    sc->outlen += len;
}

static void accept_client(struct xs_store *s, int lfd)
{
    struct sock_conn *sc;
    int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

    if ( fd < 0 )
    {
        if ( errno != EAGAIN && errno != EINTR )
            xsd_log(LOG_WARNING, "accept: %s", strerror(errno));
        return;
    }
    sc = calloc(1, sizeof(*sc));
    if ( sc )
        sc->xc = xs_conn_new(s, 0, true, sc);
    if ( !sc || !sc->xc )
    {
        xsd_log(LOG_ERR, "out of memory for a new client");
        free(sc);
        close(fd);
        return;
    }
    sc->fd = fd;
    sc->next = clients;
    clients = sc;
    xsd_log(LOG_DEBUG, "client fd %d connected", fd);
}

/* Bytes still missing from the message being gathered. */
static size_t wanted(const struct sock_conn *sc)
{
    struct xsd_sockmsg hdr;

    if ( sc->inlen < sizeof(hdr) )
        return sizeof(hdr) - sc->inlen;
    memcpy(&hdr, sc->in, sizeof(hdr));
    return sizeof(hdr) + hdr.len - sc->inlen;
}

/* Handles a complete header or message; false to drop the client. */
static bool take_input(struct xs_store *s, struct sock_conn *sc,
                       unsigned int *done)
{
    struct xsd_sockmsg hdr;

    if ( sc->inlen < sizeof(hdr) )
        return true;
    memcpy(&hdr, sc->in, sizeof(hdr));
    if ( hdr.len > XENSTORE_PAYLOAD_MAX )
    {
        xsd_log(LOG_WARNING, "client fd %d sent a %u-byte payload; "
                "dropping it", sc->fd, hdr.len);
        return false;
    }
    if ( sc->inlen < sizeof(hdr) + hdr.len )
        return true;
    sc->inlen = 0;
    (*done)++;
    return xs_process(s, sc->xc, sc->in, sizeof(hdr) + hdr.len) == 0;
}

static void read_input(struct xs_store *s, struct sock_conn *sc)
{
    unsigned int done = 0;
    ssize_t n;

    while ( !sc->dead && done < MSGS_PER_WAKEUP )
    {
        n = read(sc->fd, sc->in + sc->inlen, wanted(sc));
        if ( n < 0 && errno == EINTR )
            continue;
        if ( n < 0 && errno == EAGAIN )
            return;
        if ( n <= 0 )
        {
            if ( n < 0 )
                xsd_log(LOG_DEBUG, "client fd %d: %s", sc->fd,
                        strerror(errno));
            sc->dead = true;
            return;
        }
        sc->inlen += (size_t)n;
        if ( !take_input(s, sc, &done) )
            sc->dead = true;
    }
}

static void flush_output(struct sock_conn *sc)
{
    ssize_t n;

    while ( !sc->dead && sc->outoff < sc->outlen )
    {
        n = send(sc->fd, sc->out + sc->outoff, sc->outlen - sc->outoff,
                 MSG_NOSIGNAL);
        if ( n < 0 && errno == EINTR )
            continue;
        if ( n < 0 && errno == EAGAIN )
            return;
        if ( n < 0 )
        {
            xsd_log(LOG_DEBUG, "client fd %d: %s", sc->fd, strerror(errno));
            sc->dead = true;
            return;
        }
        sc->outoff += (size_t)n;
    }
    sc->outoff = sc->outlen = 0;
}

static void free_client(struct sock_conn *sc)
{
    xsd_log(LOG_DEBUG, "client fd %d closed", sc->fd);
    xs_conn_free(sc->xc);
    close(sc->fd);
    free(sc->out);
    free(sc);
}

static void reap_dead(void)
{
    struct sock_conn **pp = &clients, *sc;

    while ( (sc = *pp) )
    {
        if ( sc->dead )
        {
            *pp = sc->next;
            free_client(sc);
        }
        else
            pp = &sc->next;
    }
}

void xsd_close_all(void)
{
    struct sock_conn *sc;

    while ( (sc = clients) )
    {
        clients = sc->next;
        flush_output(sc);
        free_client(sc);
    }
}

/* Fills the poll set: the listener first, then each client. */
static size_t poll_set(struct pollfd **pfds, size_t *cap, int lfd)
{
    struct sock_conn *sc;
    size_t n = 1;
    struct pollfd *p;

    for ( sc = clients; sc; sc = sc->next )
        n++;
    if ( n > *cap )
    {
        p = realloc(*pfds, n * sizeof(*p));
        if ( !p )
            return 0;
        *pfds = p;
        *cap = n;
    }
    (*pfds)[0] = (struct pollfd){ .fd = lfd, .events = POLLIN };
    n = 1;
    for ( sc = clients; sc; sc = sc->next, n++ )
    {
        sc->pollidx = n;
        (*pfds)[n] = (struct pollfd){
            .fd = sc->fd,
            .events = POLLIN | (sc->outlen > sc->outoff ? POLLOUT : 0),
        };
    }
    return n;
}

static void handle_events(struct xs_store *s, const struct pollfd *pfds)
{
    struct sock_conn *sc;
    short ev;

    for ( sc = clients; sc; sc = sc->next )
    {
        if ( !sc->pollidx )
            continue;                   /* accepted during this round */
        ev = pfds[sc->pollidx].revents;
        if ( ev & (POLLIN | POLLHUP | POLLERR) )
            read_input(s, sc);
        if ( ev & POLLOUT )
            flush_output(sc);
    }
    /* Replies and events just queued usually fit straight away. */
    for ( sc = clients; sc; sc = sc->next )
        flush_output(sc);
}

int xsd_serve(struct xs_store *s, int listen_fd, volatile sig_atomic_t *stop,
              const sigset_t *stopsigs)
{
    struct pollfd *pfds = NULL;
    sigset_t waitmask;
    size_t cap = 0, n;
    int rc = 0, sig;

    sigprocmask(SIG_BLOCK, stopsigs, &waitmask);
    for ( sig = 1; sig < NSIG; sig++ )
        if ( sigismember(stopsigs, sig) == 1 )
            sigdelset(&waitmask, sig);
    while ( !*stop )
    {
        n = poll_set(&pfds, &cap, listen_fd);
        if ( !n )
        {
            xsd_log(LOG_ERR, "out of memory for the poll set");
            rc = -1;
            break;
        }
        if ( ppoll(pfds, n, NULL, &waitmask) < 0 )
        {
            if ( errno == EINTR )
                continue;
            xsd_log(LOG_ERR, "poll: %s", strerror(errno));
            rc = -1;
            break;
        }
        handle_events(s, pfds);
        if ( pfds[0].revents & POLLIN )
            accept_client(s, listen_fd);
        reap_dead();
    }
    free(pfds);
    return rc;
}
