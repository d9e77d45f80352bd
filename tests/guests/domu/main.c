// SPDX-License-Identifier: GPL-2.0-only
/*
 * A toolstack's view, as Xen 4.17 answers a PVH dom0: create a PVH domU
 * with domctl, give it memory, write a tiny 32-bit guest into it through
 * foreign mappings, start vCPU 0 with a CPU record the way libxenguest
 * does, let it run, and destroy it.
 *
 * The guest writes a marker, then triple-faults (IDT limit 0, then UD2).
 * Checks:
 *  - bad domctl/sysctl input: bad pointers (-EFAULT), interface version
 *    (-EACCES), unknown flags
 *    and 0 vCPUs (-EINVAL), emulation flags Xen does not allow
 *    (-EOPNOTSUPP), a taken domid (-EEXIST), unknown domains (-ESRCH),
 *    pausing or destroying oneself (-EINVAL);
 *  - getdomaininfo: a new domain is paused, HVM+HAP, no pages, and has no
 *    vCPUs until XEN_DOMCTL_max_vcpus (which must repeat createdomain's
 *    count), then none online; an id with no domain answers for the next
 *    one up;
 *  - getdomaininfolist lists dom0 and the domU in order;
 *  - max_mem bounds populate_physmap; foreign map errors are per entry
 *    (mapping oneself -EPERM, no such domain -ESRCH, no RAM -EINVAL);
 *  - sethvmcontext: bad magic, a missing END, an unknown record, a bad CR0
 *    and a vCPU that does not exist are refused; a good one brings vCPU 0
 *    online;
 *  - the triple fault shuts only the domU down, with the reason the
 *    toolstack set in HVM_PARAM_TRIPLE_FAULT_REASON (reboot by default),
 *    and VIRQ_DOM_EXC tells dom0; the marker shows the guest ran;
 *  - after destroydomain the domain is gone, VIRQ_DOM_EXC fires again, and
 *    the free page count (physinfo) returns to exactly what it was; also for
 *    a third domU destroyed while its vCPU spins (jmp $, IF=1).
 */
#include <stdbool.h>

#include "build.h"

#define XENMEM_add_to_physmap   7
#define XENMAPSPACE_shared_info 0

#define GUEST_GFN   0x100ul             /* the guest's code, at 1 MiB */
#define MARKER_GFN  0x101ul
#define GUEST_PAGES 16u
#define MAP_GFN     0x1f200ul           /* where dom0 maps the guest's pages */
#define MARKER      0x600df00du

static uint8_t shinfo_page[4096] __attribute__((aligned(4096)));
static uint32_t dom_exc_port;

/* mov dword [0x101000], MARKER; lidt [0x100100]; ud2 -- and at 0x100100 an
 * IDTR of limit 0, so the #UD cannot be delivered: #GP, #DF, shutdown. */
static const uint8_t guest_code[] = {
    0xc7, 0x05, 0x00, 0x10, 0x10, 0x00, 0x0d, 0xf0, 0x0d, 0x60,
    0x0f, 0x01, 0x1d, 0x00, 0x01, 0x10, 0x00,
    0x0f, 0x0b,
};

static void expect_rc(const char *what, long rc, long expected)
{
    if ( rc != expected )
        test_fail("%s returned %ld, expected %ld", what, rc, expected);
}

static long map_shared_info_at(uint64_t gfn)
{
    struct { uint16_t domid; uint16_t size; uint32_t space; uint64_t idx, gpfn; } x = {
        DOMID_SELF, 0, XENMAPSPACE_shared_info, 0, gfn,
    };

    return hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, (unsigned long)&x,
                     0, 0, 0);
}

/* Mapping anything at MAP_GFN the first time may grow dom0's own p2m by a
 * table page, which dom0 keeps: do it once before counting free pages. */
static void map_shared_info(void)
{
    if ( map_shared_info_at(MAP_GFN) || unmap_gfn(MAP_GFN) ||
         map_shared_info_at((uint64_t)shinfo_page >> 12) )
    {
        test_error("cannot map shared_info");
        test_finish();
    }
}

