/* SPDX-License-Identifier: GPL-2.0-only */
/* The .xz container for unxz: stream header and footer, block headers, the
 * index, the integrity checks and the x86 BCJ filter; LZMA2 is unxz_lzma.c. */
#include <xen/crc32.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/unxz.h>

#include "unxz_private.h"

/*
 * Theory of operation.
 *
 * A .xz file is one or more streams, each possibly followed by stream padding
 * (zero bytes in groups of four):
 *   stream = header(12) block* index footer(12)
 *   block  = header(8..1024, ends in its CRC-32) LZMA2 data
 *            zero padding to a multiple of 4, check(0, 4 or 8 bytes here)
 *   index  = 0x00, record count, (unpadded size, uncompressed size) per
 *            block, zero padding to a multiple of 4, CRC-32
 * Integers in headers and the index are "VLIs": 7 bits a byte, low first,
 * the top bit saying another byte follows, at most 9 bytes.
 *
 * Every block is decoded straight to its place in the output, then the BCJ
 * filter (if any) is undone in place and the check is computed over the
 * result. The index is only met after the blocks, so instead of remembering
 * every block, each block's (unpadded size, uncompressed size) pair is folded
 * into a tally (count, two sums and a CRC-32 of the pairs); the index's
 * records are folded the same way and the two tallies must be equal.
 *
 * Example: `xz --check=crc32 --x86 --lzma2=dict=1MiB` (what Linux uses) gives
 * a header with check type 1, one block whose header lists filters 0x04 (x86)
 * and 0x21 (LZMA2, dictionary byte 20), the LZMA2 data, a CRC-32 of the
 * decoded bytes, a one-record index and the footer "...YZ". A bzImage then
 * appends the 4-byte output size, which the caller sees past *in_used.
 */

#define XZ_HEADER_SIZE      12
#define XZ_FOOTER_SIZE      12
#define XZ_CHECK_NONE       0x00
#define XZ_CHECK_CRC32      0x01
#define XZ_CHECK_CRC64      0x04
#define XZ_FLAG_CSIZE       0x40
#define XZ_FLAG_USIZE       0x80
#define XZ_FLAG_FILTERS     0x03    /* number of filters - 1 */
#define XZ_FLAG_RESERVED    0x3c
#define XZ_VLI_BYTES_MAX    9
#define XZ_FILTER_X86       0x04
#define XZ_FILTER_LZMA2     0x21
#define XZ_DICT_CODE_MAX    40

#define CRC64_POLY          0xc96c5795d7870f42ull   /* ECMA-182, reflected */

static const u8 stream_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
static const u8 footer_magic[2] = { 'Y', 'Z' };

struct xz_tally {
    u64 count;
    u64 unpadded;
    u64 uncompressed;
    u32 crc;
};

struct xz_dec {
    const u8 *in;
    size_t in_len;
    size_t pos;                 /* next input byte */
    u8 *out;
    size_t out_cap;
    size_t out_pos;
    const u8 *flags;            /* the current stream's header flags */
    unsigned int check_size;
    struct xz_tally blocks;
    struct unxz_lzma2 *lzma;
};

/* What a block header says. */
struct xz_block {
    size_t header_size;
    bool has_csize, has_usize;
    u64 csize, usize;
    bool x86;
    u32 x86_start;
    u32 dict_size;
};

static u32 get_le32(const u8 *p)
{
    return p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) | ((u32)p[3] << 24);
}

static u64 get_le64(const u8 *p)
{
    return get_le32(p) | ((u64)get_le32(p + 4) << 32);
}

