/* SPDX-License-Identifier: GPL-2.0-only */
/* Architecture debug keys: 'd' dumps every CPU's registers and stack. Remote CPUs
 * dump themselves from a cross-CPU call, with the state they were interrupted in. */
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <asm/regs.h>

static void dump_this_cpu(void *unused)
{
    struct cpu_user_regs here;
    const struct cpu_user_regs *regs = this_cpu()->irq_regs;

    if ( !regs )
    {
        capture_regs(&here);
        regs = &here;
    }
    printk("*** Dumping CPU%u host state: ***\n", smp_processor_id());
    show_registers(regs);
}

static void dump_registers(unsigned char key)
{
    unsigned int cpu;

    printk("'%c' pressed -> dumping registers\n\n", key);
    for_each_online_cpu ( cpu )
        on_cpu(cpu, dump_this_cpu, NULL);
}
KEYHANDLER('d', dump_registers, "dump registers");
