/* SPDX-License-Identifier: GPL-2.0-only */
/* What the hypervisor's environment provides, for code under host unit test:
 * printk to stdout, panic/BUG/ASSERT as test failures, xmalloc on malloc. */
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <cmocka.h>

#include <xen/lib.h>

unsigned long unit_rflags = 0x200UL;
char *unit_directmap_base;

void vprintk(const char *fmt, va_list args)
{
    vfprintf(stdout, fmt, args);
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
