/* SPDX-License-Identifier: GPL-2.0-only */
/* xen/lib/vsnprintf.c against the host libc's snprintf over the cross product
 * of flags, widths, precisions, length modifiers and values, then Xen's own
 * %p forms, which libc does not share. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "host_rename.h"
#include <xen/lib.h>
#include "host_unrename.h"

#include <stdio.h>
#include <string.h>

#define BUF 512

/* Formats with both and requires identical text and return value. */
static void __attribute__((format(printf, 1, 2))) same(const char *fmt, ...)
{
    char ours[BUF], ref[BUF];
    va_list a, b;
    int n, m;

    va_start(a, fmt);
    va_copy(b, a);
    n = xen_vsnprintf(ours, sizeof(ours), fmt, a);
    m = vsnprintf(ref, sizeof(ref), fmt, b);
    va_end(b);
    va_end(a);
    if ( n != m || strcmp(ours, ref) )
        fail_msg("format \"%s\": got \"%s\" (%d), want \"%s\" (%d)",
                 fmt, ours, n, ref, m);
}

static const char *const lens[] = { "hh", "h", "", "l", "ll", "z", "t", "j" };

/* Passes v with the type the length modifier promises. */
static void same_int(const char *fmt, unsigned int len, char conv, long long v)
{
    bool s = conv == 'd' || conv == 'i';

    switch ( len )
    {
    case 0: case 1: case 2:
        if ( s ) same(fmt, (int)v); else same(fmt, (unsigned int)v);
        break;
    case 3:
        if ( s ) same(fmt, (long)v); else same(fmt, (unsigned long)v);
        break;
    case 4:
        if ( s ) same(fmt, v); else same(fmt, (unsigned long long)v);
        break;
    case 5:
        if ( s ) same(fmt, (ssize_t)v); else same(fmt, (size_t)v);
        break;
    case 6:
        if ( s ) same(fmt, (ptrdiff_t)v); else same(fmt, (size_t)v);
        break;
    case 7:
        if ( s ) same(fmt, (intmax_t)v); else same(fmt, (uintmax_t)v);
        break;
    }
}

static const long long values[] = {
    0, 1, -1, 7, 8, 9, 10, 42, -42, 127, 128, 255, 256, -129, 300, 0x7fff,
    -32768, 65535, 0x7fffffff, -0x7fffffff - 1, 0xffffffffLL, 0x123456789abLL,
    0x7fffffffffffffffLL, -0x7fffffffffffffffLL - 1,
};

static void flag_string(char *out, unsigned int mask)
{
    static const char flags[] = "-+ #0";
    unsigned int i;

    for ( i = 0; i < 5; i++ )
        if ( mask & (1u << i) )
            *out++ = flags[i];
    *out = '\0';
}

static void test_integers(void **state)
{
    static const char *const widths[] = { "", "1", "6", "23" };
    static const char *const precs[] = { "", ".", ".0", ".1", ".4", ".21" };
    static const char convs[] = "diuxXo";
    unsigned int f, w, p, c, l, v;
    char flags[8], fmt[64];

    for ( f = 0; f < 32; f++ )
        for ( c = 0; c < sizeof(convs) - 1; c++ )
        {
            bool is_signed = convs[c] == 'd' || convs[c] == 'i';

            /* '#' with a decimal conversion is undefined in C. */
            if ( (f & 8) && (is_signed || convs[c] == 'u') )
                continue;
            flag_string(flags, f);
            for ( w = 0; w < 4; w++ )
                for ( p = 0; p < 6; p++ )
                    for ( l = 0; l < 8; l++ )
                        for ( v = 0; v < sizeof(values) / sizeof(values[0]); v++ )
                        {
                            snprintf(fmt, sizeof(fmt), "<%%%s%s%s%s%c>", flags,
                                     widths[w], precs[p], lens[l], convs[c]);
                            same_int(fmt, l, convs[c], values[v]);
                        }
        }
}

static void test_star(void **state)
{
    /* Not a literal: the compiler would (rightly) note that '0' is ignored. */
    const char *zero_prec_fmt = "[%0*.*x]";
    int w, p;

    for ( w = -12; w <= 12; w += 3 )
        for ( p = -3; p <= 8; p++ )
        {
            same("[%*.*d]", w, p, -1234);
            same(zero_prec_fmt, w, p, 0xbeefu);
            same("[%*.*s]", w, p, "hello");
            same("[%-*s]", w, "ab");
            same("[%.*s]", p, "abcdef");
        }
}

