/* SPDX-License-Identifier: GPL-2.0-only */
/* xen/lib/string.c and xen/ctype.h checked against the host libc, over
 * exhaustive small sizes and alignments plus seeded random strings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "host_rename.h"
#define isdigit  xen_isdigit
#define isxdigit xen_isxdigit
#define isspace  xen_isspace
#define isalpha  xen_isalpha
#define isalnum  xen_isalnum
#define isupper  xen_isupper
#define islower  xen_islower
#define isprint  xen_isprint
#define tolower  xen_tolower
#define toupper  xen_toupper
#include <xen/string.h>
#include <xen/ctype.h>
#undef isdigit
#undef isxdigit
#undef isspace
#undef isalpha
#undef isalnum
#undef isupper
#undef islower
#undef isprint
#undef tolower
#undef toupper
#include "host_unrename.h"

#include <ctype.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng >> 16;
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

/* A random string over a small alphabet (so matches happen), high bytes included. */
static void rand_str(char *s, size_t max)
{
    static const char alpha[] = "abAB\x80\xff";
    size_t n = rnd() % max, i;

    for ( i = 0; i < n; i++ )
        s[i] = alpha[rnd() % (sizeof(alpha) - 1)];
    s[n] = '\0';
}

static void test_memcpy(void **state)
{
    unsigned char src[300], dst[300], ref[300];
    size_t n, so, d;

    for ( n = 0; n < sizeof(src); n++ )
        src[n] = rnd();
    for ( n = 0; n <= 256; n++ )
        for ( so = 0; so < 8; so++ )
            for ( d = 0; d < 8; d++ )
            {
                memset(dst, 0x5a, sizeof(dst));
                memset(ref, 0x5a, sizeof(ref));
                assert_ptr_equal(xen_memcpy(dst + d, src + so, n), dst + d);
                memcpy(ref + d, src + so, n);
                assert_memory_equal(dst, ref, sizeof(dst));
            }
}

static void test_memmove(void **state)
{
    unsigned char buf[200], ref[200];
    size_t n, s, d, i;

    for ( n = 0; n <= 64; n++ )
        for ( s = 0; s < 70; s += 3 )
            for ( d = 0; d < 70; d++ )
            {
                for ( i = 0; i < sizeof(buf); i++ )
                    buf[i] = ref[i] = i * 7 + 1;
                assert_ptr_equal(xen_memmove(buf + d, buf + s, n), buf + d);
                memmove(ref + d, ref + s, n);
                assert_memory_equal(buf, ref, sizeof(buf));
            }
}

static void test_memset(void **state)
{
    unsigned char buf[160], ref[160];
    size_t n, o;

    for ( n = 0; n <= 128; n++ )
        for ( o = 0; o < 16; o++ )
        {
            memset(buf, 1, sizeof(buf));
            memset(ref, 1, sizeof(ref));
            /* Only the low byte of c counts. */
            assert_ptr_equal(xen_memset(buf + o, 0x1a5, n), buf + o);
            memset(ref + o, 0xa5, n);
            assert_memory_equal(buf, ref, sizeof(buf));
        }
}

static void test_memcmp_memchr(void **state)
{
    unsigned char a[40], b[40];
    unsigned int iter;

    assert_int_equal(xen_memcmp("abc", "abd", 0), 0);
    assert_true(xen_memcmp("\x80", "\x7f", 1) > 0);     /* bytes compare unsigned */
    for ( iter = 0; iter < 20000; iter++ )
    {
        size_t n = rnd() % sizeof(a), i;

        for ( i = 0; i < n; i++ )
            a[i] = b[i] = rnd() % 3 + 0x7e;
        if ( n && rnd() % 2 )
            b[rnd() % n] = rnd();
        assert_int_equal(sign(xen_memcmp(a, b, n)), sign(memcmp(a, b, n)));
        assert_ptr_equal(xen_memchr(a, 0x7f, n), memchr(a, 0x7f, n));
        assert_ptr_equal(xen_memchr(a, 0x17f, n), memchr(a, 0x17f, n));
    }
    assert_null(xen_memchr(a, a[0], 0));
}

static void test_strlen(void **state)
{
    char s[64];
    size_t i;

    assert_int_equal(xen_strlen(""), 0);
    for ( i = 0; i < 1000; i++ )
    {
        size_t max = rnd() % 70;

        rand_str(s, sizeof(s));
        assert_int_equal(xen_strlen(s), strlen(s));
        assert_int_equal(xen_strnlen(s, max), strnlen(s, max));
    }
    /* strnlen must not read past max even without a terminator. */
    memset(s, 'x', sizeof(s));
    assert_int_equal(xen_strnlen(s, sizeof(s)), sizeof(s));
}

