// SPDX-License-Identifier: GPL-2.0-only
/*
 * NMIs to the AP main.c started: by VCPUOP_send_nmi and by NMI IPIs (xAPIC,
 * then x2APIC), while it spins and while it halts, each taken exactly
 * once; and NMIs sent while the AP's NMI handler still runs (NMIs blocked
 * until its IRET), which must wait for that IRET, neither nested nor lost.
 * The AP keeps IF=1 throughout, in its handler too (STI does not unblock
 * NMIs): Bochs 2.7 ends a VMX guest's run on a host interrupt, such as the
 * hypervisor's kick, only while the guest has IF=1.
 */
#include "test.h"
#include "vcpu.h"
#include "sipi.h"

#define MSR_APIC_BASE           0x1b
#define APIC_BASE_EXTD          (1ul << 10)
#define MSR_X2APIC_ICR          0x830
#define ICR_NMI                 0x400       /* delivery mode NMI, physical */

enum source { BY_HYPERCALL, BY_IPI };

/* The AP's side; the handler's stub in asm below. */
volatile uint32_t nmi_count, nmi_depth, nmi_nested;
static volatile uint32_t nmi_hold, nmi_holding, nmi_unhold, ap_halt, ap_spins;

static uint32_t ap_apic;
static bool x2apic;

/* Saves what the SysV ABI lets nmi_handler clobber; the CPU pushed 40
 * bytes onto a 16-byte aligned stack, so after 9 pushes the call is
 * aligned. */
asm (".text\n"
     ".globl nmi_entry\n"
     "nmi_entry:\n\t"
     "push %rax\n\tpush %rcx\n\tpush %rdx\n\tpush %rsi\n\tpush %rdi\n\t"
     "push %r8\n\tpush %r9\n\tpush %r10\n\tpush %r11\n\t"
     "cld\n\t"
     "call nmi_handler\n\t"
     "pop %r11\n\tpop %r10\n\tpop %r9\n\tpop %r8\n\t"
     "pop %rdi\n\tpop %rsi\n\tpop %rdx\n\tpop %rcx\n\tpop %rax\n\t"
     "iretq\n");
void nmi_entry(void);
void nmi_handler(void);

/* Counts, and on request waits (with IF=1) until the BSP lets it return. */
void nmi_handler(void)
{
    if ( __atomic_add_fetch(&nmi_depth, 1, __ATOMIC_SEQ_CST) > 1 )
        __atomic_fetch_add(&nmi_nested, 1, __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&nmi_count, 1, __ATOMIC_SEQ_CST);
    if ( __atomic_exchange_n(&nmi_hold, 0, __ATOMIC_SEQ_CST) )
    {
        asm volatile ("sti" ::: "memory");
        __atomic_store_n(&nmi_holding, 1, __ATOMIC_SEQ_CST);
        while ( !__atomic_load_n(&nmi_unhold, __ATOMIC_SEQ_CST) )
            asm volatile ("pause");
        __atomic_store_n(&nmi_holding, 0, __ATOMIC_SEQ_CST);
        asm volatile ("cli" ::: "memory");
    }
    __atomic_sub_fetch(&nmi_depth, 1, __ATOMIC_SEQ_CST);
}

/* The AP's idle loop: spin or halt as the BSP asks, interrupts on. */
void nmi_ap_main(void)
{
    asm volatile ("sti" ::: "memory");
    for ( ;; )
    {
        if ( __atomic_load_n(&ap_halt, __ATOMIC_SEQ_CST) )
            asm volatile ("hlt" ::: "memory");
        else
            __atomic_fetch_add(&ap_spins, 1, __ATOMIC_SEQ_CST);
    }
}

static const char *source_name(enum source s)
{
    if ( s == BY_HYPERCALL )
        return "VCPUOP_send_nmi";
    return x2apic ? "x2APIC NMI IPI" : "xAPIC NMI IPI";
}

static void send_nmi(enum source s)
{
    long rc;

    if ( s == BY_HYPERCALL )
    {
        rc = vcpu_op(VCPUOP_send_nmi, 1, NULL);
        if ( rc )
            test_fail("send_nmi(1) returned %ld", rc);
    }
    else if ( x2apic )
    {
        if ( wrmsr_safe(MSR_X2APIC_ICR, (uint64_t)ap_apic << 32 | ICR_NMI) != -1 )
            test_fail("x2APIC ICR write faulted");
    }
    else
    {
        xapic_write(APIC_ICR_HI, ap_apic << 24);
        xapic_write(APIC_ICR_LO, ICR_NMI);
    }
}

