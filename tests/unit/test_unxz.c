/* SPDX-License-Identifier: GPL-2.0-only */
/* unxz against streams made by the real xz (test_unxz.mk) and against streams
 * built here field by field, including damaged and unsupported ones. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <xen/crc32.h>
#include <xen/unxz.h>
#include "host_env.h"

struct blob {
    uint8_t *data;
    size_t len;
};

static struct blob load(const char *name)
{
    char path[512];
    struct blob b = { NULL, 0 };
    FILE *f;
    long len;

    snprintf(path, sizeof(path), "%s/%s", XZ_DATA_DIR, name);
    f = fopen(path, "rb");
    if ( !f )
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    b.len = len;
    b.data = malloc(len ? len : 1);
    assert_non_null(b.data);
    assert_int_equal(fread(b.data, 1, len, f), (size_t)len);
    fclose(f);
    return b;
}

/* Decodes from an exactly-sized copy of in[0, len) into an exactly-sized
 * output of 'cap' bytes, so ASan sees any access outside either. */
static int decode_exact(const uint8_t *in, size_t len, size_t cap,
                        uint8_t **out, size_t *out_len, size_t *in_used)
{
    uint8_t *copy = malloc(len ? len : 1);
    int rc;

    assert_non_null(copy);
    memcpy(copy, in, len);
    *out = malloc(cap ? cap : 1);
    assert_non_null(*out);
    rc = unxz(len ? copy : NULL, len, cap ? *out : NULL, cap, out_len, in_used);
    free(copy);
    return rc;
}

static void check_case(const char *xz_name, const char *bin_name)
{
    struct blob xz = load(xz_name), bin = load(bin_name);
    size_t out_len = 12345, in_used = 12345;
    uint8_t *out;
    int rc;

    rc = decode_exact(xz.data, xz.len, bin.len, &out, &out_len, &in_used);
    if ( rc )
        fail_msg("%s: unxz returned %d", xz_name, rc);
    assert_int_equal(out_len, bin.len);
    assert_int_equal(in_used, xz.len);
    if ( memcmp(out, bin.data, bin.len) )
        fail_msg("%s: output differs from %s", xz_name, bin_name);
    free(out);

    /* One byte short of room. */
    if ( bin.len )
    {
        assert_int_equal(decode_exact(xz.data, xz.len, bin.len - 1, &out,
                                      &out_len, &in_used), -ENOSPC);
        free(out);
    }
    free(xz.data);
    free(bin.data);
}

static void xz_linux_options(void **state)
{
    check_case("linux.xz", "x86.bin");
}

static void xz_crc64(void **state)
{
    check_case("crc64.xz", "text.bin");
}

static void xz_check_none(void **state)
{
    check_case("none.xz", "text.bin");
}

static void xz_preset0(void **state)
{
    check_case("preset0.xz", "mixed.bin");
}

static void xz_extreme(void **state)
{
    check_case("extreme.xz", "mixed.bin");
}

static void xz_incompressible(void **state)
{
    check_case("stored.xz", "random.bin");
}

static void xz_empty(void **state)
{
    check_case("empty.xz", "empty.bin");
}

static void xz_lc_lp_pb(void **state)
{
    check_case("lclp.xz", "text.bin");
    check_case("lc4.xz", "mixed.bin");
}

static void xz_x86_start_offset(void **state)
{
    check_case("x86start.xz", "x86.bin");
}

static void xz_small_dict(void **state)
{
    check_case("dict4k.xz", "mixed.bin");
}

static void xz_small(void **state)
{
    check_case("small.xz", "smalltext.bin");
    check_case("small2.xz", "smallx86.bin");
}

static size_t vli_read(const uint8_t *p, size_t *pos)
{
    size_t v = 0;
    unsigned int shift = 0;

    while ( p[*pos] & 0x80 )
    {
        v |= (size_t)(p[(*pos)++] & 0x7f) << shift;
        shift += 7;
    }
    return v | ((size_t)p[(*pos)++] << shift);
}

