/* SPDX-License-Identifier: GPL-2.0-only */
/* Request handlers for the node operations: argument decoding around
 * tree.c. */
#ifndef XSD_NODEOPS_H
#define XSD_NODEOPS_H

struct xs_req;

int xs_do_read(struct xs_req *r);
int xs_do_directory(struct xs_req *r);
int xs_do_directory_part(struct xs_req *r);
int xs_do_get_perms(struct xs_req *r);
int xs_do_write(struct xs_req *r);
int xs_do_mkdir(struct xs_req *r);
int xs_do_rm(struct xs_req *r);
int xs_do_set_perms(struct xs_req *r);

#endif /* XSD_NODEOPS_H */
