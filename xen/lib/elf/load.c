/* SPDX-License-Identifier: GPL-2.0-only */
/* Placing PT_LOAD segments at p_paddr through caller-supplied copy and zero
 * hooks; every segment is checked before the first byte is written. */
#include "private.h"

bool elf_phdr_is_loadable(const struct elf_phdr *ph)
{
    return ph->type == PT_LOAD && (ph->flags & (PF_R | PF_W | PF_X));
}

/* A segment is sane if its file bytes are in the image and its memory range
 * neither shrinks below the file bytes nor wraps past 2^64. */
static bool segment_ok(const struct elf_binary *elf, const struct elf_phdr *ph)
{
    if ( ph->filesz > ph->memsz )
        return false;
    if ( ph->paddr + ph->memsz < ph->paddr )
        return false;
    return elf_range_ok(elf, ph->offset, ph->filesz);
}

int elf_load_bounds(const struct elf_binary *elf, uint64_t *pstart,
                    uint64_t *pend)
{
    uint64_t start = UINT64_MAX, end = 0;
    unsigned int i;
    struct elf_phdr ph;

    for ( i = 0; i < elf->phnum; i++ )
    {
        if ( elf_phdr_get(elf, i, &ph) )
            return -EINVAL;
        if ( !elf_phdr_is_loadable(&ph) )
            continue;
        if ( !segment_ok(elf, &ph) )
            return -EINVAL;
        start = min(start, ph.paddr);
        end = max(end, ph.paddr + ph.memsz);
    }
    if ( start > end )
        return -ENOEXEC;

    *pstart = start;
    *pend = end;
    return 0;
}

static int load_segment(const struct elf_binary *elf, const struct elf_phdr *ph,
                        int (*copy)(void *, uint64_t, const void *, size_t),
                        int (*zero)(void *, uint64_t, size_t), void *ctx)
{
    int rc;

    /* segment_ok() bounded filesz by the image; memsz fits size_t as well. */
    BUILD_BUG_ON(sizeof(size_t) < sizeof(uint64_t));

    if ( ph->filesz )
    {
        rc = copy(ctx, ph->paddr, elf->image + ph->offset, ph->filesz);
        if ( rc )
            return rc;
    }
    if ( ph->memsz > ph->filesz )
        return zero(ctx, ph->paddr + ph->filesz, ph->memsz - ph->filesz);
    return 0;
}

int elf_load(const struct elf_binary *elf,
             int (*copy)(void *ctx, uint64_t paddr, const void *src, size_t len),
             int (*zero)(void *ctx, uint64_t paddr, size_t len),
             void *ctx)
{
    uint64_t start, end;
    unsigned int i;
    struct elf_phdr ph;
    int rc;

    rc = elf_load_bounds(elf, &start, &end);
    if ( rc )
        return rc;

    for ( i = 0; i < elf->phnum; i++ )
    {
        if ( elf_phdr_get(elf, i, &ph) )
            return -EINVAL;
        if ( !elf_phdr_is_loadable(&ph) )
            continue;
        /* Rechecked on the copy we act on, not the one bounds looked at. */
        if ( !segment_ok(elf, &ph) )
            return -EINVAL;
        rc = load_segment(elf, &ph, copy, zero, ctx);
        if ( rc )
            return rc;
    }
    return 0;
}