static size_t get_le32(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((size_t)p[3] << 24);
}

/* Where the index of a single-stream file starts, from the footer. */
static size_t index_start(const struct blob *xz)
{
    return xz->len - 12 - (get_le32(xz->data + xz->len - 8) + 1) * 4;
}

static void xz_multi_block(void **state)
{
    struct blob xz = load("blocks.xz"), mt = load("blocks_mt.xz");
    size_t pos;

    /* The inputs really have several blocks, and xz -T2 puts both sizes in
     * the block headers (flag bits 0x40 and 0x80). */
    pos = index_start(&xz) + 1;
    assert_true(vli_read(xz.data, &pos) >= 7);
    pos = index_start(&mt) + 1;
    assert_true(vli_read(mt.data, &pos) >= 5);
    assert_int_equal(mt.data[13] & 0xc0, 0xc0);
    free(xz.data);
    free(mt.data);

    check_case("blocks.xz", "text.bin");
    check_case("blocks_mt.xz", "mixed.bin");
}

/* Where the LZMA2 chunk at p[pos] ends. */
static size_t next_chunk(const uint8_t *p, size_t pos)
{
    unsigned int ctrl = p[pos];

    if ( ctrl >= 0x80 )
        return pos + (ctrl >= 0xc0 ? 6 : 5) +
               ((p[pos + 3] << 8) | p[pos + 4]) + 1;
    return pos + 3 + ((p[pos + 1] << 8) | p[pos + 2]) + 1;
}

/* Walks the LZMA2 chunk headers of a one-block stream, setting bit
 * (control >> 5) for LZMA chunks and bit control for stored ones. */
static unsigned int chunk_kinds(const char *name)
{
    struct blob xz = load(name);
    size_t pos = 12 + (xz.data[12] + 1) * 4;
    unsigned int kinds = 0, ctrl;

    while ( (ctrl = xz.data[pos]) != 0 )
    {
        kinds |= ctrl >= 0x80 ? 1u << (ctrl >> 5) : 1u << ctrl;
        pos = next_chunk(xz.data, pos);
        assert_true(pos < xz.len);
    }
    free(xz.data);
    return kinds;
}

/* The generated inputs hold every kind of LZMA2 chunk: stored with and
 * without dictionary reset, and LZMA with no reset, state reset, new
 * properties and dictionary reset. */
static void xz_chunk_kinds_covered(void **state)
{
    unsigned int kinds = chunk_kinds("preset0.xz") | chunk_kinds("stored.xz") |
                         chunk_kinds("crc64.xz") | chunk_kinds("dict4k.xz");

    assert_int_equal(kinds & 0x06, 0x06);
    assert_int_equal(kinds & 0xf0, 0xf0);
}

static void xz_concatenated_with_trailer(void **state)
{
    struct blob cat = load("concat.xz"), bin = load("concat.bin");
    struct blob a = load("small.xz"), b = load("small2.xz");
    size_t out_len, in_used;
    uint8_t *out;

    assert_int_equal(decode_exact(cat.data, cat.len, bin.len, &out, &out_len,
                                  &in_used), 0);
    assert_int_equal(out_len, bin.len);
    assert_memory_equal(out, bin.data, bin.len);
    /* Stops before "TAIL", having taken the padding between the streams. */
    assert_int_equal(in_used, a.len + 8 + b.len);
    assert_int_equal(cat.len - in_used, 4);
    free(out);

    /* Padding at the very end is consumed. */
    memset(cat.data + cat.len - 4, 0, 4);
    assert_int_equal(decode_exact(cat.data, cat.len, bin.len, &out, &out_len,
                                  &in_used), 0);
    assert_int_equal(in_used, cat.len);
    free(out);

    free(cat.data);
    free(bin.data);
    free(a.data);
    free(b.data);
}

