// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcpu_op abuse: bad vCPU ids and sub-ops, vcpu_info that crosses its
 * page or has no RAM, runstate and time areas nowhere, bad timer
 * arguments, and vCPU 1 (offline, then running, then down) as the target
 * of what only a vCPU may do to itself.
 */
#include "common.h"

static uint8_t vcpu_info_pages[2][4096] __attribute__((aligned(4096)));
static struct runstate_info runstate_area[2];

static void vcpu_bad_ids(void)
{
    static const unsigned long bad_ids[] = {
        2, 3, 1000, 0x7fffffff, 0x80000000u, 0xffffffffu,
    };
    static const long unknown[] = { 14, 15, 16, 100, 0x7fffffff, -1 };
    uint8_t zeros[128] = { 0 };
    unsigned int i, j;

    for ( j = 0; j < ARRAY_SIZE(bad_ids); j++ )
    {
        for ( i = 0; i < NR_VCPUOPS; i++ )
            check(vcpu_op(i, bad_ids[j], zeros), -XEN_ENOENT,
                  "vcpu_op(%u, vcpu %#lx)", i, bad_ids[j]);
        for ( i = 0; i < ARRAY_SIZE(unknown); i++ )
            check(vcpu_op(unknown[i], bad_ids[j], zeros), -XEN_ENOENT,
                  "vcpu_op(%ld, vcpu %#lx)", unknown[i], bad_ids[j]);
    }
    for ( i = 0; i < ARRAY_SIZE(unknown); i++ )
        check(vcpu_op(unknown[i], 0, zeros), -XEN_ENOSYS, "vcpu_op(%ld, 0)",
              unknown[i]);
    /* vcpuid is an unsigned int: bits 63:32 of RSI are dropped. */
    check(vcpu_op(VCPUOP_is_up, (1ul << 32) | 0, NULL), 1, "is_up(2^32 + 0)");
    check(vcpu_op(VCPUOP_is_up, 1, NULL), 0, "is_up(1) at boot");
    /* An NMI needs a NULL argument; get_physid is for pinned hwdom vCPUs. */
    check(vcpu_op(VCPUOP_send_nmi, 0, zeros), -XEN_EINVAL, "send_nmi(0, non-NULL)");
    check(vcpu_op(VCPUOP_get_physid, 0, zeros), -XEN_EINVAL, "get_physid(0)");
    sanity("vcpu_op bad ids");
}

static long register_vcpu_info(unsigned int vcpu, uint64_t gfn, uint32_t offset)
{
    struct { uint64_t mfn; uint32_t offset, rsvd; } r = { gfn, offset, 0 };

    return vcpu_op(VCPUOP_register_vcpu_info, vcpu, &r);
}

static void vcpu_info_abuse(void)
{
    static const uint32_t bad_offsets[] = {
        1, 4, 4033, 4040, 4088, 4096, 0x80000000u, ~0u };
    uint64_t gfn = (unsigned long)vcpu_info_pages[0] >> 12;
    volatile struct vcpu_info *vi;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(bad_buffers); i++ )
        check(vcpu_op(VCPUOP_register_vcpu_info, 0, bad_buffers[i]), -XEN_EFAULT,
              "register_vcpu_info(%p)", bad_buffers[i]);
    for ( i = 0; i < ARRAY_SIZE(bad_offsets); i++ )
        check(register_vcpu_info(0, gfn, bad_offsets[i]), -XEN_ENXIO,
              "register_vcpu_info(offset %#x)", bad_offsets[i]);
    for ( i = 0; i < ARRAY_SIZE(bad_gfns); i++ )
        check(register_vcpu_info(0, bad_gfns[i], 0), -XEN_EINVAL,
              "register_vcpu_info(gfn %#lx)", bad_gfns[i]);
    check(register_vcpu_info(0, gfn, 4032), 0, "register_vcpu_info(offset 4032)");
    vi = (volatile struct vcpu_info *)(vcpu_info_pages[0] + 4032);
    if ( vi->evtchn_pending_sel != ~0ul || vi->evtchn_upcall_pending != 1 )
        test_fail("new vcpu_info: pending_sel %#lx upcall %u", vi->evtchn_pending_sel,
                  vi->evtchn_upcall_pending);
    check(register_vcpu_info(0, gfn, 0), -XEN_EINVAL, "register_vcpu_info twice");
    check(register_vcpu_info(0, gfn, 4040), -XEN_ENXIO,
          "register_vcpu_info twice, bad offset");
    check(register_vcpu_info(0, bad_gfns[0], 0), -XEN_EINVAL,
          "register_vcpu_info twice, bad gfn");
    check(vcpu_op(VCPUOP_register_vcpu_info, 0, BAD_VA_UNMAPPED), -XEN_EFAULT,
          "register_vcpu_info twice, bad pointer");
    sanity("register_vcpu_info");
}

