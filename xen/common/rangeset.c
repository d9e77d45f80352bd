/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Rangesets as a singly linked list of ranges, sorted ascending, with the
 * invariant that neighbours neither overlap nor touch (x->e + 1 < next->s), so
 * every set has exactly one representation. Each update allocates at most
 * one node and does so before changing anything, which is how a failed
 * allocation leaves the set as it was.
 *
 *   add [4, 6] to { 0-3, 7-9 }     -> { 0-9 }        (merges both neighbours)
 *   remove [5, 5] from { 0-9 }     -> { 0-4, 6-9 }   (split: one allocation)
 *
 * One spinlock per set guards the list and the counters.
 */
#include <xen/rangeset.h>
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/xmalloc.h>

struct range {
    struct range *next;
    unsigned long s, e;
};

struct rangeset {
    spinlock_t lock;
    struct range *head;
    unsigned int nr_ranges;
    unsigned int max_ranges;
    unsigned int flags;
    char name[32];
};

static struct range *alloc_range(struct rangeset *r)
{
    struct range *x;

    if ( r->nr_ranges >= r->max_ranges )
        return NULL;
    x = xmalloc(struct range);
    if ( x )
        r->nr_ranges++;
    return x;
}

static void free_range(struct rangeset *r, struct range *x)
{
    r->nr_ranges--;
    xfree(x);
}

/* The link that points at the first range ending at or after s. */
static struct range **first_ending_from(struct rangeset *r, unsigned long s)
{
    struct range **pp = &r->head;

    while ( *pp && (*pp)->e < s )
        pp = &(*pp)->next;
    return pp;
}

struct rangeset *rangeset_new(const char *name, unsigned int flags)
{
    struct rangeset *r = xzalloc(struct rangeset);

    if ( !r )
        return NULL;
    spin_lock_init(&r->lock);
    r->max_ranges = ~0u;
    r->flags = flags;
    strlcpy(r->name, name ? name : "(no name)", sizeof(r->name));
    return r;
}

void rangeset_destroy(struct rangeset *r)
{
    struct range *x;

    if ( !r )
        return;
    while ( (x = r->head) )
    {
        r->head = x->next;
        free_range(r, x);
    }
    xfree(r);
}

void rangeset_limit(struct rangeset *r, unsigned int limit)
{
    r->max_ranges = limit;
}

/* Widens x to cover [s, e], swallowing followers it now overlaps or touches. */
static void merge_into(struct rangeset *r, struct range *x,
                       unsigned long s, unsigned long e)
{
    struct range *y;

    if ( s < x->s )
        x->s = s;
    if ( e > x->e )
        x->e = e;
    while ( (y = x->next) && (x->e == ~0UL || y->s <= x->e + 1) )
    {
        if ( y->e > x->e )
            x->e = y->e;
        x->next = y->next;
        free_range(r, y);
    }
}

static int add_locked(struct rangeset *r, unsigned long s, unsigned long e)
{
    /* Ranges ending at s - 1 are adjacent, so they merge too. */
    struct range **pp = first_ending_from(r, s ? s - 1 : 0);
    struct range *x = *pp, *y;

    if ( x && (e == ~0UL || x->s <= e + 1) )
    {
        merge_into(r, x, s, e);
        return 0;
    }
    y = alloc_range(r);
    if ( !y )
        return -ENOMEM;
    y->s = s;
    y->e = e;
    y->next = x;
    *pp = y;
    return 0;
}

/* Cuts [s, e] out of the middle of x, which strictly contains it. */
static int split_range(struct rangeset *r, struct range *x,
                       unsigned long s, unsigned long e)
{
    struct range *y = alloc_range(r);

    if ( !y )
        return -ENOMEM;
    y->s = e + 1;
    y->e = x->e;
    y->next = x->next;
    x->e = s - 1;
    x->next = y;
    return 0;
}

static int remove_locked(struct rangeset *r, unsigned long s, unsigned long e)
{
    struct range **pp = first_ending_from(r, s);
    struct range *x = *pp;

    if ( x && x->s < s && x->e > e )
        return split_range(r, x, s, e);
    if ( x && x->s < s )
    {
        x->e = s - 1;
        pp = &x->next;
    }
    while ( (x = *pp) && x->e <= e )
    {
        *pp = x->next;
        free_range(r, x);
    }
    if ( x && x->s <= e )
        x->s = e + 1;
    return 0;
}

int rangeset_add_range(struct rangeset *r, unsigned long s, unsigned long e)
{
    int rc;

    if ( s > e )
        return -EINVAL;
    spin_lock(&r->lock);
    rc = add_locked(r, s, e);
    spin_unlock(&r->lock);
    return rc;
}

int rangeset_remove_range(struct rangeset *r, unsigned long s, unsigned long e)
{
    int rc;

    if ( s > e )
        return -EINVAL;
    spin_lock(&r->lock);
    rc = remove_locked(r, s, e);
    spin_unlock(&r->lock);
    return rc;
}

bool rangeset_contains_range(struct rangeset *r, unsigned long s,
                             unsigned long e)
{
    const struct range *x;
    bool found;

    if ( s > e )
        return false;
    spin_lock(&r->lock);
    x = *first_ending_from(r, s);
    found = x && x->s <= s && x->e >= e;
    spin_unlock(&r->lock);
    return found;
}

bool rangeset_overlaps_range(struct rangeset *r, unsigned long s,
                             unsigned long e)
{
    const struct range *x;
    bool found;

    if ( s > e )
        return false;
    spin_lock(&r->lock);
    x = *first_ending_from(r, s);
    found = x && x->s <= e;
    spin_unlock(&r->lock);
    return found;
}

/* A lock-free peek: the answer may be stale by the time the caller acts. */
bool rangeset_is_empty(const struct rangeset *r)
{
    return !r || !READ_ONCE(r->head);
}

int rangeset_report_ranges(struct rangeset *r, unsigned long s, unsigned long e,
                           rangeset_report_fn *cb, void *ctxt)
{
    const struct range *x;
    int rc = 0;

    if ( s > e )
        return -EINVAL;
    spin_lock(&r->lock);
    for ( x = *first_ending_from(r, s); !rc && x && x->s <= e; x = x->next )
        rc = cb(max(x->s, s), min(x->e, e), ctxt);
    spin_unlock(&r->lock);
    return rc;
}

static void print_limit(const struct rangeset *r, unsigned long v)
{
    printk((r->flags & RANGESETF_prettyprint_hex) ? "%lx" : "%lu", v);
}

void rangeset_printk(struct rangeset *r)
{
    const struct range *x;

    spin_lock(&r->lock);
    printk("%-10s {", r->name);
    for ( x = r->head; x; x = x->next )
    {
        printk(x == r->head ? " " : ", ");
        print_limit(r, x->s);
        if ( x->s != x->e )
        {
            printk("-");
            print_limit(r, x->e);
        }
    }
    printk(" }");
    spin_unlock(&r->lock);
}
