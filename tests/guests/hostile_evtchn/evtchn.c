// SPDX-License-Identifier: GPL-2.0-only
/*
 * event_channel_op abuse: bad pointers, unknown sub-ops, ports out of
 * range or in the wrong state, bad VIRQ/vCPU/domain ids, unwritable
 * outputs, reset of other domains, FIFO control blocks and event pages
 * that do not fit, and the legacy event_channel_op_compat.
 */
#include "common.h"

static uint8_t control_pages[2][4096] __attribute__((aligned(4096)));
static uint8_t event_page[4096] __attribute__((aligned(4096)));

static void evtchn_bad_pointers(void)
{
    static const long unknown[] = { 15, 16, 127, 0x7fffffff, -1, -15 };
    unsigned int i, j;
    uint32_t x = 0;

    for ( j = 0; j < ARRAY_SIZE(bad_buffers); j++ )
    {
        for ( i = 0; i < NR_EVTCHNOPS; i++ )
            check(evtchn_op(i, bad_buffers[j]), -XEN_EFAULT,
                  "event_channel_op(%u, %p)", i, bad_buffers[j]);
        for ( i = 0; i < ARRAY_SIZE(unknown); i++ )
            check(evtchn_op(unknown[i], bad_buffers[j]), -XEN_ENOSYS,
                  "event_channel_op(%ld, %p)", unknown[i], bad_buffers[j]);
    }
    for ( i = 0; i < ARRAY_SIZE(unknown); i++ )
        check(evtchn_op(unknown[i], &x), -XEN_ENOSYS,
              "event_channel_op(%ld)", unknown[i]);
    /* The sub-op is an int: bits 63:32 of RDI are dropped. */
    check(evtchn_op((1ul << 32) | EVTCHNOP_send, BAD_VA_UNMAPPED),
          -XEN_EFAULT, "event_channel_op(2^32 + send, bad)");
    check(evtchn_op((1ul << 32) | EVTCHNOP_unmask, &x), 0,
          "event_channel_op(2^32 + unmask, port 0)");
    sanity("bad pointers");
}

/* The pre-3.0.2 form (one struct with the cmd inside) is not there for HVM. */
static void evtchn_compat(void)
{
    struct { uint32_t cmd; uint32_t port; uint8_t pad[24]; } op = {
        EVTCHNOP_unmask, 0, { 0 } };
    unsigned int j;

    for ( j = 0; j < ARRAY_SIZE(bad_buffers); j++ )
        check(hypercall(__HYPERVISOR_event_channel_op_compat,
                        (unsigned long)bad_buffers[j], 0, 0, 0, 0),
              -XEN_ENOSYS, "event_channel_op_compat(%p)", bad_buffers[j]);
    check(hypercall(__HYPERVISOR_event_channel_op_compat, (unsigned long)&op,
                    0, 0, 0, 0), -XEN_ENOSYS, "event_channel_op_compat(unmask)");
    sanity("compat");
}

/* Unmasking a port that is not bound does nothing at all, and polling it
 * is refused even with its pending bit set. */
static void unbound_port_is_inert(uint32_t p)
{
    set_mask(p, true);
    check(port_op(EVTCHNOP_unmask, p), 0, "unmask(masked unbound port %u)", p);
    if ( !masked(p) )
        test_fail("unmask(unbound port %u) cleared its mask bit", p);
    set_mask(p, false);
    __atomic_fetch_or(&shared->evtchn_pending[p / 64], 1ul << (p % 64),
                      __ATOMIC_SEQ_CST);
    check(poll(p, xen_now() + MS), -XEN_EINVAL, "poll(unbound port %u, pending)", p);
    __atomic_fetch_and(&shared->evtchn_pending[p / 64], ~(1ul << (p % 64)),
                       __ATOMIC_SEQ_CST);
}

/* A fresh dom0 has one bucket of ports (0..63): inside it a free port is
 * "closed", beyond it no port exists. */
