/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tests of dom0's PCI configuration access (xen/arch/x86/hvm/vpci.c)
 * against a fake configuration space of a few devices, with a log of every
 * physical access the code makes. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <asm/hvm/vpci.h>

#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

/* Seg 0 bus 0 devices, each with its capability story. */
#define DEV_A   VPCI_SBDF(0, 0, 3, 0)   /* PM -> MSI -> PCIe -> MSI-X */
#define DEV_B   VPCI_SBDF(0, 0, 4, 0)   /* MSI only */
#define DEV_C   VPCI_SBDF(0, 0, 5, 0)   /* PM -> MSI -> PCIe -> back to MSI */
#define DEV_D   VPCI_SBDF(0, 0, 6, 0)   /* no capability list: a pattern */
#define DEV_E   VPCI_SBDF(0, 0, 0x1c, 0) /* bridge: PCIe -> MSI -> SSVID */
#define DEV_F   VPCI_SBDF(0, 0, 7, 0)   /* 48 vendor caps, then a cycle */
#define DEV_G   VPCI_SBDF(0, 0, 8, 0)   /* CardBus header: left alone */
#define DEV_H   VPCI_SBDF(0, 0, 9, 0)   /* PM pointing to itself */
#define DEV_I   VPCI_SBDF(0, 0, 10, 0)  /* PM pointing into the header */
#define DEV_X   VPCI_SBDF(0, 0x12, 3, 5) /* pattern, for decoding */
#define DEV_S   VPCI_SBDF(1, 0x85, 0x1f, 7) /* pattern, segment 1 */
#define DEV_NONE VPCI_SBDF(0, 0x33, 0, 0)

#define NR_DEVS 11
#define LOG_MAX 128

struct fdev {
    uint32_t sbdf;
    uint8_t cfg[VPCI_CFG_SIZE];
    uint8_t view[VPCI_LEGACY_CFG_SIZE]; /* what dom0 must read */
};

struct access {
    uint32_t sbdf;
    unsigned int reg, size;
    uint32_t val;
};

static struct fake {
    struct fdev dev[NR_DEVS];
    unsigned int nr_reads, nr_writes;
    struct access reads[LOG_MAX], writes[LOG_MAX];
} *f;

static struct vpci v;

static struct fdev *find_dev(uint32_t sbdf)
{
    unsigned int i;

    for ( i = 0; i < NR_DEVS; i++ )
        if ( f->dev[i].sbdf == sbdf )
            return &f->dev[i];

    return NULL;
}

/* The ops contract: 1, 2 or 4 bytes inside one dword of 4 KiB. */
static void check_contract(unsigned int reg, unsigned int size)
{
    assert_true(size == 1 || size == 2 || size == 4);
    assert_true((reg & 3) + size <= 4);
    assert_true(reg + size <= VPCI_CFG_SIZE);
}

static uint32_t fake_read(void *ctx, uint32_t sbdf, unsigned int reg,
                          unsigned int size)
{
    struct fdev *d = find_dev(sbdf);
    uint32_t val = 0;
    unsigned int i;

    assert_ptr_equal(ctx, f);
    check_contract(reg, size);
    if ( !d )
        val = ~0u;
    else
        for ( i = 0; i < size; i++ )
            val |= (uint32_t)d->cfg[reg + i] << (i * 8);

    if ( f->nr_reads < LOG_MAX )
        f->reads[f->nr_reads] = (struct access){ sbdf, reg, size, val };
    f->nr_reads++;

    /* Garbage above size bytes must not leak to dom0. */
    return size == 4 ? val : val | 0xab000000u;
}

static void fake_write(void *ctx, uint32_t sbdf, unsigned int reg,
                       unsigned int size, uint32_t val)
{
    struct fdev *d = find_dev(sbdf);
    unsigned int i;

    check_contract(reg, size);
    assert_true(f->nr_writes < LOG_MAX);
    f->writes[f->nr_writes++] = (struct access){ sbdf, reg, size, val };
    for ( i = 0; d && i < size; i++ )
        d->cfg[reg + i] = val >> (i * 8);
}

static const struct vpci_ops ops = { .read = fake_read, .write = fake_write };

static void put(uint8_t *cfg, unsigned int reg, unsigned int size, uint32_t val)
{
    unsigned int i;

    for ( i = 0; i < size; i++ )
        cfg[reg + i] = val >> (i * 8);
}

static void zero_view(struct fdev *d, unsigned int reg, unsigned int len)
{
    memset(&d->view[reg], 0, len);
}

