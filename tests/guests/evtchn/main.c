// SPDX-License-Identifier: GPL-2.0-only
/*
 * event_channel_op as Xen 4.17 answers a PVH dom0: a loopback interdomain
 * pair inside dom0, IPI and VIRQ ports, the 2-level bits in shared_info
 * (polled with interrupts off), status of every state, the error returns,
 * the port limit, reset, and the switch to the FIFO ABI.
 */
#include <stdbool.h>

#include "test.h"

#define __HYPERVISOR_event_channel_op   32
#define XENMEM_add_to_physmap           7
#define XENMAPSPACE_shared_info         0
#define DOMID_SELF                      0x7ff0u

#define XEN_ENOENT      2
#define XEN_ESRCH       3
#define XEN_EBUSY       16
#define XEN_EEXIST      17
#define XEN_ENOSPC      28
#define XEN_EOPNOTSUPP  95

#define EVTCHNOP_bind_interdomain   0
#define EVTCHNOP_bind_virq          1
#define EVTCHNOP_bind_pirq          2
#define EVTCHNOP_close              3
#define EVTCHNOP_send               4
#define EVTCHNOP_status             5
#define EVTCHNOP_alloc_unbound      6
#define EVTCHNOP_bind_ipi           7
#define EVTCHNOP_bind_vcpu          8
#define EVTCHNOP_unmask             9
#define EVTCHNOP_reset              10
#define EVTCHNOP_init_control       11
#define EVTCHNOP_expand_array       12
#define EVTCHNOP_set_priority       13
#define EVTCHNOP_reset_cont         14

#define EVTCHNSTAT_closed       0
#define EVTCHNSTAT_unbound      1
#define EVTCHNSTAT_interdomain  2
#define EVTCHNSTAT_pirq         3
#define EVTCHNSTAT_virq         4
#define EVTCHNSTAT_ipi          5

#define VIRQ_TIMER      0
#define VIRQ_DEBUG      1
#define VIRQ_CONSOLE    2
#define NR_VIRQS        24

#define NR_2L_PORTS     4096
#define FIFO_PENDING    (1u << 31)
#define FIFO_MASKED     (1u << 30)
#define FIFO_LINKED     (1u << 29)
#define FIFO_BUSY       (1u << 28)
#define FIFO_LINK_MASK  0x1ffffu
#define FIFO_MAX_PAGES  128

struct xen_add_to_physmap {
    uint16_t domid;
    uint16_t size;
    uint32_t space;
    uint64_t idx;
    uint64_t gpfn;
};

struct vcpu_info {
    uint8_t evtchn_upcall_pending;
    uint8_t evtchn_upcall_mask;
    uint64_t evtchn_pending_sel;
    uint8_t rest[48];
};

struct shared_info {
    struct vcpu_info vcpu_info[32];
    uint64_t evtchn_pending[64];
    uint64_t evtchn_mask[64];
};

struct evtchn_status {
    uint16_t dom;
    uint32_t port;
    uint32_t status;
    uint32_t vcpu;
    union {
        struct { uint16_t dom; } unbound;
        struct { uint16_t dom; uint32_t port; } interdomain;
        uint32_t pirq;
        uint32_t virq;
    } u;
};

struct evtchn_init_control {
    uint64_t control_gfn;
    uint32_t offset;
    uint32_t vcpu;
    uint8_t link_bits;
    uint8_t pad[7];
};

struct fifo_control_block {
    uint32_t ready;
    uint32_t rsvd;
    uint32_t head[16];
};

_Static_assert(sizeof(struct vcpu_info) == 64, "vcpu_info");
_Static_assert(sizeof(struct evtchn_status) == 24, "evtchn_status");

static uint8_t shinfo_page[4096] __attribute__((aligned(4096)));
static uint8_t control_page[4096] __attribute__((aligned(4096)));
static uint32_t event_pages[FIFO_MAX_PAGES][1024] __attribute__((aligned(4096)));

