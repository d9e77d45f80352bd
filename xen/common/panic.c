/* SPDX-License-Identifier: GPL-2.0-only */
/* panic(), BUG() and failed ASSERT()s: print in the format log scrapers know
 * ("Panic on CPU N:"), stop the other CPUs, then reboot or halt per noreboot. */
#include <xen/console.h>
#include <xen/delay.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/shutdown.h>
#include <xen/smp.h>
#include <asm/regs.h>
#include <asm/system.h>

static bool opt_noreboot;
boolean_param("noreboot", opt_noreboot);

bool shutdown_noreboot(void)
{
    return opt_noreboot;
}

static volatile bool panicking;

void panic(const char *fmt, ...)
{
    va_list args;
    struct cpu_user_regs regs;

    local_irq_disable();
    /* A second CPU panicking at once just stops; the first one reports. */
    if ( __atomic_exchange_n(&panicking, true, __ATOMIC_SEQ_CST) )
        for ( ;; )
            halt();
    console_force_unlock();
    printk("\n****************************************\n");
    printk("Panic on CPU %u:\n", smp_processor_id());
    va_start(args, fmt);
    vprintk(fmt, args);
    va_end(args);
    printk("****************************************\n\n");
    capture_regs(&regs);
    show_stack_trace(regs.rbp, regs.rip);
    smp_send_stop();
    if ( opt_noreboot )
    {
        printk("Manual reset required ('noreboot' specified)\n");
        machine_halt();
    }
    printk("Reboot in five seconds...\n");
    mdelay(5000);
    machine_restart();
}

void __bug(const char *file, int line)
{
    panic("Xen BUG at %s:%d\n", file, line);
}

void __assert_failed(const char *expr, const char *file, int line)
{
    panic("Assertion '%s' failed at %s:%d\n", expr, file, line);
}
