/* SPDX-License-Identifier: GPL-2.0-only */
/* tools/libs/util cfg parser: real PVH and HVM guest files, every lexical
 * rule, every syntax error's exact message, "=", "+=" and command-line
 * overrides, and the typed getters with their complaints. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libxlutil.h"

static XLU_Config *cfg;

static int teardown(void **state)
{
    xlu_cfg_destroy(cfg);
    cfg = NULL;
    return 0;
}

/* Parses text as guest.cfg into the global cfg; returns the read's result. */
static int parse_len(const char *text, int len)
{
    xlu_cfg_destroy(cfg);
    cfg = xlu_cfg_init(NULL, "guest.cfg");
    assert_non_null(cfg);
    return xlu_cfg_readdata(cfg, text, len);
}

static int parse(const char *text)
{
    return parse_len(text, strlen(text));
}

static void parse_ok(const char *text)
{
    int rc = parse(text);

    if ( rc )
        fail_msg("parse failed: %s", xlu_cfg_last_error(cfg));
    assert_string_equal(xlu_cfg_last_error(cfg), "");
}

static const char *str(const char *key)
{
    const char *v = NULL;

    assert_int_equal(xlu_cfg_get_string(cfg, key, &v, 0), 0);
    return v;
}

static long num(const char *key)
{
    long v = 0;

    assert_int_equal(xlu_cfg_get_long(cfg, key, &v, 0), 0);
    return v;
}

static XLU_ConfigList *list(const char *key, int expect_len)
{
    XLU_ConfigList *l = NULL;
    int n = -1;

    assert_int_equal(xlu_cfg_get_list(cfg, key, &l, &n, 0), 0);
    assert_int_equal(n, expect_len);
    assert_int_equal(xlu_cfg_list_length(l), expect_len);
    return l;
}

/* The text must fail to parse with exactly this message. */
static void parse_err(const char *text, const char *msg)
{
    int rc = parse(text);

    assert_int_equal(rc, EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg), msg);
}

/* ---- whole files ---------------------------------------------------------- */

static const char pvh_cfg[] =
    "# Debian PVH guest\n"
    "type = \"pvh\"\n"
    "name = \"pvh1\"\n"
    "uuid = \"bd71e736-5595-4afe-b58c-5c4d4182b16e\"\n"
    "memory = 1024\n"
    "maxmem = 2048\n"
    "vcpus = 2\n"
    "kernel = \"/boot/vmlinuz-6.1.0-13-amd64\"\n"
    "ramdisk = \"/boot/initrd.img-6.1.0-13-amd64\"\n"
    "cmdline = \"console=hvc0 root=/dev/xvda1\"\n"
    "disk = [ 'format=raw, vdev=xvda, access=rw, "
    "target=/var/lib/xen/images/pvh1.img' ]\n"
    "vif = [ 'mac=00:16:3e:11:22:33,bridge=xenbr0' ]\n"
    "on_crash = 'preserve'\n";

static void test_pvh_file(void **state)
{
    XLU_ConfigList *l;

    parse_ok(pvh_cfg);
    assert_string_equal(str("type"), "pvh");
    assert_string_equal(str("name"), "pvh1");
    assert_int_equal(num("memory"), 1024);
    assert_int_equal(num("maxmem"), 2048);
    assert_int_equal(num("vcpus"), 2);
    assert_string_equal(str("cmdline"), "console=hvc0 root=/dev/xvda1");
    l = list("disk", 1);
    assert_string_equal(xlu_cfg_get_listitem(l, 0),
                        "format=raw, vdev=xvda, access=rw, "
                        "target=/var/lib/xen/images/pvh1.img");
    l = list("vif", 1);
    assert_string_equal(xlu_cfg_get_listitem(l, 0),
                        "mac=00:16:3e:11:22:33,bridge=xenbr0");
    assert_string_equal(str("on_crash"), "preserve");
    assert_int_equal(xlu_cfg_nr_keys(cfg), 12);
}

static const char hvm_cfg[] =
    "builder='hvm'\n"
    "type = 'hvm'\n"
    "name = 'hvm1'\n"
    "memory = 2048\n"
    "vcpus = 2\n"
    "\n"
    "disk = [\n"
    "    '/dev/vg/hvm1,raw,xvda,rw',       # system disk\n"
    "    'phy:/dev/vg/hvm1-data,xvdb,w',\n"
    "    '/srv/iso/debian.iso,,hdc,cdrom',\n"
    "]\n"
    "vif = [ 'type=ioemu, model=e1000, bridge=xenbr0, mac=00:16:3e:aa:bb:cc',\n"
    "        'bridge=xenbr1,rate=10Mb/s@20ms' ]\n"
    "boot = \"dc\"\n"
    "vnc = 1; vnclisten = \"127.0.0.1\"; serial = 'pty'\n"
    "acpi = 1\n"
    "viridian = [ 'defaults', 'time_ref_count' ]\n"
    "on_reboot = 'restart'\n";

