/* SPDX-License-Identifier: GPL-2.0-only */
/* The hypervisor's virtual memory layout and build-wide limits.
 *
 *   0x0000000000000000 - 0x00000000ffffffff  identity map of the low 4 GiB (boot and AP start only)
 *   0xffff830000000000 - 0xffff87ffffffffff  direct map of all RAM (5 TiB window), see maddr_to_virt()
 *   0xffffffff80000000 - 0xffffffffbfffffff  the image: phys 0..1 GiB, the image itself loaded at 2 MiB
 *
 * The image sits in the top 2 GiB so that it can be built with -mcmodel=kernel. */
#ifndef ASM_X86_CONFIG_H
#define ASM_X86_CONFIG_H

#define XEN_VIRT_START      0xffffffff80000000
#define XEN_LOAD_ADDR       0x00200000          /* physical address the image is linked for */
#define DIRECTMAP_VIRT_START 0xffff830000000000
#define DIRECTMAP_SIZE      0x0000050000000000  /* 5 TiB */

#define NR_CPUS             64
#define STACK_ORDER         3                   /* 32 KiB per-CPU stacks */
#define STACK_SIZE          (4096 << STACK_ORDER)

#endif /* ASM_X86_CONFIG_H */
