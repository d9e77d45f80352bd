/* SPDX-License-Identifier: GPL-2.0-only */
/* ACPI discovery and parsing (xen/drivers/acpi/tables.c) against tables
 * captured from QEMU/SeaBIOS (tests/unit/data/acpi-*.hex) and hostile ones. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <xen/acpi.h>
#include <xen/errno.h>
#include <xen/lib.h>

#include "acpi_image.h"
#include "host_env.h"

/* ---- Captured QEMU machines --------------------------------------------- */

#define Q35_RSDP    0xf59e0
#define PC_RSDP     0xf59d0

static void load_tables(const char *name, paddr_t expect_rsdp,
                        struct acpi_tables *t)
{
    image_load(name);
    assert_int_equal(acpi_find_rsdp(image_map, 0), expect_rsdp);
    assert_int_equal(acpi_tables_init(t, expect_rsdp, image_map), 0);
    assert_false(t->root_is_xsdt);      /* QEMU's RSDP is revision 0 */
    assert_int_equal(t->nr_rejected, 0);
}

static void test_q35_find_rsdp(void **state)
{
    image_load("acpi-q35-smp4.hex");
    assert_int_equal(acpi_find_rsdp(image_map, 0), Q35_RSDP);
    assert_int_equal(acpi_find_rsdp(image_map, Q35_RSDP), Q35_RSDP);
    /* A hint that is not an RSDP falls back to scanning. */
    assert_int_equal(acpi_find_rsdp(image_map, 0x1ffe0000), Q35_RSDP);
    assert_int_equal(acpi_find_rsdp(image_map, 0x7000000), Q35_RSDP);
}

static void expect_tables(const struct acpi_tables *t, const char *const *sigs,
                          unsigned int n)
{
    unsigned int i;

    assert_int_equal(t->nr_tables, n);
    for ( i = 0; i < n; i++ )
    {
        const struct acpi_table_header *h = acpi_find_table(t, sigs[i], 0);

        assert_non_null(h);
        assert_memory_equal(h->signature, sigs[i], 4);
        assert_null(acpi_find_table(t, sigs[i], 1));
    }
}

static void test_q35_tables(void **state)
{
    static const char *const sigs[] = {
        "FACP", "DSDT", "APIC", "HPET", "MCFG", "WAET"
    };
    struct acpi_tables t;

    load_tables("acpi-q35-smp4.hex", Q35_RSDP, &t);
    expect_tables(&t, sigs, ARRAY_SIZE(sigs));
    assert_memory_equal(t.table[1].signature, "DSDT", 4); /* right after FACP */
    assert_null(acpi_find_table(&t, "XSDT", 0));
    assert_null(acpi_find_table(&t, "SSDT", 0));
}

/* What QEMU's MADT says for both machines, differing only in CPU count. */
static void expect_qemu_madt(const struct acpi_tables *t, unsigned int cpus)
{
    struct acpi_madt_info m;
    unsigned int i;

    assert_int_equal(acpi_parse_madt(t, &m), 0);
    assert_int_equal(m.lapic_address, 0xfee00000);
    assert_true(m.pcat_compat);
    assert_int_equal(m.nr_cpus, cpus);
    for ( i = 0; i < cpus; i++ )
    {
        assert_int_equal(m.cpu[i].apic_id, i);
        assert_int_equal(m.cpu[i].acpi_uid, i);
        assert_true(m.cpu[i].enabled);
        assert_false(m.cpu[i].x2apic);
    }
    assert_int_equal(m.nr_ioapics, 1);
    assert_int_equal(m.ioapic[0].address, 0xfec00000);
    assert_int_equal(m.ioapic[0].gsi_base, 0);
    /* IRQ0 -> GSI2 first, then the level-triggered PCI interrupts. */
    assert_int_equal(m.nr_overrides, 5);
    assert_int_equal(m.override[0].bus, 0);
    assert_int_equal(m.override[0].source_irq, 0);
    assert_int_equal(m.override[0].gsi, 2);
    assert_int_equal(m.override[1].source_irq, 5);
    assert_int_equal(m.override[1].flags,
                     ACPI_MADT_POLARITY_HIGH | ACPI_MADT_TRIGGER_LEVEL);
    assert_int_equal(m.nr_lapic_nmis, 1);
    assert_int_equal(m.lapic_nmi[0].acpi_uid, ACPI_UID_ALL);
    assert_int_equal(m.lapic_nmi[0].lint, 1);
    assert_int_equal(m.nr_dropped, 0);
}

