/* SPDX-License-Identifier: GPL-2.0-only */
/* XS_CONTROL: daemon commands (check, help, print, quota). */
#ifndef XSD_CONTROL_H
#define XSD_CONTROL_H

struct xs_req;
struct xs_store;

int xs_do_control(struct xs_req *r);

/* Walks the store checking that child lists, nodes and per-domain counts
 * agree; logs and returns the number of problems. */
unsigned int xs_store_check(struct xs_store *s);

#endif /* XSD_CONTROL_H */
