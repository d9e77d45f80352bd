// SPDX-License-Identifier: GPL-2.0-only
/*
 * vCPU 1 started the native way, as Linux starts APs: vCPU 0 finds its
 * APIC ID in the MADT, copies a real-mode trampoline to a page below 1 MiB
 * that dom0's e820 calls RAM, and sends INIT (assert, deassert) and two
 * STARTUP IPIs through its xAPIC. The trampoline must run once, in real
 * mode at the vector's page, and reach long mode on its own; then nmi.c
 * sends the AP NMIs. Needs 2 vCPUs; with one it SKIPs.
 */
#include "test.h"
#include "vcpu.h"
#include "sipi.h"

#define __HYPERVISOR_hvm_op     34
#define HVMOP_get_time          10
#define XENMEM_memory_map       9
#define XEN_ENOENT              2

#define APIC_MMIO               0xfee00000ul
#define APIC_ID                 0x20
#define APIC_SVR                0xf0
#define ICR_INIT_ASSERT         0x4500      /* INIT, level, assert */
#define ICR_INIT_DEASSERT       0x8500      /* INIT, level, deassert */
#define ICR_STARTUP             0x0600
#define E820_RAM                1

/* XENMEM_memory_map's entries: struct e820entry, packed. */
struct e820_entry {
    uint64_t addr, size;
    uint32_t type;
} __attribute__((packed));

struct xen_memory_map {
    uint32_t nr_entries;
    uint64_t buffer;
};

struct acpi_header {
    char sig[4];
    uint32_t length;
    uint8_t revision, checksum;
    char oem[6], oem_table[8];
    uint32_t oem_rev, creator, creator_rev;
} __attribute__((packed));

/* What the AP reports once in C; its NMI side is in nmi.c. */
static volatile uint32_t ap_arrived, ap_apic_id, ap_vcpu_id;
static uint8_t ap_stack[16384] __attribute__((aligned(16)));

uint32_t xapic_read(unsigned int reg)
{
    return *(volatile uint32_t *)(APIC_MMIO + reg);
}

void xapic_write(unsigned int reg, uint32_t val)
{
    *(volatile uint32_t *)(APIC_MMIO + reg) = val;
}

uint64_t now_ns(void)
{
    uint64_t t = 0;

    hypercall(__HYPERVISOR_hvm_op, HVMOP_get_time, (unsigned long)&t, 0, 0, 0);
    return t;
}

/* The waits yield: vCPU 1 may share our pCPU. */
bool wait_for(volatile uint32_t *p, uint32_t want, uint64_t ns)
{
    uint64_t end = now_ns() + ns;

    while ( __atomic_load_n(p, __ATOMIC_SEQ_CST) != want )
    {
        if ( now_ns() > end )
            return false;
        hypercall_sched_op(SCHEDOP_yield, NULL);
    }
    return true;
}

void delay_ns(uint64_t ns)
{
    uint64_t end = now_ns() + ns;

    while ( now_ns() < end )
        hypercall_sched_op(SCHEDOP_yield, NULL);
}

/* The trampoline's page must be RAM for dom0, not firmware or a hole. Xen
 * 4.17's start info for dom0 is version 0, without a memory map: ask for
 * it, as Linux does then. */
static bool low_page_is_ram(void)
{
    static struct e820_entry map[64];
    struct xen_memory_map mm = { ARRAY_SIZE(map), (unsigned long)map };
    bool ram = false;
    uint32_t i;
    long rc;

    rc = hypercall(__HYPERVISOR_memory_op, XENMEM_memory_map, (unsigned long)&mm, 0, 0, 0);
    if ( rc || mm.nr_entries > ARRAY_SIZE(map) )
    {
        test_error("XENMEM_memory_map returned %ld, %u entries", rc, mm.nr_entries);
        return false;
    }
    for ( i = 0; i < mm.nr_entries; i++ )
    {
        if ( map[i].addr < 0x100000 )
            printk("  e820 %#010lx-%#010lx type %u\n", map[i].addr,
                   map[i].addr + map[i].size - 1, map[i].type);
        if ( map[i].type == E820_RAM && map[i].addr <= TRAMP_PA &&
             map[i].addr + map[i].size >= TRAMP_PA + 0x1000 )
            ram = true;
    }
    if ( !ram )
        test_error("%#x is not RAM in dom0's e820", TRAMP_PA);
    return ram;
}

