/* SPDX-License-Identifier: GPL-2.0-only */
/* What domctl.c shares with sysctl.c. */
#ifndef XEN_DOMAIN_INFO_H
#define XEN_DOMAIN_INFO_H

#include <public/domctl.h>

struct domain;

/* Fills info as XEN_DOMCTL_getdomaininfo reports d. */
void getdomaininfo(const struct domain *d, struct xen_domctl_getdomaininfo *info);

#endif /* XEN_DOMAIN_INFO_H */
