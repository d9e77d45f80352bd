/* SPDX-License-Identifier: MIT */
/* The core guest ABI: hypercall numbers, VIRQs, domain ids, vm_assist and
 * console_io commands, the shared_info/vcpu_info pages and PV start_info. */
#ifndef __XEN_PUBLIC_XEN_H__
#define __XEN_PUBLIC_XEN_H__

#include "xen-compat.h"
#include "arch-x86/xen.h"

#ifndef __ASSEMBLY__
/* Handles for the basic C types, used by many sub-op structures. */
DEFINE_XEN_GUEST_HANDLE(char);
__DEFINE_XEN_GUEST_HANDLE(uchar, unsigned char);
DEFINE_XEN_GUEST_HANDLE(int);
__DEFINE_XEN_GUEST_HANDLE(uint, unsigned int);
DEFINE_XEN_GUEST_HANDLE(void);
DEFINE_XEN_GUEST_HANDLE(uint64_t);
DEFINE_XEN_GUEST_HANDLE(xen_pfn_t);
DEFINE_XEN_GUEST_HANDLE(xen_ulong_t);
__DEFINE_XEN_GUEST_HANDLE(uint8, uint8_t);
__DEFINE_XEN_GUEST_HANDLE(uint16, uint16_t);
__DEFINE_XEN_GUEST_HANDLE(uint32, uint32_t);
__DEFINE_XEN_GUEST_HANDLE(uint64, uint64_t);

/* Typed constants that assembly can use too. */
#define __xen_mk_uint(x)   x ## U
#define __xen_mk_ulong(x)  x ## UL
#define __xen_mk_ullong(x) x ## ULL
#define xen_mk_uint(x)     __xen_mk_uint(x)
#define xen_mk_ulong(x)    __xen_mk_ulong(x)
#define xen_mk_ullong(x)   __xen_mk_ullong(x)
#else
#define xen_mk_uint(x)     x
#define xen_mk_ulong(x)    x
#define xen_mk_ullong(x)   x
#endif

/* Trailing variable-length arrays. */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#define XEN_FLEX_ARRAY_DIM  /* empty */
#elif defined(__GNUC__)
#define XEN_FLEX_ARRAY_DIM  0
#else
#define XEN_FLEX_ARRAY_DIM  1
#endif

/* Hypercall numbers (RAX); 48-55 are reserved for the architecture. */
#define __HYPERVISOR_set_trap_table             0
#define __HYPERVISOR_mmu_update                 1
#define __HYPERVISOR_set_gdt                    2
#define __HYPERVISOR_stack_switch               3
#define __HYPERVISOR_set_callbacks              4
#define __HYPERVISOR_fpu_taskswitch             5
#define __HYPERVISOR_sched_op_compat            6
#define __HYPERVISOR_platform_op                7
#define __HYPERVISOR_set_debugreg               8
#define __HYPERVISOR_get_debugreg               9
#define __HYPERVISOR_update_descriptor          10
#define __HYPERVISOR_memory_op                  12
#define __HYPERVISOR_multicall                  13
#define __HYPERVISOR_update_va_mapping          14
#define __HYPERVISOR_set_timer_op               15
#define __HYPERVISOR_event_channel_op_compat    16
#define __HYPERVISOR_xen_version                17
#define __HYPERVISOR_console_io                 18
#define __HYPERVISOR_physdev_op_compat          19
#define __HYPERVISOR_grant_table_op             20
#define __HYPERVISOR_vm_assist                  21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret                       23
#define __HYPERVISOR_vcpu_op                    24
#define __HYPERVISOR_set_segment_base           25
#define __HYPERVISOR_mmuext_op                  26
#define __HYPERVISOR_xsm_op                     27
#define __HYPERVISOR_nmi_op                     28
#define __HYPERVISOR_sched_op                   29
#define __HYPERVISOR_callback_op                30
#define __HYPERVISOR_xenoprof_op                31
#define __HYPERVISOR_event_channel_op           32
#define __HYPERVISOR_physdev_op                 33
#define __HYPERVISOR_hvm_op                     34
#define __HYPERVISOR_sysctl                     35
#define __HYPERVISOR_domctl                     36
#define __HYPERVISOR_kexec_op                   37
#define __HYPERVISOR_tmem_op                    38
#define __HYPERVISOR_argo_op                    39
#define __HYPERVISOR_xenpmu_op                  40
#define __HYPERVISOR_dm_op                      41
#define __HYPERVISOR_hypfs_op                   42
#define __HYPERVISOR_arch_0                     48
#define __HYPERVISOR_arch_1                     49
#define __HYPERVISOR_arch_2                     50
#define __HYPERVISOR_arch_3                     51
#define __HYPERVISOR_arch_4                     52
#define __HYPERVISOR_arch_5                     53
#define __HYPERVISOR_arch_6                     54
#define __HYPERVISOR_arch_7                     55

