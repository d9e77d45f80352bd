/* SPDX-License-Identifier: GPL-2.0-only */
/* Watches: registration per connection and matching changes to them. */
#ifndef XSD_WATCH_H
#define XSD_WATCH_H

#include <stdbool.h>

#include "perms.h"

struct xs_store;
struct xs_conn;
struct xs_req;

/*
 * A change to path. exact: only watches on path itself (the nodes below a
 * removed subtree root); otherwise watches on path and its ancestors. perms
 * (may be NULL) are the node's rights before the change, for nodes removed
 * or made unreadable; unprivileged watchers need to be able to read the node
 * (now or before) or its parent.
 */
void xs_watch_fire(struct xs_store *s, const char *path, bool exact,
                   const struct xs_perm *perms, unsigned int nperms);

void xs_watch_drop_all(struct xs_conn *c);

int xs_do_watch(struct xs_req *r);
int xs_do_unwatch(struct xs_req *r);
int xs_do_reset_watches(struct xs_req *r);

#endif /* XSD_WATCH_H */