static long register_area(int cmd, unsigned int vcpu, uint64_t addr)
{
    return vcpu_op(cmd, vcpu, &addr);
}

/* A good time area is filled in at once, for the offline vCPU 1 too. */
static void check_time_areas(void)
{
    static struct vcpu_time_info areas[2];
    unsigned int v;

    memset(areas, 0xa5, sizeof(areas));
    for ( v = 0; v < 2; v++ )
    {
        check(register_area(VCPUOP_register_vcpu_time_memory_area, v,
                            (unsigned long)&areas[v]), 0, "time area of vCPU %u", v);
        if ( (areas[v].version & 1) || areas[v].version == 0xa5a5a5a5u ||
             !areas[v].tsc_to_system_mul || areas[v].tsc_to_system_mul == 0xa5a5a5a5u )
            test_fail("vCPU %u time area: version %#x mul %#x", v, areas[v].version,
                      areas[v].tsc_to_system_mul);
        check(register_area(VCPUOP_register_vcpu_time_memory_area, v, 0), 0,
              "time area of vCPU %u off", v);
    }
}

/* Xen takes any address for the runstate and time areas and ignores the
 * failed writes, also when it writes them on a context switch. */
static void vcpu_area_abuse(void)
{
    static const int cmds[] = {
        VCPUOP_register_runstate_memory_area,
        VCPUOP_register_vcpu_time_memory_area,
    };
    unsigned int i, j, v;

    for ( i = 0; i < ARRAY_SIZE(cmds); i++ )
    {
        for ( j = 0; j < ARRAY_SIZE(bad_buffers); j++ )
        {
            check(vcpu_op(cmds[i], 0, bad_buffers[j]), -XEN_EFAULT,
                  "vcpu_op(%d, 0, %p)", cmds[i], bad_buffers[j]);
            for ( v = 0; v < 2; v++ )
                check(register_area(cmds[i], v, (unsigned long)bad_buffers[j]), 0,
                      "vcpu_op(%d, %u, area %p)", cmds[i], v, bad_buffers[j]);
            block_for(2 * MS);
        }
        check(register_area(cmds[i], 0, RO_BASE), 0, "vcpu_op(%d, read-only area)",
              cmds[i]);
        block_for(2 * MS);
        check(register_area(cmds[i], 0, 0), 0, "vcpu_op(%d, NULL area)", cmds[i]);
        check(register_area(cmds[i], 1, 0), 0, "vcpu_op(%d, 1, NULL area)", cmds[i]);
    }
    /* A good area is written at once, for another vCPU too. */
    memset(runstate_area, 0xa5, sizeof(runstate_area));
    check(register_area(VCPUOP_register_runstate_memory_area, 1,
                        (unsigned long)&runstate_area[1]), 0, "runstate area of vCPU 1");
    if ( runstate_area[1].state != RUNSTATE_offline )
        test_fail("vCPU 1 runstate area: state %#x, expected offline",
                  runstate_area[1].state);
    check(register_area(VCPUOP_register_runstate_memory_area, 0,
                        (unsigned long)&runstate_area[0]), 0, "runstate area of vCPU 0");
    if ( runstate_area[0].state != RUNSTATE_running )
        test_fail("vCPU 0 runstate area: state %#x, expected running",
                  runstate_area[0].state);
    check(register_area(VCPUOP_register_runstate_memory_area, 0, 0), 0,
          "runstate area of vCPU 0 off");
    check(register_area(VCPUOP_register_runstate_memory_area, 1, 0), 0,
          "runstate area of vCPU 1 off");
    check_time_areas();
    check(vcpu_op(VCPUOP_get_runstate_info, 0, BAD_VA_UNMAPPED), -XEN_EFAULT,
          "get_runstate_info(bad pointer)");
    check(vcpu_op(VCPUOP_get_runstate_info, 1, ro_arg(runstate_area, 48)),
          -XEN_EFAULT, "get_runstate_info(read-only)");
    sanity("runstate/time areas");
}

static long periodic(unsigned int vcpu, uint64_t period)
{
    return vcpu_op(VCPUOP_set_periodic_timer, vcpu, &period);
}

