/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxencall on Linux: IOCTL_PRIVCMD_HYPERCALL on a privcmd fd. Buffers come
 * from /dev/xen/hypercall when the kernel has it (pages it locks and that
 * never fault), else from anonymous memory locked with mlock and kept out of
 * children. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "xencall.h"

#define IOCTL_PRIVCMD_HYPERCALL 0x00305000
#define PAGE_SIZE               4096
/* xencall_alloc_buffer keeps the page count in front of what it returns. */
#define BUF_HEADER              64

struct privcmd_hypercall {
    uint64_t op;
    uint64_t arg[5];
};

struct xencall_handle {
    int fd;                     /* privcmd */
    int buf_fd;                 /* /dev/xen/hypercall, or -1 */
};

static int open_cloexec(const char *path)
{
    return open(path, O_RDWR | O_CLOEXEC);
}

xencall_handle *xencall_open(struct xentoollog_logger *logger, unsigned int open_flags)
{
    xencall_handle *h = calloc(1, sizeof(*h));
    int saved;

    (void)logger;
    (void)open_flags;
    if ( !h )
        return NULL;
    h->fd = open_cloexec("/dev/xen/privcmd");
    if ( h->fd < 0 && (errno == ENOENT || errno == ENXIO || errno == ENODEV) )
        h->fd = open_cloexec("/proc/xen/privcmd");
    if ( h->fd < 0 )
    {
        saved = errno;
        free(h);
        errno = saved;
        return NULL;
    }
    h->buf_fd = open_cloexec("/dev/xen/hypercall");
    return h;
}

int xencall_close(xencall_handle *h)
{
    if ( !h )
        return 0;
    close(h->fd);
    if ( h->buf_fd >= 0 )
        close(h->buf_fd);
    free(h);
    return 0;
}

static int call(xencall_handle *h, unsigned int op, uint64_t a1, uint64_t a2, uint64_t a3,
                uint64_t a4, uint64_t a5)
{
    struct privcmd_hypercall c = { op, { a1, a2, a3, a4, a5 } };

    return ioctl(h->fd, IOCTL_PRIVCMD_HYPERCALL, &c);
}

int xencall0(xencall_handle *h, unsigned int op)
{
    return call(h, op, 0, 0, 0, 0, 0);
}

int xencall1(xencall_handle *h, unsigned int op, uint64_t a1)
{
    return call(h, op, a1, 0, 0, 0, 0);
}

int xencall2(xencall_handle *h, unsigned int op, uint64_t a1, uint64_t a2)
{
    return call(h, op, a1, a2, 0, 0, 0);
}

int xencall3(xencall_handle *h, unsigned int op, uint64_t a1, uint64_t a2, uint64_t a3)
{
    return call(h, op, a1, a2, a3, 0, 0);
}

int xencall4(xencall_handle *h, unsigned int op, uint64_t a1, uint64_t a2, uint64_t a3,
             uint64_t a4)
{
    return call(h, op, a1, a2, a3, a4, 0);
}

int xencall5(xencall_handle *h, unsigned int op, uint64_t a1, uint64_t a2, uint64_t a3,
             uint64_t a4, uint64_t a5)
{
    return call(h, op, a1, a2, a3, a4, a5);
}

void *xencall_alloc_buffer_pages(xencall_handle *h, size_t nr_pages)
{
    size_t len = nr_pages * PAGE_SIZE;
    void *p;

    if ( !nr_pages )
    {
        errno = EINVAL;
        return NULL;
    }
    if ( h->buf_fd >= 0 )
    {
        p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, h->buf_fd, 0);
        return p == MAP_FAILED ? NULL : p;
    }
    p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED,
             -1, 0);
    if ( p == MAP_FAILED )
        return NULL;
    if ( madvise(p, len, MADV_DONTFORK) )
    {
        munmap(p, len);
        return NULL;
    }
    memset(p, 0, len);          /* touch every page: none may fault later */
    return p;
}

void xencall_free_buffer_pages(xencall_handle *h, void *p, size_t nr_pages)
{
    (void)h;
    if ( p )
        munmap(p, nr_pages * PAGE_SIZE);
}

void *xencall_alloc_buffer(xencall_handle *h, size_t size)
{
    size_t nr = (size + BUF_HEADER + PAGE_SIZE - 1) / PAGE_SIZE;
    uint8_t *p = xencall_alloc_buffer_pages(h, nr);

    if ( !p )
        return NULL;
    memcpy(p, &nr, sizeof(nr));
    return p + BUF_HEADER;
}

void xencall_free_buffer(xencall_handle *h, void *p)
{
    size_t nr;

    if ( !p )
        return;
    memcpy(&nr, (uint8_t *)p - BUF_HEADER, sizeof(nr));
    xencall_free_buffer_pages(h, (uint8_t *)p - BUF_HEADER, nr);
}
