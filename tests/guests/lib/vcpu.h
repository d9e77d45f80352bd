/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A second vCPU for the SMP tests: vcpu_op, and an AP that enters 64-bit C
 * code with the BSP's GDT and paging and a copy of its IDT (ap_prepare),
 * either from a VCPUOP_initialise context (ap_build_context) or by jumping
 * to ap_entry from a test's own start-up code. The AP runs the function
 * given to ap_prepare, then HLTs with IF=0, which Xen takes as going
 * offline; each VCPUOP_up after that resumes it once (ap_wakeups).
 */
#ifndef GUEST_VCPU_H
#define GUEST_VCPU_H

#include <stdint.h>

#include "hypercall.h"

#define __HYPERVISOR_vcpu_op    24

/* vcpu_op sub-ops (public/vcpu.h); Xen 4.17 has NR_VCPUOPS of them. */
enum {
    VCPUOP_initialise, VCPUOP_up, VCPUOP_down, VCPUOP_is_up,
    VCPUOP_get_runstate_info, VCPUOP_register_runstate_memory_area,
    VCPUOP_set_periodic_timer, VCPUOP_stop_periodic_timer,
    VCPUOP_set_singleshot_timer, VCPUOP_stop_singleshot_timer,
    VCPUOP_register_vcpu_info, VCPUOP_send_nmi, VCPUOP_get_physid,
    VCPUOP_register_vcpu_time_memory_area, NR_VCPUOPS
};

#define RUNSTATE_running        0
#define RUNSTATE_runnable       1
#define RUNSTATE_blocked        2
#define RUNSTATE_offline        3

struct runstate_info {
    uint32_t state, pad;
    uint64_t state_entry_time;
    uint64_t time[4];
};

#define VCPU_HVM_MODE_64B       1

/* vcpu_hvm_context with the 64-bit register layout (the union is sized by
 * the larger 32-bit one: 120 bytes). */
struct vcpu_hvm_context {
    uint32_t mode, pad;
    uint64_t rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, rip, rflags;
    uint64_t cr0, cr3, cr4, efer, union_tail;
};

_Static_assert(sizeof(struct runstate_info) == 48, "runstate_info");
_Static_assert(sizeof(struct vcpu_hvm_context) == 128, "vcpu_hvm_context");

/* cmd and vcpu are passed whole: tests put junk in the upper halves. */
static inline long vcpu_op(unsigned long cmd, unsigned long vcpu, const void *arg)
{
    return hypercall(__HYPERVISOR_vcpu_op, cmd, vcpu, (unsigned long)arg, 0, 0);
}

/* Times the AP went past its final HLT (one per VCPUOP_up after it). */
extern volatile uint32_t ap_wakeups;

/* Run on the BSP before the AP starts: records its GDT, IDT (copied) and
 * selectors for ap_entry, which will call fn on the 16-byte aligned stack
 * ending at stack_top. */
void ap_prepare(void (*fn)(void), void *stack_top);
/* Points gate `vector` (< 32) of the AP's IDT copy at handler. */
void ap_set_gate(unsigned int vector, void (*handler)(void));
/* A 64-bit context entering ap_entry with the BSP's CR0, CR3, CR4, EFER. */
void ap_build_context(struct vcpu_hvm_context *c);
/* Long-mode entry, any stack, interrupts off; never returns. */
void ap_entry(void) __attribute__((noreturn));

/* VCPUOP_is_up(vcpu) polled for a few seconds until it answers want; the
 * last answer. */
long vcpu_wait_is_up(unsigned int vcpu, long want);

#endif /* GUEST_VCPU_H */
