/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tests of vPCI's MSI emulation and of the mode switch and records
 * (hvm/vpci.c, vpci_msi.c) against the fake functions of vpci_fake.c. */
#include <xen/errno.h>
#include <xen/lib.h>
#include "host_env.h"
#include "vpci_fake.h"

#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

/* MSI at pos given dom0's message and enabled; the log cleared after. */
static void msi_on(uint32_t sbdf, unsigned int pos, bool is64)
{
    cw(sbdf, pos + 4, 4, 0xfee01000);
    if ( is64 )
        cw(sbdf, pos + 8, 4, 0);
    cw(sbdf, pos + (is64 ? 12 : 8), 2, 0x4041);
    cw(sbdf, pos + 2, 2, 0x0001);
    assert_int_equal(cr(sbdf, pos + 2, 1) & 1, 1);
    clear_log();
}

static void test_mode_switch(void **state)
{
    static const struct vpci_ops partial = {
        .read = fake_read, .write = fake_write,
    };
    struct vpci w;

    vpci_init(&w, &partial, f);
    assert_true(w.hide_msi);
    assert_int_equal(vpci_add_device(&w, DEV_M), -EINVAL);
    assert_int_equal(vpci_set_hide_msi(&w, false), -EINVAL);
    assert_true(w.hide_msi);

    assert_int_equal(vpci_add_device(&v, DEV_M), 0);
    assert_int_equal(vpci_add_device(&v, DEV_M), 0);
    assert_int_equal(count(EV_MOVED), 1);
    assert_int_equal(ev(0)->sbdf, DEV_M);
    assert_int_equal(vpci_set_hide_msi(&v, true), -EBUSY);
    assert_false(v.hide_msi);
    assert_int_equal(vpci_add_device(&v, DEV_P), -ENODEV);
    assert_int_equal(vpci_add_device(&v, VPCI_SBDF(0, 9, 0, 0)), -ENODEV);
    assert_int_equal(vpci_add_device(&v, DEV_DUP), -ENODEV);
    assert_int_equal(count(EV_CFG), 0);
}

/* The list is shown whole; control registers are the emulated ones. */
static void test_caps_visible(void **state)
{
    assert_int_equal(cr(DEV_M, 0x34, 1), 0x40);
    assert_int_equal(cr(DEV_M, 0x41, 1), M_MSI);
    assert_int_equal(cr(DEV_M, 0x06, 2), 0x0010);
    /* MSI: Multiple Message Capable reads 0 though the device has 4. */
    assert_int_equal(cr(DEV_M, M_MSI, 4), 0x01807005);
    assert_int_equal(cr(DEV_M, M_MSI + 1, 1), M_MSIX);
    assert_int_equal(cr(DEV_M, M_MSI + 3, 1), 0x01);
    assert_int_equal(cr(DEV_M, M_MSI + 0x10, 4), 0);
    assert_int_equal(cr(DEV_M, M_MSI + 0x14, 4), 1);     /* bit 0 only */
    assert_int_equal(cr(DEV_M, M_MSIX, 4), 0x00070011);
    assert_int_equal(cr(DEV_M, M_MSIX + 4, 4), 0x2002);
    assert_int_equal(cr(DEV_M, M_MSIX + 9, 2), 0x0030);

    assert_int_equal(cr(DEV_N, N_MSI + 2, 2), 0x0000);
    assert_int_equal(cr(DEV_N, N_MSI + 12, 4), 0xa5a5a5a5); /* not MSI */
    assert_int_equal(count(EV_CFG), 0);
    assert_int_equal(count(EV_MOVED), 2);
}

static void test_neighbours_pass(void **state)
{
    cw(DEV_M, 0x44, 4, 0x00008103);
    assert_int_equal(cfg(DEV_M, 0x44, 4), 0x00008103);
    cw(DEV_N, N_MSI + 12, 4, 0x01020304);
    assert_int_equal(cfg(DEV_N, N_MSI + 12, 4), 0x01020304);
    clear_log();

    /* ID and next pointer are read-only; so are the offset/BIR dwords. */
    cw(DEV_M, M_MSI, 2, 0x0000);
    cw(DEV_M, M_MSIX, 1, 0x00);
    cw(DEV_M, M_MSIX + 4, 4, 0x12345678);
    cw(DEV_M, M_MSIX + 8, 2, 0x5678);
    assert_int_equal(f->nr, 0);
    assert_int_equal(cr(DEV_M, M_MSIX + 4, 4), 0x2002);
}

