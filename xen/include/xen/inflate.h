/* SPDX-License-Identifier: GPL-2.0-only */
/* DEFLATE (RFC 1951) and gzip (RFC 1952) decompression of whole buffers, for
 * the dom0 builder's compressed kernels and initrds (xen/lib/inflate.c). */
#ifndef XEN_INFLATE_H
#define XEN_INFLATE_H

#include <xen/types.h>

/*
 * All three calls read only in[0 .. in_len) and write only out[0 .. out_cap),
 * whatever the input holds. They return 0, -EINVAL for corrupt or truncated
 * input, -ENOSPC when the output does not fit in out_cap, or -ENOMEM when the
 * decoder's tables (about 5 KiB, taken with xmalloc) cannot be allocated.
 * out_len and in_used may be NULL; otherwise they receive the bytes written
 * and consumed (on failure: how far decoding got, for diagnostics only).
 */

/* One raw DEFLATE stream, up to and including its final block. in_used
 * counts whole bytes: the final block's padding bits are consumed. */
int inflate(const void *in, size_t in_len, void *out, size_t out_cap,
            size_t *out_len, size_t *in_used);

/* One gzip member: header, DEFLATE data, then the CRC-32 and length trailer,
 * all checked. Bytes after the member (another member, padding) are left
 * alone and in_used says where they start. */
int gunzip(const void *in, size_t in_len, void *out, size_t out_cap,
           size_t *out_len, size_t *in_used);

/* Whether the buffer starts like a gzip member with DEFLATE data. */
bool gzip_detect(const void *in, size_t len);

#endif /* XEN_INFLATE_H */