static void evtchn_port_ranges(void)
{
    static const uint32_t beyond[] = {
        FIRST_BUCKET, FIRST_BUCKET + 1, NR_2L_PORTS - 1, NR_2L_PORTS,
        NR_FIFO_PORTS - 1, NR_FIFO_PORTS, 0x7fffffff, 0x80000000u,
        0xfffffff0u, ~0u,
    };
    static const uint32_t free_ports[] = { 5, FIRST_BUCKET - 1 };
    struct evtchn_status st;
    unsigned int i;
    uint32_t p, x;

    for ( i = 0; i < ARRAY_SIZE(beyond); i++ )
    {
        p = beyond[i];
        check(port_op(EVTCHNOP_close, p), -XEN_EINVAL, "close(%#x)", p);
        check(port_op(EVTCHNOP_send, p), -XEN_EINVAL, "send(%#x)", p);
        check(port_op(EVTCHNOP_unmask, p), -XEN_EINVAL, "unmask(%#x)", p);
        check(status(DOMID_SELF, p, &st), -XEN_EINVAL, "status(%#x)", p);
        check(bind_vcpu(p, 0), -XEN_EINVAL, "bind_vcpu(%#x, 0)", p);
        check(set_priority(p, 0), -XEN_EINVAL, "set_priority(%#x)", p);
        check(bind_interdomain(DOMID_SELF, p, &x), -XEN_EINVAL,
              "bind_interdomain(self, %#x)", p);
    }
    for ( i = 0; i < ARRAY_SIZE(free_ports); i++ )
    {
        p = free_ports[i];
        check(port_op(EVTCHNOP_close, p), -XEN_EINVAL, "close(free %u)", p);
        check(port_op(EVTCHNOP_send, p), -XEN_EINVAL, "send(free %u)", p);
        check(port_op(EVTCHNOP_unmask, p), 0, "unmask(free %u)", p);
        expect_status(p, EVTCHNSTAT_closed, 0, 0, "(free)");
        check(bind_vcpu(p, 0), -XEN_EINVAL, "bind_vcpu(free %u, 0)", p);
        check(set_priority(p, 0), -XEN_ENOSYS, "set_priority(free %u)", p);
    }
    unbound_port_is_inert(5);
    unbound_port_is_inert(0);
    check(poll(FIRST_BUCKET, xen_now() + MS), -XEN_EINVAL, "poll(%u)", FIRST_BUCKET);
    check(poll(~0u, xen_now() + MS), -XEN_EINVAL, "poll(~0)");
    /* Port 0 is reserved: it reads as closed and cannot be closed. */
    check(port_op(EVTCHNOP_close, 0), -XEN_EINVAL, "close(0)");
    check(port_op(EVTCHNOP_send, 0), -XEN_EINVAL, "send(0)");
    expect_status(0, EVTCHNSTAT_closed, 0, 0, "(reserved)");
    check(bind_vcpu(0, 0), -XEN_EINVAL, "bind_vcpu(0, 0)");
    check(bind_vcpu(0, 1000), -XEN_ENOENT, "bind_vcpu(0, 1000)");
    sanity("port ranges");
}

