/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-CPU state. Each CPU's struct cpu_info is reached through %gs:0 (its first
 * field points at itself). Subsystems keep their own per-CPU data in arrays indexed
 * by cpu id; what lives here is what entry code and traps need. */
#ifndef ASM_X86_PERCPU_H
#define ASM_X86_PERCPU_H

#include <xen/types.h>
#include <xen/compiler.h>
#include <asm/config.h>
#include <asm/desc.h>

struct cpu_user_regs;
struct vcpu;

#define IST_NMI     1
#define IST_DF      2
#define IST_MCE     3
#define IST_STACK_SIZE  4096

struct tss64 {
    uint32_t rsvd0;
    uint64_t rsp[3];
    uint64_t rsvd1;
    uint64_t ist[7];                    /* ist[0] is IST1 */
    uint64_t rsvd2;
    uint16_t rsvd3;
    uint16_t iomap_base;
} __packed;

struct cpu_info {
    struct cpu_info *self;              /* must stay first: %gs:0 */
    unsigned int id;                    /* set once at allocation */
    uint32_t apic_id;                   /* set once from the MADT */
    volatile bool online;               /* written by the CPU itself as it comes up */
    unsigned long stack_top;            /* top of the STACK_SIZE stack */
    volatile unsigned long softirq_pending; /* bits set by anyone, cleared by owner */
    struct cpu_user_regs *irq_regs;     /* interrupted state during a cross-CPU call */
    struct vcpu *curr;                  /* the vCPU being run, NULL when idle */
    bool need_resched;                  /* set by SCHEDULE_SOFTIRQ */
    void *svm_host_save;                /* VM_HSAVE_PA page (SVM) */
    void *svm_host_vmcb;                /* host VMSAVE/VMLOAD area (SVM) */
    uint32_t asid_next, asid_generation;
    uint64_t gdt[GDT_ENTRIES] __aligned(16);
    struct tss64 tss __aligned(16);
    uint8_t ist_stacks[3][IST_STACK_SIZE] __aligned(16);
};

extern struct cpu_info *cpu_infos[NR_CPUS];
extern unsigned int nr_cpu_ids;         /* CPUs found in the MADT, capped by maxcpus= */

static inline struct cpu_info *this_cpu(void)
{
    struct cpu_info *c;

    __asm__ ("movq %%gs:0, %0" : "=r" (c));
    return c;
}

static inline unsigned int smp_processor_id(void)
{
    return this_cpu()->id;
}

/* Allocates cpu_info and stack for a CPU (BSP: static ones). */
struct cpu_info *percpu_alloc(unsigned int cpu);
/* Points %gs at c and loads its GDT, TSS and the IDT. */
void percpu_load(struct cpu_info *c);

#endif /* ASM_X86_PERCPU_H */
