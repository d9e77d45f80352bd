/* SPDX-License-Identifier: MIT */
/* x86 parts of the guest ABI: guest handles, frame numbers, the PV trap table
 * and vCPU context, and the per-domain arch block of shared_info. */
#ifndef __XEN_PUBLIC_ARCH_X86_XEN_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_H__

#include "../xen-compat.h"

#ifndef __ASSEMBLY__
#include <stdint.h>

/*
 * A guest handle is a guest virtual address carried in a structure. It is
 * always 64 bits wide; .p gives a typed pointer to code that shares the
 * guest's address space, .q the raw value to code (the hypervisor) that
 * does not. Every DEFINE also makes the const_<name> variant.
 */
#define ___DEFINE_XEN_GUEST_HANDLE(name, type) \
    typedef union { type *p; uint64_t q; } __guest_handle_ ## name
#define __DEFINE_XEN_GUEST_HANDLE(name, type) \
    ___DEFINE_XEN_GUEST_HANDLE(name, type); \
    ___DEFINE_XEN_GUEST_HANDLE(const_ ## name, const type)
#define DEFINE_XEN_GUEST_HANDLE(name)   __DEFINE_XEN_GUEST_HANDLE(name, name)
#define __XEN_GUEST_HANDLE(name)        __guest_handle_ ## name
#define XEN_GUEST_HANDLE(name)          __XEN_GUEST_HANDLE(name)
#define XEN_GUEST_HANDLE_PARAM(name)    XEN_GUEST_HANDLE(name)
#define set_xen_guest_handle_raw(hnd, val) \
    do { (hnd).q = 0; (hnd).p = (val); } while ( 0 )
#define set_xen_guest_handle(hnd, val)  set_xen_guest_handle_raw(hnd, val)
#define get_xen_guest_handle(val, hnd)  do { (val) = (hnd).p; } while ( 0 )
#endif /* !__ASSEMBLY__ */

#include "xen-x86_64.h"

#ifndef __ASSEMBLY__
typedef unsigned long xen_pfn_t;
#define PRI_xen_pfn "lx"
typedef unsigned long xen_ulong_t;
#define PRI_xen_ulong "lx"
#endif

/* This architecture has PV guests: start_info and the upcall mask exist. */
#define XEN_HAVE_PV_GUEST_ENTRY 1
#define XEN_HAVE_PV_UPCALL_MASK 1

/* Xen keeps the GDT's last pages from entry 14 * 512 on for itself. */
#define FIRST_RESERVED_GDT_PAGE  14
#define FIRST_RESERVED_GDT_BYTE  (FIRST_RESERVED_GDT_PAGE * 4096)
#define FIRST_RESERVED_GDT_ENTRY (FIRST_RESERVED_GDT_BYTE / 8)

/* vCPUs with a vcpu_info slot inside shared_info. */
#define XEN_LEGACY_MAX_VCPUS 32

#ifndef __ASSEMBLY__

/* set_trap_table entries (PV); the table ends with address == 0. */
#define TI_GET_DPL(_ti)      ((_ti)->flags & 3)
#define TI_GET_IF(_ti)       ((_ti)->flags & 4)
#define TI_SET_DPL(_ti, _dpl) ((_ti)->flags |= (_dpl))
#define TI_SET_IF(_ti, _if)  ((_ti)->flags |= ((!!(_if)) << 2))
struct trap_info {
    uint8_t       vector;
    uint8_t       flags;        /* bits 0-1: DPL; bit 2: clear event mask */
    uint16_t      cs;
    unsigned long address;
};
typedef struct trap_info trap_info_t;

typedef uint64_t tsc_timestamp_t;

/* Flags in vcpu_guest_context.flags. */
#define VGCF_I387_VALID                (1 << 0)
#define VGCF_IN_KERNEL                 (1 << 2)
#define _VGCF_i387_valid               0
#define VGCF_i387_valid                (1 << _VGCF_i387_valid)
#define _VGCF_in_kernel                2
#define VGCF_in_kernel                 (1 << _VGCF_in_kernel)
#define _VGCF_failsafe_disables_events 3
#define VGCF_failsafe_disables_events  (1 << _VGCF_failsafe_disables_events)
#define _VGCF_syscall_disables_events  4
#define VGCF_syscall_disables_events   (1 << _VGCF_syscall_disables_events)
#define _VGCF_online                   5
#define VGCF_online                    (1 << _VGCF_online)

/*
 * Full vCPU state (5168 bytes) for DOMCTL_setvcpucontext and the PV form of
 * VCPUOP_initialise. HVM/PVH consumers read only fpu_ctxt (with
 * VGCF_i387_valid), flags, user_regs and debugreg; PVH also ctrlreg[3].
 */
struct vcpu_guest_context {
    struct { char x[512]; } fpu_ctxt;       /* FXSAVE image, 16-aligned */
    unsigned long flags;                    /* VGCF_* */
    struct xen_cpu_user_regs user_regs;
    struct trap_info trap_ctxt[256];
    unsigned long ldt_base, ldt_ents;
    unsigned long gdt_frames[16], gdt_ents;
    unsigned long kernel_ss, kernel_sp;
    unsigned long ctrlreg[8];               /* user page table in ctrlreg[1] */
    unsigned long debugreg[8];
    unsigned long event_callback_eip;
    unsigned long failsafe_callback_eip;
    unsigned long syscall_callback_eip;
    unsigned long vm_assist;                /* bitmap of VMASST_TYPE_* */
    uint64_t      fs_base;
    uint64_t      gs_base_kernel;
    uint64_t      gs_base_user;
};
typedef struct vcpu_guest_context vcpu_guest_context_t;

/* Only max_pfn matters to PVH; the rest describes a PV guest's p2m. */
struct arch_shared_info {
    unsigned long max_pfn;
    xen_pfn_t     pfn_to_mfn_frame_list_list;
    unsigned long nmi_reason;               /* XEN_NMIREASON_* */
    unsigned long p2m_cr3;
    unsigned long p2m_vaddr;
    unsigned long p2m_generation;           /* odd while the p2m changes */
};
typedef struct arch_shared_info arch_shared_info_t;

XEN_ABI_SIZE(struct xen_cpu_user_regs, 200);
XEN_ABI_OFFSET(struct xen_cpu_user_regs, rip, 128);
XEN_ABI_OFFSET(struct xen_cpu_user_regs, rflags, 144);
XEN_ABI_OFFSET(struct xen_cpu_user_regs, gs, 192);
XEN_ABI_SIZE(struct trap_info, 16);
XEN_ABI_SIZE(struct arch_vcpu_info, 16);
XEN_ABI_SIZE(struct arch_shared_info, 48);
XEN_ABI_OFFSET(struct vcpu_guest_context, user_regs, 520);
XEN_ABI_OFFSET(struct vcpu_guest_context, trap_ctxt, 720);
XEN_ABI_OFFSET(struct vcpu_guest_context, ctrlreg, 4984);
XEN_ABI_OFFSET(struct vcpu_guest_context, debugreg, 5048);
XEN_ABI_SIZE(struct vcpu_guest_context, 5168);

#endif /* !__ASSEMBLY__ */

/* A ud2a-based prefix that makes Xen emulate the next CPUID (PV guests). */
#ifdef __ASSEMBLY__
#define XEN_EMULATE_PREFIX .byte 0x0f,0x0b,0x78,0x65,0x6e ;
#define XEN_CPUID          XEN_EMULATE_PREFIX cpuid
#else
#define XEN_EMULATE_PREFIX ".byte 0x0f,0x0b,0x78,0x65,0x6e ; "
#define XEN_CPUID          XEN_EMULATE_PREFIX "cpuid"
#endif

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_H__ */
