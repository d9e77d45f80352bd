/* SPDX-License-Identifier: GPL-2.0-only */
/* tools/libs/util disk specs and vdev numbers: the equivalent spellings of
 * xl-disk-configuration(5), xend's prefixes, target= taking commas, every
 * error's text, and the vbd-interface.txt device number encodings. */
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
static struct xlu_disk disk;

static int setup(void **state)
{
    cfg = xlu_cfg_init(NULL, "guest.cfg");
    xlu_disk_init(&disk);
    return cfg ? 0 : -1;
}

static int teardown(void **state)
{
    xlu_disk_dispose(&disk);
    xlu_cfg_destroy(cfg);
    return 0;
}

static int parse(const char *spec)
{
    xlu_disk_dispose(&disk);
    return xlu_disk_parse(cfg, 1, &spec, &disk);
}

static void parse_ok(const char *spec)
{
    if ( parse(spec) )
        fail_msg("'%s': %s", spec, xlu_cfg_last_error(cfg));
}

static void parse_err(const char *spec, const char *problem)
{
    char want[512];

    snprintf(want, sizeof(want), "guest.cfg: disk '%s': %s", spec, problem);
    assert_int_equal(parse(spec), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg), want);
}

static void check(const char *target, enum xlu_disk_format format,
                  const char *vdev, bool rw, bool cdrom)
{
    if ( target )
        assert_string_equal(disk.pdev_path, target);
    else
        assert_null(disk.pdev_path);
    assert_int_equal(disk.format, format);
    assert_string_equal(disk.vdev, vdev);
    assert_int_equal(disk.readwrite, rw);
    assert_int_equal(disk.is_cdrom, cdrom);
    assert_int_equal(disk.removable, cdrom);
    assert_int_equal(disk.backend, XLU_DISK_BACKEND_UNKNOWN);
}

/* The man page's first set of equivalent strings. */
static void test_equivalent_disks(void **state)
{
    static const char *const specs[] = {
        "/dev/vg/guest-volume,,hda",
        "/dev/vg/guest-volume,raw,hda,rw",
        "format=raw, vdev=hda, access=rw, target=/dev/vg/guest-volume",
        "raw:/dev/vg/guest-volume,hda,w",
        "vdev=hda,/dev/vg/guest-volume",
        "\t/dev/vg/guest-volume,\n raw, hda",
    };
    unsigned int i;

    for ( i = 0; i < sizeof(specs) / sizeof(specs[0]); i++ )
    {
        parse_ok(specs[i]);
        check("/dev/vg/guest-volume", XLU_DISK_FORMAT_RAW, "hda", true,
              false);
        assert_null(disk.script);
        assert_int_equal(disk.discard_enable, XLU_DEFBOOL_UNSET);
    }
}

/* ... and the second, for a cdrom. */
static void test_equivalent_cdroms(void **state)
{
    static const char *const specs[] = {
        "/root/image.iso,,hdc,cdrom",
        "/root/image.iso,,hdc,,cdrom",
        "/root/image.iso,raw,hdc,devtype=cdrom",
        "format=raw, vdev=hdc, access=ro, devtype=cdrom, "
        "target=/root/image.iso",
        "raw:/root/image.iso,hdc:cdrom,ro",
        "/root/image.iso,,hdc,rw,cdrom",        /* a cdrom is never rw */
    };
    unsigned int i;

    for ( i = 0; i < sizeof(specs) / sizeof(specs[0]); i++ )
    {
        parse_ok(specs[i]);
        check("/root/image.iso", XLU_DISK_FORMAT_RAW, "hdc", false, true);
    }
}

