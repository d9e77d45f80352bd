/* SPDX-License-Identifier: MIT */
/* nmi_op (PV only) and the reason bits Xen leaves in arch_shared_info.nmi_reason. */
#ifndef __XEN_PUBLIC_NMI_H__
#define __XEN_PUBLIC_NMI_H__

#include "xen.h"

#define _XEN_NMIREASON_io_error     0   /* port 0x61 bit 6 */
#define XEN_NMIREASON_io_error      (1UL << _XEN_NMIREASON_io_error)
#define _XEN_NMIREASON_parity_error 1   /* port 0x61 bit 7 */
#define XEN_NMIREASON_parity_error  (1UL << _XEN_NMIREASON_parity_error)
#define _XEN_NMIREASON_unknown      2
#define XEN_NMIREASON_unknown       (1UL << _XEN_NMIREASON_unknown)

/* Only dom0's vCPU 0 may register; others get -EINVAL. */
#define XENNMI_register_callback   0
struct xennmi_callback {
    unsigned long handler_address;
    unsigned long pad;
};
typedef struct xennmi_callback xennmi_callback_t;
DEFINE_XEN_GUEST_HANDLE(xennmi_callback_t);

#define XENNMI_unregister_callback 1    /* arg NULL */

#endif /* __XEN_PUBLIC_NMI_H__ */