/* The theory of operation's example. */
static void test_msi_enable_binds(void **state)
{
    int bind, addr, data, ctrl;

    cr(DEV_M, 0x34, 1);
    clear_log();
    cw(DEV_M, M_MSI + 4, 4, 0xfee01003);    /* bits 1:0 are reserved */
    cw(DEV_M, M_MSI + 8, 4, 0);
    cw(DEV_M, M_MSI + 12, 2, 0x4041);
    cw(DEV_M, M_MSI + 14, 2, 0xffff);       /* extended data: not offered */
    assert_int_equal(f->nr, 0);
    assert_int_equal(cr(DEV_M, M_MSI + 4, 4), 0xfee01000);
    assert_int_equal(cr(DEV_M, M_MSI + 12, 4), 0x4041);

    cw(DEV_M, M_MSI + 2, 1, 0x71);          /* enable, 128 vectors asked */
    assert_int_equal(count(EV_BIND), 1);
    bind = find_ev(EV_BIND, 0);
    assert_int_equal(ev(bind)->sbdf, DEV_M);
    assert_int_equal(ev(bind)->val, 0xfee01000);
    assert_int_equal(ev(bind)->data, 0x4041);
    assert_false(ev(bind)->masked);

    assert_int_equal(cfg(DEV_M, M_MSI + 4, 4), 0xfee00000);
    assert_int_equal(cfg(DEV_M, M_MSI + 8, 4), 0);
    assert_int_equal(cfg(DEV_M, M_MSI + 12, 2), 0x0031);
    assert_int_equal(cfg(DEV_M, M_MSI + 2, 2), 0x0001);
    addr = find_ev(EV_CFG, M_MSI + 4);
    data = find_ev(EV_CFG, M_MSI + 12);
    ctrl = find_ev(EV_CFG, M_MSI + 2);
    assert_true(bind < addr && addr < ctrl && data < ctrl);
    assert_int_equal(cr(DEV_M, M_MSI + 2, 2), 0x0181);
    assert_int_equal(cr(DEV_M, M_MSI + 4, 4), 0xfee01000);
}

static void test_msi_rebind(void **state)
{
    int mask_on, mask_off, data;

    msi_on(DEV_M, M_MSI, true);
    cw(DEV_M, M_MSI + 12, 2, 0x4041);       /* unchanged */
    assert_int_equal(f->nr, 0);

    cw(DEV_M, M_MSI + 12, 2, 0x4042);
    assert_int_equal(count(EV_BIND), 1);
    assert_int_equal(ev(0)->data, 0x4042);
    assert_int_equal(count(EV_CFG), 0);     /* same host message */

    /* A new host message goes in with the vector masked meanwhile. */
    clear_log();
    f->host.data = 0x0032;
    cw(DEV_M, M_MSI + 4, 4, 0xfee02000);
    assert_int_equal(count(EV_BIND), 1);
    assert_int_equal(ev(0)->val, 0xfee02000);
    assert_int_equal(cfg(DEV_M, M_MSI + 12, 2), 0x0032);
    mask_on = find_ev(EV_CFG, M_MSI + 0x10);
    data = find_ev(EV_CFG, M_MSI + 12);
    assert_int_equal(ev(mask_on)->val, 1);
    mask_off = f->nr - 1;
    assert_int_equal(ev(mask_off)->where, M_MSI + 0x10);
    assert_int_equal(ev(mask_off)->val, 0);
    assert_true(mask_on < data && data < mask_off);
    assert_int_equal(find_ev(EV_CFG, M_MSI + 2), -1);

    /* Without masking, MSI is turned off around the rewrite. */
    msi_on(DEV_N, N_MSI, false);
    f->host.data = 0x0033;
    cw(DEV_N, N_MSI + 8, 2, 0x4044);
    assert_int_equal(count(EV_CFG), 4);
    assert_int_equal(ev(1)->where, N_MSI + 2);
    assert_int_equal(ev(1)->val, 0);
    assert_int_equal(ev(3)->where, N_MSI + 8);
    assert_int_equal(ev(4)->where, N_MSI + 2);
    assert_int_equal(ev(4)->val, 1);
    assert_int_equal(cfg(DEV_N, N_MSI + 8, 2), 0x0033);
}