static void test_empty_cdrom(void **state)
{
    parse_ok(",hdc:cdrom,r");
    check("", XLU_DISK_FORMAT_EMPTY, "hdc", false, true);
    parse_ok("vdev=hdc,devtype=cdrom");
    check(NULL, XLU_DISK_FORMAT_EMPTY, "hdc", false, true);
    parse_ok("vdev=hdc,cdrom,target=");
    check("", XLU_DISK_FORMAT_EMPTY, "hdc", false, true);
    parse_ok(",,hdc,,devtype=cdrom");
    check("", XLU_DISK_FORMAT_EMPTY, "hdc", false, true);
    /* devtype=disk undoes cdrom; ":disk" names the type explicitly. */
    parse_ok("/x,,hdc,cdrom,devtype=disk");
    check("/x", XLU_DISK_FORMAT_RAW, "hdc", true, false);
    parse_ok("phy:/x,hdc:disk,w");
    check("/x", XLU_DISK_FORMAT_RAW, "hdc", true, false);
}

static void test_target_rest(void **state)
{
    parse_ok("vdev=xvda, format=qcow2, target=/img/a,b=c:d.qcow2");
    check("/img/a,b=c:d.qcow2", XLU_DISK_FORMAT_QCOW2, "xvda", true, false);
    parse_ok("vdev=xvda,target=/x/y,");
    check("/x/y", XLU_DISK_FORMAT_RAW, "xvda", true, false);
    parse_ok("vdev=xvda,target=/with space ");
    check("/with space ", XLU_DISK_FORMAT_RAW, "xvda", true, false);
    /* An empty positional target may be named again, a real one not. */
    parse_ok(",,xvda,target=/later");
    check("/later", XLU_DISK_FORMAT_RAW, "xvda", true, false);
    parse_err("/a,,xvda,target=/b", "target given twice ('/a' then '/b')");
}

static void test_prefixes(void **state)
{
    parse_ok("phy:/dev/sdb1,xvdb,w");
    check("/dev/sdb1", XLU_DISK_FORMAT_RAW, "xvdb", true, false);
    parse_ok("file:/images/a.img,hda,w");
    check("/images/a.img", XLU_DISK_FORMAT_RAW, "hda", true, false);
    parse_ok("tap:aio:/images/a.img,xvda,r");
    check("/images/a.img", XLU_DISK_FORMAT_RAW, "xvda", false, false);
    parse_ok("tap2:tapdisk:ioemu:/i,xvda");
    check("/i", XLU_DISK_FORMAT_RAW, "xvda", true, false);
    parse_ok("tap:qcow2:/images/a.qcow2,xvda,w");
    check("/images/a.qcow2", XLU_DISK_FORMAT_QCOW2, "xvda", true, false);
    parse_ok("qcow:/q,xvda");
    check("/q", XLU_DISK_FORMAT_QCOW, "xvda", true, false);
    parse_ok("vhd:/v,xvda");
    check("/v", XLU_DISK_FORMAT_VHD, "xvda", true, false);

    parse_ok("iscsi:iqn.2001-05.com.example:0-8a09-host,xvda,w");
    check("iqn.2001-05.com.example:0-8a09-host", XLU_DISK_FORMAT_RAW, "xvda",
          true, false);
    assert_string_equal(disk.script, "block-iscsi");
    parse_ok("nbd:host:1234,xvda");
    check("host:1234", XLU_DISK_FORMAT_RAW, "xvda", true, false);
    assert_string_equal(disk.script, "block-nbd");
    parse_ok("drbd:res0,xvda");
    assert_string_equal(disk.script, "block-drbd");
    parse_ok("enbd:x,xvda");
    assert_string_equal(disk.script, "block-enbd");

    parse_err("foo:/x,xvda", "unknown deprecated prefix 'foo:'");
    parse_err("/x,,xvda,c:", "unknown deprecated prefix 'c:'");
    parse_err("raw:/x,qcow2:xvda", "format given twice ('raw' then "
              "'qcow2')");
    parse_err("drbd:r,xvda,script=other", "script given twice "
              "('block-drbd' then 'other')");
}

