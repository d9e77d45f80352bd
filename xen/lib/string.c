/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor's string and memory routines: no libc exists below us. The
 * bulk copies use rep movsb/stosb, which is fast on every CPU with ERMSB and
 * keeps the compiler from "optimising" a loop back into a call to itself. */
#include <xen/string.h>
#include <xen/ctype.h>

/* Quadwords first, then the tail: emulators (QEMU's TCG) pay per iteration,
 * so this is several times faster there than one REP MOVSB, and no slower on
 * hardware for the sizes that matter (dom0's kernel image). */
void *memcpy(void *dst, const void *src, size_t n)
{
    void *d = dst;
    size_t q = n / 8, r = n % 8;

    __asm__ __volatile__ ( "rep movsq"
                           : "+D" (d), "+S" (src), "+c" (q)
                           :
                           : "memory" );
    __asm__ __volatile__ ( "rep movsb"
                           : "+D" (d), "+S" (src), "+c" (r)
                           :
                           : "memory" );
    return dst;
}

/*
 * When dst overlaps the tail of src, copy forward in chunks of (dst - src)
 * bytes starting from the end: each chunk lands only on source bytes already
 * copied. This avoids std/cld, which an interrupt could observe.
 */
void *memmove(void *dst, const void *src, size_t n)
{
    size_t gap = (uintptr_t)dst - (uintptr_t)src;
    char *d = dst;
    const char *s = src;

    if ( !gap )
        return dst;
    if ( gap >= n )
        return memcpy(dst, src, n);

    while ( n > gap )
    {
        n -= gap;
        memcpy(d + n, s + n, gap);
    }
    memcpy(d, s, n);
    return dst;
}

void *memset(void *s, int c, size_t n)
{
    void *d = s;
    size_t q = n / 8, r = n % 8;
    uint64_t pattern = 0x0101010101010101ULL * (uint8_t)c;

    __asm__ __volatile__ ( "rep stosq"
                           : "+D" (d), "+c" (q)
                           : "a" (pattern)
                           : "memory" );
    __asm__ __volatile__ ( "rep stosb"
                           : "+D" (d), "+c" (r)
                           : "a" (pattern)
                           : "memory" );
    return s;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;

    for ( ; n; n--, p++, q++ )
        if ( *p != *q )
            return *p - *q;
    return 0;
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;

    for ( ; n; n--, p++ )
        if ( *p == (unsigned char)c )
            return (void *)p;
    return NULL;
}

size_t strlen(const char *s)
{
    const char *p = s;

    while ( *p )
        p++;
    return p - s;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while ( n < max && s[n] )
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    return strncmp(a, b, SIZE_MAX);
}

int strncmp(const char *a, const char *b, size_t n)
{
    const unsigned char *p = (const unsigned char *)a;
    const unsigned char *q = (const unsigned char *)b;

    for ( ; n; n--, p++, q++ )
        if ( *p != *q || !*p )
            return *p - *q;
    return 0;
}

int strcasecmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a;
    const unsigned char *q = (const unsigned char *)b;

    for ( ; ; p++, q++ )
    {
        int d = tolower(*p) - tolower(*q);

        if ( d || !*p )
            return d;
    }
}

char *strchr(const char *s, int c)
{
    for ( ; *s != (char)c; s++ )
        if ( !*s )
            return NULL;
    return (char *)s;
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;

    do {
        if ( *s == (char)c )
            last = s;
    } while ( *s++ );
    return (char *)last;
}

char *strstr(const char *hay, const char *needle)
{
    size_t n = strlen(needle);

    for ( ; *hay; hay++ )
        if ( !strncmp(hay, needle, n) )
            return (char *)hay;
    return n ? NULL : (char *)hay;
}

/* BSD semantics: the result is what the caller wanted to copy, so a value at
 * or above size tells it the destination was truncated. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);

    if ( size )
    {
        size_t n = len < size - 1 ? len : size - 1;

        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

size_t strlcat(char *dst, const char *src, size_t size)
{
    size_t used = strnlen(dst, size);

    /* An unterminated dst is left alone, as in BSD. */
    if ( used == size )
        return size + strlen(src);
    return used + strlcpy(dst + used, src, size - used);
}
