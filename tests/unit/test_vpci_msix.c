/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tests of vPCI's MSI-X emulation (hvm/vpci_msix.c): the capability,
 * the table in a BAR, the PBA, against the fake functions of vpci_fake.c. */
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

static void entry_set(uint64_t table, unsigned int i, uint64_t addr,
                      uint32_t data)
{
    tw(table + i * 16, 8, addr);
    tw(table + i * 16 + 8, 4, data);
}

static void entry_mask(uint64_t table, unsigned int i, bool masked)
{
    tw(table + i * 16 + 12, 4, masked);
}

static uint32_t phys_entry(uint64_t table, unsigned int i, unsigned int off)
{
    return fake_mmio_read(NULL, table + i * 16 + off, 4);
}

static void test_msix_roundtrip(void **state)
{
    assert_int_equal(vpci_add_device(&v, DEV_M), 0);
    clear_log();
    tw(M_TABLE + 0x10, 4, 0xfee02000);
    tw(M_TABLE + 0x14, 4, 0x00000001);
    tw(M_TABLE + 0x18, 4, 0x00004055);
    assert_int_equal(tr(M_TABLE + 0x10, 4), 0xfee02000);
    assert_int_equal(tr(M_TABLE + 0x14, 4), 1);
    assert_int_equal(tr(M_TABLE + 0x18, 4), 0x4055);
    assert_int_equal(tr(M_TABLE + 0x1c, 4), 1);     /* masked at reset */
    assert_int_equal(tr(M_TABLE + 0x10, 8), 0x1fee02000ull);

    tw(M_TABLE + 0x20, 8, 0x00000002fee03000ull);
    tw(M_TABLE + 0x28, 8, (1ull << 32) | 0x77);
    assert_int_equal(tr(M_TABLE + 0x20, 8), 0x00000002fee03000ull);
    assert_int_equal(tr(M_TABLE + 0x28, 8), (1ull << 32) | 0x77);

    assert_int_equal(count(EV_MMIO), 0);

    /* Unmasked with MSI-X off: nothing bound, the device's entry masked
     * (firmware's state is unknown); bits 31:1 read 0. */
    tw(M_TABLE + 0x2c, 4, 0xfffffffe);
    assert_int_equal(tr(M_TABLE + 0x2c, 4), 0);
    assert_int_equal(tr(M_TABLE + 0x28, 8), 0x77);
    assert_int_equal(count(EV_XBIND), 0);
    assert_int_equal(count(EV_MMIO), 1);
    assert_int_equal(phys_entry(M_TABLE, 2, 12), 1);
    assert_int_equal(phys_entry(M_TABLE, 2, 8), 0);
}

/* Linux's order: enable with the function masked, fill, unmask. */
static void test_msix_bind_on_unmask(void **state)
{
    int bind, lo, unmask, ctrl;

    assert_int_equal(vpci_add_device(&v, DEV_M), 0);
    entry_set(M_TABLE, 1, 0xfee02000, 0x4055);
    clear_log();
    cw(DEV_M, M_MSIX + 2, 2, 0xc000);
    assert_int_equal(cfg(DEV_M, M_MSIX + 2, 2), 0xc000);
    assert_int_equal(ev(0)->kind, EV_CFG);
    assert_int_equal(count(EV_MMIO), 8);            /* each entry masked */
    assert_int_equal(phys_entry(M_TABLE, 5, 12), 1);
    assert_int_equal(count(EV_XBIND), 0);

    entry_mask(M_TABLE, 1, false);
    assert_int_equal(count(EV_XBIND), 0);

    clear_log();
    cw(DEV_M, M_MSIX + 3, 1, 0x80);
    assert_int_equal(count(EV_XBIND), 1);
    bind = find_ev(EV_XBIND, 1);
    assert_int_equal(ev(bind)->sbdf, DEV_M);
    assert_int_equal(ev(bind)->val, 0xfee02000);
    assert_int_equal(ev(bind)->data, 0x4055);
    assert_false(ev(bind)->masked);
    assert_int_equal(phys_entry(M_TABLE, 1, 0), 0xfee00000);
    assert_int_equal(phys_entry(M_TABLE, 1, 4), 0);
    assert_int_equal(phys_entry(M_TABLE, 1, 8), 0x31);
    assert_int_equal(phys_entry(M_TABLE, 1, 12), 0);
    lo = find_ev(EV_MMIO, M_TABLE + 0x10);
    unmask = find_ev(EV_MMIO, M_TABLE + 0x1c);
    ctrl = find_ev(EV_CFG, M_MSIX + 2);
    assert_true(bind < lo && lo < unmask && unmask < ctrl);
    assert_int_equal(count(EV_MMIO), 4);
    assert_int_equal(cr(DEV_M, M_MSIX + 2, 2), 0x8007);
    assert_int_equal(cfg(DEV_M, M_MSIX + 2, 2), 0x8000);

    /* Live at once now: unmasking binds. */
    clear_log();
    entry_mask(M_TABLE, 3, false);
    assert_int_equal(count(EV_XBIND), 1);
    assert_int_equal(phys_entry(M_TABLE, 3, 12), 0);
}

