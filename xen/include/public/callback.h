/* SPDX-License-Identifier: MIT */
/* callback_op: PV guests register their event, failsafe, syscall and NMI
 * entry points. Not available to HVM/PVH guests. */
#ifndef __XEN_PUBLIC_CALLBACK_H__
#define __XEN_PUBLIC_CALLBACK_H__

#include "xen.h"

#define CALLBACKTYPE_event      0
#define CALLBACKTYPE_failsafe   1
#define CALLBACKTYPE_syscall    2       /* 64-bit only */
#define CALLBACKTYPE_sysenter   3
#define CALLBACKTYPE_nmi        4

/* Mask events while the callback runs (always done for event and NMI). */
#define _CALLBACKF_mask_events  0
#define CALLBACKF_mask_events   (1U << _CALLBACKF_mask_events)

#define CALLBACKOP_register     0
struct callback_register {
    uint16_t type;              /* CALLBACKTYPE_* */
    uint16_t flags;             /* CALLBACKF_* */
    xen_callback_t address;
};
typedef struct callback_register callback_register_t;
DEFINE_XEN_GUEST_HANDLE(callback_register_t);

#define CALLBACKOP_unregister   1       /* -EINVAL for types that cannot be */
struct callback_unregister {
    uint16_t type;
    uint16_t _unused;
};
typedef struct callback_unregister callback_unregister_t;
DEFINE_XEN_GUEST_HANDLE(callback_unregister_t);

XEN_ABI_SIZE(struct callback_register, 16);
XEN_ABI_SIZE(struct callback_unregister, 4);

#endif /* __XEN_PUBLIC_CALLBACK_H__ */
