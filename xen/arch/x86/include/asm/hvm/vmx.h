/* SPDX-License-Identifier: GPL-2.0-only */
/* Intel VMX: capability MSRs, control bits, VMCS field encodings and exit reasons
 * (numbers from the SDM, volume 3, appendices A to C), and the pure capability
 * computation in hvm/vmx/caps.c. */
#ifndef ASM_X86_HVM_VMX_H
#define ASM_X86_HVM_VMX_H

#include <xen/types.h>

/* ---- capability MSRs ---- */
#define MSR_IA32_VMX_BASIC              0x480
#define MSR_IA32_VMX_PINBASED_CTLS      0x481
#define MSR_IA32_VMX_PROCBASED_CTLS     0x482
#define MSR_IA32_VMX_EXIT_CTLS          0x483
#define MSR_IA32_VMX_ENTRY_CTLS         0x484
#define MSR_IA32_VMX_MISC               0x485
#define MSR_IA32_VMX_CR0_FIXED0         0x486
#define MSR_IA32_VMX_CR0_FIXED1         0x487
#define MSR_IA32_VMX_CR4_FIXED0         0x488
#define MSR_IA32_VMX_CR4_FIXED1         0x489
#define MSR_IA32_VMX_PROCBASED_CTLS2    0x48b
#define MSR_IA32_VMX_EPT_VPID_CAP       0x48c
#define MSR_IA32_VMX_TRUE_PINBASED_CTLS 0x48d
#define MSR_IA32_VMX_TRUE_PROCBASED_CTLS 0x48e
#define MSR_IA32_VMX_TRUE_EXIT_CTLS     0x48f
#define MSR_IA32_VMX_TRUE_ENTRY_CTLS    0x490

#define FEATURE_CONTROL_LOCKED          (1u << 0)
#define FEATURE_CONTROL_VMX_OUTSIDE_SMX (1u << 2)

#define VMX_BASIC_REVISION_MASK         0x7fffffffULL
#define VMX_BASIC_SIZE_SHIFT            32
#define VMX_BASIC_32BIT_ADDRESSES       (1ULL << 48)
#define VMX_BASIC_MEMTYPE_SHIFT         50
#define VMX_BASIC_IO_INSN_INFO          (1ULL << 54)
#define VMX_BASIC_TRUE_CTLS             (1ULL << 55)

#define VMX_EPT_WALK_4                  (1ULL << 6)
#define VMX_EPT_MEMTYPE_WB              (1ULL << 14)
#define VMX_EPT_2MB                     (1ULL << 16)
#define VMX_EPT_1GB                     (1ULL << 17)
#define VMX_EPT_INVEPT                  (1ULL << 20)
#define VMX_EPT_INVEPT_SINGLE           (1ULL << 25)
#define VMX_EPT_INVEPT_ALL              (1ULL << 26)
#define VMX_VPID_INVVPID                (1ULL << 32)
#define VMX_VPID_INVVPID_SINGLE         (1ULL << 41)
#define VMX_VPID_INVVPID_ALL            (1ULL << 42)

/* ---- execution controls ---- */
#define PIN_EXT_INTR_EXITING            (1u << 0)
#define PIN_NMI_EXITING                 (1u << 3)
#define PIN_VIRTUAL_NMIS                (1u << 5)

