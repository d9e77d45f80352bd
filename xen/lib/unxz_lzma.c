/* SPDX-License-Identifier: GPL-2.0-only */
/* LZMA2 for unxz: the chunk layer, the LZMA symbol decoder and its range
 * coder, decoding straight into the caller's output buffer. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/xmalloc.h>

#include "unxz_private.h"

/*
 * Theory of operation.
 *
 * LZMA2 cuts LZMA data into chunks, each with a small header giving its
 * exact compressed and uncompressed sizes: stored chunks (copied as they are)
 * and LZMA chunks. An LZMA chunk may reset the coder state, bring new lc/lp/pb
 * properties, and reset the dictionary; a block's first chunk must reset the
 * dictionary and the first LZMA chunk after any dictionary reset must bring
 * properties. Each LZMA chunk has its own range coder, which must use up the
 * chunk's compressed bytes exactly and end with a zero code; a match may not
 * run past the end of its chunk.
 *
 * Because the whole output is one flat buffer, the dictionary is simply
 * out[dict_start, pos): a match at distance d copies from pos - d - 1, valid
 * while d < pos - dict_start (and below the declared dictionary size). The
 * range coder reads only inside the current chunk; asking for more sets
 * 'overrun', which the symbol loop turns into -EINVAL, so the decoder touches
 * no byte outside in[0, in_end) and out[0, out_cap) whatever it is fed.
 *
 * Distances are kept minus one, as the LZMA format codes them (rep[0] == 0
 * repeats the previous byte).
 */

#define LZMA_STATES         12
#define LZMA_LIT_STATES     7   /* states below this follow a literal */
#define LZMA_POS_STATES_MAX 16  /* 1 << pb, pb <= 4 */
#define LZMA_LIT_CODERS_MAX 16  /* 1 << (lc + lp); LZMA2 has lc + lp <= 4 */
#define LZMA_LIT_PROBS      0x300
#define LZMA_LEN_LOW_BITS   3
#define LZMA_LEN_MID_BITS   3
#define LZMA_LEN_HIGH_BITS  8
#define LZMA_LEN_STATES     4   /* distance slot trees, by match length */
#define LZMA_SLOT_BITS      6
#define LZMA_DIST_MODEL_END 14  /* slots below this model all their low bits */
#define LZMA_ALIGN_BITS     4
#define LZMA_MATCH_MIN      2
#define LZMA_PB_MAX         4
#define LZMA2_LC_LP_MAX     4

#define RC_PROB_BITS        11
#define RC_PROB_INIT        (1u << (RC_PROB_BITS - 1))
#define RC_MOVE_BITS        5
#define RC_TOP              (1u << 24)
#define RC_INIT_BYTES       5

/* LZMA2 control bytes. */
#define LZMA2_END           0x00
#define LZMA2_STORED_RESET  0x01
#define LZMA2_STORED        0x02
#define LZMA2_LZMA          0x80    /* no reset */
#define LZMA2_LZMA_STATE    0xa0    /* and above: state reset */
#define LZMA2_LZMA_PROPS    0xc0    /* and above: state reset, new properties */
#define LZMA2_LZMA_DICT     0xe0    /* and above: all that, dictionary reset */

struct len_probs {
    u16 choice;
    u16 choice2;
    u16 low[LZMA_POS_STATES_MAX][1 << LZMA_LEN_LOW_BITS];
    u16 mid[LZMA_POS_STATES_MAX][1 << LZMA_LEN_MID_BITS];
    u16 high[1 << LZMA_LEN_HIGH_BITS];
};

