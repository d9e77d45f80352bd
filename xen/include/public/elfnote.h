/* SPDX-License-Identifier: MIT */
/* Types of the ELF notes, owner "Xen", by which a kernel tells the domain
 * builder how to boot it. Numbers and meanings are Xen's. */
#ifndef __XEN_PUBLIC_ELFNOTE_H__
#define __XEN_PUBLIC_ELFNOTE_H__

/* Descriptors are strings or little-endian numbers of 1, 2, 4 or 8 bytes. */

#define XEN_ELFNOTE_INFO               0   /* string, legacy NAME=VALUE */
#define XEN_ELFNOTE_ENTRY              1   /* number: PV virtual entry point */
#define XEN_ELFNOTE_HYPERCALL_PAGE     2   /* number: VA of the hypercall page */
#define XEN_ELFNOTE_VIRT_BASE          3   /* number: VA the image maps at */
#define XEN_ELFNOTE_PADDR_OFFSET       4   /* number: p_paddr minus real paddr */
#define XEN_ELFNOTE_XEN_VERSION        5   /* string, "xen-3.0" for PV */
#define XEN_ELFNOTE_GUEST_OS           6   /* string */
#define XEN_ELFNOTE_GUEST_VERSION      7   /* string */
#define XEN_ELFNOTE_LOADER             8   /* string, "generic" */
#define XEN_ELFNOTE_PAE_MODE           9   /* string, "yes" or "no" */
#define XEN_ELFNOTE_FEATURES          10   /* string, '|'-separated, '!' = required */
#define XEN_ELFNOTE_BSD_SYMTAB        11   /* string, "yes" or "no" */
#define XEN_ELFNOTE_HV_START_LOW      12   /* number: lowest start of the Xen hole */
#define XEN_ELFNOTE_L1_MFN_VALID      13   /* array of mask/value pairs */
#define XEN_ELFNOTE_SUSPEND_CANCEL    14   /* number: cooperative suspend cancel */
#define XEN_ELFNOTE_INIT_P2M          15   /* number: VA for the initial p2m */
#define XEN_ELFNOTE_MOD_START_PFN     16   /* number: initrd may be unmapped */
#define XEN_ELFNOTE_SUPPORTED_FEATURES 17  /* number: XENFEAT_* bitmap */
#define XEN_ELFNOTE_PHYS32_ENTRY      18   /* number: 32-bit PVH entry, paging off */

#define XEN_ELFNOTE_MAX XEN_ELFNOTE_PHYS32_ENTRY

/* Written by Xen itself into crash dumps, never read from a kernel. */
#define XEN_ELFNOTE_CRASH_INFO        0x1000001
#define XEN_ELFNOTE_CRASH_REGS        0x1000002

/* Written by the toolstack into domain core dumps. */
#define XEN_ELFNOTE_DUMPCORE_NONE             0x2000000
#define XEN_ELFNOTE_DUMPCORE_HEADER           0x2000001
#define XEN_ELFNOTE_DUMPCORE_XEN_VERSION      0x2000002
#define XEN_ELFNOTE_DUMPCORE_FORMAT_VERSION   0x2000003

#endif /* __XEN_PUBLIC_ELFNOTE_H__ */