#define PROC_INTR_WINDOW_EXITING        (1u << 2)
#define PROC_TSC_OFFSETTING             (1u << 3)
#define PROC_HLT_EXITING                (1u << 7)
#define PROC_INVLPG_EXITING             (1u << 9)
#define PROC_MWAIT_EXITING              (1u << 10)
#define PROC_RDPMC_EXITING              (1u << 11)
#define PROC_RDTSC_EXITING              (1u << 12)
#define PROC_CR3_LOAD_EXITING           (1u << 15)
#define PROC_CR3_STORE_EXITING          (1u << 16)
#define PROC_CR8_LOAD_EXITING           (1u << 19)
#define PROC_CR8_STORE_EXITING          (1u << 20)
#define PROC_TPR_SHADOW                 (1u << 21)
#define PROC_NMI_WINDOW_EXITING         (1u << 22)
#define PROC_MOV_DR_EXITING             (1u << 23)
#define PROC_UNCOND_IO_EXITING          (1u << 24)
#define PROC_IO_BITMAPS                 (1u << 25)
#define PROC_MONITOR_TRAP_FLAG          (1u << 27)
#define PROC_MSR_BITMAPS                (1u << 28)
#define PROC_MONITOR_EXITING            (1u << 29)
#define PROC_PAUSE_EXITING              (1u << 30)
#define PROC_SECONDARY                  (1u << 31)

#define PROC2_VIRT_APIC_ACCESS          (1u << 0)
#define PROC2_EPT                       (1u << 1)
#define PROC2_DESC_TABLE_EXITING        (1u << 2)
#define PROC2_RDTSCP                    (1u << 3)
#define PROC2_VPID                      (1u << 5)
#define PROC2_WBINVD_EXITING            (1u << 6)
#define PROC2_UNRESTRICTED_GUEST        (1u << 7)
#define PROC2_INVPCID                   (1u << 12)
#define PROC2_XSAVES                    (1u << 20)

#define EXIT_SAVE_DEBUG_CTLS            (1u << 2)
#define EXIT_HOST_ADDR_SPACE_64         (1u << 9)
#define EXIT_ACK_INTR_ON_EXIT           (1u << 15)
#define EXIT_SAVE_PAT                   (1u << 18)
#define EXIT_LOAD_PAT                   (1u << 19)
#define EXIT_SAVE_EFER                  (1u << 20)
#define EXIT_LOAD_EFER                  (1u << 21)

#define ENTRY_LOAD_DEBUG_CTLS           (1u << 2)
#define ENTRY_IA32E_MODE                (1u << 9)
#define ENTRY_LOAD_PAT                  (1u << 14)
#define ENTRY_LOAD_EFER                 (1u << 15)

