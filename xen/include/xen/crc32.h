/* SPDX-License-Identifier: GPL-2.0-only */
/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as gzip and xz use it. */
#ifndef XEN_CRC32_H
#define XEN_CRC32_H

#include <xen/types.h>

/*
 * Continues a CRC over 'len' more bytes: start with crc32(0, buf, len) and
 * feed the result back in for the next piece. The pre- and post-inversion are
 * done inside, so the value returned is the finished CRC of everything so far.
 */
uint32_t crc32(uint32_t crc, const void *buf, size_t len);

#endif /* XEN_CRC32_H */
