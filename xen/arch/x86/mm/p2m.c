/* SPDX-License-Identifier: GPL-2.0-only */
/* The p2m walker: four-level tables indexed by guest frame number, with leaves at
 * 4 KiB, 2 MiB or 1 GiB. Setting a mapping over part of a superpage first splits
 * it into the next level (copying the rest of the mapping), so a change never
 * widens or loses neighbouring mappings. Freed or replaced sub-tables go back to
 * the heap at once: callers flush the guest TLBs (ASID/VPID) after a change.
 *
 * Example: mapping gfn 0x200..0x3ff (order 9) over a 1 GiB leaf at gfn 0 splits
 * the L3 leaf into 512 2 MiB leaves, then replaces the second one. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/string.h>
#include <asm/directmap.h>
#include <asm/p2m.h>

#define ENTRIES     512
#define LEVEL_SHIFT(l)  (9 * ((l) - 1))     /* level 1 = 4K leaves */

static const char *const type_names[p2m_nr_types] = {
    [p2m_invalid] = "invalid", [p2m_ram_rw] = "ram_rw", [p2m_ram_ro] = "ram_ro",
    [p2m_mmio_direct] = "mmio_direct", [p2m_mmio_dm] = "mmio_dm",
    [p2m_grant_map_rw] = "grant_rw", [p2m_grant_map_ro] = "grant_ro",
    [p2m_map_foreign] = "foreign",
};

const char *p2m_type_name(p2m_type_t t)
{
    return t < p2m_nr_types ? type_names[t] : "?";
}

static uint64_t *table_va(paddr_t pa)
{
    return maddr_to_virt(pa);
}

static paddr_t alloc_table(struct p2m_domain *p2m)
{
    void *p = alloc_xenheap_pages(0, 0);

    if ( !p )
        return 0;
    memset(p, 0, PAGE_SIZE);
    p2m->nr_table_pages++;
    return virt_to_maddr(p);
}

static void free_table(struct p2m_domain *p2m, paddr_t pa)
{
    free_xenheap_pages(maddr_to_virt(pa), 0);
    p2m->nr_table_pages--;
}

int p2m_init(struct p2m_domain *p2m, const struct p2m_format *fmt)
{
    memset(p2m, 0, sizeof(*p2m));
    spin_lock_init(&p2m->lock);
    p2m->fmt = fmt;
    p2m->root = alloc_table(p2m);
    return p2m->root ? 0 : -ENOMEM;
}

static void account(struct p2m_domain *p2m, uint64_t e, unsigned int level, long sign);

/* Frees a table and everything below it; its leaves leave the counters. */
static void free_subtree(struct p2m_domain *p2m, paddr_t pa, unsigned int level)
{
    uint64_t *t = table_va(pa);
    unsigned int i;

    for ( i = 0; i < ENTRIES; i++ )
    {
        uint64_t e = t[i];

        if ( p2m->fmt->is_leaf(e, level) )
            account(p2m, e, level, -1);
        else if ( p2m->fmt->present(e) )
            free_subtree(p2m, (paddr_t)p2m->fmt->mfn(e) << PAGE_SHIFT, level - 1);
    }
    free_table(p2m, pa);
}

void p2m_teardown(struct p2m_domain *p2m)
{
    if ( p2m->root )
        free_subtree(p2m, p2m->root, P2M_LEVELS);
    p2m->root = 0;
}

static void account(struct p2m_domain *p2m, uint64_t e, unsigned int level, long sign)
{
    p2m_type_t t = p2m->fmt->type(e);

    if ( t != p2m_invalid )
        p2m->nr_entries[t] += sign * (1L << LEVEL_SHIFT(level));
}

/* Replaces a superpage leaf at (table, idx, level) by a table of 512 leaves one
 * level down that map the same range. */
