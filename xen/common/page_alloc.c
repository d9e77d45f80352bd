/* SPDX-License-Identifier: GPL-2.0-only */
/* The boot allocator, which hands out frames before the frame table exists,
 * and the buddy heap, which owns all remaining RAM from then on.
 *
 * Theory of operation
 *
 * Boot allocator: a sorted table of disjoint MFN ranges [s, e). Adding RAM
 * merges with neighbours; reserving cuts a hole (and may split a range).
 * Allocation takes the highest aligned block that fits, from the top of the
 * highest range, so low memory stays free for MEMF_bits users later. Any
 * pages left between an aligned block and its range's old end stay in the
 * table as a range of their own. end_boot_allocator() gives every range to
 * the heap and closes the table for good.
 *
 * Heap: free memory is a set of chunks of 2^k pages (k <= MAX_ORDER), each
 * starting at an MFN that is a multiple of 2^k, each on free_lists[k]. Per
 * page, count_info says unused / free / inuse; only the first page of a free
 * chunk carries PGC_head and its order. Invariants, under heap_lock:
 *   - the free chunks are disjoint and cover exactly the free pages;
 *   - heap_free == sum of chunk sizes; nr_free_chunks[k] == length of list k;
 *   - a free page is zero unless it has PGC_need_scrub.
 * Freeing a chunk of order k merges it with its buddy (MFN ^ 2^k) while the
 * buddy is a free head of the same order, so once everything is freed the
 * heap is back to the maximal aligned chunks of each RAM range, whatever the
 * history. Allocating order k takes the first chunk of the smallest order
 * j >= k that qualifies and splits it, putting halves back on the lists.
 *
 * Example: RAM [0x100, 0x1ff) arrives as chunks 0x100/7, 0x180/6, 0x1c0/5,
 * 0x1e0/4, 0x1f0/3, 0x1f8/2, 0x1fc/1, 0x1fe/0. An order-0 allocation takes
 * 0x1fe. Freeing it puts 0x1fe/0 back; its buddy 0x1ff is not RAM, so no merge.
 *
 * Example: MEMF_bits(21) (below 2 MiB, MFN < 0x200) with order 2, when the
 * only free chunk below 0x200 is 0x100/7: it is split keeping the low halves
 * (0x100/2 is returned; 0x104/2, 0x108/3 .. 0x140/6 go back). Unlimited
 * allocations keep the high halves instead, for the same low-memory reason.
 *
 * Scrubbing happens on allocation, after heap_lock is dropped: the pages are
 * ours by then, and zeroing 1 GiB under the lock would stall every CPU. */
#include <xen/mm.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/spinlock.h>

struct page_info *frame_table;
unsigned long max_page;

/* ---- Boot allocator ---- */

#define NR_BOOT_RANGES 64

struct boot_range
{
    unsigned long s, e;         /* MFNs [s, e) */
};

static struct boot_range boot_ranges[NR_BOOT_RANGES];
static unsigned int nr_boot_ranges;
static bool boot_allocator_closed;

static void boot_range_insert(unsigned int i, unsigned long s, unsigned long e)
{
    unsigned int j;

    if ( nr_boot_ranges == NR_BOOT_RANGES )
        panic("Boot allocator: more than %u RAM ranges; the memory map is too "
              "fragmented (merge ranges or raise NR_BOOT_RANGES)\n",
              NR_BOOT_RANGES);

    for ( j = nr_boot_ranges; j > i; j-- )
        boot_ranges[j] = boot_ranges[j - 1];
    boot_ranges[i].s = s;
    boot_ranges[i].e = e;
    nr_boot_ranges++;
}

static void boot_range_remove(unsigned int i)
{
    for ( ; i + 1 < nr_boot_ranges; i++ )
        boot_ranges[i] = boot_ranges[i + 1];
    nr_boot_ranges--;
}