static void truncations_of(const char *name)
{
    struct blob xz = load(name);
    size_t n, out_len;
    uint8_t *out;

    for ( n = 0; n < xz.len; n++ )
    {
        int rc = decode_exact(xz.data, n, 65536, &out, &out_len, NULL);

        if ( rc != -EINVAL )
            fail_msg("%s cut to %zu bytes: %d", name, n, rc);
        free(out);
    }
    free(xz.data);
}

static void xz_every_truncation_fails(void **state)
{
    truncations_of("small.xz");
    truncations_of("small2.xz");
    truncations_of("empty.xz");
}

/* Every single-bit change anywhere (headers, LZMA2 data, padding, check,
 * index, footer) is caught. The output room is large enough that a damaged
 * chunk size cannot turn the error into -ENOSPC. */
static void bitflips_of(const char *name)
{
    enum { CAP = 4 << 20 };
    struct blob xz = load(name);
    uint8_t *out = malloc(CAP);
    size_t bit;

    assert_non_null(out);
    for ( bit = 0; bit < xz.len * 8; bit++ )
    {
        int rc;

        xz.data[bit / 8] ^= 1u << (bit % 8);
        rc = unxz(xz.data, xz.len, out, CAP, NULL, NULL);
        xz.data[bit / 8] ^= 1u << (bit % 8);
        if ( rc != -EINVAL )
            fail_msg("%s, bit %zu flipped: %d", name, bit, rc);
    }
    assert_int_equal(unxz(xz.data, xz.len, out, CAP, NULL, NULL), 0);
    free(out);
    free(xz.data);
}

static void xz_every_bitflip_fails(void **state)
{
    bitflips_of("small.xz");
    bitflips_of("small2.xz");
    bitflips_of("empty.xz");
}

static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

/* Changes the low bit of field 'which' (0: unpadded size, 1: uncompressed
 * size) of the first index record and, if 'fix_crc', recomputes the index
 * CRC so only the cross-check with the blocks can notice. */
static int decode_with_index_change(const char *name, int which, bool fix_crc)
{
    struct blob xz = load(name);
    size_t start = index_start(&xz), pos = start + 2, end, out_len;
    uint8_t *out;
    int rc;

    assert_int_equal(xz.data[start], 0);
    if ( which )
        vli_read(xz.data, &pos);
    xz.data[pos] ^= 1;
    end = xz.len - 12 - 4;
    if ( fix_crc )
        put_le32(xz.data + end, crc32(0, xz.data + start, end - start));
    rc = decode_exact(xz.data, xz.len, 1 << 20, &out, &out_len, NULL);
    free(out);
    free(xz.data);
    return rc;
}

static void xz_index_checked_against_blocks(void **state)
{
    assert_int_equal(decode_with_index_change("crc64.xz", 0, true), -EINVAL);
    assert_int_equal(decode_with_index_change("crc64.xz", 1, true), -EINVAL);
    assert_int_equal(decode_with_index_change("crc64.xz", 1, false), -EINVAL);
}

/* Swaps the first and last index records of the multi-block file: the sums
 * stay the same, only the order differs from the blocks'. */
static void xz_index_record_order_checked(void **state)
{
    struct blob xz = load("blocks.xz");
    size_t start = index_start(&xz), pos = start + 1, count, i;
    size_t rec[64], end = xz.len - 12 - 4, first, last, out_len;
    uint8_t *copy = malloc(xz.len), *out;

    assert_non_null(copy);
    count = vli_read(xz.data, &pos);
    assert_true(count >= 2 && count < 64);
    for ( i = 0; i <= count; i++ )
    {
        rec[i] = pos;
        if ( i < count )
        {
            vli_read(xz.data, &pos);
            vli_read(xz.data, &pos);
        }
    }
    first = rec[1] - rec[0];
    last = rec[count] - rec[count - 1];
    memcpy(copy, xz.data, xz.len);
    memcpy(copy + rec[0], xz.data + rec[count - 1], last);
    memcpy(copy + rec[0] + last, xz.data + rec[1], rec[count - 1] - rec[1]);
    memcpy(copy + rec[count] - first, xz.data + rec[0], first);
    assert_memory_not_equal(copy + rec[0], xz.data + rec[0],
                            rec[count] - rec[0]);
    put_le32(copy + end, crc32(0, copy + start, end - start));

    assert_int_equal(decode_exact(copy, xz.len, 1 << 20, &out, &out_len, NULL),
                     -EINVAL);
    free(out);
    free(copy);
    free(xz.data);
}

