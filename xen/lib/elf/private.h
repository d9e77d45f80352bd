/* SPDX-License-Identifier: GPL-2.0-only */
/* Bounds-checked access to an ELF image, shared by the files of xen/lib/elf/.
 * Every read of the image goes through these, so none can leave it. */
#ifndef XEN_LIB_ELF_PRIVATE_H
#define XEN_LIB_ELF_PRIVATE_H

#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

/* Images are read in place as little-endian structures. */
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "xen/lib/elf assumes a little-endian host"
#endif

/* Written so that neither off + len nor anything else can wrap. */
static inline bool elf_range_ok(const struct elf_binary *elf, uint64_t off,
                                uint64_t len)
{
    return off <= elf->size && len <= elf->size - off;
}

/* Copies rather than casts: the image need not be aligned for the struct. */
static inline int elf_read(const struct elf_binary *elf, uint64_t off,
                           void *dst, size_t len)
{
    if ( !elf_range_ok(elf, off, len) )
        return -EINVAL;
    memcpy(dst, elf->image + off, len);
    return 0;
}

#endif /* XEN_LIB_ELF_PRIVATE_H */
