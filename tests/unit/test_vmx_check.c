/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tests of the VM-entry guest-state checks (xen/arch/x86/hvm/vmx/check.c):
 * the three states our guests start in (PVH's 32-bit flat mode, 64-bit from
 * VCPUOP_initialise, real mode after a STARTUP IPI) pass, and breaking any one
 * rule names that rule. */
#include <asm/hvm/vmx.h>
#include <asm/msr-index.h>
#include <asm/x86-defns.h>

#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

static const struct vmx_caps caps = {
    .cr0_must1 = X86_CR0_NE, .cr0_may1 = 0xffffffff,
    .cr4_must1 = X86_CR4_VMXE, .cr4_may1 = 0x003727ff,
};

#define PAT_RESET   0x0007040600070406ULL
#define UNUSABLE    VMX_AR_UNUSABLE

static void seg(struct vmx_guest_state *g, unsigned int i, uint16_t sel, uint32_t limit,
                uint32_t ar, uint64_t base)
{
    g->seg[i] = (struct vmx_seg_state){ sel, limit, ar, base };
}

/* Flat 32-bit protected mode, paging off: PVH's entry state. */
static struct vmx_guest_state pvh32(void)
{
    struct vmx_guest_state g;
    unsigned int i;

    memset(&g, 0, sizeof(g));
    g.cr0 = X86_CR0_PE | X86_CR0_ET | X86_CR0_NE;
    g.cr4 = X86_CR4_VMXE;
    g.dr7 = 0x400;
    g.pat = PAT_RESET;
    g.rip = 0x100000;
    g.rflags = 2;
    g.link_pointer = ~0ULL;
    for ( i = VMX_ES; i <= VMX_GS; i++ )
        seg(&g, i, 0, 0xffffffff, 0xc093, 0);
    seg(&g, VMX_CS, 0, 0xffffffff, 0xc09b, 0);
    seg(&g, VMX_LDTR, 0, 0xffff, 0x82, 0);
    seg(&g, VMX_TR, 0, 0x67, 0x8b, 0);
    g.gdtr_limit = g.idtr_limit = 0xffff;
    return g;
}

static struct vmx_guest_state long64(void)
{
    struct vmx_guest_state g = pvh32();

    g.cr0 |= X86_CR0_PG;
    g.cr4 |= X86_CR4_PAE;
    g.efer = EFER_LME | EFER_LMA | EFER_SCE | EFER_NXE;
    g.entry_ctls = ENTRY_IA32E_MODE;
    g.rip = 0xffffffff80001000ULL;
    seg(&g, VMX_CS, 0x10, 0xffffffff, 0xa09b, 0);
    seg(&g, VMX_DS, 0, 0, UNUSABLE, 0);      /* a null selector */
    seg(&g, VMX_FS, 0, 0, UNUSABLE, 0xffff888000000000ULL);
    return g;
}

/* After INIT-SIPI with vector 0x9a: real mode at 9a00:0000. */
static struct vmx_guest_state real_mode(void)
{
    struct vmx_guest_state g = pvh32();
    unsigned int i;

    g.cr0 = X86_CR0_ET | X86_CR0_NE;
    g.rip = 0;
    for ( i = VMX_ES; i <= VMX_GS; i++ )
        seg(&g, i, 0, 0xffff, 0x93, 0);
    seg(&g, VMX_CS, 0x9a00, 0xffff, 0x9b, 0x9a000);
    return g;
}