static void test_q35_madt(void **state)
{
    struct acpi_tables t;

    load_tables("acpi-q35-smp4.hex", Q35_RSDP, &t);
    expect_qemu_madt(&t, 4);
}

static void test_q35_fadt(void **state)
{
    struct acpi_tables t;
    struct acpi_fadt_info f;

    load_tables("acpi-q35-smp4.hex", Q35_RSDP, &t);
    assert_int_equal(acpi_parse_fadt(&t, &f), 0);
    assert_int_equal(f.revision, 3);
    assert_false(f.hw_reduced);
    assert_int_equal(f.sci_int, 9);
    assert_int_equal(f.pm_tmr_port, 0x608);
    assert_false(f.pm_tmr_32bit);          /* TMR_VAL_EXT clear: 24 bits */
    assert_int_equal(f.pm1a_cnt.space_id, ACPI_GAS_SYSTEM_IO);
    assert_int_equal(f.pm1a_cnt.address, 0x604);
    assert_true(f.reset_supported);
    assert_int_equal(f.reset_reg.space_id, ACPI_GAS_SYSTEM_IO);
    assert_int_equal(f.reset_reg.bit_width, 8);
    assert_int_equal(f.reset_reg.address, 0xcf9);
    assert_int_equal(f.reset_value, 0x0f);
    assert_int_equal(f.century, 0x32);
    assert_int_equal(f.iapc_boot_arch, ACPI_BOOT_8042);
    assert_int_equal(f.dsdt_pa, 0x1ffe0040);
    assert_int_equal(f.facs_pa, 0x1ffe0000);
}

static void test_q35_hpet_mcfg(void **state)
{
    struct acpi_tables t;
    struct acpi_hpet_info h;
    struct acpi_mcfg_info m;

    load_tables("acpi-q35-smp4.hex", Q35_RSDP, &t);
    assert_int_equal(acpi_parse_hpet(&t, &h), 0);
    assert_int_equal(h.address, 0xfed00000);
    assert_int_equal(h.block_id & 0xffff0000, 0x80860000);   /* vendor Intel */
    assert_int_equal(acpi_parse_mcfg(&t, &m), 0);
    assert_int_equal(m.nr, 1);
    assert_int_equal(m.entry[0].address, 0xb0000000);
    assert_int_equal(m.entry[0].segment, 0);
    assert_int_equal(m.entry[0].start_bus, 0);
    assert_int_equal(m.entry[0].end_bus, 0xff);
}

static void test_q35_print(void **state)
{
    struct acpi_tables t;
    const char *out;

    load_tables("acpi-q35-smp4.hex", Q35_RSDP, &t);
    unit_printk_capture_start();
    acpi_tables_print(&t);
    unit_printk_capture_stop();
    out = unit_printk_captured();
    assert_non_null(strstr(out, "ACPI: RSDP 000F59E0, 0014 (r0 BOCHS )\n"));
    assert_non_null(strstr(out,
        "ACPI: RSDT 1FFE2353, 0038 (r1 BOCHS  BXPC     00000001 BXPC 00000001)\n"));
    assert_non_null(strstr(out,
        "ACPI: APIC 1FFE2227, 0090 (r1 BOCHS  BXPC     00000001 BXPC 00000001)\n"));
    assert_non_null(strstr(out,
        "ACPI: DSDT 1FFE0040, 20F3 (r1 BOCHS  BXPC     00000001 BXPC 00000001)\n"
        "ACPI: FACS 1FFE0000, 0040\n"));
    assert_non_null(strstr(out, "ACPI: MCFG 1FFE22EF, 003C"));
}

