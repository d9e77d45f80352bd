/* SPDX-License-Identifier: GPL-2.0-only */
/* The emulated local APIC of one vCPU (xAPIC MMIO page, x2APIC MSRs, timer,
 * IPIs). Pure state machine: time, timers and IPI routing come from the
 * caller through struct vlapic_ops. Theory of operation in hvm/vlapic.c. */
#ifndef ASM_X86_HVM_VLAPIC_H
#define ASM_X86_HVM_VLAPIC_H

#include <xen/types.h>

/* Register offsets in the xAPIC page; the x2APIC MSR is 0x800 + offset / 16. */
#define VLAPIC_REG_ID       0x020
#define VLAPIC_REG_LVR      0x030
#define VLAPIC_REG_TPR      0x080
#define VLAPIC_REG_APR      0x090
#define VLAPIC_REG_PPR      0x0a0
#define VLAPIC_REG_EOI      0x0b0
#define VLAPIC_REG_LDR      0x0d0
#define VLAPIC_REG_DFR      0x0e0
#define VLAPIC_REG_SVR      0x0f0
#define VLAPIC_REG_ISR      0x100   /* 8 registers, 32 vectors each */
#define VLAPIC_REG_TMR      0x180
#define VLAPIC_REG_IRR      0x200
#define VLAPIC_REG_ESR      0x280
#define VLAPIC_REG_LVT_CMCI 0x2f0
#define VLAPIC_REG_ICR      0x300
#define VLAPIC_REG_ICR2     0x310
#define VLAPIC_REG_LVT_TIMER 0x320
#define VLAPIC_REG_LVT_THERM 0x330
#define VLAPIC_REG_LVT_PMC  0x340
#define VLAPIC_REG_LVT_LINT0 0x350
#define VLAPIC_REG_LVT_LINT1 0x360
#define VLAPIC_REG_LVT_ERR  0x370
#define VLAPIC_REG_TMICT    0x380
#define VLAPIC_REG_TMCCT    0x390
#define VLAPIC_REG_TDCR     0x3e0
#define VLAPIC_REG_SELF_IPI 0x3f0   /* x2APIC only */

#define VLAPIC_VERSION      0x00050014u /* version 0x14, max LVT entry 5 (Xen's) */
#define VLAPIC_DEFAULT_BASE 0xfee00000u

#define VLAPIC_SVR_ENABLE   (1u << 8)
#define VLAPIC_LVT_MASKED   (1u << 16)
#define VLAPIC_TIMER_PERIODIC (1u << 17)
#define VLAPIC_TIMER_TSC_DEADLINE (1u << 18)

/* ESR bits. */
#define VLAPIC_ESR_SEND_ILLEGAL     (1u << 5)
#define VLAPIC_ESR_RECV_ILLEGAL     (1u << 6)

/* ICR destination shorthand (bits 19:18), as passed to ops->send_ipi. */
#define VLAPIC_SH_NONE          0
#define VLAPIC_SH_SELF          1
#define VLAPIC_SH_ALL_INCL_SELF 2
#define VLAPIC_SH_ALL_EXCL_SELF 3

/* ICR delivery mode (bits 10:8), as passed to ops->send_ipi. */
#define VLAPIC_DM_FIXED     0
#define VLAPIC_DM_LOWPRI    1
#define VLAPIC_DM_SMI       2
#define VLAPIC_DM_NMI       4
#define VLAPIC_DM_INIT      5
#define VLAPIC_DM_STARTUP   6
#define VLAPIC_DM_EXTINT    7

/* Physical or logical destination meaning "everyone", in both modes. */
#define VLAPIC_DEST_BROADCAST 0xffffffffu

/*
 * What the caller provides. ctx is passed back unchanged. Every hook except
 * kick runs from a serialised vlapic call (see "Locking" in vlapic.c).
 */
struct vlapic_ops {
    /* Monotonic time in nanoseconds. The APIC bus runs at 1 GHz: one timer
     * tick is 1 ns before the divide configuration applies. */
    uint64_t (*now_ns)(void *ctx);
    /* Make the caller's one-shot timer call vlapic_timer_expired() at
     * deadline_ns (now_ns() time base; may be in the past: fire soon). A new
     * call replaces the previous deadline; 0 cancels. */
    void (*arm_timer)(void *ctx, uint64_t deadline_ns);
    /*
     * An IPI left through the ICR. dest is the ICR destination field (8 bits
     * in xAPIC mode, 32 in x2APIC mode; an xAPIC 0xff becomes
     * VLAPIC_DEST_BROADCAST) and is 0 when shorthand != VLAPIC_SH_NONE.
     * delivery_mode is never SMI or EXTINT, and INIT comes only with
     * level_assert set (de-assert is dropped). Fixed self-IPIs (shorthand
     * SELF, fixed mode, and SELF_IPI) are delivered locally, not passed here;
     * SH_ALL_INCL_SELF is, and then includes this vCPU. The callee may call
     * vlapic_set_irq() on any vlapic, this one included, but no other
     * vlapic function on this one.
     */
    void (*send_ipi)(void *ctx, uint32_t dest, unsigned int shorthand,
                     unsigned int delivery_mode, bool dest_logical,
                     uint8_t vector, bool level_assert);
    /* An IRR bit was newly set while the APIC was enabled: wake the vCPU
     * (HLT, poll) or make it re-check vlapic_pending_irq() before it next
     * enters the guest. May be called from any CPU, from vlapic_set_irq(). */
    void (*kick)(void *ctx);
    /* Optional (may be NULL): a level-triggered vector was EOIed. */
    void (*eoi)(void *ctx, uint8_t vector);
    /* Optional: the now_ns() time at which the guest TSC reaches tsc. NULL
     * means TSC-deadline mode is not offered (as Xen 4.17 here: CPUID.1:ECX
     * bit 24 clear): LVT timer bit 18 is then reserved and MSR 0x6E0 reads 0
     * and ignores writes. */
    uint64_t (*tsc_to_ns)(void *ctx, uint64_t tsc);
};