static const struct acpi_header *find_madt(void)
{
    const uint8_t *rsdp = (const uint8_t *)start_info->rsdp_paddr;
    const struct acpi_header *root;
    unsigned int i, n, width;

    if ( !rsdp || memcmp(rsdp, "RSD PTR ", 8) )
        return NULL;
    if ( rsdp[15] >= 2 && *(const uint64_t *)(rsdp + 24) )
        root = (const void *)*(const uint64_t *)(rsdp + 24), width = 8;
    else
        root = (const void *)(unsigned long)*(const uint32_t *)(rsdp + 16), width = 4;
    n = (root->length - sizeof(*root)) / width;
    for ( i = 0; i < n; i++ )
    {
        const uint8_t *e = (const uint8_t *)(root + 1) + i * width;
        uint64_t pa = width == 8 ? *(const uint64_t *)e : *(const uint32_t *)e;
        const struct acpi_header *t = (const void *)pa;

        if ( !memcmp(t->sig, "APIC", 4) )
            return t;
    }
    return NULL;
}

/* The first enabled local APIC (type 0) or x2APIC (type 9) in the MADT
 * that is not ours; ~0u when there is none. */
static uint32_t madt_other_apic(uint32_t own)
{
    const struct acpi_header *madt = find_madt();
    const uint8_t *p, *end;
    uint32_t found = ~0u;

    if ( !madt )
    {
        test_error("no MADT reachable from the RSDP at %#lx", start_info->rsdp_paddr);
        return found;
    }
    p = (const uint8_t *)madt + sizeof(*madt) + 8;
    end = (const uint8_t *)madt + madt->length;
    for ( ; p + 2 <= end && p[1] >= 2 && p + p[1] <= end; p += p[1] )
    {
        uint32_t id, flags;

        if ( p[0] == 0 && p[1] >= 8 )
            id = p[3], flags = *(const uint32_t *)(p + 4);
        else if ( p[0] == 9 && p[1] >= 16 )
            id = *(const uint32_t *)(p + 4), flags = *(const uint32_t *)(p + 8);
        else
            continue;
        printk("  MADT type %u: APIC ID %u flags %#x\n", p[0], id, flags);
        if ( (flags & 1) && id != own && found == ~0u )
            found = id;
    }
    if ( found == ~0u )
        test_error("the MADT lists no enabled APIC besides ours (%u)", own);
    return found;
}

static void ap_main(void)
{
    ap_apic_id = xapic_read(APIC_ID) >> 24;
    ap_vcpu_id = cpuid(xen_cpuid_base + 4).ebx;
    xapic_write(APIC_SVR, 0x1ff);       /* software-enabled, as Linux's APs */
    __atomic_store_n(&ap_arrived, 1, __ATOMIC_SEQ_CST);
    nmi_ap_main();
}

static void send_ipi(uint32_t dest, uint32_t icr)
{
    xapic_write(APIC_ICR_HI, dest << 24);
    xapic_write(APIC_ICR_LO, icr);
}

static void copy_trampoline(void)
{
    size_t len = sipi_tramp_end - sipi_tramp_start;
    uint64_t cr3;

    if ( len > PROBE_OFF )
        test_error("trampoline of %zu bytes overlaps its data", len);
    memset((void *)TRAMP_PA, 0, 0x1000);
    memcpy((void *)TRAMP_PA, sipi_tramp_start, len);
    asm volatile ("mov %%cr3, %0" : "=r" (cr3));
    TRAMP_DATA->cr3 = cr3;
    TRAMP_DATA->entry = (unsigned long)ap_entry;
}

