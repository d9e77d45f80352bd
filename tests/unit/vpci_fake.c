/* SPDX-License-Identifier: GPL-2.0-only */
/* Fake PCI functions for the vPCI MSI/MSI-X tests: configuration space,
 * MSI-X tables in MMIO, bind ops that log, and a log of it all in order. */
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

struct fake *f;
struct vpci v;

struct fdev *find_dev(uint32_t sbdf)
{
    unsigned int i;

    for ( i = 0; i < NR_DEVS; i++ )
        if ( f->dev[i].sbdf == sbdf )
            return &f->dev[i];

    return NULL;
}

static struct event *log_ev(enum ev_kind kind, uint32_t sbdf, uint64_t where)
{
    struct event *e;

    assert_true(f->nr < LOG_MAX);
    e = &f->log[f->nr++];
    memset(e, 0, sizeof(*e));
    e->kind = kind;
    e->sbdf = sbdf;
    e->where = where;
    return e;
}

uint32_t get(const uint8_t *p, unsigned int size)
{
    uint32_t val = 0;
    unsigned int i;

    for ( i = 0; i < size; i++ )
        val |= (uint32_t)p[i] << (i * 8);
    return val;
}

void put(uint8_t *p, unsigned int size, uint64_t val)
{
    unsigned int i;

    for ( i = 0; i < size; i++ )
        p[i] = val >> (i * 8);
}

uint32_t fake_read(void *ctx, uint32_t sbdf, unsigned int reg,
                          unsigned int size)
{
    struct fdev *d = find_dev(sbdf);

    assert_true(size == 1 || size == 2 || size == 4);
    assert_true((reg & 3) + size <= 4 && reg + size <= VPCI_CFG_SIZE);
    return d ? get(&d->cfg[reg], size) : ~0u;
}

void fake_write(void *ctx, uint32_t sbdf, unsigned int reg,
                       unsigned int size, uint32_t val)
{
    struct fdev *d = find_dev(sbdf);
    struct event *e = log_ev(EV_CFG, sbdf, reg);

    assert_true(size == 1 || size == 2 || size == 4);
    assert_true((reg & 3) + size <= 4 && reg + size <= VPCI_CFG_SIZE);
    e->size = size;
    e->val = val;
    if ( d )
        put(&d->cfg[reg], size, val);
}

/* A wild physical access fails the test here. */
static uint8_t *mmio_at(uint64_t addr, unsigned int size)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(f->mmio); i++ )
        if ( addr >= f->mmio[i].base &&
             addr + size <= f->mmio[i].base + sizeof(f->mmio[i].mem) )
            return &f->mmio[i].mem[addr - f->mmio[i].base];
    fail_msg("MMIO access outside the tables at %#llx",
             (unsigned long long)addr);
    return NULL;
}

uint64_t fake_mmio_read(void *ctx, uint64_t addr, unsigned int size)
{
    const uint8_t *p = mmio_at(addr, size);

    assert_true((size == 4 || size == 8) && !(addr & (size - 1)));
    return get(p, 4) | (size == 8 ? (uint64_t)get(p + 4, 4) << 32 : 0);
}

static void fake_mmio_write(void *ctx, uint64_t addr, unsigned int size,
                            uint64_t val)
{
    struct event *e = log_ev(EV_MMIO, 0, addr);

    assert_int_equal(size, 4);
    assert_int_equal(addr & 3, 0);
    e->size = size;
    e->val = val;
    put(mmio_at(addr, size), size, val);
}

static int do_bind(enum ev_kind kind, uint32_t sbdf, unsigned int vec,
                   const struct vpci_msg *guest, bool masked,
                   struct vpci_msg *host)
{
    struct event *e = log_ev(kind, sbdf, vec);

    e->val = guest->addr;
    e->data = guest->data;
    e->masked = masked;
    if ( !f->bind_rc )
        *host = f->host;
    return f->bind_rc;
}

static int fake_msi_bind(void *ctx, uint32_t sbdf, unsigned int vec,
                         const struct vpci_msg *guest, bool masked,
                         struct vpci_msg *host)
{
    return do_bind(EV_BIND, sbdf, vec, guest, masked, host);
}

static int fake_msix_bind(void *ctx, uint32_t sbdf, unsigned int vec,
                          const struct vpci_msg *guest, bool masked,
                          struct vpci_msg *host)
{
    return do_bind(EV_XBIND, sbdf, vec, guest, masked, host);
}

static void fake_msi_unbind(void *ctx, uint32_t sbdf, unsigned int vec)
{
    log_ev(EV_UNBIND, sbdf, vec);
}

static void fake_msix_unbind(void *ctx, uint32_t sbdf, unsigned int vec)
{
    log_ev(EV_XUNBIND, sbdf, vec);
}

static void fake_moved(void *ctx, uint32_t sbdf)
{
    log_ev(EV_MOVED, sbdf, 0);
}

const struct vpci_ops fake_ops = {
    .read = fake_read, .write = fake_write,
    .msi_bind = fake_msi_bind, .msi_unbind = fake_msi_unbind,
    .msix_bind = fake_msix_bind, .msix_unbind = fake_msix_unbind,
    .mmio_read = fake_mmio_read, .mmio_write = fake_mmio_write,
    .msix_moved = fake_moved,
};

