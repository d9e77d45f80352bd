/* SPDX-License-Identifier: LGPL-2.1-only */
/* What the libxenctrl files share: the handle and the hypercall helpers. */
#ifndef XC_PRIVATE_H
#define XC_PRIVATE_H

#include <stddef.h>
#include <xencall.h>
#include "xenctrl.h"

struct xc_interface_core {
    xencall_handle *xcall;
};

/* Each copies its argument into a hypercall buffer, makes the call and
 * copies the argument back: the result, or -1 with errno. */
int xc_do_domctl(xc_interface *xch, struct xen_domctl *op);
int xc_do_sysctl(xc_interface *xch, struct xen_sysctl *op);
/* A hypercall whose one pointer argument (arg, len bytes, copied both ways)
 * follows a command number. */
int xc_do_op_with_arg(xc_interface *xch, unsigned int hc, unsigned int cmd, void *arg,
                      size_t len);

/* A hypercall buffer holding a copy of len bytes at src (NULL: zeroed); the
 * caller copies it back with xc_bounce_out and frees it. */
void *xc_bounce_in(xc_interface *xch, const void *src, size_t len);
void xc_bounce_out(xc_interface *xch, void *buf, void *dst, size_t len);

#endif /* XC_PRIVATE_H */
