/* SPDX-License-Identifier: MIT */
/* The PVH boot protocol: what EBX points at when a PVH guest starts, in
 * 32-bit protected mode with paging off. 0 in an address field means absent. */
#ifndef __XEN_PUBLIC_ARCH_X86_HVM_START_INFO_H__
#define __XEN_PUBLIC_ARCH_X86_HVM_START_INFO_H__

#include <stdint.h>
#include "../../xen-compat.h"

#define XEN_HVM_START_MAGIC_VALUE   0x336ec578

#define XEN_HVM_MEMMAP_TYPE_RAM         1
#define XEN_HVM_MEMMAP_TYPE_RESERVED    2
#define XEN_HVM_MEMMAP_TYPE_ACPI        3
#define XEN_HVM_MEMMAP_TYPE_NVS         4
#define XEN_HVM_MEMMAP_TYPE_UNUSABLE    5
#define XEN_HVM_MEMMAP_TYPE_DISABLED    6
#define XEN_HVM_MEMMAP_TYPE_PMEM        7

/* Version 0 ends after rsdp_paddr; version 1 adds the memory map. */
struct hvm_start_info {
    uint32_t magic;
    uint32_t version;
    uint32_t flags;                 /* SIF_* */
    uint32_t nr_modules;
    uint64_t modlist_paddr;         /* array of hvm_modlist_entry */
    uint64_t cmdline_paddr;         /* NUL-terminated; 0: none */
    uint64_t rsdp_paddr;            /* 0: search the legacy BIOS area */
    uint64_t memmap_paddr;          /* array of hvm_memmap_table_entry */
    uint32_t memmap_entries;
    uint32_t reserved;
};
XEN_ABI_SIZE(struct hvm_start_info, 56);
XEN_ABI_OFFSET(struct hvm_start_info, modlist_paddr, 16);
XEN_ABI_OFFSET(struct hvm_start_info, rsdp_paddr, 32);
XEN_ABI_OFFSET(struct hvm_start_info, memmap_paddr, 40);
XEN_ABI_OFFSET(struct hvm_start_info, memmap_entries, 48);

struct hvm_modlist_entry {
    uint64_t paddr;
    uint64_t size;
    uint64_t cmdline_paddr;
    uint64_t reserved;
};
XEN_ABI_SIZE(struct hvm_modlist_entry, 32);

struct hvm_memmap_table_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
    uint32_t reserved;
};
XEN_ABI_SIZE(struct hvm_memmap_table_entry, 24);
XEN_ABI_OFFSET(struct hvm_memmap_table_entry, type, 16);

#endif /* __XEN_PUBLIC_ARCH_X86_HVM_START_INFO_H__ */
