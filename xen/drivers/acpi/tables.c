/* SPDX-License-Identifier: GPL-2.0-only */
/* Boot-time ACPI table discovery (RSDP, RSDT/XSDT) and parsing of the static
 * tables Xen itself needs (MADT, FADT, HPET, MCFG); AML is left to dom0. */

/*
 * Firmware tables are untrusted input: nothing here follows a length, count or
 * offset without first checking it against the mapped size of the table that
 * holds it. All physical memory is reached through the caller's map hook,
 * which keeps this file free of hardware access and testable on the host.
 *
 * acpi_tables_init() validates each table once (length and checksum) and
 * records its address; the parsers then re-map recorded tables only, so they
 * need check nothing but each table's internal structure.
 */
#include <xen/acpi.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

/* No real table comes near this; a larger length means corruption. */
#define ACPI_MAX_TABLE_LEN  (16u << 20)

/* Bounds an RSDP's self-declared length: the ACPI 2.0+ layout is 36 bytes. */
#define ACPI_MAX_RSDP_LEN   0x1000

#define BDA_EBDA_SEGMENT    0x40e
#define EBDA_SCAN_LEN       0x400
#define BIOS_AREA_START     0xe0000
#define BIOS_AREA_LEN       0x20000

u8 acpi_checksum(const void *p, size_t len)
{
    const u8 *b = p;
    u8 sum = 0;

    while ( len-- )
        sum += *b++;
    return sum;
}

static const struct acpi_rsdp *rsdp_map(acpi_map_fn map, paddr_t pa)
{
    const struct acpi_rsdp *rsdp = map(pa, ACPI_RSDP_V1_LEN);

    if ( !rsdp || memcmp(rsdp->signature, ACPI_RSDP_SIG, 8) ||
         acpi_checksum(rsdp, ACPI_RSDP_V1_LEN) )
        return NULL;
    if ( rsdp->revision < 2 )
        return rsdp;

    /* ACPI 2.0+: the extension must be intact too. */
    rsdp = map(pa, sizeof(*rsdp));
    if ( !rsdp || rsdp->length < sizeof(*rsdp) ||
         rsdp->length > ACPI_MAX_RSDP_LEN )
        return NULL;
    rsdp = map(pa, rsdp->length);
    if ( !rsdp || acpi_checksum(rsdp, rsdp->length) )
        return NULL;
    return rsdp;
}

/* Scan [start, start+len) on 16-byte boundaries, as the spec requires. */
static paddr_t rsdp_scan(acpi_map_fn map, paddr_t start, size_t len)
{
    const char *area = map(start, len);
    size_t off;

    if ( !area )
        return 0;
    for ( off = 0; off + ACPI_RSDP_V1_LEN <= len; off += 16 )
        if ( !memcmp(area + off, ACPI_RSDP_SIG, 8) &&
             rsdp_map(map, start + off) )
            return start + off;
    return 0;
}

paddr_t acpi_find_rsdp(acpi_map_fn map, paddr_t hint)
{
    const u16 *ebda_seg;
    paddr_t pa;

    if ( hint )
    {
        if ( rsdp_map(map, hint) )
            return hint;
        printk(XENLOG_WARNING "ACPI: RSDP at %#lx is invalid, scanning\n",
               (unsigned long)hint);
    }

    ebda_seg = map(BDA_EBDA_SEGMENT, sizeof(*ebda_seg));
    if ( ebda_seg )
    {
        pa = (paddr_t)*ebda_seg << 4;
        /* Only an EBDA in conventional memory below the BIOS area is real. */
        if ( pa >= 0x400 && pa + EBDA_SCAN_LEN <= 0xa0000 )
        {
            pa = rsdp_scan(map, pa, EBDA_SCAN_LEN);
            if ( pa )
                return pa;
        }
    }

    return rsdp_scan(map, BIOS_AREA_START, BIOS_AREA_LEN);
}

