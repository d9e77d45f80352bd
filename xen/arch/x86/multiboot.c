/* SPDX-License-Identifier: GPL-2.0-only */
/* Reads multiboot1 (QEMU -kernel) and multiboot2 (GRUB2) information into struct
 * boot_info. Runs before the direct map exists: the loader's data is reached
 * through the boot identity map of the low 4 GiB, so every address is checked. */
#include <xen/bootinfo.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

#define MB1_BOOTLOADER_MAGIC    0x2BADB002
#define MB2_BOOTLOADER_MAGIC    0x36D76289

#define MB1_INFO_MEMORY     (1u << 0)
#define MB1_INFO_CMDLINE    (1u << 2)
#define MB1_INFO_MODS       (1u << 3)
#define MB1_INFO_MEM_MAP    (1u << 6)
#define MB1_INFO_LOADER     (1u << 9)

struct mb1_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr;
    uint32_t config_table;
    uint32_t boot_loader_name;
} __packed;

struct mb1_module {
    uint32_t mod_start, mod_end, string, reserved;
} __packed;

struct mb1_mmap {
    uint32_t size;              /* of the rest of the entry: next = this + size + 4 */
    uint64_t addr, len;
    uint32_t type;
} __packed;

#define MB2_TAG_END         0
#define MB2_TAG_CMDLINE     1
#define MB2_TAG_LOADER      2
#define MB2_TAG_MODULE      3
#define MB2_TAG_MMAP        6
#define MB2_TAG_ACPI_OLD    14
#define MB2_TAG_ACPI_NEW    15

struct mb2_tag {
    uint32_t type, size;
} __packed;

#define LOW_4G  0x100000000ULL

/* The identity map covers the low 4 GiB and nothing else yet. */
static const void *low_ptr(paddr_t pa, size_t len)
{
    if ( pa == 0 || pa >= LOW_4G || len > LOW_4G - pa )
        return NULL;
    return (const void *)(unsigned long)pa;
}

static void copy_string(char *dst, size_t size, paddr_t pa)
{
    const char *s = low_ptr(pa, 1);

    dst[0] = '\0';
    if ( s )
        strlcpy(dst, s, size);
}

static void add_region(struct boot_info *bi, uint64_t addr, uint64_t len, uint32_t type)
{
    if ( bi->nr_map == BOOT_MAX_MEMMAP )
    {
        printk(XENLOG_WARNING "memory map: more than %u entries, ignoring the rest\n",
               BOOT_MAX_MEMMAP);
        return;
    }
    if ( len == 0 )
        return;
    bi->map[bi->nr_map].addr = addr;
    bi->map[bi->nr_map].size = len;
    bi->map[bi->nr_map].type = type;
    bi->nr_map++;
}

static void add_module(struct boot_info *bi, paddr_t start, paddr_t end, paddr_t str)
{
    struct boot_module *m;

    if ( bi->nr_modules == BOOT_MAX_MODULES || end < start )
        return;
    m = &bi->modules[bi->nr_modules++];
    m->start = start;
    m->end = end;
    copy_string(m->cmdline, sizeof(m->cmdline), str);
}

static void parse_mb1_mmap(struct boot_info *bi, const struct mb1_info *mbi)
{
    paddr_t p = mbi->mmap_addr, end = p + mbi->mmap_length;

    while ( p + sizeof(struct mb1_mmap) <= end )
    {
        const struct mb1_mmap *e = low_ptr(p, sizeof(*e));

        if ( !e || e->size < 20 )
            break;
        add_region(bi, e->addr, e->len, e->type);
        p += e->size + 4;
    }
}

static int parse_mb1(struct boot_info *bi, paddr_t info)
{
    const struct mb1_info *mbi = low_ptr(info, sizeof(*mbi));
    unsigned int i;

    if ( !mbi )
        return -EINVAL;
    bi->loader = "multiboot1";
    if ( mbi->flags & MB1_INFO_CMDLINE )
        copy_string(bi->cmdline, sizeof(bi->cmdline), mbi->cmdline);
    if ( mbi->flags & MB1_INFO_LOADER )
        copy_string(bi->boot_loader_name, sizeof(bi->boot_loader_name),
                    mbi->boot_loader_name);
    if ( mbi->flags & MB1_INFO_MEM_MAP )
        parse_mb1_mmap(bi, mbi);
    else if ( mbi->flags & MB1_INFO_MEMORY )
    {
        add_region(bi, 0, (uint64_t)mbi->mem_lower << 10, E820_RAM);
        add_region(bi, 0x100000, (uint64_t)mbi->mem_upper << 10, E820_RAM);
    }
    if ( mbi->flags & MB1_INFO_MODS )
    {
        const struct mb1_module *mods =
            low_ptr(mbi->mods_addr, (size_t)mbi->mods_count * sizeof(*mods));

        for ( i = 0; mods && i < mbi->mods_count; i++ )
            add_module(bi, mods[i].mod_start, mods[i].mod_end, mods[i].string);
    }
    return 0;
}

