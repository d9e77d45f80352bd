/* SPDX-License-Identifier: GPL-2.0-only */
/* Linux x86 bzImage parsing for the dom0 builder: find the compressed kernel
 * (an ELF vmlinux) inside the image and unpack it. */
#ifndef ASM_X86_BZIMAGE_H
#define ASM_X86_BZIMAGE_H

#include <xen/types.h>

/* Compression of a bzImage payload, by its magic number. */
enum bz_format {
    BZ_FMT_UNKNOWN,
    BZ_FMT_GZIP,
    BZ_FMT_BZIP2,
    BZ_FMT_LZMA,
    BZ_FMT_XZ,
    BZ_FMT_LZO,
    BZ_FMT_LZ4,
    BZ_FMT_ZSTD,
};

/* True if the image starts with a Linux x86 boot sector and setup header
 * ("HdrS") of boot protocol 2.08 or later, which has the payload fields. */
bool bzimage_detect(const void *img, size_t len);

/* Finds the compressed payload from setup_sects, payload_offset and
 * payload_length, and checks that it lies inside the image.
 * Returns 0 or -EINVAL. */
int bzimage_payload(const void *img, size_t len, const void **payload,
                    size_t *payload_len);

/* The uncompressed size: the little-endian u32 the kernel's build appends to
 * the compressed data, i.e. the payload's last 4 bytes.
 * Returns 0 or -EINVAL. */
int bzimage_output_size(const void *payload, size_t payload_len, size_t *out);

enum bz_format bzimage_format(const void *payload, size_t payload_len);

/* "xz", "gzip"...: for messages. */
const char *bzimage_format_name(enum bz_format fmt);

/*
 * All of the above: unpacks the kernel of bzImage img[0, len) into
 * out[0, out_cap) and sets *out_len (the size bzimage_output_size() gives).
 * Returns 0, -EINVAL (not a bzImage, corrupt, or the payload's size does not
 * match what it decodes to), -EOPNOTSUPP (a compression other than XZ or
 * gzip, or XZ features unxz lacks), -ENOSPC (out_cap too small) or -ENOMEM.
 */
int bzimage_unpack(const void *img, size_t len, void *out, size_t out_cap,
                   size_t *out_len);

#endif /* ASM_X86_BZIMAGE_H */
