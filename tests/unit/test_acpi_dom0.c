/* SPDX-License-Identifier: GPL-2.0-only */
/* The dom0 RSDP/XSDT/MADT (xen/drivers/acpi/dom0_tables.c), built from captured
 * QEMU tables and hand-made hosts, then read back with the boot parsers. */
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

static const struct acpi_table_header *hdr_at(paddr_t pa)
{
    const struct acpi_table_header *h = image_map(pa, sizeof(*h));

    assert_non_null(h);
    return image_map(pa, h->length);
}

/* ---- Host machines ------------------------------------------------------- */

#define Q35_RSDP    0xf59e0
#define PC_RSDP     0xf59d0
#define DOM0_PA     0x30000000      /* free in both captures */
#define SYN_PA      0x40000000      /* hand-made host tables */
#define SYN_LEN     0x10000

static void load_host(const char *name, paddr_t rsdp, struct acpi_tables *t)
{
    image_load(name);
    assert_int_equal(acpi_tables_init(t, rsdp, image_map), 0);
    assert_int_equal(t->nr_rejected, 0);
}

static bool ok_all(paddr_t pa, size_t len)
{
    return true;
}

/* Build into a fresh region of exactly the advertised size at DOM0_PA. */
static int build(const struct acpi_tables *host, unsigned int nr,
                 acpi_dom0_table_ok_fn ok, paddr_t *rsdp)
{
    size_t len = acpi_dom0_tables_size(host, nr);
    uint8_t *buf;

    assert_true(len > sizeof(struct acpi_rsdp));
    buf = image_add(DOM0_PA, len);
    return acpi_dom0_build_tables(host, nr, ok, buf, len, DOM0_PA, rsdp);
}

/* ---- Checking a result --------------------------------------------------- */

static void check_rsdp(const struct acpi_tables *host, paddr_t pa)
{
    const struct acpi_rsdp *r = (const void *)image_ptr(pa, sizeof(*r));

    assert_int_equal(acpi_find_rsdp(image_map, pa), pa);
    assert_int_equal(pa % 16, 0);
    assert_int_equal(r->revision, 2);
    assert_int_equal(r->rsdt_address, 0);
    assert_int_equal(r->length, sizeof(*r));
    assert_int_equal(image_sum(r, ACPI_RSDP_V1_LEN), 0);
    assert_int_equal(image_sum(r, sizeof(*r)), 0);
    assert_memory_equal(r->oem_id, host->rsdp_oem_id, 6);
}

/* Identity copied from the host root, whether that is an RSDT or an XSDT. */
static void check_xsdt(const struct acpi_tables *host,
                       const struct acpi_tables *d)
{
    const struct acpi_table_header *x = hdr_at(d->root_pa);
    const struct acpi_table_header *h = hdr_at(host->root_pa);

    assert_true(d->root_is_xsdt);
    assert_int_equal(d->root_pa % 16, 0);
    assert_memory_equal(x->signature, "XSDT", 4);
    assert_int_equal(x->revision, 1);
    assert_int_equal(image_sum(x, x->length), 0);
    assert_int_equal((x->length - sizeof(*x)) % 8, 0);
    assert_memory_equal(x->oem_id, h->oem_id, 6);
    assert_memory_equal(x->oem_table_id, h->oem_table_id, 8);
    assert_int_equal(x->oem_revision, h->oem_revision);
    assert_memory_equal(x->asl_compiler_id, h->asl_compiler_id, 4);
    assert_int_equal(x->asl_compiler_revision, h->asl_compiler_revision);
}

static paddr_t xsdt_entry(const struct acpi_tables *d, unsigned int i)
{
    const struct acpi_table_xsdt *x = (const void *)hdr_at(d->root_pa);

    assert_true(i < (x->header.length - sizeof(x->header)) / 8);
    return x->entry[i];
}

static paddr_t host_pa_of(const struct acpi_tables *t, const char *sig)
{
    unsigned int i;

    for ( i = 0; i < t->nr_tables; i++ )
        if ( !memcmp(t->table[i].signature, sig, 4) )
            return t->table[i].pa;
    fail_msg("no %.4s", sig);
    return 0;
}