static void test_strings_chars(void **state)
{
    same("%s|%5s|%-5s|%.2s|%7.3s|%-7.3s|", "abc", "abc", "abc", "abc", "abc", "abc");
    same("%s%s", "", "x");
    same("%c%c%c|%3c|%-3c|", 'a', 0x80 | 'b', 0x100 | 'c', 'd', 'e');
    same("100%% sure");
    same("%.0s|%.10s|", "abc", "abc");
    same("no conversions at all");
    same("%s", "a long string well past any small buffer, to check counting");
}

static void test_null_string(void **state)
{
    char *volatile null = NULL;
    char buf[32];

    assert_int_equal(xen_snprintf(buf, sizeof(buf), "%s", null), 6);
    assert_string_equal(buf, "(null)");
    assert_int_equal(xen_snprintf(buf, sizeof(buf), "[%8s]", null), 10);
    assert_string_equal(buf, "[  (null)]");
    /* Pointers into the first page are as bogus as NULL. */
    xen_snprintf(buf, sizeof(buf), "%s", (char *)16);
    assert_string_equal(buf, "(null)");
}

/* Every buffer size: the return value is the full length, the buffer holds
 * its prefix, is terminated, and nothing past size is touched. */
static void test_truncation(void **state)
{
    char ours[64], ref[64];
    size_t size;

    for ( size = 0; size < 40; size++ )
    {
        int n, m;

        memset(ours, '@', sizeof(ours));
        memset(ref, '@', sizeof(ref));
        n = xen_snprintf(ours, size, "x=%08x s=%-6s %d%%", 0xabcu, "hi", -77);
        m = snprintf(ref, size, "x=%08x s=%-6s %d%%", 0xabcu, "hi", -77);
        assert_int_equal(n, m);
        assert_memory_equal(ours, ref, sizeof(ours));
    }
    assert_int_equal(xen_snprintf(NULL, 0, "%d", 12345), 5);
}

static void test_scnprintf(void **state)
{
    char buf[8];

    assert_int_equal(xen_scnprintf(buf, sizeof(buf), "%s", "abc"), 3);
    assert_int_equal(xen_scnprintf(buf, sizeof(buf), "%s", "abcdefghijk"), 7);
    assert_string_equal(buf, "abcdefg");
    assert_int_equal(xen_scnprintf(buf, 1, "%s", "abc"), 0);
    assert_string_equal(buf, "");
    assert_int_equal(xen_scnprintf(buf, 0, "%s", "abc"), 0);
}

static void check(const char *want, const char *fmt, ...)
{
    char buf[BUF];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = xen_vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    assert_string_equal(buf, want);
    assert_int_equal(n, strlen(want));
}

static void test_pointer(void **state)
{
    void *p = (void *)0xffff82d040201234UL;

    check("ffff82d040201234", "%p", p);
    check("0000000000000000", "%p", NULL);
    check("00000000000000ff|", "%p|", (void *)0xff);
    check("    ffff82d040201234", "%20p", p);
    check("ff                  |", "%-20p|", (void *)0xff);
    check("0x0000000000001234", "%#018p", (void *)0x1234);
    /* Any other letter after %p is ordinary text. */
    check("0000000000000010x", "%px", (void *)0x10);
}

static void test_pointer_symbols(void **state)
{
    void *p = (void *)0xffff82d040201234UL;

    /* The host symbol_format stand-in prints the bare address. */
    check("<0xffff82d040201234>", "<%pS>", p);
    check("<0xffff82d040201234>", "<%ps>", p);
    check("[  0x10]", "[%6pS]", (void *)0x10);
}

static void test_pointer_hex(void **state)
{
    static const unsigned char bytes[70] = { 0xde, 0xad, 0xbe, 0xef, 0x01 };
    char buf[BUF];
    int n;

    check("de ad be ef 01", "%*ph", 5, bytes);
    check("de", "%1ph", bytes);
    check("[]", "[%ph]", bytes);
    n = xen_snprintf(buf, sizeof(buf), "%*ph", 70, bytes);
    assert_int_equal(n, 64 * 3 - 1);        /* capped at 64 bytes */
}

static void test_unknown_conversions(void **state)
{
    check("%y|%", "%y|%");
    check("a%", "a%");
    check("%k", "%5k");                     /* flags are dropped, as in Xen */
    check("%w 1", "%w %d", 1);              /* consumes no argument */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_star),
        cmocka_unit_test(test_strings_chars),
        cmocka_unit_test(test_null_string),
        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_scnprintf),
        cmocka_unit_test(test_pointer),
        cmocka_unit_test(test_pointer_symbols),
        cmocka_unit_test(test_pointer_hex),
        cmocka_unit_test(test_unknown_conversions),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
