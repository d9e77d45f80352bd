/* SPDX-License-Identifier: GPL-2.0-only */
/* Machine-frame bookkeeping (struct page_info, the frame table) and the page
 * allocators: the boot allocator and the buddy heap (xen/common/page_alloc.c).
 *
 * Boot order, as the setup code must follow it:
 *   1. init_boot_pages(start, end) for every E820 RAM range, then
 *      reserve_boot_pages() for what must never be handed out (the image,
 *      multiboot modules).
 *   2. alloc_boot_pages(nr, align) for anything needed before the heap exists.
 *      The caller must be able to reach the frames it gets (direct map).
 *   3. init_frametable(max_mfn): sets max_page and allocates, from boot pages,
 *      a zeroed frame table covering MFNs [0, max_mfn).
 *   4. end_boot_allocator(): every boot range left goes to the buddy heap and
 *      the boot allocator is closed. From here on: alloc_*heap_pages, xmalloc.
 *
 * Scrub policy: every page in the heap is either known to be zero or marked
 * PGC_need_scrub (new RAM from end_boot_allocator and every freed page are
 * marked). Unless MEMF_no_scrub is passed, every allocation, xenheap or
 * domheap, returns zeroed pages; this is stricter than Xen, whose xenheap
 * pages are never scrubbed. Freeing never scrubs, so a domain's data is wiped
 * by the allocation that next hands the page out, whoever asks for it. */
#ifndef XEN_MM_H
#define XEN_MM_H

#include <xen/types.h>
#include <xen/compiler.h>
#include <xen/lib.h>
#include <asm/page.h>
#include <asm/directmap.h>

struct domain;

/* Intrusive circular list of page_info; a head is a bare entry. */
struct page_list_entry
{
    struct page_list_entry *next, *prev;
};

struct page_info
{
    /* Free chunk head: link in the heap's free list of its order. In use: the
     * holder's to use (a domain's page list, xmalloc's partial-slab list). */
    struct page_list_entry list;

    /* PGC_* below; the low bits are left for reference counts. */
    unsigned long count_info;

    union {
        struct domain *owner;   /* in use: owning domain, or NULL */
        unsigned int order;     /* free chunk head (PGC_head): log2 of size */
        unsigned long priv;     /* in use, never shared with a guest: for the
                                 * allocating subsystem (xmalloc's slab tag) */
    };
};

/* The frame table costs this much per 4 KiB of RAM (0.8%); keep it so. */
BUILD_BUG_ON(sizeof(struct page_info) > 32);

/* Page state: unused pages were never given to the heap (holes, the frame
 * table, boot allocations); the heap moves pages between free and inuse. */
#define PGC_state           (3UL << 62)
#define PGC_state_unused    (0UL << 62)
#define PGC_state_free      (1UL << 62)
#define PGC_state_inuse     (2UL << 62)
#define PGC_need_scrub      (1UL << 61)     /* free, not known to be zero */
#define PGC_head            (1UL << 60)     /* first page of a free chunk */
#define PGC_xen_heap        (1UL << 59)     /* from alloc_xenheap_pages */
#define PGC_count_mask      ((1UL << 59) - 1)

#define page_state_is(pg, st) (((pg)->count_info & PGC_state) == PGC_state_##st)

/* Largest chunk the heap keeps: 2^18 pages, 1 GiB. */
#define MAX_ORDER           18

/* Allocation flags, numbered as in Xen. */
#define _MEMF_no_scrub      8
#define MEMF_no_scrub       (1U << _MEMF_no_scrub)  /* contents may be stale */
#define _MEMF_bits          24
#define MEMF_bits(n)        ((n) << _MEMF_bits)     /* below 2^n bytes */

extern struct page_info *frame_table;
extern unsigned long max_page;      /* MFNs [0, max_page) have a page_info */

static inline bool mfn_valid(unsigned long mfn)
{
    return mfn < max_page;
}

#define mfn_to_page(mfn)    (frame_table + (mfn))
#define page_to_mfn(pg)     ((unsigned long)((pg) - frame_table))
#define page_to_maddr(pg)   pfn_to_paddr(page_to_mfn(pg))
#define page_to_virt(pg)    maddr_to_virt(page_to_maddr(pg))
#define virt_to_page(va)    mfn_to_page(virt_to_mfn(va))

static inline struct domain *page_get_owner(const struct page_info *pg)
{
    return pg->owner;
}

static inline void page_set_owner(struct page_info *pg, struct domain *d)
{
    pg->owner = d;
}

/* Smallest order whose chunk holds the given number of bytes or pages. */
static inline unsigned int get_order_from_pages(unsigned long nr)
{
    unsigned int order = 0;

    while ( (1UL << order) < nr )
        order++;
    return order;
}

static inline unsigned int get_order_from_bytes(size_t size)
{
    return get_order_from_pages((size + PAGE_SIZE - 1) >> PAGE_SHIFT);
}

/* List helpers, enough for the free lists and per-domain page lists. */
static inline void page_list_init(struct page_list_entry *head)
{
    head->next = head;
    head->prev = head;
}

static inline bool page_list_empty(const struct page_list_entry *head)
{
    return head->next == head;
}

static inline void page_list_add(struct page_info *pg,
                                 struct page_list_entry *head)
{
    pg->list.next = head->next;
    pg->list.prev = head;
    head->next->prev = &pg->list;
    head->next = &pg->list;
}

static inline void page_list_add_tail(struct page_info *pg,
                                      struct page_list_entry *head)
{
    pg->list.next = head;
    pg->list.prev = head->prev;
    head->prev->next = &pg->list;
    head->prev = &pg->list;
}

static inline void page_list_del(struct page_info *pg)
{
    pg->list.prev->next = pg->list.next;
    pg->list.next->prev = pg->list.prev;
    pg->list.next = NULL;
    pg->list.prev = NULL;
}

#define page_list_entry_page(e) container_of(e, struct page_info, list)
#define page_list_first(head) \
    (page_list_empty(head) ? NULL : page_list_entry_page((head)->next))

/* Boot allocator. */
void init_boot_pages(paddr_t ps, paddr_t pe);
void reserve_boot_pages(paddr_t ps, paddr_t pe);
unsigned long alloc_boot_pages(unsigned long nr, unsigned long align_pfns);
void init_frametable(unsigned long max_mfn);
void end_boot_allocator(void);

/* Buddy heap. */
struct page_info *alloc_heap_pages(unsigned int order, unsigned int memflags);
void free_heap_pages(struct page_info *pg, unsigned int order);
void init_heap_pages(struct page_info *pg, unsigned long nr_pages);

void *alloc_xenheap_pages(unsigned int order, unsigned int memflags);
void free_xenheap_pages(void *v, unsigned int order);
#define alloc_xenheap_page()    alloc_xenheap_pages(0, 0)
#define free_xenheap_page(v)    free_xenheap_pages(v, 0)

struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order,
                                      unsigned int memflags);
void free_domheap_pages(struct page_info *pg, unsigned int order);
#define alloc_domheap_page(d, f) alloc_domheap_pages(d, 0, f)
#define free_domheap_page(pg)   free_domheap_pages(pg, 0)

unsigned long avail_heap_pages(void);   /* free pages in the heap */
unsigned long total_free_pages(void);   /* the same, under Xen's other name */
unsigned long total_heap_pages(void);   /* pages ever given to the heap */
unsigned long heap_free_chunks(unsigned int order);
void dump_heap(void);

#endif /* XEN_MM_H */
