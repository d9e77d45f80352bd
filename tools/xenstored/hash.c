/* SPDX-License-Identifier: GPL-2.0-only */
/* String-keyed intrusive hash table (see hash.h): FNV-1a, chained buckets,
 * doubled when the load passes one entry per bucket. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"

#define INITIAL_BUCKETS 64

static size_t hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;

    while ( *s )
        h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
    return (size_t)h;
}

int xs_hash_init(struct xs_hash *h)
{
    h->buckets = calloc(INITIAL_BUCKETS, sizeof(*h->buckets));
    h->nbuckets = INITIAL_BUCKETS;
    h->count = 0;
    return h->buckets ? 0 : ENOMEM;
}

void xs_hash_fini(struct xs_hash *h)
{
    free(h->buckets);
    h->buckets = NULL;
    h->nbuckets = h->count = 0;
}

static struct xs_hlink **find(const struct xs_hash *h, const char *key)
{
    struct xs_hlink **pp = &h->buckets[hash_str(key) & (h->nbuckets - 1)];

    while ( *pp && strcmp((*pp)->key, key) )
        pp = &(*pp)->next;
    return pp;
}

struct xs_hlink *xs_hash_get(const struct xs_hash *h, const char *key)
{
    return *find(h, key);
}

static void grow(struct xs_hash *h)
{
    size_t n = h->nbuckets * 2, i;
    struct xs_hlink **nb = calloc(n, sizeof(*nb)), *l, *next;

    if ( !nb )
        return;
    for ( i = 0; i < h->nbuckets; i++ )
        for ( l = h->buckets[i]; l; l = next )
        {
            next = l->next;
            l->next = nb[hash_str(l->key) & (n - 1)];
            nb[hash_str(l->key) & (n - 1)] = l;
        }
    free(h->buckets);
    h->buckets = nb;
    h->nbuckets = n;
}

struct xs_hlink *xs_hash_put(struct xs_hash *h, struct xs_hlink *l)
{
    struct xs_hlink **pp = find(h, l->key), *old = *pp;

    if ( old )
    {
        l->next = old->next;
        *pp = l;
        return old;
    }
    l->next = NULL;
    *pp = l;
    if ( ++h->count > h->nbuckets )
        grow(h);
    return NULL;
}

struct xs_hlink *xs_hash_take(struct xs_hash *h, const char *key)
{
    struct xs_hlink **pp = find(h, key), *l = *pp;

    if ( l )
    {
        *pp = l->next;
        h->count--;
    }
    return l;
}

void xs_hash_walk(struct xs_hash *h, void (*fn)(struct xs_hlink *l, void *arg),
                  void *arg)
{
    struct xs_hlink *l, *next;
    size_t i;

    for ( i = 0; i < h->nbuckets; i++ )
        for ( l = h->buckets[i]; l; l = next )
        {
            next = l->next;
            fn(l, arg);
        }
}
