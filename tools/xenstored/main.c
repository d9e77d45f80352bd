/* SPDX-License-Identifier: GPL-2.0-only */
/* xenstored: option parsing, start-up (store, socket, daemonising, pid
 * file) and shutdown. Command-line options follow C xenstored's. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conn.h"
#include "log.h"
#include "socket.h"
#include "store.h"

struct options {
    const char *socket;
    const char *pidfile;
    bool foreground;
    bool output_pid;
    bool verbose;
};

static volatile sig_atomic_t stop_requested;

static void usage(FILE *f)
{
    fprintf(f,
"Usage: xenstored [options]\n"
"  -s, --socket PATH        listen on PATH (default $XENSTORED_PATH, else\n"
"                           ${XENSTORED_RUNDIR:-/var/run/xenstored}/socket)\n"
"  -F, --pid-file FILE      write the daemon's pid to FILE\n"
"  -N, --no-fork            stay in the foreground (also --foreground)\n"
"  -P, --output-pid         print the daemon's pid on stdout\n"
"  -V, --verbose            log connections and dropped clients\n"
"  -D, --no-domain-init     accepted; domains are not connected yet\n"
"  -E, --entry-nb N         nodes per domain        (quota nodes)\n"
"  -S, --entry-size N       node size               (quota node-size)\n"
"  -W, --watch-nb N         watches per domain      (quota watches)\n"
"  -t, --transaction N      transactions per domain (quota transactions)\n"
"  -A, --perm-nb N          permissions per node    (quota permissions)\n"
"  -M, --path-max N         path below a domain's home (quota path-max)\n"
"  -Q, --quota WHAT=N       nodes, watches, transactions, node-size,\n"
"                           permissions, transaction-nodes, outstanding,\n"
"                           memory, path-max\n"
"  -q, --quota-soft memory=N\n"
"  -H, --help               this text\n");
}

static const struct option long_opts[] = {
    { "socket", required_argument, NULL, 's' },
    { "pid-file", required_argument, NULL, 'F' },
    { "no-fork", no_argument, NULL, 'N' },
    { "foreground", no_argument, NULL, 'N' },
    { "output-pid", no_argument, NULL, 'P' },
    { "verbose", no_argument, NULL, 'V' },
    { "no-domain-init", no_argument, NULL, 'D' },
    { "entry-nb", required_argument, NULL, 'E' },
    { "entry-size", required_argument, NULL, 'S' },
    { "watch-nb", required_argument, NULL, 'W' },
    { "transaction", required_argument, NULL, 't' },
    { "perm-nb", required_argument, NULL, 'A' },
    { "path-max", required_argument, NULL, 'M' },
    { "quota", required_argument, NULL, 'Q' },
    { "quota-soft", required_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'H' },
    { NULL, 0, NULL, 0 },
};

static bool parse_number(const char *s, unsigned long *v)
{
    char *end;

    errno = 0;
    *v = strtoul(s, &end, 10);
    return !errno && end != s && !*end && s[0] != '-';
}

/* -Q/-q WHAT=N, or a single-quota option (what given). */
static bool set_quota(struct xs_quota *q, const char *what, const char *arg,
                      int soft)
{
    char name[32];
    const char *eq = what ? NULL : strchr(arg, '=');
    unsigned long v;

    if ( !what )
    {
        if ( !eq || (size_t)(eq - arg) >= sizeof(name) )
            return false;
        memcpy(name, arg, (size_t)(eq - arg));
        name[eq - arg] = '\0';
        what = name;
        arg = eq + 1;
    }
    return parse_number(arg, &v) && !xs_quota_set(q, what, v, soft);
}

static const char *quota_of(int opt)
{
    switch ( opt )
    {
    case 'E': return "nodes";
    case 'S': return "node-size";
    case 'W': return "watches";
    case 't': return "transactions";
    case 'A': return "permissions";
    case 'M': return "path-max";
    default: return NULL;
    }
}

static int parse_args(int argc, char **argv, struct options *o,
                      struct xs_quota *q)
{
    static const char shorts[] = "s:F:NPVDE:S:W:t:A:M:Q:q:H";
    int opt;

    while ( (opt = getopt_long(argc, argv, shorts, long_opts, NULL)) != -1 )
    {
        switch ( opt )
        {
        case 's': o->socket = optarg; break;
        case 'F': o->pidfile = optarg; break;
        case 'N': o->foreground = true; break;
        case 'P': o->output_pid = true; break;
        case 'V': o->verbose = true; break;
        case 'D': break;
        case 'H': usage(stdout); exit(0);
        case 'Q':
        case 'q':
        case 'E': case 'S': case 'W': case 't': case 'A': case 'M':
            if ( set_quota(q, quota_of(opt), optarg, opt == 'q') )
                break;
            fprintf(stderr, "xenstored: bad quota setting '%s' for -%c\n",
                    optarg, opt);
            return -1;
        default:
            usage(stderr);
            return -1;
        }
    }
    if ( optind < argc )
    {
        fprintf(stderr, "xenstored: unexpected argument '%s'\n",
                argv[optind]);
        return -1;
    }
    return 0;
}

/* Where libxenstore looks: $XENSTORED_PATH, else the run directory. */
static const char *default_socket(char *buf, size_t size)
{
    const char *path = getenv("XENSTORED_PATH");
    const char *dir = getenv("XENSTORED_RUNDIR");

    if ( path && *path )
        return path;
    snprintf(buf, size, "%s/socket",
             dir && *dir ? dir : "/var/run/xenstored");
    return buf;
}

