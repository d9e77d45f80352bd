/* SPDX-License-Identifier: GPL-2.0-only */
/* Event channels on the host: the sub-ops through do_event_channel_op with
 * host pointers as guest buffers, the 2-level bits in a malloc'ed
 * shared_info, and FIFO queues in malloc'ed "guest frames". */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/sched.h>

/* evtchn_env.c */
void unit_evtchn_env_reset(void);
void unit_add_domain(struct domain *d);
void unit_remove_domain(struct domain *d);
void unit_add_frame(struct domain *d, unsigned long gfn, void *va);
extern unsigned int unit_upcall_calls;
extern unsigned int unit_poll_checks;
extern evtchn_port_t unit_poll_last_port;
extern unsigned int unit_upcall_edges[8][16];

#define NR_TEST_VCPUS 2

static struct domain *make_domain(domid_t id, bool privileged)
{
    struct domain *d = calloc(1, sizeof(*d));
    unsigned int i;

    d->domain_id = id;
    d->is_privileged = privileged;
    d->max_vcpus = NR_TEST_VCPUS;
    d->max_evtchn_port = ~0u;
    d->vcpu = calloc(NR_TEST_VCPUS, sizeof(*d->vcpu));
    d->shared_info = aligned_alloc(4096, 4096);
    memset(d->shared_info, 0, 4096);
    for ( i = 0; i < NR_TEST_VCPUS; i++ )
    {
        struct vcpu *v = calloc(1, sizeof(*v));

        v->vcpu_id = i;
        v->domain = d;
        v->vcpu_info = &d->shared_info->vcpu_info[i];
        d->vcpu[i] = v;
    }
    assert_int_equal(evtchn_domain_init(d), 0);
    unit_add_domain(d);
    return d;
}

static void free_domain(struct domain *d)
{
    unsigned int i;

    unit_remove_domain(d);
    evtchn_domain_destroy(d);
    assert_null(d->evtchn);
    for ( i = 0; i < NR_TEST_VCPUS; i++ )
        free(d->vcpu[i]);
    free(d->vcpu);
    free(d->shared_info);
    free(d);
}

static struct domain *dom0, *dom1;

static int setup(void **state)
{
    unit_evtchn_env_reset();
    dom0 = make_domain(0, true);
    dom1 = make_domain(1, false);
    return 0;
}

static int teardown(void **state)
{
    if ( dom1 )
        free_domain(dom1);
    free_domain(dom0);
    dom1 = NULL;
    return 0;
}

static long op(struct domain *d, int cmd, void *arg)
{
    uint64_t args[6] = { (uint64_t)cmd, (uint64_t)(uintptr_t)arg };

    return do_event_channel_op(d->vcpu[0], args);
}

static long alloc_unbound(struct domain *d, domid_t dom, domid_t remote, evtchn_port_t *p)
{
    struct evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote };
    long rc = op(d, EVTCHNOP_alloc_unbound, &a);

    *p = a.port;
    return rc;
}

static long bind_interdomain(struct domain *d, domid_t rdom, evtchn_port_t rport,
                             evtchn_port_t *p)
{
    struct evtchn_bind_interdomain b = { .remote_dom = rdom, .remote_port = rport };
    long rc = op(d, EVTCHNOP_bind_interdomain, &b);

    *p = b.local_port;
    return rc;
}

static long bind_virq(struct domain *d, uint32_t virq, uint32_t vcpu, evtchn_port_t *p)
{
    struct evtchn_bind_virq b = { .virq = virq, .vcpu = vcpu };
    long rc = op(d, EVTCHNOP_bind_virq, &b);

    *p = b.port;
    return rc;
}

static long bind_ipi(struct domain *d, uint32_t vcpu, evtchn_port_t *p)
{
    struct evtchn_bind_ipi b = { .vcpu = vcpu };
    long rc = op(d, EVTCHNOP_bind_ipi, &b);

    *p = b.port;
    return rc;
}

static long bind_vcpu(struct domain *d, evtchn_port_t port, uint32_t vcpu)
{
    struct evtchn_bind_vcpu b = { .port = port, .vcpu = vcpu };

    return op(d, EVTCHNOP_bind_vcpu, &b);
}

static long port_op(struct domain *d, int cmd, evtchn_port_t port)
{
    evtchn_port_t p = port;

    return op(d, cmd, &p);
}

static long status(struct domain *d, domid_t dom, evtchn_port_t port,
                   struct evtchn_status *st)
{
    memset(st, 0, sizeof(*st));
    st->dom = dom;
    st->port = port;
    return op(d, EVTCHNOP_status, st);
}

static long set_priority(struct domain *d, evtchn_port_t port, uint32_t prio)
{
    struct evtchn_set_priority sp = { .port = port, .priority = prio };

    return op(d, EVTCHNOP_set_priority, &sp);
}

static bool pending(struct domain *d, evtchn_port_t p)
{
    return d->shared_info->evtchn_pending[p / 64] & (1UL << (p % 64));
}

