/* SPDX-License-Identifier: GPL-2.0-only */
/* xen/common/param.c: options registered with the real macros in the real
 * xen_param section, parsed from good, bad and hostile command lines; the
 * warnings are captured and checked too. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <xen/param.h>
#include <xen/errno.h>
#include "host_env.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool opt_flag = true;
static uint8_t opt_byte_bool;
static unsigned int opt_uint;
static unsigned long opt_ulong;
static uint8_t opt_u8;
static unsigned long opt_size;
static char opt_str[8];
static char custom_seen[300];
static int custom_calls;
static int custom_rc;

static int parse_custom(const char *s)
{
    custom_calls++;
    strcpy(custom_seen, s);
    return custom_rc;
}

boolean_param("flag", opt_flag);
boolean_param("byte_bool", opt_byte_bool);
integer_param("uint-opt", opt_uint);
integer_param("ulong", opt_ulong);
integer_param("u8", opt_u8);
size_param("mem", opt_size);
string_param("str", opt_str);
custom_param("custom", parse_custom);

#define NR_PARAMS 8

static int reset(void **state)
{
    opt_flag = true;
    opt_byte_bool = 0;
    opt_uint = 0;
    opt_ulong = 0;
    opt_u8 = 0;
    opt_size = 0;
    strcpy(opt_str, "init");
    custom_seen[0] = '\0';
    custom_calls = 0;
    custom_rc = 0;
    unit_printk_capture_start();
    return 0;
}

static int finish(void **state)
{
    unit_printk_capture_stop();
    return 0;
}

static int parse(const char *cmdline)
{
    return parse_params(cmdline, __start_xen_param, __stop_xen_param);
}

static bool logged(const char *text)
{
    return strstr(unit_printk_captured(), text) != NULL;
}

static void test_section(void **state)
{
    const struct kernel_param *p;
    unsigned int seen = 0;

    assert_int_equal(__stop_xen_param - __start_xen_param, NR_PARAMS);
    for ( p = __start_xen_param; p < __stop_xen_param; p++ )
    {
        assert_non_null(p->name);
        seen += !strcmp(p->name, "custom") && p->par.func == parse_custom;
        seen += !strcmp(p->name, "str") && p->len == sizeof(opt_str);
    }
    assert_int_equal(seen, 2);
}

static void test_booleans(void **state)
{
    static const char *const yes[] = { "1", "yes", "on", "true", "enable" };
    static const char *const no[] = { "0", "no", "off", "false", "disable" };
    char line[32];
    unsigned int i;

    assert_int_equal(parse("no-flag byte_bool"), 0);
    assert_false(opt_flag);
    assert_int_equal(opt_byte_bool, 1);
    assert_int_equal(parse("flag no_byte-bool"), 0);
    assert_true(opt_flag);
    assert_int_equal(opt_byte_bool, 0);
    for ( i = 0; i < 5; i++ )
    {
        snprintf(line, sizeof(line), "flag=%s", no[i]);
        assert_int_equal(parse(line), 0);
        assert_false(opt_flag);
        snprintf(line, sizeof(line), "flag=%s", yes[i]);
        assert_int_equal(parse(line), 0);
        assert_true(opt_flag);
    }
    /* no-flag=<bool> inverts the value, as in Xen. */
    assert_int_equal(parse("no-flag=0"), 0);
    assert_true(opt_flag);
    assert_int_equal(parse("flag=maybe"), -EINVAL);
    assert_true(opt_flag);
    assert_true(logged("parameter \"flag\" has invalid value \"maybe\""));
    assert_int_equal(parse("flag="), -EINVAL);
}

static void test_integers(void **state)
{
    assert_int_equal(parse("uint-opt=42 ulong=0x123456789 u8=0377"), 0);
    assert_int_equal(opt_uint, 42);
    assert_int_equal(opt_ulong, 0x123456789UL);
    assert_int_equal(opt_u8, 255);
    assert_int_equal(parse("uint_opt=7"), 0);       /* '_' matches '-' */
    assert_int_equal(opt_uint, 7);
    assert_int_equal(parse("u8=256"), -EOVERFLOW);
    assert_int_equal(opt_u8, 255);
    assert_int_equal(parse("uint-opt=4294967296"), -EOVERFLOW);
    assert_int_equal(parse("uint-opt=12x"), -EINVAL);
    assert_int_equal(parse("uint-opt=-1"), -EINVAL);
    assert_int_equal(parse("uint-opt="), -EINVAL);
    assert_int_equal(parse("uint-opt"), -EINVAL);
    assert_int_equal(parse("no-uint-opt"), -EINVAL);   /* not a boolean */
    assert_int_equal(opt_uint, 7);
    assert_true(logged("parameter \"uint-opt\" has invalid value \"12x\", rc=-22!"));
    assert_true(logged("parameter \"no-uint-opt\" unknown!"));
}

static void test_sizes(void **state)
{
    assert_int_equal(parse("mem=512M"), 0);
    assert_int_equal(opt_size, 512UL << 20);
    assert_int_equal(parse("mem=4096"), 0);         /* bare: KiB */
    assert_int_equal(opt_size, 4096UL << 10);
    assert_int_equal(parse("mem=100b"), 0);
    assert_int_equal(opt_size, 100);
    assert_int_equal(parse("mem=2G"), 0);
    assert_int_equal(opt_size, 2UL << 30);
    assert_int_equal(parse("mem=12Q"), -EINVAL);
    assert_int_equal(parse("mem=50%"), -EINVAL);
    assert_int_equal(parse("mem=1GB"), -EINVAL);
    assert_int_equal(opt_size, 2UL << 30);
}

