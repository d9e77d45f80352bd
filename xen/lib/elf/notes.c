/* SPDX-License-Identifier: GPL-2.0-only */
/* Xen's ELF notes: walks PT_NOTE segments, else SHT_NOTE sections, and files
 * each note owned by "Xen" into struct elf_xen_notes through a type table. */
#include "private.h"

#define NOTE_ALIGN 4

enum note_kind {
    NOTE_IGNORED,       /* known to Xen, not needed by our builders */
    NOTE_NUM,           /* uint64_t field */
    NOTE_NUM32,         /* uint32_t field; the value must fit */
    NOTE_STR,           /* char array field, NUL-terminated on copy */
};

struct note_field {
    enum note_kind kind;
    size_t offset;
    size_t size;
};

#define FIELD(k, f) { k, offsetof(struct elf_xen_notes, f), \
                      sizeof(((struct elf_xen_notes *)0)->f) }
#define IGNORED     { NOTE_IGNORED, 0, 0 }

static const struct note_field note_fields[XEN_ELFNOTE_MAX + 1] = {
    [XEN_ELFNOTE_INFO]               = IGNORED,
    [XEN_ELFNOTE_ENTRY]              = FIELD(NOTE_NUM, entry),
    [XEN_ELFNOTE_HYPERCALL_PAGE]     = FIELD(NOTE_NUM, hypercall_page),
    [XEN_ELFNOTE_VIRT_BASE]          = FIELD(NOTE_NUM, virt_base),
    [XEN_ELFNOTE_PADDR_OFFSET]       = FIELD(NOTE_NUM, paddr_offset),
    [XEN_ELFNOTE_XEN_VERSION]        = FIELD(NOTE_STR, xen_version),
    [XEN_ELFNOTE_GUEST_OS]           = FIELD(NOTE_STR, guest_os),
    [XEN_ELFNOTE_GUEST_VERSION]      = FIELD(NOTE_STR, guest_version),
    [XEN_ELFNOTE_LOADER]             = FIELD(NOTE_STR, loader),
    [XEN_ELFNOTE_PAE_MODE]           = FIELD(NOTE_STR, pae_mode),
    [XEN_ELFNOTE_FEATURES]           = FIELD(NOTE_STR, features),
    [XEN_ELFNOTE_BSD_SYMTAB]         = FIELD(NOTE_STR, bsd_symtab),
    [XEN_ELFNOTE_HV_START_LOW]       = FIELD(NOTE_NUM, hv_start_low),
    [XEN_ELFNOTE_L1_MFN_VALID]       = IGNORED,
    [XEN_ELFNOTE_SUSPEND_CANCEL]     = FIELD(NOTE_NUM, suspend_cancel),
    [XEN_ELFNOTE_INIT_P2M]           = FIELD(NOTE_NUM, init_p2m),
    [XEN_ELFNOTE_MOD_START_PFN]      = FIELD(NOTE_NUM, mod_start_pfn),
    [XEN_ELFNOTE_SUPPORTED_FEATURES] = FIELD(NOTE_NUM32, supported_features),
    [XEN_ELFNOTE_PHYS32_ENTRY]       = FIELD(NOTE_NUM, phys32_entry),
};

/* Decoded byte by byte, so the width can be anything Xen accepts. */
static int read_number(const struct elf_binary *elf, uint64_t off,
                       uint32_t size, uint64_t *val)
{
    uint8_t b[8];

    if ( size != 1 && size != 2 && size != 4 && size != 8 )
        return -EINVAL;
    if ( elf_read(elf, off, b, size) )
        return -EINVAL;
    *val = 0;
    while ( size-- )
        *val = (*val << 8) | b[size];
    return 0;
}

/* The descriptor may or may not carry its own NUL; we stop at the first. */
static int read_string(const struct elf_binary *elf, uint64_t off,
                       uint32_t size, char *dst, size_t room)
{
    const uint8_t *end;
    size_t len;

    if ( !elf_range_ok(elf, off, size) )
        return -EINVAL;
    end = memchr(elf->image + off, 0, size);
    len = end ? (size_t)(end - (elf->image + off)) : size;
    if ( len >= room )
        return -EINVAL;
    memcpy(dst, elf->image + off, len);
    dst[len] = '\0';
    return 0;
}

