/* SPDX-License-Identifier: GPL-2.0-only */
/* The FIFO event-channel ABI: a 32-bit event word per port in guest pages
 * added one at a time (EVTCHNOP_expand_array, 1024 ports each), and per vCPU
 * a control block (EVTCHNOP_init_control) with 16 priority queues.
 *
 * Event word: PENDING 31, MASKED 30, LINKED 29, BUSY 28, LINK 16..0. A queue
 * is a chain of LINKED words through LINK, from head[q] in the control block
 * to the tail the hypervisor remembers. Raising port p on vCPU v:
 *   - no event word yet: remember fifo_pending, replay it from expand_array;
 *   - set PENDING; stop if MASKED or already LINKED (still queued);
 *   - set LINKED and append p to v's queue priority(p): if the tail word is
 *     still LINKED, swap its LINK for p with cmpxchg (BUSY on the tail word
 *     keeps the guest from unmasking it meanwhile); otherwise the guest has
 *     consumed the queue, so head[q] = p and ready bit q is set, which on
 *     its 0->1 edge marks the upcall pending.
 * The guest may only set/clear MASKED (waiting while BUSY), clear PENDING,
 * and clear LINKED+LINK while consuming, which is why the tail is re-read.
 *
 * Example: ports 5 and 9, both priority 7, raised in that order on an idle
 * vCPU: word[5] = P|L, head[7] = 5, ready = 0x80, upcall; then word[9] = P|L
 * and word[5] = P|L|9 with no new upcall.
 *
 * Every function runs with the domain's evtchn lock held; the per-vCPU queue
 * tails are guarded by it too. */
#include <xen/bitops.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/support.h>

#include "event_private.h"

#define WORDS_PER_PAGE  (PAGE_SIZE / sizeof(event_word_t))
#define FIFO_MAX_PAGES  (EVTCHN_FIFO_NR_CHANNELS / WORDS_PER_PAGE)

struct fifo_queue {
    volatile uint32_t *head;        /* in the control block */
    evtchn_port_t tail;             /* 0: empty as far as we know */
};

struct fifo_vcpu {
    struct evtchn_fifo_control_block *cb;   /* NULL until init_control */
    struct fifo_queue queue[EVTCHN_FIFO_MAX_QUEUES];
};

struct evtchn_fifo_domain {
    volatile event_word_t *page[FIFO_MAX_PAGES];
    unsigned int nr_ports;          /* ports that have an event word */
    struct fifo_vcpu vcpu[];        /* d->max_vcpus */
};

static volatile event_word_t *fifo_word(const struct domain *d, evtchn_port_t port)
{
    const struct evtchn_fifo_domain *f = d->evtchn->fifo;

    if ( port >= f->nr_ports )
        return NULL;
    return f->page[port / WORDS_PER_PAGE] + port % WORDS_PER_PAGE;
}

static void fifo_bind(struct domain *d, struct evtchn *chn)
{
    chn->priority = EVTCHN_FIFO_PRIORITY_DEFAULT;
}

/* Points the tail word's LINK at port if the tail is still LINKED; false
 * when the guest has already unlinked it (the queue is empty). */
static bool fifo_set_link(volatile event_word_t *tail, evtchn_port_t port)
{
    event_word_t old = __atomic_load_n(tail, __ATOMIC_SEQ_CST);
    const event_word_t keep = ~((1u << EVTCHN_FIFO_BUSY) | EVTCHN_FIFO_LINK_MASK);
    unsigned int tries;

    for ( tries = 0; tries < 8; tries++ )
    {
        event_word_t new = (old & keep) | port;

        if ( !(old & (1u << EVTCHN_FIFO_LINKED)) )
        {
            clear_bit(EVTCHN_FIFO_BUSY, tail);
            return false;
        }
        if ( __atomic_compare_exchange_n(tail, &old, new, false, __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST) )
            return true;
        /* The guest changed the word: hold off its unmasking and retry. */
        set_bit(EVTCHN_FIFO_BUSY, tail);
        old = __atomic_load_n(tail, __ATOMIC_SEQ_CST);
    }
    printk(XENLOG_GUEST XENLOG_WARNING "evtchn: FIFO tail kept changing, port %u\n", port);
    clear_bit(EVTCHN_FIFO_BUSY, tail);
    return true;
}