/* The run directory may not exist yet on a fresh boot. */
static void make_parent_dir(const char *path)
{
    char dir[4096];
    char *slash;

    snprintf(dir, sizeof(dir), "%s", path);
    slash = strrchr(dir, '/');
    if ( !slash || slash == dir )
        return;
    *slash = '\0';
    if ( mkdir(dir, 0755) && errno != EEXIST )
        xsd_log(LOG_WARNING, "cannot create %s: %s", dir, strerror(errno));
}

/* Locked for the daemon's life, so a second daemon notices. */
static int write_pidfile(const char *path)
{
    char line[32];
    int fd, n;

    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if ( fd < 0 )
    {
        xsd_log(LOG_ERR, "cannot open pid file %s: %s", path,
                strerror(errno));
        return -1;
    }
    if ( lockf(fd, F_TLOCK, 0) )
    {
        xsd_log(LOG_ERR, "pid file %s is locked: is xenstored running?",
                path);
        close(fd);
        return -1;
    }
    n = snprintf(line, sizeof(line), "%ld\n", (long)getpid());
    if ( ftruncate(fd, 0) || write(fd, line, (size_t)n) != n )
    {
        xsd_log(LOG_ERR, "cannot write pid file %s: %s", path,
                strerror(errno));
        close(fd);
        return -1;
    }
    return 0;                           /* fd stays open: the lock */
}

/*
 * Forks; only the child returns, with *report the pipe on which it tells
 * the waiting parent whether start-up succeeded. The parent exits with
 * that verdict, so failures still reach the caller's exit status.
 */
static int detach(int *report, bool output_pid)
{
    int p[2];
    pid_t pid;
    char verdict;

    if ( pipe(p) || (pid = fork()) < 0 )
    {
        xsd_log(LOG_ERR, "cannot fork: %s", strerror(errno));
        return -1;
    }
    if ( pid > 0 )
    {
        close(p[1]);
        if ( read(p[0], &verdict, 1) != 1 || verdict )
            _exit(1);
        if ( output_pid )
            printf("%ld\n", (long)pid);
        exit(0);
    }
    close(p[0]);
    setsid();
    if ( chdir("/") )
        xsd_log(LOG_WARNING, "cannot chdir to /: %s", strerror(errno));
    *report = p[1];
    return 0;
}

static void quiet_stdio(void)
{
    int fd = open("/dev/null", O_RDWR);

    if ( fd < 0 )
        return;
    dup2(fd, STDIN_FILENO);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    if ( fd > STDERR_FILENO )
        close(fd);
}

static void on_stop(int sig)
{
    stop_requested = 1;
}

static void setup_signals(sigset_t *stopsigs)
{
    struct sigaction sa = { .sa_handler = on_stop };

    sigemptyset(&sa.sa_mask);
    sigemptyset(stopsigs);
    sigaddset(stopsigs, SIGTERM);
    sigaddset(stopsigs, SIGINT);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
}

/* Without a ring transport a domain gets a connection nobody talks on:
 * the bookkeeping and the watches work, the guest cannot reach us. */
static int introduce_detached(struct xs_store *s, unsigned int domid,
                              uint64_t gfn, unsigned int port,
                              struct xs_conn **conn)
{
    xsd_log(LOG_WARNING, "domain %u introduced, but this xenstored has no "
            "ring transport yet: the domain cannot reach it", domid);
    *conn = xs_conn_new(s, domid, domid == 0, NULL);
    return *conn ? 0 : ENOMEM;
}

static void log_hook(struct xs_store *s, const char *msg)
{
    xsd_log(LOG_INFO, "%s", msg);
}

static const struct xs_ops daemon_ops = {
    .send = xsd_socket_send,
    .introduce = introduce_detached,
    .log = log_hook,
};

/* Reports start-up to a waiting parent, then leaves the terminal. */
static void started(int report, bool verbose)
{
    if ( report < 0 )
        return;
    if ( write(report, "", 1) != 1 )
        xsd_log(LOG_WARNING, "cannot report start-up: %s", strerror(errno));
    close(report);
    quiet_stdio();
    xsd_log_init(false, verbose);
}

static int run(const struct options *o, struct xs_store *s)
{
    sigset_t stopsigs;
    int lfd, report = -1, rc;

    setup_signals(&stopsigs);
    make_parent_dir(o->socket);
    lfd = xsd_listen(o->socket);
    if ( lfd < 0 )
        return 1;
    if ( !o->foreground && detach(&report, o->output_pid) )
        rc = -1;
    else
        rc = o->pidfile ? write_pidfile(o->pidfile) : 0;
    if ( rc )
    {
        if ( report >= 0 && write(report, "\1", 1) != 1 )
            report = -1;
        close(lfd);
        unlink(o->socket);
        return 1;
    }
    if ( o->foreground && o->output_pid )
        printf("%ld\n", (long)getpid());
    fflush(stdout);
    started(report, o->verbose);
    xsd_log(LOG_DEBUG, "listening on %s", o->socket);
    rc = xsd_serve(s, lfd, &stop_requested, &stopsigs);
    xsd_close_all();
    close(lfd);
    unlink(o->socket);
    if ( o->pidfile )
        unlink(o->pidfile);
    xsd_log(LOG_DEBUG, "stopped");
    return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
    static struct xs_store store;
    struct options o = { 0 };
    char sockbuf[4096];
    struct xs_quota q;
    int rc;

    xs_quota_defaults(&q);
    if ( parse_args(argc, argv, &o, &q) )
        return 2;
    if ( !o.socket )
        o.socket = default_socket(sockbuf, sizeof(sockbuf));
    xsd_log_init(true, o.verbose);
    if ( xs_store_init(&store, &daemon_ops, NULL) )
    {
        xsd_log(LOG_ERR, "out of memory setting up the store");
        return 1;
    }
    store.quota = q;
    rc = run(&o, &store);
    xs_store_fini(&store);
    return rc;
}
