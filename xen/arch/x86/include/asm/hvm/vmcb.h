/* SPDX-License-Identifier: GPL-2.0-only */
/* The AMD Virtual Machine Control Block: control area at 0x000, state save area at
 * 0x400, one 4 KiB page per vCPU. Offsets follow the AMD APM vol. 2, appendix B,
 * and are pinned below. */
#ifndef ASM_X86_HVM_VMCB_H
#define ASM_X86_HVM_VMCB_H

#include <xen/types.h>
#include <xen/compiler.h>

struct vmcb_seg {
    uint16_t sel;
    uint16_t attr;          /* access byte in 0-7, flags nibble (AVL L D G) in 8-11 */
    uint32_t limit;
    uint64_t base;
} __packed;

struct vmcb {
    /* Control area. */
    uint32_t cr_intercepts;         /* 0x000: reads 0-15, writes 16-31 */
    uint32_t dr_intercepts;         /* 0x004 */
    uint32_t exception_intercepts;  /* 0x008 */
    uint32_t general1_intercepts;   /* 0x00c */
    uint32_t general2_intercepts;   /* 0x010 */
    uint8_t  rsvd0[0x3c - 0x14];
    uint16_t pause_filter_thresh;   /* 0x03c */
    uint16_t pause_filter_count;    /* 0x03e */
    uint64_t iopm_base_pa;          /* 0x040 */
    uint64_t msrpm_base_pa;         /* 0x048 */
    uint64_t tsc_offset;            /* 0x050 */
    uint32_t asid;                  /* 0x058 */
    uint8_t  tlb_control;           /* 0x05c */
    uint8_t  rsvd1[3];
    uint64_t vintr;                 /* 0x060: V_TPR, V_IRQ, V_INTR_MASKING, V_INTR_VECTOR */
    uint64_t interrupt_shadow;      /* 0x068 */
    uint64_t exitcode;              /* 0x070 */
    uint64_t exitinfo1;             /* 0x078 */
    uint64_t exitinfo2;             /* 0x080 */
    uint64_t exitintinfo;           /* 0x088 */
    uint64_t np_enable;             /* 0x090 */
    uint64_t avic_apic_bar;         /* 0x098 */
    uint64_t ghcb_pa;               /* 0x0a0 */
    uint64_t eventinj;              /* 0x0a8 */
    uint64_t n_cr3;                 /* 0x0b0 */
    uint64_t virt_ext;              /* 0x0b8 */
    uint32_t clean_bits;            /* 0x0c0 */
    uint32_t rsvd2;
    uint64_t nrip;                  /* 0x0c8 */
    uint8_t  insn_len;              /* 0x0d0 */
    uint8_t  insn_bytes[15];        /* 0x0d1 */
    uint8_t  rsvd3[0x400 - 0xe0];

    /* State save area. */
    struct vmcb_seg es, cs, ss, ds, fs, gs, gdtr, ldtr, idtr, tr;   /* 0x400-0x49f */
    uint8_t  rsvd4[0x4cb - 0x4a0];
    uint8_t  cpl;                   /* 0x4cb */
    uint32_t rsvd5;
    uint64_t efer;                  /* 0x4d0 */
    uint8_t  rsvd6[0x548 - 0x4d8];
    uint64_t cr4;                   /* 0x548 */
    uint64_t cr3;                   /* 0x550 */
    uint64_t cr0;                   /* 0x558 */
    uint64_t dr7;                   /* 0x560 */
    uint64_t dr6;                   /* 0x568 */
    uint64_t rflags;                /* 0x570 */
    uint64_t rip;                   /* 0x578 */
    uint8_t  rsvd7[0x5d8 - 0x580];
    uint64_t rsp;                   /* 0x5d8 */
    uint8_t  rsvd8[0x5f8 - 0x5e0];
    uint64_t rax;                   /* 0x5f8 */
    uint64_t star;                  /* 0x600 */
    uint64_t lstar;                 /* 0x608 */
    uint64_t cstar;                 /* 0x610 */
    uint64_t sfmask;                /* 0x618 */
    uint64_t kernel_gs_base;        /* 0x620 */
    uint64_t sysenter_cs;           /* 0x628 */
    uint64_t sysenter_esp;          /* 0x630 */
    uint64_t sysenter_eip;          /* 0x638 */
    uint64_t cr2;                   /* 0x640 */
    uint8_t  rsvd9[0x668 - 0x648];
    uint64_t g_pat;                 /* 0x668 */
    uint64_t dbgctl;                /* 0x670 */
    uint8_t  rsvd10[0x1000 - 0x678];
} __packed;

BUILD_BUG_ON(sizeof(struct vmcb) != 0x1000);
BUILD_BUG_ON(__builtin_offsetof(struct vmcb, exitcode) != 0x070);
BUILD_BUG_ON(__builtin_offsetof(struct vmcb, eventinj) != 0x0a8);
BUILD_BUG_ON(__builtin_offsetof(struct vmcb, nrip) != 0x0c8);
BUILD_BUG_ON(__builtin_offsetof(struct vmcb, es) != 0x400);
BUILD_BUG_ON(__builtin_offsetof(struct vmcb, tr) != 0x490);
BUILD_BUG_ON(__builtin_offsetof(struct vmcb, cpl) != 0x4cb);
BUILD_BUG_ON(__builtin_offsetof(struct vmcb, efer) != 0x4d0);
BUILD_BUG_ON(__builtin_offsetof(struct vmcb, cr4) != 0x548);
BUILD_BUG_ON(__builtin_offsetof(struct vmcb, rip) != 0x578);
BUILD_BUG_ON(__builtin_offsetof(struct vmcb, rsp) != 0x5d8);
BUILD_BUG_ON(__builtin_offsetof(struct vmcb, rax) != 0x5f8);
BUILD_BUG_ON(__builtin_offsetof(struct vmcb, cr2) != 0x640);
BUILD_BUG_ON(__builtin_offsetof(struct vmcb, g_pat) != 0x668);

