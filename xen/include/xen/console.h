/* SPDX-License-Identifier: GPL-2.0-only */
/* The console: printk's sink, the ring buffer behind `xl dmesg`, log-level filtering,
 * and routing of serial input to debug keys (or, later, to dom0). */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

#include <xen/types.h>

void console_init(void);
/* Polls the serial line every few milliseconds once timers run. */
void console_start_input(void);
/* Feeds one received character: Ctrl-A three times switches the input target. */
void console_rx_char(char c);
/* Copies up to len bytes of the ring, oldest first, starting at *index; advances it. */
size_t console_ring_read(char *buf, size_t len, uint64_t *index);
/* Writes a guest's console_io text unchanged (the hardware domain's). */
void console_write_raw(const char *s, size_t n);
/* Takes typed characters queued for the hardware domain. */
size_t console_input_read(char *buf, size_t len);
/* Called when such characters arrive (raises VIRQ_CONSOLE once that exists). */
extern void (*console_input_notify)(void);
/* Called by panic paths so output is not lost behind a held lock. */
void console_force_unlock(void);

#endif /* XEN_CONSOLE_H */
