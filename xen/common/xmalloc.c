/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor's small-object allocator: power-of-two size classes carved
 * out of xenheap pages, and runs of whole pages for anything bigger.
 *
 * Theory of operation
 *
 * Sizes up to 2048 bytes round up to a class of 16 << c bytes (c = 0..7). A
 * slab is one xenheap page cut into objects of one class; it keeps its own
 * chain of free objects. Its page_info.priv holds the slab tag:
 *   bits 63..48 SLAB_MAGIC, 47..40 class, 31..16 objects in use,
 *   15..0 offset of the first free object in 16-byte units (NO_OBJ: none).
 * A free object's first word is the next free offset, its second FREE_MAGIC.
 * partial[c] lists the slabs of class c with at least one free object.
 *
 *   allocate: take the first slab on partial[c] (or a new page), pop its first
 *     free object; a slab with none left leaves the list.
 *   free: push the object on its slab's chain; a slab that was full rejoins
 *     the list, and a slab with nothing in use goes back to the heap.
 *
 * Bigger requests take 2^order pages and give the unneeded tail back at once,
 * so a 9 KiB object costs three pages, not four. The first page's priv holds
 * BIG_MAGIC and the page count, which is all xfree needs.
 *
 * xfree refuses (BUG) a pointer that is not inside a xenheap page in use,
 * a page without either tag, an address that is not an object boundary, and
 * an object that already carries FREE_MAGIC (a double free; the check can be
 * fooled only by a caller storing that exact value at offset 8). Allocation
 * checks the magic of the object it pops, catching writes after free.
 *
 * Lock order: xmalloc_lock, then heap_lock (new slabs are allocated with it
 * held). Empty pages are returned to the heap after dropping xmalloc_lock. */
#include <xen/xmalloc.h>
#include <xen/mm.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/spinlock.h>

#define MIN_SHIFT       4           /* 16-byte objects, and alignment */
#define MAX_SHIFT       11          /* 2048-byte objects */
#define NR_CLASSES      (MAX_SHIFT - MIN_SHIFT + 1)
#define NO_OBJ          0xffffUL

#define SLAB_MAGIC      0x51abUL
#define BIG_MAGIC       0xb16cUL
#define TAG_MAGIC(t)    ((t) >> 48)
#define FREE_MAGIC      0xf4ee0b1ec7f4ee0bUL

struct slab
{
    unsigned int cls;           /* objects are 16 << cls bytes */
    unsigned int inuse;         /* objects handed out */
    unsigned long first_free;   /* in 16-byte units, or NO_OBJ */
};

struct free_obj
{
    unsigned long next;         /* offset of the next free object, or NO_OBJ */
    unsigned long magic;        /* FREE_MAGIC */
};

static DEFINE_SPINLOCK(xmalloc_lock);
static struct page_list_entry partial[NR_CLASSES];
static bool xmalloc_ready;

static size_t class_size(unsigned int cls)
{
    return (size_t)1 << (cls + MIN_SHIFT);
}

static unsigned int size_class(size_t size)
{
    unsigned int cls = 0;

    while ( class_size(cls) < size )
        cls++;
    return cls;
}

static void slab_get(const struct page_info *pg, struct slab *s)
{
    s->cls = (pg->priv >> 40) & 0xff;
    s->inuse = (pg->priv >> 16) & 0xffff;
    s->first_free = pg->priv & 0xffff;
}

static void slab_put(struct page_info *pg, const struct slab *s)
{
    pg->priv = (SLAB_MAGIC << 48) | ((unsigned long)s->cls << 40) |
               ((unsigned long)s->inuse << 16) | s->first_free;
}

static struct free_obj *slab_obj(struct page_info *pg, unsigned long off)
{
    return (struct free_obj *)((char *)page_to_virt(pg) + (off << MIN_SHIFT));
}

/* A fresh page with every object chained in address order. */
static struct page_info *slab_new_locked(unsigned int cls)
{
    unsigned long step = class_size(cls) >> MIN_SHIFT;
    unsigned long nr = PAGE_SIZE / class_size(cls), i;
    struct slab s = { .cls = cls, .inuse = 0, .first_free = 0 };
    struct page_info *pg;
    void *va = alloc_xenheap_pages(0, MEMF_no_scrub);

    if ( !va )
        return NULL;
    pg = virt_to_page(va);
    for ( i = 0; i < nr; i++ )
    {
        struct free_obj *o = slab_obj(pg, i * step);

        o->next = i + 1 < nr ? (i + 1) * step : NO_OBJ;
        o->magic = FREE_MAGIC;
    }
    slab_put(pg, &s);
    page_list_add(pg, &partial[cls]);
    return pg;
}