/* The new MADT listed first, the host's nowhere, the hidden tables gone. */
static void check_listing(const struct acpi_tables *host,
                          const struct acpi_tables *d)
{
    paddr_t host_madt = host_pa_of(host, "APIC");
    unsigned int i, n = (hdr_at(d->root_pa)->length - 36) / 8;

    assert_memory_equal(d->table[0].signature, "APIC", 4);
    assert_int_equal(d->table[0].pa, xsdt_entry(d, 0));
    assert_int_equal(d->table[0].pa % 16, 0);
    assert_null(acpi_find_table(d, "APIC", 1));
    for ( i = 0; i < n; i++ )
        assert_int_not_equal(xsdt_entry(d, i), host_madt);
    assert_null(acpi_find_table(d, "HPET", 0));
    assert_null(acpi_find_table(d, "WAET", 0));
    assert_non_null(acpi_find_table(d, "FACP", 0));
    assert_non_null(acpi_find_table(d, "DSDT", 0));    /* via the FADT */
    assert_int_equal(d->nr_rejected, 0);
}

/* No legacy LAPIC or LAPIC-NMI entries; the header is the host's. */
static void check_madt_raw(const struct acpi_tables *host,
                           const struct acpi_tables *d, unsigned int nr)
{
    const struct acpi_table_header *h = acpi_find_table(host, "APIC", 0);
    const struct acpi_table_header *m = acpi_find_table(d, "APIC", 0);
    const uint8_t *p = (const uint8_t *)m + sizeof(struct acpi_table_madt);
    const uint8_t *end = (const uint8_t *)m + m->length;
    unsigned int x2apics = 0;

    assert_int_equal(m->revision, min(h->revision, (uint8_t)4));
    assert_memory_equal(m->oem_id, h->oem_id, 6);
    assert_memory_equal(m->oem_table_id, h->oem_table_id, 8);
    assert_int_equal(m->oem_revision, h->oem_revision);
    for ( ; p < end; p += p[1] )
    {
        assert_true(p[1] >= 2 && p + p[1] <= end);
        assert_int_not_equal(p[0], ACPI_MADT_LAPIC);
        assert_int_not_equal(p[0], ACPI_MADT_LAPIC_NMI);
        assert_int_not_equal(p[0], ACPI_MADT_X2APIC_NMI);
        x2apics += p[0] == ACPI_MADT_X2APIC;
    }
    assert_int_equal(x2apics, nr);
}

static void check_madt(const struct acpi_tables *host,
                       const struct acpi_tables *d, unsigned int nr)
{
    struct acpi_madt_info hm, m;
    unsigned int i;

    assert_int_equal(acpi_parse_madt(host, &hm), 0);
    assert_int_equal(acpi_parse_madt(d, &m), 0);
    assert_int_equal(m.lapic_address, 0xfee00000);
    assert_false(m.pcat_compat);
    assert_int_equal(m.nr_cpus, nr);
    for ( i = 0; i < nr; i++ )
    {
        assert_int_equal(m.cpu[i].apic_id, 2 * i);
        assert_int_equal(m.cpu[i].acpi_uid, i);
        assert_true(m.cpu[i].enabled);
        assert_true(m.cpu[i].x2apic);
    }
    assert_int_equal(m.nr_ioapics, hm.nr_ioapics);
    for ( i = 0; i < hm.nr_ioapics; i++ )
    {
        assert_int_equal(m.ioapic[i].id, hm.ioapic[i].id);
        assert_int_equal(m.ioapic[i].address, hm.ioapic[i].address);
        assert_int_equal(m.ioapic[i].gsi_base, hm.ioapic[i].gsi_base);
    }
    assert_int_equal(m.nr_overrides, hm.nr_overrides);
    for ( i = 0; i < hm.nr_overrides; i++ )
    {
        assert_int_equal(m.override[i].bus, hm.override[i].bus);
        assert_int_equal(m.override[i].source_irq, hm.override[i].source_irq);
        assert_int_equal(m.override[i].gsi, hm.override[i].gsi);
        assert_int_equal(m.override[i].flags, hm.override[i].flags);
    }
    assert_int_equal(m.nr_lapic_nmis, 0);
    assert_int_equal(m.nr_dropped, 0);
    check_madt_raw(host, d, nr);
}

