// SPDX-License-Identifier: GPL-2.0-only
/*
 * A guest that abuses event_channel_op (evtchn.c) and vcpu_op (vcpu.c):
 * bad argument pointers, output buffers Xen cannot write, ports and vCPU
 * ids out of range, bindings in the wrong state, bad FIFO control blocks
 * and event pages, vcpu_info/runstate areas that cross pages or point
 * nowhere, operations on another vCPU that only the vCPU itself may do.
 * Each must return Xen 4.17's exact error, and after each group a
 * loopback event channel must still work (sanity(), here). Needs 2 vCPUs:
 * vCPU 1 is "the other one".
 */
#include "common.h"

static uint8_t shinfo_page[4096] __attribute__((aligned(4096)));
volatile struct shared_info *shared;
bool two_level = true;

/* Canonical addresses Xen cannot use (see test.h), and the last page. */
void *const bad_buffers[4] = {
    BAD_VA_UNMAPPED, BAD_VA_UPPER_HALF, BAD_VA_NO_RAM,
    (void *)0xfffffffffffff000ul,
};

/* Frames without RAM for init_control, expand_array, register_vcpu_info. */
const uint64_t bad_gfns[4] = {
    (unsigned long)BAD_VA_NO_RAM >> 12, 1ul << 28, 1ul << 40, ~0ul,
};

/* ---- Hypercalls and checks ---- */

long evtchn_op(unsigned long cmd, const void *arg)
{
    return hypercall(__HYPERVISOR_event_channel_op, cmd, (unsigned long)arg,
                     0, 0, 0);
}

/* Fails the test unless rc == want; true when it matched. */
bool __printf(3, 4) check(long rc, long want, const char *fmt, ...)
{
    char what[200];
    va_list ap;

    if ( rc == want )
        return true;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    test_fail("%s returned %ld, expected %ld", what, rc, want);
    return false;
}

long port_op(int cmd, uint32_t port)
{
    return evtchn_op(cmd, &port);
}

long alloc_unbound(uint16_t dom, uint16_t remote, uint32_t *port)
{
    struct { uint16_t dom, remote; uint32_t port; } a = { dom, remote, 0 };
    long rc = evtchn_op(EVTCHNOP_alloc_unbound, &a);

    *port = a.port;
    return rc;
}

long bind_interdomain(uint16_t dom, uint32_t rport, uint32_t *port)
{
    struct { uint16_t dom; uint32_t rport, lport; } b = { dom, rport, 0 };
    long rc = evtchn_op(EVTCHNOP_bind_interdomain, &b);

    *port = b.lport;
    return rc;
}

long bind_virq(uint32_t virq, uint32_t vcpu, uint32_t *port)
{
    struct { uint32_t virq, vcpu, port; } b = { virq, vcpu, 0 };
    long rc = evtchn_op(EVTCHNOP_bind_virq, &b);

    *port = b.port;
    return rc;
}

long bind_ipi(uint32_t vcpu, uint32_t *port)
{
    struct { uint32_t vcpu, port; } b = { vcpu, 0 };
    long rc = evtchn_op(EVTCHNOP_bind_ipi, &b);

    *port = b.port;
    return rc;
}

long bind_vcpu(uint32_t port, uint32_t vcpu)
{
    struct { uint32_t port, vcpu; } b = { port, vcpu };

    return evtchn_op(EVTCHNOP_bind_vcpu, &b);
}

long set_priority(uint32_t port, uint32_t prio)
{
    struct { uint32_t port, prio; } s = { port, prio };

    return evtchn_op(EVTCHNOP_set_priority, &s);
}

long reset(int cmd, uint16_t dom)
{
    return evtchn_op(cmd, &dom);
}

long status(uint16_t dom, uint32_t port, struct evtchn_status *st)
{
    memset(st, 0xa5, sizeof(*st));
    st->dom = dom;
    st->port = port;
    return evtchn_op(EVTCHNOP_status, st);
}

/* Port's state and the word of its union Xen reports (dom, virq, ...). */
void expect_status(uint32_t port, uint32_t state, uint32_t vcpu,
                          uint32_t u0, const char *when)
{
    struct evtchn_status st;
    uint32_t got;

    if ( !check(status(DOMID_SELF, port, &st), 0, "status(%u) %s", port,
                when) )
        return;
    got = state == EVTCHNSTAT_unbound || state == EVTCHNSTAT_interdomain
          ? st.u.unbound.dom : st.u.virq;
    if ( st.status != state || st.vcpu != vcpu ||
         (state != EVTCHNSTAT_closed && state != EVTCHNSTAT_ipi && got != u0) )
        test_fail("status(%u) %s: state %u vcpu %u u %#x, expected %u %u %#x",
                  port, when, st.status, st.vcpu, got, state, vcpu, u0);
}

void reset_self(const char *when)
{
    check(reset(EVTCHNOP_reset, DOMID_SELF), 0, "reset(self) %s", when);
}

uint64_t xen_now(void)
{
    uint64_t t = 0;

    hypercall(__HYPERVISOR_hvm_op, HVMOP_get_time, (unsigned long)&t, 0, 0, 0);
    return t;
}