static volatile struct shared_info *shared;

static long evtchn_op(int cmd, void *arg)
{
    return hypercall(__HYPERVISOR_event_channel_op, (unsigned long)cmd,
                     (unsigned long)arg, 0, 0, 0);
}

static void expect_rc(const char *what, long rc, long expected)
{
    if ( rc != expected )
        test_fail("%s returned %ld, expected %ld", what, rc, expected);
}

/* Ops whose argument is a single port (close, send, unmask). */
static long port_op(int cmd, uint32_t port)
{
    uint32_t arg = port;

    return evtchn_op(cmd, &arg);
}

static long alloc_unbound(uint16_t dom, uint16_t remote, uint32_t *port)
{
    struct { uint16_t dom, remote; uint32_t port; } a = { dom, remote, 0 };
    long rc = evtchn_op(EVTCHNOP_alloc_unbound, &a);

    *port = a.port;
    return rc;
}

static long bind_interdomain(uint16_t dom, uint32_t rport, uint32_t *port)
{
    struct { uint16_t dom; uint32_t rport, lport; } b = { dom, rport, 0 };
    long rc = evtchn_op(EVTCHNOP_bind_interdomain, &b);

    *port = b.lport;
    return rc;
}

static long bind_virq(uint32_t virq, uint32_t vcpu, uint32_t *port)
{
    struct { uint32_t virq, vcpu, port; } b = { virq, vcpu, 0 };
    long rc = evtchn_op(EVTCHNOP_bind_virq, &b);

    *port = b.port;
    return rc;
}

static long bind_ipi(uint32_t vcpu, uint32_t *port)
{
    struct { uint32_t vcpu, port; } b = { vcpu, 0 };
    long rc = evtchn_op(EVTCHNOP_bind_ipi, &b);

    *port = b.port;
    return rc;
}

static long bind_vcpu(uint32_t port, uint32_t vcpu)
{
    struct { uint32_t port, vcpu; } b = { port, vcpu };

    return evtchn_op(EVTCHNOP_bind_vcpu, &b);
}

static long set_priority(uint32_t port, uint32_t prio)
{
    struct { uint32_t port, prio; } s = { port, prio };

    return evtchn_op(EVTCHNOP_set_priority, &s);
}

static long status(uint16_t dom, uint32_t port, struct evtchn_status *st)
{
    memset(st, 0xa5, sizeof(*st));
    st->dom = dom;
    st->port = port;
    return evtchn_op(EVTCHNOP_status, st);
}

static void expect_status(uint32_t port, uint32_t state, uint32_t vcpu,
                          uint32_t w0, uint32_t w1)
{
    struct evtchn_status st;
    long rc = status(DOMID_SELF, port, &st);

    if ( rc )
    {
        test_fail("status(%u) returned %ld", port, rc);
        return;
    }
    if ( st.status != state || st.vcpu != vcpu )
        test_fail("status(%u): state %u vcpu %u, expected %u %u", port,
                  st.status, st.vcpu, state, vcpu);
    if ( state == EVTCHNSTAT_unbound && st.u.unbound.dom != w0 )
        test_fail("status(%u): unbound dom %u, expected %u", port,
                  st.u.unbound.dom, w0);
    if ( state == EVTCHNSTAT_interdomain &&
         (st.u.interdomain.dom != w0 || st.u.interdomain.port != w1) )
        test_fail("status(%u): interdomain %u:%u, expected %u:%u", port,
                  st.u.interdomain.dom, st.u.interdomain.port, w0, w1);
    if ( state == EVTCHNSTAT_virq && st.u.virq != w0 )
        test_fail("status(%u): virq %u, expected %u", port, st.u.virq, w0);
}

static bool pending(uint32_t port)
{
    return shared->evtchn_pending[port / 64] & (1ul << (port % 64));
}

static bool selected(uint32_t port)
{
    return shared->vcpu_info[0].evtchn_pending_sel & (1ul << (port / 64));
}