/* The text has matches much further back than 4 KiB: declaring a 4 KiB
 * dictionary (code 0) in the block header makes them invalid. */
static void xz_distance_beyond_dict_size(void **state)
{
    struct blob xz = load("crc64.xz");
    size_t hlen = (xz.data[12] + 1) * 4, out_len;
    uint8_t *h = xz.data + 12, *out;

    /* One filter, no sizes: flags, then LZMA2 id 0x21, props size 1, dict. */
    assert_int_equal(h[1], 0);
    assert_int_equal(h[2], 0x21);
    assert_true(h[4] > 0);
    h[4] = 0;
    put_le32(h + hlen - 4, crc32(0, h, hlen - 4));
    assert_int_equal(decode_exact(xz.data, xz.len, 1 << 20, &out, &out_len,
                                  NULL), -EINVAL);
    free(out);
    free(xz.data);
}

static void xz_unsupported(void **state)
{
    struct blob sha = load("sha256.xz"), delta = load("delta.xz");
    uint8_t out[8192];

    assert_int_equal(unxz(sha.data, sha.len, out, sizeof(out), NULL, NULL),
                     -EOPNOTSUPP);
    assert_int_equal(unxz(delta.data, delta.len, out, sizeof(out), NULL, NULL),
                     -EOPNOTSUPP);
    free(sha.data);
    free(delta.data);
}

static void xz_out_of_memory(void **state)
{
    struct blob xz = load("small.xz");
    uint8_t out[8192];
    size_t out_len;

    unit_xmalloc_fail_after(0);
    assert_int_equal(unxz(xz.data, xz.len, out, sizeof(out), &out_len, NULL),
                     -ENOMEM);
    unit_xmalloc_fail_after(-1);
    assert_int_equal(unxz(xz.data, xz.len, out, sizeof(out), &out_len, NULL),
                     0);
    assert_int_equal(out_len, 3000);
    free(xz.data);
}

static void bad_arguments(void **state)
{
    uint8_t buf[16] = { 0 };

    assert_int_equal(unxz(NULL, 16, buf, sizeof(buf), NULL, NULL), -EINVAL);
    assert_int_equal(unxz(buf, sizeof(buf), NULL, 16, NULL, NULL), -EINVAL);
    assert_int_equal(unxz(buf, sizeof(buf), buf, sizeof(buf), NULL, NULL),
                     -EINVAL);
}

/* Hand-built streams */

struct build {
    uint8_t check;          /* 0 none, 1 CRC-32, anything else written as is */
    bool sizes;             /* both sizes in the block header */
    long usize_delta;       /* added to the header's uncompressed size */
    long csize_delta;
    bool x86;
    uint32_t x86_start;     /* written as a property when non-zero */
    uint8_t first_ctrl;     /* 0: 0x01 */
    long index_usize_delta; /* with a valid index CRC */
    long backward_delta;    /* with a valid footer CRC */
    uint8_t footer_check;   /* footer flags disagreeing with the header's */
    bool long_vli;          /* header sizes with a redundant 0x80 byte */
    const char *chunk;      /* a chunk header appended after the data */
    size_t chunk_len;
};

static size_t put_vli(uint8_t *p, uint64_t v)
{
    size_t n = 0;

    while ( v >= 0x80 )
    {
        p[n++] = (v & 0x7f) | 0x80;
        v >>= 7;
    }
    p[n++] = v;
    return n;
}

static size_t pad4(uint8_t *p, size_t len)
{
    size_t n = 0;

    while ( (len + n) & 3 )
        p[n++] = 0;
    return n;
}