/* Virtual IRQs: (V) bound once per vCPU, (G) once per domain on vCPU 0. */
#define VIRQ_TIMER      0       /* V: timer tick or singleshot expiry */
#define VIRQ_DEBUG      1       /* V: dump debug state */
#define VIRQ_CONSOLE    2       /* G: hypervisor console input (dom0) */
#define VIRQ_DOM_EXC    3       /* G: some domain needs attention (dom0) */
#define VIRQ_TBUF       4       /* G: trace buffers have data (dom0) */
#define VIRQ_DEBUGGER   6       /* G: a domain paused for the debugger */
#define VIRQ_XENOPROF   7       /* V: profiling samples */
#define VIRQ_CON_RING   8       /* G: console ring has data (dom0) */
#define VIRQ_PCPU_STATE 9       /* G: physical CPU came or went (dom0) */
#define VIRQ_MEM_EVENT  10      /* G: memory event (dom0) */
#define VIRQ_ARGO       11      /* G: Argo ring activity */
#define VIRQ_ENOMEM     12      /* G: hypervisor heap low (dom0) */
#define VIRQ_XENPMU     13      /* V: PMU interrupt */
#define VIRQ_ARCH_0     16      /* x86: machine check (global) */
#define VIRQ_ARCH_1     17
#define VIRQ_ARCH_2     18
#define VIRQ_ARCH_3     19
#define VIRQ_ARCH_4     20
#define VIRQ_ARCH_5     21
#define VIRQ_ARCH_6     22
#define VIRQ_ARCH_7     23
#define NR_VIRQS        24

/* mmu_update: ptr[1:0] selects the command (PV only). */
#define MMU_NORMAL_PT_UPDATE      0
#define MMU_MACHPHYS_UPDATE       1
#define MMU_PT_UPDATE_PRESERVE_AD 2

/* mmuext_op commands (HVM guests may use only the flush commands). */
#define MMUEXT_PIN_L1_TABLE       0
#define MMUEXT_PIN_L2_TABLE       1
#define MMUEXT_PIN_L3_TABLE       2
#define MMUEXT_PIN_L4_TABLE       3
#define MMUEXT_UNPIN_TABLE        4
#define MMUEXT_NEW_BASEPTR        5
#define MMUEXT_TLB_FLUSH_LOCAL    6
#define MMUEXT_INVLPG_LOCAL       7
#define MMUEXT_TLB_FLUSH_MULTI    8
#define MMUEXT_INVLPG_MULTI       9
#define MMUEXT_TLB_FLUSH_ALL      10
#define MMUEXT_INVLPG_ALL         11
#define MMUEXT_FLUSH_CACHE        12
#define MMUEXT_SET_LDT            13
#define MMUEXT_NEW_USER_BASEPTR   15
#define MMUEXT_CLEAR_PAGE         16
#define MMUEXT_COPY_PAGE          17
#define MMUEXT_FLUSH_CACHE_GLOBAL 18
#define MMUEXT_MARK_SUPER         19
#define MMUEXT_UNMARK_SUPER       20

/* update_va_mapping flags; UVMF_MULTI is ORed with a vCPU bitmap pointer. */
#define UVMF_NONE           (xen_mk_ulong(0) << 0)
#define UVMF_TLB_FLUSH      (xen_mk_ulong(1) << 0)
#define UVMF_INVLPG         (xen_mk_ulong(2) << 0)
#define UVMF_FLUSHTYPE_MASK (xen_mk_ulong(3) << 0)
#define UVMF_MULTI          (xen_mk_ulong(0) << 2)
#define UVMF_LOCAL          (xen_mk_ulong(0) << 2)
#define UVMF_ALL            (xen_mk_ulong(1) << 2)

/* console_io(cmd, count, buffer). */
#define CONSOLEIO_write 0
#define CONSOLEIO_read  1

/* vm_assist(cmd, type). Only runstate_update_flag applies to HVM/PVH. */
#define VMASST_CMD_enable                0
#define VMASST_CMD_disable               1
#define VMASST_TYPE_4gb_segments         0
#define VMASST_TYPE_4gb_segments_notify  1
#define VMASST_TYPE_writable_pagetables  2
#define VMASST_TYPE_pae_extended_cr3     3
#define VMASST_TYPE_architectural_iopl   4
#define VMASST_TYPE_runstate_update_flag 5
#define VMASST_TYPE_m2p_strict           32

