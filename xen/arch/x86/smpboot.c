/* SPDX-License-Identifier: GPL-2.0-only */
/* AP start-up with INIT-SIPI-SIPI through a trampoline below 1 MiB. APs start one
 * at a time: ap_stack_top and ap_cpu_info are handed over through globals, and the
 * BSP waits for each AP to mark itself online before starting the next. */
#include <xen/delay.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/rcu.h>
#include <xen/percpu.h>
#include <xen/softirq.h>
#include <xen/string.h>
#include <asm/apic.h>
#include <asm/cpufeature.h>
#include <asm/directmap.h>
#include <asm/irq.h>
#include <asm/mm.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/smpboot.h>
#include <asm/hvm/hvm.h>
#include <xen/sched.h>
#include <asm/system.h>

struct trampoline_params {
    uint16_t gdt_limit;
    uint32_t gdt_base;
    uint32_t jump32_off;
    uint16_t jump32_sel;
    uint32_t jump64_off;
    uint16_t jump64_sel;
    uint32_t cr3;
    uint32_t efer;
    uint64_t entry;
} __packed;

extern const char trampoline_start[], trampoline_end[], trampoline_params[];
extern const uint32_t trampoline_prot_off, trampoline_long_off;
extern const char ap_entry[];
extern const char boot_gdtr_high[];

unsigned long ap_stack_top;
struct cpu_info *ap_cpu_info;

static unsigned int opt_maxcpus = NR_CPUS;
integer_param("maxcpus", opt_maxcpus);
static bool opt_nosmp;
boolean_param("nosmp", opt_nosmp);

#define AP_START_TIMEOUT_MS 5000    /* TCG is slow; real hardware takes microseconds */

void start_secondary(struct cpu_info *c);
void start_secondary(struct cpu_info *c)
{
    percpu_load(c);
    cpu_init_protections();
    apic_init_local(false);
    apic_timer_init_local();
    hvm_cpu_up();
    rcu_cpu_online(c->id);
    __atomic_store_n(&c->online, true, __ATOMIC_RELEASE);
    local_irq_enable();
    scheduler_loop();
}

static paddr_t setup_trampoline(void)
{
    size_t len = trampoline_end - trampoline_start;
    struct page_info *pg = alloc_heap_pages(0, MEMF_bits(20));
    struct trampoline_params *p;
    paddr_t base;
    char *va;

    if ( !pg )
        return 0;
    base = page_to_maddr(pg);
    va = maddr_to_virt(base);
    memcpy(va, trampoline_start, len);
    p = (struct trampoline_params *)(va + (trampoline_params - trampoline_start));
    /* The boot GDT's descriptor: a 16-bit limit, then its 64-bit virtual base. */
    p->gdt_limit = *(const uint16_t *)boot_gdtr_high;
    p->gdt_base = (uint32_t)virt_to_maddr(*(void *const *)(boot_gdtr_high + 2));
    p->jump32_off = (uint32_t)base + trampoline_prot_off;
    p->jump64_off = (uint32_t)base + trampoline_long_off;
    p->cr3 = (uint32_t)virt_to_maddr(idle_pg_table);
    p->efer = EFER_LME | (boot_cpu.nx ? EFER_NXE : 0);
    p->entry = (uint64_t)ap_entry;
    return base;
}

static bool start_ap(unsigned int cpu, uint32_t apic_id, paddr_t tramp)
{
    struct cpu_info *c = percpu_alloc(cpu);
    unsigned int ms;

    if ( !c )
    {
        printk(XENLOG_WARNING "CPU%u: no memory for its stacks\n", cpu);
        return false;
    }
    c->apic_id = apic_id;
    ap_cpu_info = c;
    ap_stack_top = c->stack_top;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);

    apic_send_ipi(apic_id, APIC_DM_INIT | APIC_INT_ASSERT | APIC_INT_LEVELTRIG);
    mdelay(10);
    apic_send_ipi(apic_id, APIC_DM_STARTUP | (uint32_t)(tramp >> PAGE_SHIFT));
    udelay(200);
    apic_send_ipi(apic_id, APIC_DM_STARTUP | (uint32_t)(tramp >> PAGE_SHIFT));

    for ( ms = 0; ms < AP_START_TIMEOUT_MS; ms++ )
    {
        if ( __atomic_load_n(&c->online, __ATOMIC_ACQUIRE) )
            return true;
        mdelay(1);
    }
    printk(XENLOG_ERR "CPU%u (APIC ID %u) did not respond to INIT-SIPI-SIPI\n",
           cpu, apic_id);
    cpu_infos[cpu] = NULL;
    return false;
}

void smp_boot_cpus(const uint32_t *apic_ids, unsigned int nr)
{
    uint32_t bsp_id = get_apic_id();
    unsigned int i, cpu = 1, limit = min(opt_maxcpus, (unsigned int)NR_CPUS);
    paddr_t tramp = 0;

    this_cpu()->apic_id = bsp_id;
    this_cpu()->online = true;
    rcu_cpu_online(0);
    if ( opt_nosmp )
        limit = 1;
    if ( nr > 1 && limit > 1 && !(tramp = setup_trampoline()) )
        printk(XENLOG_ERR "No memory below 1 MiB for the AP trampoline\n");

    for ( i = 0; i < nr && tramp && cpu < limit; i++ )
    {
        if ( apic_ids[i] == bsp_id )
            continue;
        nr_cpu_ids = cpu + 1;
        if ( start_ap(cpu, apic_ids[i], tramp) )
            cpu++;
    }
    nr_cpu_ids = cpu;
    if ( tramp )
        free_heap_pages(mfn_to_page(paddr_to_pfn(tramp)), 0);
    printk("Brought up %u CPUs\n", cpu);
}
