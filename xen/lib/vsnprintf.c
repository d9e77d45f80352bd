/* SPDX-License-Identifier: GPL-2.0-only */
/* printf-style formatting into a bounded buffer: the C99 conversions the
 * hypervisor uses, plus Xen's %p forms (%pS/%ps symbols, %*ph hex bytes). */
#include <xen/lib.h>
#include <xen/ctype.h>
#include <xen/string.h>
#include <xen/symbols.h>

#define F_LEFT    0x01  /* '-' */
#define F_PLUS    0x02  /* '+' */
#define F_SPACE   0x04  /* ' ' */
#define F_ALT     0x08  /* '#' */
#define F_ZERO    0x10  /* '0' */
#define F_UPPER   0x20  /* %X */
#define F_SIGNED  0x40  /* %d, %i */

enum len_mod { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

struct spec {
    unsigned int flags;
    int width;              /* 0 when absent */
    int prec;               /* -1 when absent */
    enum len_mod len;
    char conv;
};

/* Output never overruns: characters past the buffer are only counted. */
struct out {
    char *buf;
    size_t size;
    size_t len;
};

static void put(struct out *o, char c)
{
    if ( o->len + 1 < o->size )
        o->buf[o->len] = c;
    o->len++;
}

static void put_fill(struct out *o, char c, int n)
{
    for ( ; n > 0; n-- )
        put(o, c);
}

static void put_str(struct out *o, const char *s, size_t n)
{
    for ( ; n; n--, s++ )
        put(o, *s);
}

/* A width or precision in decimal, saturating instead of overflowing. */
static int parse_uint(const char **p)
{
    int v = 0;

    for ( ; isdigit(**p); (*p)++ )
        v = v > (__INT_MAX__ - 9) / 10 ? __INT_MAX__ : v * 10 + (**p - '0');
    return v;
}

static unsigned int parse_flags(const char **p)
{
    unsigned int flags = 0;

    for ( ; ; (*p)++ )
    {
        switch ( **p )
        {
        case '-': flags |= F_LEFT; break;
        case '+': flags |= F_PLUS; break;
        case ' ': flags |= F_SPACE; break;
        case '#': flags |= F_ALT; break;
        case '0': flags |= F_ZERO; break;
        default: return flags;
        }
    }
}

static enum len_mod parse_len(const char **p)
{
    const char *s = *p;
    enum len_mod len = LEN_NONE;

