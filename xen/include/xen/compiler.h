/* SPDX-License-Identifier: GPL-2.0-only */
/* Compiler attributes and helpers used across the hypervisor. */
#ifndef XEN_COMPILER_H
#define XEN_COMPILER_H

#define likely(x)       __builtin_expect(!!(x), 1)
#define unlikely(x)     __builtin_expect(!!(x), 0)
#define __packed        __attribute__((packed))
#define __aligned(a)    __attribute__((aligned(a)))
#define __section(s)    __attribute__((section(s)))
#define __used          __attribute__((used))
#define __maybe_unused  __attribute__((unused))
#define __noreturn      __attribute__((noreturn))
#define __printf(a, b)  __attribute__((format(printf, a, b)))
#define noinline        __attribute__((noinline))

#define barrier()       __asm__ __volatile__("" ::: "memory")
#define ACCESS_ONCE(x)  (*(volatile __typeof__(x) *)&(x))
#define READ_ONCE(x)    ACCESS_ONCE(x)
#define WRITE_ONCE(x, v) (ACCESS_ONCE(x) = (v))

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)

#endif /* XEN_COMPILER_H */