static void expect(const struct vmx_guest_state *g, const char *why)
{
    const char *got = vmx_check_guest_state(g, &caps);

    if ( !why )
    {
        if ( got )
            fail_msg("unexpected failure: %s", got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, why);
}

static void test_good_states(void **state)
{
    struct vmx_guest_state g;

    g = pvh32();
    expect(&g, NULL);
    g = long64();
    expect(&g, NULL);
    g = real_mode();
    expect(&g, NULL);
    /* Interrupt shadow with IF=1, an NMI injected outside any blocking. */
    g = long64();
    g.rflags |= X86_EFLAGS_IF;
    g.intr_state = INTERRUPTIBILITY_STI;
    g.entry_intr_info = INTR_INFO_VALID | (INTR_TYPE_HW_EXCEPTION << 8) | 13;
    expect(&g, NULL);
}

static void test_control_registers(void **state)
{
    struct vmx_guest_state g;

    g = pvh32();
    g.cr0 &= ~(uint64_t)X86_CR0_NE;
    expect(&g, "CR0 lacks a bit VMX operation requires (CR0_FIXED0)");
    g = pvh32();
    g.cr0 = X86_CR0_PG | X86_CR0_NE;
    expect(&g, "CR0.PG set without CR0.PE");
    g = pvh32();
    g.cr4 = 0;
    expect(&g, "CR4 lacks a bit VMX operation requires (CR4_FIXED0)");
    g = pvh32();
    g.cr4 |= 1u << 23;                  /* CET: not in this CPU's FIXED1 */
    expect(&g, "CR4 has a bit VMX operation forbids (CR4_FIXED1)");
    g = long64();
    g.cr4 &= ~(uint64_t)X86_CR4_PAE;
    expect(&g, "IA-32e mode guest with CR4.PAE clear");
    g = pvh32();
    g.cr4 |= X86_CR4_PCIDE;
    expect(&g, "CR4.PCIDE set outside IA-32e mode");
}

static void test_efer_pat(void **state)
{
    struct vmx_guest_state g;

    g = long64();
    g.entry_ctls = 0;
    expect(&g, "EFER.LMA differs from the IA-32e mode guest entry control");
    g = long64();
    g.efer &= ~(uint64_t)EFER_LME;
    expect(&g, "EFER.LME differs from EFER.LMA with paging on");
    g = pvh32();
    g.efer = EFER_SVME;
    expect(&g, "EFER has reserved bits set");
    g = pvh32();
    g.pat = 0x0007040600070402ULL;
    expect(&g, "PAT has an invalid memory type");
}

static void test_segments(void **state)
{
    struct vmx_guest_state g;

    g = long64();
    g.seg[VMX_CS].ar |= 1u << 14;       /* L and D */
    expect(&g, "CS.L and CS.D both set in IA-32e mode");
    g = pvh32();
    g.seg[VMX_CS].ar = UNUSABLE;
    expect(&g, "CS is unusable");
    g = pvh32();
    g.seg[VMX_SS].ar = 0xc09b;          /* code in SS */
    expect(&g, "SS type is not read/write data");
    g = real_mode();
    g.seg[VMX_CS].ar = 0x93;            /* unrestricted: CS may be data... */
    expect(&g, NULL);
    g.seg[VMX_SS].ar = 0xf3;            /* ...but then SS.DPL must be 0 */
    expect(&g, "SS.DPL not 0 in real mode or with a data-segment CS");
    g = real_mode();
    g.seg[VMX_SS].ar = 0xf3;
    expect(&g, "non-conforming CS with DPL different from SS.DPL");
    g = pvh32();
    g.seg[VMX_DS].ar = 0xc092;          /* not accessed */
    expect(&g, "DS is not an accessed, readable segment");
    g = pvh32();
    g.seg[VMX_ES].limit = 0xffff0;      /* G=1 needs the low 12 bits set */
    expect(&g, "a segment's limit and G bit disagree");
    g = pvh32();
    g.seg[VMX_ES].ar &= ~0x8000u;       /* above 1 MiB needs G=1 */
    expect(&g, "a segment's limit and G bit disagree");
    g = pvh32();
    g.seg[VMX_GS].ar |= 0x100;
    expect(&g, "a segment has reserved access-rights bits set");
    g = long64();
    g.seg[VMX_FS].base = 0x0000800000000000ULL;
    expect(&g, "FS or GS base not canonical");
}

static void test_system_segments(void **state)
{
    struct vmx_guest_state g;

    g = pvh32();
    g.seg[VMX_TR].ar = UNUSABLE;
    expect(&g, "TR is unusable");
    g = long64();
    g.seg[VMX_TR].ar = 0x83;            /* 16-bit busy TSS in IA-32e mode */
    expect(&g, "TR is not a busy TSS (of 64-bit type in IA-32e mode)");
    g = pvh32();
    g.seg[VMX_TR].ar = 0x89;            /* available, not busy */
    expect(&g, "TR is not a busy TSS (of 64-bit type in IA-32e mode)");
    g = pvh32();
    g.seg[VMX_LDTR].ar = 0x8b;
    expect(&g, "a usable LDTR is not a present LDT descriptor");
    g = pvh32();
    g.seg[VMX_LDTR].ar = UNUSABLE | 0x8b;   /* unusable: not checked */
    expect(&g, NULL);
    g = pvh32();
    g.gdtr_limit = 0x10000;
    expect(&g, "GDTR or IDTR limit above 0xffff");
}

static void test_rip_rflags(void **state)
{
    struct vmx_guest_state g;

    g = long64();
    g.rip = 0x0000800000000000ULL;
    expect(&g, "RIP not canonical (64-bit) or above 4 GiB");
    g = pvh32();
    g.rip = 0x100000000ULL;
    expect(&g, "RIP not canonical (64-bit) or above 4 GiB");
    g = pvh32();
    g.rflags = 0;
    expect(&g, "RFLAGS reserved bits wrong (bit 1 must be set)");
    g = pvh32();
    g.rflags = 2 | (1u << 15);
    expect(&g, "RFLAGS reserved bits wrong (bit 1 must be set)");
    g = real_mode();
    g.rflags = 2 | (1u << 17);
    expect(&g, "RFLAGS.VM set in IA-32e or real mode");
}

static void test_events(void **state)
{
    struct vmx_guest_state g;

    g = pvh32();
    g.intr_state = INTERRUPTIBILITY_STI;
    expect(&g, "blocking by STI with RFLAGS.IF clear");
    g = pvh32();
    g.rflags |= X86_EFLAGS_IF;
    g.intr_state = INTERRUPTIBILITY_STI | INTERRUPTIBILITY_MOV_SS;
    expect(&g, "blocking by STI and by MOV SS both set");
    g = pvh32();
    g.entry_intr_info = INTR_INFO_VALID | (INTR_TYPE_EXTINT << 8) | 0x30;
    expect(&g, "external interrupt injected while the guest blocks interrupts");
    g = pvh32();
    g.intr_state = INTERRUPTIBILITY_NMI;
    g.entry_intr_info = INTR_INFO_VALID | (INTR_TYPE_NMI << 8) | 2;
    expect(&g, "NMI injected while the guest blocks NMIs");
    g = pvh32();
    g.intr_state = 1u << 5;
    expect(&g, "interruptibility reserved bits set");
    g = pvh32();
    g.link_pointer = 0;
    expect(&g, "VMCS link pointer is not all-ones");
    g = pvh32();
    g.activity = 1;
    expect(&g, "activity state is not active");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_states),
        cmocka_unit_test(test_control_registers),
        cmocka_unit_test(test_efer_pat),
        cmocka_unit_test(test_segments),
        cmocka_unit_test(test_system_segments),
        cmocka_unit_test(test_rip_rflags),
        cmocka_unit_test(test_events),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