/* Map a whole table after checking its length, checksum and signature. */
static const struct acpi_table_header *table_map(acpi_map_fn map, paddr_t pa,
                                                 const char *sig)
{
    const struct acpi_table_header *h = map(pa, sizeof(*h)), *full;
    u32 len;

    if ( !h )
    {
        printk(XENLOG_WARNING "ACPI: table at %#lx is not mappable\n",
               (unsigned long)pa);
        return NULL;
    }
    len = h->length;
    if ( sig && memcmp(h->signature, sig, 4) )
        return NULL;
    if ( len < sizeof(*h) || len > ACPI_MAX_TABLE_LEN || pa + len < pa )
    {
        printk(XENLOG_WARNING "ACPI: %.4s at %#lx: bad length %#x, ignored\n",
               h->signature, (unsigned long)pa, len);
        return NULL;
    }
    full = map(pa, len);
    if ( !full || acpi_checksum(full, len) )
    {
        printk(XENLOG_WARNING "ACPI: %.4s at %#lx: %s, ignored\n",
               h->signature, (unsigned long)pa,
               full ? "bad checksum" : "not mappable");
        return NULL;
    }
    return full;
}

static const struct acpi_table_header *table_add(struct acpi_tables *t,
                                                 paddr_t pa)
{
    const struct acpi_table_header *h = table_map(t->map, pa, NULL);
    struct acpi_table_desc *d;

    if ( !h )
        goto reject;
    if ( t->nr_tables == ACPI_MAX_TABLES )
    {
        printk(XENLOG_WARNING "ACPI: %.4s at %#lx: table list full\n",
               h->signature, (unsigned long)pa);
        goto reject;
    }
    d = &t->table[t->nr_tables++];
    d->pa = pa;
    memcpy(d->signature, h->signature, 4);
    d->length = h->length;
    return h;

 reject:
    t->nr_rejected++;
    return NULL;
}

/* The DSDT is reached only through the FADT; list it right after it. */
static void fadt_add_dsdt(struct acpi_tables *t,
                          const struct acpi_table_header *fadt_hdr)
{
    struct acpi_table_fadt f = { };
    paddr_t dsdt;

    memcpy(&f, fadt_hdr, min((size_t)fadt_hdr->length, sizeof(f)));
    dsdt = f.x_dsdt ? f.x_dsdt : f.dsdt;
    if ( dsdt && table_map(t->map, dsdt, "DSDT") )
        table_add(t, dsdt);
}

static void root_walk(struct acpi_tables *t,
                      const struct acpi_table_header *root, size_t entsz)
{
    const u8 *entries = (const u8 *)root + sizeof(*root);
    size_t i, n = (root->length - sizeof(*root)) / entsz;

    for ( i = 0; i < n; i++ )
    {
        u64 pa = 0;
        const struct acpi_table_header *h;

        /* Entries are little-endian and need not be aligned. */
        memcpy(&pa, entries + i * entsz, entsz);
        if ( !pa )
            continue;
        h = table_add(t, pa);
        if ( h && !memcmp(h->signature, "FACP", 4) )
            fadt_add_dsdt(t, h);
    }
}

int acpi_tables_init(struct acpi_tables *t, paddr_t rsdp_pa, acpi_map_fn map)
{
    const struct acpi_rsdp *rsdp;
    const struct acpi_table_header *root = NULL;

    memset(t, 0, sizeof(*t));
    t->map = map;
    rsdp = rsdp_map(map, rsdp_pa);
    if ( !rsdp )
        return -EINVAL;
    t->rsdp_pa = rsdp_pa;
    t->rsdp_revision = rsdp->revision;
    memcpy(t->rsdp_oem_id, rsdp->oem_id, sizeof(t->rsdp_oem_id));

    if ( rsdp->revision >= 2 && rsdp->xsdt_address )
    {
        root = table_map(map, rsdp->xsdt_address, "XSDT");
        if ( root )
        {
            t->root_pa = rsdp->xsdt_address;
            t->root_is_xsdt = true;
        }
        else
            printk(XENLOG_WARNING "ACPI: XSDT unusable, trying RSDT\n");
    }
    if ( !root && rsdp->rsdt_address )
    {
        root = table_map(map, rsdp->rsdt_address, "RSDT");
        t->root_pa = rsdp->rsdt_address;
    }
    if ( !root )
    {
        printk(XENLOG_ERR "ACPI: no valid RSDT or XSDT\n");
        t->root_pa = 0;
        return -ENOENT;
    }

    root_walk(t, root, t->root_is_xsdt ? sizeof(u64) : sizeof(u32));
    return 0;
}