static void test_msi_disable(void **state)
{
    msi_on(DEV_M, M_MSI, true);
    cw(DEV_M, M_MSI, 4, 0x00007005);        /* whole dword, enable clear */
    assert_int_equal(f->nr, 2);
    assert_int_equal(ev(0)->kind, EV_CFG);
    assert_int_equal(ev(0)->where, M_MSI + 2);
    assert_int_equal(ev(0)->val, 0);
    assert_int_equal(ev(1)->kind, EV_UNBIND);
    assert_int_equal(ev(1)->sbdf, DEV_M);
    assert_int_equal(cr(DEV_M, M_MSI + 2, 2), 0x0180);

    clear_log();
    cw(DEV_M, M_MSI + 2, 2, 0);
    assert_int_equal(f->nr, 0);
}

static void test_msi_bind_fails(void **state)
{
    cr(DEV_M, 0x34, 1);
    clear_log();
    f->bind_rc = -ENOSPC;
    cw(DEV_M, M_MSI + 2, 2, 1);
    assert_int_equal(count(EV_BIND), 1);
    assert_int_equal(count(EV_CFG), 0);
    assert_int_equal(cr(DEV_M, M_MSI + 2, 2), 0x0180);

    f->bind_rc = 0;
    msi_on(DEV_M, M_MSI, true);

    /* A failed rebind silences the device; dom0 still sees it enabled. */
    f->bind_rc = -ENOSPC;
    cw(DEV_M, M_MSI + 12, 2, 0x4045);
    assert_int_equal(cfg(DEV_M, M_MSI + 2, 2), 0);
    assert_int_equal(cr(DEV_M, M_MSI + 2, 2), 0x0181);
    clear_log();
    cw(DEV_M, M_MSI + 2, 2, 0);
    assert_int_equal(f->nr, 0);             /* nothing bound to undo */
}

static void test_msi_32bit(void **state)
{
    msi_on(DEV_N, N_MSI, false);
    assert_int_equal(cfg(DEV_N, N_MSI + 4, 4), 0xfee00000);
    assert_int_equal(cfg(DEV_N, N_MSI + 8, 2), 0x0031);
    assert_int_equal(cr(DEV_N, N_MSI + 8, 4), 0x4041);
    cw(DEV_N, N_MSI + 2, 2, 0);

    /* A host address the device cannot send is refused and undone. */
    clear_log();
    f->host.addr = 0x1fee00000ull;
    cw(DEV_N, N_MSI + 2, 2, 1);
    assert_int_equal(count(EV_BIND), 1);
    assert_int_equal(count(EV_UNBIND), 1);
    assert_int_equal(count(EV_CFG), 0);
    assert_int_equal(cr(DEV_N, N_MSI + 2, 2), 0);
}

static void test_msi_mask_pending(void **state)
{
    cw(DEV_M, M_MSI + 0x10, 4, 0xffffffff);
    assert_int_equal(cr(DEV_M, M_MSI + 0x10, 4), 1);
    assert_int_equal(cfg(DEV_M, M_MSI + 0x10, 4), 1);
    clear_log();
    cw(DEV_M, M_MSI + 0x10, 1, 0x01);
    cw(DEV_M, M_MSI + 0x14, 4, 0);          /* pending is read-only */
    assert_int_equal(f->nr, 0);
    assert_int_equal(cr(DEV_M, M_MSI + 0x14, 4), 1);

    cw(DEV_M, M_MSI + 2, 2, 1);
    assert_true(ev(find_ev(EV_BIND, 0))->masked);
    clear_log();
    cw(DEV_M, M_MSI + 0x10, 4, 0);
    assert_int_equal(f->nr, 1);
    assert_int_equal(cfg(DEV_M, M_MSI + 0x10, 4), 0);
}

