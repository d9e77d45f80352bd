/* SPDX-License-Identifier: GPL-2.0-only */
/* inflate/gunzip against streams made by gzip and zlib at build time and
 * hand-built hostile ones. Inputs and outputs sit in exact-size heap buffers,
 * so ASan reports any access past in_len or out_cap. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <xen/crc32.h>
#include <xen/errno.h>
#include <xen/inflate.h>
#include "host_env.h"

#ifndef INFLATE_DATA_DIR
#error "test_inflate.mk must define INFLATE_DATA_DIR"
#endif

#define GZ_FTEXT    0x01
#define GZ_FHCRC    0x02
#define GZ_FEXTRA   0x04
#define GZ_FNAME    0x08
#define GZ_FCOMMENT 0x10

/* ---- Buffers and files --------------------------------------------------- */

struct buf {
    uint8_t *p;
    size_t len;
};

static uint8_t *exact_copy(const void *src, size_t len)
{
    uint8_t *p = malloc(len ? len : 1);

    assert_non_null(p);
    if ( len )
        memcpy(p, src, len);
    return p;
}

static struct buf read_file(const char *name)
{
    char path[512];
    struct buf b;
    FILE *f;
    long len;

    snprintf(path, sizeof(path), "%s/%s", INFLATE_DATA_DIR, name);
    f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    len = ftell(f);
    assert_true(len >= 0);
    rewind(f);
    b.len = len;
    b.p = malloc(len ? len : 1);
    assert_non_null(b.p);
    assert_int_equal(fread(b.p, 1, len, f), (size_t)len);
    fclose(f);
    return b;
}

typedef int (*decomp_fn)(const void *, size_t, void *, size_t, size_t *,
                         size_t *);

/* Decompresses 'in' (copied to an exact-size buffer) into exactly 'cap'
 * bytes; returns the result and, on success, the output. */
static int run(decomp_fn fn, const void *in, size_t in_len, size_t cap,
               struct buf *out, size_t *in_used)
{
    uint8_t *src = exact_copy(in, in_len);
    uint8_t *dst = malloc(cap ? cap : 1);
    size_t used = 0, n = 0;
    int rc;

    assert_non_null(dst);
    rc = fn(src, in_len, dst, cap, &n, &used);
    assert_true(n <= cap);
    assert_true(used <= in_len);
    free(src);
    out->p = dst;
    out->len = n;
    if ( in_used )
        *in_used = used;
    return rc;
}

static void assert_same(const struct buf *a, const struct buf *b)
{
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->p, b->p, a->len);
}

/* ---- Streams from gzip and zlib ------------------------------------------ */

/* The data sets of test_inflate.mk: each has NAME.bin, NAME-{1,6,9}.gz from
 * gzip and NAME{,-stored,-fixed}.raw from zlib. */
static const char *const sets[] = {
    "text", "random", "runs", "far", "small", "empty",
};

static void check_file(decomp_fn fn, const char *file, const char *orig)
{
    struct buf in = read_file(file), want = read_file(orig), got;
    size_t used;

    if ( fn == gunzip )
        assert_true(gzip_detect(in.p, in.len));
    assert_int_equal(run(fn, in.p, in.len, want.len, &got, &used), 0);
    assert_same(&got, &want);
    assert_int_equal(used, in.len);
    free(got.p);
    free(in.p);
    free(want.p);
}

static void every_set(void **state)
{
    static const char *const kinds[] = {
        "-1.gz", "-6.gz", "-9.gz", ".raw", "-stored.raw", "-fixed.raw",
    };
    char file[64], orig[64];
    unsigned int i, j;

    for ( i = 0; i < sizeof(sets) / sizeof(sets[0]); i++ )
        for ( j = 0; j < sizeof(kinds) / sizeof(kinds[0]); j++ )
        {
            snprintf(file, sizeof(file), "%s%s", sets[i], kinds[j]);
            snprintf(orig, sizeof(orig), "%s.bin", sets[i]);
            check_file(strstr(file, ".gz") ? gunzip : inflate, file, orig);
        }
    check_file(gunzip, "text-name.gz", "text.bin");
    check_file(inflate, "text-sync.raw", "text.bin");
}

