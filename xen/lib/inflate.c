/* SPDX-License-Identifier: GPL-2.0-only */
/* DEFLATE and gzip decompression of whole buffers for the dom0 builder's
 * compressed kernels and initrds. */
/*
 * Theory of operation.
 *
 * Input bits are taken least significant first from a 64-bit buffer that is
 * topped up a byte at a time; bits above 'bitcnt' are always zero, so a peek
 * near the end of the input sees zeros rather than bytes past in_len, and
 * every consumer checks that the bits it uses were really there.
 *
 * Huffman codes are canonical (RFC 1951 3.2.2): a code is fully described by
 * how many codes each length has and the symbols in code order. Decoding
 * first indexes a table with the next FAST_BITS input bits; each slot holds
 * the symbol and length of the code those bits start with, so most symbols
 * cost one lookup. Codes longer than FAST_BITS (rare: they are by design the
 * least frequent symbols) and bit patterns that are no code at all leave a
 * zero slot and go to a canonical walk, one bit per length, which also does
 * the rejecting. Huffman codes are sent most significant bit first, so the
 * table is indexed by the code bit-reversed.
 *
 * There is no separate window: back-references copy from the output buffer
 * itself, after checking the distance does not reach before its start.
 *
 * Example: lengths A=1, B=2, C=2 give codes A=0, B=10, C=11; with FAST_BITS
 * 2 the slots are 00->A/1, 01->B/2 (10 reversed), 10->A/1, 11->C/2.
 */
#include <xen/crc32.h>
#include <xen/errno.h>
#include <xen/inflate.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/xmalloc.h>

#define MAX_BITS        15      /* longest Huffman code */
#define FAST_BITS       10
#define FAST_SIZE       (1u << FAST_BITS)
#define NUM_LITLEN      288     /* symbols of the fixed literal/length code */
#define MAX_LITLEN      286     /* a dynamic block may declare at most this */
#define NUM_DIST        30
#define NUM_CLEN        19
#define END_OF_BLOCK    256

/* A fast slot is symbol << 4 | code length; 0 means "walk the code". */
struct huffman {
    uint16_t fast[FAST_SIZE];
    uint16_t count[MAX_BITS + 1];   /* codes of each length; [0]: unused */
    uint16_t symbol[NUM_LITLEN];    /* symbols in code order */
};

struct inflate_state {
    const uint8_t *in;
    size_t in_len;
    size_t in_pos;                  /* next byte to load into bitbuf */
    uint64_t bitbuf;
    unsigned int bitcnt;
    uint8_t *out;
    size_t out_cap;
    size_t out_pos;
    bool have_fixed;                /* lit/dist hold the fixed codes */
    struct huffman lit;             /* also the code-length code, briefly */
    struct huffman dist;
};

/* Length symbols 257..285 and distance symbols 0..29 (RFC 1951 3.2.5). */
static const uint16_t len_base[29] = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
};
static const uint8_t len_extra[29] = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
    3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
};
static const uint16_t dist_base[NUM_DIST] = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
    257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577,
};
static const uint8_t dist_extra[NUM_DIST] = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
    7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
};

/* The order in which a dynamic header lists the code-length code's lengths. */
static const uint8_t clen_order[NUM_CLEN] = {
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
};

/* Code-length symbols 16 (repeat the previous length), 17 and 18 (zeros). */
static const uint8_t rep_extra[3] = { 2, 3, 7 };
static const uint8_t rep_base[3] = { 3, 3, 11 };

/* ---- Bit input ----------------------------------------------------------- */

static void refill(struct inflate_state *s)
{
    while ( s->bitcnt <= 56 && s->in_pos < s->in_len )
    {
        s->bitbuf |= (uint64_t)s->in[s->in_pos++] << s->bitcnt;
        s->bitcnt += 8;
    }
}

static void drop_bits(struct inflate_state *s, unsigned int n)
{
    s->bitbuf >>= n;
    s->bitcnt -= n;
}

/* n <= 16. Running out of input is corruption: the stream is not finished. */
static int get_bits(struct inflate_state *s, unsigned int n, unsigned int *val)
{
    if ( s->bitcnt < n )
    {
        refill(s);
        if ( s->bitcnt < n )
            return -EINVAL;
    }
    *val = s->bitbuf & ((1u << n) - 1);
    drop_bits(s, n);
    return 0;
}

/* ---- Huffman codes ------------------------------------------------------- */

static unsigned int reverse_bits(unsigned int code, unsigned int len)
{
    unsigned int r = 0;

    while ( len-- )
    {
        r = (r << 1) | (code & 1);
        code >>= 1;
    }
    return r;
}

