/* SPDX-License-Identifier: GPL-2.0-only */
/* Multi-word bitmaps of unsigned long (xen/lib/bitmap.c). Operations that
 * produce a bitmap keep bits at or above nbits in the last word clear; searches
 * return nbits (the size) when nothing is found. */
#ifndef XEN_BITMAP_H
#define XEN_BITMAP_H

#include <xen/bitops.h>

#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]

void bitmap_zero(unsigned long *dst, unsigned int nbits);
void bitmap_fill(unsigned long *dst, unsigned int nbits);
void bitmap_copy(unsigned long *dst, const unsigned long *src,
                 unsigned int nbits);
void bitmap_and(unsigned long *dst, const unsigned long *a,
                const unsigned long *b, unsigned int nbits);
void bitmap_or(unsigned long *dst, const unsigned long *a,
               const unsigned long *b, unsigned int nbits);
void bitmap_xor(unsigned long *dst, const unsigned long *a,
                const unsigned long *b, unsigned int nbits);
void bitmap_andnot(unsigned long *dst, const unsigned long *a,
                   const unsigned long *b, unsigned int nbits);
void bitmap_complement(unsigned long *dst, const unsigned long *src,
                       unsigned int nbits);
/* Sets or clears the nr bits starting at start. */
void bitmap_set(unsigned long *map, unsigned int start, unsigned int nr);
void bitmap_clear(unsigned long *map, unsigned int start, unsigned int nr);

bool bitmap_empty(const unsigned long *src, unsigned int nbits);
bool bitmap_full(const unsigned long *src, unsigned int nbits);
bool bitmap_equal(const unsigned long *a, const unsigned long *b,
                  unsigned int nbits);
bool bitmap_intersects(const unsigned long *a, const unsigned long *b,
                       unsigned int nbits);
bool bitmap_subset(const unsigned long *a, const unsigned long *b,
                   unsigned int nbits);
unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits);

unsigned int find_next_bit(const unsigned long *addr, unsigned int size,
                           unsigned int offset);
unsigned int find_next_zero_bit(const unsigned long *addr, unsigned int size,
                                unsigned int offset);

static inline unsigned int find_first_bit(const unsigned long *addr,
                                          unsigned int size)
{
    return find_next_bit(addr, size, 0);
}

static inline unsigned int find_first_zero_bit(const unsigned long *addr,
                                               unsigned int size)
{
    return find_next_zero_bit(addr, size, 0);
}

#define for_each_set_bit(b, addr, size)                 \
    for ( (b) = find_first_bit(addr, size);             \
          (b) < (size);                                 \
          (b) = find_next_bit(addr, size, (b) + 1) )

#endif /* XEN_BITMAP_H */