static void test_flags_and_keys(void **state)
{
    parse_ok("/x,,xvda,direct-io-safe,discard,trusted,backendtype=qdisk,"
             "backend=driverdom,script=block-foo,specification=virtio,"
             "transport=mmio,grant_usage=1");
    assert_string_equal(disk.pdev_path, "/x");
    assert_string_equal(disk.vdev, "xvda");
    assert_int_equal(disk.backend, XLU_DISK_BACKEND_QDISK);
    assert_true(disk.direct_io_safe);
    assert_int_equal(disk.discard_enable, XLU_DEFBOOL_TRUE);
    assert_int_equal(disk.trusted, XLU_DEFBOOL_TRUE);
    assert_int_equal(disk.grant_usage, XLU_DEFBOOL_TRUE);
    assert_string_equal(disk.backend_domname, "driverdom");
    assert_string_equal(disk.script, "block-foo");
    assert_int_equal(disk.specification, XLU_DISK_SPECIFICATION_VIRTIO);
    assert_int_equal(disk.transport, XLU_DISK_TRANSPORT_MMIO);

    parse_ok("/x,,xvda,no-discard,untrusted,grant_usage=0,"
             "backendtype=phy,specification=xen");
    assert_int_equal(disk.discard_enable, XLU_DEFBOOL_FALSE);
    assert_int_equal(disk.trusted, XLU_DEFBOOL_FALSE);
    assert_int_equal(disk.grant_usage, XLU_DEFBOOL_FALSE);
    assert_int_equal(disk.backend, XLU_DISK_BACKEND_PHY);
    assert_int_equal(disk.specification, XLU_DISK_SPECIFICATION_XEN);

    parse_ok("/x,qed,xvda,backendtype=standalone");
    assert_int_equal(disk.format, XLU_DISK_FORMAT_QED);
    assert_int_equal(disk.backend, XLU_DISK_BACKEND_STANDALONE);
    parse_ok("/x,vhd,xvda,backendtype=tap,backendtype=tap");
    assert_int_equal(disk.backend, XLU_DISK_BACKEND_TAP);

    parse_ok("/x,,xvda,colo,colo-host=h,colo-port=9000,colo-export=e,"
             "active-disk=/a,hidden-disk=/h");
    assert_int_equal(disk.colo_enable, XLU_DEFBOOL_TRUE);
    assert_string_equal(disk.colo_host, "h");
    assert_int_equal(disk.colo_port, 9000);
    assert_string_equal(disk.colo_export, "e");
    assert_string_equal(disk.active_disk, "/a");
    assert_string_equal(disk.hidden_disk, "/h");
    parse_ok("/x,,xvda,no-colo");
    assert_int_equal(disk.colo_enable, XLU_DEFBOOL_FALSE);
    /* A flag is a whole item: "cdromx" is a positional value. */
    parse_err("/x,,xvda,cdromx", "unknown access 'cdromx' (expected r, ro, "
              "w or rw)");
}

static void test_errors(void **state)
{
    parse_err("/x,qcow3,xvda", "unknown format 'qcow3'");
    parse_err("/x,,xvda,rx", "unknown access 'rx' (expected r, ro, w or rw)");
    parse_err("/x,,xvda,rw,extra", "too many positional parameters at "
              "'extra'");
    parse_err("/x,,,,", "no vdev specified");
    parse_err("/x", "no vdev specified");
    parse_err("/x,,vdev=", "no vdev specified");
    parse_err("vdev=xvda", "no target specified (only a cdrom may be empty)");
    parse_err("/x,,xvda,foo=bar", "unknown parameter 'foo=bar'");
    parse_err("/x,,xvda,=bar", "unknown parameter '=bar'");
    parse_err("/x,,xvda,grant_usage=2", "unknown parameter 'grant_usage=2'");
    parse_err("/x,,xvda,devtype=floppy", "unknown devtype 'floppy' (expected "
              "cdrom or disk)");
    parse_err("/x,raw,xvda,format=qcow2", "format given twice ('raw' then "
              "'qcow2')");
    parse_err("vdev=xvda,vdev=xvdb,target=/x", "vdev given twice ('xvda' "
              "then 'xvdb')");
    parse_err(",hdc:floppy,r", "unknown device type 'floppy' in "
              "'hdc:floppy'");
    parse_err("/x,,xvda,backendtype=nbd", "unknown backendtype 'nbd'");
    parse_err("/x,,xvda,backendtype=", "unknown backendtype ''");
    parse_err("/x,,xvda,backendtype=phy,backendtype=qdisk", "backendtype "
              "given twice ('phy' then 'qdisk')");
    parse_err("/x,,xvda,specification=scsi", "unknown specification 'scsi'");
    parse_err("/x,,xvda,transport=pci", "unknown transport 'pci'");
    parse_err("/x,,xvda,colo-port=0", "invalid colo-port '0'");
    parse_err("/x,,xvda,colo-port=70000", "invalid colo-port '70000'");
    /* xend's form without a prefix puts the vdev in the format slot. */
    parse_err("/x,xvda,w", "unknown format 'xvda'");
    /* Spaces after an item are part of it. */
    parse_err("/x,raw ,xvda", "unknown format 'raw '");
}