static bool selected(struct domain *d, unsigned int vcpu, evtchn_port_t p)
{
    return d->shared_info->vcpu_info[vcpu].evtchn_pending_sel & (1UL << (p / 64));
}

static uint8_t upcall(struct domain *d, unsigned int vcpu)
{
    return d->shared_info->vcpu_info[vcpu].evtchn_upcall_pending;
}

static void set_mask(struct domain *d, evtchn_port_t p)
{
    d->shared_info->evtchn_mask[p / 64] |= 1UL << (p % 64);
}

/* The guest's upcall handler: take everything. */
static void consume(struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < NR_TEST_VCPUS; i++ )
    {
        d->shared_info->vcpu_info[i].evtchn_upcall_pending = 0;
        d->shared_info->vcpu_info[i].evtchn_pending_sel = 0;
    }
    memset(d->shared_info->evtchn_pending, 0, sizeof(d->shared_info->evtchn_pending));
}

/* A loopback interdomain pair inside d, with the bind's raise consumed. */
static void loopback(struct domain *d, evtchn_port_t *a, evtchn_port_t *b)
{
    assert_int_equal(alloc_unbound(d, DOMID_SELF, DOMID_SELF, a), 0);
    assert_int_equal(bind_interdomain(d, DOMID_SELF, *a, b), 0);
    consume(d);
}

static void expect_status(struct domain *d, evtchn_port_t port, uint32_t state,
                          uint32_t vcpu)
{
    struct evtchn_status st;

    assert_int_equal(status(d, DOMID_SELF, port, &st), 0);
    assert_int_equal(st.status, state);
    assert_int_equal(st.vcpu, vcpu);
}

/* ---- 2-level ---- */

static void test_allocation_order(void **state)
{
    evtchn_port_t p;

    assert_int_equal(alloc_unbound(dom0, DOMID_SELF, 1, &p), 0);
    assert_int_equal(p, 1);
    assert_int_equal(bind_ipi(dom0, 0, &p), 0);
    assert_int_equal(p, 2);
    assert_int_equal(bind_virq(dom0, VIRQ_TIMER, 0, &p), 0);
    assert_int_equal(p, 3);
    assert_int_equal(port_op(dom0, EVTCHNOP_close, 2), 0);
    assert_int_equal(bind_ipi(dom0, 1, &p), 0);
    assert_int_equal(p, 2);
    assert_int_equal(bind_ipi(dom0, 1, &p), 0);
    assert_int_equal(p, 4);
}

static void test_bind_virq(void **state)
{
    evtchn_port_t t, g, x;
    struct evtchn_status st;

    assert_int_equal(bind_virq(dom0, VIRQ_TIMER, 1, &t), 0);
    assert_int_equal(status(dom0, DOMID_SELF, t, &st), 0);
    assert_int_equal(st.status, EVTCHNSTAT_virq);
    assert_int_equal(st.vcpu, 1);
    assert_int_equal(st.u.virq, VIRQ_TIMER);
    assert_int_equal(bind_virq(dom0, VIRQ_TIMER, 1, &x), -EEXIST);
    assert_int_equal(bind_virq(dom0, VIRQ_TIMER, 0, &x), 0);   /* other vCPU */
    assert_int_equal(bind_virq(dom0, VIRQ_CONSOLE, 1, &x), -EINVAL);
    assert_int_equal(bind_virq(dom0, NR_VIRQS, 0, &x), -EINVAL);
    assert_int_equal(bind_virq(dom0, 0xffffffff, 0, &x), -EINVAL);
    assert_int_equal(bind_virq(dom0, VIRQ_DEBUG, 2, &x), -ENOENT);
    assert_int_equal(bind_virq(dom0, VIRQ_DEBUG, 1000, &x), -ENOENT);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, t), -EINVAL);

    send_guest_vcpu_virq(dom0->vcpu[1], VIRQ_TIMER);
    assert_true(pending(dom0, t));
    assert_true(selected(dom0, 1, t));
    assert_false(selected(dom0, 0, t));
    assert_int_equal(upcall(dom0, 1), 1);
    assert_int_equal(upcall(dom0, 0), 0);
    consume(dom0);
    send_guest_vcpu_virq(dom0->vcpu[1], VIRQ_DEBUG);    /* unbound: dropped */
    assert_int_equal(upcall(dom0, 1), 0);

    assert_int_equal(bind_virq(dom0, VIRQ_CONSOLE, 0, &g), 0);
    assert_int_equal(bind_vcpu(dom0, g, 1), 0);
    send_guest_global_virq(dom0, VIRQ_CONSOLE);
    assert_true(pending(dom0, g));
    assert_true(selected(dom0, 1, g));
    assert_int_equal(upcall(dom0, 1), 1);
    assert_int_equal(port_op(dom0, EVTCHNOP_close, g), 0);
    consume(dom0);
    send_guest_global_virq(dom0, VIRQ_CONSOLE);
    assert_false(pending(dom0, g));
    assert_int_equal(bind_virq(dom0, VIRQ_CONSOLE, 0, &x), 0);
    assert_int_equal(x, g);
}

