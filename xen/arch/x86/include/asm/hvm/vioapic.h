/* SPDX-License-Identifier: GPL-2.0-only */
/* An emulated I/O APIC (82093AA register model) for a PVH dom0. Pure state
 * machine: interrupt messages and pin rebinding go to the caller through
 * struct vioapic_ops. Theory of operation in hvm/vioapic.c. */
#ifndef ASM_X86_HVM_VIOAPIC_H
#define ASM_X86_HVM_VIOAPIC_H

#include <xen/types.h>

/* IOREGSEL is 8 bits wide: the high half of RTE 119 is its last value. */
#define VIOAPIC_MAX_PINS        120
#define VIOAPIC_MEM_LENGTH      0x100
#define VIOAPIC_DEFAULT_BASE    0xfec00000u
#define VIOAPIC_VERSION_82093AA 0x11    /* what Xen reports to guests */
#define VIOAPIC_VERSION_EOI     0x20    /* first version with the EOI register */

/* Direct registers: offsets in the MMIO window. */
#define VIOAPIC_REG_SELECT      0x00
#define VIOAPIC_REG_WINDOW      0x10
#define VIOAPIC_REG_EOI         0x40

/* Indirect registers: IOREGSEL values. */
#define VIOAPIC_REG_ID          0x00
#define VIOAPIC_REG_VERSION     0x01
#define VIOAPIC_REG_ARB         0x02
#define VIOAPIC_REG_RTE0        0x10    /* RTE n: low 0x10 + 2n, high 0x11 + 2n */

/* Redirection table entry bits. */
#define VIOAPIC_RTE_VECTOR      0xffull
#define VIOAPIC_RTE_DM_SHIFT    8       /* 3 bits: VLAPIC_DM_* values */
#define VIOAPIC_RTE_DEST_LOGICAL (1ull << 11)
#define VIOAPIC_RTE_DELIVS      (1ull << 12)    /* read-only, always 0 here */
#define VIOAPIC_RTE_ACTIVE_LOW  (1ull << 13)
#define VIOAPIC_RTE_REMOTE_IRR  (1ull << 14)    /* read-only */
#define VIOAPIC_RTE_LEVEL       (1ull << 15)
#define VIOAPIC_RTE_MASKED      (1ull << 16)
#define VIOAPIC_RTE_DEST_SHIFT  56

/*
 * What the caller provides; ctx is passed back unchanged. Every hook runs
 * from inside a vioapic call, so under the caller's lock (see below).
 */
struct vioapic_ops {
    /*
     * Send the interrupt message of RTE 'pin'. dest is the 8-bit destination
     * field, except that 0xff (broadcast in both modes for an xAPIC-format
     * message) arrives as 0xffffffff (VLAPIC_DEST_BROADCAST). delivery_mode
     * (VLAPIC_DM_*) and vector are as programmed; the callee drops what it
     * does not support. level: the entry is level-triggered (set the TMR so
     * the vLAPIC reports the EOI). Must not call back into this vioapic.
     */
    void (*deliver)(void *ctx, unsigned int pin, uint8_t vector, uint32_t dest,
                    bool dest_logical, unsigned int delivery_mode, bool level);
    /*
     * Optional. A guest write to either half of RTE 'pin' (old -> new; also
     * when they are equal): rebind, reprogram or unmask the physical pin.
     * May call vioapic_set_irq() on this vioapic, nothing else.
     */
    void (*rte_changed)(void *ctx, unsigned int pin, uint64_t old_rte,
                        uint64_t new_rte);
    /*
     * Optional. Remote IRR of 'pin' went from 1 to 0 (an EOI for its
     * vector, or the guest made the entry edge-triggered): EOI or unmask the
     * physical line. May call vioapic_set_irq() on this vioapic (typically
     * to lower the line); a line still high afterwards is delivered again.
     */
    void (*eoi)(void *ctx, unsigned int pin);
};

/*
 * One I/O APIC. The caller allocates it (zeroing not needed) and calls
 * vioapic_init(). Locking: none inside. The caller serialises every call
 * for one vioapic (one lock, held across the call, the hooks included).
 */
struct vioapic {
    uint64_t rte[VIOAPIC_MAX_PINS];
    bool line[VIOAPIC_MAX_PINS];    /* input asserted (polarity applied) */
    uint64_t base;                  /* guest-physical address of the window */
    uint32_t gsi_base;              /* GSI of pin 0 */
    unsigned int nr_pins;
    uint8_t id;                     /* 4-bit APIC ID */
    uint8_t version;
    uint8_t ioregsel;
    const struct vioapic_ops *ops;
    void *ctx;
};

/* Reset state: every RTE masked and otherwise 0, every line low, IOREGSEL 0.
 * id keeps bits 3:0 (the register is 4 bits). -EINVAL (nothing changed) if
 * nr_pins is 0 or above VIOAPIC_MAX_PINS, or ops/ops->deliver is NULL.
 * Calls no hook. */
int vioapic_init(struct vioapic *vio, uint64_t base, uint8_t id,
                 uint32_t gsi_base, unsigned int nr_pins, uint8_t version,
                 const struct vioapic_ops *ops, void *ctx);

/* Whether gpa falls in the 0x100-byte register window. */
bool vioapic_in_range(const struct vioapic *vio, uint64_t gpa);
/* The pin wired to gsi, or -EINVAL when gsi is not on this I/O APIC. */
int vioapic_gsi_to_pin(const struct vioapic *vio, uint32_t gsi);

/*
 * Guest accesses to the window. Only aligned 4-byte accesses to IOREGSEL,
 * IOWIN and (version >= 0x20, write only) EOI do anything; every other
 * access inside the window reads 0 and drops writes, as do IOWIN accesses
 * selecting no register. -EINVAL (nothing done) only when size is not 1, 2,
 * 4 or 8 or the access is not wholly inside the window.
 */
int vioapic_mmio_read(struct vioapic *vio, uint64_t gpa, unsigned int size,
                      uint64_t *val);
int vioapic_mmio_write(struct vioapic *vio, uint64_t gpa, unsigned int size,
                       uint64_t val);

/* The input line of 'pin' is now asserted or not (active-low polarity
 * already undone by the caller). An edge source raises then lowers it.
 * -EINVAL for a pin >= nr_pins. */
int vioapic_set_irq(struct vioapic *vio, unsigned int pin, bool asserted);
/* An EOI for vector arrived (the vLAPIC's broadcast of a level-triggered
 * EOI): clears remote IRR of every entry with that vector. */
void vioapic_eoi(struct vioapic *vio, uint8_t vector);

/* RTE of pin as the guest reads it; an out-of-range pin reads masked. */
uint64_t vioapic_get_rte(const struct vioapic *vio, unsigned int pin);

#endif /* ASM_X86_HVM_VIOAPIC_H */
