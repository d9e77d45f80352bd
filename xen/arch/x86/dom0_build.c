/* SPDX-License-Identifier: GPL-2.0-only */
/* The PVH dom0 builder: domain 0 from the first boot module (its command line
 * after the file name) and the second (the initrd), laid out as Xen 4.17 does:
 * the kernel's ELF segments at their physical addresses, then above the kernel
 * the initrd, the module command line, dom0's command line, the module list and
 * hvm_start_info (version 0: dom0 asks XENMEM_memory_map for its e820). vCPU 0
 * starts at the PHYS32_ENTRY note in 32-bit protected mode, paging off, EBX
 * pointing at the start info. */
#include <xen/console.h>
#include <xen/elf.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/bzimage.h>
#include <asm/directmap.h>
#include <asm/dom0_build.h>
#include <asm/hvm/guest_access.h>
#include <asm/msr-index.h>
#include <asm/x86-defns.h>
#include <public/xen.h>
#include <public/domctl.h>
#include <public/hvm/start_info.h>
#include "dom0.h"

static unsigned int opt_dom0_max_vcpus;
integer_param("dom0_max_vcpus", opt_dom0_max_vcpus);
static char opt_dom0[32];
string_param("dom0", opt_dom0);
static char opt_dom0_iommu[32];
string_param("dom0-iommu", opt_dom0_iommu);

static struct e820map dom0_e820;

const struct e820map *dom0_memory_map(void)
{
    return &dom0_e820;
}

static const char *module_cmdline(const struct boot_module *m)
{
    const char *p = m->cmdline;

    /* The loader puts the file name first, as on the hypervisor's own line. */
    while ( *p && *p != ' ' )
        p++;
    while ( *p == ' ' )
        p++;
    return p;
}

static int load_copy(void *ctx, uint64_t paddr, const void *src, size_t len)
{
    return copy_to_guest_phys(ctx, paddr, src, len);
}

static int load_zero(void *ctx, uint64_t paddr, size_t len)
{
    return clear_guest_phys(ctx, paddr, len);
}

/* The ELF inside a bzImage (Debian ships XZ), unpacked into hypervisor memory
 * that is freed again once the segments are in dom0's RAM. */
struct unpacked {
    void *buf;
    unsigned int order;
};

static const void *unpack_kernel(const void *image, size_t *size, struct unpacked *u)
{
    const void *payload;
    size_t plen, out, done;
    int rc;

    if ( bzimage_payload(image, *size, &payload, &plen) ||
         bzimage_output_size(payload, plen, &out) || !out )
        panic("Dom0 kernel: a bzImage without a usable payload\n");
    u->order = get_order_from_bytes(out);
    if ( u->order > MAX_ORDER || !(u->buf = alloc_xenheap_pages(u->order, 0)) )
        panic("Dom0 kernel: no %lu MiB of hypervisor memory to unpack it into\n",
              (unsigned long)(out >> 20) + 1);
    rc = bzimage_unpack(image, *size, u->buf, out, &done);
    if ( rc )
        panic("Dom0 kernel: unpacking its %s payload failed (%d)\n",
              bzimage_format_name(bzimage_format(payload, plen)), rc);
    printk("Dom0 kernel: bzImage with %s payload, %lu KiB unpacked to %lu KiB\n",
           bzimage_format_name(bzimage_format(payload, plen)),
           (unsigned long)(plen >> 10), (unsigned long)(done >> 10));
    *size = done;
    return u->buf;
}