static void put_le32(u8 *p, u32 v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

static u64 crc64_table[256];
static bool crc64_ready;

/* Built on first use, as crc32.c does; filling it twice is harmless. */
static void crc64_init(void)
{
    unsigned int i, bit;

    for ( i = 0; i < 256; i++ )
    {
        u64 c = i;

        for ( bit = 0; bit < 8; bit++ )
            c = (c & 1) ? (c >> 1) ^ CRC64_POLY : c >> 1;
        crc64_table[i] = c;
    }
    crc64_ready = true;
}

static u64 crc64(const u8 *p, size_t len)
{
    u64 crc = ~0ull;

    if ( !crc64_ready )
        crc64_init();
    while ( len-- )
        crc = crc64_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

/* Rejects over-long encodings (a zero last byte), as the format requires. */
static int get_vli(const u8 *buf, size_t *pos, size_t end, u64 *val)
{
    unsigned int i;
    u64 v = 0;
    u8 b;

    for ( i = 0; i < XZ_VLI_BYTES_MAX && *pos < end; i++ )
    {
        b = buf[(*pos)++];
        v |= (u64)(b & 0x7f) << (7 * i);
        if ( !(b & 0x80) )
        {
            if ( b == 0 && i )
                return -EINVAL;
            *val = v;
            return 0;
        }
    }
    return -EINVAL;
}

/* For a BCJ history mask: which byte of the rel32, counted from the top, an
 * overlapping earlier candidate would have tested. */
static const u8 x86_mask_byte[8] = { 0, 1, 2, 2, 3, 3, 3, 3 };

static bool x86_far(u8 b)
{
    return b == 0x00 || b == 0xff;
}

/*
 * Turns the absolute target the encoder stored back into a rel32. 'mask' has
 * a bit for each of the three bytes before this opcode that held an E8/E9
 * left unconverted. When the byte such an overlapping candidate would test
 * comes out 00/FF, the encoder had flipped the bits below the masked top
 * bytes and converted again; undo that once. (The reference coders loop
 * here, but a second round tests the complement of a source byte the caller
 * already found not to be 00/FF, so it never continues.)
 */
static u32 x86_target(u32 src, u32 next_ip, unsigned int mask)
{
    unsigned int shift = 8 * x86_mask_byte[mask];
    u32 dest = src - next_ip;

    if ( mask && x86_far(dest >> (24 - shift)) )
        dest = (dest ^ ((1u << (32 - shift)) - 1)) - next_ip;
    /* Sign-extend from bit 24, so the stored top byte is 00 or FF again. */
    dest &= 0x01ffffff;
    return dest | (0u - (dest & 0x01000000));
}

/*
 * The x86 BCJ filter: the encoder replaced the rel32 of CALL (E8) and JMP
 * (E9) with absolute targets when the top byte was 00/FF, so that repeated
 * calls compress well. 'start' is the stream position of buf[0] (the
 * filter's start offset property). The last four bytes can hold no complete
 * instruction and are left as they are.
 */
static void bcj_x86(u8 *buf, size_t size, u32 start)
{
    static const bool mask_ok[8] = { 1, 1, 1, 0, 1, 0, 0, 0 };
    size_t i, prev = SIZE_MAX;  /* unsigned: i - prev is i + 1 at first */
    size_t gap;
    unsigned int mask = 0;

    for ( i = 0; i + 4 < size; i++ )
    {
        if ( (buf[i] & 0xfe) != 0xe8 )
            continue;
        gap = i - prev;
        prev = i;
        if ( gap > 3 )
            mask = 0;
        else
        {
            mask = (mask << (gap - 1)) & 7;
            if ( mask && (!mask_ok[mask] ||
                          x86_far(buf[i + 4 - x86_mask_byte[mask]])) )
            {
                mask = (mask << 1) | 1;
                continue;
            }
        }
        if ( !x86_far(buf[i + 4]) )
        {
            mask = (mask << 1) | 1;
            continue;
        }
        put_le32(buf + i + 1, x86_target(get_le32(buf + i + 1),
                                         start + (u32)i + 5, mask));
        i += 4;
    }
}

static int parse_lzma2_props(const u8 *p, u64 psize, struct xz_block *b)
{
    unsigned int code;

    if ( psize != 1 || p[0] > XZ_DICT_CODE_MAX )
        return -EOPNOTSUPP;
    code = p[0];
    b->dict_size = code == XZ_DICT_CODE_MAX ? 0xffffffffu
                   : (2u | (code & 1)) << (code / 2 + 11);
    return 0;
}

/* Only one chain is supported: an optional x86 BCJ, then LZMA2. */
static int parse_filters(const u8 *h, size_t *pos, size_t end,
                         unsigned int nr, struct xz_block *b)
{
    unsigned int i;
    u64 id, psize;
    int rc;

    for ( i = 0; i < nr; i++ )
    {
        if ( get_vli(h, pos, end, &id) || get_vli(h, pos, end, &psize) ||
             psize > end - *pos )
            return -EINVAL;
        if ( id == XZ_FILTER_LZMA2 && i == nr - 1 )
            rc = parse_lzma2_props(h + *pos, psize, b);
        else if ( id == XZ_FILTER_X86 && i == 0 && nr > 1 &&
                  (psize == 0 || psize == 4) )
        {
            b->x86 = true;
            b->x86_start = psize ? get_le32(h + *pos) : 0;
            rc = 0;
        }
        else
            rc = -EOPNOTSUPP;
        if ( rc )
            return rc;
        *pos += psize;
    }
    return 0;
}

static int block_header(const struct xz_dec *d, struct xz_block *b)
{
    const u8 *h = d->in + d->pos;
    size_t size = ((size_t)h[0] + 1) * 4, pos = 2, end;
    unsigned int flags;
    int rc;

    if ( size > d->in_len - d->pos )
        return -EINVAL;
    end = size - 4;
    if ( crc32(0, h, end) != get_le32(h + end) )
        return -EINVAL;
    flags = h[1];
    if ( flags & XZ_FLAG_RESERVED )
        return -EOPNOTSUPP;

    b->header_size = size;
    b->has_csize = flags & XZ_FLAG_CSIZE;
    b->has_usize = flags & XZ_FLAG_USIZE;
    if ( (b->has_csize && (get_vli(h, &pos, end, &b->csize) || !b->csize)) ||
         (b->has_usize && get_vli(h, &pos, end, &b->usize)) )
        return -EINVAL;
    rc = parse_filters(h, &pos, end, (flags & XZ_FLAG_FILTERS) + 1, b);
    if ( rc )
        return rc;
    while ( pos < end )
        if ( h[pos++] )
            return -EOPNOTSUPP;
    return 0;
}

static int verify_check(const struct xz_dec *d, const u8 *data, size_t len,
                        const u8 *stored)
{
    switch ( d->check_size )
    {
    case 4:
        return crc32(0, data, len) == get_le32(stored) ? 0 : -EINVAL;
    case 8:
        return crc64(data, len) == get_le64(stored) ? 0 : -EINVAL;
    default:
        return 0;
    }
}

static void tally_add(struct xz_tally *t, u64 unpadded, u64 uncompressed)
{
    u8 rec[16];

    put_le32(rec, unpadded);
    put_le32(rec + 4, unpadded >> 32);
    put_le32(rec + 8, uncompressed);
    put_le32(rec + 12, uncompressed >> 32);
    t->count++;
    t->unpadded += unpadded;
    t->uncompressed += uncompressed;
    t->crc = crc32(t->crc, rec, sizeof(rec));
}

/* Block padding and the check, after the compressed data ending at 'pos'. */
static int block_tail(struct xz_dec *d, size_t pos, size_t csize,
                      size_t out_start)
{
    size_t pad = (4 - (csize & 3)) & 3;
    int rc;

    if ( pad + d->check_size > d->in_len - pos )
        return -EINVAL;
    while ( pad-- )
        if ( d->in[pos++] )
            return -EINVAL;
    rc = verify_check(d, d->out + out_start, d->out_pos - out_start,
                      d->in + pos);
    d->pos = pos + d->check_size;
    return rc;
}

static int decode_block(struct xz_dec *d)
{
    struct xz_block b = { 0 };
    size_t data, pos, in_end = d->in_len, out_start = d->out_pos;
    size_t csize, usize;
    int rc;

    rc = block_header(d, &b);
    if ( rc )
        return rc;
    data = pos = d->pos + b.header_size;
    if ( b.has_csize )
    {
        if ( b.csize > in_end - data )
            return -EINVAL;
        in_end = data + b.csize;
    }
    if ( b.has_usize && b.usize > d->out_cap - out_start )
        return -ENOSPC;

    rc = unxz_lzma2_decode(d->lzma, d->in, &pos, in_end, d->out, &d->out_pos,
                           d->out_cap, b.dict_size);
    if ( rc )
        return rc;
    csize = pos - data;
    usize = d->out_pos - out_start;
    if ( (b.has_csize && csize != b.csize) ||
         (b.has_usize && usize != b.usize) )
        return -EINVAL;
    if ( b.x86 )
        bcj_x86(d->out + out_start, usize, b.x86_start);

    rc = block_tail(d, pos, csize, out_start);
    if ( rc )
        return rc;
    tally_add(&d->blocks, b.header_size + csize + d->check_size, usize);
    return 0;
}

/* Parses the index (d->pos is at its 0x00 indicator), compares it with the
 * blocks' tally and returns its size through *size. */
static int decode_index(struct xz_dec *d, size_t *size)
{
    const u8 *in = d->in;
    size_t start = d->pos, pos = start + 1;
    struct xz_tally t = { 0 };
    u64 count, i, unpadded, uncompressed;

    if ( get_vli(in, &pos, d->in_len, &count) )
        return -EINVAL;
    for ( i = 0; i < count; i++ )
    {
        if ( get_vli(in, &pos, d->in_len, &unpadded) ||
             get_vli(in, &pos, d->in_len, &uncompressed) )
            return -EINVAL;
        tally_add(&t, unpadded, uncompressed);
    }
    while ( (pos - start) & 3 )
        if ( pos >= d->in_len || in[pos++] )
            return -EINVAL;
    if ( d->in_len - pos < 4 ||
         crc32(0, in + start, pos - start) != get_le32(in + pos) )
        return -EINVAL;
    pos += 4;

    if ( t.count != d->blocks.count || t.unpadded != d->blocks.unpadded ||
         t.uncompressed != d->blocks.uncompressed || t.crc != d->blocks.crc )
        return -EINVAL;
    *size = pos - start;
    d->pos = pos;
    return 0;
}

static int stream_header(struct xz_dec *d)
{
    const u8 *h = d->in + d->pos;

    if ( d->in_len - d->pos < XZ_HEADER_SIZE ||
         memcmp(h, stream_magic, sizeof(stream_magic)) ||
         crc32(0, h + 6, 2) != get_le32(h + 8) )
        return -EINVAL;
    /* Flags: a zero byte, then the check type in the low nibble. */
    if ( h[6] || (h[7] & 0xf0) )
        return -EOPNOTSUPP;
    switch ( h[7] )
    {
    case XZ_CHECK_NONE:
        d->check_size = 0;
        break;
    case XZ_CHECK_CRC32:
        d->check_size = 4;
        break;
    case XZ_CHECK_CRC64:
        d->check_size = 8;
        break;
    default:
        return -EOPNOTSUPP;
    }
    d->flags = h + 6;
    d->pos += XZ_HEADER_SIZE;
    return 0;
}

static int stream_footer(struct xz_dec *d, size_t index_size)
{
    const u8 *f = d->in + d->pos;

    if ( d->in_len - d->pos < XZ_FOOTER_SIZE ||
         memcmp(f + 10, footer_magic, sizeof(footer_magic)) ||
         crc32(0, f + 4, 6) != get_le32(f) ||
         ((u64)get_le32(f + 4) + 1) * 4 != index_size ||
         memcmp(f + 8, d->flags, 2) )
        return -EINVAL;
    d->pos += XZ_FOOTER_SIZE;
    return 0;
}

static int decode_stream(struct xz_dec *d)
{
    size_t index_size;
    int rc;

    rc = stream_header(d);
    if ( rc )
        return rc;
    memset(&d->blocks, 0, sizeof(d->blocks));
    for ( ;; )
    {
        if ( d->pos >= d->in_len )
            return -EINVAL;
        if ( !d->in[d->pos] )
            break;
        rc = decode_block(d);
        if ( rc )
            return rc;
    }
    rc = decode_index(d, &index_size);
    if ( rc )
        return rc;
    return stream_footer(d, index_size);
}

/* Skips stream padding; true if another stream follows it. Padding that runs
 * to the end of the input is consumed; padding followed by other bytes is
 * left to the caller with them, as xz would not accept it either. */
static bool next_stream(struct xz_dec *d)
{
    size_t p = d->pos;

    while ( d->in_len - p >= 4 && !get_le32(d->in + p) )
        p += 4;
    if ( p == d->in_len )
    {
        d->pos = p;
        return false;
    }
    if ( d->in_len - p < sizeof(stream_magic) ||
         memcmp(d->in + p, stream_magic, sizeof(stream_magic)) )
        return false;
    d->pos = p;
    return true;
}

int unxz(const void *in, size_t in_len, void *out, size_t out_cap,
         size_t *out_len, size_t *in_used)
{
    struct xz_dec d = {
        .in = in, .in_len = in_len, .out = out, .out_cap = out_cap,
    };
    int rc;

    if ( (!in && in_len) || (!out && out_cap) )
        return -EINVAL;
    d.lzma = unxz_lzma2_alloc();
    if ( !d.lzma )
        return -ENOMEM;

    rc = decode_stream(&d);
    while ( !rc && next_stream(&d) )
        rc = decode_stream(&d);
    unxz_lzma2_free(d.lzma);
    if ( rc )
        return rc;

    if ( out_len )
        *out_len = d.out_pos;
    if ( in_used )
        *in_used = d.pos;
    return 0;
}