static struct fdev *new_dev(unsigned int i, uint32_t sbdf, uint8_t type,
                            uint16_t status, uint8_t cap_ptr)
{
    struct fdev *d = &f->dev[i];
    unsigned int r;

    d->sbdf = sbdf;
    for ( r = 0; r < VPCI_CFG_SIZE; r++ )
        d->cfg[r] = (r * 7 + 3 + i * 16) & 0xff;
    put(d->cfg, 0x00, 4, 0x12348086 + i);
    put(d->cfg, 0x04, 2, 0x0007);
    put(d->cfg, 0x06, 2, status);
    put(d->cfg, 0x0e, 1, type);
    put(d->cfg, 0x34, 1, cap_ptr);
    return d;
}

/* Capability header: id, next pointer, 16 bits of control. */
static void cap(struct fdev *d, unsigned int pos, uint8_t id, uint8_t next,
                uint16_t ctrl)
{
    put(d->cfg, pos, 4, id | (next << 8) | ((uint32_t)ctrl << 16));
}

static void finish_view(struct fdev *d)
{
    memcpy(d->view, d->cfg, sizeof(d->view));
}

static void build_a(void)
{
    struct fdev *d = new_dev(0, DEV_A, 0x80, 0x4210, 0x43);

    cap(d, 0x40, 0x01, 0x50, 0x0003);
    put(d->cfg, 0x44, 4, 0x00000008);
    cap(d, 0x50, 0x05, 0x70, 0x0180);       /* 64-bit, per-vector mask */
    cap(d, 0x70, 0x10, 0xb3, 0x0002);
    cap(d, 0xb0, 0x11, 0x00, 0x003f);
    put(d->cfg, 0x100, 4, 0x14010001);      /* AER extended capability */
    finish_view(d);
    d->view[0x34] = 0x40;
    d->view[0x41] = 0x70;
    d->view[0x71] = 0x00;
    zero_view(d, 0x50, 24);
    zero_view(d, 0xb0, 12);
}

static void build_others(void)
{
    struct fdev *d;
    unsigned int p;

    d = new_dev(1, DEV_B, 0x00, 0x0290, 0x48);
    cap(d, 0x48, 0x05, 0x00, 0x0000);       /* 32-bit, no masking */
    finish_view(d);
    d->view[0x34] = 0;
    d->view[0x06] = 0x80;
    zero_view(d, 0x48, 12);

    d = new_dev(2, DEV_C, 0x00, 0x0010, 0x40);
    cap(d, 0x40, 0x01, 0x50, 0x0003);
    cap(d, 0x50, 0x05, 0x60, 0x0000);
    cap(d, 0x60, 0x10, 0x50, 0x0002);
    finish_view(d);
    d->view[0x41] = 0x60;
    d->view[0x61] = 0x00;
    zero_view(d, 0x50, 12);

    d = new_dev(3, DEV_D, 0x00, 0x0000, 0x40);
    finish_view(d);

    d = new_dev(4, DEV_E, 0x01, 0x0010, 0x40);
    cap(d, 0x40, 0x10, 0x80, 0x0042);
    cap(d, 0x80, 0x05, 0x90, 0x0080);       /* 64-bit */
    cap(d, 0x90, 0x0d, 0x00, 0x0000);
    finish_view(d);
    d->view[0x41] = 0x90;
    zero_view(d, 0x80, 16);

    d = new_dev(5, DEV_F, 0x00, 0x0010, 0x40);
    for ( p = 0x40; p < 0x100; p += 4 )
        cap(d, p, 0x09, p == 0xfc ? 0x40 : p + 4, 0x0000);
    finish_view(d);
    d->view[0xfd] = 0;

    d = new_dev(6, DEV_G, 0x02, 0x0010, 0x40);
    cap(d, 0x40, 0x05, 0x00, 0x0000);
    finish_view(d);

    d = new_dev(7, DEV_H, 0x00, 0x0010, 0x40);
    cap(d, 0x40, 0x01, 0x40, 0x0003);
    finish_view(d);
    d->view[0x41] = 0;

    d = new_dev(8, DEV_I, 0x00, 0x0010, 0x40);
    cap(d, 0x40, 0x01, 0x20, 0x0003);
    finish_view(d);
    d->view[0x41] = 0;

    new_dev(9, DEV_X, 0x00, 0x0000, 0x00);
    new_dev(10, DEV_S, 0x00, 0x0000, 0x00);
}