static size_t build_block_header(uint8_t *p, const struct build *o,
                                 size_t csize, size_t usize)
{
    size_t n = 2;

    p[1] = o->x86 ? 1 : 0;
    if ( o->sizes )
    {
        p[1] |= 0xc0;
        n += put_vli(p + n, csize + o->csize_delta);
        n += put_vli(p + n, usize + o->usize_delta);
        if ( o->long_vli )
        {
            /* The same value, with a zero final byte it does not need. */
            p[n - 1] |= 0x80;
            p[n++] = 0;
        }
    }
    if ( o->x86 )
    {
        p[n++] = 0x04;
        p[n++] = o->x86_start ? 4 : 0;
        if ( o->x86_start )
        {
            put_le32(p + n, o->x86_start);
            n += 4;
        }
    }
    p[n++] = 0x21;
    p[n++] = 1;
    p[n++] = 16;                /* 256 KiB dictionary */
    n += pad4(p + n, n);
    p[0] = n / 4;               /* (size + 4) / 4 - 1 */
    put_le32(p + n, crc32(0, p, n));
    return n + 4;
}

/* LZMA2 made of stored chunks only. */
static size_t build_lzma2(uint8_t *p, const uint8_t *data, size_t len,
                          const struct build *o)
{
    size_t n = 0, off, chunk;

    for ( off = 0; off < len; off += chunk )
    {
        chunk = len - off < 65536 ? len - off : 65536;
        p[n++] = off ? 0x02 : (o->first_ctrl ? o->first_ctrl : 0x01);
        p[n++] = (chunk - 1) >> 8;
        p[n++] = chunk - 1;
        memcpy(p + n, data + off, chunk);
        n += chunk;
    }
    if ( o->chunk )
        memcpy(p + n, o->chunk, o->chunk_len);
    n += o->chunk_len;
    p[n++] = 0x00;
    return n;
}

static size_t build_index(uint8_t *p, size_t unpadded, size_t usize,
                          const struct build *o)
{
    size_t n = 0;

    p[n++] = 0;
    n += put_vli(p + n, 1);
    n += put_vli(p + n, unpadded);
    n += put_vli(p + n, usize + o->index_usize_delta);
    n += pad4(p + n, n);
    put_le32(p + n, crc32(0, p, n));
    return n + 4;
}

/* A one-block stream holding data[0, len) in stored LZMA2 chunks. */
static size_t build_xz(uint8_t *p, const uint8_t *data, size_t len,
                       const struct build *o)
{
    static uint8_t lz[3 * 65536 + 16];
    uint8_t hdr[64];
    size_t n = 0, hlen, csize, check = o->check == 1 ? 4 : 0, isize;

    assert_true(len <= 3 * 65536);
    csize = build_lzma2(lz, data, len, o);
    hlen = build_block_header(hdr, o, csize, len);

    memcpy(p, "\xfd" "7zXZ\0", 6);
    p[6] = 0;
    p[7] = o->check;
    put_le32(p + 8, crc32(0, p + 6, 2));
    n = 12;
    memcpy(p + n, hdr, hlen);
    n += hlen;
    memcpy(p + n, lz, csize);
    n += csize;
    n += pad4(p + n, csize);
    if ( check )
    {
        put_le32(p + n, crc32(0, data, len));
        n += 4;
    }
    isize = build_index(p + n, hlen + csize + check, len, o);
    n += isize;
    put_le32(p + n + 4, isize / 4 - 1 + o->backward_delta);
    p[n + 8] = 0;
    p[n + 9] = o->check ^ o->footer_check;
    put_le32(p + n, crc32(0, p + n + 4, 6));
    memcpy(p + n + 10, "YZ", 2);
    return n + 12;
}

static int decode_built(const uint8_t *data, size_t len, const struct build *o,
                        uint8_t *out, size_t cap, size_t *out_len)
{
    static uint8_t xz[3 * 65536 + 256];
    size_t n = build_xz(xz, data, len, o);

    return unxz(xz, n, out, cap, out_len, NULL);
}

static uint8_t built_data[150000], built_out[160000];

