/* SPDX-License-Identifier: GPL-2.0-only */
/* CRC-32 for the image decompressors: a 256-entry table built on first use. */
#include <xen/crc32.h>

#define CRC32_POLY  0xedb88320u

static uint32_t table[256];
static bool table_ready;

/* Built lazily rather than at boot: the decompressors are its only users and
 * may run before any init hook would. Filling it twice is harmless. */
static void crc32_init(void)
{
    unsigned int i, bit;

    for ( i = 0; i < 256; i++ )
    {
        uint32_t c = i;

        for ( bit = 0; bit < 8; bit++ )
            c = (c & 1) ? (c >> 1) ^ CRC32_POLY : c >> 1;
        table[i] = c;
    }
    table_ready = true;
}

uint32_t crc32(uint32_t crc, const void *buf, size_t len)
{
    const uint8_t *p = buf;

    if ( !table_ready )
        crc32_init();
    crc = ~crc;
    while ( len-- )
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}
