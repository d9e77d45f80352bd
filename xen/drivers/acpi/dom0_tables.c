/* SPDX-License-Identifier: GPL-2.0-only */
/* The ACPI tables a PVH dom0 boots from: a new RSDP, XSDT and MADT built from
 * the host's, with the host's other allowed tables left where they are. */

/*
 * Dom0 must see its own vCPUs (x2APIC IDs 2*i, as the vLAPIC reports) rather
 * than the host's CPUs, and must not see tables describing hardware the
 * hypervisor keeps (IOMMUs, HPET, NUMA). So it gets a fresh MADT, and a fresh
 * XSDT listing that MADT plus the host tables on an allow-list; the FADT
 * still leads to the host DSDT and FACS.
 *
 * The host MADT is untrusted input: it is walked once to size the result and
 * again, identically, to copy it, with every entry bounds-checked. All sizes
 * are known before the first byte of the caller's buffer is written, so an
 * error leaves the buffer untouched.
 *
 * Buffer layout, each table at a 16-byte aligned offset:
 *     RSDP (36 bytes) | XSDT (36 + 8 * entries) | MADT (44 + entries)
 */
#include <xen/acpi.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

#define DOM0_LAPIC_ADDRESS      0xfee00000u
#define DOM0_MADT_MAX_REVISION  4
#define DOM0_XSDT_REVISION      1
#define DOM0_RSDP_REVISION      2

/* Host tables dom0 may see; the DSDT and FACS are reached via the FADT. */
static const char allowed_sigs[][4] = {
    "FACP", "PSDT", "SSDT", "SBST", "MCFG",
    "SLIC", "MSDM", "WDAT", "FPDT", "S3PT",
};

struct dom0_layout {
    const struct acpi_table_madt *host_madt;
    const struct acpi_table_header *host_root;
    size_t madt_entries;            /* bytes of host entries passed on */
    unsigned int nr_listed;         /* host tables in the XSDT */
    size_t xsdt_off, madt_off, total;
};

static void seal(struct acpi_table_header *h)
{
    h->checksum = 0;
    h->checksum = -acpi_checksum(h, h->length);
}

static bool table_allowed(const struct acpi_table_desc *d,
                          acpi_dom0_table_ok_fn table_ok)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(allowed_sigs); i++ )
        if ( !memcmp(d->signature, allowed_sigs[i], 4) )
            return !table_ok || table_ok(d->pa, d->length);
    return false;
}

/* Size of the entry dom0 gets for a host entry of this type; 0 = dropped. */
static size_t passed_entry_len(u8 type)
{
    switch ( type )
    {
    case ACPI_MADT_IOAPIC:
        return sizeof(struct acpi_madt_ioapic);
    case ACPI_MADT_INT_OVERRIDE:
        return sizeof(struct acpi_madt_int_override);
    case ACPI_MADT_NMI_SOURCE:
        return sizeof(struct acpi_madt_nmi_source);
    default:
        return 0;
    }
}

/* Only the spec's fields are copied: any longer host entry is cut short. */
static void entry_copy(u8 *dst, const struct acpi_madt_entry_header *e,
                       size_t len)
{
    memcpy(dst, e, len);
    dst[1] = len;
    if ( e->type == ACPI_MADT_IOAPIC )
        ((struct acpi_madt_ioapic *)dst)->reserved = 0;
}

/*
 * Walk the host MADT's entries, passing IO-APICs, interrupt source overrides
 * and NMI sources in host order to 'out' (if not NULL), which has room for
 * 'room' bytes. Sets *len to the bytes they take; -EINVAL if an entry is
 * malformed or they do not fit.
 */
static int host_entries(const struct acpi_table_madt *madt, u8 *out,
                        size_t room, size_t *len)
{
    const u8 *p = (const u8 *)(madt + 1);
    const u8 *end = (const u8 *)madt + madt->header.length;

    *len = 0;
    while ( p < end )
    {
        const struct acpi_madt_entry_header *e = (const void *)p;
        size_t left = end - p, want;

        if ( left < sizeof(*e) || e->length < sizeof(*e) || e->length > left )
            return -EINVAL;
        want = passed_entry_len(e->type);
        if ( e->length < want || want > room - *len )
            return -EINVAL;
        if ( want && out )
            entry_copy(out + *len, e, want);
        *len += want;
        p += e->length;
    }
    return 0;
}

static unsigned int count_listed(const struct acpi_tables *host,
                                 acpi_dom0_table_ok_fn table_ok)
{
    unsigned int i, n = 0;

    for ( i = 0; i < host->nr_tables; i++ )
        n += table_allowed(&host->table[i], table_ok);
    return n;
}

/* Find the host tables and size everything; table_ok NULL keeps them all. */
static int layout(const struct acpi_tables *host, unsigned int nr_vcpus,
                  acpi_dom0_table_ok_fn table_ok, struct dom0_layout *l)
{
    size_t xsdt_len, madt_len;

    if ( !host || !host->map || !nr_vcpus || nr_vcpus > ACPI_DOM0_MAX_VCPUS )
        return -EINVAL;
    l->host_madt = (const void *)acpi_find_table(host, "APIC", 0);
    if ( !l->host_madt )
        return -ENOENT;
    if ( l->host_madt->header.length < sizeof(*l->host_madt) ||
         host_entries(l->host_madt, NULL, SIZE_MAX, &l->madt_entries) )
        return -EINVAL;
    l->host_root = host->root_pa ? host->map(host->root_pa,
                                             sizeof(*l->host_root))
                                 : NULL;
    if ( !l->host_root )
        return -EINVAL;

    l->nr_listed = count_listed(host, table_ok);
    xsdt_len = sizeof(struct acpi_table_header) + 8 * (1 + l->nr_listed);
    madt_len = sizeof(struct acpi_table_madt) + l->madt_entries +
               nr_vcpus * sizeof(struct acpi_madt_x2apic);
    l->xsdt_off = ROUNDUP(sizeof(struct acpi_rsdp), ACPI_DOM0_TABLE_ALIGN);
    l->madt_off = l->xsdt_off + ROUNDUP(xsdt_len, ACPI_DOM0_TABLE_ALIGN);
    l->total = l->madt_off + madt_len;
    return 0;
}