static int record_note(const struct elf_binary *elf, const Elf_Nhdr *nh,
                       uint64_t desc, struct elf_xen_notes *out)
{
    const struct note_field *f;
    char *dst = (char *)out;
    uint64_t val;
    int rc;

    /* Types from newer Xen versions are counted but not understood. */
    if ( nh->n_type > XEN_ELFNOTE_MAX )
        return 0;
    out->present |= 1u << nh->n_type;

    f = &note_fields[nh->n_type];
    dst += f->offset;
    switch ( f->kind )
    {
    case NOTE_IGNORED:
        return 0;
    case NOTE_STR:
        return read_string(elf, desc, nh->n_descsz, dst, f->size);
    case NOTE_NUM:
    case NOTE_NUM32:
        break;
    }

    rc = read_number(elf, desc, nh->n_descsz, &val);
    if ( rc )
        return rc;
    if ( f->kind == NOTE_NUM )
        *(uint64_t *)dst = val;
    else if ( val <= UINT32_MAX )
        *(uint32_t *)dst = val;
    else
        return -EINVAL;
    return 0;
}

/* Owner "Xen", with the terminating NUL counted in namesz or not. */
static bool owner_is_xen(const struct elf_binary *elf, uint64_t name,
                         uint32_t namesz)
{
    char buf[4];

    if ( namesz != 3 && namesz != 4 )
        return false;
    if ( elf_read(elf, name, buf, namesz) )
        return false;
    return !memcmp(buf, "Xen", 3) && (namesz == 3 || buf[3] == '\0');
}

/*
 * Walks the notes in [off, off + len), already checked to lie in the image.
 * Positions are relative to off and kept in 64 bits, so 32-bit sizes cannot
 * wrap them. A last descriptor may end the region without its padding; a
 * tail shorter than a note header is padding and ignored.
 */
static int parse_region(const struct elf_binary *elf, uint64_t off,
                        uint64_t len, struct elf_xen_notes *out,
                        unsigned int *found)
{
    uint64_t pos = 0, desc;
    Elf_Nhdr nh;
    int rc;

    while ( len - pos >= sizeof(nh) )
    {
        if ( elf_read(elf, off + pos, &nh, sizeof(nh)) )
            return -EINVAL;
        desc = pos + sizeof(nh) + ROUNDUP((uint64_t)nh.n_namesz, NOTE_ALIGN);
        if ( desc > len || nh.n_descsz > len - desc )
            return -EINVAL;
        if ( owner_is_xen(elf, off + pos + sizeof(nh), nh.n_namesz) )
        {
            rc = record_note(elf, &nh, off + desc, out);
            if ( rc )
                return rc;
            (*found)++;
        }
        pos = min(len, desc + ROUNDUP((uint64_t)nh.n_descsz, NOTE_ALIGN));
    }
    return 0;
}

/* As Xen does, skip PT_NOTE at offset 0: old binutils left p_offset unset. */
static int scan_segments(const struct elf_binary *elf,
                         struct elf_xen_notes *out, unsigned int *found)
{
    struct elf_phdr ph;
    unsigned int i;
    int rc;

    for ( i = 0; i < elf->phnum; i++ )
    {
        if ( elf_phdr_get(elf, i, &ph) )
            return -EINVAL;
        if ( ph.type != PT_NOTE || ph.offset == 0 )
            continue;
        if ( !elf_range_ok(elf, ph.offset, ph.filesz) )
            return -EINVAL;
        rc = parse_region(elf, ph.offset, ph.filesz, out, found);
        if ( rc )
            return rc;
    }
    return 0;
}

static int scan_sections(const struct elf_binary *elf,
                         struct elf_xen_notes *out, unsigned int *found)
{
    struct elf_shdr sh;
    unsigned int i;
    int rc;

    for ( i = 0; i < elf->shnum; i++ )
    {
        if ( elf_shdr_get(elf, i, &sh) )
            return -EINVAL;
        if ( sh.type != SHT_NOTE )
            continue;
        if ( !elf_range_ok(elf, sh.offset, sh.size) )
            return -EINVAL;
        rc = parse_region(elf, sh.offset, sh.size, out, found);
        if ( rc )
            return rc;
    }
    return 0;
}

int elf_xen_parse_notes(const struct elf_binary *elf, struct elf_xen_notes *out)
{
    unsigned int found = 0;
    int rc;

    memset(out, 0, sizeof(*out));
    rc = scan_segments(elf, out, &found);
    if ( !rc && !found )
        rc = scan_sections(elf, out, &found);
    if ( !rc && !found )
        rc = -ENOENT;
    if ( rc )
        memset(out, 0, sizeof(*out));
    return rc;
}