static int setup(void **state)
{
    f = calloc(1, sizeof(*f));
    assert_non_null(f);
    build_a();
    build_others();
    memset(&v, 0xa5, sizeof(v));        /* init must not rely on zeroes */
    vpci_init(&v, &ops, f);
    assert_int_equal(vpci_add_mmcfg(&v, 0xe0000000, 0, 0x00, 0x3f), 0);
    assert_int_equal(vpci_add_mmcfg(&v, 0xc0000000, 1, 0x80, 0x8f), 0);
    return 0;
}

static int teardown(void **state)
{
    free(f);
    return 0;
}

static void clear_log(void)
{
    f->nr_reads = f->nr_writes = 0;
}

static uint32_t cf8_of(uint32_t sbdf, unsigned int reg)
{
    return VPCI_CF8_ENABLE | (VPCI_SBDF_BUS(sbdf) << 16) |
           (VPCI_SBDF_DEV(sbdf) << 11) | (VPCI_SBDF_FN(sbdf) << 8) |
           (reg & 0xfc);
}

static void set_cf8(uint32_t val)
{
    assert_true(vpci_port_write(&v, VPCI_PORT_ADDR, 4, val));
}

static uint32_t port_in(uint16_t port, unsigned int size)
{
    uint32_t val = 0x5a5a5a5a;

    assert_true(vpci_port_read(&v, port, size, &val));
    return val;
}

static void port_out(uint16_t port, unsigned int size, uint32_t val)
{
    assert_true(vpci_port_write(&v, port, size, val));
}

/* Address of a register of a segment 0 device in the 0xe0000000 window. */
static uint64_t ecam0(uint32_t sbdf, unsigned int reg)
{
    return 0xe0000000ull + ((uint64_t)VPCI_SBDF_BUS(sbdf) << 20) +
           (VPCI_SBDF_DEV(sbdf) << 15) + (VPCI_SBDF_FN(sbdf) << 12) + reg;
}

static uint64_t mm_in(uint64_t gpa, unsigned int size)
{
    uint64_t val = 0x5a5a5a5a5a5a5a5aull;

    assert_true(vpci_mmcfg_read(&v, gpa, size, &val));
    return val;
}

static void assert_access(const struct access *a, uint32_t sbdf,
                          unsigned int reg, unsigned int size)
{
    assert_int_equal(a->sbdf, sbdf);
    assert_int_equal(a->reg, reg);
    assert_int_equal(a->size, size);
}

static uint32_t le(const uint8_t *p, unsigned int size)
{
    uint32_t val = 0;
    unsigned int i;

    for ( i = 0; i < size; i++ )
        val |= (uint32_t)p[i] << (i * 8);
    return val;
}

static void test_cf8_latch(void **state)
{
    set_cf8(0x80123456);
    assert_int_equal(port_in(VPCI_PORT_ADDR, 4), 0x80123456);
    set_cf8(0x00000000);
    assert_int_equal(port_in(VPCI_PORT_ADDR, 4), 0);
    assert_int_equal(f->nr_reads + f->nr_writes, 0);
}

/* Only a dword at 0xCF8 is the address register; 0xCF9 is reset control. */
static void test_cf8_narrow_not_handled(void **state)
{
    static const struct { uint16_t port; unsigned int size; } cases[] = {
        { 0xcf8, 1 }, { 0xcf8, 2 }, { 0xcf9, 1 }, { 0xcf9, 2 },
        { 0xcf9, 4 }, { 0xcfa, 1 }, { 0xcfa, 2 }, { 0xcfb, 1 },
        { 0xcf7, 4 }, { 0xd00, 1 },
    };
    unsigned int i;
    uint32_t val = 0x5a5a5a5a;

    set_cf8(0x80001234);
    for ( i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        assert_false(vpci_port_write(&v, cases[i].port, cases[i].size, 0x06));
        assert_false(vpci_port_read(&v, cases[i].port, cases[i].size, &val));
    }
    assert_int_equal(val, 0x5a5a5a5a);
    assert_int_equal(port_in(VPCI_PORT_ADDR, 4), 0x80001234);
    assert_int_equal(f->nr_reads + f->nr_writes, 0);
}