static void evtchn_bind_virq_abuse(void)
{
    static const uint32_t bad_virqs[] = {
        NR_VIRQS, 31, 32, 0x7fffffff, 0x80000000u, ~0u };
    static const uint32_t bad_vcpus[] = { 2, 32, 1000, 0x80000000u, ~0u };
    unsigned int i;
    uint32_t p, t0, t1, c;

    for ( i = 0; i < ARRAY_SIZE(bad_virqs); i++ )
        check(bind_virq(bad_virqs[i], 0, &p), -XEN_EINVAL, "bind_virq(%#x, 0)",
              bad_virqs[i]);
    for ( i = 0; i < ARRAY_SIZE(bad_vcpus); i++ )
    {
        check(bind_virq(VIRQ_TIMER, bad_vcpus[i], &p), -XEN_ENOENT,
              "bind_virq(TIMER, vcpu %#x)", bad_vcpus[i]);
        /* A global VIRQ is refused on any vCPU but 0 before the id is
         * looked at. */
        check(bind_virq(VIRQ_CONSOLE, bad_vcpus[i], &p), -XEN_EINVAL,
              "bind_virq(CONSOLE, vcpu %#x)", bad_vcpus[i]);
    }
    check(bind_virq(VIRQ_CONSOLE, 1, &p), -XEN_EINVAL, "bind_virq(CONSOLE, 1)");
    check(bind_virq(VIRQ_ARCH_0, 1, &p), -XEN_EINVAL, "bind_virq(ARCH_0, 1)");
    check(bind_virq(NR_VIRQS, 1000, &p), -XEN_EINVAL, "bind_virq(24, 1000)");

    /* Per-vCPU VIRQs bind once per vCPU, the offline one included. */
    check(bind_virq(VIRQ_TIMER, 0, &t0), 0, "bind_virq(TIMER, 0)");
    check(bind_virq(VIRQ_TIMER, 1, &t1), 0, "bind_virq(TIMER, 1)");
    expect_status(t1, EVTCHNSTAT_virq, 1, VIRQ_TIMER, "(TIMER on vCPU 1)");
    check(bind_virq(VIRQ_TIMER, 0, &p), -XEN_EEXIST, "bind_virq(TIMER, 0) twice");
    check(bind_virq(VIRQ_TIMER, 1, &p), -XEN_EEXIST, "bind_virq(TIMER, 1) twice");
    check(bind_virq(VIRQ_XENPMU, 1, &p), 0, "bind_virq(XENPMU, 1)");
    check(bind_virq(VIRQ_XENPMU, 1, &p), -XEN_EEXIST, "bind_virq(XENPMU, 1) twice");
    check(bind_virq(VIRQ_CONSOLE, 0, &c), 0, "bind_virq(CONSOLE, 0)");
    check(bind_virq(VIRQ_CONSOLE, 0, &p), -XEN_EEXIST, "bind_virq(CONSOLE, 0) twice");
    /* Unused numbers below NR_VIRQS are global VIRQs like any other. */
    check(bind_virq(5, 0, &p), 0, "bind_virq(5, 0)");
    check(bind_virq(23, 0, &p), 0, "bind_virq(23, 0)");
    check(bind_virq(5, 1, &p), -XEN_EINVAL, "bind_virq(5, 1)");
    /* Closing frees the VIRQ for binding again. */
    check(port_op(EVTCHNOP_close, t0), 0, "close(TIMER port)");
    check(bind_virq(VIRQ_TIMER, 0, &t0), 0, "bind_virq(TIMER, 0) after close");
    check(port_op(EVTCHNOP_send, t0), -XEN_EINVAL, "send(VIRQ port)");
    reset_self("after bind_virq");
    sanity("bind_virq");
}

static void evtchn_bind_ipi_vcpu_abuse(void)
{
    static const uint32_t bad_vcpus[] = { 2, 32, 1000, 0x80000000u, ~0u };
    uint32_t ipi, ipi1, virq, g, a, b, p;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(bad_vcpus); i++ )
        check(bind_ipi(bad_vcpus[i], &p), -XEN_ENOENT, "bind_ipi(%#x)",
              bad_vcpus[i]);
    check(bind_ipi(0, &ipi), 0, "bind_ipi(0)");
    check(bind_ipi(1, &ipi1), 0, "bind_ipi(1)");
    expect_status(ipi1, EVTCHNSTAT_ipi, 1, 0, "(IPI on vCPU 1)");
    check(bind_virq(VIRQ_TIMER, 0, &virq), 0, "bind_virq(TIMER, 0)");
    check(bind_virq(VIRQ_CONSOLE, 0, &g), 0, "bind_virq(CONSOLE, 0)");
    check(alloc_unbound(DOMID_SELF, DOMID_SELF, &a), 0, "alloc_unbound");
    check(bind_interdomain(DOMID_SELF, a, &b), 0, "bind_interdomain");

    /* Bad vCPU ids, whatever the port. */
    for ( i = 0; i < ARRAY_SIZE(bad_vcpus); i++ )
    {
        check(bind_vcpu(a, bad_vcpus[i]), -XEN_ENOENT, "bind_vcpu(interdomain, %#x)",
              bad_vcpus[i]);
        check(bind_vcpu(ipi, bad_vcpus[i]), -XEN_ENOENT, "bind_vcpu(ipi, %#x)",
              bad_vcpus[i]);
        check(bind_vcpu(~0u, bad_vcpus[i]), -XEN_ENOENT, "bind_vcpu(~0, %#x)",
              bad_vcpus[i]);
    }
    /* IPI and per-vCPU VIRQ ports are tied to their vCPU. */
    check(bind_vcpu(ipi, 1), -XEN_EINVAL, "bind_vcpu(ipi, 1)");
    check(bind_vcpu(ipi, 0), -XEN_EINVAL, "bind_vcpu(ipi, 0)");
    check(bind_vcpu(virq, 1), -XEN_EINVAL, "bind_vcpu(TIMER port, 1)");
    /* Everything else may move, to the offline vCPU too. */
    check(bind_vcpu(g, 1), 0, "bind_vcpu(CONSOLE port, 1)");
    expect_status(g, EVTCHNSTAT_virq, 1, VIRQ_CONSOLE, "(after bind_vcpu)");
    check(bind_vcpu(b, 1), 0, "bind_vcpu(interdomain, 1)");
    expect_status(b, EVTCHNSTAT_interdomain, 1, 0, "(after bind_vcpu)");
    check(port_op(EVTCHNOP_close, a), 0, "close(a)");
    check(bind_vcpu(b, 1), 0, "bind_vcpu(unbound, 1)");
    /* Closing resets the notify vCPU to 0. */
    check(port_op(EVTCHNOP_close, b), 0, "close(b)");
    expect_status(b, EVTCHNSTAT_closed, 0, 0, "(closed after bind_vcpu)");
    check(bind_vcpu(b, 1), -XEN_EINVAL, "bind_vcpu(closed, 1)");
    reset_self("after bind_ipi/bind_vcpu");
    sanity("bind_ipi/bind_vcpu");
}