static void test_loopback_send(void **state)
{
    evtchn_port_t a, b;

    assert_int_equal(alloc_unbound(dom0, DOMID_SELF, DOMID_SELF, &a), 0);
    expect_status(dom0, a, EVTCHNSTAT_unbound, 0);
    assert_int_equal(bind_interdomain(dom0, DOMID_SELF, a, &b), 0);
    assert_int_equal(b, a + 1);
    /* The bind raises the new local port. */
    assert_true(pending(dom0, b));
    assert_false(pending(dom0, a));
    assert_int_equal(upcall(dom0, 0), 1);
    consume(dom0);

    unit_upcall_calls = 0;
    assert_int_equal(port_op(dom0, EVTCHNOP_send, a), 0);
    assert_true(pending(dom0, b));
    assert_true(selected(dom0, 0, b));
    assert_int_equal(upcall(dom0, 0), 1);
    assert_int_equal(unit_upcall_calls, 1);
    /* Still pending: nothing more happens. */
    dom0->shared_info->vcpu_info[0].evtchn_pending_sel = 0;
    assert_int_equal(port_op(dom0, EVTCHNOP_send, a), 0);
    assert_false(selected(dom0, 0, b));
    assert_int_equal(unit_upcall_calls, 1);
    /* Selector already set for the word: no new upcall. */
    consume(dom0);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, b), 0);
    assert_int_equal(unit_upcall_calls, 2);
    dom0->shared_info->evtchn_pending[0] = 0;
    assert_int_equal(port_op(dom0, EVTCHNOP_send, b), 0);
    assert_true(pending(dom0, a));
    assert_int_equal(unit_upcall_calls, 2);
}

static void test_mask_unmask(void **state)
{
    evtchn_port_t a, b;

    loopback(dom0, &a, &b);
    set_mask(dom0, b);
    unit_poll_checks = 0;
    assert_int_equal(port_op(dom0, EVTCHNOP_send, a), 0);
    /* Pollers are woken even for a masked port, once per new pending bit. */
    assert_int_equal(unit_poll_checks, 1);
    assert_int_equal(unit_poll_last_port, b);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, a), 0);
    assert_int_equal(unit_poll_checks, 1);
    assert_true(pending(dom0, b));
    assert_false(selected(dom0, 0, b));
    assert_int_equal(upcall(dom0, 0), 0);
    assert_int_equal(port_op(dom0, EVTCHNOP_unmask, b), 0);
    assert_int_equal(dom0->shared_info->evtchn_mask[0], 0);
    assert_true(selected(dom0, 0, b));
    assert_int_equal(upcall(dom0, 0), 1);
    consume(dom0);
    /* Unmasking a port that is not pending delivers nothing. */
    set_mask(dom0, b);
    assert_int_equal(port_op(dom0, EVTCHNOP_unmask, b), 0);
    assert_int_equal(upcall(dom0, 0), 0);
    /* Any port of an allocated bucket may be unmasked, none beyond; a port
     * that is not bound keeps its mask bit. */
    set_mask(dom0, 63);
    assert_int_equal(port_op(dom0, EVTCHNOP_unmask, 0), 0);
    assert_int_equal(port_op(dom0, EVTCHNOP_unmask, 63), 0);
    assert_int_equal(dom0->shared_info->evtchn_mask[0], 1UL << 63);
    assert_int_equal(port_op(dom0, EVTCHNOP_unmask, 64), -EINVAL);
}

static void test_two_domains(void **state)
{
    evtchn_port_t p1, p0, x;
    struct evtchn_status st;

    /* Only the privileged domain allocates in another domain. */
    assert_int_equal(alloc_unbound(dom0, 1, 0, &p1), 0);
    assert_int_equal(p1, 1);
    assert_int_equal(alloc_unbound(dom1, 0, 1, &x), -EPERM);
    assert_int_equal(alloc_unbound(dom1, 7, 1, &x), -ESRCH);
    assert_int_equal(status(dom1, DOMID_SELF, p1, &st), 0);
    assert_int_equal(st.status, EVTCHNSTAT_unbound);
    assert_int_equal(st.u.unbound.dom, 0);

    /* Only the named remote may bind. */
    assert_int_equal(alloc_unbound(dom1, DOMID_SELF, 5, &x), 0);
    assert_int_equal(bind_interdomain(dom0, 1, x, &p0), -EINVAL);
    assert_int_equal(bind_interdomain(dom0, 1, p1, &p0), 0);
    assert_int_equal(p0, 1);
    assert_int_equal(status(dom1, DOMID_SELF, p1, &st), 0);
    assert_int_equal(st.status, EVTCHNSTAT_interdomain);
    assert_int_equal(st.u.interdomain.dom, 0);
    assert_int_equal(st.u.interdomain.port, p0);
    assert_int_equal(status(dom0, 1, p1, &st), 0);         /* privileged */
    assert_int_equal(status(dom1, 0, p0, &st), -EPERM);
    consume(dom0);

    assert_int_equal(port_op(dom1, EVTCHNOP_send, p1), 0);
    assert_true(pending(dom0, p0));
    assert_false(pending(dom1, p1));
    assert_int_equal(port_op(dom0, EVTCHNOP_send, p0), 0);
    assert_true(pending(dom1, p1));
    assert_int_equal(upcall(dom1, 0), 1);

    /* Closing one end leaves the other unbound, waiting for the closer. */
    assert_int_equal(port_op(dom0, EVTCHNOP_close, p0), 0);
    assert_int_equal(status(dom1, DOMID_SELF, p1, &st), 0);
    assert_int_equal(st.status, EVTCHNSTAT_unbound);
    assert_int_equal(st.u.unbound.dom, 0);
    consume(dom0);
    consume(dom1);
    assert_int_equal(port_op(dom1, EVTCHNOP_send, p1), 0);
    assert_int_equal(upcall(dom0, 0), 0);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, p0), -EINVAL);

    /* A dying domain's peers become unbound too. */
    assert_int_equal(bind_interdomain(dom0, 1, p1, &p0), 0);
    free_domain(dom1);
    dom1 = NULL;
    expect_status(dom0, p0, EVTCHNSTAT_unbound, 0);
    assert_int_equal(bind_interdomain(dom0, 1, 1, &x), -ESRCH);
}