void init_boot_pages(paddr_t ps, paddr_t pe)
{
    unsigned long s = PFN_UP(ps), e = PFN_DOWN(pe);
    struct boot_range *r;
    unsigned int i = 0;

    BUG_ON(boot_allocator_closed);
    if ( s >= e )
        return;

    while ( i < nr_boot_ranges && boot_ranges[i].e < s )
        i++;
    if ( i == nr_boot_ranges || boot_ranges[i].s > e )
    {
        boot_range_insert(i, s, e);
        return;
    }

    /* Range i overlaps or touches: grow it, then swallow what it reaches. */
    r = &boot_ranges[i];
    r->s = min(r->s, s);
    r->e = max(r->e, e);
    while ( i + 1 < nr_boot_ranges && boot_ranges[i + 1].s <= r->e )
    {
        r->e = max(r->e, boot_ranges[i + 1].e);
        boot_range_remove(i + 1);
    }
}

/* Cut [s, e) out of range i; returns how many ranges remain at index i. */
static unsigned int boot_range_cut(unsigned int i, unsigned long s,
                                   unsigned long e)
{
    struct boot_range *r = &boot_ranges[i];

    if ( r->s >= s && r->e <= e )
    {
        boot_range_remove(i);
        return 0;
    }
    if ( r->s < s && r->e > e )
        boot_range_insert(i + 1, e, r->e);
    if ( r->s < s )
        r->e = s;
    else
        r->s = e;
    return 1;
}

void reserve_boot_pages(paddr_t ps, paddr_t pe)
{
    unsigned long s = PFN_DOWN(ps), e = PFN_UP(pe);
    unsigned int i = 0;

    BUG_ON(boot_allocator_closed);
    while ( i < nr_boot_ranges )
    {
        if ( boot_ranges[i].e <= s || boot_ranges[i].s >= e )
            i++;
        else
            i += boot_range_cut(i, s, e);
    }
}

/* Range i just lost its top to an aligned block ending at s; [s, e) is what
 * lay above the block and must stay allocatable. */
static void boot_range_keep_tail(unsigned int i, unsigned long s,
                                 unsigned long e)
{
    struct boot_range *r = &boot_ranges[i];

    if ( r->s == r->e )
    {
        if ( s == e )
            boot_range_remove(i);
        else
            *r = (struct boot_range){ .s = s, .e = e };
        return;
    }
    if ( s == e )
        return;
    if ( nr_boot_ranges == NR_BOOT_RANGES )
    {
        /* A few alignment pages are not worth a panic. */
        printk(XENLOG_WARNING
               "Boot allocator: range table full, losing %lu pages\n", e - s);
        return;
    }
    boot_range_insert(i + 1, s, e);
}

unsigned long alloc_boot_pages(unsigned long nr, unsigned long align_pfns)
{
    unsigned long align = align_pfns ? align_pfns : 1;
    unsigned int i;

    BUG_ON(boot_allocator_closed);
    BUG_ON(nr == 0 || (align & (align - 1)));

    for ( i = nr_boot_ranges; i-- > 0; )
    {
        struct boot_range *r = &boot_ranges[i];
        unsigned long mfn, end = r->e;

        if ( end - r->s < nr )
            continue;
        mfn = (end - nr) & ~(align - 1);
        if ( mfn < r->s )
            continue;
        r->e = mfn;
        boot_range_keep_tail(i, mfn + nr, end);
        return mfn;
    }

    panic("Boot allocator: no RAM range holds %lu pages aligned to %lu pages; "
          "the machine has too little memory below the frame table's needs "
          "or the memory map is wrong\n", nr, align);
}

void init_frametable(unsigned long max_mfn)
{
    unsigned long nr = PFN_UP(max_mfn * sizeof(struct page_info));
    unsigned long mfn;

    BUG_ON(frame_table || boot_allocator_closed);
    if ( !max_mfn )
        panic("Frame table: no RAM was registered with init_boot_pages()\n");

    mfn = alloc_boot_pages(nr, 1);
    frame_table = mfn_to_virt(mfn);
    memset(frame_table, 0, nr << PAGE_SHIFT);
    max_page = max_mfn;
}