/* The FADT and MCFG dom0 reads are the host's own. */
static void check_host_tables(const struct acpi_tables *host,
                              const struct acpi_tables *d)
{
    struct acpi_fadt_info hf, f;
    struct acpi_mcfg_info hm, m;
    int rc = acpi_parse_mcfg(host, &hm);

    assert_int_equal(acpi_parse_fadt(host, &hf), 0);
    assert_int_equal(acpi_parse_fadt(d, &f), 0);
    assert_int_equal(f.dsdt_pa, hf.dsdt_pa);
    assert_int_equal(f.facs_pa, hf.facs_pa);
    assert_int_equal(f.sci_int, hf.sci_int);
    assert_int_equal(acpi_parse_mcfg(d, &m), rc);
    assert_int_equal(m.nr, hm.nr);
    if ( !rc )
        assert_int_equal(m.entry[0].address, hm.entry[0].address);
}

/* Everything a dom0 relies on, read back with the boot-time parsers. */
static void check_dom0(const struct acpi_tables *host, paddr_t rsdp,
                       unsigned int nr)
{
    struct acpi_tables d;

    check_rsdp(host, rsdp);
    assert_int_equal(acpi_tables_init(&d, rsdp, image_map), 0);
    check_xsdt(host, &d);
    check_listing(host, &d);
    check_madt(host, &d, nr);
    check_host_tables(host, &d);
}

/* ---- Captured QEMU machines ---------------------------------------------- */

static const unsigned int vcpu_counts[] = { 1, 2, 4, 64 };

static void run_machine(const char *name, paddr_t host_rsdp, bool has_mcfg)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(vcpu_counts); i++ )
    {
        struct acpi_tables host, d;
        paddr_t rsdp = 0;

        image_reset(NULL);
        load_host(name, host_rsdp, &host);
        assert_false(host.root_is_xsdt);    /* QEMU gives an RSDT only */
        assert_int_equal(build(&host, vcpu_counts[i], ok_all, &rsdp), 0);
        check_dom0(&host, rsdp, vcpu_counts[i]);
        assert_int_equal(acpi_tables_init(&d, rsdp, image_map), 0);
        assert_int_equal(acpi_find_table(&d, "MCFG", 0) != NULL, has_mcfg);
    }
}

static void test_q35(void **state)
{
    run_machine("acpi-q35-smp4.hex", Q35_RSDP, true);
}

static void test_pc(void **state)
{
    run_machine("acpi-pc-smp2.hex", PC_RSDP, false);
}

/* Which host ranges table_ok was asked about, and which it refuses. */
static paddr_t refused_pa;
static unsigned int nr_asked;
static struct { paddr_t pa; size_t len; } asked[ACPI_MAX_TABLES];

static bool ok_but_refused(paddr_t pa, size_t len)
{
    assert_true(nr_asked < ACPI_MAX_TABLES);
    asked[nr_asked].pa = pa;
    asked[nr_asked++].len = len;
    return pa != refused_pa;
}

static void expect_asked(const struct acpi_tables *host, const char *sig)
{
    paddr_t pa = host_pa_of(host, sig);
    unsigned int i;

    for ( i = 0; i < nr_asked; i++ )
        if ( asked[i].pa == pa )
        {
            assert_int_equal(asked[i].len, hdr_at(pa)->length);
            return;
        }
    fail_msg("table_ok not asked about %.4s", sig);
}

static void build_refusing(struct acpi_tables *host, const char *sig,
                           struct acpi_tables *d)
{
    paddr_t rsdp;

    image_reset(NULL);
    load_host("acpi-q35-smp4.hex", Q35_RSDP, host);
    refused_pa = host_pa_of(host, sig);
    nr_asked = 0;
    assert_int_equal(build(host, 2, ok_but_refused, &rsdp), 0);
    assert_int_equal(acpi_tables_init(d, rsdp, image_map), 0);
}