/* Consumes the port's pending bit (shared_info's evtchn_pending at 2048). */
static bool take_pending(uint32_t port)
{
    volatile uint64_t *bits = (volatile uint64_t *)(shinfo_page + 2048);
    uint64_t bit = 1ull << (port % 64);
    bool was = bits[port / 64] & bit;

    __atomic_fetch_and(&bits[port / 64], ~bit, __ATOMIC_SEQ_CST);
    return was;
}

static bool wait_dom_exc(unsigned int ms)
{
    unsigned int i;

    for ( i = 0; i < ms / 100; i++ )
    {
        if ( take_pending(dom_exc_port) )
            return true;
        poll_port(dom_exc_port, 100);
    }
    return take_pending(dom_exc_port);
}

static long domctl_with(uint32_t version, uint32_t cmd)
{
    struct xen_domctl op = { .cmd = cmd, .interface_version = version };

    return domctl(&op);
}

static void bad_control_input(void)
{
    struct xen_domctl_createdomain c;
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_physinfo, .interface_version = 0x14 };
    struct xen_domctl_getdomaininfo info;
    uint16_t id;

    expect_rc("domctl(bad pointer)", hypercall(__HYPERVISOR_domctl,
              (unsigned long)BAD_VA_UNMAPPED, 0, 0, 0, 0), -XEN_EFAULT);
    expect_rc("sysctl(bad pointer)", hypercall(__HYPERVISOR_sysctl,
              (unsigned long)BAD_VA_UNMAPPED, 0, 0, 0, 0), -XEN_EFAULT);
    expect_rc("domctl version 0x14", domctl_with(0x14, XEN_DOMCTL_getdomaininfo), -XEN_EACCES);
    expect_rc("domctl version 0x16", domctl_with(0x16, XEN_DOMCTL_getdomaininfo), -XEN_EACCES);
    expect_rc("sysctl version 0x14", sysctl(&s), -XEN_EACCES);
    pvh_config(&c);
    c.flags |= 1u << 12;
    expect_rc("createdomain unknown flag", create_domain(0, &c, &id), -XEN_EINVAL);
    pvh_config(&c);
    c.emulation_flags = XEN_X86_EMU_HPET;
    expect_rc("createdomain HPET only", create_domain(0, &c, &id), -XEN_EOPNOTSUPP);
    pvh_config(&c);
    c.max_vcpus = 0;
    expect_rc("createdomain 0 vCPUs", create_domain(0, &c, &id), -XEN_EINVAL);
    expect_rc("getdomaininfo DOMID_SELF", domain_info(DOMID_SELF, &info), -XEN_EINVAL);
    expect_rc("pausedomain 0x7000", domctl_on(XEN_DOMCTL_pausedomain, 0x7000), -XEN_ESRCH);
    expect_rc("pausedomain self", domctl_on(XEN_DOMCTL_pausedomain, 0), -XEN_EINVAL);
    expect_rc("destroydomain self", domctl_on(XEN_DOMCTL_destroydomain, 0), -XEN_EINVAL);
}

static long max_vcpus(uint16_t id, uint32_t n)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_max_vcpus, .domain = id };

    op.u.max_vcpus = n;
    return domctl(&op);
}

static uint16_t create_checked(void)
{
    struct xen_domctl_createdomain c;
    struct xen_domctl_getdomaininfo info;
    uint16_t id = 0, again;
    long rc;

    pvh_config(&c);
    if ( (rc = create_domain(0, &c, &id)) || !id || id >= DOMID_SELF )
    {
        test_fail("createdomain returned %ld, domid %u", rc, id);
        test_finish();
    }
    expect_rc("createdomain same id", create_domain(id, &c, &again), -XEN_EEXIST);
    expect_rc("getdomaininfo(new)", domain_info(id, &info), 0);
    if ( info.max_vcpu_id != ~0u || info.nr_online_vcpus )
        test_fail("new d%u has vCPUs before max_vcpus: max id %#x, %u online", id,
                  info.max_vcpu_id, info.nr_online_vcpus);
    expect_rc("max_vcpus(2)", max_vcpus(id, 2), -XEN_EINVAL);
    expect_rc("max_vcpus(1)", max_vcpus(id, 1), 0);
    expect_rc("max_vcpus(1) again", max_vcpus(id, 1), 0);
    expect_rc("getdomaininfo(new)", domain_info(id, &info), 0);
    if ( info.domain != id ||
         (info.flags & 0xffff) != (XEN_DOMINF_hvm_guest | XEN_DOMINF_paused | XEN_DOMINF_hap) ||
         info.tot_pages || info.nr_online_vcpus || info.max_vcpu_id ||
         info.emulation_flags != XEN_X86_EMU_LAPIC )
        test_fail("new d%u: flags %#x tot %lu online %u max_id %u emu %#x", info.domain,
                  info.flags, (unsigned long)info.tot_pages, info.nr_online_vcpus,
                  info.max_vcpu_id, info.emulation_flags);
    return id;
}