static void test_cfc_disabled(void **state)
{
    unsigned int off;

    set_cf8(cf8_of(DEV_D, 0x10) & ~VPCI_CF8_ENABLE);
    for ( off = 0; off < 4; off++ )
    {
        assert_int_equal(port_in(VPCI_PORT_DATA + off, 1), 0xff);
        port_out(VPCI_PORT_DATA + off, 1, 0);
    }
    assert_int_equal(port_in(VPCI_PORT_DATA, 2), 0xffff);
    assert_int_equal(port_in(VPCI_PORT_DATA + 2, 2), 0xffff);
    assert_int_equal(port_in(VPCI_PORT_DATA, 4), 0xffffffff);
    port_out(VPCI_PORT_DATA, 4, 0);
    assert_int_equal(f->nr_reads + f->nr_writes, 0);
}

/* Every size at every data port, reads then writes, on a plain device. */
static void test_cfc_offsets(void **state)
{
    const struct fdev *d = find_dev(DEV_D);
    static const unsigned int sizes[] = { 1, 2, 4 };
    unsigned int off, s, reg = 0x1c;

    set_cf8(cf8_of(DEV_D, reg));
    for ( off = 0; off < 4; off++ )
        for ( s = 0; s < 3; s++ )
        {
            unsigned int size = sizes[s];
            uint32_t want = off + size <= 4 ? le(&d->cfg[reg + off], size)
                                           : (size == 4 ? ~0u : 0xffff);

            clear_log();
            assert_int_equal(port_in(VPCI_PORT_DATA + off, size), want);
            if ( off + size > 4 )
                assert_int_equal(f->nr_reads, 0);
            else
                assert_access(&f->reads[0], DEV_D, reg + off, size);

            port_out(VPCI_PORT_DATA + off, size, 0xc1c2c3c4);
            if ( off + size > 4 )
                assert_int_equal(f->nr_writes, 0);
            else
            {
                assert_int_equal(f->nr_writes, 1);
                assert_access(&f->writes[0], DEV_D, reg + off, size);
                assert_int_equal(f->writes[0].val,
                                 0xc1c2c3c4u & (size == 4 ? ~0u
                                                : (1u << size * 8) - 1));
            }
        }
}

/* Bus, device, function and dword come from CF8; bits 30:24 and 1:0 don't. */
static void test_cf8_decode(void **state)
{
    const struct fdev *d = find_dev(DEV_X);

    set_cf8(0x8f000000 | (0x12 << 16) | (3 << 11) | (5 << 8) | 0xa4 | 3);
    assert_int_equal(port_in(VPCI_PORT_DATA, 4), le(&d->cfg[0xa4], 4));
    assert_access(&f->reads[0], DEV_X, 0xa4, 4);

    clear_log();
    assert_int_equal(port_in(VPCI_PORT_DATA + 2, 2), le(&d->cfg[0xa6], 2));
    assert_access(&f->reads[0], DEV_X, 0xa6, 2);

    /* AMD-style extended register bits do not reach 0x100-0xfff. */
    clear_log();
    set_cf8(0x81000000 | (0x12 << 16) | (3 << 11) | (5 << 8));
    assert_int_equal(port_in(VPCI_PORT_DATA, 4), 0x12348086 + 9);
    assert_access(&f->reads[0], DEV_X, 0x00, 4);
}

static void test_missing_device(void **state)
{
    set_cf8(cf8_of(DEV_NONE, 0));
    assert_int_equal(port_in(VPCI_PORT_DATA, 4), 0xffffffff);
    assert_int_equal(port_in(VPCI_PORT_DATA + 3, 1), 0xff);
    set_cf8(cf8_of(DEV_NONE, 0x34));
    assert_int_equal(port_in(VPCI_PORT_DATA, 1), 0xff);
    assert_int_equal(mm_in(ecam0(DEV_NONE, 0x40), 4), 0xffffffff);
    assert_int_equal(mm_in(ecam0(DEV_NONE, 0x800), 2), 0xffff);
}

static void test_bad_access(void **state)
{
    assert_int_equal(vpci_read(&v, DEV_D, 0x41, 4), 0xffffffff);
    assert_int_equal(vpci_read(&v, DEV_D, 0x43, 2), 0xffff);
    assert_int_equal(vpci_read(&v, DEV_D, 0x40, 3), 0xffffff);
    assert_int_equal(vpci_read(&v, DEV_D, 0x40, 0), 0);
    assert_int_equal(vpci_read(&v, DEV_D, 0x1000, 1), 0xff);
    assert_int_equal(vpci_read(&v, DEV_D, 0xffe, 4), 0xffffffff);
    vpci_write(&v, DEV_D, 0x42, 4, 0);
    vpci_write(&v, DEV_D, 0x40, 3, 0);
    vpci_write(&v, DEV_D, 0x1000, 1, 0);
    assert_int_equal(f->nr_reads + f->nr_writes, 0);
}

