/* SPDX-License-Identifier: GPL-2.0-only */
/* Xenstore path rules: valid names, relative paths made absolute against a
 * connection's home, and the parent/child relation watches use. */
#ifndef XSD_PATH_H
#define XSD_PATH_H

#include <stdbool.h>
#include <stddef.h>

#include <public/io/xs_wire.h>

/* Room for any path a request can name: a home prefix plus a whole payload. */
#define XS_PATH_BUF (XENSTORE_PAYLOAD_MAX + 64)

/* Whether path may name a node. rel_max > 0 also limits the part below
 * /local/domain/<id>/ (the whole path elsewhere), as for unprivileged
 * domains. */
bool xs_path_valid(const char *path, unsigned int rel_max);

/* Absolute and special (@...) paths are copied; others are appended to home.
 * Returns -1 when out (of size XS_PATH_BUF) cannot hold the result. */
int xs_path_canonical(const char *home, const char *in, char *out);

/* The parent of a path other than "/" ("/" for a top-level node). */
void xs_path_parent(const char *path, char *out);

/* The last component of a path other than "/". */
const char *xs_path_basename(const char *path);

/* Whether child is parent or lies below it; everything is below "/". */
bool xs_path_is_child(const char *child, const char *parent);

/* out = parent/name; -1 when it would not fit in XS_PATH_BUF. */
int xs_path_join(const char *parent, const char *name, char *out);

#endif /* XSD_PATH_H */
