/* SPDX-License-Identifier: GPL-2.0-only */
/* What the boot loader told us, copied out of its structures (which live in memory
 * we later reuse): command line, memory map, modules, and the ACPI RSDP if given. */
#ifndef XEN_BOOTINFO_H
#define XEN_BOOTINFO_H

#include <xen/types.h>

#define BOOT_MAX_MEMMAP     128
#define BOOT_MAX_MODULES    16
#define BOOT_CMDLINE_LEN    1024
#define BOOT_MODSTR_LEN     1024

/* e820 types, as the BIOS and both multiboot versions number them. */
#define E820_RAM        1
#define E820_RESERVED   2
#define E820_ACPI       3
#define E820_NVS        4
#define E820_UNUSABLE   5

struct e820entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
};

struct boot_module {
    paddr_t start;
    paddr_t end;                        /* exclusive */
    char cmdline[BOOT_MODSTR_LEN];
};

struct boot_info {
    const char *loader;                 /* "multiboot1" or "multiboot2" */
    char boot_loader_name[64];
    char cmdline[BOOT_CMDLINE_LEN];
    unsigned int nr_map;
    struct e820entry map[BOOT_MAX_MEMMAP];
    unsigned int nr_modules;
    struct boot_module modules[BOOT_MAX_MODULES];
    uint8_t rsdp[36];                   /* copy of the RSDP from a multiboot2 ACPI tag */
    unsigned int rsdp_len;              /* 0: scan the BIOS areas instead */
};

/* Fills bi from the loader's structures at physical address info (identity-mapped).
 * Returns 0, or -EINVAL for an unknown magic (then bi->loader is NULL). */
int multiboot_parse(struct boot_info *bi, uint32_t magic, paddr_t info);

struct e820map;
/* Moves the modules to the top of RAM (arch/x86/boot_modules.c); needs the
 * direct map and must run before the boot allocator is given any RAM. */
void boot_modules_relocate(struct boot_info *bi, const struct e820map *map);

#endif /* XEN_BOOTINFO_H */