/* The BTYPE of a stream's first block. */
static unsigned int first_btype(const char *file, size_t offset)
{
    struct buf b = read_file(file);
    unsigned int t;

    assert_true(b.len > offset);
    t = (b.p[offset] >> 1) & 3;
    free(b.p);
    return t;
}

/* The inputs really do exercise every block type and the big cases. */
static void inputs_cover_the_paths(void **state)
{
    struct buf far = read_file("far.bin"), named = read_file("text-name.gz");
    struct buf plain = read_file("text-6.gz");

    assert_int_equal(first_btype("text-stored.raw", 0), 0);
    assert_int_equal(first_btype("random-6.gz", 10), 0);
    assert_int_equal(first_btype("text-fixed.raw", 0), 1);
    assert_int_equal(first_btype("text.raw", 0), 2);
    assert_int_equal(first_btype("text-9.gz", 10), 2);
    assert_int_equal(far.len, 240000);
    assert_memory_equal(far.p, far.p + 30000, 30000);
    assert_int_equal(named.p[3] & GZ_FNAME, GZ_FNAME);
    assert_string_equal((char *)named.p + 10, "text.bin");
    assert_int_equal(plain.p[3], 0);
    free(far.p);
    free(named.p);
    free(plain.p);
}

/* ---- Bit writer for hand-built streams ----------------------------------- */

struct bw {
    uint8_t p[40000];
    size_t bits;
};

static void put_bits(struct bw *w, uint32_t val, unsigned int n)
{
    while ( n-- )
    {
        assert_true(w->bits < 8 * sizeof(w->p));
        if ( val & 1 )
            w->p[w->bits / 8] |= 1u << (w->bits % 8);
        w->bits++;
        val >>= 1;
    }
}

/* Huffman codes go most significant bit first. */
static void put_code(struct bw *w, uint32_t code, unsigned int len)
{
    while ( len-- )
        put_bits(w, (code >> len) & 1, 1);
}

static size_t bw_len(const struct bw *w)
{
    return (w->bits + 7) / 8;
}

static struct bw *bw_new(void)
{
    struct bw *w = calloc(1, sizeof(*w));

    assert_non_null(w);
    return w;
}

static const uint16_t len_base[29] = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
};
static const uint8_t len_extra[29] = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
    3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
};

static void put_fixed_sym(struct bw *w, unsigned int sym)
{
    if ( sym < 144 )
        put_code(w, 0x30 + sym, 8);
    else if ( sym < 256 )
        put_code(w, 0x190 + sym - 144, 9);
    else if ( sym < 280 )
        put_code(w, sym - 256, 7);
    else
        put_code(w, 0xc0 + sym - 280, 8);
}

/* A match in a fixed block; dsym/dextra are passed raw so that invalid
 * distance symbols can be sent. */
static void put_fixed_match(struct bw *w, unsigned int len, unsigned int dsym,
                            unsigned int dextra, unsigned int dbits)
{
    unsigned int i = 28;

    while ( len_base[i] > len )
        i--;
    put_fixed_sym(w, 257 + i);
    put_bits(w, len - len_base[i], len_extra[i]);
    put_code(w, dsym, 5);
    put_bits(w, dextra, dbits);
}

/* ---- Hand-built fixed-Huffman and stored blocks -------------------------- */

static int run_bw(struct bw *w, size_t cap, struct buf *out)
{
    return run(inflate, w->p, bw_len(w), cap, out, NULL);
}

static void fixed_literals_and_matches(void **state)
{
    struct bw *w = bw_new();
    struct buf out;

    put_bits(w, 1, 1);
    put_bits(w, 1, 2);
    put_fixed_sym(w, 'a');
    put_fixed_sym(w, 0xe9);             /* a 9-bit literal */
    put_fixed_sym(w, 'c');
    put_fixed_match(w, 5, 2, 0, 0);     /* distance 3, overlapping */
    put_fixed_sym(w, 256);
    assert_int_equal(run_bw(w, 8, &out), 0);
    assert_int_equal(out.len, 8);
    assert_memory_equal(out.p, "a\xe9" "ca\xe9" "ca\xe9", 8);
    free(out.p);

    /* Each way of running out of room: a literal, then a match. */
    assert_int_equal(run_bw(w, 2, &out), -ENOSPC);
    free(out.p);
    assert_int_equal(run_bw(w, 7, &out), -ENOSPC);
    assert_int_equal(out.len, 3);
    free(out.p);
    assert_int_equal(run(inflate, w->p, bw_len(w), 0, &out, NULL), -ENOSPC);
    free(out.p);
    free(w);
}

