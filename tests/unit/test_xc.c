/* SPDX-License-Identifier: GPL-2.0-only */
/* libxenctrl against a fake hypervisor: each call reaches the right hypercall
 * with the 4.17 interface version, every pointer the hypervisor sees lies in
 * a hypercall buffer, results come back, failures are -1 with errno, and no
 * buffer is left behind. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <xenctrl.h>
#include <xen/memory.h>
#include <xen/version.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include "fake_xencall.h"

static xc_interface *xch;
static unsigned int destroy_tries;
static uint64_t last_max_memkb, param_value;

static void *in_buf(uint64_t addr, size_t len)
{
    assert_true(fake_in_buffer(addr, len));
    return (void *)(uintptr_t)addr;
}

static long domctl(struct xen_domctl *op)
{
    switch ( op->cmd )
    {
    case XEN_DOMCTL_createdomain:
        if ( !(op->u.createdomain.flags & XEN_DOMCTL_CDF_hvm) )
            return -EINVAL;
        op->domain = op->domain ? op->domain : 7;
        op->u.createdomain.max_evtchn_port = 1023;
        return 0;
    case XEN_DOMCTL_max_mem:
        last_max_memkb = op->u.max_mem.max_memkb;
        return 0;
    case XEN_DOMCTL_pausedomain:
        return op->domain == 99 ? -ESRCH : 0;
    case XEN_DOMCTL_destroydomain:
        return ++destroy_tries < 3 ? -EAGAIN : 0;
    case XEN_DOMCTL_gethvmcontext:
        if ( !op->u.hvmcontext.buffer.q )
        {
            op->u.hvmcontext.size = 100;
            return 0;
        }
        if ( op->u.hvmcontext.size < 100 )
            return -ENOSPC;
        memset(in_buf(op->u.hvmcontext.buffer.q, op->u.hvmcontext.size), 0xab, 60);
        op->u.hvmcontext.size = 60;
        return 0;
    case XEN_DOMCTL_sethvmcontext:
        return memcmp(in_buf(op->u.hvmcontext.buffer.q, op->u.hvmcontext.size),
                      "stream", 6) ? -EINVAL : 0;
    default:
        return -ENOSYS;
    }
}

static long sysctl(struct xen_sysctl *op)
{
    struct xen_sysctl_getdomaininfolist *l = &op->u.getdomaininfolist;
    xc_domaininfo_t *info;

    switch ( op->cmd )
    {
    case XEN_SYSCTL_physinfo:
        op->u.physinfo.nr_cpus = 4;
        op->u.physinfo.free_pages = 12345;
        return 0;
    case XEN_SYSCTL_getdomaininfolist:
        info = in_buf(l->buffer.q, l->max_domains * sizeof(*info));
        l->num_domains = l->max_domains < 2 ? l->max_domains : 2;
        if ( l->num_domains > 0 )
            info[0].domain = l->first_domain;
        if ( l->num_domains > 1 )
            info[1].domain = l->first_domain + 3;
        return 0;
    default:
        return -ENOSYS;
    }
}

static long memory_op(const uint64_t a[5])
{
    struct xen_memory_reservation *r = in_buf(a[1], sizeof(*r));
    xen_pfn_t *gfns;

    if ( a[0] != XENMEM_populate_physmap )
        return -ENOSYS;
    gfns = in_buf(r->extent_start.q, r->nr_extents * sizeof(*gfns));
    return gfns[0] == 0x100 && r->domid == 7 ? (long)r->nr_extents : 1;
}

static long fake_hypervisor(unsigned int op, const uint64_t a[5])
{
    struct xen_hvm_param *p;

    switch ( op )
    {
    case __HYPERVISOR_domctl:
        assert_int_equal(((struct xen_domctl *)in_buf(a[0], 144))->interface_version,
                         XEN_DOMCTL_INTERFACE_VERSION);
        return domctl(in_buf(a[0], sizeof(struct xen_domctl)));
    case __HYPERVISOR_sysctl:
        assert_int_equal(((struct xen_sysctl *)in_buf(a[0], 136))->interface_version,
                         XEN_SYSCTL_INTERFACE_VERSION);
        return sysctl(in_buf(a[0], sizeof(struct xen_sysctl)));
    case __HYPERVISOR_memory_op:
        return memory_op(a);
    case __HYPERVISOR_hvm_op:
        p = in_buf(a[1], sizeof(*p));
        if ( a[0] == HVMOP_set_param )
            param_value = p->value;
        else
            p->value = param_value;
        return p->index == HVM_PARAM_STORE_PFN ? 0 : -EINVAL;
    case __HYPERVISOR_xen_version:
        if ( a[0] == XENVER_version )
            return 0x40011;
        strcpy(in_buf(a[1], sizeof(xen_extraversion_t)), ".7");
        return 0;
    default:
        return -ENOSYS;
    }
}

static int setup(void **state)
{
    fake_xencall_set_handler(fake_hypervisor);
    destroy_tries = 0;
    xch = xc_interface_open(NULL, NULL, 0);
    return xch ? 0 : -1;
}

static int teardown(void **state)
{
    assert_int_equal(fake_live_buffers, 0);
    return xc_interface_close(xch);
}

static void test_physinfo_version(void **state)
{
    xc_physinfo_t pi;
    xen_extraversion_t extra;

    assert_int_equal(xc_physinfo(xch, &pi), 0);
    assert_int_equal(pi.nr_cpus, 4);
    assert_int_equal(pi.free_pages, 12345);
    assert_int_equal(xc_version(xch, XENVER_version, NULL), 0x40011);
    assert_int_equal(xc_version(xch, XENVER_extraversion, extra), 0);
    assert_string_equal(extra, ".7");
}

static void test_create(void **state)
{
    struct xen_domctl_createdomain c = { .flags = XEN_DOMCTL_CDF_hvm };
    uint32_t id = 0;

    assert_int_equal(xc_domain_create(xch, &id, &c), 0);
    assert_int_equal(id, 7);
    assert_int_equal(c.max_evtchn_port, 1023);      /* copied back */
    id = 12;
    assert_int_equal(xc_domain_create(xch, &id, &c), 0);
    assert_int_equal(id, 12);
    c.flags = 0;
    assert_int_equal(xc_domain_create(xch, &id, &c), -1);
    assert_int_equal(errno, EINVAL);
}