static void fill_fast(struct huffman *h)
{
    unsigned int len, i, slot, code = 0, k = 0;

    memset(h->fast, 0, sizeof(h->fast));
    for ( len = 1; len <= FAST_BITS; len++ )
    {
        for ( i = 0; i < h->count[len]; i++, code++, k++ )
        {
            uint16_t entry = (h->symbol[k] << 4) | len;

            /* Every slot whose low 'len' bits are this code. */
            for ( slot = reverse_bits(code, len); slot < FAST_SIZE;
                  slot += 1u << len )
                h->fast[slot] = entry;
        }
        code <<= 1;
    }
}

/*
 * Builds the decoder for the code with the given lengths (0: symbol unused).
 * Returns -EINVAL if the lengths ask for more codes than fit, else the number
 * of MAX_BITS-long codes left unassigned: 0 for a complete code.
 */
static int build_code(struct huffman *h, const uint8_t *lens, unsigned int n)
{
    uint16_t next[MAX_BITS + 1];
    unsigned int sym, len;
    int left = 1;

    memset(h->count, 0, sizeof(h->count));
    for ( sym = 0; sym < n; sym++ )
        h->count[lens[sym]]++;
    for ( len = 1; len <= MAX_BITS; len++ )
    {
        left = (left << 1) - h->count[len];
        if ( left < 0 )
            return -EINVAL;
    }

    next[1] = 0;
    for ( len = 1; len < MAX_BITS; len++ )
        next[len + 1] = next[len] + h->count[len];
    for ( sym = 0; sym < n; sym++ )
        if ( lens[sym] )
            h->symbol[next[lens[sym]]++] = sym;

    fill_fast(h);
    return left;
}

/*
 * The canonical walk: at each length, the codes of that length are the
 * 'count' values starting at 'first'. Fails for a bit pattern that is no
 * code and for a code cut off by the end of the input.
 */
static int decode_slow(struct inflate_state *s, const struct huffman *h,
                       unsigned int *sym)
{
    unsigned int len, code = 0, first = 0, index = 0;

    for ( len = 1; len <= MAX_BITS && len <= s->bitcnt; len++ )
    {
        code |= (s->bitbuf >> (len - 1)) & 1;
        if ( code < first + h->count[len] )
        {
            *sym = h->symbol[index + code - first];
            drop_bits(s, len);
            return 0;
        }
        index += h->count[len];
        first = (first + h->count[len]) << 1;
        code <<= 1;
    }
    return -EINVAL;
}

static int decode(struct inflate_state *s, const struct huffman *h,
                  unsigned int *sym)
{
    unsigned int entry;

    if ( s->bitcnt < MAX_BITS )
        refill(s);
    entry = h->fast[s->bitbuf & (FAST_SIZE - 1)];
    if ( entry && (entry & 15) <= s->bitcnt )
    {
        *sym = entry >> 4;
        drop_bits(s, entry & 15);
        return 0;
    }
    return decode_slow(s, h, sym);
}

/* ---- Blocks -------------------------------------------------------------- */

static int copy_match(struct inflate_state *s, unsigned int lsym)
{
    unsigned int len, dist, dsym, extra;
    uint8_t *dst;
    const uint8_t *src;
    int rc;

    /* 286 and 287 exist in the fixed code but mean nothing. */
    if ( lsym >= ARRAY_SIZE(len_base) )
        return -EINVAL;
    rc = get_bits(s, len_extra[lsym], &extra);
    if ( rc )
        return rc;
    len = len_base[lsym] + extra;

    /* The distance code has only NUM_DIST symbols, so dsym is in range. */
    rc = decode(s, &s->dist, &dsym);
    if ( !rc )
        rc = get_bits(s, dist_extra[dsym], &extra);
    if ( rc )
        return rc;
    dist = dist_base[dsym] + extra;

    if ( dist > s->out_pos )
        return -EINVAL;
    if ( len > s->out_cap - s->out_pos )
        return -ENOSPC;

    dst = s->out + s->out_pos;
    src = dst - dist;
    s->out_pos += len;
    /* A distance shorter than the length repeats bytes this copy writes. */
    if ( dist >= len )
        memcpy(dst, src, len);
    else
        while ( len-- )
            *dst++ = *src++;
    return 0;
}

static int inflate_codes(struct inflate_state *s)
{
    unsigned int sym;
    int rc;

    for ( ;; )
    {
        rc = decode(s, &s->lit, &sym);
        if ( rc )
            return rc;
        if ( sym < 256 )
        {
            if ( s->out_pos == s->out_cap )
                return -ENOSPC;
            s->out[s->out_pos++] = sym;
        }
        else if ( sym == END_OF_BLOCK )
            return 0;
        else
        {
            rc = copy_match(s, sym - 257);
            if ( rc )
                return rc;
        }
    }
}

