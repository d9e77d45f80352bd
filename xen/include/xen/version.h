/* SPDX-License-Identifier: GPL-2.0-only */
/* The version we report to guests and tools, and our own name. */
#ifndef XEN_VERSION_H
#define XEN_VERSION_H

#define XEN_VERSION_MAJOR   4
#define XEN_VERSION_MINOR   17

extern const char xen_extra_version[];
extern const char xen_compile_info[];
void print_banner(void);

#endif /* XEN_VERSION_H */
