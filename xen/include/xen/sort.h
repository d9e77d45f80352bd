/* SPDX-License-Identifier: GPL-2.0-only */
/* In-place heapsort of an array (xen/lib/sort.c): O(n log n) worst case, no
 * allocation and no recursion, so it is safe on small hypervisor stacks. */
#ifndef XEN_SORT_H
#define XEN_SORT_H

#include <xen/types.h>

/* swap may be NULL, in which case elements are exchanged byte by byte. */
void sort(void *base, size_t num, size_t size,
          int (*cmp)(const void *a, const void *b),
          void (*swap)(void *a, void *b, size_t size));

#endif /* XEN_SORT_H */
