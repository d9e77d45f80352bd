/* SPDX-License-Identifier: GPL-2.0-only */
/* Interrupt vectors the hypervisor owns, and registration of their handlers. */
#ifndef ASM_X86_IRQ_H
#define ASM_X86_IRQ_H

#include <asm/regs.h>

#define PIC_VECTOR_BASE         0x20    /* the masked legacy PICs: 0x20-0x2f */
#define FIRST_DYNAMIC_VECTOR    0x30    /* dom0's GSIs: 0x30 + GSI */
#define FIRST_MSI_VECTOR        0x80    /* dom0's MSIs: 0x80-0xef */
#define LAST_MSI_VECTOR         0xef
#define LOCAL_TIMER_VECTOR      0xf9
#define CALL_FUNCTION_VECTOR    0xfa
#define EVENT_CHECK_VECTOR      0xfb
#define STOP_VECTOR             0xfc
#define ERROR_APIC_VECTOR       0xfe
#define SPURIOUS_APIC_VECTOR    0xff

typedef void (*irq_handler_t)(struct cpu_user_regs *regs);

void set_irq_handler(unsigned int vector, irq_handler_t fn);
void idt_init(void);
void load_idt(void);
void i8259_disable(void);

#endif /* ASM_X86_IRQ_H */
