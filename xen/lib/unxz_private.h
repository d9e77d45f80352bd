/* SPDX-License-Identifier: GPL-2.0-only */
/* What the .xz container code (unxz.c) needs from the LZMA2 decoder
 * (unxz_lzma.c); not for use outside xen/lib/unxz*.c. */
#ifndef XEN_LIB_UNXZ_PRIVATE_H
#define XEN_LIB_UNXZ_PRIVATE_H

#include <xen/types.h>

/* Probability tables and coder state; opaque, about 30 KiB. */
struct unxz_lzma2;

struct unxz_lzma2 *unxz_lzma2_alloc(void);
void unxz_lzma2_free(struct unxz_lzma2 *s);

/*
 * Decodes the LZMA2 data of one block, from in[*in_pos] up to its end marker,
 * reading nothing at or past in_end, and appends the result at out[*out_pos],
 * writing nothing at or past out_cap. Bytes before *out_pos may be referenced
 * only after a dictionary reset made them part of this block, so each block
 * stands alone. dict_size is the block header's dictionary size: distances
 * beyond it are corrupt data even when the bytes are there.
 * Returns 0 with both positions advanced, -EINVAL or -ENOSPC.
 */
int unxz_lzma2_decode(struct unxz_lzma2 *s, const u8 *in, size_t *in_pos,
                      size_t in_end, u8 *out, size_t *out_pos, size_t out_cap,
                      u32 dict_size);

#endif /* XEN_LIB_UNXZ_PRIVATE_H */
