/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a test kernel sees. A test defines test_main(); the library has by
 * then entered long mode, found Xen and set up the hypercall page. Results
 * only escalate: SUCCESS < SKIP < ERROR < FAILURE. FAILURE means the
 * hypervisor is wrong, ERROR that the test itself broke (an unexpected
 * exception, a missing prerequisite). The last line a test prints is
 * "Test result: <RESULT>", then it powers the domain off.
 */
#ifndef GUEST_TEST_H
#define GUEST_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu.h"
#include "hypercall.h"
#include "xen.h"

#define __printf(a, b) __attribute__((format(printf, a, b)))

void test_main(void);

void test_fail(const char *fmt, ...) __printf(1, 2);
void test_skip(const char *fmt, ...) __printf(1, 2);
void test_error(const char *fmt, ...) __printf(1, 2);
/* Ends the test now with the worst result so far. */
void test_finish(void) __attribute__((noreturn));

/* Base of Xen's CPUID leaves (0x40000000 or 0x40000100 with Viridian). */
extern uint32_t xen_cpuid_base;
extern const struct hvm_start_info *start_info;

/* Formatting and output to the Xen console (console_io write). */
void printk(const char *fmt, ...) __printf(1, 2);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
char *strstr(const char *hay, const char *needle);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Addresses a guest cannot hand to Xen: not mapped in our page tables
 * (we map only 0-4 GiB, so neither the low nor the upper half beyond),
 * and mapped by us but with no RAM behind it in our p2m (host RAM beyond
 * dom0_mem=64M). No non-canonical address: Xen 4.17 ignores bits 63:48
 * of a guest pointer, so 0x8000000000000000 reaches linear address 0. */
#define BAD_VA_UNMAPPED         ((void *)(1ul << 40))
#define BAD_VA_UPPER_HALF       ((void *)0xffff800000000000ul)
#define BAD_VA_NO_RAM           ((void *)0x1f000000ul)

#endif /* GUEST_TEST_H */