/* general1_intercepts */
#define GENERAL1_INTR           (1u << 0)
#define GENERAL1_NMI            (1u << 1)
#define GENERAL1_SMI            (1u << 2)
#define GENERAL1_INIT           (1u << 3)
#define GENERAL1_VINTR          (1u << 4)
#define GENERAL1_RDPMC          (1u << 15)
#define GENERAL1_CPUID          (1u << 18)
#define GENERAL1_IRET           (1u << 20)
#define GENERAL1_INVD           (1u << 22)
#define GENERAL1_HLT            (1u << 24)
#define GENERAL1_INVLPGA        (1u << 26)
#define GENERAL1_IOIO           (1u << 27)
#define GENERAL1_MSR            (1u << 28)
#define GENERAL1_SHUTDOWN       (1u << 31)
/* general2_intercepts */
#define GENERAL2_VMRUN          (1u << 0)
#define GENERAL2_VMMCALL        (1u << 1)
#define GENERAL2_VMLOAD         (1u << 2)
#define GENERAL2_VMSAVE         (1u << 3)
#define GENERAL2_STGI           (1u << 4)
#define GENERAL2_CLGI           (1u << 5)
#define GENERAL2_SKINIT         (1u << 6)
#define GENERAL2_RDTSCP         (1u << 7)
#define GENERAL2_MONITOR        (1u << 10)
#define GENERAL2_MWAIT          (1u << 11)
#define GENERAL2_MWAIT_COND     (1u << 12)
#define GENERAL2_XSETBV         (1u << 13)

#define VINTR_TPR_MASK          0xffULL
#define VINTR_IRQ               (1ULL << 8)
#define VINTR_IGN_TPR           (1ULL << 20)
#define VINTR_MASKING           (1ULL << 24)
#define VINTR_VECTOR_SHIFT      32

#define EVENTINJ_VALID          (1ULL << 31)
#define EVENTINJ_EV             (1ULL << 11)
#define EVENTINJ_TYPE_INTR      (0ULL << 8)
#define EVENTINJ_TYPE_NMI       (2ULL << 8)
#define EVENTINJ_TYPE_EXC       (3ULL << 8)
#define EVENTINJ_TYPE_SWINT     (4ULL << 8)

#define VMEXIT_CR0_READ         0x000
#define VMEXIT_CR0_WRITE        0x010
#define VMEXIT_EXCEPTION_BASE   0x040
#define VMEXIT_INTR             0x060
#define VMEXIT_NMI              0x061
#define VMEXIT_SMI              0x062
#define VMEXIT_INIT             0x063
#define VMEXIT_VINTR            0x064
#define VMEXIT_RDTSC            0x06e
#define VMEXIT_RDPMC            0x06f
#define VMEXIT_CPUID            0x072
#define VMEXIT_IRET             0x074
#define VMEXIT_INVD             0x076
#define VMEXIT_PAUSE            0x077
#define VMEXIT_HLT              0x078
#define VMEXIT_INVLPG           0x079
#define VMEXIT_INVLPGA          0x07a
#define VMEXIT_IOIO             0x07b
#define VMEXIT_MSR              0x07c
#define VMEXIT_SHUTDOWN         0x07f
#define VMEXIT_VMRUN            0x080
#define VMEXIT_VMMCALL          0x081
#define VMEXIT_VMLOAD           0x082
#define VMEXIT_VMSAVE           0x083
#define VMEXIT_STGI             0x084
#define VMEXIT_CLGI             0x085
#define VMEXIT_SKINIT           0x086
#define VMEXIT_RDTSCP           0x087
#define VMEXIT_WBINVD           0x089
#define VMEXIT_MONITOR          0x08a
#define VMEXIT_MWAIT            0x08b
#define VMEXIT_MWAIT_COND       0x08c
#define VMEXIT_XSETBV           0x08d
#define VMEXIT_NPF              0x400
#define VMEXIT_INVALID          ((uint64_t)-1)

#define IOIO_TYPE_IN            (1u << 0)
#define IOIO_STR                (1u << 2)
#define IOIO_REP                (1u << 3)
#define IOIO_SZ_SHIFT           4
#define IOIO_ASZ_SHIFT          7
#define IOIO_SEG_SHIFT          10
#define IOIO_PORT_SHIFT         16

#define NPF_PRESENT             (1ULL << 0)
#define NPF_WRITE               (1ULL << 1)
#define NPF_USER                (1ULL << 2)
#define NPF_RSVD                (1ULL << 3)
#define NPF_FETCH               (1ULL << 4)
#define NPF_FINAL_GPA           (1ULL << 32)
#define NPF_WALK                (1ULL << 33)

#endif /* ASM_X86_HVM_VMCB_H */
