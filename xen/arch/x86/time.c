/* SPDX-License-Identifier: GPL-2.0-only */
/* System time: nanoseconds since boot, from the TSC scaled by a 32.32 fixed-point
 * factor measured against PIT channel 2. All CPUs share one TSC base: the TSCs of
 * a machine that resets them together (and of QEMU) stay in step. */
#include <xen/delay.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/timer.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/system.h>
#include <asm/time.h>

#define PIT_HZ          1193182
#define CALIBRATE_MS    50

uint64_t cpu_khz = 3000000;         /* a safe guess for delays before calibration */
static uint64_t tsc_to_ns_mul;      /* ns per tick, 32.32 */
static uint64_t boot_tsc;

static void set_scale(uint64_t khz)
{
    cpu_khz = khz;
    tsc_to_ns_mul = (1000000ULL << 32) / khz;
}

uint64_t tsc_ticks_to_ns(uint64_t ticks)
{
    return (uint64_t)(((unsigned __int128)ticks * tsc_to_ns_mul) >> 32);
}

s_time_t NOW(void)
{
    return (s_time_t)tsc_ticks_to_ns(rdtsc_ordered() - boot_tsc);
}

void udelay(unsigned long us)
{
    uint64_t start = rdtsc(), ticks = (uint64_t)us * cpu_khz / 1000;

    while ( rdtsc() - start < ticks )
        cpu_relax();
}

/* Counts TSC ticks while PIT channel 2 counts down CALIBRATE_MS milliseconds. */
static uint64_t pit_calibrate_tsc(void)
{
    unsigned int count = PIT_HZ * CALIBRATE_MS / 1000;
    uint64_t t0, t1, spins = 0;

    outb((inb(0x61) & ~0x02) | 0x01, 0x61);     /* gate on, speaker off */
    outb(0xb0, 0x43);                           /* ch2, lo/hi byte, mode 0 */
    outb(count & 0xff, 0x42);
    outb(count >> 8, 0x42);
    t0 = rdtsc_ordered();
    while ( !(inb(0x61) & 0x20) )
        if ( ++spins > 100000000ULL )
            return 0;
    t1 = rdtsc_ordered();
    return (t1 - t0) / CALIBRATE_MS;            /* ticks per ms = kHz */
}

void time_init(void)
{
    uint64_t khz = pit_calibrate_tsc();

    if ( !khz )
        panic("TSC calibration failed: PIT channel 2 never expired\n");
    set_scale(khz);
    boot_tsc = rdtsc_ordered();
    printk("Detected %lu.%03lu MHz processor.\n",
           (unsigned long)(khz / 1000), (unsigned long)(khz % 1000));
}

static void print_cpu_time(void *unused)
{
    uint64_t tsc = rdtsc_ordered();

    printk("CPU%u: TSC %#lx, local time %ld ns\n", smp_processor_id(),
           (unsigned long)tsc, (long)tsc_ticks_to_ns(tsc - boot_tsc));
}

static void dump_time(unsigned char key)
{
    s_time_t now = NOW();

    printk("'%c' pressed -> dumping time info (now = %#lx)\n", key, (unsigned long)now);
    printk("System time: %ld ns (%ld.%09ld s), TSC %lu kHz\n", (long)now,
           (long)(now / 1000000000), (long)(now % 1000000000), (unsigned long)cpu_khz);
    on_each_cpu(print_cpu_time, NULL);
    dump_timers();
}
KEYHANDLER('t', dump_time, "display multi-cpu clock info");