static void test_pc(void **state)
{
    static const char *const sigs[] = {
        "FACP", "DSDT", "APIC", "HPET", "WAET"
    };
    struct acpi_tables t;
    struct acpi_fadt_info f;
    struct acpi_hpet_info h;
    struct acpi_mcfg_info m;

    load_tables("acpi-pc-smp2.hex", PC_RSDP, &t);
    expect_tables(&t, sigs, ARRAY_SIZE(sigs));
    expect_qemu_madt(&t, 2);

    /* i440fx: ACPI 1.0 FADT, PIIX4 PM timer, no reset register. */
    assert_int_equal(acpi_parse_fadt(&t, &f), 0);
    assert_int_equal(f.revision, 1);
    assert_int_equal(f.pm_tmr_port, 0x608);
    assert_false(f.pm_tmr_32bit);          /* TMR_VAL_EXT clear: 24 bits */
    assert_false(f.reset_supported);
    assert_int_equal(f.pm1a_cnt.address, 0x604);
    assert_int_equal(f.sci_int, 9);

    assert_int_equal(acpi_parse_hpet(&t, &h), 0);
    assert_int_equal(h.address, 0xfed00000);
    assert_int_equal(acpi_parse_mcfg(&t, &m), -ENOENT);
}

/* ---- Hand-built tables ----------------------------------------------------
 * A BIOS area, an EBDA and a table area; tables are laid at odd addresses,
 * as SeaBIOS does, so unaligned accesses get exercised too. */

#define SYN_EBDA        0x9fc00
#define SYN_RSDP        0xe1230
#define SYN_TABLES      0x100000
#define SYN_TABLES_LEN  0x10000

static paddr_t syn_next;

static void syn_image(void)
{
    image_reset(NULL);
    image_add(0x400, 0x100);
    image_add(SYN_EBDA, 0x400);
    image_add(0xe0000, 0x20000);
    image_add(SYN_TABLES, SYN_TABLES_LEN);
    syn_next = SYN_TABLES + 1;
}

static void seal(struct acpi_table_header *h)
{
    h->checksum = 0;
    h->checksum = -image_sum(h, h->length);
}

/* Place a table with 'body' after its header; returns its address. */
static paddr_t syn_table(const char *sig, uint8_t rev, const void *body,
                         size_t body_len)
{
    paddr_t pa = syn_next;
    struct acpi_table_header *h = (void *)image_ptr(pa, sizeof(*h) + body_len);

    memcpy(h->signature, sig, 4);
    h->length = sizeof(*h) + body_len;
    h->revision = rev;
    memcpy(h->oem_id, "XENTST", 6);
    memcpy(h->oem_table_id, "UNITTEST", 8);
    h->oem_revision = 1;
    memcpy(h->asl_compiler_id, "TEST", 4);
    memcpy(h + 1, body, body_len);
    seal(h);
    syn_next += ROUNDUP(h->length, 16) + 3;
    return pa;
}

static struct acpi_table_header *syn_hdr(paddr_t pa)
{
    return (void *)image_ptr(pa, sizeof(struct acpi_table_header));
}

static paddr_t syn_root(const char *sig, const paddr_t *pa, unsigned int n)
{
    size_t entsz = memcmp(sig, "XSDT", 4) ? 4 : 8;
    uint8_t body[64 * 8];
    unsigned int i;

    assert_true(n <= 64);
    for ( i = 0; i < n; i++ )
        memcpy(body + i * entsz, &pa[i], entsz);
    return syn_table(sig, 1, body, n * entsz);
}

static struct acpi_rsdp *syn_rsdp(paddr_t at, uint8_t rev, paddr_t rsdt,
                                  paddr_t xsdt)
{
    struct acpi_rsdp *r = (void *)image_ptr(at, sizeof(*r));

    memcpy(r->signature, ACPI_RSDP_SIG, 8);
    memcpy(r->oem_id, "XENTST", 6);
    r->revision = rev;
    r->rsdt_address = rsdt;
    r->length = sizeof(*r);
    r->xsdt_address = xsdt;
    r->checksum = 0;
    r->extended_checksum = 0;
    r->checksum = -image_sum(r, ACPI_RSDP_V1_LEN);
    r->extended_checksum = -image_sum(r, sizeof(*r));
    return r;
}

