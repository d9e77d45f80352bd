/* SPDX-License-Identifier: GPL-2.0-only */
/* Test-side controls over the host environment (host_env.c, host_xmalloc.c). */
#ifndef HOST_ENV_H
#define HOST_ENV_H

#include <stddef.h>

/* While capturing, printk output is appended here (truncated, NUL-terminated)
 * instead of going to stdout, so a test can assert on warnings. */
void unit_printk_capture_start(void);
void unit_printk_capture_stop(void);
const char *unit_printk_captured(void);

/* host_xmalloc.c: let the next n allocations succeed and fail all after
 * them; a negative n turns failure injection off. */
void unit_xmalloc_fail_after(long n);

#endif /* HOST_ENV_H */
