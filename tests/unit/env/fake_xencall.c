/* SPDX-License-Identifier: GPL-2.0-only */
/* libxencall for host tests of libxenctrl: buffers are tracked so a test can
 * check that every pointer handed to the "hypervisor" lies in one, and each
 * hypercall goes to a handler the test installs. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xencall.h>
#include "fake_xencall.h"

#define MAX_BUFS 16

struct xencall_handle {
    int dummy;
};

static struct { uint8_t *p; size_t len; } bufs[MAX_BUFS];
static fake_hypercall_fn *handler;
unsigned int fake_live_buffers;

void fake_xencall_set_handler(fake_hypercall_fn *fn)
{
    handler = fn;
}

bool fake_in_buffer(uint64_t addr, size_t len)
{
    unsigned int i;

    for ( i = 0; i < MAX_BUFS; i++ )
        if ( bufs[i].p && addr >= (uintptr_t)bufs[i].p &&
             addr + len <= (uintptr_t)bufs[i].p + bufs[i].len )
            return true;
    return false;
}

xencall_handle *xencall_open(struct xentoollog_logger *logger, unsigned int flags)
{
    return calloc(1, sizeof(struct xencall_handle));
}

int xencall_close(xencall_handle *h)
{
    free(h);
    return 0;
}

static int call(unsigned int op, const uint64_t a[5])
{
    long rc = handler ? handler(op, a) : -ENOSYS;

    if ( rc < 0 )
    {
        errno = (int)-rc;
        return -1;
    }
    return (int)rc;
}

int xencall0(xencall_handle *h, unsigned int op)
{
    uint64_t a[5] = { 0 };

    return call(op, a);
}

int xencall1(xencall_handle *h, unsigned int op, uint64_t a1)
{
    uint64_t a[5] = { a1 };

    return call(op, a);
}

int xencall2(xencall_handle *h, unsigned int op, uint64_t a1, uint64_t a2)
{
    uint64_t a[5] = { a1, a2 };

    return call(op, a);
}

void *xencall_alloc_buffer(xencall_handle *h, size_t size)
{
    unsigned int i;

    for ( i = 0; i < MAX_BUFS; i++ )
        if ( !bufs[i].p )
        {
            bufs[i].p = calloc(1, size);
            bufs[i].len = size;
            fake_live_buffers++;
            return bufs[i].p;
        }
    errno = ENOMEM;
    return NULL;
}

void xencall_free_buffer(xencall_handle *h, void *p)
{
    unsigned int i;

    for ( i = 0; p && i < MAX_BUFS; i++ )
        if ( bufs[i].p == p )
        {
            free(p);
            bufs[i].p = NULL;
            fake_live_buffers--;
        }
}
