// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bringing up a second vCPU the PVH way (no INIT/SIPI): VCPUOP_initialise
 * with a 64-bit vcpu_hvm_context, VCPUOP_up, and the vCPU's life after
 * that as VCPUOP_is_up and get_runstate_info report it. The AP never
 * prints; it reports through shared variables. Needs 2 vCPUs (QEMU -smp 2:
 * dom0 gets one vCPU per pCPU); with one it SKIPs.
 */
#include "test.h"
#include "vcpu.h"

#define __HYPERVISOR_hvm_op             34
#define HVMOP_get_time                  10

#define XEN_ENOENT      2
#define XEN_EEXIST      17

#define APIC_ID_MMIO    0xfee00020ul

/* What the AP learns, and the BSP's answers to it. */
static volatile uint32_t ap_arrived, ap_release;
static volatile uint32_t ap_apic_id, ap_cpuid_apic_id, ap_xen_vcpu_id;
static uint8_t ap_stack[16384] __attribute__((aligned(16)));

static void ap_main(void)
{
    ap_apic_id = *(volatile uint32_t *)APIC_ID_MMIO >> 24;
    ap_cpuid_apic_id = cpuid(1).ebx >> 24;
    ap_xen_vcpu_id = cpuid(xen_cpuid_base + 4).ebx;
    __atomic_store_n(&ap_arrived, 1, __ATOMIC_SEQ_CST);
    /* Stay up (running) until the BSP has looked at us. */
    while ( !__atomic_load_n(&ap_release, __ATOMIC_SEQ_CST) )
        asm volatile ("pause");
}

static void expect_rc(const char *what, long rc, long expected)
{
    if ( rc != expected )
        test_fail("%s returned %ld, expected %ld", what, rc, expected);
}

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    asm volatile ("rdtsc" : "=a" (lo), "=d" (hi));
    return ((uint64_t)hi << 32) | lo;
}

/* Bounded waits: ~5e9 TSC ticks, a couple of seconds here. Returns 1 once
 * *p == want, 0 on timeout. */
/* Yields while it waits: vCPU 1 may share vCPU 0's pCPU, and under Bochs
 * a spinning vCPU is not preempted (Xen's credit scheduler there). */
static int wait_for(volatile uint32_t *p, uint32_t want)
{
    uint64_t start = rdtsc();

    while ( __atomic_load_n(p, __ATOMIC_SEQ_CST) != want )
    {
        if ( rdtsc() - start > 5000000000ull )
            return 0;
        hypercall_sched_op(SCHEDOP_yield, NULL);
    }
    return 1;
}

/* get_runstate_info(1), retried for a while when `settle`: a vCPU that
 * went down is only marked offline once its pCPU has scheduled away. */
static void expect_runstate(const char *what, uint32_t state, int settle)
{
    uint64_t start = rdtsc();
    struct runstate_info r;
    long rc;

    uint64_t before;

    do {
        memset(&r, 0xa5, sizeof(r));
        before = 0;
        hypercall(__HYPERVISOR_hvm_op, HVMOP_get_time, (unsigned long)&before,
                  0, 0, 0);
        rc = vcpu_op(VCPUOP_get_runstate_info, 1, &r);
    } while ( settle && rc == 0 && r.state != state &&
              rdtsc() - start < 5000000000ull );
    printk("  runstate(1) %s: rc %ld state %u entry %lu time %lu %lu %lu %lu\n",
           what, rc, r.state, r.state_entry_time, r.time[0], r.time[1],
           r.time[2], r.time[3]);
    expect_rc(what, rc, 0);
    if ( r.state != state )
        test_fail("runstate(1) %s: state %u, expected %u", what, r.state, state);
    /* The snapshot counts the current state up to the moment of the call. */
    else if ( r.time[state] + r.state_entry_time < before )
        test_fail("runstate(1) %s: time[%u] %lu + entry %lu < get_time %lu",
                  what, state, r.time[state], r.state_entry_time, before);
}

/* A refused context must leave vCPU 1 uninitialised. If one is accepted,
 * vCPU 1 now holds garbage and the rest is meaningless: stop there. */
static void bad_context(const char *what, struct vcpu_hvm_context *c)
{
    long rc = vcpu_op(VCPUOP_initialise, 1, c);

    expect_rc(what, rc, -XEN_EINVAL);
    if ( rc == 0 || rc == -XEN_EEXIST )
        test_finish();
}

