/* SPDX-License-Identifier: GPL-2.0-only */
/* VMX controls computed from the capability MSRs, with no hardware access (the
 * host unit tests feed it recorded MSR values). Each control MSR gives, in its
 * low half, the bits that must be 1 and, in its high half, the bits that may
 * be 1; with BASIC bit 55 the TRUE_* MSRs give the low halves and let us clear
 * "default-1" bits such as CR3-load exiting. A required feature the CPU cannot
 * set is fatal for the backend; an optional one is simply left off. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/hvm/vmx.h>
#include <asm/x86-defns.h>

struct feature {
    uint32_t bit;
    const char *name;
};

#define F(b, n) { b, n }

/* Interrupt- and NMI-window exiting are switched on and off at run time: they
 * must be allowed either way. */
static const struct feature pin_required[] = {
    F(PIN_EXT_INTR_EXITING, "external-interrupt exiting"),
    F(PIN_NMI_EXITING, "NMI exiting"),
    F(PIN_VIRTUAL_NMIS, "virtual NMIs"),
};

static const struct feature proc_required[] = {
    F(PROC_HLT_EXITING, "HLT exiting"),
    F(PROC_MWAIT_EXITING, "MWAIT exiting"),
    F(PROC_MONITOR_EXITING, "MONITOR exiting"),
    F(PROC_RDPMC_EXITING, "RDPMC exiting"),
    F(PROC_CR8_LOAD_EXITING, "CR8-load exiting"),
    F(PROC_CR8_STORE_EXITING, "CR8-store exiting"),
    F(PROC_IO_BITMAPS, "I/O bitmaps"),
    F(PROC_MSR_BITMAPS, "MSR bitmaps"),
    F(PROC_SECONDARY, "secondary controls"),
};

static const struct feature proc_dynamic[] = {
    F(PROC_INTR_WINDOW_EXITING, "interrupt-window exiting"),
    F(PROC_NMI_WINDOW_EXITING, "NMI-window exiting"),
};

static const struct feature proc2_required[] = {
    F(PROC2_EPT, "EPT"),
    F(PROC2_UNRESTRICTED_GUEST, "unrestricted guest"),
};

/* Without these the instructions #UD in the guest although CPUID lists them. */
static const struct feature proc2_optional[] = {
    F(PROC2_VPID, "VPID"),
    F(PROC2_RDTSCP, "RDTSCP"),
    F(PROC2_INVPCID, "INVPCID"),
    F(PROC2_XSAVES, "XSAVES"),
};

static const struct feature exit_required[] = {
    F(EXIT_HOST_ADDR_SPACE_64, "64-bit host"),
    F(EXIT_SAVE_PAT, "save PAT on exit"),
    F(EXIT_LOAD_PAT, "load PAT on exit"),
    F(EXIT_SAVE_EFER, "save EFER on exit"),
    F(EXIT_LOAD_EFER, "load EFER on exit"),
};

/* Keeping DR7 and DEBUGCTL in the VMCS, so the guest's never reach the host. */
static const struct feature exit_optional[] = {
    F(EXIT_SAVE_DEBUG_CTLS, "save debug controls"),
};

static const struct feature entry_required[] = {
    F(ENTRY_LOAD_PAT, "load PAT on entry"),
    F(ENTRY_LOAD_EFER, "load EFER on entry"),
};

static const struct feature entry_optional[] = {
    F(ENTRY_LOAD_DEBUG_CTLS, "load debug controls"),
};

static const struct feature entry_dynamic[] = {
    F(ENTRY_IA32E_MODE, "IA-32e mode guest"),
};

struct feature_set {
    const struct feature *f;
    unsigned int n;
};

#define SET(a)  ((struct feature_set){ a, ARRAY_SIZE(a) })
#define NO_SET  ((struct feature_set){ NULL, 0 })

/* One control field: required bits (fail if not allowed-1), dynamic bits (fail
 * unless both settings are allowed), optional bits (kept where allowed). */
static int adjust(uint64_t msr, struct feature_set req, struct feature_set dyn,
                  struct feature_set opt, uint32_t *out, const char **why)
{
    uint32_t must1 = (uint32_t)msr, may1 = (uint32_t)(msr >> 32);
    uint32_t val = must1;
    unsigned int i;

    for ( i = 0; i < req.n; i++ )
    {
        if ( !(may1 & req.f[i].bit) )
        {
            *why = req.f[i].name;
            return -ENODEV;
        }
        val |= req.f[i].bit;
    }
    for ( i = 0; i < dyn.n; i++ )
        if ( !(may1 & dyn.f[i].bit) || (must1 & dyn.f[i].bit) )
        {
            *why = dyn.f[i].name;
            return -ENODEV;
        }
    for ( i = 0; i < opt.n; i++ )
        val |= opt.f[i].bit & may1;
    /* A CPU that reports a must-be-1 bit it does not allow is broken. */
    if ( must1 & ~may1 )
    {
        *why = "inconsistent capability MSR";
        return -ENODEV;
    }
    *out = val;
    return 0;
}