static void test_domain_ops(void **state)
{
    assert_int_equal(xc_domain_setmaxmem(xch, 7, 1024), 0);
    assert_int_equal(last_max_memkb, 1024);
    assert_int_equal(xc_domain_pause(xch, 7), 0);
    assert_int_equal(xc_domain_pause(xch, 99), -1);
    assert_int_equal(errno, ESRCH);
    assert_int_equal(xc_domain_unpause(xch, 7), -1);
    assert_int_equal(errno, ENOSYS);
    assert_int_equal(xc_domain_destroy(xch, 7), 0);
    assert_int_equal(destroy_tries, 3);             /* EAGAIN twice, then done */
}

static void test_getinfolist(void **state)
{
    xc_domaininfo_t info[4];

    memset(info, 0xff, sizeof(info));
    assert_int_equal(xc_domain_getinfolist(xch, 5, 4, info), 2);
    assert_int_equal(info[0].domain, 5);
    assert_int_equal(info[1].domain, 8);
    assert_int_equal(info[2].domain, 0xffff);       /* not written */
    assert_int_equal(xc_domain_getinfolist(xch, 5, 1, info), 1);
}

static void test_populate(void **state)
{
    xen_pfn_t gfns[3] = { 0x100, 0x101, 0x102 };

    assert_int_equal(xc_domain_populate_physmap_exact(xch, 7, 3, 0, 0, gfns), 0);
    gfns[0] = 0x200;
    assert_int_equal(xc_domain_populate_physmap_exact(xch, 7, 3, 0, 0, gfns), -1);
    assert_int_equal(errno, EBUSY);                 /* only one extent done */
}

static void test_hvm_context(void **state)
{
    uint8_t buf[128];
    char stream[] = "stream";

    memset(buf, 0, sizeof(buf));
    assert_int_equal(xc_domain_hvm_getcontext(xch, 7, NULL, 0), 100);
    assert_int_equal(xc_domain_hvm_getcontext(xch, 7, buf, 50), -1);
    assert_int_equal(errno, ENOSPC);
    assert_int_equal(xc_domain_hvm_getcontext(xch, 7, buf, sizeof(buf)), 60);
    assert_int_equal(buf[0], 0xab);
    assert_int_equal(buf[59], 0xab);
    assert_int_equal(buf[60], 0);
    assert_int_equal(xc_domain_hvm_setcontext(xch, 7, (uint8_t *)stream, 6), 0);
    stream[0] = 'x';
    assert_int_equal(xc_domain_hvm_setcontext(xch, 7, (uint8_t *)stream, 6), -1);
    assert_int_equal(errno, EINVAL);
}

static void test_hvm_param(void **state)
{
    uint64_t v = 0;

    assert_int_equal(xc_hvm_param_set(xch, 7, HVM_PARAM_STORE_PFN, 0xfeffc), 0);
    assert_int_equal(xc_hvm_param_get(xch, 7, HVM_PARAM_STORE_PFN, &v), 0);
    assert_int_equal(v, 0xfeffc);
    assert_int_equal(xc_hvm_param_get(xch, 7, 999, &v), -1);
    assert_int_equal(errno, EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_physinfo_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create, setup, teardown),
        cmocka_unit_test_setup_teardown(test_domain_ops, setup, teardown),
        cmocka_unit_test_setup_teardown(test_getinfolist, setup, teardown),
        cmocka_unit_test_setup_teardown(test_populate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hvm_context, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hvm_param, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
