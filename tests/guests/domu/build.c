// SPDX-License-Identifier: GPL-2.0-only
/*
 * The toolstack calls of the domu test, each a thin wrapper that returns
 * what the hypervisor said. The boot context is built as libxenguest
 * builds a PVH guest's: read the header with gethvmcontext, then load
 * HEADER + CPU + END with sethvmcontext.
 */
#include <stdbool.h>

#include "build.h"

long domctl(struct xen_domctl *op)
{
    if ( !op->interface_version )
        op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    return hypercall(__HYPERVISOR_domctl, (unsigned long)op, 0, 0, 0, 0);
}

long domctl_on(uint32_t cmd, uint16_t domid)
{
    struct xen_domctl op = { .cmd = cmd, .domain = domid };

    return domctl(&op);
}

long sysctl(struct xen_sysctl *op)
{
    if ( !op->interface_version )
        op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return hypercall(__HYPERVISOR_sysctl, (unsigned long)op, 0, 0, 0, 0);
}

void pvh_config(struct xen_domctl_createdomain *c)
{
    memset(c, 0, sizeof(*c));
    c->flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap;
    c->max_vcpus = 1;
    c->max_evtchn_port = 1023;
    c->max_grant_frames = -1;
    c->max_maptrack_frames = -1;
    c->grant_opts = 2;
    c->emulation_flags = XEN_X86_EMU_LAPIC;
}

long create_domain(uint16_t want, const struct xen_domctl_createdomain *c, uint16_t *domid)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_createdomain, .domain = want };
    long rc;

    op.u.create = *c;
    rc = domctl(&op);
    if ( !rc )
        *domid = op.domain;
    return rc;
}

long domain_info(uint16_t domid, struct xen_domctl_getdomaininfo *info)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = domid };
    long rc = domctl(&op);

    if ( !rc )
        *info = op.u.info;
    return rc;
}

uint64_t free_pages(void)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_physinfo };
    long rc = sysctl(&op);

    if ( rc )
        test_error("physinfo returned %ld", rc);
    return op.u.physinfo.free_pages;
}

long set_max_mem(uint16_t domid, uint64_t kb)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_max_mem, .domain = domid };

    op.u.max_memkb = kb;
    return domctl(&op);
}

long populate(uint16_t domid, uint64_t first_gfn, unsigned int n)
{
    static uint64_t gfns[64];
    struct xen_memory_reservation r = {
        .extent_start = (uint64_t)gfns, .nr_extents = n, .domid = domid,
    };
    unsigned int i;

    if ( n > ARRAY_SIZE(gfns) )
        test_error("populate: %u frames is too many for this test", n);
    for ( i = 0; i < n; i++ )
        gfns[i] = first_gfn + i;
    return hypercall(__HYPERVISOR_memory_op, XENMEM_populate_physmap, (unsigned long)&r,
                     0, 0, 0);
}

long map_foreign(uint16_t fdomid, const uint64_t *fgfns, const uint64_t *gfns, int *errs,
                 unsigned int n)
{
    struct xen_add_to_physmap_batch b = {
        .domid = DOMID_SELF, .space = XENMAPSPACE_gmfn_foreign, .size = (uint16_t)n,
        .foreign_domid = fdomid, .idxs = (uint64_t)fgfns, .gpfns = (uint64_t)gfns,
        .errs = (uint64_t)errs,
    };

    return hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap_batch,
                     (unsigned long)&b, 0, 0, 0);
}

long unmap_gfn(uint64_t gfn)
{
    struct xen_remove_from_physmap x = { .domid = DOMID_SELF, .gpfn = gfn };

    return hypercall(__HYPERVISOR_memory_op, XENMEM_remove_from_physmap, (unsigned long)&x,
                     0, 0, 0);
}

long load_stream(uint16_t domid, const void *stream, uint32_t size)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_sethvmcontext, .domain = domid };

    op.u.hvmcontext.size = size;
    op.u.hvmcontext.buffer = (uint64_t)stream;
    return domctl(&op);
}

