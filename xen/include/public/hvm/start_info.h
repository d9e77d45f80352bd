/* SPDX-License-Identifier: MIT */
/* Convenience path for the PVH start-of-day structures, which Xen keeps under
 * arch-x86/hvm/. */
#ifndef __XEN_PUBLIC_HVM_START_INFO_H__
#define __XEN_PUBLIC_HVM_START_INFO_H__

#include "../arch-x86/hvm/start_info.h"

#endif /* __XEN_PUBLIC_HVM_START_INFO_H__ */