static void test_strcmp_family(void **state)
{
    char a[16], b[16];
    unsigned int i;

    for ( i = 0; i < 50000; i++ )
    {
        size_t n = rnd() % 18;

        rand_str(a, sizeof(a));
        rand_str(b, sizeof(b));
        assert_int_equal(sign(xen_strcmp(a, b)), sign(strcmp(a, b)));
        assert_int_equal(sign(xen_strncmp(a, b, n)), sign(strncmp(a, b, n)));
        assert_int_equal(sign(xen_strcasecmp(a, b)), sign(strcasecmp(a, b)));
    }
    assert_int_equal(xen_strcasecmp("Hello-World", "hELLO-wORLD"), 0);
    assert_true(xen_strcasecmp("abc", "ABCD") < 0);
    assert_true(xen_strcasecmp("[", "a") < 0);    /* '[' sorts below lower-case */
    assert_int_equal(xen_strncmp("abcx", "abcy", 3), 0);
}

static void test_strchr_family(void **state)
{
    const char *s = "hello, world";
    char buf[16], nd[4];
    unsigned int i;

    assert_ptr_equal(xen_strchr(s, 'o'), s + 4);
    assert_ptr_equal(xen_strrchr(s, 'o'), s + 8);
    assert_ptr_equal(xen_strchr(s, '\0'), s + strlen(s));
    assert_ptr_equal(xen_strrchr(s, '\0'), s + strlen(s));
    assert_null(xen_strchr(s, 'z'));
    assert_null(xen_strrchr(s, 'z'));
    assert_ptr_equal(xen_strchr(s, 'o' + 256), s + 4);
    assert_ptr_equal(xen_strstr(s, ""), s);
    assert_ptr_equal(xen_strstr(s, "world"), s + 7);
    assert_null(xen_strstr(s, "worlds"));
    assert_null(xen_strstr("", "a"));
    for ( i = 0; i < 20000; i++ )
    {
        char c = "ab\x80"[rnd() % 3];

        rand_str(buf, sizeof(buf));
        rand_str(nd, sizeof(nd));
        assert_ptr_equal(xen_strchr(buf, c), strchr(buf, c));
        assert_ptr_equal(xen_strrchr(buf, c), strrchr(buf, c));
        assert_ptr_equal(xen_strstr(buf, nd), strstr(buf, nd));
    }
}

static void test_strlcpy(void **state)
{
    char buf[8];

    memset(buf, 'x', sizeof(buf));
    assert_int_equal(xen_strlcpy(buf, "hello", sizeof(buf)), 5);
    assert_string_equal(buf, "hello");
    assert_int_equal(xen_strlcpy(buf, "much too long", sizeof(buf)), 13);
    assert_string_equal(buf, "much to");
    assert_int_equal(xen_strlcpy(buf, "abc", 1), 3);
    assert_string_equal(buf, "");
    memset(buf, 'x', sizeof(buf));
    assert_int_equal(xen_strlcpy(buf, "abc", 0), 3);
    assert_int_equal(buf[0], 'x');          /* size 0 writes nothing */
}

static void test_strlcat(void **state)
{
    char buf[8];

    strcpy(buf, "ab");
    assert_int_equal(xen_strlcat(buf, "cd", sizeof(buf)), 4);
    assert_string_equal(buf, "abcd");
    assert_int_equal(xen_strlcat(buf, "efghij", sizeof(buf)), 10);
    assert_string_equal(buf, "abcdefg");
    assert_int_equal(xen_strlcat(buf, "x", sizeof(buf)), 8);
    assert_string_equal(buf, "abcdefg");
    /* Unterminated within size: untouched, result size + strlen(src). */
    memset(buf, 'y', sizeof(buf));
    assert_int_equal(xen_strlcat(buf, "abc", 4), 7);
    assert_int_equal(buf[3], 'y');
    assert_int_equal(xen_strlcat(buf, "abc", 0), 3);
}

static void test_ctype(void **state)
{
    int c;

    /* The "C" locale: classes agree with libc for every byte and EOF. */
    for ( c = -1; c < 256; c++ )
    {
        assert_int_equal(!!xen_isdigit(c), !!isdigit(c));
        assert_int_equal(!!xen_isxdigit(c), !!isxdigit(c));
        assert_int_equal(!!xen_isspace(c), !!isspace(c));
        assert_int_equal(!!xen_isalpha(c), !!isalpha(c));
        assert_int_equal(!!xen_isalnum(c), !!isalnum(c));
        assert_int_equal(!!xen_isupper(c), !!isupper(c));
        assert_int_equal(!!xen_islower(c), !!islower(c));
        assert_int_equal(!!xen_isprint(c), !!isprint(c));
        assert_int_equal(xen_tolower(c), tolower(c));
        assert_int_equal(xen_toupper(c), toupper(c));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memcpy),
        cmocka_unit_test(test_memmove),
        cmocka_unit_test(test_memset),
        cmocka_unit_test(test_memcmp_memchr),
        cmocka_unit_test(test_strlen),
        cmocka_unit_test(test_strcmp_family),
        cmocka_unit_test(test_strchr_family),
        cmocka_unit_test(test_strlcpy),
        cmocka_unit_test(test_strlcat),
        cmocka_unit_test(test_ctype),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
