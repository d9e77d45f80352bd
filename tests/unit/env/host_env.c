/* SPDX-License-Identifier: GPL-2.0-only */
/* What the hypervisor's environment provides, for code under host unit test:
 * printk to stdout or a capture buffer (host_env.h), panic/BUG/ASSERT as test failures. */
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <cmocka.h>

#include <xen/lib.h>

unsigned long unit_rflags = 0x200UL;
char *unit_directmap_base;

#include "host_env.h"

static char capture_buf[16384];
static size_t capture_len;
static bool capturing;

void unit_printk_capture_start(void)
{
    capture_len = 0;
    capture_buf[0] = '\0';
    capturing = true;
}

void unit_printk_capture_stop(void)
{
    capturing = false;
}

const char *unit_printk_captured(void)
{
    return capture_buf;
}

void vprintk(const char *fmt, va_list args)
{
    size_t room = sizeof(capture_buf) - capture_len;
    int n;

    if ( !capturing )
    {
        vfprintf(stdout, fmt, args);
        return;
    }
    n = vsnprintf(capture_buf + capture_len, room, fmt, args);
    if ( n > 0 )
        capture_len += (size_t)n < room ? (size_t)n : room - 1;
}

void printk(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprintk(fmt, args);
    va_end(args);
}

void panic(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fail_msg("panic() called");
    abort();
}

void __bug(const char *file, int line)
{
    fail_msg("BUG at %s:%d", file, line);
    abort();
}

void __assert_failed(const char *expr, const char *file, int line)
{
    fail_msg("ASSERT(%s) failed at %s:%d", expr, file, line);
}

/* %pS in host tests prints the raw address: there is no embedded symbol table. */
int symbol_format(char *buf, size_t len, unsigned long addr)
{
    return snprintf(buf, len, "%#lx", addr);
}
