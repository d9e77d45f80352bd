/* SPDX-License-Identifier: GPL-2.0-only */
/* xmalloc for host unit tests of code that allocates (rangesets, parsers):
 * plain malloc, so AddressSanitizer sees every leak and overrun, plus a
 * countdown (host_env.h) that makes allocations fail on demand. */
#include <stdlib.h>

#include <xen/xmalloc.h>
#include "host_env.h"

static long fail_countdown = -1;

void unit_xmalloc_fail_after(long n)
{
    fail_countdown = n;
}

static bool should_fail(void)
{
    if ( fail_countdown < 0 )
        return false;
    if ( fail_countdown == 0 )
        return true;
    fail_countdown--;
    return false;
}

void *xmalloc_bytes(size_t size)
{
    return should_fail() ? NULL : malloc(size ? size : 1);
}

void *xzalloc_bytes(size_t size)
{
    return should_fail() ? NULL : calloc(1, size ? size : 1);
}

void xfree(void *p)
{
    free(p);
}
