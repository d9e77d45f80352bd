/* SPDX-License-Identifier: GPL-2.0-only */
/* Whole-bitmap operations and bit searches over unsigned long words. Bits at
 * or above nbits in the last word are ignored on input and cleared on output,
 * so callers never see stale bits past the end of a cpumask or similar. */
#include <xen/bitmap.h>
#include <xen/lib.h>

static unsigned int nwords(unsigned int nbits)
{
    return BITS_TO_LONGS(nbits);
}

/* The valid bits of word i of an nbits-long map. */
static unsigned long valid_mask(unsigned int i, unsigned int nbits)
{
    unsigned int tail = nbits % BITS_PER_LONG;

    if ( i + 1 < nwords(nbits) || !tail )
        return ~0UL;
    return (1UL << tail) - 1;
}

static unsigned long word_at(const unsigned long *p, unsigned int i,
                             unsigned int nbits)
{
    return p[i] & valid_mask(i, nbits);
}

void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < nwords(nbits); i++ )
        dst[i] = 0;
}

void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < nwords(nbits); i++ )
        dst[i] = valid_mask(i, nbits);
}

void bitmap_copy(unsigned long *dst, const unsigned long *src,
                 unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < nwords(nbits); i++ )
        dst[i] = word_at(src, i, nbits);
}

void bitmap_and(unsigned long *dst, const unsigned long *a,
                const unsigned long *b, unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < nwords(nbits); i++ )
        dst[i] = word_at(a, i, nbits) & b[i];
}

void bitmap_or(unsigned long *dst, const unsigned long *a,
               const unsigned long *b, unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < nwords(nbits); i++ )
        dst[i] = (a[i] | b[i]) & valid_mask(i, nbits);
}

void bitmap_xor(unsigned long *dst, const unsigned long *a,
                const unsigned long *b, unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < nwords(nbits); i++ )
        dst[i] = (a[i] ^ b[i]) & valid_mask(i, nbits);
}

void bitmap_andnot(unsigned long *dst, const unsigned long *a,
                   const unsigned long *b, unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < nwords(nbits); i++ )
        dst[i] = word_at(a, i, nbits) & ~b[i];
}

void bitmap_complement(unsigned long *dst, const unsigned long *src,
                       unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < nwords(nbits); i++ )
        dst[i] = ~src[i] & valid_mask(i, nbits);
}

/* Mask of n bits (1..BITS_PER_LONG) starting at bit. */
static unsigned long range_mask(unsigned int bit, unsigned int n)
{
    unsigned long ones = n == BITS_PER_LONG ? ~0UL : (1UL << n) - 1;

    return ones << bit;
}

void bitmap_set(unsigned long *map, unsigned int start, unsigned int nr)
{
    unsigned int end = start + nr;

    while ( start < end )
    {
        unsigned int bit = start % BITS_PER_LONG;
        unsigned int n = min(BITS_PER_LONG - bit, end - start);

        map[start / BITS_PER_LONG] |= range_mask(bit, n);
        start += n;
    }
}

void bitmap_clear(unsigned long *map, unsigned int start, unsigned int nr)
{
    unsigned int end = start + nr;

    while ( start < end )
    {
        unsigned int bit = start % BITS_PER_LONG;
        unsigned int n = min(BITS_PER_LONG - bit, end - start);

        map[start / BITS_PER_LONG] &= ~range_mask(bit, n);
        start += n;
    }
}

bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < nwords(nbits); i++ )
        if ( word_at(src, i, nbits) )
            return false;
    return true;
}

bool bitmap_full(const unsigned long *src, unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < nwords(nbits); i++ )
        if ( word_at(src, i, nbits) != valid_mask(i, nbits) )
            return false;
    return true;
}

bool bitmap_equal(const unsigned long *a, const unsigned long *b,
                  unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < nwords(nbits); i++ )
        if ( word_at(a, i, nbits) != word_at(b, i, nbits) )
            return false;
    return true;
}

bool bitmap_intersects(const unsigned long *a, const unsigned long *b,
                       unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < nwords(nbits); i++ )
        if ( word_at(a, i, nbits) & b[i] )
            return true;
    return false;
}

bool bitmap_subset(const unsigned long *a, const unsigned long *b,
                   unsigned int nbits)
{
    unsigned int i;

    for ( i = 0; i < nwords(nbits); i++ )
        if ( word_at(a, i, nbits) & ~b[i] )
            return false;
    return true;
}

unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
    unsigned int i, w = 0;

    for ( i = 0; i < nwords(nbits); i++ )
        w += hweight_long(word_at(src, i, nbits));
    return w;
}

/* One search for both polarities: invert is ~0UL to look for zeros. */
static unsigned int find_next(const unsigned long *addr, unsigned int size,
                              unsigned int offset, unsigned long invert)
{
    unsigned int i = offset / BITS_PER_LONG;
    unsigned long w;

    if ( offset >= size )
        return size;

    w = (addr[i] ^ invert) & (~0UL << (offset % BITS_PER_LONG));
    while ( !w )
    {
        if ( ++i >= nwords(size) )
            return size;
        w = addr[i] ^ invert;
    }
    return min(i * BITS_PER_LONG + __builtin_ctzl(w), size);
}

unsigned int find_next_bit(const unsigned long *addr, unsigned int size,
                           unsigned int offset)
{
    return find_next(addr, size, offset, 0);
}

unsigned int find_next_zero_bit(const unsigned long *addr, unsigned int size,
                                unsigned int offset)
{
    return find_next(addr, size, offset, ~0UL);
}