static void check_bad_contexts(void)
{
    struct vcpu_hvm_context c;

    ap_build_context(&c);
    c.mode = 2;
    bad_context("initialise(mode 2)", &c);
    ap_build_context(&c);
    c.rip = 0x8000000000000000ul;
    bad_context("initialise(non-canonical rip)", &c);
    ap_build_context(&c);
    c.cr0 &= ~(1ul << 31);
    bad_context("initialise(64-bit, paging off)", &c);
    /* None of these initialised it. */
    expect_rc("up(1) after refused initialises", vcpu_op(VCPUOP_up, 1, NULL),
              -XEN_EINVAL);
}

void test_main(void)
{
    struct vcpu_hvm_context ctx;
    long rc;

    rc = vcpu_op(VCPUOP_is_up, 1, NULL);
    printk("  VCPUOP_is_up(1) = %ld\n", rc);
    if ( rc == -XEN_ENOENT )
        return test_skip("dom0 has one vCPU (boot with QEMU -smp 2)");
    expect_rc("is_up(1) at boot", rc, 0);
    expect_rc("is_up(1000)", vcpu_op(VCPUOP_is_up, 1000, NULL), -XEN_ENOENT);
    expect_rc("is_up(0)", vcpu_op(VCPUOP_is_up, 0, NULL), 1);
    expect_runstate("before initialise", RUNSTATE_offline, 0);
    expect_rc("up(1) before initialise", vcpu_op(VCPUOP_up, 1, NULL), -XEN_EINVAL);
    expect_rc("initialise(0) (running)", vcpu_op(VCPUOP_initialise, 0, &ctx),
              -XEN_EEXIST);
    ap_prepare(ap_main, ap_stack + sizeof(ap_stack));
    check_bad_contexts();

    ap_build_context(&ctx);
    printk("  AP context: rip %#lx rsp %#lx cr0 %#lx cr3 %#lx cr4 %#lx efer %#lx\n",
           ctx.rip, ctx.rsp, ctx.cr0, ctx.cr3, ctx.cr4, ctx.efer);
    expect_rc("initialise(1)", vcpu_op(VCPUOP_initialise, 1, &ctx), 0);
    expect_rc("initialise(1) again", vcpu_op(VCPUOP_initialise, 1, &ctx),
              -XEN_EEXIST);
    expect_rc("is_up(1) initialised, not up", vcpu_op(VCPUOP_is_up, 1, NULL), 0);
    if ( ap_arrived )
        test_fail("AP ran before VCPUOP_up");

    expect_rc("up(1)", vcpu_op(VCPUOP_up, 1, NULL), 0);
    if ( !wait_for(&ap_arrived, 1) )
    {
        test_fail("AP never reached ap_main (is_up(1) = %ld)",
                  vcpu_op(VCPUOP_is_up, 1, NULL));
        test_finish();
    }
    printk("  AP: APIC ID %u, CPUID.1 APIC ID %u, Xen vCPU id %u\n",
           ap_apic_id, ap_cpuid_apic_id, ap_xen_vcpu_id);
    if ( ap_apic_id != 2 || ap_cpuid_apic_id != 2 || ap_xen_vcpu_id != 1 )
        test_fail("AP ids: APIC %u CPUID %u vCPU %u, expected 2 2 1",
                  ap_apic_id, ap_cpuid_apic_id, ap_xen_vcpu_id);
    expect_rc("is_up(1) while the AP spins", vcpu_op(VCPUOP_is_up, 1, NULL), 1);
    expect_runstate("while spinning", RUNSTATE_running, 0);
    expect_rc("up(1) while up", vcpu_op(VCPUOP_up, 1, NULL), 0);
    expect_rc("initialise(1) while up", vcpu_op(VCPUOP_initialise, 1, &ctx),
              -XEN_EEXIST);

    /* HLT with IF=0 takes the AP offline; is_up follows. */
    __atomic_store_n(&ap_release, 1, __ATOMIC_SEQ_CST);
    expect_rc("is_up(1) after the AP's cli; hlt", vcpu_wait_is_up(1, 0), 0);
    expect_runstate("after cli; hlt", RUNSTATE_offline, 1);
    if ( ap_wakeups )
        test_fail("AP went past its HLT (%u) before VCPUOP_up", ap_wakeups);

    /* Up again: it resumes after the HLT (counts 1) and goes down again. */
    expect_rc("up(1) after it went down", vcpu_op(VCPUOP_up, 1, NULL), 0);
    if ( !wait_for(&ap_wakeups, 1) )
        test_fail("AP did not resume after its HLT (wakeups %u)", ap_wakeups);
    expect_rc("is_up(1) after the second HLT", vcpu_wait_is_up(1, 0), 0);
    expect_rc("initialise(1) once down", vcpu_op(VCPUOP_initialise, 1, &ctx),
              -XEN_EEXIST);
    printk("  AP wakeups %u\n", ap_wakeups);
}
