/* SPDX-License-Identifier: GPL-2.0-only */
/* Handlers and helpers shared by the common HVM files (the files in hvm/). */
#ifndef ASM_X86_HVM_SUPPORT_H
#define ASM_X86_HVM_SUPPORT_H

#include <asm/hvm/hvm.h>

struct vcpu;

void hvm_exit_cpuid(struct vcpu *v, struct hvm_exit *e);
void hvm_exit_msr(struct vcpu *v, struct hvm_exit *e);
void hvm_exit_io(struct vcpu *v, struct hvm_exit *e);
void hvm_exit_npf(struct vcpu *v, struct hvm_exit *e);
void hvm_exit_hypercall(struct vcpu *v, struct hvm_exit *e);
void hvm_exit_xsetbv(struct vcpu *v, struct hvm_exit *e);
void hvm_exit_cr(struct vcpu *v, struct hvm_exit *e);

void hvm_advance_rip(struct vcpu *v, unsigned int len);
void hvm_dump_guest_state(struct vcpu *v);

/* Interrupt and event delivery (hvm/intr.c). */
void hvm_deliver_interrupts(struct vcpu *v);
void hvm_block_until_event(struct vcpu *v);
/* Wakes a vCPU blocked in HLT or SCHEDOP_block/poll. */
void vcpu_unblock(struct vcpu *v);
/* The vCPU stopped for good (HLT with IF=0); the domain powers off with the last. */
void hvm_vcpu_down(struct vcpu *v);
/* Sets evtchn_upcall_pending for v and makes sure it will see the upcall. */
void vcpu_mark_events_pending(struct vcpu *v);

/* The vCPU's local APIC (hvm/vlapic_glue.c). */
int hvm_vlapic_init(struct vcpu *v);
void hvm_vlapic_destroy(struct vcpu *v);
void hvm_vlapic_before_entry(struct vcpu *v);
/* Wakes v, or makes it leave guest mode to look at new interrupts. */
void vcpu_kick(struct vcpu *v);

/* Initial register states (hvm/vcpu_state.c). */
struct vcpu_hvm_context;
void hvm_vcpu_sipi_state(struct vcpu *v, uint8_t vector);
int hvm_vcpu_load_context(struct vcpu *v, const struct vcpu_hvm_context *ctx);

/* Guest FPU state and XCR0 (hvm/xstate.c). */
/* CR4 bits a guest may set on this host (hvm/cr.c). */
uint64_t hvm_cr4_allowed(void);
void xstate_cpu_init(void);
int xstate_vcpu_init(struct vcpu *v);
void xstate_vcpu_destroy(struct vcpu *v);
void xstate_enter(struct vcpu *v);
void xstate_exit(struct vcpu *v);
void xstate_leave(struct vcpu *v);
bool xstate_get_fxsave(const struct vcpu *v, uint8_t image[512]);
void xstate_set_fxsave(struct vcpu *v, const uint8_t *image);

/* Writes the Xen CPUID leaves' hypercall stubs into a guest page (hvm/hypercall.c). */
int hvm_write_hypercall_page(struct domain *d, unsigned long gfn);

#endif /* ASM_X86_HVM_SUPPORT_H */