const struct acpi_table_header *acpi_find_table(const struct acpi_tables *t,
                                                const char sig[4],
                                                unsigned int instance)
{
    unsigned int i;

    for ( i = 0; i < t->nr_tables; i++ )
    {
        const struct acpi_table_desc *d = &t->table[i];

        if ( memcmp(d->signature, sig, 4) || instance-- )
            continue;
        return t->map(d->pa, d->length);
    }
    return NULL;
}

/* Firmware pads these fields with spaces but may use NULs or junk. */
static const char *fixed_str(char *buf, const char *src, size_t n)
{
    size_t i;

    for ( i = 0; i < n; i++ )
        buf[i] = (src[i] >= 0x20 && src[i] < 0x7f) ? src[i] : ' ';
    buf[n] = '\0';
    return buf;
}

static void print_table(paddr_t pa, const struct acpi_table_header *h)
{
    char sig[5], oem[7], tbl[9], asl[5];

    printk("ACPI: %s %08lX, %04X (r%u %s %s %08X %s %08X)\n",
           fixed_str(sig, h->signature, 4), (unsigned long)pa, h->length,
           h->revision, fixed_str(oem, h->oem_id, 6),
           fixed_str(tbl, h->oem_table_id, 8), h->oem_revision,
           fixed_str(asl, h->asl_compiler_id, 4), h->asl_compiler_revision);
}

/* The FACS has no checksummed header, so it is shown but never listed. */
static void print_facs(const struct acpi_tables *t)
{
    struct acpi_fadt_info fadt;
    const struct {
        char signature[4];
        u32 length;
    } __packed *facs;
    char sig[5];

    if ( acpi_parse_fadt(t, &fadt) || !fadt.facs_pa )
        return;
    facs = t->map(fadt.facs_pa, sizeof(*facs));
    if ( facs )
        printk("ACPI: %s %08lX, %04X\n", fixed_str(sig, facs->signature, 4),
               (unsigned long)fadt.facs_pa, facs->length);
}

void acpi_tables_print(const struct acpi_tables *t)
{
    const struct acpi_rsdp *rsdp;
    const struct acpi_table_header *h;
    char oem[7];
    unsigned int i;

    if ( !t->rsdp_pa )
        return;
    rsdp = t->map(t->rsdp_pa, t->rsdp_revision >= 2 ? sizeof(*rsdp)
                                                    : ACPI_RSDP_V1_LEN);
    if ( !rsdp )
        return;
    printk("ACPI: RSDP %08lX, %04X (r%u %s)\n", (unsigned long)t->rsdp_pa,
           t->rsdp_revision >= 2 ? rsdp->length : ACPI_RSDP_V1_LEN,
           t->rsdp_revision, fixed_str(oem, t->rsdp_oem_id, 6));

    h = t->root_pa ? t->map(t->root_pa, sizeof(*h)) : NULL;
    if ( h )
        print_table(t->root_pa, h);

    for ( i = 0; i < t->nr_tables; i++ )
    {
        h = t->map(t->table[i].pa, sizeof(*h));
        if ( !h )
            continue;
        print_table(t->table[i].pa, h);
        /* Xen shows the FACS after the DSDT, both reached from the FADT. */
        if ( !memcmp(h->signature, "DSDT", 4) )
            print_facs(t);
    }
}

/* ---- MADT ---------------------------------------------------------------- */

