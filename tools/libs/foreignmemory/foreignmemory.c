/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxenforeignmemory on Linux: an empty privcmd mapping filled with
 * IOCTL_PRIVCMD_MMAPBATCH_V2, which the kernel turns into one
 * XENMEM_add_to_physmap_batch (gmfn_foreign) per page of a PVH dom0; munmap
 * gives the pages back with XENMEM_remove_from_physmap. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "xenforeignmemory.h"

#define IOCTL_PRIVCMD_MMAPBATCH_V2  0x00205004
#define PAGE_SIZE                   4096

struct privcmd_mmapbatch_v2 {
    uint32_t num;
    uint16_t dom;
    uint64_t addr;
    const xen_pfn_t *arr;
    int *err;
};

struct xenforeignmemory_handle {
    int fd;
};

xenforeignmemory_handle *xenforeignmemory_open(struct xentoollog_logger *logger,
                                               unsigned int open_flags)
{
    xenforeignmemory_handle *h = calloc(1, sizeof(*h));
    int saved;

    (void)logger;
    (void)open_flags;
    if ( !h )
        return NULL;
    h->fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
    if ( h->fd < 0 )
    {
        saved = errno;
        free(h);
        errno = saved;
        return NULL;
    }
    return h;
}

int xenforeignmemory_close(xenforeignmemory_handle *h)
{
    if ( !h )
        return 0;
    close(h->fd);
    free(h);
    return 0;
}

/* With a caller's err[], pages that failed are reported there and the rest
 * stay mapped; without one, any failure undoes the whole mapping. */
void *xenforeignmemory_map(xenforeignmemory_handle *h, uint32_t dom, int prot,
                           size_t pages, const xen_pfn_t arr[], int err[])
{
    int *errs = err ? err : calloc(pages ? pages : 1, sizeof(int));
    struct privcmd_mmapbatch_v2 m = { (uint32_t)pages, (uint16_t)dom, 0, arr, errs };
    void *va = MAP_FAILED;
    size_t i;
    int saved = 0;

    if ( !errs )
        return NULL;
    if ( !pages || pages > UINT32_MAX )
        saved = EINVAL;
    else if ( (va = mmap(NULL, pages * PAGE_SIZE, prot, MAP_SHARED, h->fd, 0)) == MAP_FAILED )
        saved = errno;
    else
    {
        m.addr = (uint64_t)(uintptr_t)va;
        if ( ioctl(h->fd, IOCTL_PRIVCMD_MMAPBATCH_V2, &m) < 0 )
            saved = errno;
        for ( i = 0; !saved && !err && i < pages; i++ )
            if ( errs[i] )
                saved = -errs[i];
    }
    if ( !err )
        free(errs);
    if ( !saved )
        return va;
    if ( va != MAP_FAILED )
        munmap(va, pages * PAGE_SIZE);
    errno = saved;
    return NULL;
}

int xenforeignmemory_unmap(xenforeignmemory_handle *h, void *addr, size_t pages)
{
    (void)h;
    return munmap(addr, pages * PAGE_SIZE);
}