/* The farthest distance (32768) with the longest length (258). */
static void fixed_max_distance(void **state)
{
    struct bw *w = bw_new();
    struct buf out;
    unsigned int i;

    put_bits(w, 1, 1);
    put_bits(w, 1, 2);
    for ( i = 0; i < 32768; i++ )
        put_fixed_sym(w, (i * 7 + (i >> 8)) & 0x7f);
    put_fixed_match(w, 258, 29, 8191, 13);
    put_fixed_sym(w, 256);
    assert_int_equal(run_bw(w, 32768 + 258, &out), 0);
    assert_int_equal(out.len, 32768 + 258);
    assert_memory_equal(out.p + 32768, out.p, 258);
    free(out.p);
    free(w);

    /* One literal fewer: the same distance reaches before the start. */
    w = bw_new();
    put_bits(w, 1, 1);
    put_bits(w, 1, 2);
    for ( i = 0; i < 32767; i++ )
        put_fixed_sym(w, 'z');
    put_fixed_match(w, 258, 29, 8191, 13);
    put_fixed_sym(w, 256);
    assert_int_equal(run_bw(w, 40000, &out), -EINVAL);
    free(out.p);
    free(w);
}

/* A fixed block "abc" then one match (or symbol) chosen by the caller. */
static int fixed_case(unsigned int lsym, unsigned int dist_sym,
                      unsigned int dextra, unsigned int dbits, bool at_start)
{
    struct bw *w = bw_new();
    struct buf out;
    int rc;

    put_bits(w, 1, 1);
    put_bits(w, 1, 2);
    if ( !at_start )
    {
        put_fixed_sym(w, 'a');
        put_fixed_sym(w, 'b');
        put_fixed_sym(w, 'c');
    }
    put_fixed_sym(w, lsym);
    if ( lsym > 256 && lsym < 286 )
    {
        put_bits(w, 0, len_extra[lsym - 257]);
        put_code(w, dist_sym, 5);
        put_bits(w, dextra, dbits);
    }
    put_fixed_sym(w, 256);
    rc = run_bw(w, 1000, &out);
    free(out.p);
    free(w);
    return rc;
}

static void fixed_invalid(void **state)
{
    assert_int_equal(fixed_case(257, 2, 0, 0, false), 0);       /* dist 3 */
    assert_int_equal(fixed_case(257, 3, 0, 0, false), -EINVAL); /* dist 4 */
    assert_int_equal(fixed_case(257, 0, 0, 0, true), -EINVAL);  /* dist 1 */
    assert_int_equal(fixed_case(286, 0, 0, 0, false), -EINVAL);
    assert_int_equal(fixed_case(287, 0, 0, 0, false), -EINVAL);
    assert_int_equal(fixed_case(257, 30, 0, 0, false), -EINVAL);
    assert_int_equal(fixed_case(257, 31, 0, 0, false), -EINVAL);
}

static void stored_and_block_types(void **state)
{
    /* An empty stored block, a stored "hi", then an empty fixed final. */
    static const uint8_t ok[] = {
        0x00, 0x00, 0x00, 0xff, 0xff,
        0x00, 0x02, 0x00, 0xfd, 0xff, 'h', 'i',
        0x03, 0x00,
    };
    uint8_t bad[sizeof(ok)];
    struct buf out;
    size_t used;

    assert_int_equal(run(inflate, ok, sizeof(ok), 2, &out, &used), 0);
    assert_int_equal(out.len, 2);
    assert_memory_equal(out.p, "hi", 2);
    assert_int_equal(used, sizeof(ok));
    free(out.p);
    assert_int_equal(run(inflate, ok, sizeof(ok), 1, &out, NULL), -ENOSPC);
    free(out.p);

    memcpy(bad, ok, sizeof(ok));
    bad[8] = 0xfc;                      /* NLEN no longer ~LEN */
    assert_int_equal(run(inflate, bad, sizeof(bad), 2, &out, NULL), -EINVAL);
    free(out.p);

    memcpy(bad, ok, sizeof(ok));
    bad[12] = 0x07;                     /* BTYPE 3 */
    assert_int_equal(run(inflate, bad, sizeof(bad), 2, &out, NULL), -EINVAL);
    free(out.p);

    /* A stored block claiming more bytes than follow. */
    bad[0] = 0x01;
    bad[1] = 0x10;
    bad[2] = 0x00;
    bad[3] = 0xef;
    bad[4] = 0xff;
    assert_int_equal(run(inflate, bad, 5 + 4, 100, &out, NULL), -EINVAL);
    free(out.p);
}

