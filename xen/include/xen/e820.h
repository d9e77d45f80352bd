/* SPDX-License-Identifier: GPL-2.0-only */
/* The sanitised host memory map (arch/x86/e820.c): sorted, non-overlapping. */
#ifndef XEN_E820_H
#define XEN_E820_H

#include <xen/bootinfo.h>

struct e820map {
    unsigned int nr_map;
    struct e820entry map[BOOT_MAX_MEMMAP];
};

extern struct e820map e820;

/* Sorts the loader's map, resolves overlaps (reserved types win over RAM) and
 * merges neighbours of the same type. Pure: unit-testable. */
void e820_sanitise(struct e820map *out, const struct e820entry *in, unsigned int nr);
void e820_print(const struct e820map *m);
/* Total bytes of type E820_RAM. */
uint64_t e820_ram_bytes(const struct e820map *m);
/* One past the highest address of any RAM, ACPI or NVS region. */
uint64_t e820_max_addr(const struct e820map *m);
const char *e820_type_name(uint32_t type);

#endif /* XEN_E820_H */
