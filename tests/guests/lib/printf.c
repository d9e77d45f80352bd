// SPDX-License-Identifier: GPL-2.0-only
/*
 * A small vsnprintf: flags '-', '0' and '#', a field width, length modifiers
 * l, ll, z, and conversions d i u x X p s c %. Output is always
 * NUL-terminated; the return value is the length it would have had.
 */
#include "test.h"

struct out {
    char *buf;
    size_t size, len;
};

static void put(struct out *o, char c)
{
    if ( o->len + 1 < o->size )
        o->buf[o->len] = c;
    o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n,
                       unsigned int width, int left, char pad)
{
    size_t fill = width > n ? width - n : 0;

    /* A zero pad goes after the sign. */
    if ( pad == '0' && n && *s == '-' )
    {
        put(o, *s++);
        n--;
    }
    while ( !left && fill-- )
        put(o, pad);
    while ( n-- )
        put(o, *s++);
    while ( left && fill-- )
        put(o, ' ');
}

/* Digits of V into the end of TMP (24 bytes); returns the first one. */
static char *format_number(char *tmp, unsigned long long v, unsigned int base,
                           int upper, int negative)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char *p = tmp + 24;

    do {
        *--p = digits[v % base];
        v /= base;
    } while ( v );
    if ( negative )
        *--p = '-';
    return p;
}

static unsigned long long get_arg(va_list *ap, int lng, int is_signed)
{
    if ( lng >= 2 )
        return is_signed ? (unsigned long long)va_arg(*ap, long long)
                         : va_arg(*ap, unsigned long long);
    if ( lng == 1 )
        return is_signed ? (unsigned long long)va_arg(*ap, long)
                         : va_arg(*ap, unsigned long);
    return is_signed ? (unsigned long long)va_arg(*ap, int)
                     : va_arg(*ap, unsigned int);
}

struct spec {
    unsigned int width;
    int left, alt, lng;
    char pad;
};

static void convert(struct out *o, char conv, va_list *ap,
                    const struct spec *sp)
{
    unsigned int width = sp->width;
    int left = sp->left, lng = sp->lng;
    char pad = sp->left ? ' ' : sp->pad;
    char tmp[24], *p;
    unsigned long long v;
    const char *s;

    switch ( conv )
    {
    case 'd': case 'i':
        v = get_arg(ap, lng, 1);
        if ( (long long)v < 0 )
            p = format_number(tmp, -(long long)v, 10, 0, 1);
        else
            p = format_number(tmp, v, 10, 0, 0);
        break;
    case 'u': case 'x': case 'X':
        v = get_arg(ap, lng, 0);
        p = format_number(tmp, v, conv == 'u' ? 10 : 16, conv == 'X', 0);
        if ( sp->alt && conv != 'u' )
        {
            put(o, '0');
            put(o, 'x');
        }
        break;
    case 'p':
        put(o, '0');
        put(o, 'x');
        p = format_number(tmp, (unsigned long)va_arg(*ap, void *), 16, 0, 0);
        break;
    case 'c':
        tmp[0] = va_arg(*ap, int);
        put_padded(o, tmp, 1, width, left, ' ');
        return;
    case 's':
        s = va_arg(*ap, const char *);
        s = s ? s : "(null)";
        put_padded(o, s, strlen(s), width, left, ' ');
        return;
    default:                    /* '%' and anything unknown */
        put(o, conv);
        return;
    }
    put_padded(o, p, tmp + 24 - p, width, left, pad);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };
    va_list args;

    va_copy(args, ap);
    for ( ; *fmt; fmt++ )
    {
        struct spec sp = { .pad = ' ' };

        if ( *fmt != '%' )
        {
            put(&o, *fmt);
            continue;
        }
        for ( fmt++; *fmt == '-' || *fmt == '0' || *fmt == '#'; fmt++ )
        {
            if ( *fmt == '-' )
                sp.left = 1;
            else if ( *fmt == '0' )
                sp.pad = '0';
            else
                sp.alt = 1;
        }
        for ( ; *fmt >= '0' && *fmt <= '9'; fmt++ )
            sp.width = sp.width * 10 + (*fmt - '0');
        for ( ; *fmt == 'l' || *fmt == 'z'; fmt++ )
            sp.lng++;           /* size_t is unsigned long here */
        if ( !*fmt )
            break;
        convert(&o, *fmt, &args, &sp);
    }
    va_end(args);
    if ( size )
        buf[o.len < size ? o.len : size - 1] = '\0';
    return o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