static void test_several_specs(void **state)
{
    const char *specs[] = { "/dev/vg/a", "vdev=xvdc", "access=ro" };

    xlu_disk_dispose(&disk);
    assert_int_equal(xlu_disk_parse(cfg, 3, specs, &disk), 0);
    check("/dev/vg/a", XLU_DISK_FORMAT_RAW, "xvdc", false, false);

    xlu_disk_dispose(&disk);
    assert_int_equal(xlu_disk_parse(cfg, 0, specs, &disk), EINVAL);
    assert_string_equal(xlu_cfg_last_error(cfg),
                        "guest.cfg: disk '': no vdev specified");
}

/* The disks of an HVM guest file, through both parsers. */
static void test_from_config(void **state)
{
    static const char text[] =
        "disk = [ '/dev/vg/hvm1,raw,xvda,rw',\n"
        "         'phy:/dev/vg/hvm1-data,xvdb,w',\n"
        "         '/srv/iso/debian.iso,,hdc,cdrom',\n"
        "         'format=qcow2,vdev=xvdc,target=/img/c.qcow2' ]\n";
    XLU_ConfigList *l;
    const char *spec;
    int n;

    assert_int_equal(xlu_cfg_readdata(cfg, text, strlen(text)), 0);
    assert_int_equal(xlu_cfg_get_list(cfg, "disk", &l, &n, 0), 0);
    assert_int_equal(n, 4);
    spec = xlu_cfg_get_listitem(l, 1);
    xlu_disk_dispose(&disk);
    assert_int_equal(xlu_disk_parse(cfg, 1, &spec, &disk), 0);
    check("/dev/vg/hvm1-data", XLU_DISK_FORMAT_RAW, "xvdb", true, false);
    spec = xlu_cfg_get_listitem(l, 2);
    xlu_disk_dispose(&disk);
    assert_int_equal(xlu_disk_parse(cfg, 1, &spec, &disk), 0);
    check("/srv/iso/debian.iso", XLU_DISK_FORMAT_RAW, "hdc", false, true);
    spec = xlu_cfg_get_listitem(l, 3);
    xlu_disk_dispose(&disk);
    assert_int_equal(xlu_disk_parse(cfg, 1, &spec, &disk), 0);
    check("/img/c.qcow2", XLU_DISK_FORMAT_QCOW2, "xvdc", true, false);
}

/* ---- vdev numbers ---------------------------------------------------------- */

struct vdev_case {
    const char *vdev;
    int devnum, disk, part;
};