/* All u16, so a reset can treat the whole struct as one array. */
struct lzma_probs {
    u16 is_match[LZMA_STATES][LZMA_POS_STATES_MAX];
    u16 is_rep[LZMA_STATES];
    u16 is_rep0[LZMA_STATES];
    u16 is_rep1[LZMA_STATES];
    u16 is_rep2[LZMA_STATES];
    u16 is_rep0_long[LZMA_STATES][LZMA_POS_STATES_MAX];
    u16 dist_slot[LZMA_LEN_STATES][1 << LZMA_SLOT_BITS];
    /* Slot s's reverse tree starts at index base(s) - s + 1, the lowest of
     * which is 1 (slot 4), so entry 0 is never used. */
    u16 dist_special[115];
    u16 dist_align[1 << LZMA_ALIGN_BITS];
    struct len_probs match_len;
    struct len_probs rep_len;
    u16 literal[LZMA_LIT_CODERS_MAX][LZMA_LIT_PROBS];
};

struct unxz_lzma2 {
    /* Range coder over the current chunk's compressed bytes. */
    const u8 *in;
    size_t in_pos, in_end;
    u32 range;
    u32 code;
    bool overrun;           /* wanted a byte past in_end */

    /* The output buffer; out[dict_start, pos) is the dictionary. */
    u8 *out;
    size_t pos;
    size_t dict_start;
    u32 dict_size;

    unsigned int state;
    u32 rep[4];
    unsigned int lc;
    unsigned int lp_mask;
    unsigned int pb_mask;
    struct lzma_probs probs;
};

struct unxz_lzma2 *unxz_lzma2_alloc(void)
{
    return xmalloc(struct unxz_lzma2);
}

void unxz_lzma2_free(struct unxz_lzma2 *s)
{
    xfree(s);
}

static u8 rc_byte(struct unxz_lzma2 *s)
{
    if ( s->in_pos < s->in_end )
        return s->in[s->in_pos++];
    s->overrun = true;
    return 0;
}

/* Done before each bit rather than after, so that a chunk's last bit never
 * pulls in a byte the encoder had not yet written; rc_finished() does the
 * final one. */
static inline void rc_normalize(struct unxz_lzma2 *s)
{
    if ( s->range < RC_TOP )
    {
        s->range <<= 8;
        s->code = (s->code << 8) | rc_byte(s);
    }
}

static inline unsigned int rc_bit(struct unxz_lzma2 *s, u16 *prob)
{
    u32 bound;

    rc_normalize(s);
    bound = (s->range >> RC_PROB_BITS) * *prob;
    if ( s->code < bound )
    {
        s->range = bound;
        *prob += ((1u << RC_PROB_BITS) - *prob) >> RC_MOVE_BITS;
        return 0;
    }
    s->range -= bound;
    s->code -= bound;
    *prob -= *prob >> RC_MOVE_BITS;
    return 1;
}

/* A 'bits'-deep binary tree, most significant bit first; probs[1] is its
 * root. */
static unsigned int rc_tree(struct unxz_lzma2 *s, u16 *probs, unsigned int bits)
{
    unsigned int sym = 1;

    while ( sym < (1u << bits) )
        sym = (sym << 1) | rc_bit(s, &probs[sym]);
    return sym - (1u << bits);
}

/* The same tree walked least significant bit first. */
static u32 rc_tree_rev(struct unxz_lzma2 *s, u16 *probs, unsigned int bits)
{
    unsigned int sym = 1, i, bit;
    u32 val = 0;

    for ( i = 0; i < bits; i++ )
    {
        bit = rc_bit(s, &probs[sym]);
        sym = (sym << 1) | bit;
        val |= (u32)bit << i;
    }
    return val;
}

/* Bits of even probability, which need no model. */
static u32 rc_direct(struct unxz_lzma2 *s, unsigned int bits)
{
    u32 val = 0;

    while ( bits-- )
    {
        rc_normalize(s);
        s->range >>= 1;
        val <<= 1;
        if ( s->code >= s->range )
        {
            s->code -= s->range;
            val |= 1;
        }
    }
    return val;
}

