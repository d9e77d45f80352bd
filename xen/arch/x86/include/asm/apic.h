/* SPDX-License-Identifier: GPL-2.0-only */
/* The local APIC, in x2APIC mode when the CPU has it, else through xAPIC MMIO. */
#ifndef ASM_X86_APIC_H
#define ASM_X86_APIC_H

#include <xen/types.h>

#define APIC_ID         0x020
#define APIC_LVR        0x030
#define APIC_TASKPRI    0x080
#define APIC_EOI        0x0b0
#define APIC_LDR        0x0d0
#define APIC_DFR        0x0e0
#define APIC_SPIV       0x0f0
#define  APIC_SPIV_ENABLE   0x100
#define APIC_ESR        0x280
#define APIC_ICR        0x300
#define APIC_ICR2       0x310
#define APIC_LVTT       0x320
#define APIC_LVT0       0x350
#define APIC_LVT1       0x360
#define APIC_LVTERR     0x370
#define APIC_TMICT      0x380
#define APIC_TMCCT      0x390
#define APIC_TDCR       0x3e0

#define APIC_LVT_MASKED     (1u << 16)
#define APIC_DM_FIXED       0x000
#define APIC_DM_NMI         0x400
#define APIC_DM_INIT        0x500
#define APIC_DM_STARTUP     0x600
#define APIC_ICR_BUSY       0x1000
#define APIC_INT_ASSERT     0x4000
#define APIC_INT_LEVELTRIG  0x8000

uint32_t apic_read(unsigned int reg);
void apic_write(unsigned int reg, uint32_t v);
uint32_t get_apic_id(void);
bool apic_is_x2apic(void);
/* Maps (BSP) and enables this CPU's local APIC; masks LINT0/1 and the timer. */
void apic_init_local(bool bsp);
void apic_send_ipi(uint32_t apic_id, uint32_t icr_low);
void ack_APIC_irq(void);
/* Measures the APIC timer against the calibrated TSC (BSP only). */
void apic_timer_calibrate(void);
void apic_timer_init_local(void);
uint64_t apic_timer_khz(void);

#endif /* ASM_X86_APIC_H */