/* Loads the kernel; returns the entry point, panics with the reason otherwise. */
static uint32_t load_kernel(struct domain *d, const struct boot_module *m, paddr_t *kend)
{
    struct elf_binary elf;
    struct elf_xen_notes notes;
    struct unpacked u = { NULL, 0 };
    uint64_t start, end;
    size_t size = m->end - m->start;
    const void *image = maddr_to_virt(m->start);

    if ( bzimage_detect(image, size) )
        image = unpack_kernel(image, &size, &u);
    if ( elf_init(&elf, image, size) )
        panic("Dom0 kernel: not an ELF image this builder can load\n");
    if ( elf_xen_parse_notes(&elf, &notes) || !elf_is_pvh_capable(&notes) )
        panic("Dom0 kernel: no XEN_ELFNOTE_PHYS32_ENTRY note, so it cannot boot as PVH\n");
    if ( elf_load_bounds(&elf, &start, &end) )
        panic("Dom0 kernel: bad program headers\n");
    if ( !dom0_owns(ROUNDDOWN(start, PAGE_SIZE), ROUNDUP(end, PAGE_SIZE)) )
        panic("Dom0 kernel wants [%#lx, %#lx), which is not dom0 RAM: give dom0 more "
              "memory (dom0_mem=) or load the modules elsewhere\n",
              (unsigned long)start, (unsigned long)end);
    if ( elf_load(&elf, load_copy, load_zero, d) )
        panic("Dom0 kernel: loading the segments failed\n");
    if ( u.buf )
        free_xenheap_pages(u.buf, u.order);
    printk("Dom0 kernel: ELF%u, [%#lx, %#lx), PVH entry %#lx\n", elf_is_64(&elf) ? 64 : 32,
           (unsigned long)start, (unsigned long)end, (unsigned long)notes.phys32_entry);
    *kend = end;
    return (uint32_t)notes.phys32_entry;
}

/* A bump allocator over dom0 RAM above the kernel, for the boot structures. */
struct placer {
    struct domain *d;
    paddr_t next;
};

static paddr_t place(struct placer *p, const void *data, size_t len, size_t align)
{
    paddr_t at = ROUNDUP(p->next, align);

    if ( !dom0_owns(ROUNDDOWN(at, PAGE_SIZE), ROUNDUP(at + len, PAGE_SIZE)) ||
         copy_to_guest_phys(p->d, at, data, len) )
        panic("Dom0: no room in its memory for the boot modules and start info\n");
    p->next = at + len;
    return at;
}

static paddr_t place_start_info(struct domain *d, const struct boot_info *bi, paddr_t kend,
                                paddr_t rsdp)
{
    struct placer p = { d, ROUNDUP(kend, PAGE_SIZE) };
    struct hvm_start_info si = { 0 };
    struct hvm_modlist_entry mod = { 0 };
    const char *cmdline = module_cmdline(&bi->modules[0]);

    si.magic = XEN_HVM_START_MAGIC_VALUE;
    si.version = 0;
    si.flags = SIF_PRIVILEGED | SIF_INITDOMAIN;
    if ( bi->nr_modules > 1 )
    {
        const struct boot_module *rd = &bi->modules[1];
        const char *rd_cmd = module_cmdline(rd);

        mod.size = rd->end - rd->start;
        mod.paddr = place(&p, maddr_to_virt(rd->start), mod.size, PAGE_SIZE);
        if ( *rd_cmd )
            mod.cmdline_paddr = place(&p, rd_cmd, strlen(rd_cmd) + 1, 1);
        si.nr_modules = 1;
    }
    si.cmdline_paddr = place(&p, cmdline, strlen(cmdline) + 1, 8);
    if ( si.nr_modules )
        si.modlist_paddr = place(&p, &mod, sizeof(mod), 8);
    si.rsdp_paddr = rsdp;       /* 0: Linux scans the legacy BIOS area */
    return place(&p, &si, sizeof(si), 8);
}

/* 32-bit protected mode, paging off, flat segments (pvh.pandoc). */
static void init_boot_vcpu(struct vcpu *v, uint32_t entry, paddr_t start_info)
{
    struct hvm_regs *r = &v->arch.regs;
    struct segment_register flat_code = { 0, 0xc9b, 0xffffffff, 0 };
    struct segment_register flat_data = { 0, 0xc93, 0xffffffff, 0 };

    memset(r, 0, offsetof(struct hvm_regs, pat));
    r->rip = entry;
    r->rbx = start_info;
    r->rflags = 0x2;
    r->cr0 = X86_CR0_PE | X86_CR0_ET;
    r->cs = flat_code;
    r->ds = r->es = r->ss = r->fs = r->gs = flat_data;
    r->tr = (struct segment_register){ 0, 0x8b, 0x67, 0 };
    r->ldtr = (struct segment_register){ 0, 0x82, 0xffff, 0 };
    r->gdtr.limit = r->idtr.limit = 0xffff;
    v->arch.initialised = true;
    __atomic_fetch_and(&v->pause_flags, ~VPF_down, __ATOMIC_SEQ_CST);
}

