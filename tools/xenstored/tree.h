/* SPDX-License-Identifier: GPL-2.0-only */
/* Node operations with permission checks and quotas, on a view (the shared
 * store or a transaction). Paths are absolute; invalid ones give EINVAL. */
#ifndef XSD_TREE_H
#define XSD_TREE_H

#include "node.h"
#include "transaction.h"

/* The node if the connection holds all of the want bits. A missing node or
 * missing rights read as EACCES unless the nearest existing ancestor grants
 * some of them, so that names under unreadable nodes do not leak. */
int xs_tree_get(struct xs_view *v, const char *path, unsigned int want,
                const struct xs_node **out);

/* Sets the value, creating missing ancestors (they inherit permissions). */
int xs_tree_write(struct xs_view *v, const char *path,
                  const void *data, unsigned int len);

/* Creates the node with an empty value unless it exists. */
int xs_tree_mkdir(struct xs_view *v, const char *path);

/* Removes the subtree; an absent node is fine if its parent exists. */
int xs_tree_rm(struct xs_view *v, const char *path);

/* Replaces the permission list; the caller must own the node, and only
 * privileged connections may give it to another owner. */
int xs_tree_set_perms(struct xs_view *v, const char *path,
                      const struct xs_perm *p, unsigned int n);

#endif /* XSD_TREE_H */