/* Domain ids from DOMID_FIRST_RESERVED up name special owners. */
#define DOMID_FIRST_RESERVED xen_mk_uint(0x7FF0)
#define DOMID_SELF           xen_mk_uint(0x7FF0)  /* the caller */
#define DOMID_IO             xen_mk_uint(0x7FF1)  /* I/O memory */
#define DOMID_XEN            xen_mk_uint(0x7FF2)  /* the hypervisor's heap */
#define DOMID_COW            xen_mk_uint(0x7FF3)  /* shared pages */
#define DOMID_INVALID        xen_mk_uint(0x7FF4)  /* unknown owner */
#define DOMID_IDLE           xen_mk_uint(0x7FFF)
#define DOMID_MASK           xen_mk_uint(0x7FFF)

#ifndef __ASSEMBLY__

typedef uint16_t domid_t;

struct mmuext_op {
    unsigned int cmd;                       /* MMUEXT_* */
    union {
        xen_pfn_t     mfn;                  /* pin/unpin, baseptr, pages */
        unsigned long linear_addr;          /* invlpg, set_ldt */
    } arg1;
    union {
        unsigned int nr_ents;               /* set_ldt */
        XEN_GUEST_HANDLE(const_void) vcpumask;  /* *_MULTI */
        xen_pfn_t src_mfn;                  /* copy_page */
    } arg2;
};
typedef struct mmuext_op mmuext_op_t;
DEFINE_XEN_GUEST_HANDLE(mmuext_op_t);

struct mmu_update {
    uint64_t ptr;                           /* machine address of the PTE */
    uint64_t val;
};
typedef struct mmu_update mmu_update_t;
DEFINE_XEN_GUEST_HANDLE(mmu_update_t);

/* multicall(list, nr): each entry's result is written back. */
struct multicall_entry {
    xen_ulong_t op, result;
    xen_ulong_t args[6];
};
typedef struct multicall_entry multicall_entry_t;
DEFINE_XEN_GUEST_HANDLE(multicall_entry_t);

/*
 * pvclock. version is odd while Xen rewrites the record. Guest time in ns:
 * system_time + (((tsc - tsc_timestamp) << tsc_shift) * tsc_to_system_mul >> 32),
 * with a negative tsc_shift meaning a right shift.
 */
struct vcpu_time_info {
    uint32_t version;
    uint32_t pad0;
    uint64_t tsc_timestamp;
    uint64_t system_time;       /* ns since hypervisor boot */
    uint32_t tsc_to_system_mul;
    int8_t   tsc_shift;
    uint8_t  flags;             /* XEN_PVCLOCK_* */
    uint8_t  pad1[2];
};
typedef struct vcpu_time_info vcpu_time_info_t;
#define XEN_PVCLOCK_TSC_STABLE_BIT  (1 << 0)
#define XEN_PVCLOCK_GUEST_STOPPED   (1 << 1)

/* One per vCPU: in shared_info, or where VCPUOP_register_vcpu_info put it. */
struct vcpu_info {
    uint8_t evtchn_upcall_pending;  /* set by Xen; guest clears before scanning */
    uint8_t evtchn_upcall_mask;     /* PV only; HVM uses RFLAGS.IF */
    xen_ulong_t evtchn_pending_sel; /* 2-level: word i of evtchn_pending has work */
    struct arch_vcpu_info arch;
    struct vcpu_time_info time;
};
typedef struct vcpu_info vcpu_info_t;

/* The page mapped by XENMEM_add_to_physmap(XENMAPSPACE_shared_info). */
struct shared_info {
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
    xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8];
    xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];
    uint32_t wc_version;        /* seqlock for the wallclock, like version */
    uint32_t wc_sec;            /* UTC at system time 0 */
    uint32_t wc_nsec;
    uint32_t wc_sec_hi;
#define xen_wc_sec_hi wc_sec_hi
    struct arch_shared_info arch;
};
typedef struct shared_info shared_info_t;