static int rc_start(struct unxz_lzma2 *s, const u8 *in, size_t pos, size_t end)
{
    const u8 *p = in + pos;

    /* The first byte is the encoder's initial carry slot, always zero. */
    if ( end - pos < RC_INIT_BYTES || p[0] != 0 )
        return -EINVAL;
    s->in = in;
    s->in_pos = pos + RC_INIT_BYTES;
    s->in_end = end;
    s->range = 0xffffffffu;
    s->code = ((u32)p[1] << 24) | ((u32)p[2] << 16) | ((u32)p[3] << 8) | p[4];
    s->overrun = false;
    return 0;
}

static bool rc_finished(struct unxz_lzma2 *s)
{
    rc_normalize(s);
    return !s->overrun && s->in_pos == s->in_end && s->code == 0;
}

static void lzma_reset(struct unxz_lzma2 *s)
{
    u16 *p = (u16 *)&s->probs;
    size_t i;

    BUILD_BUG_ON(sizeof(s->probs) % sizeof(u16));
    for ( i = 0; i < sizeof(s->probs) / sizeof(u16); i++ )
        p[i] = RC_PROB_INIT;
    s->state = 0;
    s->rep[0] = s->rep[1] = s->rep[2] = s->rep[3] = 0;
}

/* The properties byte is (pb * 5 + lp) * 9 + lc. */
static int lzma_set_props(struct unxz_lzma2 *s, unsigned int props)
{
    unsigned int lc = props % 9, lp = (props / 9) % 5, pb = props / 45;

    if ( pb > LZMA_PB_MAX || lc + lp > LZMA2_LC_LP_MAX )
        return -EINVAL;
    s->lc = lc;
    s->lp_mask = (1u << lp) - 1;
    s->pb_mask = (1u << pb) - 1;
    lzma_reset(s);
    return 0;
}

/* After a match the literal is coded against the byte the match would have
 * continued with, until the first bit where the two differ. */
static unsigned int lzma_matched_literal(struct unxz_lzma2 *s, u16 *probs,
                                         unsigned int match)
{
    unsigned int sym = 1, offs = 0x100, mbit, bit;

    do
    {
        match <<= 1;
        mbit = match & offs;
        bit = rc_bit(s, &probs[offs + mbit + sym]);
        sym = (sym << 1) | bit;
        offs &= bit ? mbit : ~mbit;
    } while ( sym < 0x100 );
    return sym - 0x100;
}

static int lzma_literal(struct unxz_lzma2 *s)
{
    size_t done = s->pos - s->dict_start;
    unsigned int prev = done ? s->out[s->pos - 1] : 0;
    unsigned int ctx = ((done & s->lp_mask) << s->lc) + (prev >> (8 - s->lc));
    u16 *probs = s->probs.literal[ctx];
    unsigned int byte;

    if ( s->state < LZMA_LIT_STATES )
        byte = rc_tree(s, probs, 8);
    else if ( s->rep[0] < done )
        byte = lzma_matched_literal(s, probs, s->out[s->pos - s->rep[0] - 1]);
    else
        return -EINVAL;

    s->out[s->pos++] = byte;
    if ( s->state < 4 )
        s->state = 0;
    else if ( s->state < 10 )
        s->state -= 3;
    else
        s->state -= 6;
    return 0;
}

static unsigned int lzma_len(struct unxz_lzma2 *s, struct len_probs *l,
                             unsigned int pos_state)
{
    if ( !rc_bit(s, &l->choice) )
        return LZMA_MATCH_MIN +
               rc_tree(s, l->low[pos_state], LZMA_LEN_LOW_BITS);
    if ( !rc_bit(s, &l->choice2) )
        return LZMA_MATCH_MIN + (1u << LZMA_LEN_LOW_BITS) +
               rc_tree(s, l->mid[pos_state], LZMA_LEN_MID_BITS);
    return LZMA_MATCH_MIN + (1u << LZMA_LEN_LOW_BITS) +
           (1u << LZMA_LEN_MID_BITS) +
           rc_tree(s, l->high, LZMA_LEN_HIGH_BITS);
}

/*
 * A 6-bit slot gives the distance's top two bits and its width; slots 0-3 are
 * the distance itself. Below slot 14 the remaining bits have their own
 * probabilities; above, all but the low four are direct bits.
 */