/* Every logged write to DEV_M's address or data holds host's bytes. */
static void assert_only_host(const uint8_t *host)
{
    unsigned int k;

    for ( k = 0; k < f->nr; k++ )
    {
        const struct event *e = &f->log[k];

        if ( e->kind != EV_CFG || e->where < M_MSI + 4 ||
             e->where >= M_MSI + 16 )
            continue;
        assert_int_equal(e->val, get(&host[e->where - (M_MSI + 4)], e->size));
    }
}

/* dom0's bytes, at any width and offset, never reach address or data. */
static void test_msi_never_physical(void **state)
{
    static const unsigned int sizes[] = { 1, 2, 4 };
    uint8_t host[12] = { 0 };
    unsigned int reg, s, i;

    f->host = (struct vpci_msg){ .addr = 0x00000001fee0f000ull,
                                 .data = 0x0077 };
    put(&host[0], 8, f->host.addr);
    put(&host[8], 2, f->host.data);
    for ( i = 0; i < 3; i++ )
        for ( reg = M_MSI; reg < M_MSI + 24; reg++ )
            for ( s = 0; s < 3; s++ )
            {
                if ( (reg & 3) + sizes[s] > 4 )
                    continue;
                clear_log();
                cw(DEV_M, reg, sizes[s], 0xdeadbeef ^ (reg * 0x01010101u) ^ i);
                assert_only_host(host);
            }
    /* The loop did enable MSI, so the host message went in. */
    assert_int_equal(cfg(DEV_M, M_MSI + 4, 4), 0xfee0f000);
    assert_int_equal(cfg(DEV_M, M_MSI + 8, 4), 1);
}

static void test_firmware_quieted(void **state)
{
    assert_int_equal(cr(DEV_FW, 0x34, 1), 0x40);
    assert_int_equal(count(EV_CFG), 2);
    assert_int_equal(cfg(DEV_FW, 0x42, 2), 0);
    assert_int_equal(cfg(DEV_FW, 0x62, 2), 0);
    assert_int_equal(cr(DEV_FW, 0x42, 2), 0x0100);
    assert_int_equal(cr(DEV_FW, 0x4c, 4), 1);   /* the device's mask bit */
    assert_int_equal(cr(DEV_FW, 0x62, 2), 0x0000);
}

static void test_dup_hidden(void **state)
{
    assert_int_equal(cr(DEV_DUP, 0x34, 1), 0);
    assert_int_equal(cr(DEV_DUP, 0x06, 1), 0x00);
    assert_int_equal(cr(DEV_DUP, 0x40, 4), 0);
    cw(DEV_DUP, 0x42, 2, 1);
    assert_int_equal(f->nr, 0);
}

static void test_alloc_failure(void **state)
{
    unsigned int n;

    for ( n = 0; n < 2; n++ )
    {
        unit_xmalloc_fail_after(n);         /* the record, then the table */
        assert_int_equal(cr(DEV_M, 0x34, 1), 0x40);
        assert_int_equal(cr(DEV_M, 0x41, 1), 0);
        assert_int_equal(cr(DEV_M, M_MSI, 4), 0);
        cw(DEV_M, M_MSI + 2, 2, 1);
        cw(DEV_M, M_MSIX + 2, 2, 0x8000);
        assert_int_equal(f->nr, 0);
        assert_false(vpci_msix_covers(&v, M_TABLE));
        assert_int_equal(vpci_add_device(&v, DEV_M), -ENOMEM);
    }

    unit_xmalloc_fail_after(-1);
    assert_int_equal(cr(DEV_M, 0x41, 1), M_MSI);
    assert_true(vpci_msix_covers(&v, M_TABLE));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    static const struct CMUnitTest tests[] = {
        T(test_mode_switch),
        T(test_caps_visible),
        T(test_neighbours_pass),
        T(test_msi_enable_binds),
        T(test_msi_rebind),
        T(test_msi_disable),
        T(test_msi_bind_fails),
        T(test_msi_32bit),
        T(test_msi_mask_pending),
        T(test_msi_never_physical),
        T(test_firmware_quieted),
        T(test_dup_hidden),
        T(test_alloc_failure),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