/* PV boot: where RSI points at a PV kernel's entry. Layout only here. */
struct start_info {
    char magic[32];             /* "xen-<version>-<platform>" */
    unsigned long nr_pages;
    unsigned long shared_info;  /* machine address */
    uint32_t flags;             /* SIF_* */
    xen_pfn_t store_mfn;
    uint32_t store_evtchn;
    union {
        struct {
            xen_pfn_t mfn;
            uint32_t  evtchn;
        } domU;
        struct {
            uint32_t info_off;  /* offset of a dom0_vga_console_info */
            uint32_t info_size;
        } dom0;
    } console;
    unsigned long pt_base;      /* virtual address of the top page table */
    unsigned long nr_pt_frames;
    unsigned long mfn_list;     /* virtual address of the p2m list */
    unsigned long mod_start;    /* virtual address, or PFN if SIF_MOD_START_PFN */
    unsigned long mod_len;
#define MAX_GUEST_CMDLINE 1024
    int8_t cmd_line[MAX_GUEST_CMDLINE];
    unsigned long first_p2m_pfn;
    unsigned long nr_p2m_frames;
};
typedef struct start_info start_info_t;

#endif /* !__ASSEMBLY__ */

/* start_info.flags; the PVH hvm_start_info uses the same bits. */
#define SIF_PRIVILEGED      (1 << 0)
#define SIF_INITDOMAIN      (1 << 1)
#define SIF_MULTIBOOT_MOD   (1 << 2)
#define SIF_MOD_START_PFN   (1 << 3)
#define SIF_VIRT_P2M_4TOOLS (1 << 4)
#define SIF_PM_MASK         (0xFF << 8)

#ifndef __ASSEMBLY__

/* A module packed as a multiboot-style list (SIF_MULTIBOOT_MOD). */
struct xen_multiboot_mod_list {
    uint32_t mod_start;
    uint32_t mod_end;           /* last byte, inclusive */
    uint32_t cmdline;
    uint32_t pad;
};

/* Dom0's firmware console, described in start_info (PV) or via platform_op. */
#define XEN_VGATYPE_TEXT_MODE_3 0x03
#define XEN_VGATYPE_VESA_LFB    0x23
#define XEN_VGATYPE_EFI_LFB     0x70
typedef struct dom0_vga_console_info {
    uint8_t video_type;         /* XEN_VGATYPE_* */
    union {
        struct {
            uint16_t font_height;
            uint16_t cursor_x, cursor_y;
            uint16_t rows, columns;
        } text_mode_3;
        struct {
            uint16_t width, height;
            uint16_t bytes_per_line;
            uint16_t bits_per_pixel;
            uint32_t lfb_base;
            uint32_t lfb_size;  /* in 64 KiB units */
            uint8_t  red_pos, red_size;
            uint8_t  green_pos, green_size;
            uint8_t  blue_pos, blue_size;
            uint8_t  rsvd_pos, rsvd_size;
            uint32_t gbl_caps;
            uint16_t mode_attrs;
            uint16_t pad;
            uint32_t ext_lfb_base;  /* bits 63:32 of the frame buffer */
        } vesa_lfb;
    } u;
} dom0_vga_console_info_t;
#define xen_vga_console_info   dom0_vga_console_info
#define xen_vga_console_info_t dom0_vga_console_info_t

typedef uint8_t xen_domain_handle_t[16];

XEN_ABI_SIZE(struct mmuext_op, 24);
XEN_ABI_SIZE(struct mmu_update, 16);
XEN_ABI_SIZE(struct multicall_entry, 64);
XEN_ABI_OFFSET(struct multicall_entry, args, 16);
XEN_ABI_SIZE(struct vcpu_time_info, 32);
XEN_ABI_OFFSET(struct vcpu_time_info, system_time, 16);
XEN_ABI_OFFSET(struct vcpu_time_info, tsc_shift, 28);
XEN_ABI_OFFSET(struct vcpu_time_info, flags, 29);
XEN_ABI_SIZE(struct vcpu_info, 64);
XEN_ABI_OFFSET(struct vcpu_info, evtchn_pending_sel, 8);
XEN_ABI_OFFSET(struct vcpu_info, time, 32);
XEN_ABI_OFFSET(struct shared_info, evtchn_pending, 0x800);
XEN_ABI_OFFSET(struct shared_info, evtchn_mask, 0xA00);
XEN_ABI_OFFSET(struct shared_info, wc_version, 0xC00);
XEN_ABI_OFFSET(struct shared_info, wc_sec_hi, 0xC0C);
XEN_ABI_OFFSET(struct shared_info, arch, 0xC10);
XEN_ABI_SIZE(struct shared_info, 3136);
XEN_ABI_OFFSET(struct start_info, store_mfn, 56);
XEN_ABI_OFFSET(struct start_info, console, 72);
XEN_ABI_OFFSET(struct start_info, cmd_line, 128);
XEN_ABI_SIZE(struct start_info, 1168);
XEN_ABI_SIZE(struct xen_multiboot_mod_list, 16);

#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_XEN_H__ */