/* Appends a freshly LINKED port to its queue on v; true if it became the
 * head (the queue was empty). */
static bool fifo_link(struct domain *d, struct vcpu *v, struct evtchn *chn)
{
    struct evtchn_fifo_domain *f = d->evtchn->fifo;
    struct fifo_queue *old = &f->vcpu[chn->last_vcpu].queue[chn->last_priority];
    struct fifo_queue *q = &f->vcpu[v->vcpu_id].queue[chn->priority];
    bool linked = false;

    /* Its old queue ended with it; that queue is empty now. */
    if ( old->tail == chn->port )
        old->tail = 0;
    chn->last_vcpu = v->vcpu_id;
    chn->last_priority = chn->priority;

    if ( q->tail )
        linked = fifo_set_link(fifo_word(d, q->tail), chn->port);
    if ( !linked )
        __atomic_store_n(q->head, chn->port, __ATOMIC_SEQ_CST);
    q->tail = chn->port;
    return !linked;
}

static void fifo_set_pending(struct domain *d, struct vcpu *v, struct evtchn *chn)
{
    volatile event_word_t *word = fifo_word(d, chn->port);
    struct fifo_vcpu *fv = &d->evtchn->fifo->vcpu[v->vcpu_id];
    bool was_pending;

    if ( !word )
    {
        chn->fifo_pending = true;
        return;
    }
    was_pending = test_and_set_bit(EVTCHN_FIFO_PENDING, word);
    /* No control block: the guest cannot have unmasked anything yet. */
    if ( fv->cb && !test_bit(EVTCHN_FIFO_MASKED, word) &&
         !test_and_set_bit(EVTCHN_FIFO_LINKED, word) &&
         fifo_link(d, v, chn) &&
         !test_and_set_bit(chn->priority, &fv->cb->ready) )
        vcpu_mark_events_pending(v);
    /* A vCPU in SCHEDOP_poll waits for PENDING, masked or not. */
    if ( !was_pending )
        evtchn_check_pollers(d, chn->port);
}

static void fifo_clear_pending(struct domain *d, struct evtchn *chn)
{
    volatile event_word_t *word = fifo_word(d, chn->port);

    chn->fifo_pending = false;
    if ( word )
        clear_bit(EVTCHN_FIFO_PENDING, word);
}

static void fifo_unmask(struct domain *d, struct evtchn *chn)
{
    volatile event_word_t *word = fifo_word(d, chn->port);

    if ( !word )
        return;
    clear_bit(EVTCHN_FIFO_MASKED, word);
    if ( test_bit(EVTCHN_FIFO_PENDING, word) )
        fifo_set_pending(d, evtchn_notify_vcpu(d, chn), chn);
}

static bool fifo_is_pending(const struct domain *d, const struct evtchn *chn)
{
    volatile event_word_t *word = fifo_word(d, chn->port);

    return word && test_bit(EVTCHN_FIFO_PENDING, word);
}

static bool fifo_is_masked(const struct domain *d, const struct evtchn *chn)
{
    volatile event_word_t *word = fifo_word(d, chn->port);

    return !word || test_bit(EVTCHN_FIFO_MASKED, word);
}

static bool fifo_is_busy(const struct domain *d, const struct evtchn *chn)
{
    volatile event_word_t *word = fifo_word(d, chn->port);

    return word && test_bit(EVTCHN_FIFO_LINKED, word);
}

static int fifo_set_priority(struct domain *d, struct evtchn *chn, unsigned int prio)
{
    if ( prio > EVTCHN_FIFO_PRIORITY_MIN )
        return -EINVAL;
    /* An event already queued stays where it is; the next raise moves it. */
    chn->priority = prio;
    return 0;
}

