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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(check_values),
        cmocka_unit_test(chaining),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
