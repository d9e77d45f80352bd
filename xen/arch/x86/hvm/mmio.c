/* SPDX-License-Identifier: GPL-2.0-only */
/* Nested page faults: a guest touched a frame its p2m does not map as RAM. Such
 * accesses are emulated instruction by instruction (the CPU tells us neither the
 * instruction nor its length on this SVM model). Frames with no device model
 * behind them act as absent hardware: reads return all-ones, writes vanish. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/support.h>
#include <asm/p2m.h>

void hvm_exit_npf(struct vcpu *v, struct hvm_exit *e)
{
    p2m_type_t t;

    p2m_lookup(&v->domain->arch.p2m, e->npf.gpa >> 12, &t, NULL);
    printk(XENLOG_ERR "d%uv%u: %s access to gpa %#lx (p2m %s) at rip %#lx: "
           "MMIO emulation is not available yet\n", v->domain->domain_id, v->vcpu_id,
           e->npf.write ? "write" : e->npf.fetch ? "fetch" : "read",
           (unsigned long)e->npf.gpa, p2m_type_name(t), (unsigned long)v->arch.regs.rip);
    domain_crash(v->domain, "unemulated MMIO access");
}