/* Typed characters for dom0 are announced with its console VIRQ. */
static void console_input_to_dom0(void)
{
    if ( hardware_domain )
        send_guest_global_virq(hardware_domain, VIRQ_CONSOLE);
}

/* Dom0 has its copies now: the modules' memory goes to the heap. */
static void free_boot_modules(const struct boot_info *bi)
{
    unsigned long freed = 0;
    unsigned int i;

    for ( i = 0; i < bi->nr_modules; i++ )
    {
        unsigned long s = PFN_DOWN(bi->modules[i].start);
        unsigned long e = PFN_UP(bi->modules[i].end);

        if ( e > s && e <= max_page )
        {
            init_heap_pages(mfn_to_page(s), e - s);
            freed += e - s;
        }
    }
    printk("Freed %lukB boot module memory\n", freed << (PAGE_SHIFT - 10));
}

void dom0_build(const struct boot_info *bi)
{
    unsigned int vcpus = opt_dom0_max_vcpus ? opt_dom0_max_vcpus : nr_cpu_ids;
    struct domain *d;
    paddr_t kend, si;
    uint32_t entry;
    int rc;
    struct domain_config cfg = {
        .max_vcpus = min(vcpus, (unsigned int)MAX_VIRT_CPUS), .privileged = true,
        .cdf = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap,
        .emulation_flags = XEN_X86_EMU_LAPIC | XEN_X86_EMU_IOAPIC | XEN_X86_EMU_VPCI,
        .max_evtchn_port = ~0U, .max_grant_frames = GNTTAB_MAX_FRAMES,
        .max_maptrack_frames = GNTTAB_MAX_MAPTRACK_CHUNKS,
    };

    if ( bi->nr_modules == 0 )
    {
        printk("No dom0 kernel given: the hypervisor idles\n");
        return;
    }
    if ( opt_dom0[0] && strcmp(opt_dom0, "pvh") )
        printk(XENLOG_WARNING "dom0=%s: only PVH dom0 is supported; building PVH\n",
               opt_dom0);
    d = domain_create(0, &cfg);
    if ( !d )
        panic("Could not create dom0\n");
    rc = dom0_acpi_reserve(d->max_vcpus);
    if ( rc )
        printk(XENLOG_WARNING "Dom0 ACPI tables: error %d; dom0 sees the host's\n", rc);
    dom0_build_e820(&dom0_e820, &e820);
    if ( dom0_build_p2m(d, &e820) )
        panic("Out of memory building dom0's p2m\n");
    dom0_setup_ports(d);
    if ( dom0_trap_sleep_port(d) )
        panic("Dom0: could not trap its ACPI sleep port\n");
    if ( dom0_setup_pci(d) )
        panic("Dom0: could not set up its PCI configuration space\n");
    if ( dom0_setup_irqs(d) )
        panic("Dom0: could not set up its virtual IO-APICs\n");
    entry = load_kernel(d, &bi->modules[0], &kend);
    si = place_start_info(d, bi, kend, rc ? 0 : dom0_acpi_write(d));
    init_boot_vcpu(d->vcpu[0], entry, si);
    printk("Dom0: %u vCPUs, %lu MiB, start info at %#lx\n", d->max_vcpus,
           d->tot_pages >> (20 - PAGE_SHIFT), (unsigned long)si);
    free_boot_modules(bi);
    console_input_notify = console_input_to_dom0;
    vcpu_wake(d->vcpu[0]);
}