size_t acpi_dom0_tables_size(const struct acpi_tables *host,
                             unsigned int nr_vcpus)
{
    struct dom0_layout l;

    return layout(host, nr_vcpus, NULL, &l) ? 0 : l.total;
}

static void write_x2apics(struct acpi_madt_x2apic *x, unsigned int nr_vcpus)
{
    unsigned int i;

    for ( i = 0; i < nr_vcpus; i++ )
    {
        x[i].header.type = ACPI_MADT_X2APIC;
        x[i].header.length = sizeof(x[i]);
        x[i].reserved = 0;
        x[i].x2apic_id = 2 * i;     /* what dom0's vLAPICs report */
        x[i].flags = ACPI_MADT_ENABLED;
        x[i].processor_uid = i;
    }
}

/* The host's header and IO-APIC/override/NMI-source entries, dom0's CPUs. */
static void write_madt(const struct dom0_layout *l, unsigned int nr_vcpus,
                       u8 *buf)
{
    struct acpi_table_madt *madt = (void *)(buf + l->madt_off);
    u8 *entries = (u8 *)(madt + 1);
    size_t len;

    madt->header = l->host_madt->header;
    madt->header.length = l->total - l->madt_off;
    madt->header.revision = min(madt->header.revision,
                                (u8)DOM0_MADT_MAX_REVISION);
    madt->lapic_address = DOM0_LAPIC_ADDRESS;
    madt->flags = 0;                /* no 8259s for dom0: no PCAT_COMPAT */
    /* Cannot fail: layout() walked the same entries. */
    host_entries(l->host_madt, entries, l->madt_entries, &len);
    write_x2apics((void *)(entries + len), nr_vcpus);
    seal(&madt->header);
}

/* The host root's identity under the XSDT name, even if the host's is an
 * RSDT; the new MADT first, then the host tables dom0 may see. */
static void write_xsdt(const struct acpi_tables *host,
                       acpi_dom0_table_ok_fn table_ok,
                       const struct dom0_layout *l, u8 *buf, paddr_t buf_pa)
{
    struct acpi_table_xsdt *xsdt = (void *)(buf + l->xsdt_off);
    unsigned int i, n = 0;

    xsdt->header = *l->host_root;
    memcpy(xsdt->header.signature, "XSDT", 4);
    xsdt->header.length = sizeof(xsdt->header) + 8 * (1 + l->nr_listed);
    xsdt->header.revision = DOM0_XSDT_REVISION;
    xsdt->entry[n++] = buf_pa + l->madt_off;
    for ( i = 0; i < host->nr_tables; i++ )
        if ( table_allowed(&host->table[i], table_ok) )
            xsdt->entry[n++] = host->table[i].pa;
    ASSERT(n == 1 + l->nr_listed);
    seal(&xsdt->header);
}

static void write_rsdp(const struct acpi_tables *host, paddr_t xsdt_pa,
                       struct acpi_rsdp *rsdp)
{
    memcpy(rsdp->signature, ACPI_RSDP_SIG, sizeof(rsdp->signature));
    memcpy(rsdp->oem_id, host->rsdp_oem_id, sizeof(rsdp->oem_id));
    rsdp->revision = DOM0_RSDP_REVISION;
    rsdp->rsdt_address = 0;
    rsdp->length = sizeof(*rsdp);
    rsdp->xsdt_address = xsdt_pa;
    memset(rsdp->reserved, 0, sizeof(rsdp->reserved));
    rsdp->checksum = 0;
    rsdp->extended_checksum = 0;
    rsdp->checksum = -acpi_checksum(rsdp, ACPI_RSDP_V1_LEN);
    rsdp->extended_checksum = -acpi_checksum(rsdp, sizeof(*rsdp));
}

int acpi_dom0_build_tables(const struct acpi_tables *host,
                           unsigned int nr_vcpus,
                           acpi_dom0_table_ok_fn table_ok, void *buf,
                           size_t buf_len, paddr_t buf_pa, paddr_t *rsdp_pa)
{
    struct dom0_layout l;
    int rc;

    if ( !table_ok || !buf || !rsdp_pa ||
         !IS_ALIGNED(buf_pa, ACPI_DOM0_TABLE_ALIGN) )
        return -EINVAL;
    rc = layout(host, nr_vcpus, table_ok, &l);
    if ( rc )
        return rc;
    if ( buf_len < l.total )
        return -ENOSPC;
    if ( buf_pa + l.total < buf_pa )
        return -EINVAL;

    memset(buf, 0, l.total);        /* padding between the tables too */
    write_madt(&l, nr_vcpus, buf);
    write_xsdt(host, table_ok, &l, buf, buf_pa);
    write_rsdp(host, buf_pa + l.xsdt_off, buf);
    *rsdp_pa = buf_pa;
    return 0;
}
