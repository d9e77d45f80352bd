/* SPDX-License-Identifier: GPL-2.0-only */
/* Daemon logging: stderr while in the foreground, syslog once detached. */
#ifndef XSD_LOG_H
#define XSD_LOG_H

#include <stdbool.h>
#include <syslog.h>

void xsd_log_init(bool to_stderr, bool verbose);

/* prio is a syslog priority; LOG_DEBUG lines only appear when verbose. */
void xsd_log(int prio, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* XSD_LOG_H */