    switch ( *s )
    {
    case 'h': len = s[1] == 'h' ? LEN_HH : LEN_H; break;
    case 'l': len = s[1] == 'l' ? LEN_LL : LEN_L; break;
    case 'L': len = LEN_LL; break;
    case 'z': case 'Z': len = LEN_Z; break;
    case 't': len = LEN_T; break;
    case 'j': len = LEN_J; break;
    default: return LEN_NONE;
    }
    *p += (len == LEN_HH || (len == LEN_LL && *s == 'l')) ? 2 : 1;
    return len;
}

/* Fills sp from the text after '%'; *p is left on the conversion character. */
static void parse_spec(const char **p, va_list *ap, struct spec *sp)
{
    sp->flags = parse_flags(p);
    if ( **p == '*' )
    {
        (*p)++;
        sp->width = va_arg(*ap, int);
        if ( sp->width < 0 )
        {
            sp->flags |= F_LEFT;
            sp->width = sp->width == -__INT_MAX__ - 1 ? __INT_MAX__
                                                      : -sp->width;
        }
    }
    else
        sp->width = parse_uint(p);

    sp->prec = -1;
    if ( **p == '.' )
    {
        (*p)++;
        if ( **p == '*' )
        {
            (*p)++;
            sp->prec = va_arg(*ap, int);
            if ( sp->prec < 0 )
                sp->prec = -1;      /* a negative precision counts as absent */
        }
        else
            sp->prec = parse_uint(p);
    }
    sp->len = parse_len(p);
    sp->conv = **p;
}

static void emit_padded(struct out *o, const struct spec *sp,
                        const char *s, size_t n)
{
    int pad = sp->width > (int)n ? sp->width - (int)n : 0;

    if ( !(sp->flags & F_LEFT) )
        put_fill(o, ' ', pad);
    put_str(o, s, n);
    if ( sp->flags & F_LEFT )
        put_fill(o, ' ', pad);
}

static void emit_string(struct out *o, const struct spec *sp, const char *s)
{
    /* Catch NULL and other obviously bogus pointers, as Xen does. */
    if ( (uintptr_t)s < 4096 )
        s = "(null)";
    emit_padded(o, sp, s, sp->prec < 0 ? strlen(s) : strnlen(s, sp->prec));
}

/* Builds the sign or base prefix of a number into pfx; returns its length. */
static int number_prefix(const struct spec *sp, bool neg,
                         unsigned long long mag, unsigned int base, char *pfx)
{
    int n = 0;

    if ( sp->flags & F_SIGNED )
    {
        if ( neg )
            pfx[n++] = '-';
        else if ( sp->flags & F_PLUS )
            pfx[n++] = '+';
        else if ( sp->flags & F_SPACE )
            pfx[n++] = ' ';
    }
    if ( (sp->flags & F_ALT) && base == 16 && mag )
    {
        pfx[n++] = '0';
        pfx[n++] = (sp->flags & F_UPPER) ? 'X' : 'x';
    }
    return n;
}

/*
 * C99 layout: [spaces][prefix][zeros][digits][spaces]. A precision disables
 * the '0' flag, and "%.0d" of zero prints no digits at all.
 */
static void emit_number(struct out *o, const struct spec *sp,
                        unsigned long long mag, bool neg, unsigned int base)
{
    const char *digits = (sp->flags & F_UPPER) ? "0123456789ABCDEF"
                                               : "0123456789abcdef";
    char tmp[24], pfx[3];
    int ndig = 0, npfx, prec, pad;
    unsigned long long v = mag;

    do {
        tmp[ndig++] = digits[v % base];
        v /= base;
    } while ( v );
    if ( sp->prec == 0 && mag == 0 )
        ndig = 0;

    npfx = number_prefix(sp, neg, mag, base, pfx);
    prec = sp->prec > ndig ? sp->prec : ndig;
    /* '#' with octal means "make the first digit a zero". */
    if ( (sp->flags & F_ALT) && base == 8 && prec <= ndig &&
         (prec == 0 || tmp[ndig - 1] != '0') )
        prec = ndig + 1;

    pad = sp->width - npfx - prec;
    if ( !(sp->flags & F_LEFT) && !((sp->flags & F_ZERO) && sp->prec < 0) )
        put_fill(o, ' ', pad);
    put_str(o, pfx, npfx);
    if ( !(sp->flags & F_LEFT) && (sp->flags & F_ZERO) && sp->prec < 0 )
        put_fill(o, '0', pad);
    put_fill(o, '0', prec - ndig);
    while ( ndig )
        put(o, tmp[--ndig]);
    if ( sp->flags & F_LEFT )
        put_fill(o, ' ', pad);
}

static long long fetch_signed(va_list *ap, enum len_mod len)
{
    switch ( len )
    {
    case LEN_HH: return (signed char)va_arg(*ap, int);
    case LEN_H:  return (short)va_arg(*ap, int);
    case LEN_L:  return va_arg(*ap, long);
    case LEN_LL: return va_arg(*ap, long long);
    case LEN_Z:  return va_arg(*ap, long);          /* ssize_t */
    case LEN_T:  return va_arg(*ap, ptrdiff_t);
    case LEN_J:  return va_arg(*ap, intmax_t);
    default:     return va_arg(*ap, int);
    }
}

static unsigned long long fetch_unsigned(va_list *ap, enum len_mod len)
{
    switch ( len )
    {
    case LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_H:  return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_L:  return va_arg(*ap, unsigned long);
    case LEN_LL: return va_arg(*ap, unsigned long long);
    case LEN_Z:  return va_arg(*ap, size_t);
    case LEN_T:  return va_arg(*ap, unsigned long);  /* unsigned ptrdiff_t */
    case LEN_J:  return va_arg(*ap, uintmax_t);
    default:     return va_arg(*ap, unsigned int);
    }
}

static void emit_integer(struct out *o, struct spec *sp, va_list *ap)
{
    unsigned int base = 10;

    switch ( sp->conv )
    {
    case 'd': case 'i':
    {
        long long v = fetch_signed(ap, sp->len);
        unsigned long long mag = v;

        sp->flags |= F_SIGNED;
        emit_number(o, sp, v < 0 ? 0ULL - mag : mag, v < 0, 10);
        return;
    }
    case 'o': base = 8; break;
    case 'X': sp->flags |= F_UPPER; /* fallthrough */
    case 'x': base = 16; break;
    }
    emit_number(o, sp, fetch_unsigned(ap, sp->len), false, base);
}

/* %ps drops a "+0x0/..." suffix: at a symbol's start its name says it all. */
static void emit_symbol(struct out *o, const struct spec *sp, const void *p,
                        char kind)
{
    char name[128];
    char *plus;

    symbol_format(name, sizeof(name), (unsigned long)p);
    name[sizeof(name) - 1] = '\0';
    plus = strchr(name, '+');
    if ( kind == 's' && plus && !strncmp(plus, "+0x0/", 5) )
        *plus = '\0';
    emit_string(o, sp, name);
}

/* %*ph: up to 64 bytes as space-separated hex pairs; the width is the count. */
static void emit_hex_bytes(struct out *o, const struct spec *sp,
                           const uint8_t *p)
{
    static const struct spec byte = { .flags = F_ZERO, .width = 2, .prec = -1 };
    int i, n = sp->width > 64 ? 64 : sp->width;

    for ( i = 0; i < n; i++ )
    {
        if ( i )
            put(o, ' ');
        emit_number(o, &byte, p[i], false, 16);
    }
}

/* Plain %p is 16 zero-padded hex digits with no "0x", as in Xen. */
static void emit_pointer(struct out *o, struct spec *sp, const char **fmt,
                         const void *p)
{
    switch ( (*fmt)[1] )
    {
    case 'S': case 's':
        emit_symbol(o, sp, p, *++*fmt);
        return;
    case 'h':
        ++*fmt;
        emit_hex_bytes(o, sp, p);
        return;
    }
    if ( !sp->width )
    {
        sp->width = 2 * sizeof(void *);
        sp->flags |= F_ZERO;
    }
    emit_number(o, sp, (uintptr_t)p, false, 16);
}

/* One conversion; *fmt is on the conversion character and stays there. */
static void emit_conversion(struct out *o, struct spec *sp, const char **fmt,
                            va_list *ap)
{
    char c;

    switch ( sp->conv )
    {
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
        emit_integer(o, sp, ap);
        break;
    case 'c':
        c = (char)va_arg(*ap, int);
        emit_padded(o, sp, &c, 1);
        break;
    case 's':
        emit_string(o, sp, va_arg(*ap, const char *));
        break;
    case 'p':
        emit_pointer(o, sp, fmt, va_arg(*ap, const void *));
        break;
    case '%':
        put(o, '%');
        break;
    default:
        /* Unknown conversions are shown, not guessed at; no argument used. */
        put(o, '%');
        if ( sp->conv )
            put(o, sp->conv);
        else
            --*fmt;
        break;
    }
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    struct out o = { .buf = buf, .size = size, .len = 0 };
    struct spec sp;
    va_list ap;

    va_copy(ap, args);
    for ( ; *fmt; fmt++ )
    {
        if ( *fmt != '%' )
        {
            put(&o, *fmt);
            continue;
        }
        fmt++;
        parse_spec(&fmt, &ap, &sp);
        emit_conversion(&o, &sp, &fmt, &ap);
    }
    va_end(ap);

    if ( size )
        buf[o.len < size ? o.len : size - 1] = '\0';
    return o.len > __INT_MAX__ ? __INT_MAX__ : (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int n;

    va_start(args, fmt);
    n = vsnprintf(buf, size, fmt, args);
    va_end(args);
    return n;
}

/* Like vsnprintf, but returns what actually landed in buf (without the NUL). */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    int n = vsnprintf(buf, size, fmt, args);

    if ( !size )
        return 0;
    return (size_t)n < size ? n : (int)(size - 1);
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int n;

    va_start(args, fmt);
    n = vscnprintf(buf, size, fmt, args);
    va_end(args);
    return n;
}