static void vcpu_timer_abuse(void)
{
    static const uint64_t bad_periods[] = {
        0, 1, MS - 1, 1ull << 62, (1ull << 62) + 1, 1ull << 63, ~0ull,
    };
    struct { uint64_t timeout; uint32_t flags, pad; } s = { 0, 0, 0 };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(bad_buffers); i++ )
    {
        check(vcpu_op(VCPUOP_set_singleshot_timer, 0, bad_buffers[i]), -XEN_EFAULT,
              "set_singleshot_timer(%p)", bad_buffers[i]);
        /* Another vCPU is refused before the argument is read. */
        check(vcpu_op(VCPUOP_set_singleshot_timer, 1, bad_buffers[i]), -XEN_EINVAL,
              "set_singleshot_timer(vcpu 1, %p)", bad_buffers[i]);
        check(vcpu_op(VCPUOP_set_periodic_timer, 0, bad_buffers[i]), -XEN_EFAULT,
              "set_periodic_timer(%p)", bad_buffers[i]);
        check(vcpu_op(VCPUOP_set_periodic_timer, 1, bad_buffers[i]), -XEN_EFAULT,
              "set_periodic_timer(vcpu 1, %p)", bad_buffers[i]);
    }
    check(vcpu_op(VCPUOP_set_singleshot_timer, 1, &s), -XEN_EINVAL,
          "set_singleshot_timer(vcpu 1)");
    check(vcpu_op(VCPUOP_stop_singleshot_timer, 1, NULL), -XEN_EINVAL,
          "stop_singleshot_timer(vcpu 1)");
    for ( i = 0; i < ARRAY_SIZE(bad_periods); i++ )
    {
        check(periodic(0, bad_periods[i]), -XEN_EINVAL, "set_periodic_timer(%#lx)",
              bad_periods[i]);
        check(periodic(1, bad_periods[i]), -XEN_EINVAL,
              "set_periodic_timer(vcpu 1, %#lx)", bad_periods[i]);
    }
    /* The longest period is 2^62 - 1 ns. */
    check(periodic(0, (1ull << 62) - 1), 0, "set_periodic_timer(2^62 - 1)");
    check(vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0, "stop_periodic_timer");
    /* The periodic timer of another vCPU may be set. */
    check(periodic(1, 10 * MS), 0, "set_periodic_timer(vcpu 1, 10 ms)");
    check(vcpu_op(VCPUOP_stop_periodic_timer, 1, NULL), 0,
          "stop_periodic_timer(vcpu 1)");
    check(vcpu_op(VCPUOP_stop_periodic_timer, 1, BAD_VA_UNMAPPED), 0,
          "stop_periodic_timer(vcpu 1, junk argument)");
    check(vcpu_op(VCPUOP_stop_singleshot_timer, 0, BAD_VA_UNMAPPED), 0,
          "stop_singleshot_timer(junk argument)");
    sanity("vCPU timers");
}

/* ---- vCPU 1: initialise, up, down ---- */

volatile uint32_t ap_release, ap_spins, ap_nmis;
static uint8_t ap_stack[8192] __attribute__((aligned(16)));

/* The AP's NMI handler: count, return to the interrupted spin. */
asm (".text\n"
     ".globl ap_nmi\n"
     "ap_nmi:\n\t"
     "lock incl ap_nmis(%rip)\n\t"
     "iretq\n");
void ap_nmi(void);

/* The AP spins with IF=1 until released: Bochs 2.7 ends a VMX guest's run
 * on a host interrupt (Xen's kick for an NMI or VCPUOP_down) only while
 * the guest has IF=1. Nothing sends vCPU 1 a maskable interrupt: there is
 * no callback vector and its local APIC is idle. */
static void ap_main(void)
{
    asm volatile ("sti" ::: "memory");
    while ( !__atomic_load_n(&ap_release, __ATOMIC_SEQ_CST) )
        __atomic_fetch_add(&ap_spins, 1, __ATOMIC_SEQ_CST);
}

static void build_context(struct vcpu_hvm_context *c)
{
    ap_prepare(ap_main, ap_stack + sizeof(ap_stack));
    ap_set_gate(2, ap_nmi);
    ap_build_context(c);
}

#define rdtsc() __builtin_ia32_rdtsc()

/* The waits for vCPU 1 yield: it may share vCPU 0's pCPU, and under Bochs
 * a guest loop with IF=0 and no exits would keep it from running. */
static bool ap_spinning(void)
{
    uint32_t before = ap_spins;
    uint64_t start = rdtsc();

    while ( ap_spins == before )
    {
        if ( rdtsc() - start > 5000000000ull )
            return false;
        hypercall_sched_op(SCHEDOP_yield, NULL);
    }
    return true;
}

static bool wait_nmis(uint32_t want)
{
    uint64_t start = rdtsc();

    while ( ap_nmis != want )
    {
        if ( rdtsc() - start > 5000000000ull )
            return false;
        hypercall_sched_op(SCHEDOP_yield, NULL);
    }
    return true;
}