static void test_hvm_file(void **state)
{
    XLU_ConfigList *l;
    enum xlu_defbool acpi = XLU_DEFBOOL_UNSET;

    parse_ok(hvm_cfg);
    assert_string_equal(str("builder"), "hvm");
    l = list("disk", 3);
    assert_string_equal(xlu_cfg_get_listitem(l, 0), "/dev/vg/hvm1,raw,xvda,rw");
    assert_string_equal(xlu_cfg_get_listitem(l, 1),
                        "phy:/dev/vg/hvm1-data,xvdb,w");
    assert_string_equal(xlu_cfg_get_listitem(l, 2),
                        "/srv/iso/debian.iso,,hdc,cdrom");
    assert_null(xlu_cfg_get_listitem(l, 3));
    assert_null(xlu_cfg_get_listitem(l, -1));
    l = list("vif", 2);
    assert_string_equal(xlu_cfg_get_listitem(l, 1),
                        "bridge=xenbr1,rate=10Mb/s@20ms");
    assert_int_equal(num("vnc"), 1);
    assert_string_equal(str("vnclisten"), "127.0.0.1");
    assert_string_equal(str("serial"), "pty");
    assert_int_equal(xlu_cfg_get_defbool(cfg, "acpi", &acpi, 0), 0);
    assert_int_equal(acpi, XLU_DEFBOOL_TRUE);
    list("viridian", 2);
    assert_string_equal(str("on_reboot"), "restart");
}

static void test_readfile(void **state)
{
    char path[] = "/tmp/test_xlu_cfg.XXXXXX";
    int fd = mkstemp(path);
    FILE *f;

    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    fputs(pvh_cfg, f);
    fclose(f);

    cfg = xlu_cfg_init(NULL, "pvh1.cfg");
    assert_int_equal(xlu_cfg_readfile(cfg, path), 0);
    assert_string_equal(str("name"), "pvh1");
    unlink(path);

    assert_int_equal(xlu_cfg_readfile(cfg, path), ENOENT);
    assert_true(strstr(xlu_cfg_last_error(cfg), ": cannot open configuration "
                       "file: No such file or directory") != NULL);
    assert_true(!strncmp(xlu_cfg_last_error(cfg), path, strlen(path)));
}

/* Messages go to the report stream, one line each, named by the source. */
static void test_report_stream(void **state)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    const char *v;

    cfg = xlu_cfg_init(f, "/etc/xen/g.cfg");
    assert_int_equal(xlu_cfg_readdata(cfg, "a = [ 1 ]\nb = 'x\n", 17), EINVAL);
    assert_int_equal(xlu_cfg_get_string(cfg, "a", &v, 0), EINVAL);
    assert_int_equal(xlu_cfg_get_string(cfg, "a", &v, 1), EINVAL);
    fclose(f);
    assert_string_equal(buf, "/etc/xen/g.cfg:2:5: unterminated string\n"
                        "/etc/xen/g.cfg:1: 'a' is a list, expected a single "
                        "value\n");
    free(buf);
}

/* ---- lexical rules -------------------------------------------------------- */

static void test_idents(void **state)
{
    parse_ok("vif.default.bridge = 'xenbr1'\na_b.c9 = 1\nz=2\n");
    assert_string_equal(str("vif.default.bridge"), "xenbr1");
    assert_int_equal(num("a_b.c9"), 1);
    assert_int_equal(num("z"), 2);
    parse_err("Name = 'x'\n", "guest.cfg:1:1: unexpected character 'N'");
    parse_err("_x = 1\n", "guest.cfg:1:1: unexpected character '_'");
    parse_err("nAme = 1\n", "guest.cfg:1:2: unexpected character 'A'");
}

