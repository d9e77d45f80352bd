// SPDX-License-Identifier: GPL-2.0-only
/*
 * Time as a PVH dom0 sees it under Xen 4.17: the pvclock in
 * shared_info.vcpu_info[0].time against RDTSC and HVMOP_get_time, the
 * wallclock, the runstate area, and the VIRQ_TIMER sources (singleshot,
 * periodic, set_timer_op) observed through SCHEDOP_poll with interrupts
 * off, so no upcall handler is needed: we only look at the pending bit.
 */
#include <stdbool.h>
#include "test.h"

#define __HYPERVISOR_set_timer_op       15
#define __HYPERVISOR_vcpu_op            24
#define __HYPERVISOR_event_channel_op   32
#define __HYPERVISOR_hvm_op             34

#define XENMEM_add_to_physmap           7
#define XENMAPSPACE_shared_info         0
#define DOMID_SELF                      0x7ff0u
#define EVTCHNOP_bind_virq              1
#define VIRQ_TIMER                      0
#define HVMOP_get_time                  10
#define SCHEDOP_poll                    3

enum { VCPUOP_is_up = 3, VCPUOP_get_runstate_info,
       VCPUOP_register_runstate_memory_area, VCPUOP_set_periodic_timer,
       VCPUOP_stop_periodic_timer, VCPUOP_set_singleshot_timer,
       VCPUOP_stop_singleshot_timer };
#define VCPU_SSHOTTMR_future            (1u << 0)

#define RUNSTATE_running                0
#define RUNSTATE_blocked                2
#define XEN_ENOENT                      2
#define MS                              1000000ull      /* in ns */

struct vcpu_time_info {
    uint32_t version, pad0;
    uint64_t tsc_timestamp, system_time;
    uint32_t tsc_to_system_mul;
    int8_t tsc_shift;
    uint8_t flags;
    uint16_t pad1;
};

struct vcpu_info {
    uint8_t evtchn_upcall_pending, evtchn_upcall_mask;
    uint64_t evtchn_pending_sel;
    uint64_t cr2, pad;
    struct vcpu_time_info time;
};

struct shared_info {
    struct vcpu_info vcpu_info[32];
    uint64_t evtchn_pending[64];
    uint64_t evtchn_mask[64];
    uint32_t wc_version, wc_sec, wc_nsec, wc_sec_hi;
};

struct runstate_info {
    uint32_t state, pad;
    uint64_t state_entry_time;
    uint64_t time[4];
};

_Static_assert(sizeof(struct vcpu_info) == 64, "vcpu_info");
_Static_assert(__builtin_offsetof(struct shared_info, wc_version) == 0xc00,
               "wc_version");
_Static_assert(sizeof(struct runstate_info) == 48, "runstate");

static uint8_t shinfo_page[4096] __attribute__((aligned(4096)));
static volatile struct shared_info *shared;
static struct runstate_info runstate;
static uint32_t timer_port;

static void expect_rc(const char *what, long rc, long expected)
{
    if ( rc != expected )
        test_fail("%s returned %ld, expected %ld", what, rc, expected);
}

static long vcpu_op(int cmd, unsigned int vcpu, void *arg)
{
    return hypercall(__HYPERVISOR_vcpu_op, cmd, vcpu, (unsigned long)arg, 0, 0);
}

#define rdtsc() __builtin_ia32_rdtsc()

/* Reader side of the version protocol: retry while Xen is mid-update
 * (odd) or the version moved under us. Also returns the snapshot. */
static uint64_t pvclock_read(struct vcpu_time_info *snap)
{
    volatile struct vcpu_time_info *t = &shared->vcpu_info[0].time;
    struct vcpu_time_info s;
    uint64_t tsc, delta;
    uint32_t ver;

    do {
        ver = t->version;
        asm volatile ("lfence" ::: "memory");
        s = *t;
        tsc = rdtsc();
        asm volatile ("lfence" ::: "memory");
    } while ( (ver & 1) || ver != t->version );

    delta = tsc - s.tsc_timestamp;
    delta = s.tsc_shift >= 0 ? delta << s.tsc_shift : delta >> -s.tsc_shift;
    if ( snap )
        *snap = s;
    return s.system_time +
           (uint64_t)(((unsigned __int128)delta * s.tsc_to_system_mul) >> 32);
}

#define now() pvclock_read(NULL)

static bool pending(uint32_t port)
{
    return shared->evtchn_pending[port / 64] & (1ul << (port % 64));
}