/* ---- Hand-built dynamic blocks ------------------------------------------- */

static const uint8_t clen_order[19] = {
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
};

/* The canonical code of 'sym' under 'lens' (RFC 1951 3.2.2). */
static void put_huff(struct bw *w, const uint8_t *lens, unsigned int n,
                     unsigned int sym)
{
    unsigned int count[16] = { 0 }, next[16], len, i, code = 0;

    for ( i = 0; i < n; i++ )
        count[lens[i]]++;
    count[0] = 0;
    for ( len = 1; len < 16; len++ )
    {
        code = (code + count[len - 1]) << 1;
        next[len] = code;
    }
    assert_true(lens[sym] != 0);
    for ( i = 0; i < sym; i++ )
        if ( lens[i] == lens[sym] )
            next[lens[sym]]++;
    put_code(w, next[lens[sym]], lens[sym]);
}

/* Symbols >= DIST are distance symbols DIST + d; no extra bits are sent, so
 * only lengths 3..10 and distances 1..4 can be used. */
#define DIST 1000

struct dyn {
    unsigned int nlen, ndist;       /* as the header declares them */
    unsigned int nsend;             /* lengths actually sent; 0: nlen+ndist */
    uint8_t cl[19];                 /* code-length code, by symbol */
    uint8_t lens[320];
    bool lead_repeat;               /* open the lengths with symbol 16 */
    unsigned int ndata;
    uint16_t data[16];
};

static void put_cl(struct bw *w, const struct dyn *d, unsigned int sym,
                   unsigned int extra)
{
    static const uint8_t bits[3] = { 2, 3, 7 };

    put_huff(w, d->cl, 19, sym);
    if ( sym >= 16 )
        put_bits(w, extra, bits[sym - 16]);
}

/* Zero runs go out as 17/18, other lengths one by one. */
static void put_lengths(struct bw *w, const struct dyn *d, unsigned int n)
{
    unsigned int i = 0, run;

    if ( d->lead_repeat )
        put_cl(w, d, 16, 0);
    while ( i < n )
    {
        for ( run = 0; i + run < n && !d->lens[i + run] && run < 138; run++ )
            ;
        if ( run >= 11 )
            put_cl(w, d, 18, run - 11);
        else if ( run >= 3 )
            put_cl(w, d, 17, run - 3);
        else
        {
            put_cl(w, d, d->lens[i], 0);
            run = 1;
        }
        i += run;
    }
}

static int run_dyn(const struct dyn *d, struct buf *out)
{
    struct bw *w = bw_new();
    unsigned int i, nclen = 4;
    int rc;

    for ( i = 0; i < 19; i++ )
        if ( d->cl[clen_order[i]] && i + 1 > nclen )
            nclen = i + 1;
    put_bits(w, 1, 1);
    put_bits(w, 2, 2);
    put_bits(w, d->nlen - 257, 5);
    put_bits(w, d->ndist - 1, 5);
    put_bits(w, nclen - 4, 4);
    for ( i = 0; i < nclen; i++ )
        put_bits(w, d->cl[clen_order[i]], 3);
    put_lengths(w, d, d->nsend ? d->nsend : d->nlen + d->ndist);
    for ( i = 0; i < d->ndata; i++ )
    {
        if ( d->data[i] >= DIST )
            put_huff(w, d->lens + d->nlen, d->ndist, d->data[i] - DIST);
        else
            put_huff(w, d->lens, d->nlen, d->data[i]);
    }
    if ( d->lens[256] )
        put_huff(w, d->lens, d->nlen, 256);
    rc = run_bw(w, 64, out);
    free(w);
    return rc;
}