/* ---- VMCS fields ---- */
enum vmcs_field {
    VPID                        = 0x0000,
    GUEST_ES_SELECTOR           = 0x0800,   /* ES CS SS DS FS GS LDTR TR, step 2 */
    HOST_ES_SELECTOR            = 0x0c00,
    HOST_CS_SELECTOR            = 0x0c02,
    HOST_SS_SELECTOR            = 0x0c04,
    HOST_DS_SELECTOR            = 0x0c06,
    HOST_FS_SELECTOR            = 0x0c08,
    HOST_GS_SELECTOR            = 0x0c0a,
    HOST_TR_SELECTOR            = 0x0c0c,
    IO_BITMAP_A                 = 0x2000,
    IO_BITMAP_B                 = 0x2002,
    MSR_BITMAP                  = 0x2004,
    EPT_POINTER                 = 0x201a,
    GUEST_PHYSICAL_ADDRESS      = 0x2400,
    VMCS_LINK_POINTER           = 0x2800,
    GUEST_IA32_DEBUGCTL         = 0x2802,
    GUEST_IA32_PAT              = 0x2804,
    GUEST_IA32_EFER             = 0x2806,
    GUEST_PDPTE0                = 0x280a,   /* PDPTE0..3, step 2 */
    HOST_IA32_PAT               = 0x2c00,
    HOST_IA32_EFER              = 0x2c02,
    PIN_BASED_CONTROLS          = 0x4000,
    PROC_BASED_CONTROLS         = 0x4002,
    EXCEPTION_BITMAP            = 0x4004,
    CR3_TARGET_COUNT            = 0x400a,
    EXIT_CONTROLS               = 0x400c,
    EXIT_MSR_STORE_COUNT        = 0x400e,
    EXIT_MSR_LOAD_COUNT         = 0x4010,
    ENTRY_CONTROLS              = 0x4012,
    ENTRY_MSR_LOAD_COUNT        = 0x4014,
    ENTRY_INTR_INFO             = 0x4016,
    ENTRY_EXCEPTION_ERROR_CODE  = 0x4018,
    ENTRY_INSN_LEN              = 0x401a,
    PROC_BASED_CONTROLS2        = 0x401e,
    VM_INSTRUCTION_ERROR        = 0x4400,
    EXIT_REASON                 = 0x4402,
    EXIT_INTR_INFO              = 0x4404,
    EXIT_INTR_ERROR_CODE        = 0x4406,
    IDT_VECTORING_INFO          = 0x4408,
    IDT_VECTORING_ERROR_CODE    = 0x440a,
    EXIT_INSN_LEN               = 0x440c,
    EXIT_INSN_INFO              = 0x440e,
    GUEST_ES_LIMIT              = 0x4800,   /* ES..TR, step 2 */
    GUEST_GDTR_LIMIT            = 0x4810,
    GUEST_IDTR_LIMIT            = 0x4812,
    GUEST_ES_AR                 = 0x4814,   /* ES..TR, step 2 */
    GUEST_INTERRUPTIBILITY      = 0x4824,
    GUEST_ACTIVITY_STATE        = 0x4826,
    GUEST_SYSENTER_CS           = 0x482a,
    HOST_SYSENTER_CS            = 0x4c00,
    CR0_GUEST_HOST_MASK         = 0x6000,
    CR4_GUEST_HOST_MASK         = 0x6002,
    CR0_READ_SHADOW             = 0x6004,
    CR4_READ_SHADOW             = 0x6006,
    EXIT_QUALIFICATION          = 0x6400,
    GUEST_LINEAR_ADDRESS        = 0x640a,
    GUEST_CR0                   = 0x6800,
    GUEST_CR3                   = 0x6802,
    GUEST_CR4                   = 0x6804,
    GUEST_ES_BASE               = 0x6806,   /* ES..TR, step 2 */
    GUEST_GDTR_BASE             = 0x6816,
    GUEST_IDTR_BASE             = 0x6818,
    GUEST_DR7                   = 0x681a,
    GUEST_RSP                   = 0x681c,
    GUEST_RIP                   = 0x681e,
    GUEST_RFLAGS                = 0x6820,
    GUEST_PENDING_DBG           = 0x6822,
    GUEST_SYSENTER_ESP          = 0x6824,
    GUEST_SYSENTER_EIP          = 0x6826,
    HOST_CR0                    = 0x6c00,
    HOST_CR3                    = 0x6c02,
    HOST_CR4                    = 0x6c04,
    HOST_FS_BASE                = 0x6c06,
    HOST_GS_BASE                = 0x6c08,
    HOST_TR_BASE                = 0x6c0a,
    HOST_GDTR_BASE              = 0x6c0c,
    HOST_IDTR_BASE              = 0x6c0e,
    HOST_SYSENTER_ESP           = 0x6c10,
    HOST_SYSENTER_EIP           = 0x6c12,
    HOST_RSP                    = 0x6c14,
    HOST_RIP                    = 0x6c16,
};

/* Segment register index for the ES..TR field groups. */
enum vmx_seg { VMX_ES, VMX_CS, VMX_SS, VMX_DS, VMX_FS, VMX_GS, VMX_LDTR, VMX_TR };

/* Interruption-information format (entry injection, exit and IDT vectoring). */
#define INTR_INFO_VECTOR_MASK       0xffu
#define INTR_INFO_TYPE_SHIFT        8
#define INTR_INFO_TYPE_MASK         (7u << INTR_INFO_TYPE_SHIFT)
#define INTR_INFO_ERROR_VALID       (1u << 11)
#define INTR_INFO_NMI_UNBLOCKED     (1u << 12)
#define INTR_INFO_VALID             (1u << 31)
#define INTR_TYPE_EXTINT            0
#define INTR_TYPE_NMI               2
#define INTR_TYPE_HW_EXCEPTION      3
#define INTR_TYPE_SW_INTR           4
#define INTR_TYPE_PRIV_SW_EXCEPTION 5
#define INTR_TYPE_SW_EXCEPTION      6

