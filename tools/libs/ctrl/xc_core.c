/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxenctrl's core: the handle, and domctl/sysctl/other hypercalls made with
 * copies of their arguments in hypercall buffers (memory the hypervisor can
 * read without the process faulting). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xen/version.h>
#include "xc_private.h"

xc_interface *xc_interface_open(struct xentoollog_logger *logger,
                                struct xentoollog_logger *dombuild_logger,
                                unsigned int open_flags)
{
    xc_interface *xch = calloc(1, sizeof(*xch));
    int saved;

    (void)dombuild_logger;
    if ( !xch )
        return NULL;
    if ( !(xch->xcall = xencall_open(logger, open_flags)) )
    {
        saved = errno;
        free(xch);
        errno = saved;
        return NULL;
    }
    return xch;
}

int xc_interface_close(xc_interface *xch)
{
    if ( !xch )
        return 0;
    xencall_close(xch->xcall);
    free(xch);
    return 0;
}

void *xc_bounce_in(xc_interface *xch, const void *src, size_t len)
{
    void *buf = xencall_alloc_buffer(xch->xcall, len ? len : 1);

    if ( buf && src )
        memcpy(buf, src, len);
    return buf;
}

void xc_bounce_out(xc_interface *xch, void *buf, void *dst, size_t len)
{
    int saved = errno;

    if ( buf && dst )
        memcpy(dst, buf, len);
    xencall_free_buffer(xch->xcall, buf);
    errno = saved;
}

int xc_do_op_with_arg(xc_interface *xch, unsigned int hc, unsigned int cmd, void *arg,
                      size_t len)
{
    void *buf = xc_bounce_in(xch, arg, len);
    int rc;

    if ( !buf )
        return -1;
    rc = xencall2(xch->xcall, hc, cmd, (uint64_t)(uintptr_t)buf);
    xc_bounce_out(xch, buf, arg, len);
    return rc;
}

int xc_do_domctl(xc_interface *xch, struct xen_domctl *op)
{
    void *buf;
    int rc;

    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    if ( !(buf = xc_bounce_in(xch, op, sizeof(*op))) )
        return -1;
    rc = xencall1(xch->xcall, __HYPERVISOR_domctl, (uint64_t)(uintptr_t)buf);
    xc_bounce_out(xch, buf, op, sizeof(*op));
    return rc;
}

int xc_do_sysctl(xc_interface *xch, struct xen_sysctl *op)
{
    void *buf;
    int rc;

    op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    if ( !(buf = xc_bounce_in(xch, op, sizeof(*op))) )
        return -1;
    rc = xencall1(xch->xcall, __HYPERVISOR_sysctl, (uint64_t)(uintptr_t)buf);
    xc_bounce_out(xch, buf, op, sizeof(*op));
    return rc;
}

int xc_physinfo(xc_interface *xch, xc_physinfo_t *info)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_physinfo };

    if ( xc_do_sysctl(xch, &op) < 0 )
        return -1;
    *info = op.u.physinfo;
    return 0;
}

/* The argument sizes of the xen_version sub-ops that take one. */
static size_t version_arg_size(int cmd)
{
    switch ( cmd )
    {
    case XENVER_extraversion:   return sizeof(xen_extraversion_t);
    case XENVER_compile_info:   return sizeof(xen_compile_info_t);
    case XENVER_capabilities:   return sizeof(xen_capabilities_info_t);
    case XENVER_changeset:      return sizeof(xen_changeset_info_t);
    case XENVER_platform_parameters: return sizeof(xen_platform_parameters_t);
    case XENVER_get_features:   return sizeof(xen_feature_info_t);
    case XENVER_commandline:    return sizeof(xen_commandline_t);
    case XENVER_guest_handle:   return sizeof(xen_domain_handle_t);
    default:                    return 0;
    }
}

int xc_version(xc_interface *xch, int cmd, void *arg)
{
    size_t len = arg ? version_arg_size(cmd) : 0;

    if ( !len )
        return xencall2(xch->xcall, __HYPERVISOR_xen_version, (unsigned int)cmd, 0);
    return xc_do_op_with_arg(xch, __HYPERVISOR_xen_version, (unsigned int)cmd, arg, len);
}