/*
 * 'A' (1 bit), end-of-block and length 3 (2 bits each); one distance code
 * (distance 1), which an incomplete code may be when it is alone. The data
 * "A", then a 3-byte match at distance 1, decodes to "AAAA".
 */
static void dyn_base(struct dyn *d)
{
    memset(d, 0, sizeof(*d));
    d->nlen = 258;
    d->ndist = 1;
    d->cl[0] = 3;
    d->cl[1] = 2;
    d->cl[2] = 2;
    d->cl[3] = 3;
    d->cl[17] = 3;
    d->cl[18] = 3;
    d->lens['A'] = 1;
    d->lens[256] = 2;
    d->lens[257] = 2;
    d->lens[258] = 1;
    d->ndata = 3;
    d->data[0] = 'A';
    d->data[1] = 257;
    d->data[2] = DIST + 0;
}

static int dyn_result(const struct dyn *d, const char *want)
{
    struct buf out;
    int rc = run_dyn(d, &out);

    if ( !rc )
    {
        assert_int_equal(out.len, strlen(want));
        assert_memory_equal(out.p, want, out.len);
    }
    free(out.p);
    return rc;
}

static void dynamic_valid(void **state)
{
    struct dyn d;

    dyn_base(&d);
    assert_int_equal(dyn_result(&d, "AAAA"), 0);

    /* The largest declared sizes, 286 and 30, padded with zero lengths. */
    dyn_base(&d);
    d.nlen = 286;
    d.ndist = 30;
    d.lens[286] = 1;
    d.lens[258] = 0;
    assert_int_equal(dyn_result(&d, "AAAA"), 0);

    /* No distance code at all is fine for a block of literals. */
    dyn_base(&d);
    d.lens[258] = 0;
    d.ndata = 1;
    assert_int_equal(dyn_result(&d, "A"), 0);
}

static void dynamic_invalid_header(void **state)
{
    struct dyn d;

    /* 287 literal/length codes (HLIT 30), all else as in a valid block. */
    dyn_base(&d);
    d.nlen = 287;
    d.lens[287] = 1;
    d.lens[258] = 0;
    assert_int_equal(dyn_result(&d, "AAAA"), -EINVAL);

    /* 31 distance codes. */
    dyn_base(&d);
    d.ndist = 31;
    assert_int_equal(dyn_result(&d, "AAAA"), -EINVAL);

    /* Code-length code over-subscribed, then incomplete. */
    dyn_base(&d);
    d.cl[4] = 2;
    assert_int_equal(dyn_result(&d, "AAAA"), -EINVAL);
    dyn_base(&d);
    d.cl[18] = 4;
    assert_int_equal(dyn_result(&d, "AAAA"), -EINVAL);

    /* "Repeat the previous length" with none before it. */
    dyn_base(&d);
    d.cl[16] = 4;
    d.cl[18] = 4;
    d.lead_repeat = true;
    assert_int_equal(dyn_result(&d, "AAAA"), -EINVAL);

    /* A zero run crossing the end of the declared lengths. */
    dyn_base(&d);
    d.nlen = 270;
    d.lens[258] = 0;
    d.ndata = 1;
    assert_int_equal(dyn_result(&d, "A"), 0);
    d.nsend = 271 + 5;
    assert_int_equal(dyn_result(&d, "A"), -EINVAL);
}