void end_boot_allocator(void)
{
    unsigned int i;

    BUG_ON(!frame_table || boot_allocator_closed);
    boot_allocator_closed = true;

    for ( i = 0; i < nr_boot_ranges; i++ )
    {
        unsigned long s = boot_ranges[i].s, e = min(boot_ranges[i].e, max_page);

        if ( e < boot_ranges[i].e )
            printk(XENLOG_WARNING "Boot allocator: ignoring RAM above MFN %#lx "
                   "(beyond the frame table)\n", max_page);
        if ( s < e )
            init_heap_pages(mfn_to_page(s), e - s);
    }
    nr_boot_ranges = 0;
}

/* ---- Buddy heap ---- */

static DEFINE_SPINLOCK(heap_lock);
static struct page_list_entry free_lists[MAX_ORDER + 1];
static unsigned long nr_free_chunks[MAX_ORDER + 1];
static unsigned long heap_total;    /* pages ever given to the heap */
static unsigned long heap_free;     /* of which free now */
static unsigned long heap_dirty;    /* of which free and PGC_need_scrub */
static bool heap_ready;

static void heap_init_lists_locked(void)
{
    unsigned int i;

    if ( heap_ready )
        return;
    for ( i = 0; i <= MAX_ORDER; i++ )
        page_list_init(&free_lists[i]);
    heap_ready = true;
}

static bool is_free_head(const struct page_info *pg, unsigned int order)
{
    return page_state_is(pg, free) && (pg->count_info & PGC_head) &&
           pg->order == order;
}

static void chunk_link(struct page_info *pg, unsigned int order)
{
    pg->count_info |= PGC_head;
    pg->order = order;
    page_list_add(pg, &free_lists[order]);
    nr_free_chunks[order]++;
}

static void chunk_unlink(struct page_info *pg, unsigned int order)
{
    page_list_del(pg);
    pg->count_info &= ~PGC_head;
    nr_free_chunks[order]--;
}

/* Put the free pages [mfn, mfn + 2^order) on a list, merging with buddies. */
static void free_chunk_locked(unsigned long mfn, unsigned int order)
{
    while ( order < MAX_ORDER )
    {
        unsigned long buddy = mfn ^ (1UL << order);

        if ( !mfn_valid(buddy) || !is_free_head(mfn_to_page(buddy), order) )
            break;
        chunk_unlink(mfn_to_page(buddy), order);
        mfn &= ~(1UL << order);
        order++;
    }
    chunk_link(mfn_to_page(mfn), order);
}

/* Largest order of an aligned chunk starting at mfn that fits in nr pages. */
static unsigned int chunk_order_at(unsigned long mfn, unsigned long nr)
{
    unsigned int order = MAX_ORDER;

    if ( mfn && (unsigned int)__builtin_ctzl(mfn) < order )
        order = __builtin_ctzl(mfn);
    while ( (1UL << order) > nr )
        order--;
    return order;
}

/* A chunk a caller hands back must lie inside the frame table, aligned. */
static void check_chunk(const struct page_info *pg, unsigned int order)
{
    unsigned long mfn = page_to_mfn(pg), nr = 1UL << order;

    BUG_ON(order > MAX_ORDER);
    BUG_ON(pg < frame_table || !mfn_valid(mfn) || nr > max_page - mfn);
    BUG_ON(mfn & (nr - 1));
}

void init_heap_pages(struct page_info *pg, unsigned long nr_pages)
{
    unsigned long s = page_to_mfn(pg), e = s + nr_pages, i, flags;

    BUG_ON(pg < frame_table || s > max_page || nr_pages > max_page - s);

    spin_lock_irqsave(&heap_lock, flags);
    heap_init_lists_locked();
    for ( i = 0; i < nr_pages; i++ )
    {
        /* Fresh RAM holds whatever firmware or the boot code left there. */
        BUG_ON(!page_state_is(&pg[i], unused));
        pg[i].count_info = PGC_state_free | PGC_need_scrub;
        pg[i].priv = 0;
    }
    heap_total += nr_pages;
    heap_free += nr_pages;
    heap_dirty += nr_pages;

    while ( s < e )
    {
        unsigned int order = chunk_order_at(s, e - s);

        free_chunk_locked(s, order);
        s += 1UL << order;
    }
    spin_unlock_irqrestore(&heap_lock, flags);
}

