/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor's serial port (drivers/char/ns16550.c): polled output and input. */
#ifndef XEN_SERIAL_H
#define XEN_SERIAL_H

#include <xen/types.h>

/* Programs the UART chosen by the com1=/com2= and console= options. Safe to call
 * before the heap exists; output before it is silently dropped. */
void serial_init(void);
void serial_putc(char c);
/* Returns the next received byte, or -1 when none is waiting. */
int serial_getc(void);
bool serial_present(void);
unsigned int serial_io_port(void);

#endif /* XEN_SERIAL_H */