static void test_table_ok_drops(void **state)
{
    struct acpi_tables host, d;
    unsigned int i;

    build_refusing(&host, "MCFG", &d);
    assert_null(acpi_find_table(&d, "MCFG", 0));
    assert_non_null(acpi_find_table(&d, "FACP", 0));
    expect_asked(&host, "FACP");
    expect_asked(&host, "MCFG");
    /* Tables off the allow-list are dropped without asking. */
    for ( i = 0; i < nr_asked; i++ )
    {
        assert_int_not_equal(asked[i].pa, host_pa_of(&host, "HPET"));
        assert_int_not_equal(asked[i].pa, host_pa_of(&host, "APIC"));
    }

    /* Without the FADT, dom0 loses the DSDT reached through it as well. */
    build_refusing(&host, "FACP", &d);
    assert_null(acpi_find_table(&d, "FACP", 0));
    assert_null(acpi_find_table(&d, "DSDT", 0));
    assert_non_null(acpi_find_table(&d, "MCFG", 0));
    assert_int_equal(d.nr_tables, 2);       /* APIC, MCFG */
}

/* ---- Buffer and argument errors ------------------------------------------ */

/* A buffer outside the image, poisoned so that any write shows. */
static uint8_t *poisoned(size_t len)
{
    uint8_t *buf = malloc(len ? len : 1);

    assert_non_null(buf);
    memset(buf, 0xa5, len);
    return buf;
}

static void assert_untouched(const uint8_t *buf, size_t len)
{
    size_t i;

    for ( i = 0; i < len; i++ )
        assert_int_equal(buf[i], 0xa5);
}

static bool ok_none(paddr_t pa, size_t len)
{
    return false;
}

static void test_too_small(void **state)
{
    struct acpi_tables host;
    size_t len;
    uint8_t *buf;
    paddr_t rsdp = 0;

    load_host("acpi-q35-smp4.hex", Q35_RSDP, &host);
    len = acpi_dom0_tables_size(&host, 4);
    /* RSDP 48 + XSDT 64 (MADT, FACP, MCFG) + MADT 44 + 5 * 10 + 12 + 4 * 16 */
    assert_int_equal(len, 48 + 64 + 44 + 5 * 10 + 12 + 4 * 16);

    buf = poisoned(len - 1);
    assert_int_equal(acpi_dom0_build_tables(&host, 4, ok_all, buf, len - 1,
                                            DOM0_PA, &rsdp), -ENOSPC);
    assert_untouched(buf, len - 1);
    assert_int_equal(acpi_dom0_build_tables(&host, 4, ok_all, buf, 0,
                                            DOM0_PA, &rsdp), -ENOSPC);
    assert_untouched(buf, len - 1);
    assert_int_equal(rsdp, 0);

    /* Fewer host tables listed: the XSDT shrinks by a 16-byte step. */
    assert_int_equal(acpi_dom0_build_tables(&host, 4, ok_none, buf, len - 16,
                                            DOM0_PA, &rsdp), 0);
    assert_int_equal(rsdp, DOM0_PA);
    free(buf);

    buf = poisoned(len);
    assert_int_equal(acpi_dom0_build_tables(&host, 4, ok_all, buf, len,
                                            DOM0_PA, &rsdp), 0);
    assert_int_equal(buf[len - 1], 0);  /* uid 3's high byte: all used */
    free(buf);
}

static void test_no_host_madt(void **state)
{
    struct acpi_tables host;
    uint8_t *buf = poisoned(4096);
    unsigned int i, j = 0;
    paddr_t rsdp = 0;

    load_host("acpi-q35-smp4.hex", Q35_RSDP, &host);
    for ( i = 0; i < host.nr_tables; i++ )
        if ( memcmp(host.table[i].signature, "APIC", 4) )
            host.table[j++] = host.table[i];
    host.nr_tables = j;
    assert_null(acpi_find_table(&host, "APIC", 0));
    assert_int_equal(acpi_dom0_tables_size(&host, 2), 0);
    assert_int_equal(acpi_dom0_build_tables(&host, 2, ok_all, buf, 4096,
                                            DOM0_PA, &rsdp), -ENOENT);
    assert_untouched(buf, 4096);
    assert_int_equal(rsdp, 0);
    free(buf);
}