static void list_checks(uint16_t id)
{
    static struct xen_domctl_getdomaininfo list[8];
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_getdomaininfolist };
    struct xen_domctl op = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = 1 };

    expect_rc("getdomaininfo(1)", domctl(&op), 0);
    if ( op.domain != id || op.u.info.domain != id )
        test_fail("getdomaininfo(1) answered for d%u/d%u, not d%u", op.domain,
                  op.u.info.domain, id);
    op = (struct xen_domctl){ .cmd = XEN_DOMCTL_getdomaininfo, .domain = id + 1 };
    expect_rc("getdomaininfo(past the last)", domctl(&op), -XEN_ESRCH);
    s.u.list.max_domains = ARRAY_SIZE(list);
    s.u.list.buffer = (uint64_t)BAD_VA_UNMAPPED;
    expect_rc("getdomaininfolist(bad buffer)", sysctl(&s), -XEN_EFAULT);
    s.u.list.buffer = (uint64_t)list;
    expect_rc("getdomaininfolist", sysctl(&s), 0);
    if ( s.u.list.num_domains != 2 || list[0].domain != 0 || list[1].domain != id )
        test_fail("getdomaininfolist: %u domains, first d%u d%u", s.u.list.num_domains,
                  list[0].domain, list[1].domain);
}

static void give_memory(uint16_t id)
{
    struct xen_domctl_getdomaininfo info;

    expect_rc("populate before max_mem", populate(id, GUEST_GFN, 1), 0);
    expect_rc("max_mem", set_max_mem(id, GUEST_PAGES * 4), 0);
    expect_rc("populate", populate(id, GUEST_GFN, GUEST_PAGES), GUEST_PAGES);
    expect_rc("populate past max_mem", populate(id, GUEST_GFN + GUEST_PAGES, 1), 0);
    domain_info(id, &info);
    if ( info.tot_pages != GUEST_PAGES || info.max_pages != GUEST_PAGES )
        test_fail("tot_pages %lu max_pages %lu, expected %u", (unsigned long)info.tot_pages,
                  (unsigned long)info.max_pages, GUEST_PAGES);
}

/* Maps the code and marker pages at MAP_GFN and MAP_GFN + 1. */
static void map_guest(uint16_t id)
{
    uint64_t fgfns[3] = { GUEST_GFN, MARKER_GFN, 0x5000 };
    uint64_t gfns[3] = { MAP_GFN, MAP_GFN + 1, MAP_GFN + 2 };
    int errs[3] = { 99, 99, 99 };
    volatile uint32_t *marker = (volatile uint32_t *)((MAP_GFN + 1) << 12);

    expect_rc("map self", map_foreign(0, fgfns, gfns + 2, errs, 1), 0);
    expect_rc("map self: entry", errs[0], -XEN_EPERM);
    expect_rc("map d0x7000", map_foreign(0x7000, fgfns, gfns + 2, errs, 1), 0);
    expect_rc("map d0x7000: entry", errs[0], -XEN_ESRCH);
    expect_rc("map 0 entries", map_foreign(id, fgfns, gfns, errs, 0), 0);
    expect_rc("map guest", map_foreign(id, fgfns, gfns, errs, 3), 0);
    if ( errs[0] || errs[1] || errs[2] != -XEN_EINVAL )
        test_fail("map guest: errs %d %d %d, expected 0 0 -22", errs[0], errs[1], errs[2]);
    if ( *marker )
        test_fail("a fresh page of the guest reads %#x, not 0", *marker);
    memcpy((void *)(MAP_GFN << 12), guest_code, sizeof(guest_code));
}