static void test_status_states(void **state)
{
    evtchn_port_t a, b, i, v, p;
    struct evtchn_status st;
    struct evtchn_bind_pirq bp = { .pirq = 3 };

    loopback(dom0, &a, &b);
    assert_int_equal(bind_ipi(dom0, 1, &i), 0);
    assert_int_equal(bind_virq(dom0, VIRQ_DEBUG, 1, &v), 0);
    assert_int_equal(op(dom0, EVTCHNOP_bind_pirq, &bp), 0);
    p = bp.port;
    assert_int_equal(op(dom0, EVTCHNOP_bind_pirq, &bp), -EEXIST);
    bp.pirq = 100000;
    assert_int_equal(op(dom0, EVTCHNOP_bind_pirq, &bp), -EINVAL);

    expect_status(dom0, 0, EVTCHNSTAT_closed, 0);
    expect_status(dom0, 40, EVTCHNSTAT_closed, 0);
    assert_int_equal(status(dom0, DOMID_SELF, a, &st), 0);
    assert_int_equal(st.status, EVTCHNSTAT_interdomain);
    assert_int_equal(st.u.interdomain.port, b);
    expect_status(dom0, i, EVTCHNSTAT_ipi, 1);
    assert_int_equal(status(dom0, DOMID_SELF, v, &st), 0);
    assert_int_equal(st.status, EVTCHNSTAT_virq);
    assert_int_equal(st.u.virq, VIRQ_DEBUG);
    assert_int_equal(status(dom0, DOMID_SELF, p, &st), 0);
    assert_int_equal(st.status, EVTCHNSTAT_pirq);
    assert_int_equal(st.u.pirq, 3);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, p), -EINVAL);
    assert_int_equal(status(dom0, DOMID_SELF, 64, &st), -EINVAL);
    assert_int_equal(status(dom0, DOMID_SELF, 4096, &st), -EINVAL);
    assert_int_equal(status(dom0, 5, 1, &st), -ESRCH);
    assert_int_equal(port_op(dom0, EVTCHNOP_close, p), 0);
    expect_status(dom0, p, EVTCHNSTAT_closed, 0);
}

static void test_bind_vcpu(void **state)
{
    evtchn_port_t a, b, i, t, g, u;

    loopback(dom0, &a, &b);
    assert_int_equal(bind_ipi(dom0, 0, &i), 0);
    assert_int_equal(bind_virq(dom0, VIRQ_TIMER, 0, &t), 0);
    assert_int_equal(bind_virq(dom0, VIRQ_DOM_EXC, 0, &g), 0);
    assert_int_equal(alloc_unbound(dom0, DOMID_SELF, 1, &u), 0);

    assert_int_equal(bind_vcpu(dom0, b, 1), 0);
    assert_int_equal(bind_vcpu(dom0, u, 1), 0);
    assert_int_equal(bind_vcpu(dom0, g, 1), 0);
    assert_int_equal(bind_vcpu(dom0, i, 1), -EINVAL);
    assert_int_equal(bind_vcpu(dom0, t, 1), -EINVAL);
    assert_int_equal(bind_vcpu(dom0, 40, 1), -EINVAL);
    assert_int_equal(bind_vcpu(dom0, 0, 1), -EINVAL);
    assert_int_equal(bind_vcpu(dom0, 4096, 0), -EINVAL);
    assert_int_equal(bind_vcpu(dom0, b, 2), -ENOENT);
    expect_status(dom0, b, EVTCHNSTAT_interdomain, 1);
    expect_status(dom0, u, EVTCHNSTAT_unbound, 1);

    assert_int_equal(port_op(dom0, EVTCHNOP_send, a), 0);
    assert_true(selected(dom0, 1, b));
    assert_int_equal(upcall(dom0, 1), 1);
    assert_int_equal(upcall(dom0, 0), 0);
    /* A freed port forgets its vCPU. */
    assert_int_equal(port_op(dom0, EVTCHNOP_close, u), 0);
    assert_int_equal(bind_ipi(dom0, 0, &u), 0);
    expect_status(dom0, u, EVTCHNSTAT_ipi, 0);
}