static int check_basic(uint64_t basic, const char **why)
{
    unsigned int size = (basic >> VMX_BASIC_SIZE_SHIFT) & 0x1fff;

    if ( ((basic >> VMX_BASIC_MEMTYPE_SHIFT) & 0xf) != 6 )
        *why = "write-back VMCS memory";
    else if ( basic & VMX_BASIC_32BIT_ADDRESSES )
        *why = "64-bit VMCS addresses";
    else if ( size == 0 || size > 4096 )
        *why = "a VMCS region of at most 4 KiB";
    else
        return 0;
    return -ENODEV;
}

/* EPT as the p2m walker builds it: 4 levels, write-back tables, 2 MiB and
 * 1 GiB leaves, and INVEPT in one of its two useful forms. */
static int check_ept(uint64_t cap, struct vmx_caps *c, const char **why)
{
    static const struct { uint64_t bit; const char *name; } need[] = {
        { VMX_EPT_WALK_4, "4-level EPT" },
        { VMX_EPT_MEMTYPE_WB, "write-back EPT tables" },
        { VMX_EPT_2MB, "2 MiB EPT pages" },
        { VMX_EPT_1GB, "1 GiB EPT pages" },
        { VMX_EPT_INVEPT, "INVEPT" },
    };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(need); i++ )
        if ( !(cap & need[i].bit) )
        {
            *why = need[i].name;
            return -ENODEV;
        }
    if ( !(cap & (VMX_EPT_INVEPT_SINGLE | VMX_EPT_INVEPT_ALL)) )
    {
        *why = "single- or all-context INVEPT";
        return -ENODEV;
    }
    c->invept_single = cap & VMX_EPT_INVEPT_SINGLE;
    return 0;
}

/* VPIDs are only worth it with an INVVPID to flush them. */
static void choose_vpid(uint64_t cap, struct vmx_caps *c)
{
    c->vpid = (c->proc2 & PROC2_VPID) && (cap & VMX_VPID_INVVPID) &&
              (cap & (VMX_VPID_INVVPID_SINGLE | VMX_VPID_INVVPID_ALL));
    c->invvpid_single = c->vpid && (cap & VMX_VPID_INVVPID_SINGLE);
    if ( !c->vpid )
        c->proc2 &= ~PROC2_VPID;
}

static int compute_controls(const struct vmx_msrs *m, struct vmx_caps *c,
                            const char **why)
{
    bool true_ctls = m->basic & VMX_BASIC_TRUE_CTLS;
    int rc;

    /* The TRUE MSRs replace the must-be-1 half; the may-be-1 half is the same. */
    rc = adjust(true_ctls ? m->true_pinbased : m->pinbased, SET(pin_required),
                NO_SET, NO_SET, &c->pin, why);
    if ( !rc )
        rc = adjust(true_ctls ? m->true_procbased : m->procbased, SET(proc_required),
                    SET(proc_dynamic), NO_SET, &c->proc, why);
    if ( !rc )
        rc = adjust(m->procbased2, SET(proc2_required), NO_SET, SET(proc2_optional),
                    &c->proc2, why);
    if ( !rc )
        rc = adjust(true_ctls ? m->true_exit : m->exit, SET(exit_required), NO_SET,
                    SET(exit_optional), &c->exit, why);
    if ( !rc )
        rc = adjust(true_ctls ? m->true_entry : m->entry, SET(entry_required),
                    SET(entry_dynamic), SET(entry_optional), &c->entry, why);
    return rc;
}

int vmx_compute_caps(const struct vmx_msrs *m, struct vmx_caps *c, const char **why)
{
    int rc;

    memset(c, 0, sizeof(*c));
    *why = NULL;
    if ( (rc = check_basic(m->basic, why)) || (rc = compute_controls(m, c, why)) ||
         (rc = check_ept(m->ept_vpid, c, why)) )
        return rc;
    choose_vpid(m->ept_vpid, c);
    c->revision = m->basic & VMX_BASIC_REVISION_MASK;
    c->io_insn_info = m->basic & VMX_BASIC_IO_INSN_INFO;
    /* Unrestricted guests may run with paging or protection off. */
    c->cr0_must1 = m->cr0_fixed0 & ~(uint64_t)(X86_CR0_PE | X86_CR0_PG);
    c->cr0_may1 = m->cr0_fixed1;
    c->cr4_must1 = m->cr4_fixed0;
    c->cr4_may1 = m->cr4_fixed1;
    return 0;
}