static uint8_t upcall(void)
{
    return shared->vcpu_info[0].evtchn_upcall_pending;
}

static void set_mask(uint32_t port, bool on)
{
    if ( on )
        __atomic_fetch_or(&shared->evtchn_mask[port / 64], 1ul << (port % 64),
                          __ATOMIC_SEQ_CST);
    else
        __atomic_fetch_and(&shared->evtchn_mask[port / 64],
                           ~(1ul << (port % 64)), __ATOMIC_SEQ_CST);
}

/* What the guest's upcall handler would do: forget everything. */
static void consume_all(void)
{
    unsigned int i;

    shared->vcpu_info[0].evtchn_upcall_pending = 0;
    shared->vcpu_info[0].evtchn_pending_sel = 0;
    for ( i = 0; i < 64; i++ )
        shared->evtchn_pending[i] = 0;
}

static void expect_bits(const char *what, uint32_t port, bool p, bool s,
                        uint8_t u)
{
    if ( pending(port) != p || selected(port) != s || upcall() != u )
        test_fail("%s: port %u pending %d sel %d upcall %u, expected %d %d %u",
                  what, port, pending(port), selected(port), upcall(), p, s, u);
}

static void map_shared_info(void)
{
    struct xen_add_to_physmap xatp = {
        .domid = DOMID_SELF, .space = XENMAPSPACE_shared_info, .idx = 0,
        .gpfn = (uint64_t)(unsigned long)shinfo_page >> 12,
    };
    long rc = hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap,
                        (unsigned long)&xatp, 0, 0, 0);

    if ( rc )
    {
        test_error("add_to_physmap(shared_info) returned %ld", rc);
        test_finish();
    }
    shared = (volatile struct shared_info *)shinfo_page;
}

/* Ports allocated since boot: status answers for every port of the first
 * bucket, closed ones included; beyond the allocated buckets -EINVAL. */
static void check_fresh_state(void)
{
    struct evtchn_status st;
    uint32_t p;
    long rc;

    expect_status(0, EVTCHNSTAT_closed, 0, 0, 0);
    for ( p = 1; p < 200; p++ )
    {
        rc = status(DOMID_SELF, p, &st);
        if ( rc )
            break;
        if ( st.status != EVTCHNSTAT_closed )
            test_fail("fresh port %u in state %u", p, st.status);
    }
    printk("  status answers for ports 0..%u of a fresh domain (then %ld)\n",
           p - 1, rc);
    expect_rc("status beyond the first bucket", rc, -XEN_EINVAL);
    expect_rc("status(4096)", status(DOMID_SELF, NR_2L_PORTS, &st),
              -XEN_EINVAL);
    expect_rc("status(dom 1)", status(1, 1, &st), -XEN_ESRCH);
}

static void check_loopback(uint32_t *pa, uint32_t *pb)
{
    uint32_t a, b;

    expect_rc("alloc_unbound(self, self)",
              alloc_unbound(DOMID_SELF, DOMID_SELF, &a), 0);
    expect_rc("alloc_unbound port", a, 1);
    expect_status(a, EVTCHNSTAT_unbound, 0, 0, 0);
    expect_bits("after alloc_unbound", a, false, false, 0);

    expect_rc("bind_interdomain(self, a)", bind_interdomain(DOMID_SELF, a, &b),
              0);
    expect_rc("bind_interdomain port", b, 2);
    expect_status(a, EVTCHNSTAT_interdomain, 0, 0, b);
    expect_status(b, EVTCHNSTAT_interdomain, 0, 0, a);
    /* Xen raises the new local port in case the unbound end lost an event. */
    expect_bits("after bind_interdomain", b, true, true, 1);
    expect_bits("after bind_interdomain (remote end)", a, false, true, 1);
    consume_all();

    expect_rc("send(a)", port_op(EVTCHNOP_send, a), 0);
    expect_bits("send(a)", b, true, true, 1);
    expect_bits("send(a) leaves a", a, false, true, 1);
    consume_all();
    expect_rc("send(b)", port_op(EVTCHNOP_send, b), 0);
    expect_bits("send(b)", a, true, true, 1);
    /* Already pending: nothing changes, the selector stays clear. */
    shared->vcpu_info[0].evtchn_pending_sel = 0;
    shared->vcpu_info[0].evtchn_upcall_pending = 0;
    expect_rc("send(b) again", port_op(EVTCHNOP_send, b), 0);
    expect_bits("send(b) while pending", a, true, false, 0);
    consume_all();
    *pa = a;
    *pb = b;
}