static void test_reset(void **state)
{
    evtchn_port_t a, b, x;
    struct evtchn_reset r = { .dom = DOMID_SELF };

    loopback(dom0, &a, &b);
    assert_int_equal(bind_ipi(dom0, 0, &x), 0);
    assert_int_equal(op(dom0, EVTCHNOP_reset, &r), 0);
    expect_status(dom0, a, EVTCHNSTAT_closed, 0);
    expect_status(dom0, x, EVTCHNSTAT_closed, 0);
    expect_status(dom0, 0, EVTCHNSTAT_closed, 0);
    assert_int_equal(bind_ipi(dom0, 0, &x), 0);
    assert_int_equal(x, 1);

    assert_int_equal(op(dom0, EVTCHNOP_reset_cont, &r), -EBUSY);
    r.dom = 9;
    assert_int_equal(op(dom0, EVTCHNOP_reset, &r), -ESRCH);
    r.dom = 0;
    assert_int_equal(op(dom1, EVTCHNOP_reset, &r), -EPERM);
    r.dom = 1;
    assert_int_equal(op(dom0, EVTCHNOP_reset, &r), -EINVAL);    /* not paused */
    assert_int_equal(bind_ipi(dom1, 0, &x), 0);
    dom1->pause_count = 1;
    assert_int_equal(op(dom0, EVTCHNOP_reset, &r), 0);
    dom1->pause_count = 0;
    expect_status(dom1, x, EVTCHNSTAT_closed, 0);
}

static void test_limit(void **state)
{
    evtchn_port_t p = 0, last = 0;
    unsigned int n = 0;
    long rc;

    while ( (rc = bind_ipi(dom1, 0, &p)) == 0 )
    {
        assert_int_equal(p, last + 1);
        last = p;
        n++;
    }
    assert_int_equal(rc, -ENOSPC);
    assert_int_equal(n, 4095);
    assert_int_equal(alloc_unbound(dom0, 1, 0, &p), -ENOSPC);
    assert_int_equal(port_op(dom1, EVTCHNOP_close, 1000), 0);
    assert_int_equal(bind_ipi(dom1, 0, &p), 0);
    assert_int_equal(p, 1000);
    assert_int_equal(port_op(dom1, EVTCHNOP_send, 4095), 0);
    assert_true(pending(dom1, 4095));
    assert_true(selected(dom1, 0, 4095));
}

/* createdomain's max_evtchn_port: no port above it is ever handed out. */
static void test_max_port(void **state)
{
    evtchn_port_t p = 0;
    unsigned int n = 0;
    long rc;

    dom1->max_evtchn_port = 10;
    while ( (rc = bind_ipi(dom1, 0, &p)) == 0 )
    {
        assert_in_range(p, 1, 10);
        n++;
    }
    assert_int_equal(rc, -ENOSPC);
    assert_int_equal(n, 10);
    assert_int_equal(port_op(dom1, EVTCHNOP_close, 7), 0);
    assert_int_equal(bind_ipi(dom1, 0, &p), 0);
    assert_int_equal(p, 7);
}

static void test_bad_inputs(void **state)
{
    evtchn_port_t a, b, u, x;
    uint64_t args[6] = { EVTCHNOP_send, 0x10 };

    loopback(dom0, &a, &b);
    assert_int_equal(alloc_unbound(dom0, DOMID_SELF, 1, &u), 0);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, 0), -EINVAL);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, 40), -EINVAL);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, 4096), -EINVAL);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, 0xffffffff), -EINVAL);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, u), 0);
    assert_int_equal(upcall(dom0, 0), 0);
    assert_int_equal(port_op(dom0, EVTCHNOP_close, u), 0);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, u), -EINVAL);
    assert_int_equal(port_op(dom0, EVTCHNOP_close, u), -EINVAL);
    assert_int_equal(port_op(dom0, EVTCHNOP_close, 0), -EINVAL);
    assert_int_equal(bind_ipi(dom0, 2, &x), -ENOENT);
    assert_int_equal(bind_ipi(dom0, 1000, &x), -ENOENT);
    assert_int_equal(bind_virq(dom0, 99, 0, &x), -EINVAL);
    assert_int_equal(bind_interdomain(dom0, DOMID_SELF, a, &x), -EINVAL);
    assert_int_equal(bind_interdomain(dom0, DOMID_SELF, 0, &x), -EINVAL);
    assert_int_equal(bind_interdomain(dom0, DOMID_SELF, 5000, &x), -EINVAL);
    assert_int_equal(set_priority(dom0, a, 0), -ENOSYS);
    assert_int_equal(set_priority(dom0, 0, 0), -ENOSYS);
    assert_int_equal(set_priority(dom0, 4096, 0), -EINVAL);
    assert_int_equal(op(dom0, 15, &x), -ENOSYS);
    assert_int_equal(op(dom0, -1, &x), -ENOSYS);
    assert_int_equal(do_event_channel_op(dom0->vcpu[0], args), -EFAULT);
    /* Nothing is bound when the argument cannot be read. */
    args[0] = EVTCHNOP_bind_ipi;
    assert_int_equal(do_event_channel_op(dom0->vcpu[0], args), -EFAULT);
}