static const uint16_t no_domains[] = {
    1, 2, 0x7fef, DOMID_IO, DOMID_XEN, 0x7ff3, DOMID_INVALID, 0x7ff5,
    DOMID_IDLE, 0x8000, 0xffff,
};

static void evtchn_bind_interdomain_abuse(void)
{
    uint32_t ipi, virq, a, b, other, p;
    unsigned int i;

    check(bind_ipi(0, &ipi), 0, "bind_ipi(0)");
    check(bind_virq(VIRQ_DEBUG, 0, &virq), 0, "bind_virq(DEBUG, 0)");
    check(alloc_unbound(DOMID_SELF, DOMID_SELF, &a), 0, "alloc_unbound");
    check(bind_interdomain(DOMID_SELF, a, &b), 0, "bind_interdomain");
    check(alloc_unbound(DOMID_SELF, 7, &other), 0, "alloc_unbound(self, 7)");

    check(bind_interdomain(DOMID_SELF, ipi, &p), -XEN_EINVAL, "bind_interdomain(ipi)");
    check(bind_interdomain(DOMID_SELF, virq, &p), -XEN_EINVAL,
          "bind_interdomain(virq)");
    check(bind_interdomain(DOMID_SELF, a, &p), -XEN_EINVAL,
          "bind_interdomain(interdomain)");
    check(bind_interdomain(DOMID_SELF, other, &p), -XEN_EINVAL,
          "bind_interdomain(unbound for dom 7)");
    check(bind_interdomain(DOMID_SELF, 0, &p), -XEN_EINVAL,
          "bind_interdomain(port 0)");
    check(bind_interdomain(DOMID_SELF, 40, &p), -XEN_EINVAL,
          "bind_interdomain(free port)");
    check(bind_interdomain(0, ipi, &p), -XEN_EINVAL, "bind_interdomain(dom 0, ipi)");
    for ( i = 0; i < ARRAY_SIZE(no_domains); i++ )
        check(bind_interdomain(no_domains[i], 1, &p), -XEN_ESRCH,
              "bind_interdomain(dom %#x)", no_domains[i]);
    /* The failed binds allocated nothing. */
    check(alloc_unbound(DOMID_SELF, 0, &p), 0, "alloc_unbound");
    check(p, other + 1, "next port after the failed binds");
    /* By our own id rather than DOMID_SELF works the same. */
    check(bind_interdomain(0, p, &b), 0, "bind_interdomain(dom 0, unbound)");
    expect_status(p, EVTCHNSTAT_interdomain, 0, 0, "(bound by domid 0)");
    reset_self("after bind_interdomain");
    sanity("bind_interdomain");
}

