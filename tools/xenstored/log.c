/* SPDX-License-Identifier: GPL-2.0-only */
/* Daemon logging (see log.h). */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static bool log_stderr = true;
static bool log_verbose;

void xsd_log_init(bool to_stderr, bool verbose)
{
    log_stderr = to_stderr;
    log_verbose = verbose;
    if ( !to_stderr )
        openlog("xenstored", LOG_PID, LOG_DAEMON);
}

void xsd_log(int prio, const char *fmt, ...)
{
    va_list ap;

    if ( prio == LOG_DEBUG && !log_verbose )
        return;
    va_start(ap, fmt);
    if ( log_stderr )
    {
        fputs("xenstored: ", stderr);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
    }
    else
        vsyslog(prio, fmt, ap);
    va_end(ap);
}