static int split_leaf(struct p2m_domain *p2m, uint64_t *entry, unsigned int level)
{
    uint64_t old = *entry;
    unsigned long mfn = p2m->fmt->mfn(old);
    p2m_type_t t = p2m->fmt->type(old);
    paddr_t pa = alloc_table(p2m);
    uint64_t *sub;
    unsigned int i;

    if ( !pa )
        return -ENOMEM;
    sub = table_va(pa);
    for ( i = 0; i < ENTRIES; i++ )
        sub[i] = p2m->fmt->leaf(mfn + ((unsigned long)i << LEVEL_SHIFT(level - 1)), t,
                                level - 1);
    *entry = p2m->fmt->table(pa);
    return 0;
}

#define MAX_MFN_BITS    40      /* what an entry's address field holds */

static bool args_ok(unsigned long gfn, unsigned long mfn, unsigned int order, p2m_type_t t)
{
    unsigned long mask = (1UL << order) - 1;
    bool needs_mfn = t != p2m_invalid && t != p2m_mmio_dm;

    if ( order != 0 && order != 9 && order != 18 )
        return false;
    if ( t >= p2m_nr_types || (gfn >> 36) || (gfn & mask) )
        return false;
    if ( needs_mfn && ((mfn >> MAX_MFN_BITS) || (mfn & mask)) )
        return false;
    return true;
}

/* Finds the entry for gfn at level target. A superpage on the way is split so
 * the caller can change part of it. An empty upper level is created when create
 * is set; otherwise the walk stops there: NULL with *rc left 0. */
static uint64_t *walk(struct p2m_domain *p2m, unsigned long gfn, unsigned int target,
                      bool create, int *rc)
{
    paddr_t pa = p2m->root;
    unsigned int level;

    for ( level = P2M_LEVELS; ; level-- )
    {
        uint64_t *e = &table_va(pa)[(gfn >> LEVEL_SHIFT(level)) & (ENTRIES - 1)];

        if ( level == target )
            return e;
        if ( p2m->fmt->is_leaf(*e, level) )
        {
            if ( (*rc = split_leaf(p2m, e, level)) )
                return NULL;
        }
        else if ( !p2m->fmt->present(*e) )
        {
            paddr_t sub;

            if ( !create )
                return NULL;
            if ( !(sub = alloc_table(p2m)) )
            {
                *rc = -ENOMEM;
                return NULL;
            }
            *e = p2m->fmt->table(sub);
        }
        pa = (paddr_t)p2m->fmt->mfn(*e) << PAGE_SHIFT;
    }
}

static int set_entry_locked(struct p2m_domain *p2m, unsigned long gfn, unsigned long mfn,
                            unsigned int order, p2m_type_t t)
{
    unsigned int level = order / 9 + 1;
    int rc = 0;
    uint64_t *e = walk(p2m, gfn, level, t != p2m_invalid, &rc);
    uint64_t old;

    if ( !e )
        return rc;      /* 0 when removing something that was never there */
    old = *e;
    if ( !p2m->fmt->is_leaf(old, level) && p2m->fmt->present(old) )
        free_subtree(p2m, (paddr_t)p2m->fmt->mfn(old) << PAGE_SHIFT, level - 1);
    else
        account(p2m, old, level, -1);
    *e = (t == p2m_invalid) ? 0 : p2m->fmt->leaf(mfn, t, level);
    account(p2m, *e, level, 1);
    return 0;
}

int p2m_set_entry(struct p2m_domain *p2m, unsigned long gfn, unsigned long mfn,
                  unsigned int order, p2m_type_t t)
{
    int rc;

    if ( !args_ok(gfn, mfn, order, t) )
        return -EINVAL;
    spin_lock(&p2m->lock);
    rc = set_entry_locked(p2m, gfn, mfn, order, t);
    spin_unlock(&p2m->lock);
    return rc;
}

int p2m_remove_entry(struct p2m_domain *p2m, unsigned long gfn, unsigned int order)
{
    return p2m_set_entry(p2m, gfn, INVALID_MFN, order, p2m_invalid);
}

