/* SPDX-License-Identifier: GPL-2.0-only */
/* The IDT, exception handling and the register and stack dumps that panics and
 * the 'd' debug key print. Exceptions in the hypervisor are fatal: there is no
 * fixup table yet, so a fault means a hypervisor bug and ends in panic(). */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/symbols.h>
#include <xen/version.h>
#include <asm/desc.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/regs.h>

struct idt_entry {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t ist;
    uint8_t type_attr;
    uint16_t offset_mid;
    uint32_t offset_hi;
    uint32_t reserved;
} __packed;

static struct idt_entry idt[256] __aligned(16);
static irq_handler_t irq_handlers[256];
extern const char entry_stubs[];

static const char *const exc_names[X86_NR_EXCEPTIONS] = {
    [X86_EXC_DE] = "divide error", [X86_EXC_DB] = "debug",
    [X86_EXC_NMI] = "nmi", [X86_EXC_BP] = "int3", [X86_EXC_OF] = "overflow",
    [X86_EXC_BR] = "bounds", [X86_EXC_UD] = "invalid opcode",
    [X86_EXC_NM] = "device not available", [X86_EXC_DF] = "double fault",
    [X86_EXC_TS] = "invalid TSS", [X86_EXC_NP] = "segment not present",
    [X86_EXC_SS] = "stack error", [X86_EXC_GP] = "general protection fault",
    [X86_EXC_PF] = "page fault", [X86_EXC_MF] = "coprocessor error",
    [X86_EXC_AC] = "alignment check", [X86_EXC_MC] = "machine check",
    [X86_EXC_XM] = "simd error", [X86_EXC_VE] = "virtualisation exception",
    [X86_EXC_CP] = "control-flow protection",
};

static void set_gate(unsigned int vec, unsigned int ist)
{
    unsigned long addr = (unsigned long)entry_stubs + 16 * vec;

    idt[vec].offset_lo = addr & 0xffff;
    idt[vec].selector = GDT_CS64;
    idt[vec].ist = (uint8_t)ist;
    idt[vec].type_attr = 0x8e;          /* present, DPL0, 64-bit interrupt gate */
    idt[vec].offset_mid = (addr >> 16) & 0xffff;
    idt[vec].offset_hi = (uint32_t)(addr >> 32);
    idt[vec].reserved = 0;
}

void idt_init(void)
{
    unsigned int v;

    for ( v = 0; v < 256; v++ )
        set_gate(v, 0);
    /* These can arrive on a broken stack: give them known-good ones. */
    set_gate(X86_EXC_NMI, IST_NMI);
    set_gate(X86_EXC_DF, IST_DF);
    set_gate(X86_EXC_MC, IST_MCE);
}

void load_idt(void)
{
    struct __packed { uint16_t limit; uint64_t base; } idtr = {
        sizeof(idt) - 1, (uint64_t)idt
    };

    __asm__ __volatile__("lidt %0" :: "m" (idtr));
}

void set_irq_handler(unsigned int vector, irq_handler_t fn)
{
    BUG_ON(vector < X86_NR_EXCEPTIONS || vector > 255);
    irq_handlers[vector] = fn;
}

static const char *symbol(char *buf, size_t len, unsigned long addr)
{
    symbol_format(buf, len, addr);
    return buf;
}

/* Follows the rbp chain while it stays on this CPU's stack and moves upwards. */
void show_stack_trace(unsigned long rbp, unsigned long rip)
{
    struct cpu_info *c = this_cpu();
    unsigned long lo = c->stack_top - STACK_SIZE, hi = c->stack_top;
    char buf[128];
    unsigned int depth = 0;

    printk("Xen call trace:\n");
    printk("   [<%016lx>] R %s\n", rip, symbol(buf, sizeof(buf), rip));
    while ( rbp >= lo && rbp + 16 <= hi && depth++ < 32 )
    {
        unsigned long *frame = (unsigned long *)rbp;
        unsigned long ret = frame[1];

        if ( !ret )
            break;
        printk("   [<%016lx>] F %s\n", ret, symbol(buf, sizeof(buf), ret));
        if ( frame[0] <= rbp )
            break;
        rbp = frame[0];
    }
    printk("\n");
}

void show_registers(const struct cpu_user_regs *r)
{
    char buf[128];

    printk("----[ Xen-%u.%u%s  x86_64  debug=y  Not tainted ]----\n",
           XEN_VERSION_MAJOR, XEN_VERSION_MINOR, xen_extra_version);
    printk("CPU:    %u\n", smp_processor_id());
    printk("RIP:    %04lx:[<%016lx>] %s\n", (unsigned long)r->cs, (unsigned long)r->rip,
           symbol(buf, sizeof(buf), r->rip));
    printk("RFLAGS: %016lx   CONTEXT: hypervisor\n", (unsigned long)r->rflags);
    printk("rax: %016lx   rbx: %016lx   rcx: %016lx\n",
           (unsigned long)r->rax, (unsigned long)r->rbx, (unsigned long)r->rcx);
    printk("rdx: %016lx   rsi: %016lx   rdi: %016lx\n",
           (unsigned long)r->rdx, (unsigned long)r->rsi, (unsigned long)r->rdi);
    printk("rbp: %016lx   rsp: %016lx   r8:  %016lx\n",
           (unsigned long)r->rbp, (unsigned long)r->rsp, (unsigned long)r->r8);
    printk("r9:  %016lx   r10: %016lx   r11: %016lx\n",
           (unsigned long)r->r9, (unsigned long)r->r10, (unsigned long)r->r11);
    printk("r12: %016lx   r13: %016lx   r14: %016lx\n",
           (unsigned long)r->r12, (unsigned long)r->r13, (unsigned long)r->r14);
    printk("r15: %016lx   cr0: %016lx   cr4: %016lx\n",
           (unsigned long)r->r15, read_cr0(), read_cr4());
    printk("cr3: %016lx   cr2: %016lx\n", read_cr3(), read_cr2());
    show_stack_trace(r->rbp, r->rip);
}

static void fatal_trap(struct cpu_user_regs *regs)
{
    unsigned int v = (unsigned int)regs->vector;

    show_registers(regs);
    if ( v == X86_EXC_PF )
        panic("FATAL PAGE FAULT\n[error_code=%04lx]\nFaulting linear address: %016lx\n",
              (unsigned long)regs->error_code, read_cr2());
    panic("FATAL TRAP: vector = %u (%s)\n[error_code=%04lx]\n", v,
          exc_names[v] ? exc_names[v] : "reserved", (unsigned long)regs->error_code);
}

static void do_nmi(struct cpu_user_regs *regs)
{
    printk("NMI received on CPU%u: %s\n", smp_processor_id(),
           "unknown reason (no NMI watchdog), ignored");
}

void do_trap(struct cpu_user_regs *regs);
void do_trap(struct cpu_user_regs *regs)
{
    unsigned int v = (unsigned int)regs->vector;

    if ( v == X86_EXC_NMI )
    {
        do_nmi(regs);
        return;
    }
    if ( v < X86_NR_EXCEPTIONS )
        fatal_trap(regs);
    if ( irq_handlers[v] )
    {
        irq_handlers[v](regs);
        return;
    }
    printk(XENLOG_WARNING "CPU%u: unexpected interrupt vector %#x\n",
           smp_processor_id(), v);
}