/* What the trampoline saw: real mode at TRAMP_PA, once. */
static void check_real_mode(void)
{
    volatile struct tramp_data *d = TRAMP_DATA;
    uint16_t pushed = *(volatile uint16_t *)(TRAMP_PA + STACK_TOP - 2);
    uint16_t probe = *(volatile uint16_t *)(TRAMP_PA + PROBE_OFF);
    uint16_t ip = sipi_tramp_after_call - sipi_tramp_start;

    printk("  trampoline: runs %u CS %#x IP %#x EFLAGS %#x CR0 %#x SP %#x pushed %#x "
           "probe %#x long mode %u\n", d->runs, d->cs, d->ip, d->eflags, d->cr0,
           d->sp, pushed, probe, d->long_mode);
    if ( d->runs != 1 )
        test_fail("the trampoline ran %u times, expected once", d->runs);
    if ( d->cs != TRAMP_SEG || d->ip != ip )
        test_fail("entered at CS %#x, call pushed IP %#x: expected CS %#x, IP %#x",
                  d->cs, d->ip, TRAMP_SEG, ip);
    if ( d->cr0 & 0x80000001u )
        test_fail("CR0 %#x at the SIPI vector: PE or PG set", d->cr0);
    if ( d->eflags & (1u << 9) )
        test_fail("EFLAGS %#x at the SIPI vector: IF set", d->eflags);
    if ( d->sp != STACK_TOP - 2 || pushed != PUSH_MAGIC )
        test_fail("a 16-bit push from SP %#x left SP %#x, word %#x", STACK_TOP, d->sp,
                  pushed);
    if ( probe != TRAMP_SEG )
        test_fail("write through ES = CS + %#x landed elsewhere (%#x at %#x)",
                  PROBE_OFF / 16, probe, TRAMP_PA + PROBE_OFF);
    if ( d->long_mode != 1 )
        test_fail("the trampoline did not reach long mode");
}

/* INIT assert and deassert, then two STARTUPs 1 ms apart (Linux waits
 * 10 ms and 200 us). The second must not restart the AP. */
static bool start_ap(uint32_t apic)
{
    long rc;

    copy_trampoline();
    send_ipi(apic, ICR_INIT_ASSERT);
    delay_ns(10 * MS);
    send_ipi(apic, ICR_INIT_DEASSERT);
    delay_ns(MS);
    rc = vcpu_op(VCPUOP_is_up, 1, NULL);
    if ( rc != 0 || TRAMP_DATA->runs )
        test_fail("after INIT alone: is_up(1) = %ld, trampoline runs %u", rc,
                  TRAMP_DATA->runs);
    send_ipi(apic, ICR_STARTUP | TRAMP_VECTOR);
    delay_ns(MS);
    send_ipi(apic, ICR_STARTUP | TRAMP_VECTOR);
    if ( !wait_for(&ap_arrived, 1, 2000 * MS) )
    {
        check_real_mode();
        test_fail("vCPU 1 never reached C (is_up(1) = %ld)",
                  vcpu_op(VCPUOP_is_up, 1, NULL));
        return false;
    }
    delay_ns(10 * MS);
    check_real_mode();
    rc = vcpu_op(VCPUOP_is_up, 1, NULL);
    printk("  AP: APIC ID %u, Xen vCPU id %u, is_up %ld\n", ap_apic_id, ap_vcpu_id, rc);
    if ( ap_apic_id != apic || ap_vcpu_id != 1 || rc != 1 )
        test_fail("AP: APIC ID %u vCPU %u is_up %ld, expected %u 1 1", ap_apic_id,
                  ap_vcpu_id, rc, apic);
    return true;
}

void test_main(void)
{
    uint32_t own, apic;
    long rc;

    rc = vcpu_op(VCPUOP_is_up, 1, NULL);
    if ( rc == -XEN_ENOENT )
        return test_skip("dom0 has one vCPU (boot with QEMU -smp 2)");
    if ( rc != 0 )
        return test_fail("is_up(1) at boot = %ld, expected 0", rc);
    if ( !low_page_is_ram() )
        return;
    xapic_write(APIC_SVR, 0x1ff);
    own = xapic_read(APIC_ID) >> 24;
    apic = madt_other_apic(own);
    printk("  BSP APIC ID %u, AP APIC ID %u\n", own, apic);
    if ( apic == ~0u )
        return;
    ap_prepare(ap_main, ap_stack + sizeof(ap_stack));
    ap_set_gate(2, nmi_entry);
    if ( start_ap(apic) )
        nmi_tests(apic);
}
