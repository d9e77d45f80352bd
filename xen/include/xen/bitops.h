/* SPDX-License-Identifier: GPL-2.0-only */
/* Single-bit operations and bit scans. Bit nr lives in 32-bit word nr / 32, so
 * on little-endian x86 any 4-byte-aligned object (uint32_t arrays as well as
 * unsigned long bitmaps) can be used, as with Xen's btsl-based versions.
 * The plain names are atomic (full barriers); the __ forms are not. */
#ifndef XEN_BITOPS_H
#define XEN_BITOPS_H

#include <xen/types.h>

#define BITS_PER_BYTE       8
#define BITS_PER_LONG       (__SIZEOF_LONG__ * BITS_PER_BYTE)
#define BITS_TO_LONGS(bits) (((bits) + BITS_PER_LONG - 1) / BITS_PER_LONG)

/* may_alias: the word view legitimately overlays other integer types. */
typedef uint32_t __attribute__((__may_alias__)) bitop_word_t;

#define BITOP_WORD(addr, nr) ((volatile bitop_word_t *)(addr) + (nr) / 32)
#define BITOP_MASK(nr)       ((bitop_word_t)1 << ((nr) % 32))

static inline void set_bit(unsigned int nr, volatile void *addr)
{
    __atomic_fetch_or(BITOP_WORD(addr, nr), BITOP_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline void clear_bit(unsigned int nr, volatile void *addr)
{
    __atomic_fetch_and(BITOP_WORD(addr, nr), ~BITOP_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline void change_bit(unsigned int nr, volatile void *addr)
{
    __atomic_fetch_xor(BITOP_WORD(addr, nr), BITOP_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline bool test_and_set_bit(unsigned int nr, volatile void *addr)
{
    return __atomic_fetch_or(BITOP_WORD(addr, nr), BITOP_MASK(nr),
                             __ATOMIC_SEQ_CST) & BITOP_MASK(nr);
}

static inline bool test_and_clear_bit(unsigned int nr, volatile void *addr)
{
    return __atomic_fetch_and(BITOP_WORD(addr, nr), ~BITOP_MASK(nr),
                              __ATOMIC_SEQ_CST) & BITOP_MASK(nr);
}

static inline bool test_and_change_bit(unsigned int nr, volatile void *addr)
{
    return __atomic_fetch_xor(BITOP_WORD(addr, nr), BITOP_MASK(nr),
                              __ATOMIC_SEQ_CST) & BITOP_MASK(nr);
}

static inline void __set_bit(unsigned int nr, volatile void *addr)
{
    *BITOP_WORD(addr, nr) |= BITOP_MASK(nr);
}

static inline void __clear_bit(unsigned int nr, volatile void *addr)
{
    *BITOP_WORD(addr, nr) &= ~BITOP_MASK(nr);
}

static inline void __change_bit(unsigned int nr, volatile void *addr)
{
    *BITOP_WORD(addr, nr) ^= BITOP_MASK(nr);
}

static inline bool __test_and_set_bit(unsigned int nr, volatile void *addr)
{
    bool old = *BITOP_WORD(addr, nr) & BITOP_MASK(nr);

    *BITOP_WORD(addr, nr) |= BITOP_MASK(nr);
    return old;
}

static inline bool __test_and_clear_bit(unsigned int nr, volatile void *addr)
{
    bool old = *BITOP_WORD(addr, nr) & BITOP_MASK(nr);

    *BITOP_WORD(addr, nr) &= ~BITOP_MASK(nr);
    return old;
}

static inline bool test_bit(unsigned int nr, const volatile void *addr)
{
    return *((const volatile bitop_word_t *)addr + nr / 32) & BITOP_MASK(nr);
}

/* Scans are 1-based with 0 meaning "no bit set", as in Xen and POSIX ffs(). */
static inline int ffs(unsigned int x)
{
    return x ? __builtin_ctz(x) + 1 : 0;
}

static inline int ffsl(unsigned long x)
{
    return x ? __builtin_ctzl(x) + 1 : 0;
}

static inline int fls(unsigned int x)
{
    return x ? 32 - __builtin_clz(x) : 0;
}

static inline int flsl(unsigned long x)
{
    return x ? BITS_PER_LONG - __builtin_clzl(x) : 0;
}

/* Open-coded: without POPCNT, __builtin_popcount calls into libgcc. */
static inline unsigned int hweight64(uint64_t w)
{
    w = w - ((w >> 1) & 0x5555555555555555ULL);
    w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
    w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
    return (w * 0x0101010101010101ULL) >> 56;
}

static inline unsigned int hweight32(uint32_t w)
{
    return hweight64(w);
}

static inline unsigned int hweight_long(unsigned long w)
{
    return hweight64(w);
}

#endif /* XEN_BITOPS_H */
