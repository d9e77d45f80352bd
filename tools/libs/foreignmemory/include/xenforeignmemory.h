/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxenforeignmemory: another domain's pages mapped into this process
 * through privcmd (MMAPBATCH_V2), with Xen's library names and meaning. */
#ifndef XENFOREIGNMEMORY_H
#define XENFOREIGNMEMORY_H

#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>

typedef struct xenforeignmemory_handle xenforeignmemory_handle;
struct xentoollog_logger;

xenforeignmemory_handle *xenforeignmemory_open(struct xentoollog_logger *logger,
                                               unsigned int open_flags);
int xenforeignmemory_close(xenforeignmemory_handle *fmem);

/* Maps pages arr[0..pages) of domain dom contiguously (addr is a hint or
 * NULL). err[i] gets each page's result (0 or -errno); NULL if any failed
 * and err is NULL, or if the mapping itself could not be made. */
void *xenforeignmemory_map(xenforeignmemory_handle *fmem, uint32_t dom, int prot,
                           size_t pages, const xen_pfn_t arr[], int err[]);
int xenforeignmemory_unmap(xenforeignmemory_handle *fmem, void *addr, size_t pages);

#endif /* XENFOREIGNMEMORY_H */