static unsigned int notified;
static evtchn_port_t notified_port;

static void backend_notify(struct domain *d, evtchn_port_t port)
{
    notified++;
    notified_port = port;
}

static void test_backend_port(void **state)
{
    evtchn_port_t p;

    assert_int_equal(evtchn_alloc_unbound_port(dom1, 0, &p), 0);
    assert_int_equal(p, 1);
    expect_status(dom1, p, EVTCHNSTAT_unbound, 0);
    assert_int_equal(evtchn_set_xen_notify(dom1, p, backend_notify), 0);
    assert_int_equal(evtchn_set_xen_notify(dom1, 2, backend_notify), -EINVAL);
    notified = 0;
    assert_int_equal(port_op(dom1, EVTCHNOP_send, p), 0);
    assert_int_equal(notified, 1);
    assert_int_equal(notified_port, p);
    assert_int_equal(evtchn_raise(dom1, p), 0);
    assert_true(pending(dom1, p));
    assert_int_equal(upcall(dom1, 0), 1);
    assert_int_equal(evtchn_raise(dom1, 2), -EINVAL);
    assert_int_equal(evtchn_send(dom1, p), 0);
    assert_int_equal(notified, 2);
    assert_int_equal(port_op(dom1, EVTCHNOP_close, p), 0);
    assert_int_equal(evtchn_alloc_unbound_port(dom1, 0, &p), 0);
    assert_int_equal(port_op(dom1, EVTCHNOP_send, p), 0);
    assert_int_equal(notified, 2);
}

static void test_poll_exports(void **state)
{
    evtchn_port_t a, b;

    loopback(dom0, &a, &b);
    /* Only bound ports may be polled: not reserved 0, free 63 or absent 64. */
    assert_true(evtchn_port_pollable(dom0, a));
    assert_true(evtchn_port_pollable(dom0, b));
    assert_false(evtchn_port_pollable(dom0, 0));
    assert_false(evtchn_port_pollable(dom0, 63));
    assert_false(evtchn_port_pollable(dom0, 64));
    assert_false(evtchn_port_is_pending(dom0, b));
    assert_int_equal(port_op(dom0, EVTCHNOP_send, a), 0);
    assert_true(evtchn_port_is_pending(dom0, b));
    assert_false(evtchn_port_is_pending(dom0, 5000));
}

/* ---- FIFO ---- */

#define CB_GFN      0x100
#define ARRAY_GFN   0x200

static void *cb_page;
static uint32_t *event_page[3];

static struct evtchn_fifo_control_block *fifo_cb(unsigned int offset)
{
    return (struct evtchn_fifo_control_block *)((char *)cb_page + offset);
}

static uint32_t *word(evtchn_port_t p)
{
    return &event_page[p / 1024][p % 1024];
}

static int fifo_setup(void **state)
{
    unsigned int i;

    setup(state);
    cb_page = aligned_alloc(4096, 4096);
    memset(cb_page, 0, 4096);
    unit_add_frame(dom0, CB_GFN, cb_page);
    for ( i = 0; i < 3; i++ )
    {
        event_page[i] = aligned_alloc(4096, 4096);
        memset(event_page[i], 0, 4096);
        unit_add_frame(dom0, ARRAY_GFN + i, event_page[i]);
    }
    return 0;
}

static int fifo_teardown(void **state)
{
    unsigned int i;

    teardown(state);
    free(cb_page);
    for ( i = 0; i < 3; i++ )
        free(event_page[i]);
    return 0;
}

static long init_control(uint64_t gfn, uint32_t offset, uint32_t vcpu)
{
    struct evtchn_init_control ic = {
        .control_gfn = gfn, .offset = offset, .vcpu = vcpu, .link_bits = 0,
    };
    long rc = op(dom0, EVTCHNOP_init_control, &ic);

    if ( !rc )
        assert_int_equal(ic.link_bits, EVTCHN_FIFO_LINK_BITS);
    return rc;
}

static long expand(uint64_t gfn)
{
    struct evtchn_expand_array e = { .array_gfn = gfn };

    return op(dom0, EVTCHNOP_expand_array, &e);
}

#define P (1u << EVTCHN_FIFO_PENDING)
#define M (1u << EVTCHN_FIFO_MASKED)
#define L (1u << EVTCHN_FIFO_LINKED)