static void msix_two_bound(void)
{
    assert_int_equal(vpci_add_device(&v, DEV_M), 0);
    cw(DEV_M, M_MSIX + 2, 2, 0x8000);
    entry_set(M_TABLE, 1, 0xfee02000, 0x4055);
    entry_mask(M_TABLE, 1, false);
    entry_mask(M_TABLE, 3, false);
    assert_int_equal(count(EV_XBIND), 2);
    clear_log();
}

static void test_msix_function_mask(void **state)
{
    int mask;

    msix_two_bound();
    cw(DEV_M, M_MSIX + 2, 2, 0xc000);
    assert_int_equal(f->nr, 1);                     /* control only */
    assert_int_equal(cfg(DEV_M, M_MSIX + 2, 2), 0xc000);

    /* Changed under the function mask: bound again when it lifts. */
    clear_log();
    tw(M_TABLE + 0x18, 4, 0x4056);
    assert_int_equal(f->nr, 0);
    cw(DEV_M, M_MSIX + 2, 2, 0x8000);
    assert_int_equal(count(EV_XBIND), 1);
    assert_int_equal(ev(find_ev(EV_XBIND, 1))->data, 0x4056);
    assert_int_equal(ev(f->nr - 1)->kind, EV_CFG);
    /* It was live in the device: masked there while rewritten. */
    mask = find_ev(EV_MMIO, M_TABLE + 0x1c);
    assert_int_equal(ev(mask)->val, 1);
    assert_true(mask < find_ev(EV_MMIO, M_TABLE + 0x18));
    assert_int_equal(phys_entry(M_TABLE, 1, 12), 0);

    /* Entry mask keeps the binding; a change waits for the unmask. */
    clear_log();
    entry_mask(M_TABLE, 1, true);
    assert_int_equal(f->nr, 1);
    assert_int_equal(phys_entry(M_TABLE, 1, 12), 1);
    entry_mask(M_TABLE, 1, false);
    assert_int_equal(count(EV_XBIND), 0);
    assert_int_equal(phys_entry(M_TABLE, 1, 12), 0);
    tw(M_TABLE + 0x10, 4, 0xfee04000);              /* while live */
    assert_int_equal(count(EV_XBIND), 0);
    entry_mask(M_TABLE, 1, true);
    entry_mask(M_TABLE, 1, false);
    assert_int_equal(count(EV_XBIND), 1);
    assert_int_equal(ev(find_ev(EV_XBIND, 1))->val, 0xfee04000);
}

static void test_msix_disable(void **state)
{
    int ctrl;

    msix_two_bound();
    cw(DEV_M, M_MSIX + 2, 2, 0x0000);
    ctrl = find_ev(EV_CFG, M_MSIX + 2);
    assert_int_equal(ctrl, 0);
    assert_int_equal(count(EV_XUNBIND), 2);
    assert_true(find_ev(EV_MMIO, M_TABLE + 0x1c) < find_ev(EV_XUNBIND, 1));
    assert_int_equal(phys_entry(M_TABLE, 1, 12), 1);
    assert_int_equal(phys_entry(M_TABLE, 3, 12), 1);
    assert_int_equal(tr(M_TABLE + 0x1c, 4), 0);     /* dom0's view stays */

    clear_log();
    cw(DEV_M, M_MSIX + 2, 2, 0x8000);
    assert_int_equal(count(EV_XBIND), 2);
    assert_int_equal(phys_entry(M_TABLE, 3, 12), 0);
}