static void test_strings(void **state)
{
    assert_int_equal(parse("str=com1"), 0);
    assert_string_equal(opt_str, "com1");
    assert_int_equal(parse("str=a=b,c"), 0);        /* only the first '=' splits */
    assert_string_equal(opt_str, "a=b,c");
    assert_int_equal(parse("str=exactly7"), -E2BIG);
    assert_string_equal(opt_str, "exactly");
    assert_int_equal(parse("str=1234567"), 0);
    assert_string_equal(opt_str, "1234567");
    assert_int_equal(parse("str"), 0);
    assert_string_equal(opt_str, "");
}

static void test_custom(void **state)
{
    char line[400];

    assert_int_equal(parse("custom=vga,com1"), 0);
    assert_string_equal(custom_seen, "vga,com1");
    assert_int_equal(parse("custom"), 0);
    assert_string_equal(custom_seen, "");
    assert_int_equal(parse("no-custom"), 0);
    assert_string_equal(custom_seen, "no");
    assert_int_equal(custom_calls, 3);
    assert_int_equal(parse("no-custom=1"), -EINVAL);
    assert_int_equal(custom_calls, 3);

    custom_rc = -ENODEV;
    assert_int_equal(parse("custom=bad"), -ENODEV);
    assert_true(logged("parameter \"custom\" has invalid value \"bad\", rc=-19!"));
    custom_rc = 5;                                  /* positive is success */
    assert_int_equal(parse("custom=ok"), 0);

    /* An over-long value is refused rather than cut short. */
    strcpy(line, "custom=");
    memset(line + 7, 'v', 300);
    line[307] = '\0';
    custom_calls = 0;
    assert_int_equal(parse(line), -E2BIG);
    assert_int_equal(custom_calls, 0);
}

static void test_unknown_and_separators(void **state)
{
    assert_int_equal(parse("bogus flag=0"), -EINVAL);
    assert_false(opt_flag);                         /* later options still apply */
    assert_true(logged("<1>parameter \"bogus\" unknown!"));
    assert_int_equal(parse(" \t uint-opt=5\tu8=6\n\r str=x  "), 0);
    assert_int_equal(opt_uint, 5);
    assert_int_equal(opt_u8, 6);
    assert_string_equal(opt_str, "x");
    assert_int_equal(parse("uint-opt=9 -- uint-opt=10 bogus"), 0);
    assert_int_equal(opt_uint, 9);
    assert_int_equal(parse("-- uint-opt=11"), 0);
    assert_int_equal(opt_uint, 9);
    assert_int_equal(parse("uint-opt=12 --"), 0);
    assert_int_equal(opt_uint, 12);
    /* "--" inside a token is not the separator. */
    assert_int_equal(parse("str=a--b --x"), -EINVAL);
    assert_string_equal(opt_str, "a--b");
    assert_int_equal(parse(""), 0);
    assert_int_equal(parse("   "), 0);
}

static void test_hostile(void **state)
{
    size_t n = 100000;
    char *line = malloc(n + 16);

    assert_int_equal(parse("="), -EINVAL);
    assert_int_equal(parse("=x ==  = flag=1"), -EINVAL);
    assert_true(opt_flag);
    assert_true(logged("parameter \"=x\" unknown!"));
    assert_int_equal(parse("no- no no_ f flagg fla"), -EINVAL);
    assert_int_equal(parse("\x80\xff=\x01 str=\xfe"), -EINVAL);
    assert_string_equal(opt_str, "\xfe");

    /* A huge name and a huge value: warnings, bounded in size, no overruns. */
    memset(line, 'n', n);
    line[n] = '\0';
    unit_printk_capture_start();
    assert_int_equal(parse(line), -EINVAL);
    assert_true(strlen(unit_printk_captured()) < 200);
    memcpy(line, "str=", 4);
    assert_int_equal(parse(line), -E2BIG);
    assert_string_equal(opt_str, "nnnnnnn");
    memcpy(line, "uint-opt=", 9);
    memset(line + 9, '9', n - 9);
    assert_int_equal(parse(line), -EOVERFLOW);      /* wrapped, then too big */
    free(line);
}

static void test_parse_boolean(void **state)
{
    const char *s = "ibrs,no-ssbd,stibp=0,ibpb=on,ssbd=what";

    assert_int_equal(parse_bool("on", NULL), 1);
    assert_int_equal(parse_bool("offx", NULL), -1);
    assert_int_equal(parse_bool(s + 26, s + 28), 1);     /* the "on" inside */
    assert_int_equal(parse_boolean("ibrs", s, s + 4), 1);
    assert_int_equal(parse_boolean("ssbd", s + 5, s + 12), 0);
    assert_int_equal(parse_boolean("stibp", s + 13, s + 20), 0);
    assert_int_equal(parse_boolean("ibpb", s + 21, s + 28), 1);
    assert_int_equal(parse_boolean("ssbd", s + 29, NULL), -1);
    assert_int_equal(parse_boolean("ibpb", s, s + 4), -1);
    assert_int_equal(parse_boolean("ibr", s, s + 4), -1);
}

static void test_cmdline_parse(void **state)
{
    cmdline_parse("uint-opt=77 flag=off  -- dom0 args");
    assert_int_equal(opt_uint, 77);
    assert_false(opt_flag);
    assert_string_equal(saved_cmdline, "uint-opt=77 flag=off");
    cmdline_parse(NULL);
    assert_string_equal(saved_cmdline, "uint-opt=77 flag=off");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, reset, finish)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_section),
        T(test_booleans),
        T(test_integers),
        T(test_sizes),
        T(test_strings),
        T(test_custom),
        T(test_unknown_and_separators),
        T(test_hostile),
        T(test_parse_boolean),
        T(test_cmdline_parse),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