static void clear_events(void)
{
    shared->vcpu_info[0].evtchn_upcall_pending = 0;
    shared->vcpu_info[0].evtchn_pending_sel = 0;
    __atomic_fetch_and(&shared->evtchn_pending[timer_port / 64],
                       ~(1ul << (timer_port % 64)), __ATOMIC_SEQ_CST);
}

static long poll(uint32_t port, unsigned int nr, uint64_t timeout)
{
    struct { uint32_t *ports; uint32_t nr, pad; uint64_t timeout; } p = {
        &port, nr, 0, timeout };                /* struct sched_poll */

    return hypercall_sched_op(SCHEDOP_poll, &p);
}

static long singleshot(unsigned int vcpu, uint64_t when, uint32_t flags)
{
    struct { uint64_t timeout; uint32_t flags, pad; } s = { when, flags, 0 };

    return vcpu_op(VCPUOP_set_singleshot_timer, vcpu, &s);
}

static long periodic(uint64_t period)
{
    return vcpu_op(VCPUOP_set_periodic_timer, 0, &period);
}

static long set_timer_op(uint64_t when)
{
    return hypercall(__HYPERVISOR_set_timer_op, when, 0, 0, 0, 0);
}

static void map_shared_info(void)
{
    struct { uint16_t domid, size; uint32_t space; uint64_t idx, gpfn; } xatp = {
        DOMID_SELF, 0, XENMAPSPACE_shared_info, 0, (unsigned long)shinfo_page >> 12 };
    long rc = hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap,
                        (unsigned long)&xatp, 0, 0, 0);

    if ( rc )
    {
        test_error("add_to_physmap(shared_info) returned %ld", rc);
        test_finish();
    }
    shared = (volatile struct shared_info *)shinfo_page;
}

static void check_pvclock(void)
{
    struct vcpu_time_info a;
    uint64_t t0, t1, tsc0, tsc1, khz, cpuid_khz, get_time = 0, ns, expect;
    long rc;

    t0 = pvclock_read(&a);
    tsc0 = rdtsc();
    printk("  pvclock: version %u system_time %lu tsc %lu mul %#x shift %d flags %#x\n",
           a.version, a.system_time, a.tsc_timestamp, a.tsc_to_system_mul,
           a.tsc_shift, a.flags);
    if ( !a.tsc_to_system_mul || !a.system_time || (a.version & 1) )
        return test_fail("pvclock not set up (version %u mul %#x)",
                         a.version, a.tsc_to_system_mul);
    khz = (1000000ull << 32) / a.tsc_to_system_mul;
    khz = a.tsc_shift >= 0 ? khz >> a.tsc_shift : khz << -a.tsc_shift;
    cpuid_khz = cpuid_count(xen_cpuid_base + 3, 0).ecx;
    printk("  TSC kHz from pvclock %lu, from CPUID leaf 3 %lu\n", khz, cpuid_khz);
    /* Both describe the guest TSC: within 1%. */
    if ( khz * 100 < cpuid_khz * 99 || khz * 100 > cpuid_khz * 101 )
        test_fail("pvclock TSC %lu kHz vs CPUID %lu kHz", khz, cpuid_khz);

    /* Spin ~20 ms of TSC; system time must advance by the same amount
     * (generous 10%: emulated TSC, nested virtualisation). */
    while ( rdtsc() - tsc0 < khz * 20 )
        ;
    t1 = now();
    tsc1 = rdtsc();
    ns = t1 - t0;
    expect = (tsc1 - tsc0) * 1000000ull / khz;
    if ( t1 <= t0 || ns * 10 < expect * 9 || ns * 10 > expect * 11 )
        test_fail("pvclock advanced %lu ns while the TSC says %lu ns", ns, expect);

    /* Monotonic across many reads (and any version change in between). */
    for ( int i = 0; i < 20000; i++ )
    {
        t1 = now();
        if ( t1 < t0 )
            return test_fail("pvclock went backwards: %lu then %lu", t0, t1);
        t0 = t1;
    }

    /* Xen's own NOW() lies between two of our reads (2 ms slack). */
    t0 = now();
    rc = hypercall(__HYPERVISOR_hvm_op, HVMOP_get_time,
                   (unsigned long)&get_time, 0, 0, 0);
    t1 = now();
    expect_rc("HVMOP_get_time", rc, 0);
    if ( get_time + 2 * MS < t0 || get_time > t1 + 2 * MS )
        test_fail("HVMOP_get_time %lu outside pvclock %lu .. %lu", get_time,
                  t0, t1);
}

