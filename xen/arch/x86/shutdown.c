/* SPDX-License-Identifier: GPL-2.0-only */
/* Machine restart and halt. Restart tries, in order, the ACPI reset register, the
 * keyboard controller, port 0xCF9 and finally a triple fault, because firmware
 * and emulators each honour a different subset. */
#include <xen/delay.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/shutdown.h>
#include <xen/smp.h>
#include <asm/acpi.h>
#include <public/sched.h>
#include <asm/io.h>
#include <asm/system.h>

void machine_halt(void)
{
    local_irq_disable();
    smp_send_stop();
    for ( ;; )
        halt();
}

static void kbd_reset(void)
{
    unsigned int i;

    for ( i = 0; i < 0x10000 && (inb(0x64) & 0x02); i++ )
        udelay(2);
    outb(0xfe, 0x64);
}

static void triple_fault(void)
{
    struct __packed { uint16_t limit; uint64_t base; } null_idt = { 0, 0 };

    __asm__ __volatile__("lidt %0; int3" :: "m" (null_idt));
}

void machine_restart(void)
{
    if ( shutdown_noreboot() )
    {
        printk("Reboot disabled on cmdline: require manual reset\n");
        machine_halt();
    }
    local_irq_disable();
    smp_send_stop();
    acpi_reset();
    mdelay(50);
    kbd_reset();
    mdelay(50);
    outb(0x02, 0xcf9);
    outb(0x06, 0xcf9);
    mdelay(50);
    triple_fault();
    for ( ;; )
        halt();
}

static void reboot_key(unsigned char key)
{
    printk("'%c' pressed -> rebooting machine\n", key);
    machine_restart();
}
KEYHANDLER('R', reboot_key, "reboot machine");

/* What the machine does when the hardware domain shuts down, in Xen's words. */
void hardware_domain_shutdown(int reason)
{
    switch ( reason )
    {
    case SHUTDOWN_poweroff:
        printk("Hardware Dom0 halted: halting machine\n");
        machine_halt();
    case SHUTDOWN_crash:
        printk("Hardware Dom0 crashed: rebooting machine in 5 seconds.\n");
        mdelay(5000);
        machine_restart();
    default:
        printk("Hardware Dom0 shutdown: rebooting machine\n");
        machine_restart();
    }
}