static void check_masking(uint32_t a, uint32_t b)
{
    set_mask(b, true);
    expect_rc("send(a) to masked b", port_op(EVTCHNOP_send, a), 0);
    expect_bits("masked", b, true, false, 0);
    expect_rc("unmask(b)", port_op(EVTCHNOP_unmask, b), 0);
    if ( shared->evtchn_mask[b / 64] & (1ul << (b % 64)) )
        test_fail("unmask left the mask bit set");
    expect_bits("unmask re-delivers", b, true, true, 1);
    consume_all();
    expect_rc("unmask(b) not pending", port_op(EVTCHNOP_unmask, b), 0);
    expect_bits("unmask without pending", b, false, false, 0);
    /* Upcall already pending: the selector is set, no new edge needed. */
    shared->vcpu_info[0].evtchn_upcall_pending = 1;
    expect_rc("send(a) with upcall pending", port_op(EVTCHNOP_send, a), 0);
    expect_bits("send with upcall pending", b, true, true, 1);
    consume_all();
}

static void check_ipi_virq(uint32_t *pc, uint32_t *pd)
{
    uint32_t c, d, x;

    expect_rc("bind_ipi(0)", bind_ipi(0, &c), 0);
    expect_rc("bind_ipi port", c, 3);
    expect_status(c, EVTCHNSTAT_ipi, 0, 0, 0);
    expect_bits("bind_ipi", c, false, false, 0);
    expect_rc("send(ipi)", port_op(EVTCHNOP_send, c), 0);
    expect_bits("send(ipi)", c, true, true, 1);
    consume_all();

    expect_rc("bind_virq(DEBUG, 0)", bind_virq(VIRQ_DEBUG, 0, &d), 0);
    expect_rc("bind_virq port", d, 4);
    expect_status(d, EVTCHNSTAT_virq, 0, VIRQ_DEBUG, 0);
    expect_rc("bind_virq(DEBUG, 0) again", bind_virq(VIRQ_DEBUG, 0, &x),
              -XEN_EEXIST);
    expect_rc("send(virq)", port_op(EVTCHNOP_send, d), -XEN_EINVAL);
    expect_rc("bind_virq(99)", bind_virq(99, 0, &x), -XEN_EINVAL);
    expect_rc("bind_virq(NR_VIRQS)", bind_virq(NR_VIRQS, 0, &x), -XEN_EINVAL);
    expect_rc("bind_virq(CONSOLE, 1)", bind_virq(VIRQ_CONSOLE, 1, &x),
              -XEN_EINVAL);
    expect_rc("bind_virq(DEBUG, 1)", bind_virq(VIRQ_DEBUG, 1, &x), -XEN_ENOENT);
    expect_rc("bind_virq(TIMER, 1000)", bind_virq(VIRQ_TIMER, 1000, &x),
              -XEN_ENOENT);
    expect_rc("bind_ipi(1)", bind_ipi(1, &x), -XEN_ENOENT);
    expect_rc("bind_ipi(1000)", bind_ipi(1000, &x), -XEN_ENOENT);
    *pc = c;
    *pd = d;
}