static void check_wallclock(void)
{
    uint32_t v, sec, nsec, hi;

    do {
        v = shared->wc_version;
        asm volatile ("lfence" ::: "memory");
        sec = shared->wc_sec;
        nsec = shared->wc_nsec;
        hi = shared->wc_sec_hi;
        asm volatile ("lfence" ::: "memory");
    } while ( (v & 1) || v != shared->wc_version );
    printk("  wallclock: version %u sec %u nsec %u sec_hi %u\n", v, sec, nsec, hi);
    if ( !sec || nsec >= 1000000000u || hi )
        test_fail("wallclock sec %u nsec %u hi %u", sec, nsec, hi);
}

/* Waits (poll, timeout `limit` after `start`) for the timer port, expects
 * it pending or not, and the wait to have lasted lo .. hi ns. */
static void wait_timer(const char *what, uint64_t start, uint64_t limit,
                       bool expect_pending, uint64_t lo, uint64_t hi)
{
    long rc = poll(timer_port, 1, start + limit);
    uint64_t el = now() - start;

    printk("  %s: poll rc %ld after %lu us, pending %d\n", what, rc,
           el / 1000, pending(timer_port));
    expect_rc(what, rc, 0);
    if ( pending(timer_port) != expect_pending || el < lo || el > hi )
        test_fail("%s: pending %d after %lu ns, expected %d after %lu .. %lu",
                  what, pending(timer_port), el, expect_pending, lo, hi);
    clear_events();
}

/* Xen may run a timer up to its 50 us slop early. */
#define SLOP    100000ull
#define FOREVER (~0ull)

static void check_singleshot(long is_up1)
{
    uint64_t t;
    long rc;

    /* 5 ms ahead; the poll timeout (2 s) must not be what ends it. */
    t = now();
    expect_rc("set_singleshot(+5 ms)", singleshot(0, t + 5 * MS, 0), 0);
    wait_timer("singleshot +5 ms", t, 2000 * MS, true, 5 * MS - SLOP, 500 * MS);

    /* The ABI names -ETIME for a past deadline with VCPU_SSHOTTMR_future,
     * but 4.17.7 ignores the flag (Linux misused it): any past deadline
     * returns 0 and raises VIRQ_TIMER at once. */
    t = now();
    expect_rc("set_singleshot(past, FUTURE)",
              singleshot(0, t - 1 * MS, VCPU_SSHOTTMR_future), 0);
    wait_timer("past deadline, FUTURE", t, 2000 * MS, true, 0, 5 * MS);
    t = now();
    expect_rc("set_singleshot(past)", singleshot(0, t - 1 * MS, 0), 0);
    wait_timer("past deadline", t, 2000 * MS, true, 0, 5 * MS);

    /* Stopped: the poll runs into its 20 ms timeout, nothing pending. */
    expect_rc("set_singleshot(+1 s, FUTURE)",
              singleshot(0, now() + 1000 * MS, VCPU_SSHOTTMR_future), 0);
    expect_rc("stop_singleshot", vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL), 0);
    t = now();
    wait_timer("after stop_singleshot", t, 20 * MS, false, 20 * MS - SLOP, FOREVER);

    /* Another vCPU: -EINVAL if it exists, -ENOENT if not. */
    rc = is_up1 == -XEN_ENOENT ? -XEN_ENOENT : -XEN_EINVAL;
    expect_rc("set_singleshot(vcpu 1)", singleshot(1, now() + MS, 0), rc);
    expect_rc("stop_singleshot(vcpu 1)",
              vcpu_op(VCPUOP_stop_singleshot_timer, 1, NULL), rc);
}