static void parse_mb2_mmap(struct boot_info *bi, const struct mb2_tag *tag)
{
    const uint32_t *hdr = (const uint32_t *)(tag + 1);   /* entry_size, entry_version */
    uint32_t esize = hdr[0];
    const uint8_t *p = (const uint8_t *)(hdr + 2);
    const uint8_t *end = (const uint8_t *)tag + tag->size;

    if ( esize < 24 )
        return;
    for ( ; p + esize <= end; p += esize )
    {
        const uint64_t *e = (const uint64_t *)p;

        add_region(bi, e[0], e[1], *(const uint32_t *)(p + 16));
    }
}

static void parse_mb2_tag(struct boot_info *bi, const struct mb2_tag *tag)
{
    const char *payload = (const char *)(tag + 1);
    const uint32_t *words = (const uint32_t *)payload;
    size_t plen = tag->size - sizeof(*tag);

    switch ( tag->type )
    {
    case MB2_TAG_CMDLINE:
        strlcpy(bi->cmdline, payload, min(sizeof(bi->cmdline), plen + 1));
        break;
    case MB2_TAG_LOADER:
        strlcpy(bi->boot_loader_name, payload,
                min(sizeof(bi->boot_loader_name), plen + 1));
        break;
    case MB2_TAG_MODULE:
        if ( plen < 8 || bi->nr_modules == BOOT_MAX_MODULES )
            break;
        bi->modules[bi->nr_modules].start = words[0];
        bi->modules[bi->nr_modules].end = words[1];
        strlcpy(bi->modules[bi->nr_modules].cmdline, payload + 8,
                min(sizeof(bi->modules[0].cmdline), plen - 8 + 1));
        bi->nr_modules++;
        break;
    case MB2_TAG_MMAP:
        if ( plen >= 8 )
            parse_mb2_mmap(bi, tag);
        break;
    case MB2_TAG_ACPI_OLD:
    case MB2_TAG_ACPI_NEW:
        /* Prefer the ACPI 2.0 copy, which carries the XSDT address. */
        if ( tag->type == MB2_TAG_ACPI_NEW || bi->rsdp_len == 0 )
        {
            bi->rsdp_len = min(plen, sizeof(bi->rsdp));
            memcpy(bi->rsdp, payload, bi->rsdp_len);
        }
        break;
    }
}

static int parse_mb2(struct boot_info *bi, paddr_t info)
{
    const uint32_t *hdr = low_ptr(info, 8);
    uint32_t total;
    paddr_t p, end;

    if ( !hdr || hdr[0] < 16 )
        return -EINVAL;
    total = hdr[0];
    if ( !low_ptr(info, total) )
        return -EINVAL;
    bi->loader = "multiboot2";
    end = info + total;
    for ( p = info + 8; p + sizeof(struct mb2_tag) <= end; )
    {
        const struct mb2_tag *tag = low_ptr(p, sizeof(*tag));

        if ( tag->type == MB2_TAG_END || tag->size < sizeof(*tag) ||
             p + tag->size > end )
            break;
        parse_mb2_tag(bi, tag);
        p += ROUNDUP(tag->size, 8);
    }
    return 0;
}

/* Both QEMU and GRUB put the image's own path first on the command line. */
static void strip_image_name(char *cmdline)
{
    size_t i = 0;

    while ( cmdline[i] && cmdline[i] != ' ' )
        i++;
    while ( cmdline[i] == ' ' )
        i++;
    memmove(cmdline, cmdline + i, strlen(cmdline + i) + 1);
}

int multiboot_parse(struct boot_info *bi, uint32_t magic, paddr_t info)
{
    int rc = -EINVAL;

    memset(bi, 0, sizeof(*bi));
    if ( magic == MB1_BOOTLOADER_MAGIC )
        rc = parse_mb1(bi, info);
    else if ( magic == MB2_BOOTLOADER_MAGIC )
        rc = parse_mb2(bi, info);
    if ( !rc )
        strip_image_name(bi->cmdline);
    return rc;
}