/* An ACPI 1.0 system whose RSDT lists the given tables. */
static void syn_system(const paddr_t *tables, unsigned int n,
                       struct acpi_tables *t)
{
    paddr_t rsdt = syn_root("RSDT", tables, n);

    syn_rsdp(SYN_RSDP, 0, rsdt, 0);
    assert_int_equal(acpi_find_rsdp(image_map, 0), SYN_RSDP);
    assert_int_equal(acpi_tables_init(t, SYN_RSDP, image_map), 0);
}

static void test_rsdp_bad_checksum(void **state)
{
    struct acpi_rsdp *r;

    syn_image();
    r = syn_rsdp(SYN_RSDP, 0, SYN_TABLES, 0);
    r->checksum++;
    assert_int_equal(acpi_find_rsdp(image_map, 0), 0);
    assert_int_equal(acpi_find_rsdp(image_map, SYN_RSDP), 0);
    assert_int_equal(acpi_tables_init(&(struct acpi_tables){ }, SYN_RSDP,
                                      image_map), -EINVAL);
}

static void test_rsdp_bad_extended_checksum(void **state)
{
    struct acpi_rsdp *r;

    syn_image();
    r = syn_rsdp(SYN_RSDP, 2, SYN_TABLES, SYN_TABLES);
    r->extended_checksum++;
    assert_int_equal(acpi_find_rsdp(image_map, 0), 0);
    r->extended_checksum--;
    assert_int_equal(acpi_find_rsdp(image_map, 0), SYN_RSDP);
    /* A revision 2 RSDP cannot claim to be shorter than its own layout. */
    r->length = ACPI_RSDP_V1_LEN;
    r->extended_checksum = 0;
    r->extended_checksum = -image_sum(r, sizeof(*r));
    assert_int_equal(acpi_find_rsdp(image_map, 0), 0);
}

static void test_rsdp_in_ebda(void **state)
{
    syn_image();
    *(uint16_t *)image_ptr(0x40e, 2) = SYN_EBDA >> 4;
    syn_rsdp(SYN_EBDA + 0x40, 0, SYN_TABLES, 0);
    syn_rsdp(SYN_RSDP, 0, SYN_TABLES, 0);
    /* The EBDA is searched before the BIOS area. */
    assert_int_equal(acpi_find_rsdp(image_map, 0), SYN_EBDA + 0x40);
    /* Not on a 16-byte boundary: invisible to the scan. */
    memset(image_ptr(SYN_EBDA + 0x40, 36), 0, 36);
    syn_rsdp(SYN_EBDA + 0x48, 0, SYN_TABLES, 0);
    assert_int_equal(acpi_find_rsdp(image_map, 0), SYN_RSDP);
}

static void test_table_bad_checksum(void **state)
{
    static const uint8_t body[8];
    struct acpi_tables t;
    paddr_t tbl[2];

    syn_image();
    tbl[0] = syn_table("AAAA", 1, body, sizeof(body));
    tbl[1] = syn_table("BBBB", 1, body, sizeof(body));
    syn_hdr(tbl[0])->checksum ^= 0x55;
    unit_printk_capture_start();
    syn_system(tbl, 2, &t);
    unit_printk_capture_stop();
    assert_non_null(strstr(unit_printk_captured(), "AAAA"));
    assert_null(acpi_find_table(&t, "AAAA", 0));
    assert_non_null(acpi_find_table(&t, "BBBB", 0));
    assert_int_equal(t.nr_tables, 1);
    assert_int_equal(t.nr_rejected, 1);
}

static void test_table_bad_length(void **state)
{
    static const uint8_t body[8];
    struct acpi_tables t;
    paddr_t tbl[4];

    syn_image();
    tbl[0] = syn_table("SHRT", 1, body, sizeof(body));
    tbl[1] = syn_table("HUGE", 1, body, sizeof(body));
    tbl[2] = syn_table("PAST", 1, body, sizeof(body));
    tbl[3] = SYN_TABLES + SYN_TABLES_LEN + 0x1000;      /* unmapped */
    syn_hdr(tbl[0])->length = 10;           /* shorter than the header */
    syn_hdr(tbl[1])->length = 0xfffffff0;
    syn_hdr(tbl[2])->length = SYN_TABLES_LEN;   /* runs off the mapping */
    unit_printk_capture_start();
    syn_system(tbl, 4, &t);
    unit_printk_capture_stop();
    assert_int_equal(t.nr_tables, 0);
    assert_int_equal(t.nr_rejected, 4);
}