#define INTERRUPTIBILITY_STI        (1u << 0)
#define INTERRUPTIBILITY_MOV_SS     (1u << 1)
#define INTERRUPTIBILITY_NMI        (1u << 3)

#define VMX_AR_UNUSABLE             (1u << 16)

/* Exit qualification of an EPT violation. */
#define EPT_QUAL_READ               (1u << 0)
#define EPT_QUAL_WRITE              (1u << 1)
#define EPT_QUAL_FETCH              (1u << 2)
#define EPT_QUAL_PERMS              (7u << 3)   /* what the entry allowed */
#define EPT_QUAL_NMI_UNBLOCKED      (1u << 12)

#define EXIT_REASON_FAILED_ENTRY    (1u << 31)
#define VMX_NR_EXIT_REASONS         76

/* Basic exit reasons the backend names (the table in vmx/exits.c has them all). */
#define EXIT_EXCEPTION_NMI          0
#define EXIT_EXTERNAL_INTERRUPT     1
#define EXIT_TRIPLE_FAULT           2
#define EXIT_INTR_WINDOW            7
#define EXIT_NMI_WINDOW             8
#define EXIT_CR_ACCESS              28
#define EXIT_IO                     30
#define EXIT_INVALID_GUEST_STATE    33
#define EXIT_EPT_VIOLATION          48

/* ---- the pure capability computation (caps.c) ---- */

/* The capability MSRs as read from the CPU; the TRUE_* ones only matter when
 * BASIC bit 55 says they exist, procbased2 only when procbased allows it. */
struct vmx_msrs {
    uint64_t basic, misc, ept_vpid;
    uint64_t pinbased, procbased, procbased2, exit, entry;
    uint64_t true_pinbased, true_procbased, true_exit, true_entry;
    uint64_t cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
};

/* What the backend writes into every VMCS, and the features it may use. */
struct vmx_caps {
    uint32_t revision;
    uint32_t pin, proc, proc2, exit, entry;
    bool vpid;                  /* VPIDs and INVVPID (single or all) usable */
    bool invept_single, invvpid_single;
    bool io_insn_info;          /* INS/OUTS exits report address size and segment */
    uint64_t cr0_must1, cr0_may1;   /* guest CR0 bits the CPU insists on / allows */
    uint64_t cr4_must1, cr4_may1;
};

/* Computes the controls from the capability MSRs. 0, or -ENODEV with *why naming
 * the first feature the backend cannot do without. */
int vmx_compute_caps(const struct vmx_msrs *m, struct vmx_caps *c, const char **why);

/* The guest-state part of a VMCS and the controls that bear on it, for the
 * checks VM entry makes (check.c). Segments in VMCS order, ES..TR. */
struct vmx_seg_state {
    uint16_t sel;
    uint32_t limit, ar;
    uint64_t base;
};

struct vmx_guest_state {
    uint64_t cr0, cr3, cr4, dr7, efer, pat, rip, rflags, link_pointer;
    uint32_t entry_ctls, intr_state, activity, entry_intr_info;
    struct vmx_seg_state seg[8];
    uint64_t gdtr_base, idtr_base;
    uint32_t gdtr_limit, idtr_limit;
};

/* The first of the SDM's guest-state checks (vol. 3, 27.3.1) that g fails, in
 * words, or NULL if it passes those we model. */
const char *vmx_check_guest_state(const struct vmx_guest_state *g,
                                  const struct vmx_caps *c);

#endif /* ASM_X86_HVM_VMX_H */
