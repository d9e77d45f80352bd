/* SPDX-License-Identifier: GPL-2.0-only */
/* Gives the hypervisor's libc-named functions a xen_ prefix in host builds, so
 * they sit beside the host libc (and ASan's interceptors) instead of replacing
 * them. Used as `-include host_rename.h` on the code under test; a test file
 * includes it before the xen/ headers and host_unrename.h after them. */
#ifndef HOST_RENAME_H
#define HOST_RENAME_H

#define memcpy      xen_memcpy
#define memmove     xen_memmove
#define memset      xen_memset
#define memcmp      xen_memcmp
#define memchr      xen_memchr
#define strlen      xen_strlen
#define strnlen     xen_strnlen
#define strcmp      xen_strcmp
#define strncmp     xen_strncmp
#define strcasecmp  xen_strcasecmp
#define strchr      xen_strchr
#define strrchr     xen_strrchr
#define strstr      xen_strstr
#define strlcpy     xen_strlcpy
#define strlcat     xen_strlcat
#define vsnprintf   xen_vsnprintf
#define snprintf    xen_snprintf
#define vscnprintf  xen_vscnprintf
#define scnprintf   xen_scnprintf

#endif /* HOST_RENAME_H */
