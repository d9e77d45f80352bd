/* SPDX-License-Identifier: GPL-2.0-only */
/* The fake libxencall's test interface (fake_xencall.c). */
#ifndef FAKE_XENCALL_H
#define FAKE_XENCALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Returns what the hypervisor would: >= 0, or -errno. */
typedef long fake_hypercall_fn(unsigned int op, const uint64_t args[5]);

void fake_xencall_set_handler(fake_hypercall_fn *fn);
/* True if [addr, addr + len) lies inside one live hypercall buffer. */
bool fake_in_buffer(uint64_t addr, size_t len);
extern unsigned int fake_live_buffers;

#endif /* FAKE_XENCALL_H */
