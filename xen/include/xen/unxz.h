/* SPDX-License-Identifier: GPL-2.0-only */
/* Single-call XZ decompressor (LZMA2, optional x86 BCJ) for compressed boot
 * images such as a Linux bzImage payload. */
#ifndef XEN_UNXZ_H
#define XEN_UNXZ_H

#include <xen/types.h>

/*
 * Decodes the .xz stream at the start of in[0..in_len) into out[0..out_cap).
 * The output buffer doubles as the LZMA dictionary, so nothing the size of the
 * dictionary is allocated; one ~30 KiB state block is xmalloc'd and freed.
 *
 * Concatenated streams, with stream padding between them, are decoded one
 * after the other. Bytes after the last stream are not an error: *in_used
 * says where it ended (a bzImage payload ends with a 4-byte size).
 *
 * Returns 0, or:
 *   -EINVAL      corrupt or truncated input (bad magic, CRC, LZMA data, sizes,
 *                index or integrity check)
 *   -ENOSPC      the output does not fit in out_cap
 *   -EOPNOTSUPP  valid but unsupported: SHA-256 or a reserved check type,
 *                filters other than x86 BCJ + LZMA2, reserved header bits
 *   -ENOMEM      the state block could not be allocated
 * *out_len and *in_used (either may be NULL) are written on success only; on
 * failure out[] holds whatever was decoded before the error was found.
 */
int unxz(const void *in, size_t in_len, void *out, size_t out_cap,
         size_t *out_len, size_t *in_used);

#endif /* XEN_UNXZ_H */
