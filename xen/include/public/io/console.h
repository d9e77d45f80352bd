/* SPDX-License-Identifier: MIT */
/* The PV console ring page (HVM_PARAM_CONSOLE_PFN). Indices run freely; the
 * byte slot is idx & (size - 1). Each side notifies the console event channel. */
#ifndef __XEN_PUBLIC_IO_CONSOLE_H__
#define __XEN_PUBLIC_IO_CONSOLE_H__

#include <stdint.h>
#include "../xen-compat.h"

typedef uint32_t XENCONS_RING_IDX;

#define MASK_XENCONS_IDX(idx, ring) ((idx) & (sizeof(ring) - 1))

struct xencons_interface {
    char in[1024];                      /* backend to guest */
    char out[2048];                     /* guest to backend */
    XENCONS_RING_IDX in_cons, in_prod;
    XENCONS_RING_IDX out_cons, out_prod;
};

XEN_ABI_SIZE(struct xencons_interface, 3088);
XEN_ABI_OFFSET(struct xencons_interface, out, 1024);
XEN_ABI_OFFSET(struct xencons_interface, in_cons, 3072);
XEN_ABI_OFFSET(struct xencons_interface, out_prod, 3084);

#endif /* __XEN_PUBLIC_IO_CONSOLE_H__ */
