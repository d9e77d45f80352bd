/* SPDX-License-Identifier: MIT */
/* Interface-version selection and the layout-assert helper every public header
 * uses. Only the x86-64 layout of the 4.17 interface is provided. */
#ifndef __XEN_PUBLIC_XEN_COMPAT_H__
#define __XEN_PUBLIC_XEN_COMPAT_H__

/* Xen 4.17's interface version; older requests get today's layout anyway. */
#define __XEN_LATEST_INTERFACE_VERSION__ 0x00040e00

#ifndef __XEN_INTERFACE_VERSION__
#define __XEN_INTERFACE_VERSION__ __XEN_LATEST_INTERFACE_VERSION__
#endif

#if __XEN_INTERFACE_VERSION__ > __XEN_LATEST_INTERFACE_VERSION__
#error "these headers provide interface version 0x00040e00 at most"
#endif

#if !defined(__x86_64__)
#error "these headers describe the x86-64 guest ABI only"
#endif

/* Layout pins: compile-time checks for C++11, C11 and (by array size) C99. */
#if defined(__cplusplus)
#define XEN_ABI_ASSERT(cond, msg) static_assert(cond, msg)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define XEN_ABI_ASSERT(cond, msg) _Static_assert(cond, msg)
#else
#ifdef __COUNTER__
#define XEN_ABI_ASSERT(cond, msg) __XEN_ABI_ASSERT(cond, __COUNTER__)
#else
#define XEN_ABI_ASSERT(cond, msg) __XEN_ABI_ASSERT(cond, __LINE__)
#endif
#define __XEN_ABI_ASSERT(cond, n) ___XEN_ABI_ASSERT(cond, n)
#define ___XEN_ABI_ASSERT(cond, n) \
    typedef char __xen_abi_assert_ ## n[(cond) ? 1 : -1]
#endif

#define XEN_ABI_SIZE(type, size) \
    XEN_ABI_ASSERT(sizeof(type) == (size), #type " is " #size " bytes")
#define XEN_ABI_OFFSET(type, field, off) \
    XEN_ABI_ASSERT(__builtin_offsetof(type, field) == (off), \
                   #type "." #field " is at " #off)

#endif /* __XEN_PUBLIC_XEN_COMPAT_H__ */
