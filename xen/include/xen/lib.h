/* SPDX-License-Identifier: GPL-2.0-only */
/* Small helpers every file needs: printk, panic, assertions, min/max, formatting.
 * Host unit tests get the same declarations; tests/unit/env supplies the bodies. */
#ifndef XEN_LIB_H
#define XEN_LIB_H

#include <xen/types.h>
#include <xen/compiler.h>

/* Log levels are carried as a prefix of the format string, as in Xen. */
#define XENLOG_ERR      "<0>"
#define XENLOG_WARNING  "<1>"
#define XENLOG_INFO     "<2>"
#define XENLOG_DEBUG    "<3>"
/* Guest-caused messages are filtered by guest_loglvl instead of loglvl. */
#define XENLOG_GUEST    "<G>"

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))
#define ROUNDUP(x, a)   (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ROUNDDOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)

#define min(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })

#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))

void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list args);
void __noreturn panic(const char *fmt, ...) __printf(1, 2);

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

unsigned long simple_strtoul(const char *cp, const char **endp, unsigned int base);
long simple_strtol(const char *cp, const char **endp, unsigned int base);
unsigned long long simple_strtoull(const char *cp, const char **endp, unsigned int base);
/* Parses "512M", "2G", "100B" (bytes) or "4096" (no suffix: KiB) as Xen does;
 * *endp points past the suffix. */
unsigned long long parse_size_and_unit(const char *s, const char **endp);

void __noreturn __bug(const char *file, int line);
void __assert_failed(const char *expr, const char *file, int line);

#define BUG() __bug(__FILE__, __LINE__)
#define BUG_ON(cond) do { if ( unlikely(cond) ) BUG(); } while ( 0 )

#ifndef NDEBUG
#define ASSERT(p) \
    do { if ( unlikely(!(p)) ) __assert_failed(#p, __FILE__, __LINE__); } while ( 0 )
#else
#define ASSERT(p) do { if ( 0 && (p) ) {} } while ( 0 )
#endif

#endif /* XEN_LIB_H */