unsigned long p2m_lookup(struct p2m_domain *p2m, unsigned long gfn, p2m_type_t *t,
                         unsigned int *order)
{
    paddr_t pa;
    unsigned int level;
    unsigned long mfn = INVALID_MFN;

    *t = p2m_invalid;
    if ( gfn >> 36 )
        return INVALID_MFN;
    spin_lock(&p2m->lock);
    for ( pa = p2m->root, level = P2M_LEVELS; level >= 1; level-- )
    {
        uint64_t e = table_va(pa)[(gfn >> LEVEL_SHIFT(level)) & (ENTRIES - 1)];

        if ( p2m->fmt->is_leaf(e, level) )
        {
            *t = p2m->fmt->type(e);
            if ( order )
                *order = LEVEL_SHIFT(level);
            if ( *t != p2m_invalid && *t != p2m_mmio_dm )
                mfn = p2m->fmt->mfn(e) + (gfn & ((1UL << LEVEL_SHIFT(level)) - 1));
            break;
        }
        if ( !p2m->fmt->present(e) )
            break;
        pa = (paddr_t)p2m->fmt->mfn(e) << PAGE_SHIFT;
    }
    spin_unlock(&p2m->lock);
    return mfn;
}

static int walk_leaves(struct p2m_domain *p2m, paddr_t pa, unsigned int level,
                       unsigned long base,
                       int (*fn)(void *, unsigned long, unsigned long, unsigned int,
                                 p2m_type_t), void *ctx)
{
    uint64_t *t = table_va(pa);
    unsigned int i;
    int rc;

    for ( i = 0; i < ENTRIES; i++ )
    {
        uint64_t e = t[i];
        unsigned long gfn = base + ((unsigned long)i << LEVEL_SHIFT(level));

        if ( p2m->fmt->is_leaf(e, level) )
        {
            if ( p2m->fmt->type(e) != p2m_invalid &&
                 (rc = fn(ctx, gfn, p2m->fmt->mfn(e), LEVEL_SHIFT(level),
                          p2m->fmt->type(e))) )
                return rc;
        }
        else if ( p2m->fmt->present(e) &&
                  (rc = walk_leaves(p2m, (paddr_t)p2m->fmt->mfn(e) << PAGE_SHIFT,
                                    level - 1, gfn, fn, ctx)) )
            return rc;
    }
    return 0;
}

int p2m_for_each_leaf(struct p2m_domain *p2m,
                      int (*fn)(void *, unsigned long, unsigned long, unsigned int,
                                p2m_type_t), void *ctx)
{
    int rc;

    spin_lock(&p2m->lock);
    rc = walk_leaves(p2m, p2m->root, P2M_LEVELS, 0, fn, ctx);
    spin_unlock(&p2m->lock);
    return rc;
}

struct audit {
    unsigned long count[p2m_nr_types];
};

static int audit_leaf(void *ctx, unsigned long gfn, unsigned long mfn,
                      unsigned int order, p2m_type_t t)
{
    struct audit *a = ctx;

    a->count[t] += 1UL << order;
    return 0;
}

unsigned int p2m_audit(struct p2m_domain *p2m, const char *name)
{
    struct audit a;
    unsigned int t, bad = 0;

    memset(&a, 0, sizeof(a));
    p2m_for_each_leaf(p2m, audit_leaf, &a);
    printk("p2m %s: %lu table pages (%s)\n", name, p2m->nr_table_pages, p2m->fmt->name);
    for ( t = 1; t < p2m_nr_types; t++ )
    {
        if ( !a.count[t] && !p2m->nr_entries[t] )
            continue;
        printk("  %-12s %8lu pages%s\n", p2m_type_name(t), a.count[t],
               a.count[t] == p2m->nr_entries[t] ? "" : "  MISMATCH with counters");
        bad += a.count[t] != p2m->nr_entries[t];
    }
    return bad;
}