static void madt_add_cpu(struct acpi_madt_info *out, u32 apic_id, u32 uid,
                         u32 flags, bool x2apic)
{
    struct acpi_madt_cpu *cpu;
    unsigned int i;

    /* Firmware may list a CPU both as LAPIC and x2APIC: keep the first. */
    for ( i = 0; i < out->nr_cpus; i++ )
        if ( out->cpu[i].apic_id == apic_id )
            return;
    if ( out->nr_cpus == ACPI_MAX_CPUS )
    {
        out->nr_dropped++;
        return;
    }
    cpu = &out->cpu[out->nr_cpus++];
    cpu->apic_id = apic_id;
    cpu->acpi_uid = uid;
    cpu->enabled = flags & ACPI_MADT_ENABLED;
    cpu->online_capable = flags & ACPI_MADT_ONLINE_CAPABLE;
    cpu->x2apic = x2apic;
}

static void madt_lapic(struct acpi_madt_info *out, const void *entry)
{
    const struct acpi_madt_lapic *e = entry;

    if ( e->apic_id != 0xff )
        madt_add_cpu(out, e->apic_id, e->processor_uid, e->flags, false);
}

static void madt_x2apic(struct acpi_madt_info *out, const void *entry)
{
    const struct acpi_madt_x2apic *e = entry;

    if ( e->x2apic_id != 0xffffffffu )
        madt_add_cpu(out, e->x2apic_id, e->processor_uid, e->flags, true);
}

static void madt_ioapic(struct acpi_madt_info *out, const void *entry)
{
    const struct acpi_madt_ioapic *e = entry;
    struct acpi_madt_ioapic_info *io;

    if ( out->nr_ioapics == ACPI_MAX_IOAPICS )
    {
        out->nr_dropped++;
        return;
    }
    io = &out->ioapic[out->nr_ioapics++];
    io->id = e->id;
    io->address = e->address;
    io->gsi_base = e->gsi_base;
}

static void madt_override(struct acpi_madt_info *out, const void *entry)
{
    const struct acpi_madt_int_override *e = entry;
    struct acpi_madt_override_info *o;

    if ( out->nr_overrides == ACPI_MAX_OVERRIDES )
    {
        out->nr_dropped++;
        return;
    }
    o = &out->override[out->nr_overrides++];
    o->bus = e->bus;
    o->source_irq = e->source_irq;
    o->gsi = e->gsi;
    o->flags = e->flags;
}

static void madt_add_nmi(struct acpi_madt_info *out, u32 uid, u16 flags,
                         u8 lint)
{
    struct acpi_madt_nmi_info *n;

    if ( out->nr_lapic_nmis == ACPI_MAX_LAPIC_NMIS )
    {
        out->nr_dropped++;
        return;
    }
    n = &out->lapic_nmi[out->nr_lapic_nmis++];
    n->acpi_uid = uid;
    n->flags = flags;
    n->lint = lint;
}

static void madt_lapic_nmi(struct acpi_madt_info *out, const void *entry)
{
    const struct acpi_madt_lapic_nmi *e = entry;

    madt_add_nmi(out, e->processor_uid == 0xff ? ACPI_UID_ALL
                                               : e->processor_uid,
                 e->flags, e->lint);
}

static void madt_x2apic_nmi(struct acpi_madt_info *out, const void *entry)
{
    const struct acpi_madt_x2apic_nmi *e = entry;

    madt_add_nmi(out, e->processor_uid, e->flags, e->lint);
}

static void madt_lapic_override(struct acpi_madt_info *out, const void *entry)
{
    const struct acpi_madt_lapic_override *e = entry;

    out->lapic_address = e->address;
}

