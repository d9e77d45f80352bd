/* SPDX-License-Identifier: GPL-2.0-only */
/* Local APIC access, IPIs and the APIC timer in one-shot mode. x2APIC (MSRs) is
 * used when the CPU offers it, because it needs no MMIO mapping and has 32-bit
 * IDs; otherwise the xAPIC page at the address in IA32_APIC_BASE. */
#include <xen/delay.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/softirq.h>
#include <xen/timer.h>
#include <asm/apic.h>
#include <asm/cpufeature.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/mm.h>
#include <asm/msr-index.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/system.h>
#include <asm/time.h>

static bool x2apic_mode;
static volatile uint8_t *xapic_va;
static uint64_t apic_ticks_per_ms;

bool apic_is_x2apic(void)
{
    return x2apic_mode;
}

uint32_t apic_read(unsigned int reg)
{
    if ( x2apic_mode )
        return (uint32_t)rdmsr(MSR_X2APIC_FIRST + (reg >> 4));
    return readl(xapic_va + reg);
}

void apic_write(unsigned int reg, uint32_t v)
{
    if ( x2apic_mode )
        wrmsr(MSR_X2APIC_FIRST + (reg >> 4), v);
    else
        writel(v, xapic_va + reg);
}

uint32_t get_apic_id(void)
{
    uint32_t id = apic_read(APIC_ID);

    return x2apic_mode ? id : id >> 24;
}

void ack_APIC_irq(void)
{
    apic_write(APIC_EOI, 0);
}

void apic_send_ipi(uint32_t apic_id, uint32_t icr_low)
{
    unsigned int spins = 0;

    if ( x2apic_mode )
    {
        /* One 64-bit write; the MSR form has no busy bit to wait on. */
        wrmsr(MSR_X2APIC_FIRST + (APIC_ICR >> 4), ((uint64_t)apic_id << 32) | icr_low);
        return;
    }
    while ( (apic_read(APIC_ICR) & APIC_ICR_BUSY) && ++spins < 1000000 )
        cpu_relax();
    apic_write(APIC_ICR2, apic_id << 24);
    apic_write(APIC_ICR, icr_low);
}

static void apic_timer_interrupt(struct cpu_user_regs *regs)
{
    ack_APIC_irq();
    raise_softirq(TIMER_SOFTIRQ);
}

static void apic_error_interrupt(struct cpu_user_regs *regs)
{
    uint32_t esr;

    apic_write(APIC_ESR, 0);
    esr = apic_read(APIC_ESR);
    ack_APIC_irq();
    printk(XENLOG_WARNING "APIC error on CPU%u: ESR %#x\n", smp_processor_id(), esr);
}

static void apic_spurious_interrupt(struct cpu_user_regs *regs)
{
    /* Spurious interrupts take no EOI. */
}

static void map_xapic(void)
{
    paddr_t base = rdmsr(MSR_IA32_APICBASE) & APICBASE_BASE_MASK;

    xapic_va = ioremap(base, PAGE_SIZE);
    if ( !xapic_va )
        panic("Cannot map the local APIC at %#lx\n", (unsigned long)base);
}

void apic_init_local(bool bsp)
{
    uint64_t base = rdmsr(MSR_IA32_APICBASE);

    if ( bsp )
    {
        x2apic_mode = boot_cpu.x2apic;
        if ( !x2apic_mode )
            map_xapic();
        set_irq_handler(LOCAL_TIMER_VECTOR, apic_timer_interrupt);
        set_irq_handler(ERROR_APIC_VECTOR, apic_error_interrupt);
        set_irq_handler(SPURIOUS_APIC_VECTOR, apic_spurious_interrupt);
    }
    base |= APICBASE_ENABLE;
    if ( x2apic_mode )
        base |= APICBASE_EXTD;
    wrmsr(MSR_IA32_APICBASE, base);

    apic_write(APIC_TASKPRI, 0);
    apic_write(APIC_SPIV, APIC_SPIV_ENABLE | SPURIOUS_APIC_VECTOR);
    apic_write(APIC_LVT0, APIC_LVT_MASKED);
    apic_write(APIC_LVT1, APIC_DM_NMI);         /* LINT1 carries NMIs on PCs */
    apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
    apic_write(APIC_ESR, 0);
    apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
    apic_write(APIC_TDCR, 0xb);                 /* divide by 1 */
    ack_APIC_irq();
}

void apic_timer_calibrate(void)
{
    uint32_t start = 0xffffffff, left;

    apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
    apic_write(APIC_TMICT, start);
    udelay(10000);
    left = apic_read(APIC_TMCCT);
    apic_write(APIC_TMICT, 0);
    apic_ticks_per_ms = (start - left) / 10;
    if ( !apic_ticks_per_ms )
        panic("The local APIC timer does not count\n");
    printk("APIC timer: %lu.%03lu MHz bus clock\n",
           (unsigned long)(apic_ticks_per_ms / 1000), (unsigned long)(apic_ticks_per_ms % 1000));
}

void apic_timer_init_local(void)
{
    apic_write(APIC_TDCR, 0xb);
    apic_write(APIC_LVTT, LOCAL_TIMER_VECTOR);  /* one-shot, unmasked */
}

uint64_t apic_timer_khz(void)
{
    return apic_ticks_per_ms;
}

bool reprogram_timer(s_time_t deadline)
{
    s_time_t delta = deadline - NOW();
    uint64_t ticks;

    if ( delta <= 0 )
        return false;
    if ( delta > SECONDS(1000) )
        delta = SECONDS(1000);      /* keeps the product below 2^64 */
    ticks = (uint64_t)delta * apic_ticks_per_ms / 1000000;
    if ( ticks == 0 )
        ticks = 1;
    if ( ticks > 0xffffffffULL )
        ticks = 0xffffffffULL;
    apic_write(APIC_TMICT, (uint32_t)ticks);
    return true;
}