static void fill_built_data(void)
{
    size_t i;

    for ( i = 0; i < sizeof(built_data); i++ )
        built_data[i] = (i * 7) ^ (i >> 5);
}

static void built_streams(void **state)
{
    struct build o = { .check = 1 };
    size_t out_len;

    fill_built_data();
    /* Three stored chunks, the first with a dictionary reset. */
    assert_int_equal(decode_built(built_data, sizeof(built_data), &o,
                                  built_out, sizeof(built_out), &out_len), 0);
    assert_int_equal(out_len, sizeof(built_data));
    assert_memory_equal(built_out, built_data, sizeof(built_data));

    o = (struct build){ .check = 0, .sizes = true };
    assert_int_equal(decode_built(built_data, 1000, &o, built_out,
                                  sizeof(built_out), &out_len), 0);
    assert_int_equal(out_len, 1000);
    assert_memory_equal(built_out, built_data, 1000);
}

/* Streams that are well formed but for one thing, 1000 bytes of data. */
static void built_streams_rejected(void **state)
{
    static const struct {
        struct build o;
        size_t cap;
        int rc;
    } cases[] = {
        /* Header sizes that disagree with the data. */
        { { .check = 1, .sizes = true, .usize_delta = -1 }, 0, -EINVAL },
        { { .check = 1, .sizes = true, .usize_delta = 1 }, 0, -EINVAL },
        { { .check = 1, .sizes = true, .csize_delta = -1 }, 0, -EINVAL },
        { { .check = 1, .sizes = true, .csize_delta = 1 }, 0, -EINVAL },
        /* A declared size beyond the output room is known early. */
        { { .check = 1, .sizes = true }, 999, -ENOSPC },
        /* The index and footer, with their own CRCs valid. */
        { { .check = 1, .index_usize_delta = 1 }, 0, -EINVAL },
        { { .check = 1, .backward_delta = 1 }, 0, -EINVAL },
        /* The first chunk must reset the dictionary; 0x03 is no chunk. */
        { { .check = 1, .first_ctrl = 0x02 }, 0, -EINVAL },
        { { .check = 1, .first_ctrl = 0x03 }, 0, -EINVAL },
        /* Minimal integers only; the footer repeats the header's flags. */
        { { .check = 1, .sizes = true, .long_vli = true }, 0, -EINVAL },
        { { .check = 1, .footer_check = 1 }, 0, -EINVAL },
        /* Check type 2 is reserved (4 bytes): valid, but not ours. */
        { { .check = 2 }, 0, -EOPNOTSUPP },
    };
    unsigned int i;
    int rc;

    fill_built_data();
    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        rc = decode_built(built_data, 1000, &cases[i].o, built_out,
                          cases[i].cap ? cases[i].cap : sizeof(built_out),
                          NULL);
        if ( rc != cases[i].rc )
            fail_msg("case %u: %d, not %d", i, rc, cases[i].rc);
    }
}

/*
 * LZMA chunks after a stored chunk with dictionary reset, each claiming 2 MiB
 * of output: it must be refused for what is wrong with its header (-EINVAL)
 * before its size is weighed against the room left (-ENOSPC).
 */
static void built_lzma_chunk_headers(void **state)
{
    static const struct {
        const char *hdr;
        size_t len;
        int rc;
    } cases[] = {
        /* The first LZMA chunk after a dictionary reset needs properties. */
        { "\xbf\xff\xff\x00\x10", 5, -EINVAL },
        { "\x9f\xff\xff\x00\x10", 5, -EINVAL },
        /* Properties past pb = 4, and lc + lp > 4 (lc 3, lp 2). */
        { "\xdf\xff\xff\x00\x10\xe1", 6, -EINVAL },
        { "\xdf\xff\xff\x00\x10\x15", 6, -EINVAL },
        /* Good properties (lc 3, lp 0, pb 2): now the size is the problem. */
        { "\xdf\xff\xff\x00\x10\x5d", 6, -ENOSPC },
        { "\xff\xff\xff\x00\x10\x5d", 6, -ENOSPC },
    };
    static uint8_t data[100], out[4096];
    struct build o = { .check = 1 };
    unsigned int i;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        o.chunk = cases[i].hdr;
        o.chunk_len = cases[i].len;
        assert_int_equal(decode_built(data, sizeof(data), &o, out, sizeof(out),
                                      NULL), cases[i].rc);
    }
}