/* The first MFN a MEMF_bits() request may not touch; ~0 means no limit. */
static unsigned long memflags_mfn_limit(unsigned int memflags)
{
    unsigned int bits = memflags >> _MEMF_bits;

    if ( bits == 0 || bits - PAGE_SHIFT >= 8 * sizeof(long) )
        return ~0UL;
    if ( bits <= PAGE_SHIFT )
        return 0;
    return 1UL << (bits - PAGE_SHIFT);
}

/* A chunk of order j >= order whose start is below limit; since limit is a
 * power of two no smaller than 2^order, its first 2^order pages are too. */
static struct page_info *find_chunk_locked(unsigned int order,
                                           unsigned long limit,
                                           unsigned int *found)
{
    unsigned int j;

    for ( j = order; j <= MAX_ORDER; j++ )
    {
        struct page_list_entry *e;

        for ( e = free_lists[j].next; e != &free_lists[j]; e = e->next )
        {
            struct page_info *pg = page_list_entry_page(e);

            if ( page_to_mfn(pg) < limit )
            {
                *found = j;
                return pg;
            }
        }
    }
    return NULL;
}

/* Cut a chunk of order j down to order; the unused halves go back. */
static struct page_info *split_chunk_locked(struct page_info *pg,
                                            unsigned int j, unsigned int order,
                                            bool keep_low)
{
    while ( j > order )
    {
        j--;
        if ( keep_low )
            chunk_link(pg + (1UL << j), j);
        else
        {
            chunk_link(pg, j);
            pg += 1UL << j;
        }
    }
    return pg;
}

static void take_pages_locked(struct page_info *pg, unsigned long nr)
{
    unsigned long i;

    for ( i = 0; i < nr; i++ )
    {
        BUG_ON(!page_state_is(&pg[i], free) || (pg[i].count_info & PGC_head));
        if ( pg[i].count_info & PGC_need_scrub )
            heap_dirty--;
        /* need_scrub rides along until scrub_pages() has dealt with it. */
        pg[i].count_info = PGC_state_inuse |
                           (pg[i].count_info & PGC_need_scrub);
        pg[i].owner = NULL;
    }
    heap_free -= nr;
}

static void scrub_pages(struct page_info *pg, unsigned long nr, bool no_scrub)
{
    unsigned long i;

    for ( i = 0; i < nr; i++ )
    {
        if ( !(pg[i].count_info & PGC_need_scrub) )
            continue;
        if ( !no_scrub )
            memset(page_to_virt(&pg[i]), 0, PAGE_SIZE);
        pg[i].count_info &= ~PGC_need_scrub;
    }
}

struct page_info *alloc_heap_pages(unsigned int order, unsigned int memflags)
{
    unsigned long limit = memflags_mfn_limit(memflags), flags;
    struct page_info *pg = NULL;
    unsigned int j;

    if ( order > MAX_ORDER || (1UL << order) > limit )
        return NULL;

    spin_lock_irqsave(&heap_lock, flags);
    if ( heap_ready )
        pg = find_chunk_locked(order, limit, &j);
    if ( pg )
    {
        chunk_unlink(pg, j);
        pg = split_chunk_locked(pg, j, order, limit != ~0UL);
        take_pages_locked(pg, 1UL << order);
    }
    spin_unlock_irqrestore(&heap_lock, flags);

    if ( pg )
        scrub_pages(pg, 1UL << order, memflags & MEMF_no_scrub);
    return pg;
}