static void check_bind_vcpu(uint32_t a, uint32_t c, uint32_t d)
{
    uint32_t g;

    expect_rc("bind_vcpu(interdomain, 0)", bind_vcpu(a, 0), 0);
    expect_rc("bind_vcpu(ipi, 0)", bind_vcpu(c, 0), -XEN_EINVAL);
    expect_rc("bind_vcpu(per-vcpu virq, 0)", bind_vcpu(d, 0), -XEN_EINVAL);
    expect_rc("bind_vcpu(a, 1)", bind_vcpu(a, 1), -XEN_ENOENT);
    expect_rc("bind_vcpu(free port, 0)", bind_vcpu(40, 0), -XEN_EINVAL);
    expect_rc("bind_vcpu(4096, 0)", bind_vcpu(NR_2L_PORTS, 0), -XEN_EINVAL);
    expect_rc("bind_virq(CONSOLE, 0)", bind_virq(VIRQ_CONSOLE, 0, &g), 0);
    expect_rc("bind_vcpu(global virq, 0)", bind_vcpu(g, 0), 0);
    expect_status(g, EVTCHNSTAT_virq, 0, VIRQ_CONSOLE, 0);
    expect_rc("close(global virq)", port_op(EVTCHNOP_close, g), 0);
    expect_rc("bind_virq(CONSOLE, 0) after close", bind_virq(VIRQ_CONSOLE, 0, &g),
              0);
    expect_rc("close(global virq) again", port_op(EVTCHNOP_close, g), 0);
}

static void check_bad_ports(uint32_t a)
{
    struct evtchn_status st;
    uint32_t x;

    expect_rc("send(0)", port_op(EVTCHNOP_send, 0), -XEN_EINVAL);
    expect_rc("send(free 40)", port_op(EVTCHNOP_send, 40), -XEN_EINVAL);
    expect_rc("send(4096)", port_op(EVTCHNOP_send, NR_2L_PORTS), -XEN_EINVAL);
    expect_rc("send(~0)", port_op(EVTCHNOP_send, ~0u), -XEN_EINVAL);
    expect_rc("close(0)", port_op(EVTCHNOP_close, 0), -XEN_EINVAL);
    expect_rc("close(free 40)", port_op(EVTCHNOP_close, 40), -XEN_EINVAL);
    expect_rc("unmask(0)", port_op(EVTCHNOP_unmask, 0), 0);
    expect_rc("unmask(free 40)", port_op(EVTCHNOP_unmask, 40), 0);
    expect_rc("unmask(4096)", port_op(EVTCHNOP_unmask, NR_2L_PORTS),
              -XEN_EINVAL);
    expect_rc("set_priority(a) on 2-level", set_priority(a, 0), -XEN_ENOSYS);
    expect_rc("set_priority(0) on 2-level", set_priority(0, 0), -XEN_ENOSYS);
    expect_rc("set_priority(4096) on 2-level", set_priority(NR_2L_PORTS, 0),
              -XEN_EINVAL);
    expect_rc("alloc_unbound(dom 1)", alloc_unbound(1, DOMID_SELF, &x),
              -XEN_ESRCH);
    expect_rc("alloc_unbound(self, dom 5)", alloc_unbound(DOMID_SELF, 5, &x), 0);
    expect_status(x, EVTCHNSTAT_unbound, 0, 5, 0);
    expect_rc("bind_interdomain(self, not for us)",
              bind_interdomain(DOMID_SELF, x, &x), -XEN_EINVAL);
    expect_rc("close(unbound for dom 5)", port_op(EVTCHNOP_close, 5), 0);
    expect_rc("bind_interdomain(dom 5)", bind_interdomain(5, 1, &x),
              -XEN_ESRCH);
    expect_rc("bind_interdomain(self, bound port)",
              bind_interdomain(DOMID_SELF, a, &x), -XEN_EINVAL);
    expect_rc("bind_interdomain(self, 0)", bind_interdomain(DOMID_SELF, 0, &x),
              -XEN_EINVAL);
    expect_rc("bind_interdomain(self, 4096)",
              bind_interdomain(DOMID_SELF, NR_2L_PORTS, &x), -XEN_EINVAL);
    expect_rc("status(~0)", status(DOMID_SELF, ~0u, &st), -XEN_EINVAL);
    expect_rc("sub-op 15", evtchn_op(15, &x), -XEN_ENOSYS);
    expect_rc("sub-op -1", evtchn_op(-1, &x), -XEN_ENOSYS);
    expect_rc("reset_cont without reset", evtchn_op(EVTCHNOP_reset_cont, &x),
              -XEN_EBUSY);
    expect_rc("send with a bad buffer",
              evtchn_op(EVTCHNOP_send, BAD_VA_UNMAPPED), -XEN_EFAULT);
}

