/* SPDX-License-Identifier: GPL-2.0-only */
/* The legacy 8259 PICs: the BIOS leaves them delivering on vectors 0x08-0x0f,
 * which collide with CPU exceptions. We move them to 0x20-0x2f and mask every
 * line; all interrupts the hypervisor uses come through the local APIC. */
#include <xen/lib.h>
#include <asm/io.h>
#include <asm/irq.h>

#define PIC1_CMD    0x20
#define PIC1_DATA   0x21
#define PIC2_CMD    0xa0
#define PIC2_DATA   0xa1

/* A masked PIC can still raise its spurious IRQ7/15; those need no EOI. */
static void pic_spurious(struct cpu_user_regs *regs)
{
}

void i8259_disable(void)
{
    outb(0x11, PIC1_CMD);                   /* ICW1: edge, cascade, ICW4 follows */
    outb(0x11, PIC2_CMD);
    outb(PIC_VECTOR_BASE, PIC1_DATA);       /* ICW2: vector bases */
    outb(PIC_VECTOR_BASE + 8, PIC2_DATA);
    outb(0x04, PIC1_DATA);                  /* ICW3: slave on IRQ2 */
    outb(0x02, PIC2_DATA);
    outb(0x01, PIC1_DATA);                  /* ICW4: 8086 mode */
    outb(0x01, PIC2_DATA);
    outb(0xff, PIC1_DATA);                  /* OCW1: mask all */
    outb(0xff, PIC2_DATA);
    set_irq_handler(PIC_VECTOR_BASE + 7, pic_spurious);
    set_irq_handler(PIC_VECTOR_BASE + 15, pic_spurious);
}