static void test_numbers(void **state)
{
    long v;

    parse_ok("a = 0x100\nb = 0755\nc = 42\nd = 08\ne = 1abc\nf = 0\n");
    assert_string_equal(str("a"), "0x100");
    assert_int_equal(num("a"), 256);
    assert_string_equal(str("b"), "0755");
    assert_int_equal(num("b"), 0755);
    assert_int_equal(num("c"), 42);
    assert_int_equal(num("f"), 0);
    /* Tokens as text: 08 and 1abc lex fine and fail only as numbers. */
    assert_string_equal(str("d"), "08");
    assert_int_equal(xlu_cfg_get_long(cfg, "d", &v, 0), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg),
                        "guest.cfg:4: 'd' is not a number: \"08\"");
    assert_string_equal(str("e"), "1abc");
    /* [0-9][0-9a-fx]*: 12g is the number 12 then the word g. */
    parse_err("m = 12g\n", "guest.cfg:1:7: expected end of line or ';' after "
              "the value, found 'g'");
    parse_err("m = 512M\n", "guest.cfg:1:8: unexpected character 'M'");
}

static void test_strings(void **state)
{
    parse_ok("a = 'single \"inner\"'\nb = \"double 'inner'\"\nc = ''\n"
             "d = \"# not a comment\"\ne = '='\n");
    assert_string_equal(str("a"), "single \"inner\"");
    assert_string_equal(str("b"), "double 'inner'");
    assert_string_equal(str("c"), "");
    assert_string_equal(str("d"), "# not a comment");
    assert_string_equal(str("e"), "=");
}

static void test_escapes(void **state)
{
    parse_ok("a = '\\\\ \\' \\\" \\a\\b\\f\\n\\r\\t\\v'\n"
             "b = \"\\x41\\x7a\\xFf\"\n");
    assert_string_equal(str("a"), "\\ ' \" \a\b\f\n\r\t\v");
    assert_string_equal(str("b"), "Az\xff");
    /* Octal takes up to three digits: \1234 is S then 4, \08 is \0 8. */
    parse_err("c = '\\08'\n", "guest.cfg:1:6: escape '\\0' is a NUL "
              "character, which a string cannot hold");
    parse_ok("c = '\\101\\7\\12\\1234'\n");
    assert_string_equal(str("c"), "A\a\nS4");

    parse_err("a = 'x\\x4'\n",
              "guest.cfg:1:7: '\\x' must be followed by two hex digits");
    parse_err("a = 'x\\xg0'\n",
              "guest.cfg:1:7: '\\x' must be followed by two hex digits");
    parse_err("a = '\\x00'\n", "guest.cfg:1:6: escape '\\x00' is a NUL "
              "character, which a string cannot hold");
    parse_err("a = '\\400'\n",
              "guest.cfg:1:6: octal escape '\\400' is above \\377");
    parse_err("a = 'ab\\q'\n", "guest.cfg:1:8: unknown escape '\\q' in string");
    parse_err("a = 'ab\\ '\n",
              "guest.cfg:1:8: unknown escape '\\\\x20' in string");
}

static void test_unterminated(void **state)
{
    parse_err("name = 'abc\n", "guest.cfg:1:8: unterminated string");
    parse_err("name = \"abc", "guest.cfg:1:8: unterminated string");
    parse_err("a = 1\nname = \"abc'\n", "guest.cfg:2:8: unterminated string");
    /* No backslash continuation, in strings or out. */
    parse_err("name = 'abc\\\ndef'\n", "guest.cfg:1:8: unterminated string");
    parse_err("name = 'abc\\'\n", "guest.cfg:1:8: unterminated string");
    parse_err("a = 1 \\\n", "guest.cfg:1:7: unexpected character '\\'");
}

static void test_nul_bytes(void **state)
{
    int rc = parse_len("a = 'x\0y'\n", 10);

    assert_int_equal(rc, EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg),
                        "guest.cfg:1:7: NUL byte inside a string");
    rc = parse_len("a = 1\0\n", 7);
    assert_int_equal(rc, EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg),
                        "guest.cfg:1:6: unexpected character '\\x00'");
}

static void test_comments_blanks(void **state)
{
    parse_ok("");
    assert_int_equal(xlu_cfg_nr_keys(cfg), 0);
    parse_ok("# only a comment");
    parse_ok("\n\n   \t\n# c\n  # indented\n");
    assert_int_equal(xlu_cfg_nr_keys(cfg), 0);
    parse_ok("a = 1 # trailing\n\tb\t=\t'x'\t#\n#c = 3\n");
    assert_int_equal(num("a"), 1);
    assert_string_equal(str("b"), "x");
    assert_int_equal(xlu_cfg_nr_keys(cfg), 2);
    /* The last statement needs no newline. */
    parse_ok("a = 1\nb = 'end'");
    assert_string_equal(str("b"), "end");
}

static void test_semicolons(void **state)
{
    parse_ok("a = 1; b = 2;c=3;\n;;\nd = [ 'x' ];\n");
    assert_int_equal(num("a"), 1);
    assert_int_equal(num("b"), 2);
    assert_int_equal(num("c"), 3);
    list("d", 1);
}