static u32 lzma_dist(struct unxz_lzma2 *s, unsigned int len)
{
    unsigned int lstate = min(len - LZMA_MATCH_MIN, LZMA_LEN_STATES - 1u);
    unsigned int slot = rc_tree(s, s->probs.dist_slot[lstate], LZMA_SLOT_BITS);
    unsigned int nbits;
    u32 dist;

    if ( slot < 4 )
        return slot;
    nbits = (slot >> 1) - 1;
    dist = (2u | (slot & 1)) << nbits;
    if ( slot < LZMA_DIST_MODEL_END )
        return dist +
               rc_tree_rev(s, s->probs.dist_special + dist - slot, nbits);
    dist += rc_direct(s, nbits - LZMA_ALIGN_BITS) << LZMA_ALIGN_BITS;
    return dist + rc_tree_rev(s, s->probs.dist_align, LZMA_ALIGN_BITS);
}

/* Copies len bytes from distance rep[0]. The ranges overlap when the match is
 * longer than its distance (that is how runs are coded): then it goes in
 * pieces of 'distance' bytes, each of which only reads bytes already written.
 * memcpy rather than a byte loop: this is a quarter of the decoding time. */
static int lzma_copy(struct unxz_lzma2 *s, unsigned int len, size_t out_end)
{
    size_t gap = (size_t)s->rep[0] + 1;
    u8 *dst;

    if ( s->rep[0] >= s->pos - s->dict_start || s->rep[0] >= s->dict_size ||
         len > out_end - s->pos )
        return -EINVAL;
    dst = s->out + s->pos;
    s->pos += len;
    while ( len )
    {
        size_t n = len < gap ? len : gap;

        memcpy(dst, dst - gap, n);
        dst += n;
        len -= n;
    }
    return 0;
}

/* A repeat of one of the last four distances, or a one-byte 'short rep'. */
static int lzma_rep(struct unxz_lzma2 *s, unsigned int ps, size_t out_end)
{
    struct lzma_probs *p = &s->probs;
    unsigned int st = s->state;
    u32 dist;

    if ( !rc_bit(s, &p->is_rep0[st]) )
    {
        if ( !rc_bit(s, &p->is_rep0_long[st][ps]) )
        {
            s->state = st < LZMA_LIT_STATES ? 9 : 11;
            return lzma_copy(s, 1, out_end);
        }
    }
    else
    {
        if ( !rc_bit(s, &p->is_rep1[st]) )
            dist = s->rep[1];
        else
        {
            if ( !rc_bit(s, &p->is_rep2[st]) )
                dist = s->rep[2];
            else
            {
                dist = s->rep[3];
                s->rep[3] = s->rep[2];
            }
            s->rep[2] = s->rep[1];
        }
        s->rep[1] = s->rep[0];
        s->rep[0] = dist;
    }
    s->state = st < LZMA_LIT_STATES ? 8 : 11;
    return lzma_copy(s, lzma_len(s, &p->rep_len, ps), out_end);
}

static int lzma_match(struct unxz_lzma2 *s, unsigned int ps, size_t out_end)
{
    unsigned int len;

    if ( rc_bit(s, &s->probs.is_rep[s->state]) )
        return lzma_rep(s, ps, out_end);

    len = lzma_len(s, &s->probs.match_len, ps);
    s->rep[3] = s->rep[2];
    s->rep[2] = s->rep[1];
    s->rep[1] = s->rep[0];
    /* The end-of-payload marker (distance 0xffffffff) is not used by LZMA2
     * and fails the distance check like any other bad distance. */
    s->rep[0] = lzma_dist(s, len);
    s->state = s->state < LZMA_LIT_STATES ? 7 : 10;
    return lzma_copy(s, len, out_end);
}