static void test_mmcfg_decode(void **state)
{
    const struct fdev *x = find_dev(DEV_X), *s = find_dev(DEV_S);
    uint64_t gpa;

    gpa = 0xe0000000ull + (0x12 << 20) + (3 << 15) + (5 << 12) + 0x1a4;
    assert_int_equal(mm_in(gpa, 4), le(&x->cfg[0x1a4], 4));
    assert_access(&f->reads[0], DEV_X, 0x1a4, 4);

    /* The base is bus 0's; this window starts at bus 0x80 of segment 1. */
    clear_log();
    gpa = 0xc0000000ull + (0x85 << 20) + (0x1f << 15) + (7 << 12) + 0x12;
    assert_int_equal(mm_in(gpa, 2), le(&s->cfg[0x12], 2));
    assert_access(&f->reads[0], DEV_S, 0x12, 2);

    clear_log();
    assert_int_equal(mm_in(0xc8000000, 4), 0xffffffff);
    assert_access(&f->reads[0], VPCI_SBDF(1, 0x80, 0, 0), 0, 4);
    clear_log();
    assert_int_equal(mm_in(0xc8ffffff, 1), 0xff);
    assert_access(&f->reads[0], VPCI_SBDF(1, 0x8f, 31, 7), 0xfff, 1);
}

static void test_mmcfg_outside(void **state)
{
    static const uint64_t outside[] = {
        0xdfffffff, 0xe4000000,                 /* around bus 0x00-0x3f */
        0xc0000000, 0xc7ffffff, 0xc9000000,     /* around bus 0x80-0x8f */
        0, 0xffffffffffffffffull,
    };
    unsigned int i;
    uint64_t val = 0x1234;

    for ( i = 0; i < ARRAY_SIZE(outside); i++ )
    {
        assert_false(vpci_mmcfg_read(&v, outside[i], 1, &val));
        assert_false(vpci_mmcfg_write(&v, outside[i], 1, 0));
    }
    assert_int_equal(val, 0x1234);
    assert_int_equal(f->nr_reads + f->nr_writes, 0);
}

static void test_mmcfg_sizes(void **state)
{
    const struct fdev *d = find_dev(DEV_D);
    uint64_t want = le(&d->cfg[0x18], 4) |
                    ((uint64_t)le(&d->cfg[0x1c], 4) << 32);

    assert_int_equal(mm_in(ecam0(DEV_D, 0x18), 8), want);
    assert_int_equal(f->nr_reads, 2);
    assert_access(&f->reads[0], DEV_D, 0x18, 4);
    assert_access(&f->reads[1], DEV_D, 0x1c, 4);

    clear_log();
    assert_int_equal(mm_in(ecam0(DEV_D, 0x1c), 8), ~0ull);
    assert_int_equal(mm_in(ecam0(DEV_D, 0x1b), 2), 0xffff);
    assert_int_equal(mm_in(ecam0(DEV_D, 0x1a), 4), 0xffffffff);
    assert_int_equal(mm_in(ecam0(DEV_D, 0x18), 3), 0xffffff);
    assert_int_equal(mm_in(ecam0(DEV_D, 0x18), 16), 0xffffffff);
    assert_int_equal(f->nr_reads, 0);

    assert_true(vpci_mmcfg_write(&v, ecam0(DEV_D, 0x1c), 8, 0));
    assert_true(vpci_mmcfg_write(&v, ecam0(DEV_D, 0x19), 4, 0));
    assert_true(vpci_mmcfg_write(&v, ecam0(DEV_D, 0x18), 3, 0));
    assert_int_equal(f->nr_writes, 0);

    assert_true(vpci_mmcfg_write(&v, ecam0(DEV_D, 0x18), 8,
                                 0x1122334455667788ull));
    assert_int_equal(f->nr_writes, 2);
    assert_access(&f->writes[0], DEV_D, 0x18, 4);
    assert_int_equal(f->writes[0].val, 0x55667788);
    assert_access(&f->writes[1], DEV_D, 0x1c, 4);
    assert_int_equal(f->writes[1].val, 0x11223344);
}

