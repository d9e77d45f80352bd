// SPDX-License-Identifier: GPL-2.0-only
/* Console output through console_io, result keeping, and the final line. */
#include "test.h"

enum result { RESULT_SUCCESS, RESULT_SKIP, RESULT_ERROR, RESULT_FAILURE };

static const char *const result_names[] = {
    [RESULT_SUCCESS] = "SUCCESS",
    [RESULT_SKIP] = "SKIP",
    [RESULT_ERROR] = "ERROR",
    [RESULT_FAILURE] = "FAILURE",
};

static enum result result = RESULT_SUCCESS;

static void vprintk(const char *fmt, va_list ap)
{
    char buf[512];
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);

    if ( n > (int)sizeof(buf) - 1 )
        n = sizeof(buf) - 1;
    hypercall_console_io(CONSOLEIO_write, n, buf);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

static void report(enum result r, const char *fmt, va_list ap)
{
    char msg[400];

    vsnprintf(msg, sizeof(msg), fmt, ap);
    printk("%s: %s\n", result_names[r], msg);
    if ( r > result )
        result = r;
}

void test_fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report(RESULT_FAILURE, fmt, ap);
    va_end(ap);
}

void test_skip(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report(RESULT_SKIP, fmt, ap);
    va_end(ap);
}

void test_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report(RESULT_ERROR, fmt, ap);
    va_end(ap);
}

void test_finish(void)
{
    struct sched_shutdown sd = { .reason = SHUTDOWN_poweroff };

    printk("Test result: %s\n", result_names[result]);
    hypercall_sched_op(SCHEDOP_shutdown, &sd);
    for ( ;; )
        asm volatile ("cli; hlt");
}