static int inflate_stored(struct inflate_state *s)
{
    const uint8_t *p;
    unsigned int len, nlen;

    /*
     * The block starts at the next byte boundary. Whole bytes still in the
     * bit buffer came straight from the input: give them back and copy the
     * block from the input directly.
     */
    s->in_pos -= s->bitcnt >> 3;
    s->bitbuf = 0;
    s->bitcnt = 0;

    if ( s->in_len - s->in_pos < 4 )
        return -EINVAL;
    p = s->in + s->in_pos;
    len = p[0] | (p[1] << 8);
    nlen = p[2] | (p[3] << 8);
    if ( len != (~nlen & 0xffff) )
        return -EINVAL;
    s->in_pos += 4;

    if ( len > s->in_len - s->in_pos )
        return -EINVAL;
    if ( len > s->out_cap - s->out_pos )
        return -ENOSPC;
    if ( len )
        memcpy(s->out + s->out_pos, s->in + s->in_pos, len);
    s->in_pos += len;
    s->out_pos += len;
    return 0;
}

static int inflate_fixed(struct inflate_state *s)
{
    uint8_t lens[NUM_LITLEN];

    /* Incomplete (distance symbols 30 and 31 are left out): never checked. */
    if ( !s->have_fixed )
    {
        memset(lens, 8, 144);
        memset(lens + 144, 9, 256 - 144);
        memset(lens + 256, 7, 280 - 256);
        memset(lens + 280, 8, NUM_LITLEN - 280);
        build_code(&s->lit, lens, NUM_LITLEN);
        memset(lens, 5, NUM_DIST);
        build_code(&s->dist, lens, NUM_DIST);
        s->have_fixed = true;
    }
    return inflate_codes(s);
}

/* Code lengths, run-length coded with the code-length code (in s->lit). */
static int read_lengths(struct inflate_state *s, uint8_t *lens,
                        unsigned int n)
{
    unsigned int i = 0, sym, rep, val;
    int rc;

    while ( i < n )
    {
        rc = decode(s, &s->lit, &sym);
        if ( rc )
            return rc;
        if ( sym < 16 )
        {
            lens[i++] = sym;
            continue;
        }
        if ( sym == 16 && i == 0 )
            return -EINVAL;         /* nothing to repeat */
        val = sym == 16 ? lens[i - 1] : 0;
        rc = get_bits(s, rep_extra[sym - 16], &rep);
        if ( rc )
            return rc;
        rep += rep_base[sym - 16];
        if ( rep > n - i )
            return -EINVAL;
        memset(lens + i, val, rep);
        i += rep;
    }
    return 0;
}

/* RFC 1951 lets a code be incomplete only when it has at most one symbol
 * (one of length 1, or none at all for distances). */
static bool code_usable(const struct huffman *h, int left, unsigned int n)
{
    return left == 0 || (left > 0 && h->count[0] + h->count[1] == n);
}

static int inflate_dynamic(struct inflate_state *s)
{
    uint8_t lens[MAX_LITLEN + NUM_DIST];
    unsigned int nlen, ndist, nclen, i, v;
    int rc, left;

    s->have_fixed = false;
    if ( (rc = get_bits(s, 5, &nlen)) || (rc = get_bits(s, 5, &ndist)) ||
         (rc = get_bits(s, 4, &nclen)) )
        return rc;
    nlen += 257;
    ndist += 1;
    nclen += 4;
    if ( nlen > MAX_LITLEN || ndist > NUM_DIST )
        return -EINVAL;

    memset(lens, 0, NUM_CLEN);
    for ( i = 0; i < nclen; i++ )
    {
        if ( (rc = get_bits(s, 3, &v)) )
            return rc;
        lens[clen_order[i]] = v;
    }
    if ( build_code(&s->lit, lens, NUM_CLEN) != 0 )
        return -EINVAL;             /* the length code must be complete */

    if ( (rc = read_lengths(s, lens, nlen + ndist)) )
        return rc;
    if ( !lens[END_OF_BLOCK] )
        return -EINVAL;
    left = build_code(&s->lit, lens, nlen);
    if ( !code_usable(&s->lit, left, nlen) )
        return -EINVAL;
    left = build_code(&s->dist, lens + nlen, ndist);
    if ( !code_usable(&s->dist, left, ndist) )
        return -EINVAL;
    return inflate_codes(s);
}

