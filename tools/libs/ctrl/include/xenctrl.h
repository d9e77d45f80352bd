/* SPDX-License-Identifier: LGPL-2.1-only */
/* libxenctrl, the part the toolstack needs first: domains created, sized,
 * paused, listed and destroyed, their memory populated and their HVM context
 * read and loaded, and the machine's physinfo. Names, types and the return
 * convention (-1 with errno) are those of Xen 4.17's libxenctrl. */
#ifndef XENCTRL_H
#define XENCTRL_H

#include <stdint.h>
#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>

typedef struct xc_interface_core xc_interface;
typedef struct xen_sysctl_physinfo xc_physinfo_t;
typedef struct xen_domctl_getdomaininfo xc_domaininfo_t;
struct xentoollog_logger;

xc_interface *xc_interface_open(struct xentoollog_logger *logger,
                                struct xentoollog_logger *dombuild_logger,
                                unsigned int open_flags);
int xc_interface_close(xc_interface *xch);

int xc_physinfo(xc_interface *xch, xc_physinfo_t *info);
int xc_version(xc_interface *xch, int cmd, void *arg);

/* *pdomid: the id wanted, or 0 for any; the id given on return. */
int xc_domain_create(xc_interface *xch, uint32_t *pdomid,
                     struct xen_domctl_createdomain *config);
int xc_domain_max_vcpus(xc_interface *xch, uint32_t domid, unsigned int max);
int xc_domain_setmaxmem(xc_interface *xch, uint32_t domid, uint64_t max_memkb);
int xc_domain_pause(xc_interface *xch, uint32_t domid);
int xc_domain_unpause(xc_interface *xch, uint32_t domid);
int xc_domain_destroy(xc_interface *xch, uint32_t domid);
/* Up to max_domains domains with ids from first_domain up, in id order; the
 * number filled in, or -1. */
int xc_domain_getinfolist(xc_interface *xch, uint32_t first_domain,
                          unsigned int max_domains, xc_domaininfo_t *info);
/* All nr_extents extents of 2^extent_order pages at the given GFNs, or -1
 * (errno EBUSY if only some were populated). */
int xc_domain_populate_physmap_exact(xc_interface *xch, uint32_t domid,
                                     unsigned long nr_extents, unsigned int extent_order,
                                     unsigned int mem_flags, xen_pfn_t *extent_start);
/* With ctxt_buf NULL: the size a context needs. Else the bytes written. */
int xc_domain_hvm_getcontext(xc_interface *xch, uint32_t domid, uint8_t *ctxt_buf,
                             uint32_t size);
int xc_domain_hvm_setcontext(xc_interface *xch, uint32_t domid, uint8_t *hvm_ctxt,
                             uint32_t size);
int xc_hvm_param_set(xc_interface *xch, uint32_t dom, uint32_t param, uint64_t value);
int xc_hvm_param_get(xc_interface *xch, uint32_t dom, uint32_t param, uint64_t *value);

#endif /* XENCTRL_H */
