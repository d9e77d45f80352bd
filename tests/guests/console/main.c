// SPDX-License-Identifier: GPL-2.0-only
/*
 * console_io for dom0: writes of many lengths (0 included) return 0, bad
 * buffers -EFAULT (except with a count of 0), reads return a byte count,
 * and unknown commands -ENOSYS.
 */
#include "test.h"

#define LONG_LINES      25
#define LINE_LEN        80

static char text[LONG_LINES * LINE_LEN];

static const struct {
    const char *what;
    int cmd;
    unsigned int count;
    const void *buf;
    long expected;
} cases[] = {
    { "empty write",             CONSOLEIO_write, 0, "", 0 },
    { "empty write, bad buffer", CONSOLEIO_write, 0, BAD_VA_UNMAPPED, 0 },
    { "one byte",                CONSOLEIO_write, 1, "\n", 0 },
    { "short line",              CONSOLEIO_write, 6, "short\n", 0 },
    { "unmapped buffer",         CONSOLEIO_write, 8, BAD_VA_UNMAPPED,
      -XEN_EFAULT },
    { "upper-half buffer",       CONSOLEIO_write, 8, BAD_VA_UPPER_HALF,
      -XEN_EFAULT },
    { "buffer without RAM",      CONSOLEIO_write, 8, BAD_VA_NO_RAM,
      -XEN_EFAULT },
    { "unknown command 2",       2, 1, "x", -XEN_ENOSYS },
    { "unknown command -1",      -1, 1, "x", -XEN_ENOSYS },
};

/* Lines of LINE_LEN bytes, each ending in a newline. */
static void fill_text(void)
{
    unsigned int i;

    for ( i = 0; i < sizeof(text); i++ )
        text[i] = (i % LINE_LEN == LINE_LEN - 1) ? '\n'
                                                 : 'a' + (i / LINE_LEN) % 26;
}

static void check_lengths(void)
{
    static const unsigned int lengths[] = {
        LINE_LEN, 2 * LINE_LEN, 6 * LINE_LEN, LONG_LINES * LINE_LEN,
    };
    unsigned int i;

    fill_text();
    for ( i = 0; i < ARRAY_SIZE(lengths); i++ )
    {
        long rc = hypercall_console_io(CONSOLEIO_write, lengths[i], text);

        if ( rc != 0 )
            test_fail("write of %u bytes returned %ld", lengths[i], rc);
    }
}

static void check_read(void)
{
    char buf[16];
    long rc = hypercall_console_io(CONSOLEIO_read, 0, buf);

    if ( rc != 0 )
        test_fail("read of 0 bytes returned %ld", rc);
    rc = hypercall_console_io(CONSOLEIO_read, sizeof(buf), buf);
    printk("  read of %zu bytes: rc %ld\n", sizeof(buf), rc);
    if ( rc < 0 || rc > (long)sizeof(buf) )
        test_fail("read of %zu bytes returned %ld", sizeof(buf), rc);
}

void test_main(void)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        long rc = hypercall_console_io(cases[i].cmd, cases[i].count,
                                       cases[i].buf);

        printk("  %s: rc %ld\n", cases[i].what, rc);
        if ( rc != cases[i].expected )
            test_fail("%s returned %ld, expected %ld", cases[i].what, rc,
                      cases[i].expected);
    }
    check_lengths();
    check_read();
}
