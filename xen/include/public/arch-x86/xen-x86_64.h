/* SPDX-License-Identifier: MIT */
/* The 64-bit x86 pieces: hypercall registers, PV segment and address-space
 * constants, the guest register frame and the per-vCPU arch block. */
#ifndef __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__

/*
 * Hypercall: number in RAX, arguments in RDI, RSI, RDX, R10, R8 (R9 for a
 * sixth in multicall entries), result in RAX. The guest issues VMCALL/VMMCALL
 * directly or calls hypercall_page + 32 * number. Arguments may be clobbered.
 */

/* Flat selectors in the Xen-reserved part of a PV guest's GDT. */
#define FLAT_RING3_CS32 0xe023
#define FLAT_RING3_CS64 0xe033
#define FLAT_RING3_DS32 0xe02b
#define FLAT_RING3_DS64 0x0000
#define FLAT_RING3_SS32 0xe02b
#define FLAT_RING3_SS64 0xe02b

#define FLAT_KERNEL_DS64 FLAT_RING3_DS64
#define FLAT_KERNEL_DS32 FLAT_RING3_DS32
#define FLAT_KERNEL_DS   FLAT_KERNEL_DS64
#define FLAT_KERNEL_CS64 FLAT_RING3_CS64
#define FLAT_KERNEL_CS32 FLAT_RING3_CS32
#define FLAT_KERNEL_CS   FLAT_KERNEL_CS64
#define FLAT_KERNEL_SS64 FLAT_RING3_SS64
#define FLAT_KERNEL_SS32 FLAT_RING3_SS32
#define FLAT_KERNEL_SS   FLAT_KERNEL_SS64
#define FLAT_USER_DS64   FLAT_RING3_DS64
#define FLAT_USER_DS32   FLAT_RING3_DS32
#define FLAT_USER_DS     FLAT_USER_DS64
#define FLAT_USER_CS64   FLAT_RING3_CS64
#define FLAT_USER_CS32   FLAT_RING3_CS32
#define FLAT_USER_CS     FLAT_USER_CS64
#define FLAT_USER_SS64   FLAT_RING3_SS64
#define FLAT_USER_SS32   FLAT_RING3_SS32
#define FLAT_USER_SS     FLAT_USER_SS64

/* The hole a PV guest must leave for Xen, and the M2P table inside it. */
#define __HYPERVISOR_VIRT_START 0xFFFF800000000000
#define __HYPERVISOR_VIRT_END   0xFFFF880000000000
#define __MACH2PHYS_VIRT_START  0xFFFF800000000000
#define __MACH2PHYS_VIRT_END    0xFFFF804000000000

#ifndef __ASSEMBLY__

#include <stdint.h>

#ifndef HYPERVISOR_VIRT_START
#define HYPERVISOR_VIRT_START xen_mk_ulong(__HYPERVISOR_VIRT_START)
#define HYPERVISOR_VIRT_END   xen_mk_ulong(__HYPERVISOR_VIRT_END)
#endif
#define MACH2PHYS_VIRT_START  xen_mk_ulong(__MACH2PHYS_VIRT_START)
#define MACH2PHYS_VIRT_END    xen_mk_ulong(__MACH2PHYS_VIRT_END)
#define MACH2PHYS_NR_ENTRIES  ((MACH2PHYS_VIRT_END - MACH2PHYS_VIRT_START) >> 3)

/* set_segment_base(which, base). */
#define SEGBASE_FS          0
#define SEGBASE_GS_USER     1
#define SEGBASE_GS_KERNEL   2
#define SEGBASE_GS_USER_SEL 3

/* The PV iret hypercall pops this frame from the guest kernel stack. */
#define _VGCF_in_syscall 8
#define VGCF_in_syscall  (1 << _VGCF_in_syscall)
#define VGCF_IN_SYSCALL  VGCF_in_syscall
struct iret_context {
    uint64_t rax, r11, rcx, flags, rip, cs, rflags, rsp, ss;
};

/*
 * The guest-visible register frame (vcpu_guest_context.user_regs), 200 bytes.
 * Xen calls the structure "struct cpu_user_regs"; here the tag is prefixed
 * because the hypervisor's own exception frame owns that name. The typedef
 * keeps Xen's name. Only the 64-bit register names are provided.
 */
struct xen_cpu_user_regs {
    uint64_t r15, r14, r13, r12;
    uint64_t rbp, rbx;
    uint64_t r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi;
    uint32_t error_code;        /* private to Xen */
    uint32_t entry_vector;      /* private to Xen */
    uint64_t rip;
    uint16_t cs, _pad0[1];
    uint8_t  saved_upcall_mask;
    uint8_t  _pad1[3];
    uint64_t rflags;            /* IF mirrors !saved_upcall_mask for PV */
    uint64_t rsp;
    uint16_t ss, _pad2[3];
    uint16_t es, _pad3[3];
    uint16_t ds, _pad4[3];
    uint16_t fs, _pad5[3];      /* non-zero selector overrides fs_base */
    uint16_t gs, _pad6[3];      /* non-zero selector overrides gs_base_user */
};
typedef struct xen_cpu_user_regs cpu_user_regs_t;

#define xen_pfn_to_cr3(pfn) ((unsigned long)(pfn) << 12)
#define xen_cr3_to_pfn(cr3) ((unsigned long)(cr3) >> 12)

/* Keeps sizeof(struct vcpu_info) at 64. */
struct arch_vcpu_info {
    unsigned long cr2;
    unsigned long pad;
};
typedef struct arch_vcpu_info arch_vcpu_info_t;

typedef unsigned long xen_callback_t;

#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__ */
