/* SPDX-License-Identifier: GPL-2.0-only */
/* Allocation and loading of per-CPU state: the cpu_info block with its GDT, TSS
 * and IST stacks, and the main stack. The BSP's live in .bss so that they exist
 * before the heap does. */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/string.h>
#include <asm/desc.h>
#include <asm/irq.h>
#include <asm/msr-index.h>
#include <asm/processor.h>

struct cpu_info *cpu_infos[NR_CPUS];
unsigned int nr_cpu_ids = 1;

static struct cpu_info bsp_info __aligned(PAGE_SIZE);
extern char boot_stack[];

static void fill_gdt(struct cpu_info *c)
{
    unsigned long tss = (unsigned long)&c->tss;
    uint64_t limit = sizeof(c->tss) - 1;

    c->gdt[0] = 0;
    c->gdt[GDT_CS64 >> 3] = 0x00af9b000000ffffULL;
    c->gdt[GDT_DS >> 3] = 0x00cf93000000ffffULL;
    c->gdt[GDT_CS32 >> 3] = 0x00cf9b000000ffffULL;
    /* 64-bit available TSS: a 16-byte descriptor over two slots. */
    c->gdt[GDT_TSS >> 3] = (limit & 0xffff) | ((tss & 0xffffff) << 16) |
                           (0x89ULL << 40) | (((tss >> 24) & 0xff) << 56);
    c->gdt[(GDT_TSS >> 3) + 1] = tss >> 32;
}

static void fill_tss(struct cpu_info *c)
{
    unsigned int i;

    memset(&c->tss, 0, sizeof(c->tss));
    c->tss.rsp[0] = c->stack_top;
    for ( i = 0; i < 3; i++ )
        c->tss.ist[i] = (unsigned long)c->ist_stacks[i] + IST_STACK_SIZE;
    c->tss.iomap_base = sizeof(c->tss);     /* no I/O bitmap */
}

static unsigned int order_for(size_t bytes)
{
    unsigned int order = 0;

    while ( (PAGE_SIZE << order) < bytes )
        order++;
    return order;
}

struct cpu_info *percpu_alloc(unsigned int cpu)
{
    struct cpu_info *c;
    void *stack;

    BUG_ON(cpu >= NR_CPUS);
    if ( cpu == 0 )
    {
        c = &bsp_info;
        stack = boot_stack;
    }
    else
    {
        c = alloc_xenheap_pages(order_for(sizeof(*c)), 0);
        stack = alloc_xenheap_pages(STACK_ORDER, 0);
        if ( !c || !stack )
            return NULL;
    }
    BUILD_BUG_ON(sizeof(struct cpu_info) > 8 * PAGE_SIZE);
    memset(c, 0, sizeof(*c));
    c->self = c;
    c->id = cpu;
    c->stack_top = (unsigned long)stack + STACK_SIZE;
    fill_gdt(c);
    fill_tss(c);
    cpu_infos[cpu] = c;
    return c;
}

void percpu_load(struct cpu_info *c)
{
    struct __packed { uint16_t limit; uint64_t base; } gdtr = {
        sizeof(c->gdt) - 1, (uint64_t)c->gdt
    };

    __asm__ __volatile__("lgdt %0" :: "m" (gdtr));
    /* Reload CS through a far return, then the data segments. */
    __asm__ __volatile__("pushq %0; leaq 1f(%%rip), %%rax; pushq %%rax; lretq; 1:"
                         :: "i" (GDT_CS64) : "rax", "memory");
    __asm__ __volatile__("movl %0, %%ds; movl %0, %%es; movl %0, %%ss;"
                         "movl %1, %%fs; movl %1, %%gs"
                         :: "r" (GDT_DS), "r" (0) : "memory");
    wrmsr(MSR_GS_BASE, (unsigned long)c);
    wrmsr(MSR_FS_BASE, 0);
    __asm__ __volatile__("ltr %w0" :: "r" (GDT_TSS) : "memory");
    load_idt();
}