static void test_lists(void **state)
{
    XLU_ConfigList *l, *inner;
    XLU_ConfigValue *v;

    parse_ok("e1 = []\ne2 = [\n\n]\ne3 = [ # nothing\n]\n"
             "t = [ 'a', 'b', ]\n"
             "m = [\n  'a'\n  ,\n  'b' # second\n  ,\n\n]\n"
             "n = [ 1, [ 'x', [ ] ], 'y' ]\n"
             "after = 1\n");
    list("e1", 0);
    list("e2", 0);
    list("e3", 0);
    l = list("t", 2);
    assert_string_equal(xlu_cfg_get_listitem(l, 1), "b");
    l = list("m", 2);
    assert_string_equal(xlu_cfg_get_listitem(l, 0), "a");
    l = list("n", 3);
    assert_string_equal(xlu_cfg_get_listitem(l, 0), "1");
    assert_null(xlu_cfg_get_listitem(l, 1));        /* a list, not a string */
    assert_string_equal(xlu_cfg_get_listitem(l, 2), "y");
    v = xlu_cfg_get_listitem2(l, 1);
    assert_int_equal(xlu_cfg_value_type(v), XLU_LIST);
    assert_int_equal(xlu_cfg_value_get_list(cfg, v, &inner, 0), 0);
    assert_int_equal(xlu_cfg_list_length(inner), 2);
    assert_string_equal(xlu_cfg_get_listitem(inner, 0), "x");
    assert_null(xlu_cfg_get_listitem2(inner, 2));
    /* Lines are still counted right after a list spanning several. */
    assert_int_equal(num("after"), 1);
    parse_err("m = [\n 'a',\n\n 'b'\n]\nx = )\n", "guest.cfg:6:5: ')' here "
              "looks like Python (xend) syntax; xl.cfg uses [ ] lists");
}