static void bad_contexts(uint16_t id)
{
    static struct {
        struct hvm_save_descriptor hd;
        struct hvm_save_header h;
        struct hvm_save_descriptor d;
        uint8_t body[8];
    } s;
    struct xen_domctl_getdomaininfo info;

    s.hd = (struct hvm_save_descriptor){ HVM_SAVE_CODE_HEADER, 0, sizeof(s.h) };
    s.h = (struct hvm_save_header){ .magic = 0x12345678, .version = 1 };
    s.d = (struct hvm_save_descriptor){ HVM_SAVE_CODE_END, 0, 0 };
    expect_rc("sethvmcontext bad magic", load_stream(id, &s, sizeof(s)), -XEN_EINVAL);
    s.h.magic = HVM_FILE_MAGIC;
    expect_rc("sethvmcontext no END", load_stream(id, &s, sizeof(s.hd) + sizeof(s.h)),
              -XEN_ENODATA);
    s.d = (struct hvm_save_descriptor){ 200, 0, sizeof(s.body) };
    expect_rc("sethvmcontext type 200", load_stream(id, &s, sizeof(s)), -XEN_EINVAL);
    domain_info(id, &info);
    if ( info.nr_online_vcpus )
        test_fail("%u vCPUs online after refused contexts", info.nr_online_vcpus);
}

static void bad_cr0(struct hvm_hw_cpu *c)
{
    c->cr0 |= 1ull << 20;
}

static void bad_efer(struct hvm_hw_cpu *c)
{
    c->msr_efer = 1ull << 20;
}

/* Runs the guest to its triple fault; reason is the shutdown code expected. */
static void run_guest(uint16_t id, unsigned int reason)
{
    volatile uint32_t *marker = (volatile uint32_t *)((MAP_GFN + 1) << 12);
    struct xen_domctl_getdomaininfo info;

    expect_rc("sethvmcontext bad CR0", load_boot_context(id, 0, GUEST_GFN << 12, bad_cr0),
              -XEN_EINVAL);
    expect_rc("sethvmcontext bad EFER", load_boot_context(id, 0, GUEST_GFN << 12, bad_efer),
              -XEN_EINVAL);
    expect_rc("sethvmcontext", load_boot_context(id, 0, GUEST_GFN << 12, NULL), 0);
    domain_info(id, &info);
    if ( info.nr_online_vcpus != 1 || !(info.flags & XEN_DOMINF_paused) )
        test_fail("after sethvmcontext: %u online, flags %#x", info.nr_online_vcpus,
                  info.flags);
    take_pending(dom_exc_port);
    expect_rc("pausedomain", domctl_on(XEN_DOMCTL_pausedomain, id), 0);
    expect_rc("unpausedomain", domctl_on(XEN_DOMCTL_unpausedomain, id), 0);
    expect_rc("unpausedomain", domctl_on(XEN_DOMCTL_unpausedomain, id), 0);
    expect_rc("unpausedomain again", domctl_on(XEN_DOMCTL_unpausedomain, id), -XEN_EINVAL);
    if ( !wait_dom_exc(10000) )
        test_fail("no VIRQ_DOM_EXC within 10 s of starting d%u", id);
    domain_info(id, &info);
    if ( !(info.flags & XEN_DOMINF_shutdown) || (info.flags >> XEN_DOMINF_shutdownshift) != reason )
        test_fail("d%u flags %#x: expected shut down with reason %u", id, info.flags, reason);
    if ( *marker != MARKER )
        test_fail("the guest's marker reads %#x", *marker);
}

/* The guest spins (jmp $) until destroyed: destroydomain must stop a vCPU
 * that is running, on this CPU or the other one. */
static void set_if(struct hvm_hw_cpu *c)
{
    c->rflags |= 0x200;     /* Bochs never ends a VMX guest's run while IF=0 */
}

