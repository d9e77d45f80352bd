/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxencall: hypercalls from dom0 user space through Linux's privcmd driver,
 * with the function names and meaning of Xen's libxencall. Arguments that
 * point at memory must point into buffers from xencall_alloc_buffer*(): they
 * are locked and never fault while the hypervisor reads them. */
#ifndef XENCALL_H
#define XENCALL_H

#include <stddef.h>
#include <stdint.h>

typedef struct xencall_handle xencall_handle;
struct xentoollog_logger;

/* Opens /dev/xen/privcmd (or /proc/xen/privcmd); NULL with errno on failure. */
xencall_handle *xencall_open(struct xentoollog_logger *logger, unsigned int open_flags);
int xencall_close(xencall_handle *xcall);

/* The hypercall's result when >= 0; -1 with errno = -result otherwise. */
int xencall0(xencall_handle *xcall, unsigned int op);
int xencall1(xencall_handle *xcall, unsigned int op, uint64_t arg1);
int xencall2(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2);
int xencall3(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2,
             uint64_t arg3);
int xencall4(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2,
             uint64_t arg3, uint64_t arg4);
int xencall5(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2,
             uint64_t arg3, uint64_t arg4, uint64_t arg5);

/* Zeroed, page-aligned, locked memory for hypercall arguments. */
void *xencall_alloc_buffer_pages(xencall_handle *xcall, size_t nr_pages);
void xencall_free_buffer_pages(xencall_handle *xcall, void *p, size_t nr_pages);
void *xencall_alloc_buffer(xencall_handle *xcall, size_t size);
void xencall_free_buffer(xencall_handle *xcall, void *p);

#endif /* XENCALL_H */