static void dynamic_invalid_codes(void **state)
{
    struct buf out;
    struct dyn d;

    /* Literal/length code over-subscribed (three 1-bit codes). */
    dyn_base(&d);
    d.lens[256] = 1;
    d.lens[257] = 1;
    assert_int_equal(dyn_result(&d, "AAAA"), -EINVAL);

    /* Incomplete with two symbols. */
    dyn_base(&d);
    d.lens[257] = 0;
    d.ndata = 1;
    assert_int_equal(dyn_result(&d, "A"), -EINVAL);

    /* No end-of-block code: 257 takes its place in the code. */
    dyn_base(&d);
    d.lens[256] = 0;
    d.lens[259] = 2;
    d.nlen = 260;
    d.lens[260] = 1;
    d.lens[258] = 0;
    d.ndata = 1;
    assert_int_equal(run_dyn(&d, &out), -EINVAL);
    assert_int_equal(out.len, 0);       /* refused before any data */
    free(out.p);

    /* Distance code incomplete with two codes. */
    dyn_base(&d);
    d.ndist = 2;
    d.lens[258] = 2;
    d.lens[259] = 2;
    assert_int_equal(dyn_result(&d, "AAAA"), -EINVAL);

    /* A match before any output: distance beyond the start. */
    dyn_base(&d);
    d.data[0] = 257;
    d.data[1] = DIST + 0;
    d.ndata = 2;
    assert_int_equal(dyn_result(&d, ""), -EINVAL);
}

/* ---- gzip headers -------------------------------------------------------- */

static size_t put_field(uint8_t *p, bool present, const void *f, size_t len)
{
    if ( !present )
        return 0;
    memcpy(p, f, len);
    return len;
}

/* A member with the given header flags around small.raw. */
static struct buf make_member(unsigned int flags)
{
    static const uint8_t extra[] = { 6, 0, 'A', 'p', 2, 0, 'x', 'y' };
    struct buf raw = read_file("small.raw"), orig = read_file("small.bin");
    uint8_t *p = malloc(raw.len + 64);
    uint32_t v;
    size_t n = 10;

    assert_non_null(p);
    memcpy(p, "\x1f\x8b\x08\x00\x12\x34\x56\x78\x02\x03", 10);
    p[3] = flags;
    n += put_field(p + n, flags & GZ_FEXTRA, extra, sizeof(extra));
    n += put_field(p + n, flags & GZ_FNAME, "small.bin", 10);
    n += put_field(p + n, flags & GZ_FCOMMENT, "made by hand", 13);
    if ( flags & GZ_FHCRC )
    {
        v = crc32(0, p, n);
        p[n++] = v;
        p[n++] = v >> 8;
    }
    memcpy(p + n, raw.p, raw.len);
    n += raw.len;
    v = crc32(0, orig.p, orig.len);
    memcpy(p + n, (uint8_t[8]){ v, v >> 8, v >> 16, v >> 24, orig.len,
                                orig.len >> 8, orig.len >> 16,
                                orig.len >> 24 }, 8);
    free(raw.p);
    free(orig.p);
    return (struct buf){ p, n + 8 };
}

static int gunzip_buf(const struct buf *in, size_t cap, size_t *used)
{
    struct buf orig = read_file("small.bin"), out;
    int rc = run(gunzip, in->p, in->len, cap, &out, used);

    if ( !rc )
        assert_same(&out, &orig);
    free(out.p);
    free(orig.p);
    return rc;
}

static void header_fields(void **state)
{
    unsigned int flags;
    size_t used;

    for ( flags = 0; flags < 0x20; flags++ )
    {
        struct buf m = make_member(flags);

        assert_true(gzip_detect(m.p, m.len));
        assert_int_equal(gunzip_buf(&m, 4000, &used), 0);
        assert_int_equal(used, m.len);
        free(m.p);
    }
}

static void header_invalid(void **state)
{
    struct buf m = make_member(GZ_FHCRC | GZ_FNAME);
    unsigned int bit;

    /* FHCRC wrong by one bit. */
    m.p[20] ^= 1;
    assert_int_equal(gunzip_buf(&m, 4000, NULL), -EINVAL);
    m.p[20] ^= 1;
    assert_int_equal(gunzip_buf(&m, 4000, NULL), 0);

    free(m.p);

    /* Reserved flags (no FHCRC here, which would catch them anyway). */
    m = make_member(GZ_FNAME);
    for ( bit = 0x20; bit <= 0x80; bit <<= 1 )
    {
        m.p[3] ^= bit;
        assert_int_equal(gunzip_buf(&m, 4000, NULL), -EINVAL);
        m.p[3] ^= bit;
    }
    assert_int_equal(gunzip_buf(&m, 4000, NULL), 0);

    m.p[2] = 7;                         /* not DEFLATE */
    assert_false(gzip_detect(m.p, m.len));
    assert_int_equal(gunzip_buf(&m, 4000, NULL), -EINVAL);
    m.p[2] = 8;
    m.p[1] = 0x8c;
    assert_false(gzip_detect(m.p, m.len));
    assert_int_equal(gunzip_buf(&m, 4000, NULL), -EINVAL);
    assert_false(gzip_detect(m.p, 2));
    free(m.p);

    /* An FEXTRA length running past the end of the input. */
    m = make_member(GZ_FEXTRA);
    m.p[10] = 0xff;
    m.p[11] = 0xff;
    assert_int_equal(gunzip_buf(&m, 4000, NULL), -EINVAL);
    free(m.p);
}

