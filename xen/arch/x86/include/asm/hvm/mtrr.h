/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest MTRR MSRs (hvm/mtrr.c). Reads and writes return 0 or -1 (#GP). */
#ifndef ASM_X86_HVM_MTRR_H
#define ASM_X86_HVM_MTRR_H

#include <xen/types.h>

#define MTRR_MAX_VAR    8

struct mtrr_state {
    uint64_t cap;                   /* MTRRcap as the guest reads it */
    uint64_t def_type;
    uint64_t var[2 * MTRR_MAX_VAR]; /* physBase0, physMask0, ... */
    uint64_t fixed[11];             /* 64K, 16K x2, 4K x8 */
};

struct vcpu;

/* Once at boot, on the BSP: the state every vCPU starts from. */
void mtrr_capture_boot_state(void);
void mtrr_vcpu_init(struct vcpu *v);
bool mtrr_is_msr(uint32_t msr);
int mtrr_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int mtrr_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);
/* Loads a saved state into v (save.c); -1 if v's MTRRcap cannot hold it. */
int mtrr_set_state(struct vcpu *v, const struct mtrr_state *s);

#endif /* ASM_X86_HVM_MTRR_H */