static void test_nesting_limit(void **state)
{
    char text[200];

    snprintf(text, sizeof(text), "a = %.*s%.*s\n", 32,
             "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", 32,
             "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
    parse_ok(text);
    snprintf(text, sizeof(text), "a = %.*s%.*s\n", 33,
             "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", 33,
             "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
    parse_err(text, "guest.cfg:1:37: lists nested more than 32 deep");
}

static void test_python(void **state)
{
    parse_err("memory = (512)\n", "guest.cfg:1:10: '(' here looks like "
              "Python (xend) syntax; xl.cfg uses [ ] lists");
    parse_err("memory = 1.5\n", "guest.cfg:1:11: '.' outside quotes looks "
              "like Python (xend) syntax; quote string values");
    parse_err("x = -1\n", "guest.cfg:1:5: '-' outside quotes looks like "
              "Python (xend) syntax; quote string values");
    parse_err("k = '/a' + '/b'\n", "guest.cfg:1:10: '+' outside quotes looks "
              "like Python (xend) syntax; quote string values");
    parse_err("d = { 'a': 1 }\n", "guest.cfg:1:5: unexpected character '{'");
    parse_err("d = [ 'a': 1 ]\n", "guest.cfg:1:10: ':' outside quotes looks "
              "like Python (xend) syntax; quote string values");
    parse_err("import os\n", "guest.cfg:1:8: expected '=' or '+=' after "
              "'import', found 'os'");
}

static void test_other_chars(void **state)
{
    parse_err("kernel = /boot/x\n", "guest.cfg:1:10: unexpected character '/'");
    parse_err("a = 1\x01\n", "guest.cfg:1:6: unexpected character '\\x01'");
    parse_err("a = 1\r\n", "guest.cfg:1:6: carriage return: DOS line endings "
              "are not accepted");
    parse_err("a = 1\fb = 2\n", "guest.cfg:1:6: unexpected character '\\x0c'");
}

/* ---- grammar errors ------------------------------------------------------- */

static void test_syntax_errors(void **state)
{
    parse_err("name 'x'\n", "guest.cfg:1:6: expected '=' or '+=' after "
              "'name', found a string");
    parse_err("name\n", "guest.cfg:1:5: expected '=' or '+=' after 'name', "
              "found end of line");
    parse_err("name =\n", "guest.cfg:1:7: expected a value, found end of line");
    parse_err("name =", "guest.cfg:1:7: expected a value, found end of file");
    parse_err("name =\n 'x'\n", "guest.cfg:1:7: expected a value, found end "
              "of line");
    parse_err("= 3\n", "guest.cfg:1:1: expected a key name, found '='");
    parse_err("3 = 4\n", "guest.cfg:1:1: expected a key name, found '3'");
    parse_err("'a' = 4\n", "guest.cfg:1:1: expected a key name, found a "
              "string");
    parse_err("a == 4\n", "guest.cfg:1:4: expected a value, found '='");
    parse_err("name = foo\n", "guest.cfg:1:8: unquoted word 'foo': string "
              "values must be quoted");
    parse_err("a = 1 2\n", "guest.cfg:1:7: expected end of line or ';' after "
              "the value, found '2'");
    parse_err("a = 'x' b = 1\n", "guest.cfg:1:9: expected end of line or ';' "
              "after the value, found 'b'");
    parse_err("a = [ 'x' ] ]\n", "guest.cfg:1:13: expected end of line or ';' "
              "after the value, found ']'");
    parse_err("x = ]\n", "guest.cfg:1:5: expected a value, found ']'");
    parse_err("x = ,\n", "guest.cfg:1:5: expected a value, found ','");
    parse_err("x = ;\n", "guest.cfg:1:5: expected a value, found ';'");
}

static void test_list_errors(void **state)
{
    parse_err("disk = [ 'a' 'b' ]\n", "guest.cfg:1:14: expected ',' or ']' "
              "in the list, found a string");
    parse_err("disk = [ 'a'; 'b' ]\n", "guest.cfg:1:13: expected ',' or ']' "
              "in the list, found ';'");
    parse_err("disk = [,]\n", "guest.cfg:1:9: expected a value, found ','");
    parse_err("disk = [ 'a',, ]\n", "guest.cfg:1:14: expected a value, found "
              "','");
    parse_err("disk = [ 'a', = ]\n", "guest.cfg:1:15: expected a value, found "
              "'='");
    parse_err("a = 1\ndisk = [ 'a',\n  'b'\n", "guest.cfg:2:8: '[' is never "
              "closed");
    parse_err("disk = [", "guest.cfg:1:8: '[' is never closed");
    parse_err("disk = [ 'a',\n", "guest.cfg:1:8: '[' is never closed");
    parse_err("disk = [ [ 'a' ]\n", "guest.cfg:1:8: '[' is never closed");
    /* A forgotten ']' shows where the next statement begins. */
    parse_err("disk = [ 'a',\n 'b'\nname = 'x'\n", "guest.cfg:3:1: expected "
              "',' or ']' in the list, found 'name'");
}

/* The line number counts every newline, in lists and comments too. */
static void test_error_line(void **state)
{
    parse_err("# 1\n"
              "a = [ 'x', # 2\n"
              "  'y' ]\n"
              "\n"
              "b = 'c' ; c = [\n"
              "]\n"
              "oops = 'a' 'b'\n",
              "guest.cfg:7:12: expected end of line or ';' after the value, "
              "found a string");
}

/* ---- "=", "+=" and overrides ---------------------------------------------- */

static void test_override_and_append(void **state)
{
    XLU_ConfigList *l;

    parse_ok("name = 'a'\nmemory = 512\ndisk = [ 'x' ]\nname = 'b'\n"
             "extra = 'console=hvc0'\nextra += ' quiet'\n"
             "disk += [ 'y', 'z' ]\nnew += 'first'\nnew2 += [ 'l' ]\n"
             "memory = 1024\n");
    assert_string_equal(str("name"), "b");
    assert_int_equal(num("memory"), 1024);
    assert_string_equal(str("extra"), "console=hvc0 quiet");
    l = list("disk", 3);
    assert_string_equal(xlu_cfg_get_listitem(l, 0), "x");
    assert_string_equal(xlu_cfg_get_listitem(l, 2), "z");
    assert_string_equal(str("new"), "first");
    list("new2", 1);
    /* One key each, in the order first set. */
    assert_int_equal(xlu_cfg_nr_keys(cfg), 6);
    assert_string_equal(xlu_cfg_key(cfg, 0), "name");
    assert_string_equal(xlu_cfg_key(cfg, 1), "memory");
    assert_string_equal(xlu_cfg_key(cfg, 2), "disk");
    assert_string_equal(xlu_cfg_key(cfg, 5), "new2");
    assert_null(xlu_cfg_key(cfg, 6));
    assert_null(xlu_cfg_key(cfg, -1));

    /* "=" may change the type; "+=" may not. */
    parse_ok("a = 'x'\na = [ 'y' ]\n");
    list("a", 1);
    parse_err("name = 'a'\n\nname += [ 'b' ]\n", "guest.cfg:3:1: cannot "
              "append a list to 'name', which guest.cfg:1 set to a string");
    parse_err("d = [ ]\nd += 'b'\n", "guest.cfg:2:1: cannot append a string "
              "to 'd', which guest.cfg:1 set to a list");
}

static void test_readdata_accumulates(void **state)
{
    parse_ok("a = 1\nb = [ 'x' ]\n");
    assert_int_equal(xlu_cfg_readdata(cfg, "a = 2\nb += [ 'y' ]\n", 19), 0);
    assert_int_equal(num("a"), 2);
    list("b", 2);
    assert_int_equal(xlu_cfg_readdata(cfg, "x", -1), EINVAL);
}

static void test_cmdline_override(void **state)
{
    XLU_ConfigList *l;

    parse_ok(pvh_cfg);
    assert_int_equal(xlu_cfg_override(cfg, "memory=2048"), 0);
    assert_int_equal(xlu_cfg_override(cfg, "vcpus = 4; name='pvh2'"), 0);
    assert_int_equal(xlu_cfg_override(cfg, "disk+=['vdev=xvdb,target=/b']"),
                     0);
    assert_int_equal(xlu_cfg_override(cfg, "extra='single'"), 0);
    assert_int_equal(num("memory"), 2048);
    assert_int_equal(num("vcpus"), 4);
    assert_string_equal(str("name"), "pvh2");
    l = list("disk", 2);
    assert_string_equal(xlu_cfg_get_listitem(l, 1), "vdev=xvdb,target=/b");
    assert_string_equal(str("extra"), "single");

    assert_int_equal(xlu_cfg_override(cfg, "name='x"), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg),
                        "<command line>:1:6: unterminated string");
    assert_int_equal(xlu_cfg_override(cfg, "memory=(1)"), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg), "<command line>:1:8: '(' "
                        "here looks like Python (xend) syntax; xl.cfg uses "
                        "[ ] lists");
    assert_int_equal(xlu_cfg_override(cfg, "name+=['x']"), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg), "<command line>:1:1: cannot "
                        "append a list to 'name', which <command line>:1 set "
                        "to a string");
    assert_int_equal(xlu_cfg_override(cfg, "vif+='x'"), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg), "<command line>:1:1: cannot "
                        "append a string to 'vif', which guest.cfg:12 set to "
                        "a list");
    /* Getter messages name where the value came from. */
    assert_int_equal(xlu_cfg_override(cfg, "vcpus='many'"), 0);
    assert_int_equal(xlu_cfg_get_long(cfg, "vcpus", &(long){ 0 }, 0), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg), "<command line>:1: 'vcpus' "
                        "is not a number: \"many\"");
}