/* Blocks for `ns` in SCHEDOP_poll on an unbound port: the vCPU is
 * descheduled, so Xen updates its runstate area on the way. */
/* SCHEDOP_poll on one port until the absolute system time `timeout`. */
long poll(uint32_t port, uint64_t timeout)
{
    struct { uint32_t *ports; uint32_t nr, pad; uint64_t timeout; } p = {
        &port, 1, 0, timeout };

    return hypercall_sched_op(SCHEDOP_poll, &p);
}

void block_for(uint64_t ns)
{
    uint32_t port;

    if ( alloc_unbound(DOMID_SELF, 0, &port) )
        return test_fail("block_for: no port");
    check(poll(port, xen_now() + ns), 0, "poll(%u)", port);
    check(port_op(EVTCHNOP_close, port), 0, "close(poll port %u)", port);
}

bool pending(uint32_t port)
{
    return shared->evtchn_pending[port / 64] & (1ul << (port % 64));
}

bool masked(uint32_t port)
{
    return shared->evtchn_mask[port / 64] & (1ul << (port % 64));
}

void set_mask(uint32_t port, bool on)
{
    if ( on )
        __atomic_fetch_or(&shared->evtchn_mask[port / 64], 1ul << (port % 64),
                          __ATOMIC_SEQ_CST);
    else
        __atomic_fetch_and(&shared->evtchn_mask[port / 64],
                           ~(1ul << (port % 64)), __ATOMIC_SEQ_CST);
}

/* After each abuse: a loopback pair still binds, delivers and closes. */
void sanity(const char *after)
{
    uint32_t a, b;

    if ( !check(alloc_unbound(DOMID_SELF, DOMID_SELF, &a), 0,
                "sanity after %s: alloc_unbound", after) )
        return;
    if ( check(bind_interdomain(DOMID_SELF, a, &b), 0,
               "sanity after %s: bind_interdomain", after) )
    {
        if ( two_level )
            __atomic_fetch_and(&shared->evtchn_pending[b / 64],
                               ~(1ul << (b % 64)), __ATOMIC_SEQ_CST);
        check(port_op(EVTCHNOP_send, a), 0, "sanity after %s: send", after);
        if ( two_level && !pending(b) )
            test_fail("sanity after %s: send(%u) did not raise %u", after,
                      a, b);
        if ( two_level )
            set_mask(b, true);
        check(port_op(EVTCHNOP_unmask, b), 0, "sanity after %s: unmask", after);
        if ( two_level && masked(b) )
            test_fail("sanity after %s: unmask(%u) left it masked", after, b);
        expect_status(b, EVTCHNSTAT_interdomain, 0, 0, after);
        check(port_op(EVTCHNOP_close, b), 0, "sanity after %s: close", after);
    }
    check(port_op(EVTCHNOP_close, a), 0, "sanity after %s: close", after);
    expect_status(a, EVTCHNSTAT_closed, 0, 0, after);
    check(hypercall_xen_version(XENVER_version, NULL), 0x00040011,
          "xen_version after %s", after);
}

static void map_shared_info(void)
{
    struct { uint16_t domid, size; uint32_t space; uint64_t idx, gpfn; } xatp = {
        DOMID_SELF, 0, XENMAPSPACE_shared_info, 0,
        (unsigned long)shinfo_page >> 12,
    };

    if ( hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap,
                   (unsigned long)&xatp, 0, 0, 0) )
    {
        test_error("add_to_physmap(shared_info) failed");
        test_finish();
    }
    shared = (volatile struct shared_info *)shinfo_page;
}

/* ---- A buffer Xen can read but not write ---- */

/* The 2 MiB page at RO_BASE is RAM; we clear RW in its PDE, so a copy back
 * to it fails the guest page walk (CR0.WP is set). */
#define RO_BASE         0x2000000ul

static uint64_t *ro_pde(void)
{
    uint64_t cr3, *l4, *l3, *l2;

    asm volatile ("mov %%cr3, %0" : "=r" (cr3));
    l4 = (uint64_t *)(cr3 & ~0xffful);
    l3 = (uint64_t *)(l4[0] & 0xffffffffff000ul);
    l2 = (uint64_t *)(l3[RO_BASE >> 30] & 0xffffffffff000ul);
    return &l2[(RO_BASE >> 21) & 511];
}

static void set_ro(bool ro)
{
    uint64_t *pde = ro_pde();

    *pde = ro ? *pde & ~2ul : *pde | 2ul;
    asm volatile ("invlpg (%0)" :: "r" (RO_BASE) : "memory");
}

/* A read-only copy of the argument at RO_BASE. */
void *ro_arg(const void *arg, size_t size)
{
    set_ro(false);
    memcpy((void *)RO_BASE, arg, size);
    set_ro(true);
    return (void *)RO_BASE;
}


void test_main(void)
{
    if ( vcpu_op(VCPUOP_is_up, 1, NULL) == -XEN_ENOENT )
        return test_skip("dom0 has one vCPU (boot with QEMU -smp 2)");
    map_shared_info();
    evtchn_tests();
    vcpu_tests();
}
