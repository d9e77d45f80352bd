/* SPDX-License-Identifier: GPL-2.0-only */
/* System time: nanoseconds since boot, from the TSC scaled by a 32.32 fixed-point
 * factor measured against PIT channel 2. All CPUs share one TSC base: the TSCs of
 * a machine that resets them together (and of QEMU) stay in step. */
#include <xen/delay.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/hvm/guest_access.h>
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

/* pvclock: guests compute ns = system_time + (((tsc - tsc_timestamp) << shift)
 * * mul) >> 32. Our scale is ns per tick in 32.32; fold it into a 32-bit mul
 * with a shift. Guests see the host TSC (no offset), so the values hold for
 * as long as the scale does; they are refreshed whenever a vCPU is scheduled. */
void pvclock_scale(uint32_t *mul, int8_t *shift)
{
    uint64_t m = tsc_to_ns_mul;
    int s = 0;

    while ( m >= (1ULL << 32) )
    {
        m >>= 1;
        s++;
    }
    while ( m < (1ULL << 31) && s > -31 )
    {
        m <<= 1;
        s--;
    }
    *mul = (uint32_t)m;
    *shift = (int8_t)s;
}

static void write_time_info(struct vcpu_time_info *t)
{
    uint64_t tsc = rdtsc_ordered();

    t->version++;
    smp_wmb();
    t->tsc_timestamp = tsc;
    t->system_time = tsc_ticks_to_ns(tsc - boot_tsc);
    pvclock_scale(&t->tsc_to_system_mul, &t->tsc_shift);
    t->flags = 0;
    smp_wmb();
    t->version++;
}

void update_vcpu_system_time(struct vcpu *v)
{
    struct vcpu_time_info copy;

    if ( v->vcpu_info )
        write_time_info(&v->vcpu_info->time);
    if ( v->time_area_gva )
    {
        memset(&copy, 0, sizeof(copy));
        write_time_info(&copy);
        copy_to_guest(v, v->time_area_gva, &copy, sizeof(copy));
    }
}

/* CMOS RTC, read once at boot for the wallclock guests see. */
static unsigned int cmos_read(unsigned int reg)
{
    outb(reg, 0x70);
    return inb(0x71);
}

static unsigned int bcd(unsigned int v, bool binary)
{
    return binary ? v : (v & 0xf) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static uint64_t days_since_epoch(unsigned int y, unsigned int m, unsigned int d)
{
    static const unsigned int before[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273,
                                           304, 334 };
    uint64_t days = (uint64_t)(y - 1970) * 365 + before[(m - 1) % 12] + d - 1;
    unsigned int leap_y = m > 2 ? y : y - 1;

    days += (leap_y - 1968) / 4 - (leap_y - 1900) / 100 + (leap_y - 1600) / 400;
    return days;
}

/* The wallclock at system time 0, as guests read it from shared_info: boot's
 * CMOS reading until the hardware domain sets it (XENPF_settime). */
static uint64_t wc_sec;
static uint32_t wc_nsec;
static DEFINE_SPINLOCK(wc_lock);

void rtc_init(void)
{
    unsigned int spins = 0, sec, min, hour, day, mon, year, fmt;
    bool binary;

    while ( (cmos_read(0x0a) & 0x80) && ++spins < 1000000 )
        cpu_relax();                /* update in progress */
    sec = cmos_read(0x00);
    min = cmos_read(0x02);
    hour = cmos_read(0x04);
    day = cmos_read(0x07);
    mon = cmos_read(0x08);
    year = cmos_read(0x09);
    fmt = cmos_read(0x0b);
    binary = fmt & 0x04;
    year = bcd(year, binary) + 2000;
    mon = bcd(mon, binary);
    if ( mon < 1 || mon > 12 )
        return;
    wc_sec = days_since_epoch(year, mon, bcd(day, binary)) * 86400 +
             bcd(hour & 0x7f, binary) * 3600 + bcd(min, binary) * 60 +
             bcd(sec, binary) - (uint64_t)(NOW() / 1000000000);
    printk("Wallclock: %lu seconds since the epoch at boot\n", (unsigned long)wc_sec);
}

void update_domain_wallclock_time(struct domain *d)
{
    struct shared_info *s = d->shared_info;

    spin_lock(&wc_lock);
    s->wc_version++;
    smp_wmb();
    s->wc_sec = (uint32_t)wc_sec;
    s->wc_sec_hi = (uint32_t)(wc_sec >> 32);
    s->wc_nsec = wc_nsec;
    smp_wmb();
    s->wc_version++;
    spin_unlock(&wc_lock);
}

/* Xen's arithmetic, unsigned throughout: a system_time past secs.nsecs wraps
 * rather than failing, as it does there. */
void do_settime(uint64_t secs, uint32_t nsecs, uint64_t system_time)
{
    uint64_t ns = secs * 1000000000ULL + nsecs - system_time;

    spin_lock(&wc_lock);
    wc_sec = ns / 1000000000ULL;
    wc_nsec = (uint32_t)(ns % 1000000000ULL);
    spin_unlock(&wc_lock);
    /* The only domain there is; a later one reads the new base when created. */
    if ( hardware_domain )
        update_domain_wallclock_time(hardware_domain);
}