static long bind_pirq(uint32_t pirq, uint32_t *port)
{
    struct { uint32_t pirq, flags, port; } b = { pirq, 0, 0 };
    long rc = evtchn_op(EVTCHNOP_bind_pirq, &b);

    *port = b.port;
    return rc;
}

/* An HVM domain's PIRQs are only bookkeeping: binding works below the
 * domain's nr_pirqs and nothing ever raises the port. */
static void check_pirq(void)
{
    uint32_t p, x, lo = 0, hi = 100000;
    long rc;

    rc = bind_pirq(0, &p);
    printk("  bind_pirq(0): rc %ld port %u\n", rc, p);
    expect_rc("bind_pirq(0)", rc, 0);
    expect_status(p, EVTCHNSTAT_pirq, 0, 0, 0);
    expect_rc("bind_pirq(0) again", bind_pirq(0, &x), -XEN_EEXIST);
    expect_rc("send(pirq)", port_op(EVTCHNOP_send, p), -XEN_EINVAL);
    expect_rc("bind_vcpu(pirq, 0)", bind_vcpu(p, 0), 0);
    expect_rc("close(pirq)", port_op(EVTCHNOP_close, p), 0);
    expect_rc("bind_pirq(100000)", bind_pirq(100000, &x), -XEN_EINVAL);
    while ( lo + 1 < hi )
    {
        uint32_t mid = (lo + hi) / 2;

        if ( bind_pirq(mid, &x) == 0 )
        {
            lo = mid;
            port_op(EVTCHNOP_close, x);
        }
        else
            hi = mid;
    }
    printk("  highest bindable pirq: %u\n", lo);
}

static void check_close(uint32_t a, uint32_t b)
{
    expect_rc("close(a)", port_op(EVTCHNOP_close, a), 0);
    expect_status(a, EVTCHNSTAT_closed, 0, 0, 0);
    expect_status(b, EVTCHNSTAT_unbound, 0, 0, 0);
    expect_rc("send(unbound b)", port_op(EVTCHNOP_send, b), 0);
    expect_bits("send on unbound", b, false, false, 0);
    expect_rc("send(closed a)", port_op(EVTCHNOP_send, a), -XEN_EINVAL);
    expect_rc("close(a) again", port_op(EVTCHNOP_close, a), -XEN_EINVAL);
    expect_rc("close(b)", port_op(EVTCHNOP_close, b), 0);
    expect_status(b, EVTCHNSTAT_closed, 0, 0, 0);
}