static void test_msix_bind_fails(void **state)
{
    assert_int_equal(vpci_add_device(&v, DEV_M), 0);
    cw(DEV_M, M_MSIX + 2, 2, 0x8000);
    clear_log();
    f->bind_rc = -ENOSPC;
    entry_mask(M_TABLE, 0, false);
    assert_int_equal(count(EV_XBIND), 1);
    assert_int_equal(count(EV_MMIO), 0);            /* masked already */
    assert_int_equal(phys_entry(M_TABLE, 0, 12), 1);

    /* Unbound, so disabling has nothing to undo. */
    cw(DEV_M, M_MSIX + 2, 2, 0);
    assert_int_equal(count(EV_XUNBIND), 0);
}

static void test_msix_past_table(void **state)
{
    uint64_t val = 0x1234;

    assert_int_equal(vpci_add_device(&v, DEV_M), 0);
    assert_int_equal(vpci_add_device(&v, DEV_N), 0);
    assert_true(vpci_msix_covers(&v, M_TABLE));
    assert_true(vpci_msix_covers(&v, M_TABLE + 0x7c));
    assert_false(vpci_msix_covers(&v, M_TABLE + 0x80));
    assert_false(vpci_msix_covers(&v, M_TABLE - 4));
    assert_false(vpci_msix_read(&v, M_TABLE + 0x80, 4, &val));
    assert_false(vpci_msix_write(&v, M_TABLE + 0x80, 4, 0));
    assert_int_equal(val, 0x1234);
    assert_true(vpci_msix_covers(&v, N_TABLE + 0x3c));
    assert_false(vpci_msix_covers(&v, N_TABLE + 0x40));

    /* The PBA: one qword for 8 entries, read from the device. */
    assert_true(vpci_msix_covers(&v, M_PBA + 4));
    assert_false(vpci_msix_covers(&v, M_PBA + 8));
    assert_int_equal(tr(M_PBA, 4), 5);
    assert_int_equal(tr(M_PBA, 8), 5);
    assert_int_equal(tr(M_PBA, 2), 0xffff);
    clear_log();
    tw(M_PBA, 4, 0);
    tw(N_PBA, 8, 0);
    assert_int_equal(f->nr, 0);
    assert_int_equal(tr(M_PBA, 4), 5);
}

static void test_msix_bar_decode(void **state)
{
    uint64_t gpa, len;

    assert_int_equal(vpci_msix_region(&v, DEV_M, VPCI_MSIX_TABLE, &gpa, &len),
                     -ENOENT);
    assert_int_equal(vpci_add_device(&v, DEV_M), 0);
    assert_int_equal(vpci_msix_region(&v, DEV_M, VPCI_MSIX_TABLE, &gpa, &len),
                     0);
    assert_int_equal(gpa, M_TABLE);
    assert_int_equal(len, 0x80);
    assert_int_equal(vpci_msix_region(&v, DEV_M, VPCI_MSIX_PBA, &gpa, &len),
                     0);
    assert_int_equal(gpa, M_PBA);
    assert_int_equal(len, 8);
    assert_int_equal(vpci_msix_region(&v, DEV_M, 2, &gpa, &len), -ENOENT);

    /* dom0 moves the 64-bit BAR: reported, and the table follows. */
    clear_log();
    cw(DEV_M, 0x1c, 4, 0x2);
    assert_int_equal(count(EV_MOVED), 1);
    assert_int_equal(vpci_msix_region(&v, DEV_M, VPCI_MSIX_TABLE, &gpa, &len),
                     0);
    assert_int_equal(gpa, M_TABLE + 0x100000000ull);
    assert_false(vpci_msix_covers(&v, M_TABLE));
    cw(DEV_M, 0x1c, 4, 0x1);

    /* Memory decoding off: nothing to reach. */
    clear_log();
    cw(DEV_M, 0x04, 2, 0x0004);
    assert_int_equal(count(EV_MOVED), 1);
    assert_int_equal(vpci_msix_region(&v, DEV_M, VPCI_MSIX_TABLE, &gpa, &len),
                     -ENODEV);
    assert_false(vpci_msix_covers(&v, M_TABLE));
    cw(DEV_M, 0x04, 2, 0x0006);
    assert_true(vpci_msix_covers(&v, M_TABLE));
    clear_log();
    cw(DEV_M, 0x2c, 2, 0x1234);                     /* not a BAR */
    assert_int_equal(count(EV_MOVED), 0);
}