static void test_mmcfg_add(void **state)
{
    struct vpci w;
    unsigned int i;

    vpci_init(&w, &ops, f);
    assert_int_equal(vpci_add_mmcfg(&w, 0xe0000000, 0, 5, 4), -EINVAL);
    assert_int_equal(vpci_add_mmcfg(&w, 0xe0080000, 0, 0, 1), -EINVAL);
    /* Windows ending at 2^64 or wrapping past it. */
    assert_int_equal(vpci_add_mmcfg(&w, 0xfffffffffff00000ull, 0, 0, 0),
                     -EINVAL);
    assert_int_equal(vpci_add_mmcfg(&w, 0xfffffffff0000000ull, 0, 0xff, 0xff),
                     -EINVAL);
    assert_int_equal(vpci_add_mmcfg(&w, 0xffffffffffe00000ull, 0, 2, 3),
                     -EINVAL);
    assert_int_equal(w.nr_mmcfg, 0);

    assert_int_equal(vpci_add_mmcfg(&w, 0xffffffffffd00000ull, 3, 1, 1), 0);
    assert_int_equal(vpci_add_mmcfg(&w, 0xe0000000, 0, 0, 0x3f), 0);
    assert_int_equal(vpci_add_mmcfg(&w, 0xe0000000, 0, 0, 0x3f), 0);
    assert_int_equal(w.nr_mmcfg, 2);

    /* Same addresses, or the same buses of the same segment. */
    assert_int_equal(vpci_add_mmcfg(&w, 0xe0000000, 1, 0x3f, 0x40), -EEXIST);
    assert_int_equal(vpci_add_mmcfg(&w, 0xd0000000, 0, 0x3f, 0x40), -EEXIST);
    assert_int_equal(vpci_add_mmcfg(&w, 0xe0000000, 0, 0, 0x1f), -EEXIST);
    assert_int_equal(vpci_add_mmcfg(&w, 0xe0000000, 0, 0x40, 0x7f), 0);
    assert_int_equal(vpci_add_mmcfg(&w, 0xd0000000, 1, 0, 0xff), 0);
    for ( i = 0; i < 2; i++ )
        assert_int_equal(vpci_add_mmcfg(&w, 0x100000000ull, 2, 0, 0xff),
                         -ENOSPC);
    assert_int_equal(w.nr_mmcfg, VPCI_MAX_MMCFG);
}

/*
 * The heart of hiding: for each device, every size at every offset of
 * 0x00-0xff, through vpci_read, the ports and MMCFG, equals the expected
 * bytes, so no width or alignment sees the physical list.
 */
static void check_view(const struct fdev *d)
{
    static const unsigned int sizes[] = { 1, 2, 4 };
    unsigned int reg, s;

    for ( reg = 0; reg < VPCI_LEGACY_CFG_SIZE; reg++ )
        for ( s = 0; s < 3; s++ )
        {
            unsigned int size = sizes[s];
            uint32_t want = le(&d->view[reg], size);

            if ( (reg & 3) + size > 4 )
                continue;
            assert_int_equal(vpci_read(&v, d->sbdf, reg, size), want);
            set_cf8(cf8_of(d->sbdf, reg));
            assert_int_equal(port_in(VPCI_PORT_DATA + (reg & 3), size), want);
            assert_int_equal(mm_in(ecam0(d->sbdf, reg), size), want);
        }
}

static void test_view_all_widths(void **state)
{
    static const uint32_t devs[] = {
        DEV_A, DEV_B, DEV_C, DEV_D, DEV_E, DEV_F, DEV_G, DEV_H, DEV_I,
    };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(devs); i++ )
        check_view(find_dev(devs[i]));
    assert_int_equal(f->nr_writes, 0);
}

/* Spot checks that the expected views say what the brief says. */
static void test_view_spots(void **state)
{
    assert_int_equal(vpci_read(&v, DEV_A, 0x34, 1), 0x40);
    assert_int_equal(vpci_read(&v, DEV_A, 0x40, 4), 0x00037001);
    assert_int_equal(vpci_read(&v, DEV_A, 0x41, 2), 0x0370);
    assert_int_equal(vpci_read(&v, DEV_A, 0x70, 2), 0x0010);
    assert_int_equal(vpci_read(&v, DEV_A, 0x50, 4), 0);
    assert_int_equal(vpci_read(&v, DEV_A, 0x64, 4), 0);
    assert_int_equal(vpci_read(&v, DEV_A, 0x68, 4),
                     le(&find_dev(DEV_A)->cfg[0x68], 4));
    assert_int_equal(vpci_read(&v, DEV_A, 0xb0, 4), 0);
    assert_int_equal(vpci_read(&v, DEV_A, 0x06, 2), 0x4210);
    assert_int_equal(vpci_read(&v, DEV_E, 0x41, 1), 0x90);
    assert_int_equal(vpci_read(&v, DEV_G, 0x40, 1), 0x05);
}

