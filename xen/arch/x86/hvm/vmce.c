/* SPDX-License-Identifier: GPL-2.0-only */
/* Virtual machine-check architecture: what Xen 4.17 shows a PVH guest, two banks
 * that never report an error. CPUID advertises MCE/MCA, and Linux panics
 * ("MCA architectural violation") if the MSRs behind them #GP. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm/vmce.h>

#define MSR_MCG_CAP         0x179
#define MSR_MCG_STATUS      0x17a
#define MSR_MC0_CTL         0x400
#define VMCE_BANKS          2
#define MSR_MC_END          (MSR_MC0_CTL + 4 * VMCE_BANKS)

/* MCi_CTL, MCi_STATUS, MCi_ADDR, MCi_MISC, in that order per bank. */
#define MC_REG_CTL          0

void vmce_vcpu_init(struct vcpu *v)
{
    unsigned int i;

    for ( i = 0; i < VMCE_BANKS; i++ )
        v->arch.mci_ctl[i] = ~0ULL;
}

bool vmce_is_msr(uint32_t msr)
{
    return msr == MSR_MCG_CAP || msr == MSR_MCG_STATUS ||
           (msr >= MSR_MC0_CTL && msr < MSR_MC_END);
}

int vmce_msr_read(const struct vcpu *v, uint32_t msr, uint64_t *val)
{
    unsigned int bank = (msr - MSR_MC0_CTL) / 4;

    if ( msr == MSR_MCG_CAP )
        *val = VMCE_BANKS;      /* no MCG_CTL, no extended state */
    else if ( msr == MSR_MCG_STATUS )
        *val = 0;
    else if ( (msr - MSR_MC0_CTL) % 4 == MC_REG_CTL )
        *val = v->arch.mci_ctl[bank];
    else
        *val = 0;               /* no error was ever logged */
    return 0;
}

int vmce_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    unsigned int bank = (msr - MSR_MC0_CTL) / 4;

    if ( msr == MSR_MCG_CAP )
        return -1;              /* read-only */
    if ( msr == MSR_MCG_STATUS )
        return val ? -1 : 0;
    if ( (msr - MSR_MC0_CTL) % 4 == MC_REG_CTL )
    {
        v->arch.mci_ctl[bank] = val;
        return 0;
    }
    /* Clearing the status, address and misc registers is how the guest acks. */
    return val ? -1 : 0;
}