static void vcpu_before_up(struct vcpu_hvm_context *ctx)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(bad_buffers); i++ )
    {
        check(vcpu_op(VCPUOP_initialise, 0, bad_buffers[i]), -XEN_EFAULT,
              "initialise(running vCPU 0, %p)", bad_buffers[i]);
        check(vcpu_op(VCPUOP_initialise, 1, bad_buffers[i]), -XEN_EFAULT,
              "initialise(1, %p)", bad_buffers[i]);
    }
    check(vcpu_op(VCPUOP_initialise, 0, ctx), -XEN_EEXIST, "initialise(running vCPU 0)");
    check(vcpu_op(VCPUOP_up, 1, NULL), -XEN_EINVAL, "up(uninitialised vCPU 1)");
    check(vcpu_op(VCPUOP_down, 1, NULL), 0, "down(offline vCPU 1)");
    check(vcpu_op(VCPUOP_is_up, 1, NULL), 0, "is_up(1) after down");
    check(vcpu_op(VCPUOP_up, 1, NULL), -XEN_EINVAL, "up(1) after down");
    check(vcpu_op(VCPUOP_up, 0, NULL), 0, "up(running vCPU 0)");
    sanity("initialise/up before vCPU 1 runs");
}

/* With vCPU 1 running: what only it may do to itself, and down/up of it. */
static void vcpu_while_up(struct vcpu_hvm_context *ctx)
{
    struct { uint64_t timeout; uint32_t flags, pad; } s = { 0, 0, 0 };
    uint64_t gfn = (unsigned long)vcpu_info_pages[1] >> 12;

    check(register_vcpu_info(1, gfn, 0), -XEN_EINVAL,
          "register_vcpu_info(running vCPU 1)");
    check(vcpu_op(VCPUOP_set_singleshot_timer, 1, &s), -XEN_EINVAL,
          "set_singleshot_timer(running vCPU 1)");
    check(vcpu_op(VCPUOP_stop_singleshot_timer, 1, NULL), -XEN_EINVAL,
          "stop_singleshot_timer(running vCPU 1)");
    check(vcpu_op(VCPUOP_initialise, 1, ctx), -XEN_EEXIST, "initialise(running vCPU 1)");
    check(vcpu_op(VCPUOP_initialise, 1, BAD_VA_UNMAPPED), -XEN_EFAULT,
          "initialise(running vCPU 1, bad pointer)");
    check(vcpu_op(VCPUOP_up, 1, NULL), 0, "up(running vCPU 1)");
    check(vcpu_op(VCPUOP_send_nmi, 1, BAD_VA_UNMAPPED), -XEN_EINVAL,
          "send_nmi(1, non-NULL)");
    check(vcpu_op(VCPUOP_send_nmi, 1, NULL), 0, "send_nmi(running vCPU 1)");
    if ( !wait_nmis(1) )
        test_fail("vCPU 1 took %u NMIs, expected 1", ap_nmis);

    /* Down from outside stops it where it is; up resumes it there, and
     * an NMI sent meanwhile arrives then. */
    check(vcpu_op(VCPUOP_down, 1, NULL), 0, "down(running vCPU 1)");
    check(vcpu_wait_is_up(1, 0), 0, "is_up(1) after down");
    check(vcpu_op(VCPUOP_send_nmi, 1, NULL), 0, "send_nmi(downed vCPU 1)");
    check(register_vcpu_info(1, gfn, 8), 0, "register_vcpu_info(downed vCPU 1)");
    check(register_vcpu_info(1, gfn, 8), -XEN_EINVAL, "register_vcpu_info(1) twice");
    check(vcpu_op(VCPUOP_up, 1, NULL), 0, "up(downed vCPU 1)");
    if ( !ap_spinning() )
        test_fail("vCPU 1 does not spin after down/up");
    if ( !wait_nmis(2) )
        test_fail("vCPU 1 took %u NMIs after up, expected 2", ap_nmis);
}

static void vcpu_other_cpu(void)
{
    struct vcpu_hvm_context ctx;

    build_context(&ctx);
    vcpu_before_up(&ctx);
    if ( !check(vcpu_op(VCPUOP_initialise, 1, &ctx), 0, "initialise(1)") ||
         !check(vcpu_op(VCPUOP_up, 1, NULL), 0, "up(1)") || !ap_spinning() )
    {
        test_fail("vCPU 1 did not come up");
        return;
    }
    vcpu_while_up(&ctx);
    __atomic_store_n(&ap_release, 1, __ATOMIC_SEQ_CST);
    check(vcpu_wait_is_up(1, 0), 0, "is_up(1) after the AP's cli; hlt");
    check(vcpu_op(VCPUOP_initialise, 1, &ctx), -XEN_EEXIST,
          "initialise(vCPU 1 that went down)");
    sanity("vCPU 1 up and down");
}
void vcpu_tests(void)
{
    vcpu_bad_ids();
    vcpu_info_abuse();
    vcpu_area_abuse();
    vcpu_timer_abuse();
    vcpu_other_cpu();
}
