/* SPDX-License-Identifier: GPL-2.0-only */
/* xmalloc for host unit tests of code that allocates (rangesets, parsers):
 * plain malloc, so AddressSanitizer sees every leak and overrun. */
#include <stdlib.h>
#include <string.h>

#include <xen/xmalloc.h>

void *xmalloc_bytes(size_t size)
{
    return malloc(size ? size : 1);
}

void *xzalloc_bytes(size_t size)
{
    return calloc(1, size ? size : 1);
}

void xfree(void *p)
{
    free(p);
}