const struct evtchn_port_ops evtchn_port_ops_fifo = {
    .name = "FIFO",
    .max_ports = EVTCHN_FIFO_NR_CHANNELS,
    .bind = fifo_bind,
    .set_pending = fifo_set_pending,
    .clear_pending = fifo_clear_pending,
    .unmask = fifo_unmask,
    .is_pending = fifo_is_pending,
    .is_masked = fifo_is_masked,
    .is_busy = fifo_is_busy,
    .set_priority = fifo_set_priority,
};

/* The switch from 2-level: ports keep their 2-level pending state (replayed
 * when their event word appears) and all get the default priority. */
static void fifo_convert_ports(struct domain *d)
{
    evtchn_port_t port;

    for ( port = 1; port < EVTCHN_2L_NR_PORTS && port < d->evtchn->valid_ports; port++ )
    {
        struct evtchn *chn = evtchn_from_port(d, port);

        if ( test_bit(port, d->shared_info->evtchn_pending) )
            chn->fifo_pending = true;
        chn->priority = EVTCHN_FIFO_PRIORITY_DEFAULT;
        chn->last_vcpu = 0;
        chn->last_priority = 0;
    }
}

static void fifo_attach_control_block(struct fifo_vcpu *fv, void *page, uint32_t offset)
{
    unsigned int q;

    fv->cb = (struct evtchn_fifo_control_block *)((char *)page + offset);
    for ( q = 0; q < EVTCHN_FIFO_MAX_QUEUES; q++ )
    {
        fv->queue[q].head = &fv->cb->head[q];
        fv->queue[q].tail = 0;
    }
}

int evtchn_fifo_init_control(struct domain *d, struct evtchn_init_control *ic)
{
    struct evtchn_domain *ed = d->evtchn;
    struct evtchn_fifo_domain *f = ed->fifo;
    void *page;

    ic->link_bits = EVTCHN_FIFO_LINK_BITS;
    if ( ic->vcpu >= d->max_vcpus || !d->vcpu[ic->vcpu] )
        return -ENOENT;
    if ( ic->offset > PAGE_SIZE - sizeof(struct evtchn_fifo_control_block) ||
         (ic->offset & 7) )
        return -EINVAL;
    if ( f && f->vcpu[ic->vcpu].cb )
        return -EINVAL;
    if ( !(page = map_guest_frame(d, ic->control_gfn, true)) )
        return -EINVAL;

    if ( !f )
    {
        f = xzalloc_bytes(sizeof(*f) + d->max_vcpus * sizeof(f->vcpu[0]));
        if ( !f )
            return -ENOMEM;
        ed->fifo = f;
        ed->ops = &evtchn_port_ops_fifo;
        fifo_convert_ports(d);
    }
    /* The page is the domain's own RAM and stays mapped for its lifetime. */
    fifo_attach_control_block(&f->vcpu[ic->vcpu], page, ic->offset);
    return 0;
}

int evtchn_fifo_expand_array(struct domain *d, uint64_t gfn)
{
    struct evtchn_fifo_domain *f = d->evtchn->fifo;
    unsigned int slot;
    evtchn_port_t port;
    void *page;

    if ( !f )
        return -EOPNOTSUPP;
    slot = f->nr_ports / WORDS_PER_PAGE;
    if ( slot >= FIFO_MAX_PAGES )
        return -ENOSPC;
    if ( !(page = map_guest_frame(d, gfn, true)) )
        return -EINVAL;

    f->page[slot] = page;
    smp_wmb();
    f->nr_ports += WORDS_PER_PAGE;

    /* Replay what was raised while these ports had no event word. */
    for ( port = slot * WORDS_PER_PAGE; port < f->nr_ports; port++ )
    {
        struct evtchn *chn;

        if ( port >= d->evtchn->valid_ports )
            break;
        chn = evtchn_from_port(d, port);
        if ( !chn->fifo_pending )
            continue;
        chn->fifo_pending = false;
        fifo_set_pending(d, evtchn_notify_vcpu(d, chn), chn);
    }
    return 0;
}

/* Back to 2-level (EVTCHNOP_reset) or domain teardown. */
void evtchn_fifo_destroy(struct domain *d)
{
    struct evtchn_domain *ed = d->evtchn;

    xfree(ed->fifo);
    ed->fifo = NULL;
    ed->ops = &evtchn_port_ops_2l;
}
