/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxenctrl's domain calls: one domctl each, or memory_op and hvm_op for
 * the domain's memory and parameters. Pointers inside an argument (lists,
 * context streams) are bounced through hypercall buffers too. */
#include <errno.h>
#include <string.h>
#include <xen/memory.h>
#include <xen/hvm/hvm_op.h>
#include "xc_private.h"

static int domctl_on(xc_interface *xch, uint32_t cmd, uint32_t domid)
{
    struct xen_domctl op = { .cmd = cmd, .domain = (domid_t)domid };

    return xc_do_domctl(xch, &op);
}

int xc_domain_create(xc_interface *xch, uint32_t *pdomid,
                     struct xen_domctl_createdomain *config)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_createdomain, .domain = (domid_t)*pdomid };

    op.u.createdomain = *config;
    if ( xc_do_domctl(xch, &op) < 0 )
        return -1;
    *pdomid = op.domain;
    *config = op.u.createdomain;
    return 0;
}

int xc_domain_max_vcpus(xc_interface *xch, uint32_t domid, unsigned int max)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_max_vcpus, .domain = (domid_t)domid };

    op.u.max_vcpus.max = max;
    return xc_do_domctl(xch, &op);
}

int xc_domain_setmaxmem(xc_interface *xch, uint32_t domid, uint64_t max_memkb)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_max_mem, .domain = (domid_t)domid };

    op.u.max_mem.max_memkb = max_memkb;
    return xc_do_domctl(xch, &op);
}

int xc_domain_pause(xc_interface *xch, uint32_t domid)
{
    return domctl_on(xch, XEN_DOMCTL_pausedomain, domid);
}

int xc_domain_unpause(xc_interface *xch, uint32_t domid)
{
    return domctl_on(xch, XEN_DOMCTL_unpausedomain, domid);
}

/* Xen restarts a long destroy with -ERESTART; the library repeats it. */
int xc_domain_destroy(xc_interface *xch, uint32_t domid)
{
    int rc;

    do
        rc = domctl_on(xch, XEN_DOMCTL_destroydomain, domid);
    while ( rc < 0 && errno == EAGAIN );
    return rc;
}

int xc_domain_getinfolist(xc_interface *xch, uint32_t first_domain,
                          unsigned int max_domains, xc_domaininfo_t *info)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_getdomaininfolist };
    size_t len = max_domains * sizeof(*info);
    void *buf = xc_bounce_in(xch, NULL, len);
    int rc;

    if ( !buf )
        return -1;
    op.u.getdomaininfolist.first_domain = (domid_t)first_domain;
    op.u.getdomaininfolist.max_domains = max_domains;
    op.u.getdomaininfolist.buffer.q = (uint64_t)(uintptr_t)buf;
    rc = xc_do_sysctl(xch, &op);
    if ( rc == 0 && op.u.getdomaininfolist.num_domains > max_domains )
    {
        errno = EIO;        /* the hypervisor wrote past what we gave it */
        rc = -1;
    }
    xc_bounce_out(xch, buf, rc < 0 ? NULL : info,
                  rc < 0 ? 0 : op.u.getdomaininfolist.num_domains * sizeof(*info));
    return rc < 0 ? -1 : (int)op.u.getdomaininfolist.num_domains;
}

int xc_domain_populate_physmap_exact(xc_interface *xch, uint32_t domid,
                                     unsigned long nr_extents, unsigned int extent_order,
                                     unsigned int mem_flags, xen_pfn_t *extent_start)
{
    struct xen_memory_reservation r = {
        .nr_extents = nr_extents, .extent_order = extent_order,
        .mem_flags = mem_flags, .domid = (domid_t)domid,
    };
    size_t len = nr_extents * sizeof(*extent_start);
    void *list = xc_bounce_in(xch, extent_start, len);
    int rc;

    if ( !list )
        return -1;
    r.extent_start.q = (uint64_t)(uintptr_t)list;
    rc = xc_do_op_with_arg(xch, __HYPERVISOR_memory_op, XENMEM_populate_physmap, &r,
                           sizeof(r));
    xc_bounce_out(xch, list, extent_start, len);
    if ( rc < 0 )
        return -1;
    if ( (unsigned long)rc != nr_extents )
    {
        errno = EBUSY;
        return -1;
    }
    return 0;
}

int xc_domain_hvm_getcontext(xc_interface *xch, uint32_t domid, uint8_t *ctxt_buf,
                             uint32_t size)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_gethvmcontext, .domain = (domid_t)domid };
    void *buf = ctxt_buf ? xc_bounce_in(xch, NULL, size) : NULL;
    int rc;

    if ( ctxt_buf && !buf )
        return -1;
    op.u.hvmcontext.size = ctxt_buf ? size : 0;
    op.u.hvmcontext.buffer.q = (uint64_t)(uintptr_t)buf;
    rc = xc_do_domctl(xch, &op);
    if ( buf )
        xc_bounce_out(xch, buf, rc < 0 ? NULL : ctxt_buf, rc < 0 ? 0 : size);
    return rc < 0 ? -1 : (int)op.u.hvmcontext.size;
}

int xc_domain_hvm_setcontext(xc_interface *xch, uint32_t domid, uint8_t *hvm_ctxt,
                             uint32_t size)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_sethvmcontext, .domain = (domid_t)domid };
    void *buf = xc_bounce_in(xch, hvm_ctxt, size);
    int rc;

    if ( !buf )
        return -1;
    op.u.hvmcontext.size = size;
    op.u.hvmcontext.buffer.q = (uint64_t)(uintptr_t)buf;
    rc = xc_do_domctl(xch, &op);
    xc_bounce_out(xch, buf, NULL, 0);
    return rc;
}

static int hvm_param(xc_interface *xch, unsigned int cmd, uint32_t dom, uint32_t param,
                     uint64_t *value)
{
    struct xen_hvm_param p = { .domid = (domid_t)dom, .index = param, .value = *value };

    if ( xc_do_op_with_arg(xch, __HYPERVISOR_hvm_op, cmd, &p, sizeof(p)) < 0 )
        return -1;
    *value = p.value;
    return 0;
}

int xc_hvm_param_set(xc_interface *xch, uint32_t dom, uint32_t param, uint64_t value)
{
    return hvm_param(xch, HVMOP_set_param, dom, param, &value);
}

int xc_hvm_param_get(xc_interface *xch, uint32_t dom, uint32_t param, uint64_t *value)
{
    *value = 0;
    return hvm_param(xch, HVMOP_get_param, dom, param, value);
}
