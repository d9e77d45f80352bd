/* SPDX-License-Identifier: GPL-2.0-only */
/* tools/libs/util vif specs: the man page's examples, every key, MAC and
 * number validation, rate limits in bytes per interval, and each error's
 * text naming the spec and the bad item. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libxlutil.h"

static XLU_Config *cfg;
static struct xlu_vif vif;
static char *report_buf;
static size_t report_size;
static FILE *report;

static int setup(void **state)
{
    report = open_memstream(&report_buf, &report_size);
    cfg = xlu_cfg_init(report, "guest.cfg");
    xlu_vif_init(&vif);
    return cfg ? 0 : -1;
}

static int teardown(void **state)
{
    xlu_vif_dispose(&vif);
    xlu_cfg_destroy(cfg);
    fclose(report);
    free(report_buf);
    report_buf = NULL;
    return 0;
}

static int parse(const char *spec)
{
    xlu_vif_dispose(&vif);
    return xlu_vif_parse(cfg, spec, &vif);
}

static void parse_ok(const char *spec)
{
    if ( parse(spec) )
        fail_msg("'%s': %s", spec, xlu_cfg_last_error(cfg));
}

static void parse_err(const char *spec, const char *problem)
{
    char want[512];

    snprintf(want, sizeof(want), "guest.cfg: vif '%s': %s", spec, problem);
    assert_int_equal(parse(spec), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg), want);
}

static void check_mac(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint8_t e,
                      uint8_t f)
{
    const uint8_t want[6] = { a, b, c, d, e, f };

    assert_true(vif.mac_set);
    assert_memory_equal(vif.mac, want, 6);
}

static void test_man_examples(void **state)
{
    parse_ok("mac=00:16:3E:74:3d:76,model=rtl8139,bridge=xenbr0");
    check_mac(0x00, 0x16, 0x3e, 0x74, 0x3d, 0x76);
    assert_string_equal(vif.model, "rtl8139");
    assert_string_equal(vif.bridge, "xenbr0");
    parse_ok("mac=00:16:3E:74:34:32");
    check_mac(0x00, 0x16, 0x3e, 0x74, 0x34, 0x32);
    assert_null(vif.bridge);

    /* The empty spec leaves every choice to the toolstack. */
    parse_ok("");
    assert_false(vif.mac_set);
    assert_int_equal(vif.devid, -1);
    assert_int_equal(vif.nictype, XLU_NIC_TYPE_UNKNOWN);
    assert_int_equal(vif.mtu, 0);
    assert_int_equal(vif.rate_bytes_per_interval, 0);
    assert_int_equal(vif.trusted, XLU_DEFBOOL_UNSET);
    assert_null(vif.bridge);
    assert_null(vif.script);
    parse_ok(" , ,,");
    assert_false(vif.mac_set);
}

static void test_all_keys(void **state)
{
    parse_ok("type=ioemu, model=e1000, vifname=web0, script=vif-route,"
             "ip=10.0.0.2 10.0.0.3, gatewaydev=eth0, backend=netdom,"
             "devid=3, mtu=9000, forwarddev=eth1,trusted,bridge=");
    assert_int_equal(vif.nictype, XLU_NIC_TYPE_VIF_IOEMU);
    assert_string_equal(vif.model, "e1000");
    assert_string_equal(vif.vifname, "web0");
    assert_string_equal(vif.script, "vif-route");
    assert_string_equal(vif.ip, "10.0.0.2 10.0.0.3");
    assert_string_equal(vif.gatewaydev, "eth0");
    assert_string_equal(vif.backend_domname, "netdom");
    assert_int_equal(vif.devid, 3);
    assert_int_equal(vif.mtu, 9000);
    assert_string_equal(vif.forwarddev, "eth1");
    assert_int_equal(vif.trusted, XLU_DEFBOOL_TRUE);
    assert_string_equal(vif.bridge, "");

    parse_ok("type=vif,untrusted,devid=0,mtu=65535");
    assert_int_equal(vif.nictype, XLU_NIC_TYPE_VIF);
    assert_int_equal(vif.trusted, XLU_DEFBOOL_FALSE);
    assert_int_equal(vif.devid, 0);
    assert_int_equal(vif.mtu, 65535);
    fflush(report);
    assert_string_equal(report_buf, "");
}

static void test_deprecated(void **state)
{
    parse_ok("netdev=eth3,accel=x");
    assert_string_equal(vif.gatewaydev, "eth3");
    fflush(report);
    assert_string_equal(report_buf,
                        "guest.cfg: vif 'netdev=eth3,accel=x': netdev is "
                        "deprecated, use gatewaydev\n"
                        "guest.cfg: vif 'netdev=eth3,accel=x': accel is not "
                        "supported, ignored\n");
    /* Warnings are not errors. */
    assert_string_equal(xlu_cfg_last_error(cfg), "");
}