static void *slab_take_locked(struct page_info *pg)
{
    struct free_obj *o;
    struct slab s;

    slab_get(pg, &s);
    BUG_ON(TAG_MAGIC(pg->priv) != SLAB_MAGIC || s.first_free == NO_OBJ);
    o = slab_obj(pg, s.first_free);
    /* Anything else means the object was written to after it was freed. */
    BUG_ON(o->magic != FREE_MAGIC);
    BUG_ON(o->next != NO_OBJ && o->next >= (PAGE_SIZE >> MIN_SHIFT));

    s.first_free = o->next;
    s.inuse++;
    slab_put(pg, &s);
    if ( s.first_free == NO_OBJ )
        page_list_del(pg);
    o->magic = 0;
    return o;
}

static void *slab_alloc(unsigned int cls)
{
    struct page_info *pg;
    void *p = NULL;
    unsigned long flags;
    unsigned int i;

    spin_lock_irqsave(&xmalloc_lock, flags);
    if ( !xmalloc_ready )
    {
        for ( i = 0; i < NR_CLASSES; i++ )
            page_list_init(&partial[i]);
        xmalloc_ready = true;
    }
    pg = page_list_first(&partial[cls]);
    if ( !pg )
        pg = slab_new_locked(cls);
    if ( pg )
        p = slab_take_locked(pg);
    spin_unlock_irqrestore(&xmalloc_lock, flags);
    return p;
}

/* Give back nr pages from va, in the largest aligned pieces that fit. */
static void free_page_run(char *va, unsigned long nr)
{
    while ( nr )
    {
        unsigned long mfn = virt_to_mfn(va);
        unsigned int order = MAX_ORDER;

        if ( mfn && (unsigned int)__builtin_ctzl(mfn) < order )
            order = __builtin_ctzl(mfn);
        while ( (1UL << order) > nr )
            order--;
        free_xenheap_pages(va, order);
        va += PAGE_SIZE << order;
        nr -= 1UL << order;
    }
}

static void *big_alloc(size_t size)
{
    unsigned long nr;
    unsigned int order;
    char *va;

    if ( size > (PAGE_SIZE << MAX_ORDER) )
        return NULL;
    nr = PFN_UP(size);
    order = get_order_from_pages(nr);
    va = alloc_xenheap_pages(order, MEMF_no_scrub);
    if ( !va )
        return NULL;
    free_page_run(va + (nr << PAGE_SHIFT), (1UL << order) - nr);
    virt_to_page(va)->priv = (BIG_MAGIC << 48) | nr;
    return va;
}

void *xmalloc_bytes(size_t size)
{
    if ( size <= class_size(NR_CLASSES - 1) )
        return slab_alloc(size_class(size));
    return big_alloc(size);
}

void *xzalloc_bytes(size_t size)
{
    void *p = xmalloc_bytes(size);

    if ( p )
        memset(p, 0, size);
    return p;
}

/* Returns true when the slab is now empty and must go back to the heap. */
static bool slab_free_locked(struct page_info *pg, void *p)
{
    unsigned long off = ((unsigned long)p & PAGE_OFFSET_MASK) >> MIN_SHIFT;
    struct free_obj *o = p;
    struct slab s;
    bool was_full;

    slab_get(pg, &s);
    BUG_ON(((unsigned long)p & (class_size(s.cls) - 1)) || s.inuse == 0);
    BUG_ON(o->magic == FREE_MAGIC);

    was_full = s.first_free == NO_OBJ;
    o->next = s.first_free;
    o->magic = FREE_MAGIC;
    s.first_free = off;
    s.inuse--;
    slab_put(pg, &s);

    if ( s.inuse == 0 )
    {
        if ( !was_full )
            page_list_del(pg);
        pg->priv = 0;
        return true;
    }
    if ( was_full )
        page_list_add(pg, &partial[s.cls]);
    return false;
}

void xfree(void *p)
{
    struct page_info *pg;
    unsigned long flags, nr = 0;
    char *va = (char *)((unsigned long)p & PAGE_MASK);

    if ( !p )
        return;
    BUG_ON(!mfn_valid(virt_to_mfn(p)));
    pg = virt_to_page(p);
    BUG_ON(!page_state_is(pg, inuse) || !(pg->count_info & PGC_xen_heap));

    spin_lock_irqsave(&xmalloc_lock, flags);
    switch ( TAG_MAGIC(pg->priv) )
    {
    case SLAB_MAGIC:
        nr = slab_free_locked(pg, p) ? 1 : 0;
        break;
    case BIG_MAGIC:
        BUG_ON((char *)p != va);
        nr = pg->priv & 0xffffffffUL;
        pg->priv = 0;
        break;
    default:
        BUG();
    }
    spin_unlock_irqrestore(&xmalloc_lock, flags);

    free_page_run(va, nr);
}