static void test_bad_arguments(void **state)
{
    struct acpi_tables host;
    const size_t len = 0x20000;
    uint8_t *buf = poisoned(len);
    paddr_t rsdp = 0;

    load_host("acpi-q35-smp4.hex", Q35_RSDP, &host);
    assert_int_equal(acpi_dom0_tables_size(&host, 0), 0);
    assert_int_equal(acpi_dom0_tables_size(&host, ACPI_DOM0_MAX_VCPUS + 1), 0);
    assert_int_equal(acpi_dom0_tables_size(NULL, 1), 0);
#define BUILD(nr, ok, b, pa, out) \
    acpi_dom0_build_tables(&host, nr, ok, b, len, pa, out)
    assert_int_equal(BUILD(0, ok_all, buf, DOM0_PA, &rsdp), -EINVAL);
    assert_int_equal(BUILD(ACPI_DOM0_MAX_VCPUS + 1, ok_all, buf, DOM0_PA,
                           &rsdp), -EINVAL);
    assert_int_equal(BUILD(1, NULL, buf, DOM0_PA, &rsdp), -EINVAL);
    assert_int_equal(BUILD(1, ok_all, NULL, DOM0_PA, &rsdp), -EINVAL);
    assert_int_equal(BUILD(1, ok_all, buf, DOM0_PA, NULL), -EINVAL);
    assert_int_equal(BUILD(1, ok_all, buf, DOM0_PA + 8, &rsdp), -EINVAL);
    assert_int_equal(BUILD(1, ok_all, buf, (paddr_t)-0x40, &rsdp), -EINVAL);
    assert_untouched(buf, len);
    assert_int_equal(rsdp, 0);

    /* The limit itself is fine. */
    assert_int_equal(BUILD(ACPI_DOM0_MAX_VCPUS, ok_all, buf, DOM0_PA, &rsdp),
                     0);
#undef BUILD
    free(buf);
}

/* ---- A host whose root is an XSDT ---------------------------------------- */

static void seal(struct acpi_table_header *h)
{
    h->checksum = 0;
    h->checksum = -image_sum(h, h->length);
}

static void put_rsdp(paddr_t at, const char *oem, paddr_t rsdt, paddr_t xsdt)
{
    struct acpi_rsdp *r = (void *)image_ptr(at, sizeof(*r));

    memcpy(r->signature, ACPI_RSDP_SIG, 8);
    memcpy(r->oem_id, oem, 6);
    r->revision = xsdt ? 2 : 0;
    r->rsdt_address = rsdt;
    r->length = sizeof(*r);
    r->xsdt_address = xsdt;
    r->checksum = -image_sum(r, ACPI_RSDP_V1_LEN);
    r->extended_checksum = -image_sum(r, sizeof(*r));
}

/* The RSDT's entries widened into an XSDT with an identity of its own. */
static paddr_t xsdt_from_rsdt(paddr_t rsdt_pa, paddr_t at)
{
    const struct acpi_table_rsdt *r = (const void *)hdr_at(rsdt_pa);
    unsigned int i, n = (r->header.length - sizeof(r->header)) / 4;
    struct acpi_table_xsdt *x = (void *)image_ptr(at, 36 + 8 * n);

    x->header = r->header;
    memcpy(x->header.signature, "XSDT", 4);
    x->header.length = 36 + 8 * n;
    memcpy(x->header.oem_id, "XOEMID", 6);
    memcpy(x->header.oem_table_id, "XSDTTEST", 8);
    x->header.oem_revision = 0x1234;
    memcpy(x->header.asl_compiler_id, "XASL", 4);
    x->header.asl_compiler_revision = 0x5678;
    for ( i = 0; i < n; i++ )
        x->entry[i] = r->entry[i];
    seal(&x->header);
    return at;
}

static void test_xsdt_host(void **state)
{
    struct acpi_tables rsdt_host, host, d;
    const struct acpi_table_header *x;
    paddr_t xsdt, rsdp;

    load_host("acpi-q35-smp4.hex", Q35_RSDP, &rsdt_host);
    image_add(SYN_PA, SYN_LEN);
    xsdt = xsdt_from_rsdt(rsdt_host.root_pa, SYN_PA + 0x40);
    put_rsdp(SYN_PA, "XOEMRS", rsdt_host.root_pa, xsdt);
    assert_int_equal(acpi_tables_init(&host, SYN_PA, image_map), 0);
    assert_true(host.root_is_xsdt);
    assert_int_equal(host.root_pa, xsdt);

    assert_int_equal(build(&host, 4, ok_all, &rsdp), 0);
    check_dom0(&host, rsdp, 4);
    assert_memory_equal(image_ptr(rsdp, 36) + 9, "XOEMRS", 6);
    assert_int_equal(acpi_tables_init(&d, rsdp, image_map), 0);
    x = hdr_at(d.root_pa);
    assert_memory_equal(x->oem_id, "XOEMID", 6);
    assert_memory_equal(x->oem_table_id, "XSDTTEST", 8);
    assert_int_equal(x->oem_revision, 0x1234);
    assert_memory_equal(x->asl_compiler_id, "XASL", 4);
    assert_int_equal(x->asl_compiler_revision, 0x5678);
    assert_non_null(acpi_find_table(&d, "MCFG", 0));
}