static const struct vdev_case vdevs[] = {
    { "xvda", 202 << 8, 0, 0 },
    { "xvdb3", (202 << 8) | (1 << 4) | 3, 1, 3 },
    { "xvdp15", (202 << 8) | (15 << 4) | 15, 15, 15 },
    { "xvdq", (1 << 28) | (16 << 8), 16, 0 },
    { "xvda16", (1 << 28) | 16, 0, 16 },
    { "xvdz", (1 << 28) | (25 << 8), 25, 0 },
    { "xvdaa", (1 << 28) | (26 << 8), 26, 0 },
    { "xvdtq37", (1 << 28) | (536 << 8) | 37, 536, 37 },
    { "xvda255", (1 << 28) | 255, 0, 255 },
    { "xvdaaaaa", (1 << 28) | (475254 << 8), 475254, 0 },
    { "d0", 202 << 8, 0, 0 },
    { "d0p0", 202 << 8, 0, 0 },
    { "d1p2", (202 << 8) | (1 << 4) | 2, 1, 2 },
    { "d536p37", (1 << 28) | (536 << 8) | 37, 536, 37 },
    { "d1048575p255", 0x1fffffff, 1048575, 255 },
    { "hda", 3 << 8, 0, 0 },
    { "hda1", (3 << 8) | 1, 0, 1 },
    { "hdb", (3 << 8) | (1 << 6), 1, 0 },
    { "hdc2", (22 << 8) | 2, 2, 2 },
    { "hdd63", (22 << 8) | (1 << 6) | 63, 3, 63 },
    { "sda", 8 << 8, 0, 0 },
    { "sdb3", (8 << 8) | (1 << 4) | 3, 1, 3 },
    { "sdp15", (8 << 8) | (15 << 4) | 15, 15, 15 },
    /* Raw numbers are the encoding itself, decoded where documented. */
    { "51713", 51713, 0, 1 },
    { "0xca00", 51712, 0, 0 },
    { "0145000", 51712, 0, 0 },
    { "268572709", (1 << 28) | (536 << 8) | 37, 536, 37 },
    { "5632", 5632, 2, 0 },
    { "2067", 2067, 1, 3 },
    { "123", 123, -1, -1 },
    { "2147483647", 2147483647, -1, -1 },
    /* Not vdevs. */
    { "xvda0", -1, -1, -1 },
    { "xvda01", -1, -1, -1 },
    { "xvda256", -1, -1, -1 },
    { "xvd", -1, -1, -1 },
    { "xvd1", -1, -1, -1 },
    { "xvdA", -1, -1, -1 },
    { "xvdaaaaaa", -1, -1, -1 },
    { "d1048576", -1, -1, -1 },
    { "d0p256", -1, -1, -1 },
    { "d", -1, -1, -1 },
    { "d1p", -1, -1, -1 },
    { "hde", -1, -1, -1 },
    { "hda64", -1, -1, -1 },
    { "sdq", -1, -1, -1 },
    { "sda16", -1, -1, -1 },
    { "2147483648", -1, -1, -1 },
    { "-1", -1, -1, -1 },
    { " 5", -1, -1, -1 },
    { "12abc", -1, -1, -1 },
    { "", -1, -1, -1 },
    { "vda", -1, -1, -1 },
};

static void test_vdev_numbers(void **state)
{
    unsigned int i;
    int d, p;

    for ( i = 0; i < sizeof(vdevs) / sizeof(vdevs[0]); i++ )
    {
        const struct vdev_case *c = &vdevs[i];

        d = p = 99;
        if ( xlu_disk_dev_number(c->vdev, &d, &p) != c->devnum ||
             d != c->disk || p != c->part )
            fail_msg("%s: got %d (%d, %d), want %d (%d, %d)", c->vdev,
                     xlu_disk_dev_number(c->vdev, NULL, NULL), d, p,
                     c->devnum, c->disk, c->part);
    }
    assert_int_equal(xlu_disk_dev_number("xvdb", NULL, NULL), 51728);
}

/* Random strings over the spec's alphabet: parsed or refused, never more. */
static void test_random_specs(void **state)
{
    static const char alphabet[] = ",,,=:: /xvdahcrowm-target=cdrom";
    unsigned int seed = 7, i, j, n;
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
        if ( !rc )
            assert_true(disk.vdev && *disk.vdev);
        xlu_disk_dev_number(spec, NULL, NULL);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_equivalent_disks, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_equivalent_cdroms, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_empty_cdrom, setup, teardown),
        cmocka_unit_test_setup_teardown(test_target_rest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prefixes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flags_and_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_several_specs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_from_config, setup, teardown),
        cmocka_unit_test_setup_teardown(test_vdev_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_specs, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
