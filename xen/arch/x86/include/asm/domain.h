/* SPDX-License-Identifier: GPL-2.0-only */
/* The x86 parts of struct vcpu and struct domain: HVM register state, the vendor
 * backend's private block, the p2m and the HVM parameters. */
#ifndef ASM_X86_DOMAIN_H
#define ASM_X86_DOMAIN_H

#include <xen/types.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/mtrr.h>
#include <asm/p2m.h>
#include <xen/timer.h>

#define HVM_NR_PARAMS_MAX   64

struct vlapic;
struct hvm_mmio_handler;

struct arch_vcpu {
    struct hvm_regs regs;           /* valid while the vCPU is not in guest mode */
    void *vendor;                   /* struct svm_vcpu / struct vmx_vcpu */
    struct vlapic *vlapic;
    uint64_t xcr0;                  /* the guest's XCR0 (XSETBV) */
    void *fpu_area;                 /* XSAVE/FXSAVE image, 64-byte aligned */
    bool fpu_initialised;
    bool sipi_pending;              /* INIT received: wait for a STARTUP IPI */
    bool initialised;               /* has a register state to start from */
    struct timer vlapic_timer;      /* runs the vLAPIC's timer */
    volatile bool vlapic_timer_due; /* it fired: call vlapic_timer_expired() */
    volatile bool vlapic_reset_due; /* INIT arrived */
    volatile bool nmi_pending;
    uint8_t upcall_vector;          /* HVMOP_set_evtchn_upcall_vector; 0: none */
    struct mtrr_state mtrr;         /* guest MTRRs (mtrr.c) */
    uint64_t mci_ctl[2];            /* virtual machine-check banks' MCi_CTL (vmce.c) */
};

struct arch_domain {
    struct p2m_domain p2m;
    uint64_t hvm_params[HVM_NR_PARAMS_MAX];
    uint64_t hypercall_page_gfn;    /* 0 until the guest asked for one */
    unsigned long shared_info_gfn;  /* where the guest last mapped it; ~0: nowhere */
    bool is_64bit_shinfo;           /* latched shared-info layout (always 64-bit here) */
    const struct hvm_mmio_handler *mmio[8]; /* emulated MMIO devices */
    unsigned int nr_mmio;
    const struct hvm_portio_handler *portio[4]; /* emulated port devices */
    unsigned int nr_portio;
    /* One bit per port, set = intercepted; 12 KiB as SVM's IOPM wants, the
     * first 8 KiB in the layout of VMX's bitmaps A and B. */
    uint8_t *io_bitmap;
    char debugcon[128];             /* port 0xE9 output, flushed per line */
    unsigned int debugcon_len;
};

#endif /* ASM_X86_DOMAIN_H */
