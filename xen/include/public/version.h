/* SPDX-License-Identifier: MIT */
/* xen_version(cmd, arg): sub-operations and their buffers. String sub-ops a
 * domain may not see return the text "<denied>" rather than an error. */
#ifndef __XEN_PUBLIC_VERSION_H__
#define __XEN_PUBLIC_VERSION_H__

#include "xen.h"

#define XENVER_version      0       /* arg NULL; returns major << 16 | minor */

#define XENVER_extraversion 1
typedef char xen_extraversion_t[16];
#define XEN_EXTRAVERSION_LEN (sizeof(xen_extraversion_t))

#define XENVER_compile_info 2
struct xen_compile_info {
    char compiler[64];
    char compile_by[16];
    char compile_domain[32];
    char compile_date[32];
};
typedef struct xen_compile_info xen_compile_info_t;

#define XENVER_capabilities 3
typedef char xen_capabilities_info_t[1024];
#define XEN_CAPABILITIES_INFO_LEN (sizeof(xen_capabilities_info_t))

#define XENVER_changeset    4
typedef char xen_changeset_info_t[64];
#define XEN_CHANGESET_INFO_LEN (sizeof(xen_changeset_info_t))

#define XENVER_platform_parameters 5
struct xen_platform_parameters {
    xen_ulong_t virt_start;         /* start of the hypervisor hole */
};
typedef struct xen_platform_parameters xen_platform_parameters_t;

#define XENVER_get_features 6
struct xen_feature_info {
    unsigned int submap_idx;        /* in: which 32-bit XENFEAT_* word */
    uint32_t submap;                /* out */
};
typedef struct xen_feature_info xen_feature_info_t;

#define XENVER_pagesize     7       /* arg NULL; returns the page size */

#define XENVER_guest_handle 8       /* arg: xen_domain_handle_t */

#define XENVER_commandline  9
typedef char xen_commandline_t[1024];

/* NULL arg returns the id's length; otherwise len is the buffer size. */
#define XENVER_build_id     10
struct xen_build_id {
    uint32_t len;
    unsigned char buf[XEN_FLEX_ARRAY_DIM];
};
typedef struct xen_build_id xen_build_id_t;

XEN_ABI_SIZE(struct xen_compile_info, 144);
XEN_ABI_SIZE(struct xen_platform_parameters, 8);
XEN_ABI_SIZE(struct xen_feature_info, 8);
XEN_ABI_OFFSET(struct xen_build_id, buf, 4);

#endif /* __XEN_PUBLIC_VERSION_H__ */
