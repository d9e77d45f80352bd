/* SPDX-License-Identifier: GPL-2.0-only */
/* ELF header checks and class-independent program/section header access.
 * elf_init() rejects any image whose tables do not fit; readers re-check anyway. */
#include "private.h"

/* The header fields both classes share, widened. */
struct ehdr {
    uint16_t machine;
    uint32_t version;
    uint64_t entry;
    uint64_t phoff;
    uint64_t shoff;
    unsigned int phentsize;
    unsigned int phnum;
    unsigned int shentsize;
    unsigned int shnum;
};

static int check_ident(const struct elf_binary *elf)
{
    uint8_t id[EI_NIDENT];

    if ( elf_read(elf, 0, id, sizeof(id)) )
        return -ENOEXEC;
    if ( memcmp(id, "\177ELF", 4) )
        return -ENOEXEC;
    if ( id[EI_CLASS] != ELFCLASS32 && id[EI_CLASS] != ELFCLASS64 )
        return -ENOEXEC;
    if ( id[EI_DATA] != ELFDATA2LSB || id[EI_VERSION] != EV_CURRENT )
        return -ENOEXEC;
    return 0;
}

static int read_ehdr64(const struct elf_binary *elf, struct ehdr *eh)
{
    Elf64_Ehdr e;

    if ( elf_read(elf, 0, &e, sizeof(e)) )
        return -EINVAL;
    eh->machine = e.e_machine;
    eh->version = e.e_version;
    eh->entry = e.e_entry;
    eh->phoff = e.e_phoff;
    eh->shoff = e.e_shoff;
    eh->phentsize = e.e_phentsize;
    eh->phnum = e.e_phnum;
    eh->shentsize = e.e_shentsize;
    eh->shnum = e.e_shnum;
    return 0;
}

static int read_ehdr32(const struct elf_binary *elf, struct ehdr *eh)
{
    Elf32_Ehdr e;

    if ( elf_read(elf, 0, &e, sizeof(e)) )
        return -EINVAL;
    eh->machine = e.e_machine;
    eh->version = e.e_version;
    eh->entry = e.e_entry;
    eh->phoff = e.e_phoff;
    eh->shoff = e.e_shoff;
    eh->phentsize = e.e_phentsize;
    eh->phnum = e.e_phnum;
    eh->shentsize = e.e_shentsize;
    eh->shnum = e.e_shnum;
    return 0;
}

/*
 * A table of num entries of entsize bytes at off. Entries may be larger than
 * the structure we read (the spec allows growth) but never smaller. With
 * 16-bit counts and sizes the product cannot overflow 64 bits.
 */
static bool table_ok(const struct elf_binary *elf, uint64_t off,
                     unsigned int num, unsigned int entsize, size_t minsize)
{
    if ( num == 0 )
        return true;
    if ( entsize < minsize )
        return false;
    return elf_range_ok(elf, off, (uint64_t)num * entsize);
}

static int check_tables(const struct elf_binary *elf, const struct ehdr *eh)
{
    size_t phsize = elf->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
    size_t shsize = elf->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);

    /* Extended numbering keeps the real count in section 0; no kernel needs it. */
    if ( eh->phnum == PN_XNUM )
        return -EINVAL;
    if ( !table_ok(elf, eh->phoff, eh->phnum, eh->phentsize, phsize) )
        return -EINVAL;
    if ( !table_ok(elf, eh->shoff, eh->shnum, eh->shentsize, shsize) )
        return -EINVAL;
    return 0;
}

int elf_init(struct elf_binary *elf, const void *image, size_t size)
{
    struct ehdr eh;
    int rc;

    memset(elf, 0, sizeof(*elf));
    elf->image = image;
    elf->size = image ? size : 0;

    rc = check_ident(elf);
    if ( rc )
        goto fail;
    elf->is64 = elf->image[EI_CLASS] == ELFCLASS64;
    rc = elf->is64 ? read_ehdr64(elf, &eh) : read_ehdr32(elf, &eh);
    if ( rc )
        goto fail;
    rc = -ENOEXEC;
    if ( eh.machine != EM_X86_64 && eh.machine != EM_386 )
        goto fail;
    if ( eh.version != EV_CURRENT )
        goto fail;
    rc = check_tables(elf, &eh);
    if ( rc )
        goto fail;

    elf->machine = eh.machine;
    elf->entry = eh.entry;
    elf->phoff = eh.phoff;
    elf->phnum = eh.phnum;
    elf->phentsize = eh.phentsize;
    elf->shoff = eh.shoff;
    elf->shnum = eh.shnum;
    elf->shentsize = eh.shentsize;
    return 0;

 fail:
    memset(elf, 0, sizeof(*elf));
    return rc;
}

