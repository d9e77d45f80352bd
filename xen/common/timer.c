/* SPDX-License-Identifier: GPL-2.0-only */
/* Software timers on a per-CPU binary min-heap ordered by expiry.
 *
 * set_timer() queues on the timer's own CPU; if the new timer is the earliest there,
 * that CPU's hardware timer is reprogrammed (locally) or kicked (remotely, via
 * TIMER_SOFTIRQ). The softirq pops everything due, runs callbacks without the
 * heap lock held, then programs the hardware for the next expiry. */
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include <xen/timer.h>
#include <asm/time.h>

#define HEAP_MAX    256

struct timer_heap {
    spinlock_t lock;
    unsigned int nr;
    struct timer *heap[HEAP_MAX];
};

static struct timer_heap heaps[NR_CPUS];

static void heap_swap(struct timer_heap *h, unsigned int a, unsigned int b)
{
    struct timer *t = h->heap[a];

    h->heap[a] = h->heap[b];
    h->heap[b] = t;
    h->heap[a]->heap_index = (int)a;
    h->heap[b]->heap_index = (int)b;
}

static void sift_up(struct timer_heap *h, unsigned int i)
{
    while ( i > 0 && h->heap[(i - 1) / 2]->expires > h->heap[i]->expires )
    {
        heap_swap(h, i, (i - 1) / 2);
        i = (i - 1) / 2;
    }
}

static void sift_down(struct timer_heap *h, unsigned int i)
{
    for ( ;; )
    {
        unsigned int l = 2 * i + 1, r = l + 1, m = i;

        if ( l < h->nr && h->heap[l]->expires < h->heap[m]->expires )
            m = l;
        if ( r < h->nr && h->heap[r]->expires < h->heap[m]->expires )
            m = r;
        if ( m == i )
            return;
        heap_swap(h, i, m);
        i = m;
    }
}

static void heap_remove(struct timer_heap *h, struct timer *t)
{
    unsigned int i = (unsigned int)t->heap_index;

    h->nr--;
    if ( i != h->nr )
    {
        heap_swap(h, i, h->nr);
        sift_down(h, i);
        sift_up(h, i);
    }
    t->heap_index = -1;
}

static void heap_insert(struct timer_heap *h, struct timer *t)
{
    /* A fixed pool of timers per CPU; overflowing it is a hypervisor bug. */
    BUG_ON(h->nr == HEAP_MAX);
    h->heap[h->nr] = t;
    t->heap_index = (int)h->nr;
    h->nr++;
    sift_up(h, h->nr - 1);
}

void init_timer(struct timer *t, void (*fn)(void *), void *data, unsigned int cpu)
{
    t->fn = fn;
    t->data = data;
    t->cpu = cpu;
    t->expires = 0;
    t->heap_index = -1;
}

bool timer_is_active(const struct timer *t)
{
    return t->heap_index >= 0;
}

void set_timer(struct timer *t, s_time_t expires)
{
    struct timer_heap *h = &heaps[t->cpu];
    unsigned long flags;
    bool first;

    spin_lock_irqsave(&h->lock, flags);
    if ( t->heap_index >= 0 )
        heap_remove(h, t);
    t->expires = expires;
    heap_insert(h, t);
    first = (t->heap_index == 0);
    spin_unlock_irqrestore(&h->lock, flags);

    if ( first )
        cpu_raise_softirq(t->cpu, TIMER_SOFTIRQ);
}

void stop_timer(struct timer *t)
{
    struct timer_heap *h = &heaps[t->cpu];
    unsigned long flags;

    spin_lock_irqsave(&h->lock, flags);
    if ( t->heap_index >= 0 )
        heap_remove(h, t);
    spin_unlock_irqrestore(&h->lock, flags);
}

static void timer_softirq(void)
{
    struct timer_heap *h = &heaps[smp_processor_id()];
    unsigned long flags;
    s_time_t next;

    spin_lock_irqsave(&h->lock, flags);
    while ( h->nr && h->heap[0]->expires <= NOW() )
    {
        struct timer *t = h->heap[0];

        heap_remove(h, t);
        spin_unlock_irqrestore(&h->lock, flags);
        t->fn(t->data);
        spin_lock_irqsave(&h->lock, flags);
    }
    next = h->nr ? h->heap[0]->expires : 0;
    spin_unlock_irqrestore(&h->lock, flags);

    /* The hardware one-shot may fire early or be lost to a race: if so the softirq
     * runs again and finds nothing due, which is harmless. */
    if ( next && !reprogram_timer(next) )
        raise_softirq(TIMER_SOFTIRQ);
}

void timer_subsystem_init(void)
{
    unsigned int i;

    for ( i = 0; i < NR_CPUS; i++ )
        spin_lock_init(&heaps[i].lock);
    open_softirq(TIMER_SOFTIRQ, timer_softirq);
}

void dump_timers(void)
{
    unsigned int cpu;

    for_each_online_cpu ( cpu )
    {
        struct timer_heap *h = &heaps[cpu];

        printk("CPU%u: %u timers queued, next expiry %ld ns from now\n", cpu, h->nr,
               h->nr ? (long)(h->heap[0]->expires - NOW()) : 0L);
    }
}
