/* SPDX-License-Identifier: MIT */
/* x86 parts of the guest ABI: guest handles, frame numbers, and the per-vCPU and
 * per-domain architecture blocks inside vcpu_info and shared_info (64-bit). */
#ifndef __XEN_PUBLIC_ARCH_X86_XEN_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_H__

#include <stdint.h>

/* A guest pointer travels as a 64-bit value in every structure. */
#define ___DEFINE_XEN_GUEST_HANDLE(name, type) \
    typedef union { type *p; uint64_t q; } __guest_handle_ ## name
#define __DEFINE_XEN_GUEST_HANDLE(name, type) ___DEFINE_XEN_GUEST_HANDLE(name, type)
#define DEFINE_XEN_GUEST_HANDLE(name) __DEFINE_XEN_GUEST_HANDLE(name, name)
#define __XEN_GUEST_HANDLE(name) __guest_handle_ ## name
#define XEN_GUEST_HANDLE(name) __XEN_GUEST_HANDLE(name)
#define set_xen_guest_handle(hnd, val) do { (hnd).q = 0; (hnd).p = (val); } while ( 0 )

__DEFINE_XEN_GUEST_HANDLE(void, void);
__DEFINE_XEN_GUEST_HANDLE(char, char);
__DEFINE_XEN_GUEST_HANDLE(uint8, uint8_t);
__DEFINE_XEN_GUEST_HANDLE(uint32, uint32_t);
__DEFINE_XEN_GUEST_HANDLE(uint64, uint64_t);

typedef unsigned long xen_pfn_t;
typedef unsigned long xen_ulong_t;
#define PRI_xen_pfn "lx"

#define XEN_LEGACY_MAX_VCPUS 32

struct arch_vcpu_info {
    unsigned long cr2;
    unsigned long pad;
};

struct arch_shared_info {
    unsigned long max_pfn;              /* the rest is for PV guests only */
    xen_pfn_t pfn_to_mfn_frame_list_list;
    unsigned long nmi_reason;
    unsigned long p2m_cr3;
    unsigned long p2m_vaddr;
    unsigned long p2m_generation;
};

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_H__ */
