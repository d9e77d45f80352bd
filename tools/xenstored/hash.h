/* SPDX-License-Identifier: GPL-2.0-only */
/* A string-keyed hash table with the links inside the entries, used for the
 * node store and for each transaction's private copies. */
#ifndef XSD_HASH_H
#define XSD_HASH_H

#include <stddef.h>

struct xs_hlink {
    struct xs_hlink *next;
    const char *key;                    /* owned by the entry */
};

struct xs_hash {
    struct xs_hlink **buckets;
    size_t nbuckets;
    size_t count;
};

int xs_hash_init(struct xs_hash *h);    /* 0 or ENOMEM */
void xs_hash_fini(struct xs_hash *h);   /* the table only, not the entries */

struct xs_hlink *xs_hash_get(const struct xs_hash *h, const char *key);

/* Adds l, replacing and returning an entry with the same key (else NULL).
 * Never fails: when the table cannot grow, chains just get longer. */
struct xs_hlink *xs_hash_put(struct xs_hash *h, struct xs_hlink *l);

/* Unlinks and returns the entry for key, or NULL. */
struct xs_hlink *xs_hash_take(struct xs_hash *h, const char *key);

/* Calls fn on every entry; fn may take (unlink) the entry it is given. */
void xs_hash_walk(struct xs_hash *h, void (*fn)(struct xs_hlink *l, void *arg),
                  void *arg);

#define xs_container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))

#endif /* XSD_HASH_H */