static void test_xsdt_preferred(void **state)
{
    static const uint8_t body[8];
    struct acpi_tables t;
    paddr_t a, b, rsdt, xsdt;

    syn_image();
    a = syn_table("AAAA", 1, body, sizeof(body));
    b = syn_table("BBBB", 1, body, sizeof(body));
    rsdt = syn_root("RSDT", &a, 1);
    xsdt = syn_root("XSDT", &b, 1);
    syn_rsdp(SYN_RSDP, 2, rsdt, xsdt);

    assert_int_equal(acpi_tables_init(&t, SYN_RSDP, image_map), 0);
    assert_true(t.root_is_xsdt);
    assert_int_equal(t.root_pa, xsdt);
    assert_non_null(acpi_find_table(&t, "BBBB", 0));
    assert_null(acpi_find_table(&t, "AAAA", 0));
    unit_printk_capture_start();
    acpi_tables_print(&t);
    unit_printk_capture_stop();
    assert_non_null(strstr(unit_printk_captured(),
                           "ACPI: RSDP 000E1230, 0024 (r2 XENTST)\n"
                           "ACPI: XSDT 00100"));

    /* A corrupt XSDT is passed over for the RSDT. */
    syn_hdr(xsdt)->checksum++;
    unit_printk_capture_start();
    assert_int_equal(acpi_tables_init(&t, SYN_RSDP, image_map), 0);
    unit_printk_capture_stop();
    assert_false(t.root_is_xsdt);
    assert_int_equal(t.root_pa, rsdt);
    assert_non_null(acpi_find_table(&t, "AAAA", 0));
    assert_null(acpi_find_table(&t, "BBBB", 0));

    /* Neither usable. */
    syn_hdr(rsdt)->checksum++;
    unit_printk_capture_start();
    assert_int_equal(acpi_tables_init(&t, SYN_RSDP, image_map), -ENOENT);
    unit_printk_capture_stop();
    assert_int_equal(t.nr_tables, 0);
}

/* ---- MADT edge cases ---------------------------------------------------- */

struct madt_builder {
    uint8_t buf[8192];
    size_t len;
};

static void madt_start(struct madt_builder *b, uint32_t lapic, uint32_t flags)
{
    memcpy(b->buf, &lapic, 4);
    memcpy(b->buf + 4, &flags, 4);
    b->len = 8;
}

static void madt_put(struct madt_builder *b, const void *entry, size_t len)
{
    assert_true(b->len + len <= sizeof(b->buf));
    memcpy(b->buf + b->len, entry, len);
    b->len += len;
}

static void madt_lapic(struct madt_builder *b, uint8_t uid, uint8_t id,
                       uint32_t flags)
{
    struct acpi_madt_lapic e = {
        { ACPI_MADT_LAPIC, sizeof(e) }, uid, id, flags
    };

    madt_put(b, &e, sizeof(e));
}

static void madt_x2apic(struct madt_builder *b, uint32_t uid, uint32_t id,
                        uint32_t flags)
{
    struct acpi_madt_x2apic e = {
        { ACPI_MADT_X2APIC, sizeof(e) }, 0, id, flags, uid
    };

    madt_put(b, &e, sizeof(e));
}

static int madt_parse(const struct madt_builder *b, struct acpi_madt_info *m)
{
    struct acpi_tables t;
    paddr_t madt;
    int rc;

    syn_image();
    madt = syn_table("APIC", 5, b->buf, b->len);
    syn_system(&madt, 1, &t);
    unit_printk_capture_start();
    rc = acpi_parse_madt(&t, m);
    unit_printk_capture_stop();
    return rc;
}