/* ---- Hand-made host MADTs ------------------------------------------------ */

struct madt_builder {
    uint8_t buf[1024];
    size_t len;
};

static void madt_put(struct madt_builder *b, const void *entry, size_t len)
{
    assert_true(b->len + len <= sizeof(b->buf));
    memcpy(b->buf + b->len, entry, len);
    b->len += len;
}

/* A host with one RSDT listing only this MADT, all in the SYN region. */
static void syn_host(const struct madt_builder *b, uint8_t rev,
                     struct acpi_tables *t)
{
    struct acpi_table_header *h;
    struct acpi_table_rsdt *r;

    image_reset(NULL);
    image_add(SYN_PA, SYN_LEN);
    h = (void *)image_ptr(SYN_PA + 0x101, sizeof(*h) + b->len);
    memcpy(h->signature, "APIC", 4);
    h->length = sizeof(*h) + b->len;
    h->revision = rev;
    memcpy(h->oem_id, "XENTST", 6);
    memcpy(h->oem_table_id, "MADTTEST", 8);
    memcpy(h + 1, b->buf, b->len);
    seal(h);
    r = (void *)image_ptr(SYN_PA + 0x43, sizeof(*r) + 4);
    memcpy(r->header.signature, "RSDT", 4);
    r->header.length = sizeof(*r) + 4;
    r->header.revision = 1;
    r->entry[0] = SYN_PA + 0x101;
    seal(&r->header);
    put_rsdp(SYN_PA, "XENTST", SYN_PA + 0x43, 0);
    assert_int_equal(acpi_tables_init(t, SYN_PA, image_map), 0);
    assert_int_equal(t->nr_tables, 1);
}

static const struct acpi_madt_ioapic io1 = {
    { ACPI_MADT_IOAPIC, 12 }, 1, 0, 0xfec00000, 0
};
static const struct acpi_madt_int_override irq0 = {
    { ACPI_MADT_INT_OVERRIDE, 10 }, 0, 0, 2, 0
};
static const struct acpi_madt_nmi_source nmi7 = {
    { ACPI_MADT_NMI_SOURCE, 8 },
    ACPI_MADT_POLARITY_LOW | ACPI_MADT_TRIGGER_LEVEL, 7
};
static const struct acpi_madt_ioapic io2 = {
    { ACPI_MADT_IOAPIC, 12 }, 2, 0, 0xfec01000, 24
};

/* Host entries of every kind, some dom0 must not see, one over-long. */
static void mixed_madt(struct madt_builder *b)
{
    static const uint32_t head[2] = { 0xfee00000, ACPI_MADT_PCAT_COMPAT };
    static const struct acpi_madt_lapic cpu0 = {
        { ACPI_MADT_LAPIC, 8 }, 0, 0, ACPI_MADT_ENABLED
    };
    static const struct acpi_madt_lapic_nmi lnmi = {
        { ACPI_MADT_LAPIC_NMI, 6 }, 0xff, 5, 1
    };
    static const struct acpi_madt_x2apic_nmi xnmi = {
        { ACPI_MADT_X2APIC_NMI, 12 }, 5, 0xffffffff, 1, { 0 }
    };
    static const uint8_t unknown[5] = { 0x7f, 5, 1, 2, 3 };
    uint8_t io2_long[16];

    /* Longer than the spec's 12 bytes, junk in 'reserved' and beyond. */
    memcpy(io2_long, &io2, 12);
    memset(io2_long + 12, 0xee, 4);
    io2_long[1] = 16;
    io2_long[3] = 0x55;

    b->len = 0;
    madt_put(b, head, sizeof(head));
    madt_put(b, &cpu0, sizeof(cpu0));
    madt_put(b, &io1, sizeof(io1));
    madt_put(b, unknown, sizeof(unknown));
    madt_put(b, &irq0, sizeof(irq0));
    madt_put(b, &lnmi, sizeof(lnmi));
    madt_put(b, &nmi7, sizeof(nmi7));
    madt_put(b, io2_long, sizeof(io2_long));
    madt_put(b, &xnmi, sizeof(xnmi));
}

