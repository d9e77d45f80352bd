/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the sipi test's C code and its real-mode trampoline: where the
 * trampoline runs, and the data block it reads and fills (offsets into its
 * page, so that real-mode code reaches them through DS = CS).
 */
#ifndef SIPI_H
#define SIPI_H

/* The SIPI vector's page: below 1 MiB, RAM in dom0's e820. */
#define TRAMP_PA        0x10000
#define TRAMP_VECTOR    (TRAMP_PA >> 12)
#define TRAMP_SEG       (TRAMP_PA >> 4)

#define TD_OFF          0xe00
#define TD_CR3          (TD_OFF + 0x00)     /* in: the BSP's CR3 (32 bits) */
#define TD_ENTRY        (TD_OFF + 0x08)     /* in: where long mode goes on */
#define TD_RUNS         (TD_OFF + 0x10)     /* times the trampoline started */
#define TD_CS           (TD_OFF + 0x12)     /* CS on entry */
#define TD_IP           (TD_OFF + 0x14)     /* IP of the label after a call */
#define TD_SP           (TD_OFF + 0x16)     /* SP after one PUSH from 0x1000 */
#define TD_EFLAGS       (TD_OFF + 0x18)     /* EFLAGS on entry */
#define TD_CR0          (TD_OFF + 0x1c)     /* CR0 on entry */
#define TD_LONG         (TD_OFF + 0x20)     /* 1 once in long mode */

/* Written through ES = TRAMP_SEG + PROBE_OFF / 16 at ES:0: the CS value. */
#define PROBE_OFF       0xd00
/* The word the 16-bit PUSH stores, at TRAMP_PA + 0xffe. */
#define PUSH_MAGIC      0xa55a
#define STACK_TOP       0x1000

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

struct tramp_data {
    uint32_t cr3, pad;
    uint64_t entry;
    uint16_t runs, cs, ip, sp;
    uint32_t eflags, cr0, long_mode;
};

#define TRAMP_DATA      ((volatile struct tramp_data *)(TRAMP_PA + TD_OFF))

_Static_assert(__builtin_offsetof(struct tramp_data, entry) == TD_ENTRY - TD_OFF, "entry");
_Static_assert(__builtin_offsetof(struct tramp_data, runs) == TD_RUNS - TD_OFF, "runs");
_Static_assert(__builtin_offsetof(struct tramp_data, sp) == TD_SP - TD_OFF, "sp");
_Static_assert(__builtin_offsetof(struct tramp_data, cr0) == TD_CR0 - TD_OFF, "cr0");
_Static_assert(__builtin_offsetof(struct tramp_data, long_mode) == TD_LONG - TD_OFF,
               "long_mode");

extern const uint8_t sipi_tramp_start[], sipi_tramp_end[], sipi_tramp_after_call[];

#define APIC_ICR_LO     0x300
#define APIC_ICR_HI     0x310
#define MS              1000000ull

/* main.c: the BSP's xAPIC page, and waits on Xen's clock. */
uint32_t xapic_read(unsigned int reg);
void xapic_write(unsigned int reg, uint32_t val);
uint64_t now_ns(void);
void delay_ns(uint64_t ns);
/* Waits up to ns for *p == want; true when it came. */
bool wait_for(volatile uint32_t *p, uint32_t want, uint64_t ns);

/* nmi.c: the AP's NMI gate and idle loop, and the NMI checks against the
 * started vCPU 1, whose APIC ID is ap_apic. */
void nmi_entry(void);
void nmi_ap_main(void) __attribute__((noreturn));
void nmi_tests(uint32_t ap_apic);
#endif

#endif /* SIPI_H */