static int inflate_blocks(struct inflate_state *s)
{
    unsigned int last, type;
    int rc;

    do {
        if ( (rc = get_bits(s, 1, &last)) || (rc = get_bits(s, 2, &type)) )
            return rc;
        switch ( type )
        {
        case 0:
            rc = inflate_stored(s);
            break;
        case 1:
            rc = inflate_fixed(s);
            break;
        case 2:
            rc = inflate_dynamic(s);
            break;
        default:
            rc = -EINVAL;
            break;
        }
        if ( rc )
            return rc;
    } while ( !last );
    return 0;
}

int inflate(const void *in, size_t in_len, void *out, size_t out_cap,
            size_t *out_len, size_t *in_used)
{
    struct inflate_state *s = xmalloc(struct inflate_state);
    int rc;

    if ( !s )
        return -ENOMEM;
    s->in = in;
    s->in_len = in_len;
    s->in_pos = 0;
    s->bitbuf = 0;
    s->bitcnt = 0;
    s->out = out;
    s->out_cap = out_cap;
    s->out_pos = 0;
    s->have_fixed = false;

    rc = inflate_blocks(s);

    if ( out_len )
        *out_len = s->out_pos;
    /* Whole bytes still buffered were loaded but never used. */
    if ( in_used )
        *in_used = s->in_pos - (s->bitcnt >> 3);
    xfree(s);
    return rc;
}

/* ---- gzip ---------------------------------------------------------------- */

#define GZ_FTEXT        0x01    /* a hint only */
#define GZ_FHCRC        0x02
#define GZ_FEXTRA       0x04
#define GZ_FNAME        0x08
#define GZ_FCOMMENT     0x10
#define GZ_RESERVED     0xe0
#define GZ_FIXED_LEN    10
#define GZ_TRAILER_LEN  8

static uint32_t get_le16(const uint8_t *p)
{
    return p[0] | (p[1] << 8);
}

static uint32_t get_le32(const uint8_t *p)
{
    return get_le16(p) | (get_le16(p + 2) << 16);
}

bool gzip_detect(const void *in, size_t len)
{
    const uint8_t *p = in;

    return len >= 3 && p[0] == 0x1f && p[1] == 0x8b && p[2] == 8;
}

/* Steps over a NUL-terminated field (file name, comment). */
static int skip_string(const uint8_t *p, size_t len, size_t *pos)
{
    const uint8_t *nul = memchr(p + *pos, 0, len - *pos);

    if ( !nul )
        return -EINVAL;
    *pos = nul - p + 1;
    return 0;
}

static int gzip_header(const uint8_t *p, size_t len, size_t *hdr_len)
{
    size_t pos = GZ_FIXED_LEN;
    unsigned int flags;

    if ( len < GZ_FIXED_LEN || !gzip_detect(p, len) )
        return -EINVAL;
    flags = p[3];
    if ( flags & GZ_RESERVED )
        return -EINVAL;

    if ( flags & GZ_FEXTRA )
    {
        if ( len - pos < 2 || len - pos - 2 < get_le16(p + pos) )
            return -EINVAL;
        pos += 2 + get_le16(p + pos);
    }
    if ( (flags & GZ_FNAME) && skip_string(p, len, &pos) )
        return -EINVAL;
    if ( (flags & GZ_FCOMMENT) && skip_string(p, len, &pos) )
        return -EINVAL;
    if ( flags & GZ_FHCRC )
    {
        /* The low half of the CRC-32 of the header bytes before it. */
        if ( len - pos < 2 ||
             (crc32(0, p, pos) & 0xffff) != get_le16(p + pos) )
            return -EINVAL;
        pos += 2;
    }
    *hdr_len = pos;
    return 0;
}

int gunzip(const void *in, size_t in_len, void *out, size_t out_cap,
           size_t *out_len, size_t *in_used)
{
    const uint8_t *p = in;
    size_t pos = 0, n = 0, used;
    int rc;

    rc = gzip_header(p, in_len, &pos);
    if ( !rc )
    {
        rc = inflate(p + pos, in_len - pos, out, out_cap, &n, &used);
        pos += used;
    }
    if ( !rc )
    {
        /* ISIZE is the length modulo 2^32. */
        if ( in_len - pos < GZ_TRAILER_LEN ||
             get_le32(p + pos) != crc32(0, out, n) ||
             get_le32(p + pos + 4) != (uint32_t)n )
            rc = -EINVAL;
        else
            pos += GZ_TRAILER_LEN;
    }

    if ( out_len )
        *out_len = n;
    if ( in_used )
        *in_used = pos;
    return rc;
}
