/* SPDX-License-Identifier: GPL-2.0-only */
/* Printing a vCPU's register state when its domain crashes. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm/support.h>

static void dump_seg(const char *name, const struct segment_register *s)
{
    printk("  %-4s sel=%04x attr=%04x limit=%08x base=%016lx\n", name, s->sel, s->attr,
           s->limit, (unsigned long)s->base);
}

void hvm_dump_guest_state(struct vcpu *v)
{
    const struct hvm_regs *r = &v->arch.regs;

    printk("d%uv%u guest state:\n", v->domain->domain_id, v->vcpu_id);
    printk("  rip %016lx rflags %016lx rsp %016lx\n", (unsigned long)r->rip,
           (unsigned long)r->rflags, (unsigned long)r->rsp);
    printk("  rax %016lx rbx %016lx rcx %016lx rdx %016lx\n", (unsigned long)r->rax,
           (unsigned long)r->rbx, (unsigned long)r->rcx, (unsigned long)r->rdx);
    printk("  rsi %016lx rdi %016lx rbp %016lx\n", (unsigned long)r->rsi,
           (unsigned long)r->rdi, (unsigned long)r->rbp);
    printk("  cr0 %016lx cr2 %016lx cr3 %016lx cr4 %016lx efer %016lx\n",
           (unsigned long)r->cr0, (unsigned long)r->cr2, (unsigned long)r->cr3,
           (unsigned long)r->cr4, (unsigned long)r->efer);
    dump_seg("cs", &r->cs);
    dump_seg("ss", &r->ss);
    dump_seg("ds", &r->ds);
    dump_seg("tr", &r->tr);
    dump_seg("gdtr", &r->gdtr);
    dump_seg("idtr", &r->idtr);
}
