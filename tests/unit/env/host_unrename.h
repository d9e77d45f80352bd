/* SPDX-License-Identifier: GPL-2.0-only */
/* Undoes host_rename.h after the xen/ headers are in, so the rest of a test file
 * can use the host libc by its usual names and the hypervisor's as xen_*. */
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef memchr
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strcasecmp
#undef strchr
#undef strrchr
#undef strstr
#undef strlcpy
#undef strlcat
#undef vsnprintf
#undef snprintf
#undef vscnprintf
#undef scnprintf