/* The first record of what gethvmcontext returns is the header. */
static long read_header(uint16_t domid, void *hdr_record, size_t len)
{
    static uint8_t buf[16384];
    struct xen_domctl op = { .cmd = XEN_DOMCTL_gethvmcontext, .domain = domid };
    struct hvm_save_descriptor d;
    long rc = domctl(&op);

    if ( rc )
        return rc;
    if ( op.u.hvmcontext.size < len || op.u.hvmcontext.size > sizeof(buf) )
        test_error("gethvmcontext wants %u bytes", op.u.hvmcontext.size);
    op.u.hvmcontext.buffer = (uint64_t)buf;
    if ( (rc = domctl(&op)) )
        return rc;
    memcpy(&d, buf, sizeof(d));
    if ( d.typecode != HVM_SAVE_CODE_HEADER || d.length != sizeof(struct hvm_save_header) )
        test_fail("gethvmcontext: first record type %u length %u, not the header",
                  d.typecode, d.length);
    memcpy(hdr_record, buf, len);
    return 0;
}

struct boot_stream {
    struct hvm_save_descriptor hdr_d;
    struct hvm_save_header hdr;
    struct hvm_save_descriptor cpu_d;
    struct hvm_hw_cpu cpu;
    struct hvm_save_descriptor end_d;
};
_Static_assert(sizeof(struct boot_stream) == 8 + 24 + 8 + 1032 + 8, "no padding");

long load_boot_context(uint16_t domid, uint16_t vcpu, uint32_t rip,
                       void (*tweak)(struct hvm_hw_cpu *))
{
    static struct boot_stream s;
    long rc;

    memset(&s, 0, sizeof(s));
    if ( (rc = read_header(domid, &s, sizeof(s.hdr_d) + sizeof(s.hdr))) )
        return rc;
    if ( s.hdr.magic != HVM_FILE_MAGIC )
        test_fail("gethvmcontext header magic %#x", s.hdr.magic);
    s.cpu_d = (struct hvm_save_descriptor){ HVM_SAVE_CODE_CPU, vcpu, sizeof(s.cpu) };
    s.cpu.cs_limit = s.cpu.ds_limit = s.cpu.es_limit = s.cpu.ss_limit = ~0u;
    s.cpu.cs_arbytes = 0xc9b;
    s.cpu.ds_arbytes = s.cpu.es_arbytes = s.cpu.ss_arbytes = 0xc93;
    s.cpu.tr_limit = 0x67;
    s.cpu.tr_arbytes = 0x8b;
    s.cpu.cr0 = 0x11;                   /* PE | ET */
    s.cpu.rip = rip;
    s.cpu.rflags = 0x2;
    s.cpu.dr6 = 0xffff0ff0;
    s.cpu.dr7 = 0x400;
    if ( tweak )
        tweak(&s.cpu);
    s.end_d = (struct hvm_save_descriptor){ HVM_SAVE_CODE_END, 0, 0 };
    return load_stream(domid, &s, sizeof(s));
}

long hvm_param(bool set, uint16_t domid, uint32_t index, uint64_t *value)
{
    struct xen_hvm_param p = { .domid = domid, .index = index, .value = *value };
    long rc = hypercall(__HYPERVISOR_hvm_op, set ? HVMOP_set_param : HVMOP_get_param,
                        (unsigned long)&p, 0, 0, 0);

    if ( !rc )
        *value = p.value;
    return rc;
}

long bind_virq(uint32_t virq, uint32_t *port)
{
    struct { uint32_t virq, vcpu, port; } b = { virq, 0, 0 };
    long rc = hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_virq,
                        (unsigned long)&b, 0, 0, 0);

    *port = b.port;
    return rc;
}

long close_port(uint32_t port)
{
    uint32_t p = port;

    return hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_close, (unsigned long)&p,
                     0, 0, 0);
}

static uint64_t now_ns(void)
{
    uint64_t t = 0;

    if ( hypercall(__HYPERVISOR_hvm_op, HVMOP_get_time, (unsigned long)&t, 0, 0, 0) )
        test_error("HVMOP_get_time failed");
    return t;
}

long poll_port(uint32_t port, unsigned int ms)
{
    struct { uint64_t ports; uint32_t nr_ports; uint64_t timeout; } p = {
        (uint64_t)&port, 1, now_ns() + ms * 1000000ull,
    };

    return hypercall_sched_op(SCHEDOP_poll, &p);
}