static void check_periodic(void)
{
    uint64_t t, el;

    expect_rc("set_periodic(999999 ns)", periodic(MS - 1), -XEN_EINVAL);
    /* The first tick comes at once (the last one is long past), the next
     * a period later while we keep running. */
    t = now();
    expect_rc("set_periodic(10 ms)", periodic(10 * MS), 0);
    wait_timer("periodic, first tick", t, 2000 * MS, true, 0, 5 * MS);
    /* Spin with IF=1 (nothing is routed to us, so nothing is delivered):
     * Bochs 2.7 lets a host interrupt end a VMX guest's run only once the
     * guest has changed IF, so with IF=0 throughout neither Xen nor we would
     * ever get the CPU back there. */
    asm volatile ("sti");
    while ( !pending(timer_port) && now() - t < 500 * MS )
        ;
    asm volatile ("cli");
    el = now() - t;
    if ( !pending(timer_port) || el < 10 * MS - SLOP )
        test_fail("second periodic tick: pending %d after %lu ns, expected "
                  "10 .. 500 ms", pending(timer_port), el);
    clear_events();
    /* Xen stops the periodic timer while the vCPU is descheduled, so it
     * does not end a blocking poll: the 30 ms timeout does, and the tick
     * owed is raised as the vCPU is scheduled back in. */
    t = now();
    wait_timer("periodic while blocked", t, 30 * MS, true, 30 * MS - SLOP, FOREVER);
    expect_rc("stop_periodic", vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);
    clear_events();
}

static void check_timers(long is_up1)
{
    struct { uint32_t virq, vcpu, port; } bind = { VIRQ_TIMER, 0, 0 };
    uint64_t t;
    long rc;

    rc = hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_virq,
                   (unsigned long)&bind, 0, 0, 0);
    if ( rc )
    {
        test_error("bind_virq(TIMER, 0) returned %ld", rc);
        test_finish();
    }
    timer_port = bind.port;
    expect_rc("stop_periodic_timer", vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);
    clear_events();
    check_singleshot(is_up1);
    check_periodic();
    expect_rc("poll(nr_ports 129)", poll(timer_port, 129, 0), -XEN_EINVAL);

    /* set_timer_op: absolute system time; 0 cancels. */
    t = now();
    expect_rc("set_timer_op(+5 ms)", set_timer_op(t + 5 * MS), 0);
    wait_timer("set_timer_op +5 ms", t, 2000 * MS, true, 5 * MS - SLOP, 500 * MS);
    t = now();
    expect_rc("set_timer_op(+5 ms) again", set_timer_op(t + 5 * MS), 0);
    expect_rc("set_timer_op(0)", set_timer_op(0), 0);
    wait_timer("set_timer_op cancelled", t, 20 * MS, false, 20 * MS - SLOP, FOREVER);
}

/* Registered area is written at once (state running), then refreshed when
 * the vCPU is descheduled, e.g. by a poll that blocks. */
static void check_runstate(void)
{
    struct runstate_info snap;
    uint64_t addr = (unsigned long)&runstate, t;
    long rc;

    memset(&runstate, 0xa5, sizeof(runstate));
    t = now();
    rc = vcpu_op(VCPUOP_register_runstate_memory_area, 0, &addr);
    expect_rc("register_runstate_memory_area", rc, 0);
    snap = *(volatile struct runstate_info *)&runstate;
    if ( snap.state != RUNSTATE_running || snap.state_entry_time > t ||
         !snap.time[RUNSTATE_running] )
        test_fail("runstate area: state %u entry %lu (now %lu) running %lu",
                  snap.state, snap.state_entry_time, t, snap.time[0]);

    /* A 10 ms poll on a port nothing raises blocks us. */
    clear_events();
    expect_rc("poll(10 ms)", poll(timer_port, 1, now() + 10 * MS), 0);
    snap = *(volatile struct runstate_info *)&runstate;
    if ( snap.state != RUNSTATE_running || snap.time[RUNSTATE_blocked] < 5 * MS )
        test_fail("runstate after blocking: state %u blocked %lu ns",
                  snap.state, snap.time[RUNSTATE_blocked]);
    /* The hypercall's snapshot counts the running time up to the call. */
    t = now();
    expect_rc("get_runstate_info(0)", vcpu_op(VCPUOP_get_runstate_info, 0, &snap), 0);
    if ( snap.state != RUNSTATE_running ||
         snap.time[RUNSTATE_running] + snap.state_entry_time < t )
        test_fail("get_runstate_info: state %u running %lu + entry %lu < now %lu",
                  snap.state, snap.time[RUNSTATE_running],
                  snap.state_entry_time, t);
}

void test_main(void)
{
    long is_up1;

    asm volatile ("cli");
    map_shared_info();
    check_pvclock();
    check_wallclock();
    is_up1 = vcpu_op(VCPUOP_is_up, 1, NULL);
    printk("  VCPUOP_is_up(1) = %ld\n", is_up1);
    check_timers(is_up1);
    check_runstate();
}
