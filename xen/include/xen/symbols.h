/* SPDX-License-Identifier: GPL-2.0-only */
/* Address-to-symbol lookup over the table embedded at link time (common/symbols.c). */
#ifndef XEN_SYMBOLS_H
#define XEN_SYMBOLS_H

#include <xen/types.h>

/* Writes "name+0xoff/0xsize" for addr into buf, or "0x<addr>" when no symbol covers it.
 * Returns the number of characters written (excluding the NUL). */
int symbol_format(char *buf, size_t len, unsigned long addr);

#endif /* XEN_SYMBOLS_H */
