/* SPDX-License-Identifier: GPL-2.0-only */
/* Node permissions: the n/r/w/b<domid> strings of the wire protocol and the
 * rule deciding what one connection may do with a node. */
#ifndef XSD_PERMS_H
#define XSD_PERMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XS_PERM_NONE      0x00
#define XS_PERM_READ      0x01
#define XS_PERM_WRITE     0x02
#define XS_PERM_ENOENT_OK 0x04          /* internal in C xenstored; unused */
#define XS_PERM_OWNER     0x08
#define XS_PERM_IGNORE    0x10          /* entry names a domain now gone */

/* One entry; a node's list has at least one, entry 0 being the owner and
 * also the default for domains not listed. */
struct xs_perm {
    uint32_t id;
    uint32_t perms;
};

/* Who is asking: privileged connections (the socket, dom0) may do anything;
 * target is the domain a device-model domain acts for (SET_TARGET), or -1. */
struct xs_ident {
    unsigned int domid;
    bool privileged;
    int target;
};

/* Parses n consecutive NUL-terminated strings; 0 or EINVAL. */
int xs_perms_parse(const char *strings, unsigned int n, struct xs_perm *out);

/* Writes the n strings, each NUL-terminated, into buf; returns the bytes
 * used, or 0 when size is too small. */
size_t xs_perms_format(const struct xs_perm *p, unsigned int n,
                       char *buf, size_t size);

/* The XS_PERM_READ/WRITE/OWNER bits who holds on a node with list p. */
unsigned int xs_perms_for(const struct xs_ident *who,
                          const struct xs_perm *p, unsigned int n);

#endif /* XSD_PERMS_H */