/*
 * One vCPU's local APIC. The caller allocates it (zeroing not needed) and
 * calls vlapic_init(). regs[] is the architectural xAPIC page: the 32-bit
 * register at offset o is regs[o / 4], and the 12 bytes after it are 0.
 */
struct vlapic {
    uint32_t regs[1024];            /* IRR words updated atomically */
    uint64_t apic_base;             /* IA32_APIC_BASE */
    uint64_t tsc_deadline;          /* IA32_TSC_DEADLINE, 0 = disarmed */
    uint64_t timer_start_ns;        /* when the count was TMICT */
    uint64_t timer_deadline_ns;     /* handed to ops->arm_timer, 0 = none */
    uint32_t apic_id;               /* full 32-bit (x2APIC) ID */
    uint32_t esr_pending;           /* errors since the last ESR write (atomic) */
    bool timer_fired;               /* one-shot count has reached 0 */
    const struct vlapic_ops *ops;
    void *ctx;
};

/* Power-on state: APIC_BASE = 0xFEE00800 (| 0x100 for the BSP), xAPIC mode,
 * software-disabled, all LVTs masked. Calls no ops. */
void vlapic_init(struct vlapic *l, const struct vlapic_ops *ops, void *ctx,
                 uint32_t apic_id, bool bsp);
/* INIT: every register back to its reset value except the ID and
 * IA32_APIC_BASE; cancels the timer. */
void vlapic_reset(struct vlapic *l);

/* xAPIC page accesses at offset (0..0xfff) of the page at vlapic_mmio_base().
 * Reads of 1, 2 or 4 bytes return the bytes of the containing register (0
 * beyond its first 4 bytes); writes other than 4 bytes at a 16-byte boundary
 * are ignored. Outside xAPIC mode the page reads all-ones and drops writes.
 * -EINVAL only for a bad len or offset. */
int vlapic_mmio_read(struct vlapic *l, uint32_t offset, unsigned int len,
                     uint32_t *val);
int vlapic_mmio_write(struct vlapic *l, uint32_t offset, unsigned int len,
                      uint32_t val);
uint64_t vlapic_mmio_base(const struct vlapic *l);

/* RDMSR/WRMSR of 0x800..0x8ff. -1: inject #GP(0). */
int vlapic_msr_read(struct vlapic *l, uint32_t msr, uint64_t *val);
int vlapic_msr_write(struct vlapic *l, uint32_t msr, uint64_t val);

/* IA32_APIC_BASE. -1 (inject #GP): reserved bits or an illegal mode change
 * (disabled -> x2APIC, x2APIC -> xAPIC, EXTD without EN). The BSP bit is
 * read-only. Re-enabling a disabled APIC resets it as INIT does. */
int vlapic_set_apic_base(struct vlapic *l, uint64_t val);
uint64_t vlapic_get_apic_base(const struct vlapic *l);
bool vlapic_x2apic_mode(const struct vlapic *l);
/* Hardware- and software-enabled: fixed interrupts can be delivered. */
bool vlapic_enabled(const struct vlapic *l);

/* IA32_TSC_DEADLINE (MSR 0x6E0); never faults. */
uint64_t vlapic_tsc_deadline_read(const struct vlapic *l);
void vlapic_tsc_deadline_write(struct vlapic *l, uint64_t tsc);

/* Accept a fixed interrupt into IRR (TMR set for level, cleared for edge).
 * Vectors below 16 set the receive-illegal-vector ESR bit instead. Latched
 * whatever the enable state. Safe from any CPU, concurrently. */
void vlapic_set_irq(struct vlapic *l, uint8_t vector, bool level);
/* The vector to inject next, or -1. */
int vlapic_pending_irq(const struct vlapic *l);
/* The caller injected vector (from vlapic_pending_irq): IRR -> ISR. */
void vlapic_ack_irq(struct vlapic *l, uint8_t vector);

/* TPR as CR8 (SVM V_TPR) sees it: bits 7:4 of the register. */
uint8_t vlapic_get_cr8(const struct vlapic *l);
void vlapic_set_cr8(struct vlapic *l, uint8_t cr8);

/* Whether an IPI destination (as given to ops->send_ipi with
 * VLAPIC_SH_NONE) selects this APIC, in the APIC's current mode. */
bool vlapic_match_dest(const struct vlapic *l, uint32_t dest, bool logical);

/* The caller's timer, armed through ops->arm_timer, went off. Stale or early
 * calls are harmless. */
void vlapic_timer_expired(struct vlapic *l);

#endif /* ASM_X86_HVM_VLAPIC_H */
