/* SPDX-License-Identifier: GPL-2.0-only */
/* Number parsing for the command line and friends, with Xen's conventions:
 * no errno, no overflow detection, *endp shows how far the digits went. */
#include <xen/lib.h>
#include <xen/ctype.h>

static unsigned int digit_value(int c)
{
    if ( isdigit(c) )
        return c - '0';
    if ( isalpha(c) )
        return tolower(c) - 'a' + 10;
    return ~0u;
}

/*
 * Base 0 picks 16 for "0x" followed by a hex digit, 8 for a leading "0",
 * else 10. Base 16 skips an optional "0x". Returns the first digit.
 */
static const char *skip_prefix(const char *cp, unsigned int *base)
{
    bool hex_prefix = cp[0] == '0' && tolower(cp[1]) == 'x';

    if ( *base == 0 )
    {
        if ( hex_prefix && isxdigit(cp[2]) )
        {
            *base = 16;
            return cp + 2;
        }
        *base = cp[0] == '0' ? 8 : 10;
        return cp;
    }
    if ( *base == 16 && hex_prefix )
        return cp + 2;
    return cp;
}

unsigned long long simple_strtoull(const char *cp, const char **endp,
                                   unsigned int base)
{
    unsigned long long result = 0;
    unsigned int d;

    cp = skip_prefix(cp, &base);
    for ( ; (d = digit_value(*cp)) < base; cp++ )
        result = result * base + d;
    if ( endp )
        *endp = cp;
    return result;
}

unsigned long simple_strtoul(const char *cp, const char **endp,
                             unsigned int base)
{
    return simple_strtoull(cp, endp, base);
}

long simple_strtol(const char *cp, const char **endp, unsigned int base)
{
    if ( *cp == '-' )
        return (long)(0UL - simple_strtoul(cp + 1, endp, base));
    return simple_strtoul(cp, endp, base);
}

/*
 * "<number>[KMGTB]", suffixes case-insensitive and binary. A bare number is
 * KiB, as in Xen ("dom0_mem=4096" is 4 MiB); a 'B' suffix means bytes. When
 * the caller takes *endp, a '%' is left for it to interpret and the number
 * is returned unscaled.
 */
unsigned long long parse_size_and_unit(const char *s, const char **endp)
{
    const char *p;
    unsigned long long ret = simple_strtoull(s, &p, 0);
    unsigned int shift = 10;

    switch ( tolower(*p) )
    {
    case 't': shift = 40; p++; break;
    case 'g': shift = 30; p++; break;
    case 'm': shift = 20; p++; break;
    case 'k': shift = 10; p++; break;
    case 'b': shift = 0; p++; break;
    case '%':
        if ( endp )
            shift = 0;
        break;
    }

    if ( endp )
        *endp = p;
    return ret << shift;
}