static void test_fifo_errors(void **state)
{
    unsigned int i;
    static uint32_t extra[126][1024] __attribute__((aligned(4096)));

    assert_int_equal(expand(ARRAY_GFN), -EOPNOTSUPP);
    assert_int_equal(init_control(CB_GFN, 0, 2), -ENOENT);
    assert_int_equal(init_control(CB_GFN, 4096 - 72 + 8, 0), -EINVAL);
    assert_int_equal(init_control(CB_GFN, 4, 0), -EINVAL);
    assert_int_equal(init_control(0x999, 0, 0), -EINVAL);
    assert_int_equal(set_priority(dom0, 0, 0), -ENOSYS);        /* still 2-level */
    assert_int_equal(init_control(CB_GFN, 4096 - 72, 0), 0);
    assert_int_equal(init_control(CB_GFN, 0, 0), -EINVAL);      /* registered */
    assert_int_equal(init_control(CB_GFN, 0, 1), 0);
    /* Reserved and free ports have no priority to set. */
    assert_int_equal(set_priority(dom0, 0, 15), -EACCES);
    assert_int_equal(set_priority(dom0, 5, 16), -EACCES);
    assert_int_equal(set_priority(dom0, 64, 0), -EINVAL);
    assert_int_equal(expand(0x999), -EINVAL);
    assert_int_equal(expand(ARRAY_GFN), 0);
    assert_int_equal(expand(ARRAY_GFN + 1), 0);
    for ( i = 0; i < 126; i++ )
    {
        unit_add_frame(dom0, 0x1000 + i, extra[i]);
        assert_int_equal(expand(0x1000 + i), 0);
    }
    assert_int_equal(expand(ARRAY_GFN + 2), -ENOSPC);

    /* Past 4096 ports now; a reset goes back to 2-level. */
    for ( i = 0; i < 4200; i++ )
    {
        evtchn_port_t p;

        assert_int_equal(bind_ipi(dom0, 0, &p), 0);
        assert_int_equal(p, i + 1);
    }
    assert_int_equal(set_priority(dom0, 1, 16), -EINVAL);
    assert_int_equal(set_priority(dom0, 1, 15), 0);
    assert_int_equal(op(dom0, EVTCHNOP_reset, &(struct evtchn_reset){ DOMID_SELF }), 0);
    assert_int_equal(set_priority(dom0, 1, 0), -ENOSYS);
    /* Ports past 4096 still exist (free) back in 2-level. */
    assert_int_equal(set_priority(dom0, 4100, 0), -ENOSYS);
    assert_int_equal(port_op(dom0, EVTCHNOP_unmask, 4100), 0);
    assert_int_equal(expand(ARRAY_GFN), -EOPNOTSUPP);
}

static void test_fifo_queues(void **state)
{
    struct evtchn_fifo_control_block *cb = fifo_cb(64);
    evtchn_port_t a, b, c, d;

    assert_int_equal(init_control(CB_GFN, 64, 0), 0);
    assert_int_equal(expand(ARRAY_GFN), 0);
    assert_int_equal(bind_ipi(dom0, 0, &a), 0);
    assert_int_equal(bind_ipi(dom0, 0, &b), 0);
    assert_int_equal(bind_ipi(dom0, 0, &c), 0);
    assert_int_equal(bind_ipi(dom0, 0, &d), 0);
    assert_int_equal(set_priority(dom0, d, 2), 0);

    unit_upcall_calls = 0;
    assert_int_equal(port_op(dom0, EVTCHNOP_send, a), 0);
    assert_int_equal(*word(a), P | L);
    assert_int_equal(cb->head[7], a);
    assert_int_equal(cb->ready, 1u << 7);
    assert_int_equal(upcall(dom0, 0), 1);
    assert_int_equal(unit_upcall_calls, 1);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, b), 0);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, c), 0);
    assert_int_equal(*word(a), P | L | b);
    assert_int_equal(*word(b), P | L | c);
    assert_int_equal(*word(c), P | L);
    assert_int_equal(cb->head[7], a);
    assert_int_equal(unit_upcall_calls, 1);
    /* Raising a linked port changes nothing. */
    assert_int_equal(port_op(dom0, EVTCHNOP_send, a), 0);
    assert_int_equal(*word(a), P | L | b);

    assert_int_equal(port_op(dom0, EVTCHNOP_send, d), 0);
    assert_int_equal(cb->head[2], d);
    assert_int_equal(cb->ready, (1u << 7) | (1u << 2));
    assert_int_equal(unit_upcall_calls, 2);

    /* The guest consumes queue 7; the stale tail is not linked any more. */
    *word(a) = 0;
    *word(b) = 0;
    *word(c) = 0;
    cb->ready &= ~(1u << 7);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, b), 0);
    assert_int_equal(*word(c), 0);
    assert_int_equal(*word(b), P | L);
    assert_int_equal(cb->head[7], b);
    assert_int_equal(cb->ready, (1u << 7) | (1u << 2));
    assert_int_equal(port_op(dom0, EVTCHNOP_send, a), 0);
    assert_int_equal(*word(b), P | L | a);

    /* A closed port still on a queue is not reused until unlinked. */
    assert_int_equal(port_op(dom0, EVTCHNOP_close, a), 0);
    assert_int_equal(*word(a) & P, 0);
    assert_int_equal(bind_ipi(dom0, 0, &c), 0);
    assert_int_not_equal(c, a);
    *word(a) = 0;
    assert_int_equal(bind_ipi(dom0, 0, &c), 0);
    assert_int_equal(c, a);
}