/*
 * The x86 filter by hand: E8/E9 with a 00/FF top byte had their rel32 made
 * absolute (target = rel + position after the instruction + start offset).
 */
static void built_x86_filter(void **state)
{
    uint8_t in[40] = { 0 }, out[40];
    /* No check: the builder would compute it over the unfiltered bytes. */
    struct build o = { .check = 0, .x86 = true };
    size_t out_len;

    in[0] = 0xe8;                       /* call, absolute 0x1005 */
    put_le32(in + 1, 0x00001005);
    in[10] = 0xe9;                      /* jmp, absolute 0 */
    put_le32(in + 11, 0);
    in[20] = 0xe8;                      /* top byte 0x12: left alone */
    put_le32(in + 21, 0x12000000);
    in[36] = 0xe8;                      /* in the last four bytes: left alone */

    assert_int_equal(decode_built(in, sizeof(in), &o, out, sizeof(out),
                                  &out_len), 0);
    assert_int_equal(out_len, sizeof(in));
    assert_int_equal(out[0], 0xe8);
    assert_int_equal(get_le32(out + 1), 0x1000);          /* 0x1005 - 5 */
    assert_int_equal(get_le32(out + 11), 0xfffffff1u);    /* 0 - 15 */
    assert_int_equal(get_le32(out + 21), 0x12000000);
    assert_int_equal(out[36], 0xe8);

    o.x86_start = 0x100;
    assert_int_equal(decode_built(in, sizeof(in), &o, out, sizeof(out),
                                  &out_len), 0);
    assert_int_equal(get_le32(out + 1), 0x1005 - 0x105);
    assert_int_equal(get_le32(out + 11), (uint32_t)(0 - 0x10f));
}

/* The LZMA2 data of a one-block file, less its end marker. */
static size_t lzma2_data(const struct blob *xz, size_t *start)
{
    size_t pos = 12 + (xz->data[12] + 1) * 4;

    *start = pos;
    while ( xz->data[pos] )
    {
        pos = next_chunk(xz->data, pos);
        assert_true(pos < xz->len);
    }
    return pos - *start;
}

/* A one-block stream without a check around LZMA2 chunks (the end marker is
 * added here) that decode to usize bytes; 8 MiB dictionary. */
static size_t wrap_lzma2(uint8_t *p, const uint8_t *lz, size_t lz_len,
                         size_t usize)
{
    static const uint8_t block_header[8] = { 2, 0, 0x21, 1, 22, 0, 0, 0 };
    size_t n, csize = lz_len + 1, ipos;

    memcpy(p, "\xfd" "7zXZ\0\0\0", 8);
    put_le32(p + 8, crc32(0, p + 6, 2));
    memcpy(p + 12, block_header, 8);
    put_le32(p + 20, crc32(0, block_header, 8));
    memcpy(p + 24, lz, lz_len);
    n = 24 + lz_len;
    p[n++] = 0;
    n += pad4(p + n, csize);

    ipos = n;
    n += build_index(p + n, 12 + csize, usize, &(struct build){ 0 });
    put_le32(p + n + 4, (n - ipos) / 4 - 1);
    p[n + 8] = 0;
    p[n + 9] = 0;
    put_le32(p + n, crc32(0, p + n + 4, 6));
    memcpy(p + n + 10, "YZ", 2);
    return n + 12;
}

/* The range coder of an LZMA chunk must use up exactly its compressed size:
 * an unused zero byte at its end leaves the symbols decodable but is wrong. */