void free_heap_pages(struct page_info *pg, unsigned int order)
{
    unsigned long nr = 1UL << order, i, flags;

    check_chunk(pg, order);

    spin_lock_irqsave(&heap_lock, flags);
    for ( i = 0; i < nr; i++ )
    {
        /* Double free, or a page the heap never handed out. */
        BUG_ON(!page_state_is(&pg[i], inuse));
        pg[i].count_info = PGC_state_free | PGC_need_scrub;
        pg[i].priv = 0;
    }
    heap_free += nr;
    heap_dirty += nr;
    free_chunk_locked(page_to_mfn(pg), order);
    spin_unlock_irqrestore(&heap_lock, flags);
}

void *alloc_xenheap_pages(unsigned int order, unsigned int memflags)
{
    struct page_info *pg = alloc_heap_pages(order, memflags);
    unsigned long i;

    if ( !pg )
        return NULL;
    for ( i = 0; i < (1UL << order); i++ )
        pg[i].count_info |= PGC_xen_heap;
    return page_to_virt(pg);
}

void free_xenheap_pages(void *v, unsigned int order)
{
    struct page_info *pg;
    unsigned long i;

    if ( !v )
        return;
    BUG_ON((unsigned long)v & PAGE_OFFSET_MASK);
    BUG_ON(!mfn_valid(virt_to_mfn(v)));
    pg = virt_to_page(v);
    check_chunk(pg, order);

    for ( i = 0; i < (1UL << order); i++ )
    {
        BUG_ON(!(pg[i].count_info & PGC_xen_heap));
        pg[i].count_info &= ~PGC_xen_heap;
    }
    free_heap_pages(pg, order);
}

struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order,
                                      unsigned int memflags)
{
    struct page_info *pg = alloc_heap_pages(order, memflags);
    unsigned long i;

    if ( !pg )
        return NULL;
    for ( i = 0; i < (1UL << order); i++ )
        page_set_owner(&pg[i], d);
    return pg;
}

void free_domheap_pages(struct page_info *pg, unsigned int order)
{
    unsigned long i;

    check_chunk(pg, order);
    for ( i = 0; i < (1UL << order); i++ )
    {
        BUG_ON(pg[i].count_info & PGC_xen_heap);
        page_set_owner(&pg[i], NULL);
    }
    /* The owner's data is wiped by whichever allocation next takes a page. */
    free_heap_pages(pg, order);
}

unsigned long avail_heap_pages(void)
{
    return ACCESS_ONCE(heap_free);
}

unsigned long total_free_pages(void)
{
    return avail_heap_pages();
}

unsigned long total_heap_pages(void)
{
    return ACCESS_ONCE(heap_total);
}

unsigned long heap_free_chunks(unsigned int order)
{
    return order <= MAX_ORDER ? ACCESS_ONCE(nr_free_chunks[order]) : 0;
}

#define PAGES_TO_MIB(p) ((p) >> (20 - PAGE_SHIFT))

void dump_heap(void)
{
    unsigned long chunks[MAX_ORDER + 1], total, free, dirty, flags;
    unsigned int i;

    /* Copy under the lock, print without it: printk may be slow. */
    spin_lock_irqsave(&heap_lock, flags);
    for ( i = 0; i <= MAX_ORDER; i++ )
        chunks[i] = nr_free_chunks[i];
    total = heap_total;
    free = heap_free;
    dirty = heap_dirty;
    spin_unlock_irqrestore(&heap_lock, flags);

    printk("Heap: %lu MiB total, %lu MiB free (%lu pages), "
           "%lu MiB awaiting scrub\n",
           PAGES_TO_MIB(total), PAGES_TO_MIB(free), free, PAGES_TO_MIB(dirty));
    for ( i = 0; i <= MAX_ORDER; i++ )
        if ( chunks[i] )
            printk("  order %2u (%6lu KiB): %lu free chunks\n",
                   i, (PAGE_SIZE << i) >> 10, chunks[i]);
}