static void trailer_checked(void **state)
{
    struct buf m = make_member(0), cat;
    size_t used;

    m.p[m.len - 8] ^= 0x40;             /* CRC-32 */
    assert_int_equal(gunzip_buf(&m, 4000, NULL), -EINVAL);
    m.p[m.len - 8] ^= 0x40;
    m.p[m.len - 4]++;                   /* ISIZE */
    assert_int_equal(gunzip_buf(&m, 4000, NULL), -EINVAL);
    m.p[m.len - 4]--;
    assert_int_equal(gunzip_buf(&m, 4000, NULL), 0);

    /* A missing trailer byte; bytes after the member are not consumed. */
    m.len--;
    assert_int_equal(gunzip_buf(&m, 4000, NULL), -EINVAL);
    m.len++;
    cat.p = malloc(2 * m.len);
    assert_non_null(cat.p);
    memcpy(cat.p, m.p, m.len);
    memcpy(cat.p + m.len, m.p, m.len);
    cat.len = 2 * m.len;
    assert_int_equal(gunzip_buf(&cat, 4000, &used), 0);
    assert_int_equal(used, m.len);
    free(cat.p);
    free(m.p);
}

/* ---- Damaged input ------------------------------------------------------- */

static void every_truncation(const struct buf *in, decomp_fn fn)
{
    struct buf out;
    size_t len;

    for ( len = 0; len < in->len; len++ )
    {
        assert_int_equal(run(fn, in->p, len, 4000, &out, NULL), -EINVAL);
        free(out.p);
    }
}

static void truncated(void **state)
{
    struct buf gz = read_file("small-9.gz"), raw = read_file("small.raw");
    struct buf m = make_member(0x1f), st = read_file("small-stored.raw");

    every_truncation(&gz, gunzip);
    every_truncation(&m, gunzip);       /* cuts inside each header field */
    every_truncation(&raw, inflate);
    every_truncation(&st, inflate);
    free(gz.p);
    free(raw.p);
    free(m.p);
    free(st.p);
}

/* Any result but a crash, and success only with the right output (a flip
 * in the final byte's padding, or in MTIME, XFL, OS, changes nothing). */
static void bit_flips(void **state)
{
    struct buf gz = read_file("small-9.gz"), orig = read_file("small.bin");
    struct buf out;
    size_t bit, ok = 0;
    int rc;

    for ( bit = 0; bit < 8 * gz.len; bit++ )
    {
        gz.p[bit / 8] ^= 1u << (bit % 8);
        rc = run(gunzip, gz.p, gz.len, 2 * orig.len, &out, NULL);
        gz.p[bit / 8] ^= 1u << (bit % 8);
        if ( rc == 0 )
        {
            assert_same(&out, &orig);
            ok++;
        }
        else
            assert_true(rc == -EINVAL || rc == -ENOSPC);
        if ( bit >= 8 * (gz.len - 8) )
            assert_int_equal(rc, -EINVAL);
        free(out.p);
    }
    /* MTIME, XFL and OS are 48 bits; FTEXT one more; padding at most 7. */
    assert_true(ok >= 49 && ok <= 49 + 7);
    free(gz.p);
    free(orig.p);
}