static void xz_chunk_must_use_all_bytes(void **state)
{
    struct blob xz = load("small.xz"), bin = load("smalltext.bin");
    size_t start, len = lzma2_data(&xz, &start), n, csize, out_len;
    uint8_t *lz = malloc(len + 1), *p = malloc(len + 128), *out;

    assert_non_null(lz);
    assert_non_null(p);
    memcpy(lz, xz.data + start, len);
    /* As it was, rewrapped: decodes. */
    n = wrap_lzma2(p, lz, len, bin.len);
    assert_int_equal(decode_exact(p, n, bin.len, &out, &out_len, NULL), 0);
    assert_memory_equal(out, bin.data, bin.len);
    free(out);

    /* One LZMA chunk (with properties), one more byte counted in it. */
    assert_int_equal(lz[0] & 0xe0, 0xe0);
    assert_int_equal(next_chunk(lz, 0), len);
    csize = ((lz[3] << 8) | lz[4]) + 1;
    lz[3] = csize >> 8;
    lz[4] = csize;
    lz[len] = 0;
    n = wrap_lzma2(p, lz, len + 1, bin.len);
    assert_int_equal(decode_exact(p, n, bin.len, &out, &out_len, NULL),
                     -EINVAL);
    free(out);
    free(lz);
    free(p);
    free(xz.data);
    free(bin.data);
}

/* Two LZMA2 sequences in one block, the second starting with a dictionary
 * reset: its literals must not see the first one's last byte as context. */
static void xz_dict_reset_inside_block(void **state)
{
    struct blob xz = load("small.xz"), bin = load("smalltext.bin");
    size_t start, len = lzma2_data(&xz, &start), n, out_len;
    uint8_t *lz = malloc(2 * len), *p = malloc(2 * len + 128), *out;

    assert_non_null(lz);
    assert_non_null(p);
    memcpy(lz, xz.data + start, len);
    memcpy(lz + len, xz.data + start, len);
    n = wrap_lzma2(p, lz, 2 * len, 2 * bin.len);
    assert_int_equal(decode_exact(p, n, 2 * bin.len, &out, &out_len, NULL), 0);
    assert_int_equal(out_len, 2 * bin.len);
    assert_memory_equal(out, bin.data, bin.len);
    assert_memory_equal(out + bin.len, bin.data, bin.len);
    free(out);
    free(lz);
    free(p);
    free(xz.data);
    free(bin.data);
}

static void xz_bcj_dense(void **state)
{
    check_case("bcjmix.xz", "x86mix.bin");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(xz_linux_options),
        cmocka_unit_test(xz_crc64),
        cmocka_unit_test(xz_check_none),
        cmocka_unit_test(xz_preset0),
        cmocka_unit_test(xz_extreme),
        cmocka_unit_test(xz_incompressible),
        cmocka_unit_test(xz_empty),
        cmocka_unit_test(xz_lc_lp_pb),
        cmocka_unit_test(xz_x86_start_offset),
        cmocka_unit_test(xz_small_dict),
        cmocka_unit_test(xz_small),
        cmocka_unit_test(xz_multi_block),
        cmocka_unit_test(xz_chunk_kinds_covered),
        cmocka_unit_test(xz_concatenated_with_trailer),
        cmocka_unit_test(xz_every_truncation_fails),
        cmocka_unit_test(xz_every_bitflip_fails),
        cmocka_unit_test(xz_index_checked_against_blocks),
        cmocka_unit_test(xz_index_record_order_checked),
        cmocka_unit_test(xz_distance_beyond_dict_size),
        cmocka_unit_test(xz_unsupported),
        cmocka_unit_test(xz_out_of_memory),
        cmocka_unit_test(bad_arguments),
        cmocka_unit_test(built_streams),
        cmocka_unit_test(built_streams_rejected),
        cmocka_unit_test(built_lzma_chunk_headers),
        cmocka_unit_test(built_x86_filter),
        cmocka_unit_test(xz_chunk_must_use_all_bytes),
        cmocka_unit_test(xz_dict_reset_inside_block),
        cmocka_unit_test(xz_bcj_dense),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