static void test_madt_entry_zero_length(void **state)
{
    static const uint8_t zero[2] = { ACPI_MADT_LAPIC, 0 };
    struct madt_builder b;
    struct acpi_madt_info m;

    madt_start(&b, 0xfee00000, 0);
    madt_lapic(&b, 0, 0, ACPI_MADT_ENABLED);
    madt_put(&b, zero, sizeof(zero));
    madt_lapic(&b, 1, 1, ACPI_MADT_ENABLED);
    assert_int_equal(madt_parse(&b, &m), -EINVAL);
    assert_int_equal(m.nr_cpus, 0);         /* nothing half-parsed survives */
    assert_non_null(strstr(unit_printk_captured(), "malformed"));
}

static void test_madt_entry_past_end(void **state)
{
    static const uint8_t unknown[4] = { 0x7f, 40, 0, 0 };
    struct madt_builder b;
    struct acpi_madt_info m;

    madt_start(&b, 0xfee00000, 0);
    madt_lapic(&b, 0, 0, ACPI_MADT_ENABLED);
    madt_put(&b, unknown, sizeof(unknown));
    assert_int_equal(madt_parse(&b, &m), -EINVAL);

    /* A lone type byte with no room for the length byte. */
    madt_start(&b, 0xfee00000, 0);
    madt_lapic(&b, 0, 0, ACPI_MADT_ENABLED);
    madt_put(&b, unknown, 1);
    assert_int_equal(madt_parse(&b, &m), -EINVAL);
}

static void test_madt_entry_short_for_type(void **state)
{
    static const uint8_t short_ioapic[6] = { ACPI_MADT_IOAPIC, 6, 1, 0, 0, 0 };
    static const uint8_t unknown[3] = { 0x42, 3, 0 };
    struct madt_builder b;
    struct acpi_madt_info m;

    madt_start(&b, 0xfee00000, 0);
    madt_put(&b, unknown, sizeof(unknown));   /* unknown types are skipped */
    madt_lapic(&b, 0, 0, ACPI_MADT_ENABLED);
    assert_int_equal(madt_parse(&b, &m), 0);
    assert_int_equal(m.nr_cpus, 1);
    madt_put(&b, short_ioapic, sizeof(short_ioapic));
    assert_int_equal(madt_parse(&b, &m), -EINVAL);
}

static void test_madt_x2apic_and_overrides(void **state)
{
    struct acpi_madt_lapic_override lo = {
        { ACPI_MADT_LAPIC_OVERRIDE, sizeof(lo) }, 0, 0xfed40000
    };
    struct acpi_madt_x2apic_nmi nmi = {
        { ACPI_MADT_X2APIC_NMI, sizeof(nmi) }, ACPI_MADT_POLARITY_HIGH, 300, 1,
        { 0 }
    };
    struct madt_builder b;
    struct acpi_madt_info m;

    madt_start(&b, 0xfee00000, 0);
    madt_lapic(&b, 0, 0, ACPI_MADT_ENABLED);
    madt_lapic(&b, 1, 0xff, ACPI_MADT_ENABLED);     /* invalid ID: ignored */
    madt_lapic(&b, 2, 2, ACPI_MADT_ONLINE_CAPABLE);
    madt_x2apic(&b, 300, 0x100, ACPI_MADT_ENABLED);
    madt_x2apic(&b, 0, 0, ACPI_MADT_ENABLED);       /* duplicate of CPU 0 */
    madt_put(&b, &lo, sizeof(lo));
    madt_put(&b, &nmi, sizeof(nmi));
    assert_int_equal(madt_parse(&b, &m), 0);

    assert_false(m.pcat_compat);
    assert_int_equal(m.lapic_address, 0xfed40000);
    assert_int_equal(m.nr_cpus, 3);
    assert_false(m.cpu[1].enabled);
    assert_true(m.cpu[1].online_capable);
    assert_int_equal(m.cpu[2].apic_id, 0x100);
    assert_int_equal(m.cpu[2].acpi_uid, 300);
    assert_true(m.cpu[2].x2apic);
    assert_int_equal(m.nr_lapic_nmis, 1);
    assert_int_equal(m.lapic_nmi[0].acpi_uid, 300);
}