/* ---- Program headers ---------------------------------------------------- */

unsigned int elf_phdr_count(const struct elf_binary *elf)
{
    return elf->phnum;
}

static int read_phdr64(const struct elf_binary *elf, uint64_t off,
                       struct elf_phdr *out)
{
    Elf64_Phdr p;

    if ( elf_read(elf, off, &p, sizeof(p)) )
        return -EINVAL;
    out->type = p.p_type;
    out->flags = p.p_flags;
    out->offset = p.p_offset;
    out->vaddr = p.p_vaddr;
    out->paddr = p.p_paddr;
    out->filesz = p.p_filesz;
    out->memsz = p.p_memsz;
    out->align = p.p_align;
    return 0;
}

static int read_phdr32(const struct elf_binary *elf, uint64_t off,
                       struct elf_phdr *out)
{
    Elf32_Phdr p;

    if ( elf_read(elf, off, &p, sizeof(p)) )
        return -EINVAL;
    out->type = p.p_type;
    out->flags = p.p_flags;
    out->offset = p.p_offset;
    out->vaddr = p.p_vaddr;
    out->paddr = p.p_paddr;
    out->filesz = p.p_filesz;
    out->memsz = p.p_memsz;
    out->align = p.p_align;
    return 0;
}

int elf_phdr_get(const struct elf_binary *elf, unsigned int i,
                 struct elf_phdr *out)
{
    uint64_t off = elf->phoff + (uint64_t)i * elf->phentsize;
    int rc = -EINVAL;

    if ( i < elf->phnum )
        rc = elf->is64 ? read_phdr64(elf, off, out) : read_phdr32(elf, off, out);
    if ( rc )
        memset(out, 0, sizeof(*out));
    return rc;
}

static struct elf_phdr phdr_or_null(const struct elf_binary *elf,
                                    unsigned int i)
{
    struct elf_phdr ph;

    elf_phdr_get(elf, i, &ph);
    return ph;
}

uint32_t elf_phdr_type(const struct elf_binary *elf, unsigned int i)
{
    return phdr_or_null(elf, i).type;
}

uint32_t elf_phdr_flags(const struct elf_binary *elf, unsigned int i)
{
    return phdr_or_null(elf, i).flags;
}

uint64_t elf_phdr_offset(const struct elf_binary *elf, unsigned int i)
{
    return phdr_or_null(elf, i).offset;
}

uint64_t elf_phdr_vaddr(const struct elf_binary *elf, unsigned int i)
{
    return phdr_or_null(elf, i).vaddr;
}

uint64_t elf_phdr_paddr(const struct elf_binary *elf, unsigned int i)
{
    return phdr_or_null(elf, i).paddr;
}

uint64_t elf_phdr_filesz(const struct elf_binary *elf, unsigned int i)
{
    return phdr_or_null(elf, i).filesz;
}

uint64_t elf_phdr_memsz(const struct elf_binary *elf, unsigned int i)
{
    return phdr_or_null(elf, i).memsz;
}

/* ---- Section headers ---------------------------------------------------- */

unsigned int elf_shdr_count(const struct elf_binary *elf)
{
    return elf->shnum;
}

static int read_shdr64(const struct elf_binary *elf, uint64_t off,
                       struct elf_shdr *out)
{
    Elf64_Shdr s;

    if ( elf_read(elf, off, &s, sizeof(s)) )
        return -EINVAL;
    out->type = s.sh_type;
    out->offset = s.sh_offset;
    out->size = s.sh_size;
    return 0;
}

static int read_shdr32(const struct elf_binary *elf, uint64_t off,
                       struct elf_shdr *out)
{
    Elf32_Shdr s;

    if ( elf_read(elf, off, &s, sizeof(s)) )
        return -EINVAL;
    out->type = s.sh_type;
    out->offset = s.sh_offset;
    out->size = s.sh_size;
    return 0;
}

int elf_shdr_get(const struct elf_binary *elf, unsigned int i,
                 struct elf_shdr *out)
{
    uint64_t off = elf->shoff + (uint64_t)i * elf->shentsize;
    int rc = -EINVAL;

    if ( i < elf->shnum )
        rc = elf->is64 ? read_shdr64(elf, off, out) : read_shdr32(elf, off, out);
    if ( rc )
        memset(out, 0, sizeof(*out));
    return rc;
}
