/* SPDX-License-Identifier: MIT */
/* Small helpers shared by the public headers: the layout asserts. */
#ifndef __XEN_PUBLIC_XEN_COMPAT_H__
#define __XEN_PUBLIC_XEN_COMPAT_H__

#if defined(__cplusplus)
#define XEN_ABI_ASSERT(cond, msg) static_assert(cond, msg)
#else
#define XEN_ABI_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif

#endif /* __XEN_PUBLIC_XEN_COMPAT_H__ */
