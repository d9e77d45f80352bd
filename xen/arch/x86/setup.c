/* SPDX-License-Identifier: GPL-2.0-only */
/* __start_xen: the boot sequence on the BSP, from the loader's hand-off to the idle
 * loop. Order matters: the command line and console come first so that everything
 * after can report; memory before anything that allocates; time before SMP, whose
 * INIT-SIPI-SIPI protocol needs calibrated delays. */
#include <xen/bootinfo.h>
#include <xen/console.h>
#include <xen/e820.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/string.h>
#include <xen/timer.h>
#include <xen/version.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/cpufeature.h>
#include <asm/directmap.h>
#include <asm/dom0_build.h>
#include <asm/hvm/hvm.h>
#include <asm/irq.h>
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/smpboot.h>
#include <asm/system.h>
#include <asm/time.h>

static struct boot_info boot_info;

extern char _start[], _end[];

/* Boot pages that must never be handed out: page 0 (the real-mode IVT and BIOS
 * data, where the EBDA pointer lives), the image, and the modules. The rest of
 * low memory stays usable; the AP trampoline needs a page there. */
static void reserve_boot_ranges(void)
{
    unsigned int i;

    reserve_boot_pages(0, PAGE_SIZE);
    reserve_boot_pages((paddr_t)(_start - XEN_VIRT_START),
                       ROUNDUP((paddr_t)(_end - XEN_VIRT_START), PAGE_SIZE));
    for ( i = 0; i < boot_info.nr_modules; i++ )
        reserve_boot_pages(ROUNDDOWN(boot_info.modules[i].start, PAGE_SIZE),
                           ROUNDUP(boot_info.modules[i].end, PAGE_SIZE));
}

/* GRUB puts modules just above 1 MiB, where dom0 kernels want to be loaded:
 * those below 64 MiB move to the top of RAM and their old place is freed. */
#define MODULE_LOW_LIMIT    (64ULL << 20)

static void move_low_modules(void)
{
    unsigned int i;

    for ( i = 0; i < boot_info.nr_modules; i++ )
    {
        struct boot_module *m = &boot_info.modules[i];
        size_t size = m->end - m->start;
        unsigned long mfn;

        if ( m->start >= MODULE_LOW_LIMIT || !size )
            continue;
        mfn = alloc_boot_pages(PFN_UP(size), 1);
        memmove(mfn_to_virt(mfn), maddr_to_virt(m->start), size);
        init_boot_pages(m->start, m->end);
        m->start = (paddr_t)mfn << PAGE_SHIFT;
        m->end = m->start + size;
    }
}

static void memory_init(void)
{
    uint64_t ram = e820_ram_bytes(&e820);
    unsigned int i;

    printk("Xen-e820 RAM map:\n");
    e820_print(&e820);
    printk("System RAM: %luMB (%lukB)\n", (unsigned long)(ram >> 20),
           (unsigned long)(ram >> 10));

    directmap_init(&e820);
    for ( i = 0; i < e820.nr_map; i++ )
        if ( e820.map[i].type == E820_RAM )
            init_boot_pages(e820.map[i].addr, e820.map[i].addr + e820.map[i].size);
    reserve_boot_ranges();
    move_low_modules();
    if ( boot_info.nr_modules )
        dom0_claim_memory(&e820, &boot_info);
    init_frametable(PFN_UP(e820_max_addr(&e820)));
    end_boot_allocator();
    mm_heap_ready();
}

static void boot_info_init(uint32_t magic, uint32_t info)
{
    if ( multiboot_parse(&boot_info, magic, info) )
        panic("Unknown boot loader magic %#x: boot with multiboot1 or multiboot2\n",
              magic);
    if ( boot_info.nr_map == 0 )
        panic("The boot loader gave no memory map\n");
    e820_sanitise(&e820, boot_info.map, boot_info.nr_map);
}

void __start_xen(uint32_t magic, uint32_t info);
void __start_xen(uint32_t magic, uint32_t info)
{
    struct cpu_info *bsp;

    idt_init();
    bsp = percpu_alloc(0);
    percpu_load(bsp);

    /* The loader's data is in low memory: copy it out before anything else runs. */
    boot_info_init(magic, info);
    cmdline_parse(boot_info.cmdline);
    console_init();
    print_banner();
    printk("Bootloader: %s%s%s\n", boot_info.loader,
           boot_info.boot_loader_name[0] ? ", " : "", boot_info.boot_loader_name);
    printk("Command line: %s\n", boot_info.cmdline);

    cpu_detect();
    cpu_init_protections();
    cpu_print_features();
    memory_init();

    i8259_disable();
    acpi_boot_init(&boot_info);
    apic_init_local(true);
    smp_call_init();
    timer_subsystem_init();
    time_init();
    rtc_init();
    apic_timer_calibrate();
    apic_timer_init_local();
    local_irq_enable();

    hvm_init();
    scheduler_init();
    smp_boot_cpus(acpi_boot.apic_ids, acpi_boot.nr_cpus);
    mm_drop_identity_map();
    if ( hvm_enabled() )
        dom0_build(&boot_info);
    else if ( boot_info.nr_modules )
        printk(XENLOG_ERR "A dom0 kernel was given, but this CPU cannot run guests\n");
    console_start_input();
    scheduler_loop();
}