/* With MSI hidden, DEV_B has no list: pointer 0, status bit 4 clear. */
static void test_status_all_hidden(void **state)
{
    assert_int_equal(vpci_read(&v, DEV_B, 0x34, 1), 0);
    assert_int_equal(vpci_read(&v, DEV_B, 0x34, 4),
                     le(&find_dev(DEV_B)->cfg[0x34], 4) & ~0xffu);
    assert_int_equal(vpci_read(&v, DEV_B, 0x06, 1), 0x80);
    assert_int_equal(vpci_read(&v, DEV_B, 0x06, 2), 0x0280);
    assert_int_equal(vpci_read(&v, DEV_B, 0x04, 4), 0x02800007);
    set_cf8(cf8_of(DEV_B, 0x04));
    assert_int_equal(port_in(VPCI_PORT_DATA + 2, 2), 0x0280);
    assert_int_equal(mm_in(ecam0(DEV_B, 0x07), 1), 0x02);
    assert_int_equal(vpci_read(&v, DEV_A, 0x04, 4), 0x42100007);
}

/* A dom0 driver's search (as Linux's pci_find_capability does it). */
static unsigned int dom0_caps(uint32_t sbdf, uint8_t *ids)
{
    unsigned int n = 0, pos;

    if ( !(vpci_read(&v, sbdf, 0x06, 2) & 0x10) )
        return 0;
    pos = vpci_read(&v, sbdf, 0x34, 1);
    while ( pos >= 0x40 )
    {
        assert_true(n < 64);            /* the view must not cycle */
        assert_int_equal(pos & 3, 0);
        ids[n++] = vpci_read(&v, sbdf, pos, 1);
        pos = vpci_read(&v, sbdf, pos + 1, 1);
    }
    assert_int_equal(pos, 0);

    return n;
}

static void test_dom0_finds(void **state)
{
    uint8_t ids[64];
    unsigned int i;

    assert_int_equal(dom0_caps(DEV_A, ids), 2);
    assert_int_equal(ids[0], 0x01);
    assert_int_equal(ids[1], 0x10);
    assert_int_equal(dom0_caps(DEV_B, ids), 0);
    assert_int_equal(dom0_caps(DEV_C, ids), 2);
    assert_int_equal(ids[0], 0x01);
    assert_int_equal(ids[1], 0x10);
    assert_int_equal(dom0_caps(DEV_D, ids), 0);
    assert_int_equal(dom0_caps(DEV_E, ids), 2);
    assert_int_equal(ids[0], 0x10);
    assert_int_equal(ids[1], 0x0d);
    assert_int_equal(dom0_caps(DEV_F, ids), 48);
    for ( i = 0; i < 48; i++ )
        assert_int_equal(ids[i], 0x09);
    assert_int_equal(dom0_caps(DEV_H, ids), 1);
    assert_int_equal(dom0_caps(DEV_I, ids), 1);
}

/* A cyclic list costs a bounded number of physical reads per access. */
static void test_cycle_bounded(void **state)
{
    assert_int_equal(vpci_read(&v, DEV_F, 0xfd, 1), 0);
    /* The access, header type, status, pointer, then 48 capabilities. */
    assert_int_equal(f->nr_reads, 4 + 48);

    clear_log();
    assert_int_equal(vpci_read(&v, DEV_C, 0x61, 1), 0);
    assert_int_equal(f->nr_reads, 4 + 3);

    clear_log();
    assert_int_equal(vpci_read(&v, DEV_H, 0x41, 1), 0);
    assert_int_equal(f->nr_reads, 4 + 1);
}

static void assert_dropped(uint32_t sbdf, unsigned int reg, unsigned int size,
                           uint32_t val)
{
    struct fdev *d = find_dev(sbdf);
    uint8_t before[VPCI_LEGACY_CFG_SIZE];

    memcpy(before, d->cfg, sizeof(before));
    clear_log();
    vpci_write(&v, sbdf, reg, size, val);
    assert_true(vpci_mmcfg_write(&v, ecam0(sbdf, reg), size, val));
    set_cf8(cf8_of(sbdf, reg));
    port_out(VPCI_PORT_DATA + (reg & 3), size, val);
    assert_int_equal(f->nr_writes, 0);
    assert_memory_equal(before, d->cfg, sizeof(before));
}