static void run_spinner(uint16_t id)
{
    static const uint8_t spin[] = { 0xeb, 0xfe };
    struct xen_domctl_getdomaininfo info;
    unsigned int i;

    memcpy((void *)(MAP_GFN << 12), spin, sizeof(spin));
    expect_rc("sethvmcontext", load_boot_context(id, 0, GUEST_GFN << 12, set_if), 0);
    expect_rc("unpausedomain", domctl_on(XEN_DOMCTL_unpausedomain, id), 0);
    for ( i = 0; i < 50 && !domain_info(id, &info) && !info.cpu_time; i++ )
        poll_port(dom_exc_port, 100);
    if ( (info.flags & (XEN_DOMINF_shutdown | XEN_DOMINF_paused)) || !info.cpu_time )
        test_fail("spinning d%u: flags %#x, cpu_time %lu ns", id, info.flags,
                  (unsigned long)info.cpu_time);
}

static void destroy_and_count(uint16_t id, uint64_t free_before)
{
    struct xen_domctl_getdomaininfo info;
    uint64_t now = 0;
    unsigned int i;

    expect_rc("unmap code page", unmap_gfn(MAP_GFN), 0);
    expect_rc("unmap marker page", unmap_gfn(MAP_GFN + 1), 0);
    take_pending(dom_exc_port);
    expect_rc("destroydomain", domctl_on(XEN_DOMCTL_destroydomain, id), 0);
    if ( !wait_dom_exc(5000) )
        test_fail("no VIRQ_DOM_EXC after destroying d%u", id);
    for ( i = 0; i < 50 && (now = free_pages()) != free_before; i++ )
        poll_port(dom_exc_port, 100);
    if ( now != free_before )
        test_fail("free pages %lu after destroying d%u, %lu before it was created",
                  (unsigned long)now, id, (unsigned long)free_before);
    if ( domain_info(id, &info) != -XEN_ESRCH && info.domain == id )
        test_fail("d%u still listed after destroy (flags %#x)", id, info.flags);
}

enum ending { CRASH, REBOOT, SPIN };

static void one_domain(enum ending how)
{
    uint64_t free_before = free_pages(), v = 0;
    uint16_t id = create_checked();

    list_checks(id);
    give_memory(id);
    map_guest(id);
    bad_contexts(id);
    expect_rc("sethvmcontext vCPU 5", load_boot_context(id, 5, GUEST_GFN << 12, NULL),
              -XEN_EINVAL);
    expect_rc("get TRIPLE_FAULT_REASON", hvm_param(false, id, HVM_PARAM_TRIPLE_FAULT_REASON, &v),
              0);
    expect_rc("default TRIPLE_FAULT_REASON", (long)v, SHUTDOWN_reboot);
    v = 6;
    expect_rc("set TRIPLE_FAULT_REASON 6",
              hvm_param(true, id, HVM_PARAM_TRIPLE_FAULT_REASON, &v), -XEN_EINVAL);
    if ( how == CRASH )
    {
        v = SHUTDOWN_crash;
        expect_rc("set TRIPLE_FAULT_REASON crash",
                  hvm_param(true, id, HVM_PARAM_TRIPLE_FAULT_REASON, &v), 0);
    }
    if ( how == SPIN )
        run_spinner(id);
    else
        run_guest(id, how == CRASH ? SHUTDOWN_crash : SHUTDOWN_reboot);
    destroy_and_count(id, free_before);
}

void test_main(void)
{
    struct xen_sysctl s = { .cmd = XEN_SYSCTL_physinfo };

    expect_rc("physinfo", sysctl(&s), 0);
    if ( (s.u.physinfo.capabilities & (XEN_SYSCTL_PHYSCAP_hvm | XEN_SYSCTL_PHYSCAP_hap)) !=
         (XEN_SYSCTL_PHYSCAP_hvm | XEN_SYSCTL_PHYSCAP_hap) )
    {
        test_skip("no HVM with HAP (capabilities %#x)", s.u.physinfo.capabilities);
        return;
    }
    map_shared_info();
    if ( bind_virq(VIRQ_DOM_EXC, &dom_exc_port) )
        test_error("cannot bind VIRQ_DOM_EXC");
    bad_control_input();
    /* One CPU: Xen 4.17 frees a dead domain's memory only once the CPU it
     * last ran on has run something else, and keeps a page the first time a
     * CPU runs a domU; with a second, idle CPU the counts drift. */
    one_domain(CRASH);
    one_domain(REBOOT);
    one_domain(SPIN);
}