static void test_madt_overflow(void **state)
{
    struct madt_builder b;
    struct acpi_madt_info m;
    unsigned int i;

    madt_start(&b, 0xfee00000, ACPI_MADT_PCAT_COMPAT);
    for ( i = 0; i < ACPI_MAX_CPUS + 4; i++ )
        madt_x2apic(&b, i, i, ACPI_MADT_ENABLED);
    assert_int_equal(madt_parse(&b, &m), 0);
    assert_int_equal(m.nr_cpus, ACPI_MAX_CPUS);
    assert_int_equal(m.nr_dropped, 4);
    assert_int_equal(m.cpu[ACPI_MAX_CPUS - 1].apic_id, ACPI_MAX_CPUS - 1);
    assert_non_null(strstr(unit_printk_captured(), "4 entries"));
}

static void test_madt_missing_or_short(void **state)
{
    static const uint8_t body[4];
    struct acpi_tables t;
    struct acpi_madt_info m;
    paddr_t madt;

    syn_image();
    madt = syn_table("APIC", 1, body, sizeof(body));
    syn_system(&madt, 1, &t);
    assert_int_equal(acpi_parse_madt(&t, &m), -EINVAL);
    syn_system(NULL, 0, &t);
    assert_int_equal(acpi_parse_madt(&t, &m), -ENOENT);
}

/* ---- FADT edge cases ---------------------------------------------------- */

static void test_fadt_v1_and_short(void **state)
{
    struct acpi_table_fadt f = { };
    struct acpi_tables t;
    struct acpi_fadt_info info;
    paddr_t fadt;

    /* ACPI 1.0 layout claiming RESET_REG_SUP: no register to use. */
    f.flags = ACPI_FADT_RESET_REG_SUP | ACPI_FADT_HW_REDUCED;
    f.pm_tmr_blk = 0x408;
    f.pm_tmr_len = 4;
    f.dsdt = 0x12345;
    syn_image();
    fadt = syn_table("FACP", 1, &f.firmware_ctrl,
                     ACPI_FADT_V1_LEN - sizeof(f.header));
    syn_system(&fadt, 1, &t);
    assert_int_equal(acpi_parse_fadt(&t, &info), 0);
    assert_false(info.reset_supported);
    assert_true(info.hw_reduced);
    assert_int_equal(info.pm_tmr_port, 0);  /* ignored when HW-reduced */
    assert_int_equal(info.dsdt_pa, 0x12345);
    assert_int_equal(t.nr_tables, 1);       /* no DSDT there to list */

    syn_hdr(fadt)->length = ACPI_FADT_V1_LEN - 1;
    seal(syn_hdr(fadt));
    syn_system(&fadt, 1, &t);
    assert_int_equal(acpi_parse_fadt(&t, &info), -EINVAL);
}

static void test_hpet_bad_space(void **state)
{
    struct acpi_table_hpet h = { };
    struct acpi_tables t;
    struct acpi_hpet_info info;
    paddr_t hpet;

    h.address.space_id = ACPI_GAS_SYSTEM_IO;
    h.address.address = 0xfed00000;
    syn_image();
    hpet = syn_table("HPET", 1, &h.block_id, sizeof(h) - sizeof(h.header));
    syn_system(&hpet, 1, &t);
    assert_int_equal(acpi_parse_hpet(&t, &info), -EINVAL);
}

#define T(fn) cmocka_unit_test_teardown(fn, image_reset)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_q35_find_rsdp),
        T(test_q35_tables),
        T(test_q35_madt),
        T(test_q35_fadt),
        T(test_q35_hpet_mcfg),
        T(test_q35_print),
        T(test_pc),
        T(test_rsdp_bad_checksum),
        T(test_rsdp_bad_extended_checksum),
        T(test_rsdp_in_ebda),
        T(test_table_bad_checksum),
        T(test_table_bad_length),
        T(test_xsdt_preferred),
        T(test_madt_entry_zero_length),
        T(test_madt_entry_past_end),
        T(test_madt_entry_short_for_type),
        T(test_madt_x2apic_and_overrides),
        T(test_madt_overflow),
        T(test_madt_missing_or_short),
        T(test_fadt_v1_and_short),
        T(test_hpet_bad_space),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