/* Close everything, then fill the 2-level space: ports 1..4095. */
static void check_reset_and_limit(void)
{
    uint32_t p, last = 0, x;
    unsigned int n = 0;
    long rc;

    expect_rc("reset(self)", evtchn_op(EVTCHNOP_reset, &(uint16_t){DOMID_SELF}),
              0);
    expect_rc("reset(dom 1)", evtchn_op(EVTCHNOP_reset, &(uint16_t){1}),
              -XEN_ESRCH);
    expect_rc("alloc after reset", alloc_unbound(DOMID_SELF, 0, &p), 0);
    expect_rc("first port after reset", p, 1);
    for ( ;; )
    {
        rc = bind_ipi(0, &x);
        if ( rc )
            break;
        if ( x != last + 1 && last )
            test_fail("port %u after %u", x, last);
        last = x;
        n++;
    }
    printk("  %u more ports, last %u, then rc %ld\n", n, last, rc);
    expect_rc("allocation past the limit", rc, -XEN_ENOSPC);
    expect_rc("last port", last, NR_2L_PORTS - 1);
    expect_rc("close(100)", port_op(EVTCHNOP_close, 100), 0);
    expect_rc("reuse lowest", bind_ipi(0, &x), 0);
    expect_rc("reused port", x, 100);
    expect_rc("reset(self) when full",
              evtchn_op(EVTCHNOP_reset, &(uint16_t){DOMID_SELF}), 0);
    expect_status(100, EVTCHNSTAT_closed, 0, 0, 0);
    consume_all();
}

static volatile uint32_t *event_word(uint32_t port)
{
    return &event_pages[port / 1024][port % 1024];
}

static long init_control(uint64_t gfn, uint32_t offset, uint32_t vcpu,
                         uint8_t *link_bits)
{
    struct evtchn_init_control ic = {
        .control_gfn = gfn, .offset = offset, .vcpu = vcpu, .link_bits = 0xee,
    };
    long rc = evtchn_op(EVTCHNOP_init_control, &ic);

    if ( link_bits )
        *link_bits = ic.link_bits;
    return rc;
}

static long expand_array(uint64_t gfn)
{
    return evtchn_op(EVTCHNOP_expand_array, &gfn);
}

static void check_fifo_errors(void)
{
    uint64_t cgfn = (unsigned long)control_page >> 12;

    expect_rc("expand_array before FIFO",
              expand_array((unsigned long)event_pages >> 12), -XEN_EOPNOTSUPP);
    expect_rc("init_control(vcpu 1)", init_control(cgfn, 0, 1, NULL),
              -XEN_ENOENT);
    expect_rc("init_control(offset 4032)", init_control(cgfn, 4032, 0, NULL),
              -XEN_EINVAL);
    expect_rc("init_control(offset 4)", init_control(cgfn, 4, 0, NULL),
              -XEN_EINVAL);
    expect_rc("init_control(no RAM)",
              init_control((unsigned long)BAD_VA_NO_RAM >> 12, 0, 0, NULL),
              -XEN_EINVAL);
    expect_rc("set_priority still 2-level", set_priority(1, 0), -XEN_ENOSYS);
}