/* nmi_count reaches want, stays there for 20 ms, and no NMI nested. */
static void expect_nmis(uint32_t want, const char *what)
{
    bool came = wait_for(&nmi_count, want, 1000 * MS);

    if ( came )
        delay_ns(20 * MS);
    if ( !came || nmi_count != want || nmi_nested )
    {
        test_fail("%s: vCPU 1 took %u NMIs (%u nested), expected %u", what,
                  nmi_count, nmi_nested, want);
        nmi_nested = 0;         /* report each nesting once */
    }
}

static void one_nmi(enum source s, const char *when)
{
    uint32_t before = nmi_count;
    char what[80];

    snprintf(what, sizeof(what), "%s %s", source_name(s), when);
    send_nmi(s);
    expect_nmis(before + 1, what);
}

/* NMI `first` makes the handler wait; `second` (and `first` again when
 * twice: one NMI is latched, as on hardware) comes meanwhile. Exactly one
 * more NMI must follow the handler's IRET, none before it. */
static void held_nmi(enum source first, enum source second, bool twice)
{
    uint32_t before = nmi_count;
    char what[120];

    snprintf(what, sizeof(what), "%s%s while the handler of a %s runs",
             source_name(second), twice ? " (and another)" : "", source_name(first));
    __atomic_store_n(&nmi_hold, 1, __ATOMIC_SEQ_CST);
    send_nmi(first);
    if ( !wait_for(&nmi_holding, 1, 1000 * MS) )
    {
        test_fail("%s: the first NMI never came (%u taken)", what, nmi_count - before);
        __atomic_store_n(&nmi_hold, 0, __ATOMIC_SEQ_CST);
        return;
    }
    send_nmi(second);
    if ( twice )
        send_nmi(first);
    delay_ns(50 * MS);
    if ( nmi_count != before + 1 || nmi_nested )
        test_fail("%s: %u NMIs (%u nested) before the handler's IRET, expected 1",
                  what, nmi_count - before, nmi_nested);
    __atomic_store_n(&nmi_unhold, 1, __ATOMIC_SEQ_CST);
    expect_nmis(before + 2, what);
    __atomic_store_n(&nmi_unhold, 0, __ATOMIC_SEQ_CST);
}

static void wait_blocked(const char *when)
{
    uint64_t end = now_ns() + 1000 * MS;
    struct runstate_info r;

    do {
        r.state = ~0u;
        vcpu_op(VCPUOP_get_runstate_info, 1, &r);
    } while ( r.state != RUNSTATE_blocked && now_ns() < end );
    if ( r.state != RUNSTATE_blocked )
        test_fail("vCPU 1 in HLT %s: runstate %u, expected blocked", when, r.state);
}

static void spinning_nmis(void)
{
    uint32_t spins = ap_spins;
    uint64_t end = now_ns() + 1000 * MS;

    while ( ap_spins - spins < 1000 && now_ns() < end )
        hypercall_sched_op(SCHEDOP_yield, NULL);
    if ( ap_spins - spins < 1000 )
        test_fail("vCPU 1 does not spin (%u loops in 1 s)", ap_spins - spins);
    one_nmi(BY_HYPERCALL, "while spinning");
    one_nmi(BY_IPI, "while spinning");
    held_nmi(BY_HYPERCALL, BY_IPI, false);
    held_nmi(BY_IPI, BY_HYPERCALL, false);
}

void nmi_tests(uint32_t apic)
{
    uint64_t base;

    ap_apic = apic;
    spinning_nmis();
    if ( rdmsr_safe(MSR_APIC_BASE, &base) != -1 ||
         wrmsr_safe(MSR_APIC_BASE, base | APIC_BASE_EXTD) != -1 )
        return test_fail("cannot switch the BSP to x2APIC mode");
    x2apic = true;
    spinning_nmis();
    held_nmi(BY_HYPERCALL, BY_IPI, true);

    __atomic_store_n(&ap_halt, 1, __ATOMIC_SEQ_CST);
    wait_blocked("at first");
    one_nmi(BY_HYPERCALL, "while halted");
    wait_blocked("after an NMI");
    one_nmi(BY_IPI, "while halted");
    printk("  vCPU 1 took %u NMIs, none nested\n", nmi_count);
}