static void test_fifo_mask(void **state)
{
    struct evtchn_fifo_control_block *cb = fifo_cb(0);
    evtchn_port_t a;

    assert_int_equal(init_control(CB_GFN, 0, 0), 0);
    assert_int_equal(expand(ARRAY_GFN), 0);
    assert_int_equal(bind_ipi(dom0, 0, &a), 0);
    *word(a) = M;
    unit_poll_checks = 0;
    assert_int_equal(port_op(dom0, EVTCHNOP_send, a), 0);
    assert_int_equal(*word(a), P | M);
    assert_int_equal(unit_poll_checks, 1);
    assert_int_equal(cb->ready, 0);
    assert_int_equal(upcall(dom0, 0), 0);
    assert_true(evtchn_port_is_pending(dom0, a));
    assert_int_equal(port_op(dom0, EVTCHNOP_unmask, a), 0);
    assert_int_equal(*word(a), P | L);
    assert_int_equal(cb->head[7], a);
    assert_int_equal(cb->ready, 1u << 7);
    assert_int_equal(upcall(dom0, 0), 1);
    /* Unmask without pending only clears the mask. */
    *word(a) = M;
    assert_int_equal(port_op(dom0, EVTCHNOP_unmask, a), 0);
    assert_int_equal(*word(a), 0);
    /* Ports without an event word read as masked and not pending. */
    assert_false(evtchn_port_is_pending(dom0, 2000));
}

static void test_fifo_conversion_and_replay(void **state)
{
    struct evtchn_fifo_control_block *cb0 = fifo_cb(0), *cb1 = fifo_cb(128);
    evtchn_port_t a, b, c, far = 0;
    unsigned int i;

    /* 2-level pending state before the switch is carried over. */
    loopback(dom0, &a, &b);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, a), 0);
    assert_true(pending(dom0, b));
    assert_int_equal(bind_ipi(dom0, 1, &c), 0);
    assert_int_equal(init_control(CB_GFN, 0, 0), 0);
    assert_int_equal(init_control(CB_GFN, 128, 1), 0);
    assert_int_equal(set_priority(dom0, a, 0), 0);
    consume(dom0);

    /* Raised before any event word exists: remembered. */
    assert_int_equal(port_op(dom0, EVTCHNOP_send, b), 0);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, c), 0);
    assert_int_equal(cb0->ready, 0);
    assert_int_equal(upcall(dom0, 0), 0);
    assert_int_equal(expand(ARRAY_GFN), 0);
    assert_int_equal(*word(a), P | L);
    assert_int_equal(*word(b), P | L);
    assert_int_equal(cb0->head[0], a);
    assert_int_equal(cb0->head[7], b);
    assert_int_equal(cb0->ready, (1u << 0) | (1u << 7));
    assert_int_equal(*word(c), P | L);
    assert_int_equal(cb1->head[7], c);
    assert_int_equal(cb1->ready, 1u << 7);
    assert_int_equal(upcall(dom0, 1), 1);

    /* A port in the second page, raised before that page is added. */
    for ( i = 0; i < 1100 && far < 1024; i++ )
        assert_int_equal(bind_ipi(dom0, 0, &far), 0);
    assert_true(far >= 1024);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, far), 0);
    assert_int_equal(expand(ARRAY_GFN + 1), 0);
    assert_int_equal(*word(far), P | L);
    assert_int_equal(*word(b) & EVTCHN_FIFO_LINK_MASK, far);
    /* A remembered raise is forgotten when the port is closed. */
    for ( far = 0; far < 2048; )
        assert_int_equal(bind_ipi(dom0, 0, &far), 0);
    assert_int_equal(port_op(dom0, EVTCHNOP_send, far), 0);
    assert_int_equal(port_op(dom0, EVTCHNOP_close, far), 0);
    assert_int_equal(bind_ipi(dom0, 0, &c), 0);
    assert_int_equal(c, far);
    assert_int_equal(expand(ARRAY_GFN + 2), 0);
    assert_int_equal(*word(far), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_allocation_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bind_virq, setup, teardown),
        cmocka_unit_test_setup_teardown(test_loopback_send, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mask_unmask, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_domains, setup, teardown),
        cmocka_unit_test_setup_teardown(test_status_states, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bind_vcpu, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_max_port, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_inputs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_backend_port, setup, teardown),
        cmocka_unit_test_setup_teardown(test_poll_exports, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fifo_errors, fifo_setup, fifo_teardown),
        cmocka_unit_test_setup_teardown(test_fifo_queues, fifo_setup, fifo_teardown),
        cmocka_unit_test_setup_teardown(test_fifo_mask, fifo_setup, fifo_teardown),
        cmocka_unit_test_setup_teardown(test_fifo_conversion_and_replay, fifo_setup,
                                        fifo_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