static void evtchn_alloc_unbound_abuse(void)
{
    static const uint16_t remotes[] = {
        1, 0x7fef, DOMID_XEN, DOMID_INVALID, DOMID_IDLE, 0xffff, 0,
    };
    unsigned int i;
    uint32_t p;

    for ( i = 0; i < ARRAY_SIZE(no_domains); i++ )
    {
        check(alloc_unbound(no_domains[i], DOMID_SELF, &p), -XEN_ESRCH,
              "alloc_unbound(dom %#x)", no_domains[i]);
        check(alloc_unbound(no_domains[i], no_domains[i], &p), -XEN_ESRCH,
              "alloc_unbound(dom %#x, remote same)", no_domains[i]);
    }
    /* Xen does not check the remote domain: status reports it verbatim. */
    for ( i = 0; i < ARRAY_SIZE(remotes); i++ )
    {
        if ( !check(alloc_unbound(DOMID_SELF, remotes[i], &p), 0,
                    "alloc_unbound(self, remote %#x)", remotes[i]) )
            continue;
        expect_status(p, EVTCHNSTAT_unbound, 0, remotes[i], "(odd remote)");
        check(port_op(EVTCHNOP_send, p), 0, "send(unbound for %#x)", remotes[i]);
        check(port_op(EVTCHNOP_close, p), 0, "close(unbound for %#x)", remotes[i]);
    }
    check(alloc_unbound(0, DOMID_SELF, &p), 0, "alloc_unbound(dom 0)");
    expect_status(p, EVTCHNSTAT_unbound, 0, 0, "(dom 0 for self)");
    reset_self("after alloc_unbound");
    sanity("alloc_unbound");
}

/* Xen copies the result back after the operation: with an output it cannot
 * write the call fails with -EFAULT, but the binding stays. */
static void evtchn_unwritable_output(void)
{
    struct { uint16_t dom, remote; uint32_t port; } au = { DOMID_SELF, DOMID_SELF, 0 };
    struct { uint16_t dom; uint32_t rport, lport; } bi = { DOMID_SELF, 1, 0 };
    struct { uint32_t virq, vcpu, port; } bv = { VIRQ_DEBUG, 0, 0 };
    struct { uint32_t vcpu, port; } ipi = { 0, 0 };
    struct { uint32_t pirq, flags, port; } bp = { 0, 0, 0 };
    struct evtchn_status st = { .dom = DOMID_SELF, .port = 1 };
    uint32_t p = 1, x;

    check(evtchn_op(EVTCHNOP_alloc_unbound, ro_arg(&au, sizeof(au))), -XEN_EFAULT,
          "alloc_unbound(read-only arg)");
    expect_status(1, EVTCHNSTAT_unbound, 0, 0, "(alloc_unbound, read-only arg)");
    check(evtchn_op(EVTCHNOP_bind_interdomain, ro_arg(&bi, sizeof(bi))),
          -XEN_EFAULT, "bind_interdomain(read-only arg)");
    expect_status(2, EVTCHNSTAT_interdomain, 0, 0, "(bind_interdomain, read-only arg)");
    check(evtchn_op(EVTCHNOP_bind_virq, ro_arg(&bv, sizeof(bv))), -XEN_EFAULT,
          "bind_virq(read-only arg)");
    expect_status(3, EVTCHNSTAT_virq, 0, VIRQ_DEBUG, "(bind_virq, read-only arg)");
    check(bind_virq(VIRQ_DEBUG, 0, &x), -XEN_EEXIST, "bind_virq(DEBUG) again");
    check(evtchn_op(EVTCHNOP_bind_ipi, ro_arg(&ipi, sizeof(ipi))), -XEN_EFAULT,
          "bind_ipi(read-only arg)");
    expect_status(4, EVTCHNSTAT_ipi, 0, 0, "(bind_ipi, read-only arg)");
    check(evtchn_op(EVTCHNOP_bind_pirq, ro_arg(&bp, sizeof(bp))), -XEN_EFAULT,
          "bind_pirq(read-only arg)");
    expect_status(5, EVTCHNSTAT_pirq, 0, 0, "(bind_pirq, read-only arg)");
    check(evtchn_op(EVTCHNOP_status, ro_arg(&st, sizeof(st))), -XEN_EFAULT,
          "status(read-only arg)");
    /* Input-only sub-ops do not mind. */
    check(evtchn_op(EVTCHNOP_send, ro_arg(&p, sizeof(p))), 0,
          "send(read-only arg)");
    check(evtchn_op(EVTCHNOP_unmask, ro_arg(&p, sizeof(p))), 0,
          "unmask(read-only arg)");
    check(evtchn_op(EVTCHNOP_close, ro_arg(&p, sizeof(p))), 0,
          "close(read-only arg)");
    expect_status(1, EVTCHNSTAT_closed, 0, 0, "(closed through read-only arg)");
    reset_self("after read-only args");
    sanity("read-only arguments");
}