static void test_msix_bad_bars(void **state)
{
    struct fdev *n = find_dev(DEV_N);
    uint64_t gpa, len;

    /* Bridges have two BARs; a table in "BAR 2" is nowhere. */
    assert_int_equal(vpci_add_device(&v, DEV_BR), 0);
    assert_int_equal(vpci_msix_region(&v, DEV_BR, VPCI_MSIX_TABLE, &gpa,
                                      &len), -ENODEV);
    assert_int_equal(vpci_msix_region(&v, DEV_BR, VPCI_MSIX_PBA, &gpa, &len),
                     0);
    assert_int_equal(gpa, 0xfd200100);

    /* Below-1M type, I/O, unassigned, and 64-bit in the last slot. */
    assert_int_equal(vpci_add_device(&v, DEV_N), 0);
    put(&n->cfg[0x10], 4, 0xfd100002);
    assert_false(vpci_msix_covers(&v, N_TABLE));
    put(&n->cfg[0x10], 4, 0xfd100001);
    assert_false(vpci_msix_covers(&v, N_TABLE));
    put(&n->cfg[0x10], 4, 0x00000000);
    assert_false(vpci_msix_covers(&v, 0));
    assert_int_equal(vpci_msix_region(&v, DEV_N, VPCI_MSIX_TABLE, &gpa, &len),
                     -ENODEV);

    vpci_free_devices(&v);
    put(&n->cfg[N_MSIX + 4], 4, 5);
    put(&n->cfg[0x24], 4, 0xfd30000c);
    assert_int_equal(vpci_add_device(&v, DEV_N), 0);
    assert_int_equal(vpci_msix_region(&v, DEV_N, VPCI_MSIX_TABLE, &gpa, &len),
                     -ENODEV);
    put(&n->cfg[0x24], 4, 0xfd300000);
    assert_int_equal(vpci_msix_region(&v, DEV_N, VPCI_MSIX_TABLE, &gpa, &len),
                     0);
    assert_int_equal(gpa, 0xfd300000);
}

static void test_msix_bad_access(void **state)
{
    static const struct { unsigned int off, size; } bad[] = {
        { 0, 1 }, { 0, 2 }, { 0, 3 }, { 0, 16 }, { 2, 4 }, { 4, 8 },
        { 12, 1 }, { 14, 2 }, { 12, 2 }, { 9, 4 }, { 0, 0 },
    };
    unsigned int i;

    assert_int_equal(vpci_add_device(&v, DEV_M), 0);
    cw(DEV_M, M_MSIX + 2, 2, 0x8000);
    entry_set(M_TABLE, 0, 0xfee02000, 0x4055);
    clear_log();
    for ( i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        unsigned int size = bad[i].size;
        uint64_t want = size >= 8 ? ~0ull : (1ull << (size * 8)) - 1;

        assert_int_equal(tr(M_TABLE + bad[i].off, size), want);
        tw(M_TABLE + bad[i].off, size, 0);
    }
    assert_int_equal(f->nr, 0);
    assert_int_equal(tr(M_TABLE, 8), 0xfee02000);
    assert_int_equal(tr(M_TABLE + 8, 8), (1ull << 32) | 0x4055);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    static const struct CMUnitTest tests[] = {
        T(test_msix_roundtrip),
        T(test_msix_bind_on_unmask),
        T(test_msix_function_mask),
        T(test_msix_disable),
        T(test_msix_bind_fails),
        T(test_msix_past_table),
        T(test_msix_bar_decode),
        T(test_msix_bad_bars),
        T(test_msix_bad_access),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