/* ---- getters -------------------------------------------------------------- */

static void test_get_string(void **state)
{
    const char *v = "unchanged";
    char *copy = strdup("old");

    parse_ok("s = 'str'\nn = 12\nl = [ 'a' ]\n");
    assert_int_equal(xlu_cfg_get_string(cfg, "missing", &v, 0), ESRCH);
    assert_string_equal(v, "unchanged");
    assert_string_equal(xlu_cfg_last_error(cfg), "");
    assert_string_equal(str("n"), "12");
    assert_int_equal(xlu_cfg_get_string(cfg, "l", &v, 1), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg), "");
    assert_int_equal(xlu_cfg_get_string(cfg, "l", &v, 0), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg),
                        "guest.cfg:3: 'l' is a list, expected a single value");

    assert_int_equal(xlu_cfg_replace_string(cfg, "s", &copy, 0), 0);
    assert_string_equal(copy, "str");
    assert_int_equal(xlu_cfg_replace_string(cfg, "missing", &copy, 0), ESRCH);
    assert_string_equal(copy, "str");
    free(copy);
}

static void test_get_long(void **state)
{
    long v = 77;

    parse_ok("q = '12'\nneg = '-5'\nbig = 99999999999999999999\n"
             "word = 'abc'\nempty = ''\nl = [ 1 ]\njoined = '1'\n"
             "joined += '0'\nhex = 0x7fffffffffffffff\n");
    assert_int_equal(num("q"), 12);
    assert_int_equal(num("neg"), -5);
    assert_int_equal(num("hex"), LONG_MAX);
    assert_int_equal(xlu_cfg_get_long(cfg, "big", &v, 0), ERANGE);
    assert_string_equal(xlu_cfg_last_error(cfg), "guest.cfg:3: 'big' is out "
                        "of range: 99999999999999999999");
    assert_int_equal(xlu_cfg_get_long(cfg, "word", &v, 0), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg),
                        "guest.cfg:4: 'word' is not a number: \"abc\"");
    assert_int_equal(xlu_cfg_get_long(cfg, "empty", &v, 0), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg),
                        "guest.cfg:5: 'empty' is not a number: \"\"");
    assert_int_equal(xlu_cfg_get_long(cfg, "l", &v, 0), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg),
                        "guest.cfg:6: 'l' is a list, expected a single value");
    assert_int_equal(xlu_cfg_get_long(cfg, "joined", &v, 0), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg), "guest.cfg:8: 'joined' was "
                        "built with '+=', which numbers do not allow");
    assert_string_equal(str("joined"), "10");
    assert_int_equal(xlu_cfg_get_long(cfg, "missing", &v, 0), ESRCH);
    assert_int_equal(v, 77);
}