static struct fdev *new_dev(unsigned int i, uint32_t sbdf, uint8_t type,
                            uint8_t cap_ptr)
{
    struct fdev *d = &f->dev[i];

    d->sbdf = sbdf;
    put(&d->cfg[0x00], 4, 0x10008086 + i);
    put(&d->cfg[0x04], 2, 0x0006);      /* memory decoding, bus master */
    put(&d->cfg[0x06], 2, cap_ptr ? 0x0010 : 0);
    d->cfg[0x0e] = type;
    d->cfg[0x34] = cap_ptr;
    return d;
}

static void cap(struct fdev *d, unsigned int pos, uint8_t id, uint8_t next,
                uint16_t ctrl)
{
    put(&d->cfg[pos], 4, id | (next << 8) | ((uint32_t)ctrl << 16));
}

static void build(void)
{
    struct fdev *d;

    d = new_dev(0, DEV_M, 0x80, 0x40);
    cap(d, 0x40, 0x01, M_MSI, 0x0003);
    cap(d, M_MSI, 0x05, M_MSIX, 0x0184);    /* 64-bit, masking, 4 capable */
    put(&d->cfg[M_MSI + 0x14], 4, 0x3);     /* pending bits */
    cap(d, M_MSIX, 0x11, 0x00, 0x0007);     /* 8 entries */
    put(&d->cfg[M_MSIX + 4], 4, 0x2000 | 2);
    put(&d->cfg[M_MSIX + 8], 4, 0x3000 | 2);
    put(&d->cfg[0x10], 4, 0xfd000000);
    put(&d->cfg[0x14], 4, 0x0000e001);      /* I/O */
    put(&d->cfg[0x18], 4, 0xfe00000c);      /* 64-bit, prefetchable */
    put(&d->cfg[0x1c], 4, 0x00000001);

    d = new_dev(1, DEV_N, 0x00, N_MSI);
    cap(d, N_MSI, 0x05, N_MSIX, 0x0000);
    put(&d->cfg[N_MSI + 12], 4, 0xa5a5a5a5); /* past the capability */
    cap(d, N_MSIX, 0x11, 0x00, 0x0003);     /* 4 entries */
    put(&d->cfg[N_MSIX + 4], 4, 0x000 | 0);
    put(&d->cfg[N_MSIX + 8], 4, 0x800 | 0);
    put(&d->cfg[0x10], 4, 0xfd100000);

    d = new_dev(2, DEV_DUP, 0x00, 0x40);
    cap(d, 0x40, 0x05, 0x50, 0x0000);
    cap(d, 0x50, 0x05, 0x00, 0x0000);

    d = new_dev(3, DEV_BR, 0x01, 0x40);
    cap(d, 0x40, 0x11, 0x00, 0x0000);
    put(&d->cfg[0x44], 4, 0x000 | 2);       /* BAR 2: none on a bridge */
    put(&d->cfg[0x48], 4, 0x100 | 0);
    put(&d->cfg[0x10], 4, 0xfd200000);

    d = new_dev(4, DEV_FW, 0x00, 0x40);
    cap(d, 0x40, 0x05, 0x60, 0x0101);       /* masking, enabled */
    put(&d->cfg[0x4c], 4, 0x1);             /* vector 0 masked */
    cap(d, 0x60, 0x11, 0x00, 0xc000);       /* enabled, function masked */

    new_dev(5, DEV_P, 0x00, 0x00);

    f->mmio[0].base = M_TABLE;
    f->mmio[1].base = M_PBA;
    f->mmio[2].base = N_TABLE;
    f->mmio[3].base = N_PBA & ~0xffull;
    put(&f->mmio[1].mem[0], 4, 0x00000005);
}

int setup(void **state)
{
    f = calloc(1, sizeof(*f));
    assert_non_null(f);
    build();
    f->host = (struct vpci_msg){ .addr = 0xfee00000, .data = 0x0031 };
    memset(&v, 0xa5, sizeof(v));
    vpci_init(&v, &fake_ops, f);
    assert_int_equal(vpci_set_hide_msi(&v, false), 0);
    return 0;
}

int teardown(void **state)
{
    unit_xmalloc_fail_after(-1);
    vpci_free_devices(&v);
    free(f);
    return 0;
}

void clear_log(void)
{
    f->nr = 0;
}

unsigned int count(enum ev_kind kind)
{
    unsigned int i, n = 0;

    for ( i = 0; i < f->nr; i++ )
        n += f->log[i].kind == kind;
    return n;
}

int find_ev(enum ev_kind kind, uint64_t where)
{
    unsigned int i;

    for ( i = 0; i < f->nr; i++ )
        if ( f->log[i].kind == kind && f->log[i].where == where )
            return i;
    return -1;
}

uint32_t cfg(uint32_t sbdf, unsigned int reg, unsigned int size)
{
    return get(&find_dev(sbdf)->cfg[reg], size);
}

uint32_t cr(uint32_t sbdf, unsigned int reg, unsigned int size)
{
    return vpci_read(&v, sbdf, reg, size);
}

void cw(uint32_t sbdf, unsigned int reg, unsigned int size,
               uint32_t val)
{
    vpci_write(&v, sbdf, reg, size, val);
}

uint64_t tr(uint64_t gpa, unsigned int size)
{
    uint64_t val = 0x5a5a5a5a5a5a5a5aull;

    assert_true(vpci_msix_read(&v, gpa, size, &val));
    return val;
}

void tw(uint64_t gpa, unsigned int size, uint64_t val)
{
    assert_true(vpci_msix_write(&v, gpa, size, val));
}

const struct event *ev(int i)
{
    assert_true(i >= 0 && (unsigned int)i < f->nr);
    return &f->log[i];
}