/* Decodes symbols until exactly out_end, then checks the coder's end. */
static int lzma_run(struct unxz_lzma2 *s, size_t out_end)
{
    unsigned int ps;
    int rc = 0;

    while ( !rc && s->pos < out_end )
    {
        ps = (s->pos - s->dict_start) & s->pb_mask;
        if ( !rc_bit(s, &s->probs.is_match[s->state][ps]) )
            rc = lzma_literal(s);
        else
            rc = lzma_match(s, ps, out_end);
        if ( s->overrun )
            rc = -EINVAL;
    }
    if ( rc )
        return rc;
    return rc_finished(s) ? 0 : -EINVAL;
}

/* Header after the control byte: uncompressed size - 1 (low 16 bits, the
 * top 5 are in the control byte), compressed size - 1, and maybe properties. */
static int lzma2_lzma_chunk(struct unxz_lzma2 *s, unsigned int ctrl,
                            const u8 *in, size_t *ip, size_t in_end,
                            size_t out_cap, bool *need_props)
{
    size_t hlen = ctrl >= LZMA2_LZMA_PROPS ? 5 : 4;
    const u8 *h = in + *ip;
    size_t usize, csize;
    int rc;

    if ( in_end - *ip < hlen )
        return -EINVAL;
    usize = (((size_t)(ctrl & 0x1f) << 16) | ((size_t)h[0] << 8) | h[1]) + 1;
    csize = (((size_t)h[2] << 8) | h[3]) + 1;
    if ( ctrl >= LZMA2_LZMA_PROPS )
    {
        rc = lzma_set_props(s, h[4]);
        if ( rc )
            return rc;
        *need_props = false;
    }
    else if ( *need_props )
        return -EINVAL;
    else if ( ctrl >= LZMA2_LZMA_STATE )
        lzma_reset(s);

    *ip += hlen;
    if ( csize > in_end - *ip )
        return -EINVAL;
    if ( usize > out_cap - s->pos )
        return -ENOSPC;
    rc = rc_start(s, in, *ip, *ip + csize);
    if ( !rc )
        rc = lzma_run(s, s->pos + usize);
    *ip += csize;
    return rc;
}

static int lzma2_stored_chunk(struct unxz_lzma2 *s, const u8 *in, size_t *ip,
                              size_t in_end, size_t out_cap)
{
    size_t size;

    if ( in_end - *ip < 2 )
        return -EINVAL;
    size = (((size_t)in[*ip] << 8) | in[*ip + 1]) + 1;
    *ip += 2;
    if ( size > in_end - *ip )
        return -EINVAL;
    if ( size > out_cap - s->pos )
        return -ENOSPC;
    memcpy(s->out + s->pos, in + *ip, size);
    s->pos += size;
    *ip += size;
    return 0;
}

int unxz_lzma2_decode(struct unxz_lzma2 *s, const u8 *in, size_t *in_pos,
                      size_t in_end, u8 *out, size_t *out_pos, size_t out_cap,
                      u32 dict_size)
{
    bool need_dict_reset = true, need_props = true;
    size_t ip = *in_pos;
    unsigned int ctrl;
    int rc;

    s->out = out;
    s->pos = s->dict_start = *out_pos;
    s->dict_size = dict_size;

    for ( ;; )
    {
        if ( ip >= in_end )
            return -EINVAL;
        ctrl = in[ip++];
        if ( ctrl == LZMA2_END )
            break;
        if ( ctrl == LZMA2_STORED_RESET || ctrl >= LZMA2_LZMA_DICT )
        {
            s->dict_start = s->pos;
            need_dict_reset = false;
            need_props = true;
        }
        else if ( need_dict_reset )
            return -EINVAL;

        if ( ctrl >= LZMA2_LZMA )
            rc = lzma2_lzma_chunk(s, ctrl, in, &ip, in_end, out_cap,
                                  &need_props);
        else if ( ctrl <= LZMA2_STORED )
            rc = lzma2_stored_chunk(s, in, &ip, in_end, out_cap);
        else
            rc = -EINVAL;
        if ( rc )
            return rc;
    }

    *in_pos = ip;
    *out_pos = s->pos;
    return 0;
}
