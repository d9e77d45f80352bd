/* SPDX-License-Identifier: GPL-2.0-only */
/* CRC-32 against the standard check values and split-buffer chaining. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <xen/crc32.h>

static void check_values(void **state)
{
    (void)state;
    assert_int_equal(crc32(0, "", 0), 0);
    /* The catalogue check value of CRC-32/ISO-HDLC. */
    assert_int_equal(crc32(0, "123456789", 9), 0xcbf43926u);
    assert_int_equal(crc32(0, "a", 1), 0xe8b7be43u);
    assert_int_equal(crc32(0, "The quick brown fox jumps over the lazy dog", 43),
                     0x414fa339u);
}

static void chaining(void **state)
{
    const char *s = "The quick brown fox jumps over the lazy dog";
    uint32_t c;

    (void)state;
    c = crc32(0, s, 10);
    c = crc32(c, s + 10, 33);
    assert_int_equal(c, 0x414fa339u);
}

/* Every length and alignment around the 8-byte steps agrees with a bitwise
 * reference, so the sliced path and the byte tail join correctly. */
static uint32_t reference(const uint8_t *p, size_t len)
{
    uint32_t c = ~0u;
    unsigned int bit;

    while ( len-- )
    {
        c ^= *p++;
        for ( bit = 0; bit < 8; bit++ )
            c = (c & 1) ? (c >> 1) ^ 0xedb88320u : c >> 1;
    }
    return ~c;
}

static void sliced_matches_reference(void **state)
{
    uint8_t buf[80];
    size_t off, len, i;

    (void)state;
    for ( i = 0; i < sizeof(buf); i++ )
        buf[i] = (uint8_t)(i * 37 + 11);
    for ( off = 0; off < 8; off++ )
        for ( len = 0; off + len <= sizeof(buf); len++ )
            assert_int_equal(crc32(0, buf + off, len), reference(buf + off, len));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(check_values),
        cmocka_unit_test(chaining),
        cmocka_unit_test(sliced_matches_reference),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