/* Entry types Xen does not use (NMI sources, SAPIC, ...) are stepped over. */
static const struct madt_handler {
    u8 min_len;
    void (*parse)(struct acpi_madt_info *out, const void *entry);
} madt_handlers[] = {
    [ACPI_MADT_LAPIC] = { sizeof(struct acpi_madt_lapic), madt_lapic },
    [ACPI_MADT_IOAPIC] = { sizeof(struct acpi_madt_ioapic), madt_ioapic },
    [ACPI_MADT_INT_OVERRIDE] = { sizeof(struct acpi_madt_int_override),
                                 madt_override },
    [0x3] = { 0, NULL },
    [ACPI_MADT_LAPIC_NMI] = { sizeof(struct acpi_madt_lapic_nmi),
                              madt_lapic_nmi },
    [ACPI_MADT_LAPIC_OVERRIDE] = { sizeof(struct acpi_madt_lapic_override),
                                   madt_lapic_override },
    [0x6] = { 0, NULL },
    [0x7] = { 0, NULL },
    [0x8] = { 0, NULL },
    [ACPI_MADT_X2APIC] = { sizeof(struct acpi_madt_x2apic), madt_x2apic },
    [ACPI_MADT_X2APIC_NMI] = { sizeof(struct acpi_madt_x2apic_nmi),
                               madt_x2apic_nmi },
};

/* Parse one entry, 'left' bytes from the table end: its length or -EINVAL. */
static int madt_entry(struct acpi_madt_info *out, const u8 *p, size_t left)
{
    const struct acpi_madt_entry_header *e = (const void *)p;
    const struct madt_handler *h = NULL;

    if ( left < sizeof(*e) || e->length < sizeof(*e) || e->length > left )
        return -EINVAL;
    if ( e->type < ARRAY_SIZE(madt_handlers) )
        h = &madt_handlers[e->type];
    if ( h && h->parse )
    {
        if ( e->length < h->min_len )
            return -EINVAL;
        h->parse(out, e);
    }
    return e->length;
}

int acpi_parse_madt(const struct acpi_tables *t, struct acpi_madt_info *out)
{
    const struct acpi_table_madt *madt =
        (const void *)acpi_find_table(t, "APIC", 0);
    const u8 *p, *end;
    int len;

    memset(out, 0, sizeof(*out));
    if ( !madt )
        return -ENOENT;
    if ( madt->header.length < sizeof(*madt) )
        return -EINVAL;

    out->lapic_address = madt->lapic_address;
    out->pcat_compat = madt->flags & ACPI_MADT_PCAT_COMPAT;
    end = (const u8 *)madt + madt->header.length;
    for ( p = (const u8 *)(madt + 1); p < end; p += len )
    {
        len = madt_entry(out, p, end - p);
        if ( len < 0 )
        {
            printk(XENLOG_ERR "ACPI: MADT entry at offset %#lx is malformed\n",
                   (unsigned long)(p - (const u8 *)madt));
            memset(out, 0, sizeof(*out));
            return len;
        }
    }

    if ( out->nr_dropped )
        printk(XENLOG_WARNING "ACPI: MADT: %u entries over limits ignored\n",
               out->nr_dropped);
    return 0;
}

/* ---- FADT ---------------------------------------------------------------- */

/* Copy the FADT into a full-size zeroed struct so absent fields read as 0. */
static int fadt_copy(const struct acpi_tables *t, struct acpi_table_fadt *f)
{
    const struct acpi_table_header *h = acpi_find_table(t, "FACP", 0);

    if ( !h )
        return -ENOENT;
    if ( h->length < ACPI_FADT_V1_LEN )
        return -EINVAL;
    memset(f, 0, sizeof(*f));
    memcpy(f, h, min((size_t)h->length, sizeof(*f)));
    return 0;
}

static void fadt_pm_timer(const struct acpi_table_fadt *f,
                          struct acpi_fadt_info *out)
{
    const struct acpi_gas *x = &f->x_pm_tmr_blk;

    if ( out->hw_reduced )
        return;
    /* Xen drives the PM timer with port I/O only. */
    if ( x->address )
    {
        if ( x->space_id == ACPI_GAS_SYSTEM_IO && x->address <= 0xffff )
            out->pm_tmr_port = x->address;
    }
    else if ( f->pm_tmr_len == 4 && f->pm_tmr_blk <= 0xffff )
        out->pm_tmr_port = f->pm_tmr_blk;
    out->pm_tmr_32bit = out->pm_tmr_port && (f->flags & ACPI_FADT_TMR_VAL_EXT);
}