/* xl fills in xl.conf's defaults first; the spec overrides only what it
 * names, and a later item overrides an earlier one. */
static void test_overrides(void **state)
{
    xlu_vif_dispose(&vif);
    vif.script = strdup("vif-default");
    vif.bridge = strdup("xenbr9");
    assert_int_equal(xlu_vif_parse(cfg, "bridge=xenbr1", &vif), 0);
    assert_string_equal(vif.bridge, "xenbr1");
    assert_string_equal(vif.script, "vif-default");
    parse_ok("bridge=a,bridge=b,mac=00:00:00:00:00:01,mac=0:1:2:3:4:5");
    assert_string_equal(vif.bridge, "b");
    check_mac(0, 1, 2, 3, 4, 5);
}

static void test_colo(void **state)
{
    parse_ok("colo_checkpoint_host=1.2.3.4,colo_sock_mirror_id=m");
    assert_string_equal(xlu_vif_colo_key(46), "colo_checkpoint_host");
    assert_string_equal(vif.colo[46], "1.2.3.4");
    assert_string_equal(xlu_vif_colo_key(0), "colo_sock_mirror_id");
    assert_string_equal(vif.colo[0], "m");
    assert_null(vif.colo[1]);
    assert_string_equal(xlu_vif_colo_key(XLU_VIF_NR_COLO - 1),
                        "colo_checkpoint_port");
    assert_null(xlu_vif_colo_key(XLU_VIF_NR_COLO));
    assert_null(xlu_vif_colo_key(-1));
    parse_err("colo_nonsense=1", "unknown key 'colo_nonsense'");
}

static void test_mac_errors(void **state)
{
    static const char *const bad[] = {
        "mac=00:16:3e:74:3d", "mac=00:16:3e:74:3d:76:11",
        "mac=0g:16:3e:74:3d:76",
        "mac=001:16:3e:74:3d:76", "mac=00-16-3e-74-3d-76", "mac=",
        "mac=00:16:3e:74:3d:", "mac=00::3e:74:3d:76", "mac=00:16:3e:74:3d:76 ",
    };
    char problem[200];
    unsigned int i;

    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        snprintf(problem, sizeof(problem), "invalid mac '%s' (expected six "
                 "hex bytes like 00:16:3e:12:34:56)", bad[i] + 4);
        parse_err(bad[i], problem);
        assert_false(vif.mac_set);
    }
    parse_ok("mac=aA:bB:cC:dD:eE:fF");
    check_mac(0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff);
}

static void test_errors(void **state)
{
    parse_err("type=pv", "invalid type 'pv' (expected vif or ioemu)");
    parse_err("bridge=xenbr0,foo=bar", "unknown key 'foo'");
    parse_err("xenbr0", "'xenbr0' is not key=value");
    parse_err("mac=00:16:3e:00:00:01,trust", "'trust' is not key=value");
    parse_err("=x", "unknown key ''");
    parse_err("devid=x", "invalid devid 'x'");
    parse_err("devid=-1", "invalid devid '-1'");
    parse_err("devid=2147483648", "invalid devid '2147483648'");
    parse_err("mtu=0", "invalid mtu '0' (expected 1 to 65535)");
    parse_err("mtu=65536", "invalid mtu '65536' (expected 1 to 65535)");
    parse_err("mtu=1500x", "invalid mtu '1500x' (expected 1 to 65535)");
    parse_err("mtu=", "invalid mtu '' (expected 1 to 65535)");
}

/* ---- rates ---------------------------------------------------------------- */

struct rate_case {
    const char *rate;
    uint64_t bytes;
    uint32_t usecs;
};

static const struct rate_case rates[] = {
    { "10Mb/s", 62500, 50000 },                 /* 1.25 MB/s for 50 ms */
    { "250KB/s", 12500, 50000 },
    { "1MB/s@20ms", 20000, 20000 },             /* the man page's example */
    { "100B/s@1s", 100, 1000000 },
    { "8b/s@2", 2, 2000000 },                   /* no unit: seconds */
    { "1GB/s@100us", 100000, 100 },
    { "1Gb/s@1m", 125000, 1000 },
    { "3B/s@500000u", 1, 500000 },
    { "4294967295GB/s@1us", 4294967295000ULL, 1 },
    { "4294967295B/s@4294s", 4294967295ULL * 4294, 4294000000U },
};