static void test_bounded_long(void **state)
{
    long v = 0;

    parse_ok("vcpus = 0\nmax = 300\nok = 64\n");
    assert_int_equal(xlu_cfg_get_bounded_long(cfg, "ok", 1, 128, &v, 0), 0);
    assert_int_equal(v, 64);
    assert_int_equal(xlu_cfg_get_bounded_long(cfg, "vcpus", 1, 128, &v, 0),
                     ERANGE);
    assert_string_equal(xlu_cfg_last_error(cfg),
                        "guest.cfg:1: 'vcpus' is 0, below the minimum 1");
    assert_int_equal(xlu_cfg_get_bounded_long(cfg, "max", 1, 128, &v, 0),
                     ERANGE);
    assert_string_equal(xlu_cfg_last_error(cfg),
                        "guest.cfg:2: 'max' is 300, above the maximum 128");
    assert_int_equal(v, 64);
    assert_int_equal(xlu_cfg_get_bounded_long(cfg, "ok", 64, 64, &v, 0), 0);
}

static void test_defaults_and_bools(void **state)
{
    enum xlu_defbool b = XLU_DEFBOOL_UNSET;
    long l = 0;
    bool v = false;

    parse_ok("on = 1\noff = 0\nodd = 0x10\nbad = 'yes'\n");
    assert_int_equal(xlu_cfg_get_defbool(cfg, "on", &b, 0), 0);
    assert_int_equal(b, XLU_DEFBOOL_TRUE);
    assert_int_equal(xlu_cfg_get_defbool(cfg, "off", &b, 0), 0);
    assert_int_equal(b, XLU_DEFBOOL_FALSE);
    assert_int_equal(xlu_cfg_get_defbool(cfg, "odd", &b, 0), 0);
    assert_int_equal(b, XLU_DEFBOOL_TRUE);
    b = XLU_DEFBOOL_UNSET;
    assert_int_equal(xlu_cfg_get_defbool(cfg, "none", &b, 0), ESRCH);
    assert_int_equal(b, XLU_DEFBOOL_UNSET);
    assert_int_equal(xlu_cfg_get_defbool(cfg, "bad", &b, 0), EINVAL);

    assert_int_equal(xlu_cfg_get_long_default(cfg, "none", 32, &l), 0);
    assert_int_equal(l, 32);
    assert_int_equal(xlu_cfg_get_long_default(cfg, "odd", 32, &l), 0);
    assert_int_equal(l, 16);
    assert_int_equal(xlu_cfg_get_long_default(cfg, "bad", 32, &l), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg),
                        "guest.cfg:4: 'bad' is not a number: \"yes\"");
    assert_int_equal(xlu_cfg_get_bool_default(cfg, "none", true, &v), 0);
    assert_true(v);
    assert_int_equal(xlu_cfg_get_bool_default(cfg, "off", true, &v), 0);
    assert_false(v);
    assert_int_equal(xlu_cfg_get_bool_default(cfg, "bad", true, &v), EINVAL);
}