static void evtchn_reset_abuse(void)
{
    unsigned int i;
    uint32_t p;

    for ( i = 0; i < ARRAY_SIZE(no_domains); i++ )
    {
        check(reset(EVTCHNOP_reset, no_domains[i]), -XEN_ESRCH, "reset(dom %#x)",
              no_domains[i]);
        check(reset(EVTCHNOP_reset_cont, no_domains[i]), -XEN_ESRCH,
              "reset_cont(dom %#x)", no_domains[i]);
    }
    check(reset(EVTCHNOP_reset_cont, DOMID_SELF), -XEN_EBUSY, "reset_cont(self)");
    check(reset(EVTCHNOP_reset_cont, 0), -XEN_EBUSY, "reset_cont(dom 0)");
    check(bind_ipi(0, &p), 0, "bind_ipi(0)");
    check(reset(EVTCHNOP_reset, 0), 0, "reset(dom 0)");
    expect_status(p, EVTCHNSTAT_closed, 0, 0, "(after reset by domid)");
    check(reset(EVTCHNOP_reset, DOMID_SELF), 0, "reset(self) with nothing bound");
    sanity("reset");
}

static long init_control(uint64_t gfn, uint32_t offset, uint32_t vcpu)
{
    struct evtchn_init_control ic = {
        .control_gfn = gfn, .offset = offset, .vcpu = vcpu, .link_bits = 0xee,
    };

    return evtchn_op(EVTCHNOP_init_control, &ic);
}

static long expand_array(uint64_t gfn)
{
    return evtchn_op(EVTCHNOP_expand_array, &gfn);
}

/* Refusals while still 2-level; none of them switches the ABI. */
static void fifo_refusals(uint64_t cgfn)
{
    static const uint32_t bad_offsets[] = {
        1, 4, 7, 4025, 4028, 4032, 4088, 4096, 0x80000000u, ~0u,
    };
    static const uint32_t bad_vcpus[] = { 2, 1000, 0x80000000u, ~0u };
    unsigned int i;

    check(expand_array((unsigned long)event_page >> 12), -XEN_EOPNOTSUPP,
          "expand_array before FIFO");
    check(expand_array(~0ul), -XEN_EOPNOTSUPP, "expand_array(~0) before FIFO");
    for ( i = 0; i < ARRAY_SIZE(bad_offsets); i++ )
        check(init_control(cgfn, bad_offsets[i], 0), -XEN_EINVAL,
              "init_control(offset %#x)", bad_offsets[i]);
    for ( i = 0; i < ARRAY_SIZE(bad_vcpus); i++ )
    {
        check(init_control(cgfn, 0, bad_vcpus[i]), -XEN_ENOENT,
              "init_control(vcpu %#x)", bad_vcpus[i]);
        /* The vCPU is looked at before the offset. */
        check(init_control(cgfn, 4095, bad_vcpus[i]), -XEN_ENOENT,
              "init_control(vcpu %#x, offset 4095)", bad_vcpus[i]);
    }
    for ( i = 0; i < ARRAY_SIZE(bad_gfns); i++ )
        check(init_control(bad_gfns[i], 0, 0), -XEN_EINVAL,
              "init_control(gfn %#lx)", bad_gfns[i]);
    check(set_priority(1, 0), -XEN_ENOSYS, "set_priority while 2-level");
    sanity("refused init_control");
}