static void test_rates(void **state)
{
    uint64_t bytes;
    uint32_t usecs;
    unsigned int i;

    for ( i = 0; i < sizeof(rates) / sizeof(rates[0]); i++ )
    {
        bytes = usecs = 0;
        if ( xlu_vif_parse_rate(cfg, rates[i].rate, &bytes, &usecs) )
            fail_msg("%s: %s", rates[i].rate, xlu_cfg_last_error(cfg));
        if ( bytes != rates[i].bytes || usecs != rates[i].usecs )
            fail_msg("%s: %llu bytes per %u us", rates[i].rate,
                     (unsigned long long)bytes, usecs);
    }
    parse_ok("bridge=xenbr1,rate=10Mb/s@20ms");
    assert_int_equal(vif.rate_bytes_per_interval, 25000);
    assert_int_equal(vif.rate_interval_usecs, 20000);
}

static void rate_err(const char *rate, const char *problem)
{
    char want[512];
    uint64_t bytes = 7;
    uint32_t usecs = 7;

    snprintf(want, sizeof(want), "guest.cfg: vif rate '%s': %s", rate,
             problem);
    assert_int_equal(xlu_vif_parse_rate(cfg, rate, &bytes, &usecs), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg), want);
    assert_int_equal(bytes, 7);
    assert_int_equal(usecs, 7);
}

static void test_rate_errors(void **state)
{
    static const char unit[] = "expected N[GMK]B/s (bytes) or N[GMK]b/s "
                               "(bits) before any '@'";
    static const char number[] = "the number must be 1 to 4294967295";
    static const char interval[] = "the interval must be a number from 1 to "
                                   "4294967295 with s, ms or us";

    rate_err("", "no rate given");
    rate_err("@20ms", "no rate given");
    rate_err("10MB", unit);
    rate_err("10mb/s", unit);
    rate_err("10Mb/sec", unit);
    rate_err("10 Mb/s", unit);
    rate_err("MB/s", number);
    rate_err("0B/s", number);
    rate_err("4294967296B/s", number);
    rate_err("-1B/s", number);
    rate_err("10Mb/s@", interval);
    rate_err("10Mb/s@0ms", interval);
    rate_err("10Mb/s@ms", interval);
    rate_err("10Mb/s@20ns", "unknown interval unit (expected s, ms or us)");
    rate_err("10Mb/s@20mss", "unknown interval unit (expected s, ms or us)");
    rate_err("10Mb/s@5000s", "the interval is over 4294967295 us");
    rate_err("4294967295GB/s@4294s", "rate overflow");
    rate_err("5Kb/s@100us", "less than one byte per interval");

    assert_int_equal(parse("rate=1XB/s"), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg), "guest.cfg: vif rate "
                        "'1XB/s': expected N[GMK]B/s (bytes) or N[GMK]b/s "
                        "(bits) before any '@'");
}

/* A vif list from a guest file, through both parsers. */
static void test_from_config(void **state)
{
    static const char text[] =
        "vif = [ 'type=ioemu, model=e1000, bridge=xenbr0, "
        "mac=00:16:3e:aa:bb:cc',\n"
        "        'bridge=xenbr1,rate=10Mb/s@20ms' ]\n";
    XLU_ConfigList *l;
    int n;

    assert_int_equal(xlu_cfg_readdata(cfg, text, strlen(text)), 0);
    assert_int_equal(xlu_cfg_get_list(cfg, "vif", &l, &n, 0), 0);
    assert_int_equal(n, 2);
    parse_ok(xlu_cfg_get_listitem(l, 0));
    check_mac(0x00, 0x16, 0x3e, 0xaa, 0xbb, 0xcc);
    assert_string_equal(vif.bridge, "xenbr0");
    assert_string_equal(vif.model, "e1000");
    parse_ok(xlu_cfg_get_listitem(l, 1));
    assert_int_equal(vif.rate_bytes_per_interval, 25000);
}

/* Random strings over the spec's alphabet: parsed or refused, never more. */
static void test_random_specs(void **state)
{
    static const char alphabet[] = ",,==::@/ 0123456789abcdefGMKBbsmu"
                                   "rate=mac=mtu=devid=";
    unsigned int seed = 3, i, j, n;
    char spec[40];
    int rc;

    for ( i = 0; i < 20000; i++ )
    {
        seed = seed * 1103515245 + 12345;
        n = (seed >> 16) % sizeof(spec);
        for ( j = 0; j < n; j++ )
        {
            seed = seed * 1103515245 + 12345;
            spec[j] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
        }
        spec[n] = '\0';
        rc = parse(spec);
        assert_true(rc == 0 || rc == EINVAL);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_man_examples, setup, teardown),
        cmocka_unit_test_setup_teardown(test_all_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deprecated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overrides, setup, teardown),
        cmocka_unit_test_setup_teardown(test_colo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mac_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rate_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_from_config, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_specs, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
