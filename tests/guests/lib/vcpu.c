// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AP side shared by the SMP tests (see vcpu.h): what ap_entry needs to
 * join the BSP's long-mode world, and the 64-bit VCPUOP_initialise context
 * that enters it.
 */
#include "test.h"
#include "vcpu.h"

#define MSR_EFER        0xc0000080

struct desc_ptr {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

/* Read by ap_entry; set by ap_prepare before the AP can run. */
struct desc_ptr ap_gdtr, ap_idtr;
uint64_t ap_cs, ap_ds, ap_rsp;
void (*ap_fn)(void);
volatile uint32_t ap_wakeups;

/* Each gate is two quadwords; only the 32 exception vectors exist. */
static uint64_t ap_idt[32][2] __attribute__((aligned(16)));

/*
 * Our stack, GDT and IDT first (so that a fault reaches the library's
 * handler rather than triple-faulting), then CS and the data segments from
 * that GDT, then ap_fn. Afterwards HLT with IF=0: Xen takes the vCPU
 * offline, and a later VCPUOP_up resumes after the HLT, which counts the
 * wakeup and goes down again.
 */
asm (".text\n"
     ".globl ap_entry\n"
     "ap_entry:\n\t"
     "mov ap_rsp(%rip), %rsp\n\t"
     "lgdt ap_gdtr(%rip)\n\t"
     "lidt ap_idtr(%rip)\n\t"
     "mov ap_ds(%rip), %rax\n\t"
     "mov %eax, %ds\n\t"
     "mov %eax, %es\n\t"
     "mov %eax, %ss\n\t"
     "pushq ap_cs(%rip)\n\t"
     "lea 1f(%rip), %rax\n\t"
     "pushq %rax\n\t"
     "lretq\n"
     "1:\tcall *ap_fn(%rip)\n"
     "2:\tcli\n\t"
     "hlt\n\t"
     "lock incl ap_wakeups(%rip)\n\t"
     "jmp 2b\n");

void ap_prepare(void (*fn)(void), void *stack_top)
{
    struct desc_ptr bsp_idtr;
    size_t len;

    asm volatile ("sgdt %0" : "=m" (ap_gdtr));
    asm volatile ("sidt %0" : "=m" (bsp_idtr));
    asm volatile ("mov %%cs, %0" : "=r" (ap_cs));
    asm volatile ("mov %%ds, %0" : "=r" (ap_ds));
    len = bsp_idtr.limit + 1u;
    if ( len > sizeof(ap_idt) )
        len = sizeof(ap_idt);
    memset(ap_idt, 0, sizeof(ap_idt));
    memcpy(ap_idt, (const void *)bsp_idtr.base, len);
    ap_idtr.base = (unsigned long)ap_idt;
    ap_idtr.limit = sizeof(ap_idt) - 1;
    ap_fn = fn;
    ap_rsp = (unsigned long)stack_top & ~15ul;
}

/* The selector, type and IST of the copied gate stay. */
void ap_set_gate(unsigned int vector, void (*handler)(void))
{
    uint64_t off = (unsigned long)handler;

    if ( vector >= ARRAY_SIZE(ap_idt) )
    {
        test_error("ap_set_gate: vector %u has no gate", vector);
        return;
    }
    ap_idt[vector][0] = (ap_idt[vector][0] & 0x0000ffffffff0000ul) |
                        (off & 0xffff) | ((off >> 16 & 0xffff) << 48);
    ap_idt[vector][1] = off >> 32;
}

void ap_build_context(struct vcpu_hvm_context *c)
{
    uint64_t v;

    memset(c, 0, sizeof(*c));
    c->mode = VCPU_HVM_MODE_64B;
    c->rip = (unsigned long)ap_entry;
    c->rsp = ap_rsp;
    c->rflags = 2;
    asm volatile ("mov %%cr0, %0" : "=r" (v));
    c->cr0 = v;
    asm volatile ("mov %%cr3, %0" : "=r" (v));
    c->cr3 = v;
    asm volatile ("mov %%cr4, %0" : "=r" (v));
    c->cr4 = v;
    if ( rdmsr_safe(MSR_EFER, &v) != -1 )
        test_error("EFER not readable");
    c->efer = v;
}

long vcpu_wait_is_up(unsigned int vcpu, long want)
{
    uint64_t start = __builtin_ia32_rdtsc();
    long rc;

    /* Yields: the vCPU it waits for may need this pCPU to get there. */
    while ( (rc = vcpu_op(VCPUOP_is_up, vcpu, NULL)) != want &&
            __builtin_ia32_rdtsc() - start < 5000000000ull )
        hypercall_sched_op(SCHEDOP_yield, NULL);
    return rc;
}
