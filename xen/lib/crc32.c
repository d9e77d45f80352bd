/* SPDX-License-Identifier: GPL-2.0-only */
/* CRC-32 for the image decompressors, eight bytes a step ("slicing by 8"):
 * the check of a 64 MiB kernel is a visible part of dom0's build time under
 * emulation. Tables are built on first use. */
#include <xen/crc32.h>

#define CRC32_POLY  0xedb88320u

/* table[0] is the classic byte table; table[k][b] is the CRC of byte b
 * followed by k zero bytes, so eight lookups advance the CRC by 8 bytes. */
static uint32_t table[8][256];
static bool table_ready;

/* Built lazily rather than at boot: the decompressors are its only users and
 * may run before any init hook would. Filling it twice is harmless. */
static void crc32_init(void)
{
    unsigned int i, k, bit;

    for ( i = 0; i < 256; i++ )
    {
        uint32_t c = i;

        for ( bit = 0; bit < 8; bit++ )
            c = (c & 1) ? (c >> 1) ^ CRC32_POLY : c >> 1;
        table[0][i] = c;
    }
    for ( k = 1; k < 8; k++ )
        for ( i = 0; i < 256; i++ )
            table[k][i] = (table[k - 1][i] >> 8) ^ table[0][table[k - 1][i] & 0xff];
    table_ready = true;
}

static uint32_t load_le32(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

uint32_t crc32(uint32_t crc, const void *buf, size_t len)
{
    const uint8_t *p = buf;

    if ( !table_ready )
        crc32_init();
    crc = ~crc;
    for ( ; len >= 8; p += 8, len -= 8 )
    {
        uint32_t lo = crc ^ load_le32(p), hi = load_le32(p + 4);

        crc = table[7][lo & 0xff] ^ table[6][(lo >> 8) & 0xff] ^
              table[5][(lo >> 16) & 0xff] ^ table[4][lo >> 24] ^
              table[3][hi & 0xff] ^ table[2][(hi >> 8) & 0xff] ^
              table[1][(hi >> 16) & 0xff] ^ table[0][hi >> 24];
    }
    while ( len-- )
        crc = table[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}
