/* SPDX-License-Identifier: MIT */
/* Xen's CPUID leaves: found at the first 0x100-aligned base from 0x40000000
 * whose EBX:ECX:EDX spell "XenVMMXenVMM"; leaf numbers below are offsets. */
#ifndef __XEN_PUBLIC_ARCH_X86_CPUID_H__
#define __XEN_PUBLIC_ARCH_X86_CPUID_H__

#define XEN_CPUID_FIRST_LEAF 0x40000000
#define XEN_CPUID_LEAF(i)    (XEN_CPUID_FIRST_LEAF + (i))

/* base+0: EAX = highest Xen leaf; EBX, ECX, EDX = signature. */
#define XEN_CPUID_SIGNATURE_EBX 0x566e6558      /* "XenV" */
#define XEN_CPUID_SIGNATURE_ECX 0x65584d4d      /* "MMXe" */
#define XEN_CPUID_SIGNATURE_EDX 0x4d4d566e      /* "nVMM" */

/* base+1: EAX = major << 16 | minor. */

/* base+2: EAX = hypercall pages (1), EBX = hypercall-page MSR, ECX = flags. */
#define _XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD 0
#define XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD  (1u << 0)

/*
 * base+3: TSC. Sub-leaf 0: EAX bit 0 emulated, bit 1 host TSC reliable,
 * bit 2 RDTSCP usable; EBX tsc_mode; ECX guest kHz; EDX incarnation.
 * Sub-leaf 1: EAX:EBX offset, ECX mul, EDX shift. Sub-leaf 2: EAX host kHz.
 */

/* base+4: HVM features in EAX; EBX = vCPU id, ECX = domid when flagged. */
#define XEN_HVM_CPUID_APIC_ACCESS_VIRT (1u << 0)
#define XEN_HVM_CPUID_X2APIC_VIRT      (1u << 1)
#define XEN_HVM_CPUID_IOMMU_MAPPINGS   (1u << 2)    /* foreign maps are DMA-able */
#define XEN_HVM_CPUID_VCPU_ID_PRESENT  (1u << 3)
#define XEN_HVM_CPUID_DOMID_PRESENT    (1u << 4)
#define XEN_HVM_CPUID_EXT_DEST_ID      (1u << 5)    /* 15-bit APIC ids in MSI/RTE */
#define XEN_HVM_CPUID_UPCALL_VECTOR    (1u << 6)    /* HVMOP_set_evtchn_upcall_vector */

/* base+5 (PV): sub-leaf 0 EAX = last sub-leaf, EBX[7:0] = address width. */
#define XEN_CPUID_MACHINE_ADDRESS_WIDTH_MASK (0xffu << 0)

#define XEN_CPUID_MAX_NUM_LEAVES 5

#endif /* __XEN_PUBLIC_ARCH_X86_CPUID_H__ */