static void check_fifo(void)
{
    volatile struct fifo_control_block *cb;
    uint32_t a, b, c, i;
    uint8_t link_bits;
    long rc;

    check_fifo_errors();
    /* A loopback pair whose bind leaves b pending in the 2-level bitmap. */
    expect_rc("alloc_unbound", alloc_unbound(DOMID_SELF, DOMID_SELF, &a), 0);
    expect_rc("bind_interdomain", bind_interdomain(DOMID_SELF, a, &b), 0);
    expect_bits("2-level before the switch", b, true, true, 1);
    consume_all();
    expect_rc("send(a) before the switch", port_op(EVTCHNOP_send, a), 0);

    rc = init_control((unsigned long)control_page >> 12, 64, 0, &link_bits);
    printk("  init_control: rc %ld link_bits %u\n", rc, link_bits);
    if ( rc )
    {
        test_fail("init_control returned %ld", rc);
        return;
    }
    expect_rc("link_bits", link_bits, 17);
    cb = (volatile struct fifo_control_block *)(control_page + 64);
    expect_rc("init_control again", init_control((unsigned long)control_page >> 12,
                                                 0, 0, NULL), -XEN_EINVAL);
    expect_rc("set_priority(16)", set_priority(a, 16), -XEN_EINVAL);
    expect_rc("set_priority(a, 0)", set_priority(a, 0), 0);
    expect_rc("set_priority(4096) FIFO", set_priority(NR_2L_PORTS, 0),
              -XEN_EINVAL);
    /* No event page yet: the raise is remembered. */
    expect_rc("send(b) without a page", port_op(EVTCHNOP_send, b), 0);
    if ( cb->ready )
        test_fail("ready %#x before any event page", cb->ready);

    expect_rc("expand_array", expand_array((unsigned long)event_pages >> 12), 0);
    printk("  after expand: word[a] %#x word[b] %#x ready %#x head0 %u head7 %u\n",
           *event_word(a), *event_word(b), cb->ready, cb->head[0], cb->head[7]);
    if ( *event_word(b) != (FIFO_PENDING | FIFO_LINKED) || cb->head[7] != b )
        test_fail("carried-over pending b: word %#x head7 %u", *event_word(b),
                  cb->head[7]);
    if ( *event_word(a) != (FIFO_PENDING | FIFO_LINKED) || cb->head[0] != a )
        test_fail("replayed a: word %#x head0 %u", *event_word(a), cb->head[0]);
    if ( cb->ready != ((1u << 0) | (1u << 7)) )
        test_fail("ready %#x, expected 0x81", cb->ready);

    expect_rc("bind_ipi", bind_ipi(0, &c), 0);
    expect_rc("send(ipi)", port_op(EVTCHNOP_send, c), 0);
    if ( (*event_word(b) & FIFO_LINK_MASK) != c || cb->head[7] != b )
        test_fail("queue 7 b -> c: word[b] %#x head %u", *event_word(b),
                  cb->head[7]);
    if ( *event_word(c) != (FIFO_PENDING | FIFO_LINKED) )
        test_fail("word[c] %#x", *event_word(c));

    /* Masked: PENDING only; unmask links it. */
    *event_word(c) = FIFO_MASKED;
    cb->ready = 0;
    cb->head[7] = 0;
    *event_word(b) = 0;
    expect_rc("send(masked ipi)", port_op(EVTCHNOP_send, c), 0);
    if ( *event_word(c) != (FIFO_PENDING | FIFO_MASKED) || cb->ready )
        test_fail("masked raise: word %#x ready %#x", *event_word(c), cb->ready);
    expect_rc("unmask(ipi)", port_op(EVTCHNOP_unmask, c), 0);
    printk("  after unmask: word[c] %#x ready %#x head7 %u\n", *event_word(c),
           cb->ready, cb->head[7]);
    if ( *event_word(c) != (FIFO_PENDING | FIFO_LINKED) || cb->head[7] != c ||
         cb->ready != (1u << 7) )
        test_fail("unmask relink: word %#x head7 %u ready %#x", *event_word(c),
                  cb->head[7], cb->ready);

    for ( i = 1; i < FIFO_MAX_PAGES; i++ )
    {
        rc = expand_array(((unsigned long)event_pages[i]) >> 12);
        if ( rc )
            break;
    }
    printk("  event pages accepted: %u (then rc %ld)\n", i, rc);
    expect_rc("pages", i, FIFO_MAX_PAGES);
    expect_rc("expand_array when full",
              expand_array((unsigned long)control_page >> 12), -XEN_ENOSPC);
    expect_rc("bind_ipi(0) beyond 4096", bind_ipi(0, &c), 0);
    expect_rc("reset after FIFO", evtchn_op(EVTCHNOP_reset, &(uint16_t){DOMID_SELF}),
              0);
    expect_rc("set_priority after reset", set_priority(0, 0), -XEN_ENOSYS);
}

void test_main(void)
{
    uint32_t a, b, c, d;

    map_shared_info();
    check_fresh_state();
    check_loopback(&a, &b);
    check_masking(a, b);
    check_ipi_virq(&c, &d);
    check_bind_vcpu(a, c, d);
    check_bad_ports(a);
    check_pirq();
    check_close(a, b);
    check_reset_and_limit();
    check_fifo();
}