/* Random bytes as a raw stream: only clean failures (or luck). */
static void garbage(void **state)
{
    uint8_t in[300];
    struct buf out;
    unsigned int i, j, x = 12345;
    int rc;

    for ( i = 0; i < 20000; i++ )
    {
        size_t len = i % sizeof(in);

        for ( j = 0; j < len; j++ )
        {
            x = x * 1103515245 + 12345;
            in[j] = x >> 16;
        }
        /* Half of them start with a dynamic block header. */
        if ( len && (i & 1) )
            in[0] = (in[0] & ~7) | 5;
        rc = run(inflate, in, len, 1000, &out, NULL);
        assert_true(rc == 0 || rc == -EINVAL || rc == -ENOSPC);
        free(out.p);
    }
}

/* ---- Output space and resources ------------------------------------------ */

static void one_byte_short(void **state)
{
    static const struct {
        decomp_fn fn;
        const char *file;
        const char *orig;
    } cases[] = {
        { gunzip, "text-9.gz", "text.bin" },
        { gunzip, "random-6.gz", "random.bin" },
        { gunzip, "runs-9.gz", "runs.bin" },
        { gunzip, "far-9.gz", "far.bin" },
        { inflate, "text-stored.raw", "text.bin" },
        { inflate, "text-fixed.raw", "text.bin" },
    };
    unsigned int i;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        struct buf in = read_file(cases[i].file);
        struct buf want = read_file(cases[i].orig), out;

        assert_int_equal(run(cases[i].fn, in.p, in.len, want.len - 1, &out,
                             NULL), -ENOSPC);
        assert_memory_equal(out.p, want.p, out.len);
        free(out.p);
        assert_int_equal(run(cases[i].fn, in.p, in.len, want.len, &out,
                             NULL), 0);
        free(out.p);
        free(in.p);
        free(want.p);
    }
}

static void empty_and_no_memory(void **state)
{
    struct buf gz = read_file("empty-6.gz"), small = read_file("small-9.gz");
    size_t n = 99, used = 0;
    uint8_t out[4000];

    assert_int_equal(gunzip(gz.p, gz.len, NULL, 0, &n, &used), 0);
    assert_int_equal(n, 0);
    assert_int_equal(used, gz.len);
    assert_int_equal(gunzip(gz.p, gz.len, NULL, 0, NULL, NULL), 0);

    unit_xmalloc_fail_after(0);
    assert_int_equal(gunzip(small.p, small.len, out, sizeof(out), &n, NULL),
                     -ENOMEM);
    assert_int_equal(inflate(small.p, small.len, out, sizeof(out), &n, NULL),
                     -ENOMEM);
    unit_xmalloc_fail_after(-1);
    assert_int_equal(gunzip(small.p, small.len, out, sizeof(out), &n, NULL),
                     0);
    assert_int_equal(n, 3300);
    free(gz.p);
    free(small.p);
}

/* in_used stops at the end of the final block, whatever follows. */
static void raw_in_used(void **state)
{
    struct buf raw = read_file("small.raw"), out;
    uint8_t *p = malloc(raw.len + 7);
    size_t used;

    assert_non_null(p);
    memcpy(p, raw.p, raw.len);
    memset(p + raw.len, 0xa5, 7);
    assert_int_equal(run(inflate, p, raw.len + 7, 4000, &out, &used), 0);
    assert_int_equal(used, raw.len);
    assert_int_equal(out.len, 3300);
    free(out.p);
    free(p);
    free(raw.p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_set),
        cmocka_unit_test(inputs_cover_the_paths),
        cmocka_unit_test(fixed_literals_and_matches),
        cmocka_unit_test(fixed_max_distance),
        cmocka_unit_test(fixed_invalid),
        cmocka_unit_test(stored_and_block_types),
        cmocka_unit_test(dynamic_valid),
        cmocka_unit_test(dynamic_invalid_header),
        cmocka_unit_test(dynamic_invalid_codes),
        cmocka_unit_test(header_fields),
        cmocka_unit_test(header_invalid),
        cmocka_unit_test(trailer_checked),
        cmocka_unit_test(truncated),
        cmocka_unit_test(bit_flips),
        cmocka_unit_test(garbage),
        cmocka_unit_test(one_byte_short),
        cmocka_unit_test(empty_and_no_memory),
        cmocka_unit_test(raw_in_used),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