static void fifo_abuse(void)
{
    static const uint32_t bad_prios[] = { 16, 255, 0x80000000u, ~0u };
    uint64_t cgfn = (unsigned long)control_pages[0] >> 12;
    struct evtchn_init_control ic = { .control_gfn = cgfn, .offset = 8 };
    uint32_t p;
    unsigned int i;

    fifo_refusals(cgfn);
    /* Switched to FIFO although the copy back of link_bits failed. */
    check(evtchn_op(EVTCHNOP_init_control, ro_arg(&ic, sizeof(ic))), -XEN_EFAULT,
          "init_control(read-only arg)");
    two_level = false;
    check(init_control(cgfn, 64, 0), -XEN_EINVAL, "init_control(vcpu 0) twice");
    check(init_control(~0ul, 4095, 0), -XEN_EINVAL,
          "init_control(vcpu 0) twice, bad gfn and offset");
    check(init_control((unsigned long)control_pages[1] >> 12, 0, 1), 0,
          "init_control(offline vcpu 1)");
    check(init_control((unsigned long)control_pages[1] >> 12, 0, 1), -XEN_EINVAL,
          "init_control(vcpu 1) twice");
    /* FIFO has priorities, but a free or reserved port is not usable. */
    check(set_priority(1, 0), -XEN_EACCES, "set_priority(free port)");
    check(set_priority(0, 15), -XEN_EACCES, "set_priority(port 0, 15)");
    check(set_priority(1, 16), -XEN_EACCES, "set_priority(free port, 16)");
    check(bind_ipi(0, &p), 0, "bind_ipi(0)");
    check(set_priority(p, 15), 0, "set_priority(ipi, 15)");
    for ( i = 0; i < ARRAY_SIZE(bad_prios); i++ )
        check(set_priority(p, bad_prios[i]), -XEN_EINVAL, "set_priority(%#x)",
              bad_prios[i]);
    check(set_priority(FIRST_BUCKET, 0), -XEN_EINVAL, "set_priority(port 64)");
    for ( i = 0; i < ARRAY_SIZE(bad_gfns); i++ )
        check(expand_array(bad_gfns[i]), -XEN_EINVAL, "expand_array(gfn %#lx)",
              bad_gfns[i]);
    check(evtchn_op(EVTCHNOP_expand_array, BAD_VA_UNMAPPED), -XEN_EFAULT,
          "expand_array(bad pointer)");
    check(expand_array((unsigned long)event_page >> 12), 0, "expand_array");
    check(port_op(EVTCHNOP_send, p), 0, "send(ipi) with FIFO");
    sanity("FIFO abuse");
}

/* Buckets stay when reset goes back to 2-level: ports past 4096 still
 * exist (closed) for status, but nothing can be bound there. */
static void fifo_reset_beyond_2l(void)
{
    struct evtchn_status st;
    uint32_t p = 0, high = NR_2L_PORTS + 4;
    long rc;

    while ( (rc = bind_ipi(0, &p)) == 0 && p < high )
        ;
    check(rc, 0, "bind_ipi up to port %u (reached %u)", high, p);
    reset_self("FIFO with ports past 4096");
    two_level = true;
    check(set_priority(1, 0), -XEN_ENOSYS, "set_priority after reset");
    check(status(DOMID_SELF, high, &st), 0, "status(%u) after reset", high);
    check(st.status, EVTCHNSTAT_closed, "status(%u) state after reset", high);
    check(status(DOMID_SELF, NR_2L_PORTS + FIRST_BUCKET, &st), -XEN_EINVAL,
          "status(%u) after reset", NR_2L_PORTS + FIRST_BUCKET);
    check(port_op(EVTCHNOP_send, high), -XEN_EINVAL, "send(%u) after reset", high);
    check(port_op(EVTCHNOP_close, high), -XEN_EINVAL, "close(%u) after reset", high);
    check(bind_vcpu(high, 0), -XEN_EINVAL, "bind_vcpu(%u) after reset", high);
    check(set_priority(high, 0), -XEN_ENOSYS, "set_priority(%u) after reset", high);
    check(port_op(EVTCHNOP_unmask, high), 0, "unmask(%u) after reset", high);
    check(poll(high, xen_now() + MS), -XEN_EINVAL, "poll(%u) after reset", high);
    sanity("reset from FIFO");
}

void evtchn_tests(void)
{
    evtchn_bad_pointers();
    evtchn_compat();
    evtchn_port_ranges();
    evtchn_bind_virq_abuse();
    evtchn_bind_ipi_vcpu_abuse();
    evtchn_bind_interdomain_abuse();
    evtchn_alloc_unbound_abuse();
    evtchn_unwritable_output();
    evtchn_reset_abuse();
    fifo_abuse();
    fifo_reset_beyond_2l();
}