static void test_madt_entries_passed(void **state)
{
    struct madt_builder b, want;
    struct acpi_tables host, d;
    struct acpi_madt_info m;
    const uint8_t *madt;
    paddr_t rsdp;

    mixed_madt(&b);
    syn_host(&b, 5, &host);
    assert_int_equal(build(&host, 3, ok_all, &rsdp), 0);
    assert_int_equal(acpi_tables_init(&d, rsdp, image_map), 0);
    assert_int_equal(d.nr_tables, 1);
    check_madt_raw(&host, &d, 3);
    madt = (const void *)acpi_find_table(&d, "APIC", 0);
    assert_int_equal(madt[8], 4);              /* revision 5 capped */

    /* IO-APICs, overrides and NMI sources in host order, then the CPUs. */
    want.len = 0;
    madt_put(&want, &io1, sizeof(io1));
    madt_put(&want, &irq0, sizeof(irq0));
    madt_put(&want, &nmi7, sizeof(nmi7));
    madt_put(&want, &io2, sizeof(io2));
    assert_int_equal(((const struct acpi_table_header *)madt)->length,
                     44 + want.len + 3 * 16);
    assert_memory_equal(madt + 44, want.buf, want.len);

    assert_int_equal(acpi_parse_madt(&d, &m), 0);
    assert_int_equal(m.nr_ioapics, 2);
    assert_int_equal(m.ioapic[1].gsi_base, 24);
    assert_int_equal(m.nr_overrides, 1);
    assert_int_equal(m.nr_lapic_nmis, 0);
    assert_int_equal(m.nr_cpus, 3);
    assert_int_equal(m.cpu[2].apic_id, 4);
    assert_false(m.pcat_compat);
}

static void expect_malformed(const struct madt_builder *b)
{
    struct acpi_tables host;
    uint8_t *buf = poisoned(4096);
    paddr_t rsdp = 0;

    syn_host(b, 1, &host);
    assert_int_equal(acpi_dom0_tables_size(&host, 1), 0);
    assert_int_equal(acpi_dom0_build_tables(&host, 1, ok_all, buf, 4096,
                                            DOM0_PA, &rsdp), -EINVAL);
    assert_untouched(buf, 4096);
    free(buf);
}

static void test_madt_malformed(void **state)
{
    static const uint8_t short_io[6] = { ACPI_MADT_IOAPIC, 6, 1, 0, 0, 0 };
    static const uint8_t short_nmi[6] = { ACPI_MADT_NMI_SOURCE, 6 };
    static const uint8_t zero_len[2] = { 0x7f, 0 };
    static const uint8_t past_end[4] = { 0x7f, 40 };
    static const uint8_t lone_type[1] = { ACPI_MADT_IOAPIC };
    static const struct { const uint8_t *e; size_t len; } bad[] = {
        { short_io, sizeof(short_io) }, { short_nmi, sizeof(short_nmi) },
        { zero_len, sizeof(zero_len) }, { past_end, sizeof(past_end) },
        { lone_type, sizeof(lone_type) },
    };
    struct madt_builder b;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        mixed_madt(&b);
        madt_put(&b, bad[i].e, bad[i].len);
        expect_malformed(&b);
    }
    /* Shorter than the fixed MADT fields. */
    b.len = 4;
    expect_malformed(&b);
}

#define T(fn) cmocka_unit_test_teardown(fn, image_reset)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_q35),
        T(test_pc),
        T(test_table_ok_drops),
        T(test_too_small),
        T(test_no_host_madt),
        T(test_bad_arguments),
        T(test_xsdt_host),
        T(test_madt_entries_passed),
        T(test_madt_malformed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
