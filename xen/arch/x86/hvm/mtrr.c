/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest MTRRs. With nested paging the CPU ignores them (the host's MTRRs and the
 * guest's PAT decide), so they are only storage that reads back what was
 * written. Each vCPU starts with a copy of the boot CPU's settings, as Xen gives
 * a PVH dom0; Linux compares them across CPUs and checks ioremap types with them. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/hvm/mtrr.h>
#include <asm/processor.h>

#define MSR_MTRRcap         0x0fe
#define MSR_MTRRphysBase0   0x200
#define MSR_MTRRfix64K      0x250
#define MSR_MTRRfix16K_0    0x258
#define MSR_MTRRfix16K_1    0x259
#define MSR_MTRRfix4K_0     0x268
#define MSR_MTRRdefType     0x2ff

#define MTRRCAP_VCNT        0xff
#define MTRRCAP_FIX         (1u << 8)
#define MTRRCAP_WC          (1u << 10)
#define CPUID1_EDX_MTRR     (1u << 12)

static struct mtrr_state boot_state;

/* Index into mtrr_state.fixed[] of a fixed-range MSR, or -1. */
static int fixed_index(uint32_t msr)
{
    if ( msr == MSR_MTRRfix64K )
        return 0;
    if ( msr == MSR_MTRRfix16K_0 || msr == MSR_MTRRfix16K_1 )
        return 1 + msr - MSR_MTRRfix16K_0;
    if ( msr >= MSR_MTRRfix4K_0 && msr < MSR_MTRRfix4K_0 + 8 )
        return 3 + msr - MSR_MTRRfix4K_0;
    return -1;
}

void mtrr_capture_boot_state(void)
{
    struct cpuid_leaf l;
    unsigned int i, n;
    int f;

    boot_state.def_type = 0xc06;         /* enabled, fixed enabled, WB */
    cpuid(1, &l);
    if ( !(l.d & CPUID1_EDX_MTRR) )
        return;
    boot_state.cap = rdmsr(MSR_MTRRcap) & (MTRRCAP_VCNT | MTRRCAP_FIX | MTRRCAP_WC);
    n = min(boot_state.cap & MTRRCAP_VCNT, (uint64_t)MTRR_MAX_VAR);
    boot_state.cap = (boot_state.cap & ~(uint64_t)MTRRCAP_VCNT) | n;
    boot_state.def_type = rdmsr(MSR_MTRRdefType);
    for ( i = 0; i < 2 * n; i++ )
        boot_state.var[i] = rdmsr(MSR_MTRRphysBase0 + i);
    for ( i = 0; (boot_state.cap & MTRRCAP_FIX) && i < 0x100; i++ )
        if ( (f = fixed_index(i + 0x200)) >= 0 )
            boot_state.fixed[f] = rdmsr(i + 0x200);
}

void mtrr_vcpu_init(struct vcpu *v)
{
    v->arch.mtrr = boot_state;
}

bool mtrr_is_msr(uint32_t msr)
{
    return msr == MSR_MTRRcap || msr == MSR_MTRRdefType || fixed_index(msr) >= 0 ||
           (msr >= MSR_MTRRphysBase0 && msr < MSR_MTRRphysBase0 + 2 * MTRR_MAX_VAR);
}

/* The storage behind an MSR this vCPU has, or NULL (#GP). */
static uint64_t *slot(struct vcpu *v, uint32_t msr)
{
    struct mtrr_state *m = &v->arch.mtrr;
    int f = fixed_index(msr);

    if ( msr == MSR_MTRRdefType )
        return &m->def_type;
    if ( f >= 0 )
        return (m->cap & MTRRCAP_FIX) ? &m->fixed[f] : NULL;
    if ( msr - MSR_MTRRphysBase0 < 2 * (m->cap & MTRRCAP_VCNT) )
        return &m->var[msr - MSR_MTRRphysBase0];
    return NULL;
}

int mtrr_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    uint64_t *p;

    if ( msr == MSR_MTRRcap )
    {
        *val = v->arch.mtrr.cap;
        return 0;
    }
    if ( !(p = slot(v, msr)) )
        return -1;
    *val = *p;
    return 0;
}

int mtrr_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    uint64_t *p = msr == MSR_MTRRcap ? NULL : slot(v, msr);

    if ( !p )
        return -1;
    *p = val;
    return 0;
}

/* A saved state: it may use no more variable ranges, and no fixed ranges
 * unless this host has them; the vCPU keeps its own MTRRcap. */
int mtrr_set_state(struct vcpu *v, const struct mtrr_state *s)
{
    struct mtrr_state *m = &v->arch.mtrr;
    uint64_t vcnt = s->cap & MTRRCAP_VCNT;

    if ( vcnt > (m->cap & MTRRCAP_VCNT) || ((s->cap & MTRRCAP_FIX) && !(m->cap & MTRRCAP_FIX)) )
        return -1;
    m->def_type = s->def_type;
    memcpy(m->var, s->var, sizeof(m->var));
    memcpy(m->fixed, s->fixed, sizeof(m->fixed));
    return 0;
}