static void test_get_list(void **state)
{
    XLU_ConfigList *l = NULL;
    XLU_ConfigValue *v;
    char **sl = NULL, *s;
    int n = -1;

    parse_ok("s = 'x'\nl = [ 'a', 2, 'c' ]\n"
             "nest = [ 'a',\n   [ 'b' ] ]\n");
    assert_int_equal(xlu_cfg_get_list(cfg, "missing", &l, &n, 0), ESRCH);
    assert_int_equal(xlu_cfg_get_list(cfg, "s", &l, &n, 1), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg), "");
    assert_int_equal(xlu_cfg_get_list(cfg, "s", &l, &n, 0), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg),
                        "guest.cfg:1: 's' is a single value, expected a list");
    assert_int_equal(xlu_cfg_get_list(cfg, "l", NULL, NULL, 0), 0);

    assert_int_equal(xlu_cfg_get_list_as_string_list(cfg, "l", &sl, 0), 0);
    assert_string_equal(sl[0], "a");
    assert_string_equal(sl[1], "2");
    assert_string_equal(sl[2], "c");
    assert_null(sl[3]);
    xlu_string_list_free(sl);
    assert_int_equal(xlu_cfg_get_list_as_string_list(cfg, "nest", &sl, 0),
                     EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg), "guest.cfg:4:4: item 2 of "
                        "'nest' is a list, expected a string");

    l = list("nest", 2);
    v = xlu_cfg_get_listitem2(l, 0);
    assert_int_equal(xlu_cfg_value_type(v), XLU_STRING);
    assert_int_equal(xlu_cfg_value_get_string(cfg, v, &s, 0), 0);
    assert_string_equal(s, "a");
    assert_int_equal(xlu_cfg_value_get_list(cfg, v, &l, 0), EINVAL);
    assert_null(l);
    assert_string_equal(xlu_cfg_last_error(cfg),
                        "guest.cfg:3:10: value is a string, expected a list");
    l = list("nest", 2);
    v = xlu_cfg_get_listitem2(l, 1);
    assert_int_equal(xlu_cfg_value_get_string(cfg, v, &s, 0), EINVAL);
    assert_null(s);
    assert_string_equal(xlu_cfg_last_error(cfg),
                        "guest.cfg:4:4: value is a list, expected a string");
    assert_ptr_equal(xlu_cfg_get_value(cfg, "nest"), xlu_cfg_get_value(cfg,
                                                                       "nest"));
    assert_null(xlu_cfg_get_value(cfg, "missing"));
}

/* ---- robustness ----------------------------------------------------------- */

/* Mangled copies of a real file: each parses or fails with a located
 * message, and ASan sees every byte touched. */
static void test_mangled_input(void **state)
{
    static const char alphabet[] = "[],;=+#'\"\\\n x0a(.\t\r\001";
    char text[sizeof(hvm_cfg)];
    unsigned int seed = 1, i, j;
    int rc;

    for ( i = 0; i < 20000; i++ )
    {
        memcpy(text, hvm_cfg, sizeof(text));
        for ( j = 0; j < 1 + i % 4; j++ )
        {
            seed = seed * 1103515245 + 12345;
            text[(seed >> 8) % (sizeof(text) - 1)] =
                alphabet[(seed >> 20) % (sizeof(alphabet) - 1)];
        }
        seed = seed * 1103515245 + 12345;
        rc = parse_len(text, (seed >> 8) % sizeof(text));
        if ( rc )
        {
            assert_int_equal(rc, EINVAL);
            assert_true(!strncmp(xlu_cfg_last_error(cfg), "guest.cfg:", 10));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_pvh_file, teardown),
        cmocka_unit_test_teardown(test_hvm_file, teardown),
        cmocka_unit_test_teardown(test_readfile, teardown),
        cmocka_unit_test_teardown(test_report_stream, teardown),
        cmocka_unit_test_teardown(test_idents, teardown),
        cmocka_unit_test_teardown(test_numbers, teardown),
        cmocka_unit_test_teardown(test_strings, teardown),
        cmocka_unit_test_teardown(test_escapes, teardown),
        cmocka_unit_test_teardown(test_unterminated, teardown),
        cmocka_unit_test_teardown(test_nul_bytes, teardown),
        cmocka_unit_test_teardown(test_comments_blanks, teardown),
        cmocka_unit_test_teardown(test_semicolons, teardown),
        cmocka_unit_test_teardown(test_lists, teardown),
        cmocka_unit_test_teardown(test_nesting_limit, teardown),
        cmocka_unit_test_teardown(test_python, teardown),
        cmocka_unit_test_teardown(test_other_chars, teardown),
        cmocka_unit_test_teardown(test_syntax_errors, teardown),
        cmocka_unit_test_teardown(test_list_errors, teardown),
        cmocka_unit_test_teardown(test_error_line, teardown),
        cmocka_unit_test_teardown(test_override_and_append, teardown),
        cmocka_unit_test_teardown(test_readdata_accumulates, teardown),
        cmocka_unit_test_teardown(test_cmdline_override, teardown),
        cmocka_unit_test_teardown(test_get_string, teardown),
        cmocka_unit_test_teardown(test_get_long, teardown),
        cmocka_unit_test_teardown(test_bounded_long, teardown),
        cmocka_unit_test_teardown(test_defaults_and_bools, teardown),
        cmocka_unit_test_teardown(test_get_list, teardown),
        cmocka_unit_test_teardown(test_mangled_input, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
