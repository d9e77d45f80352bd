/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor's small-object allocator (xen/common/xmalloc.c), on top of the
 * page allocator. Host unit tests link tests/unit/env/host_xmalloc.c instead. */
#ifndef XEN_XMALLOC_H
#define XEN_XMALLOC_H

#include <xen/types.h>

void *xmalloc_bytes(size_t size);
void *xzalloc_bytes(size_t size);
void xfree(void *p);

#define xmalloc(type)           ((type *)xmalloc_bytes(sizeof(type)))
#define xzalloc(type)           ((type *)xzalloc_bytes(sizeof(type)))
#define xmalloc_array(type, n)  ((type *)xmalloc_array_bytes(sizeof(type), (n)))
#define xzalloc_array(type, n)  ((type *)xzalloc_array_bytes(sizeof(type), (n)))

/* Array forms refuse sizes whose multiplication would overflow. */
static inline void *xmalloc_array_bytes(size_t size, size_t n)
{
    if ( n && size > SIZE_MAX / n )
        return NULL;
    return xmalloc_bytes(size * n);
}

static inline void *xzalloc_array_bytes(size_t size, size_t n)
{
    if ( n && size > SIZE_MAX / n )
        return NULL;
    return xzalloc_bytes(size * n);
}

#endif /* XEN_XMALLOC_H */