static void fadt_pm1a_cnt(const struct acpi_table_fadt *f,
                          struct acpi_fadt_info *out)
{
    if ( f->x_pm1a_cnt_blk.address )
    {
        out->pm1a_cnt = f->x_pm1a_cnt_blk;
        return;
    }
    if ( !f->pm1a_cnt_blk )
        return;
    out->pm1a_cnt.space_id = ACPI_GAS_SYSTEM_IO;
    out->pm1a_cnt.bit_width = f->pm1_cnt_len * 8;
    out->pm1a_cnt.address = f->pm1a_cnt_blk;
}

int acpi_parse_fadt(const struct acpi_tables *t, struct acpi_fadt_info *out)
{
    struct acpi_table_fadt f;
    int rc;

    memset(out, 0, sizeof(*out));
    rc = fadt_copy(t, &f);
    if ( rc )
        return rc;

    out->revision = f.header.revision;
    out->flags = f.flags;
    out->hw_reduced = f.flags & ACPI_FADT_HW_REDUCED;
    out->sci_int = f.sci_int;
    out->century = f.century;
    out->iapc_boot_arch = f.iapc_boot_arch;
    fadt_pm_timer(&f, out);
    fadt_pm1a_cnt(&f, out);

    /* A v1 FADT has no reset register: the copy left it zero. */
    if ( (f.flags & ACPI_FADT_RESET_REG_SUP) && f.reset_reg.address )
    {
        out->reset_supported = true;
        out->reset_reg = f.reset_reg;
        out->reset_value = f.reset_value;
    }

    out->dsdt_pa = f.x_dsdt ? f.x_dsdt : f.dsdt;
    out->facs_pa = f.x_firmware_ctrl ? f.x_firmware_ctrl : f.firmware_ctrl;
    return 0;
}

/* ---- HPET and MCFG ------------------------------------------------------- */

int acpi_parse_hpet(const struct acpi_tables *t, struct acpi_hpet_info *out)
{
    const struct acpi_table_hpet *hpet =
        (const void *)acpi_find_table(t, "HPET", 0);

    memset(out, 0, sizeof(*out));
    if ( !hpet )
        return -ENOENT;
    if ( hpet->header.length < sizeof(*hpet) ||
         hpet->address.space_id != ACPI_GAS_SYSTEM_MEMORY ||
         !hpet->address.address )
        return -EINVAL;

    out->address = hpet->address.address;
    out->block_id = hpet->block_id;
    out->number = hpet->number;
    out->min_tick = hpet->min_tick;
    return 0;
}

int acpi_parse_mcfg(const struct acpi_tables *t, struct acpi_mcfg_info *out)
{
    const struct acpi_table_mcfg *mcfg =
        (const void *)acpi_find_table(t, "MCFG", 0);
    const struct acpi_mcfg_entry *e;
    size_t i, n;

    memset(out, 0, sizeof(*out));
    if ( !mcfg )
        return -ENOENT;
    if ( mcfg->header.length < sizeof(*mcfg) )
        return -EINVAL;

    e = (const void *)(mcfg + 1);
    n = (mcfg->header.length - sizeof(*mcfg)) / sizeof(*e);
    if ( n > ACPI_MAX_MCFG )
    {
        printk(XENLOG_WARNING "ACPI: MCFG: %u of %u entries ignored\n",
               (unsigned int)(n - ACPI_MAX_MCFG), (unsigned int)n);
        n = ACPI_MAX_MCFG;
    }
    for ( i = 0; i < n; i++ )
    {
        out->entry[i].address = e[i].address;
        out->entry[i].segment = e[i].segment;
        out->entry[i].start_bus = e[i].start_bus;
        out->entry[i].end_bus = e[i].end_bus;
    }
    out->nr = n;
    return 0;
}