static void assert_passed(uint32_t sbdf, unsigned int reg, unsigned int size,
                          uint32_t val)
{
    clear_log();
    vpci_write(&v, sbdf, reg, size, val);
    assert_int_equal(f->nr_writes, 1);
    assert_access(&f->writes[0], sbdf, reg, size);
    assert_int_equal(f->writes[0].val, val);
    assert_int_equal(le(&find_dev(sbdf)->cfg[reg], size), val);
}

static void test_hidden_writes(void **state)
{
    /* MSI enable, in every width, and the rest of MSI and MSI-X. */
    assert_dropped(DEV_A, 0x50, 4, 0x01810005);
    assert_dropped(DEV_A, 0x52, 2, 0x0181);
    assert_dropped(DEV_A, 0x52, 1, 0x01);
    assert_dropped(DEV_A, 0x54, 4, 0xfee00000);
    assert_dropped(DEV_A, 0x5d, 1, 0xff);
    assert_dropped(DEV_A, 0x66, 2, 0xffff);
    assert_dropped(DEV_A, 0xb2, 2, 0xc03f);
    assert_dropped(DEV_A, 0xbb, 1, 0xff);
    assert_dropped(DEV_B, 0x4a, 2, 0x0001);
    assert_dropped(DEV_E, 0x8c, 4, 0x12345678);

    /* Their neighbours. */
    assert_passed(DEV_A, 0x44, 4, 0x00008103);
    assert_passed(DEV_A, 0x4c, 1, 0x77);
    assert_passed(DEV_A, 0x68, 4, 0xa1a2a3a4);
    assert_passed(DEV_A, 0x78, 2, 0x2010);
    assert_passed(DEV_A, 0xac, 4, 0x01020304);
    assert_passed(DEV_A, 0xbc, 1, 0x42);
    assert_passed(DEV_B, 0x54, 2, 0xbeef);
    assert_passed(DEV_E, 0x90, 4, 0x0000000d);
    assert_passed(DEV_G, 0x42, 2, 0x0001);  /* not type 0/1: untouched */

    /* Command, status and BARs go straight to the device. */
    assert_passed(DEV_A, 0x04, 2, 0x0406);
    assert_passed(DEV_A, 0x06, 2, 0xf900);
    assert_passed(DEV_A, 0x10, 4, 0xffffffff);
    assert_passed(DEV_E, 0x1c, 2, 0xf0f0);
}

/* Registers 0x100-0xfff: reached through MMCFG only, unfiltered. */
static void test_extended_config(void **state)
{
    const struct fdev *d = find_dev(DEV_A);

    assert_int_equal(mm_in(ecam0(DEV_A, 0x100), 4), 0x14010001);
    assert_access(&f->reads[0], DEV_A, 0x100, 4);
    clear_log();
    assert_int_equal(mm_in(ecam0(DEV_A, 0xffc), 4), le(&d->cfg[0xffc], 4));
    assert_int_equal(f->nr_reads, 1);
    assert_true(vpci_mmcfg_write(&v, ecam0(DEV_A, 0x150), 2, 0x1234));
    assert_int_equal(f->nr_writes, 1);
    assert_access(&f->writes[0], DEV_A, 0x150, 2);
    assert_int_equal(le(&d->cfg[0x150], 2), 0x1234);

    /* CF8 bits 27:24 set, dword 0: the vendor ID, not register 0x100. */
    clear_log();
    set_cf8(cf8_of(DEV_A, 0) | 0x01000000);
    assert_int_equal(port_in(VPCI_PORT_DATA, 4), 0x12348086);
    assert_access(&f->reads[0], DEV_A, 0x00, 4);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    static const struct CMUnitTest tests[] = {
        T(test_cf8_latch),
        T(test_cf8_narrow_not_handled),
        T(test_cfc_disabled),
        T(test_cfc_offsets),
        T(test_cf8_decode),
        T(test_missing_device),
        T(test_bad_access),
        T(test_mmcfg_decode),
        T(test_mmcfg_outside),
        T(test_mmcfg_sizes),
        T(test_mmcfg_add),
        T(test_view_all_widths),
        T(test_view_spots),
        T(test_status_all_hidden),
        T(test_dom0_finds),
        T(test_cycle_bounded),
        T(test_hidden_writes),
        T(test_extended_config),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
