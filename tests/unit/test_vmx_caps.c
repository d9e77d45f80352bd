/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tests of the VMX control computation (xen/arch/x86/hvm/vmx/caps.c): the
 * allowed-0/allowed-1 halves, the TRUE_* MSRs, required, optional and run-time
 * switched features, EPT/VPID capabilities and the CR0/CR4 fixed bits. The
 * base values are those Debian's Bochs 2.7 reports for its corei7_skylake_x
 * model, read by the backend at boot. */
#include <xen/errno.h>
#include <asm/hvm/vmx.h>
#include <asm/x86-defns.h>

#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#define CTL(must1, may1)    (((uint64_t)(may1) << 32) | (uint32_t)(must1))

static struct vmx_msrs base(void)
{
    struct vmx_msrs m = {
        .basic = 0x00d810000000002bULL,
        .misc = 0x600401e0,
        .pinbased = CTL(0x16, 0x7f),
        .true_pinbased = CTL(0x16, 0x7f),
        .procbased = CTL(0x0401e172, 0xf7f9fffe),
        .true_procbased = CTL(0x04006172, 0xf7f9fffe),
        .procbased2 = CTL(0, 0x02177fff),
        .exit = CTL(0x00036dff, 0x007fffff),
        .true_exit = CTL(0x00036dfb, 0x007fffff),
        .entry = CTL(0x000011ff, 0x0000ffff),
        .true_entry = CTL(0x000011fb, 0x0000ffff),
        .ept_vpid = 0x00000f0106334141ULL,
        .cr0_fixed0 = 0x80000021,
        .cr0_fixed1 = 0xffffffff,
        .cr4_fixed0 = 0x2000,
        .cr4_fixed1 = 0x003727ff,
    };

    return m;
}

static int compute(const struct vmx_msrs *m, struct vmx_caps *c, const char **why)
{
    memset(c, 0xa5, sizeof(*c));
    return vmx_compute_caps(m, c, why);
}

static void expect_refused(const struct vmx_msrs *m, const char *feature)
{
    struct vmx_caps c;
    const char *why = NULL;

    assert_int_equal(compute(m, &c, &why), -ENODEV);
    assert_non_null(why);
    assert_string_equal(why, feature);
}

static void test_full(void **state)
{
    struct vmx_msrs m = base();
    struct vmx_caps c;
    const char *why = "x";

    assert_int_equal(compute(&m, &c, &why), 0);
    assert_null(why);
    assert_int_equal(c.revision, 0x2b);
    assert_int_equal(c.pin, 0x16 | PIN_EXT_INTR_EXITING | PIN_NMI_EXITING |
                            PIN_VIRTUAL_NMIS);
    /* Everything we need, the TRUE must-1 bits, nothing switched at run time. */
    assert_int_equal(c.proc & 0x04006172, 0x04006172);
    assert_true(c.proc & PROC_HLT_EXITING);
    assert_true(c.proc & PROC_IO_BITMAPS);
    assert_true(c.proc & PROC_MSR_BITMAPS);
    assert_true(c.proc & PROC_CR8_LOAD_EXITING);
    assert_true(c.proc & PROC_SECONDARY);
    assert_int_equal(c.proc & (PROC_INTR_WINDOW_EXITING | PROC_NMI_WINDOW_EXITING |
                               PROC_UNCOND_IO_EXITING | PROC_RDTSC_EXITING), 0);
    assert_int_equal(c.proc2, PROC2_EPT | PROC2_UNRESTRICTED_GUEST | PROC2_VPID |
                              PROC2_RDTSCP | PROC2_INVPCID | PROC2_XSAVES);
    assert_int_equal(c.exit, 0x00036dfb | EXIT_HOST_ADDR_SPACE_64 | EXIT_SAVE_DEBUG_CTLS |
                             EXIT_SAVE_PAT | EXIT_LOAD_PAT | EXIT_SAVE_EFER |
                             EXIT_LOAD_EFER);
    assert_int_equal(c.exit & EXIT_ACK_INTR_ON_EXIT, 0);
    assert_int_equal(c.entry, 0x000011fb | ENTRY_LOAD_DEBUG_CTLS | ENTRY_LOAD_PAT |
                              ENTRY_LOAD_EFER);
    assert_int_equal(c.entry & ENTRY_IA32E_MODE, 0);
    assert_true(c.vpid);
    assert_true(c.invept_single);
    assert_true(c.invvpid_single);
    assert_true(c.io_insn_info);
    m.basic &= ~VMX_BASIC_IO_INSN_INFO;
    assert_int_equal(compute(&m, &c, &why), 0);
    assert_false(c.io_insn_info);
}

/* Without BASIC bit 55 the default-1 bits stay: CR3 exiting cannot be cleared. */
static void test_true_controls(void **state)
{
    struct vmx_msrs m = base();
    struct vmx_caps c;
    const char *why;

    assert_int_equal(compute(&m, &c, &why), 0);
    assert_int_equal(c.proc & (PROC_CR3_LOAD_EXITING | PROC_CR3_STORE_EXITING), 0);
    m.basic &= ~VMX_BASIC_TRUE_CTLS;
    assert_int_equal(compute(&m, &c, &why), 0);
    assert_int_equal(c.proc & (PROC_CR3_LOAD_EXITING | PROC_CR3_STORE_EXITING),
                     PROC_CR3_LOAD_EXITING | PROC_CR3_STORE_EXITING);
    assert_int_equal(c.exit & 0x4, 0x4);
    /* ...and the TRUE values are ignored even if they would allow more. */
    m.true_pinbased = CTL(0, 0);
    assert_int_equal(compute(&m, &c, &why), 0);
}

static void test_required(void **state)
{
    struct vmx_msrs m;

    m = base();
    m.procbased2 &= ~((uint64_t)PROC2_UNRESTRICTED_GUEST << 32);
    expect_refused(&m, "unrestricted guest");
    m = base();
    m.procbased2 &= ~((uint64_t)PROC2_EPT << 32);
    expect_refused(&m, "EPT");
    m = base();
    m.true_pinbased &= ~((uint64_t)PIN_VIRTUAL_NMIS << 32);
    expect_refused(&m, "virtual NMIs");
    m = base();
    m.true_procbased &= ~((uint64_t)PROC_SECONDARY << 32);
    expect_refused(&m, "secondary controls");
    m = base();
    m.true_entry &= ~((uint64_t)ENTRY_LOAD_EFER << 32);
    expect_refused(&m, "load EFER on entry");
    m = base();
    m.true_exit &= ~((uint64_t)EXIT_HOST_ADDR_SPACE_64 << 32);
    expect_refused(&m, "64-bit host");
}

/* Window exits and the IA-32e entry control must be settable both ways. */
static void test_dynamic(void **state)
{
    struct vmx_msrs m;

    m = base();
    m.true_procbased |= PROC_INTR_WINDOW_EXITING;
    expect_refused(&m, "interrupt-window exiting");
    m = base();
    m.true_procbased &= ~((uint64_t)PROC_NMI_WINDOW_EXITING << 32);
    expect_refused(&m, "NMI-window exiting");
    m = base();
    m.true_entry &= ~((uint64_t)ENTRY_IA32E_MODE << 32);
    expect_refused(&m, "IA-32e mode guest");
}

static void test_optional(void **state)
{
    struct vmx_msrs m = base();
    struct vmx_caps c;
    const char *why;

    m.procbased2 &= ~((uint64_t)(PROC2_RDTSCP | PROC2_XSAVES) << 32);
    m.true_exit &= ~((uint64_t)EXIT_SAVE_DEBUG_CTLS << 32);
    assert_int_equal(compute(&m, &c, &why), 0);
    assert_int_equal(c.proc2 & (PROC2_RDTSCP | PROC2_XSAVES), 0);
    assert_true(c.proc2 & PROC2_INVPCID);
    assert_int_equal(c.exit & EXIT_SAVE_DEBUG_CTLS, 0);
}

static void test_vpid(void **state)
{
    struct vmx_msrs m = base();
    struct vmx_caps c;
    const char *why;

    /* VPID control without INVVPID: not used. */
    m.ept_vpid &= ~VMX_VPID_INVVPID;
    assert_int_equal(compute(&m, &c, &why), 0);
    assert_false(c.vpid);
    assert_int_equal(c.proc2 & PROC2_VPID, 0);
    /* Only the all-context form: used, flushed wholesale. */
    m = base();
    m.ept_vpid &= ~VMX_VPID_INVVPID_SINGLE;
    assert_int_equal(compute(&m, &c, &why), 0);
    assert_true(c.vpid);
    assert_false(c.invvpid_single);
    m.ept_vpid &= ~VMX_VPID_INVVPID_ALL;
    assert_int_equal(compute(&m, &c, &why), 0);
    assert_false(c.vpid);
    /* No VPID control at all. */
    m = base();
    m.procbased2 &= ~((uint64_t)PROC2_VPID << 32);
    assert_int_equal(compute(&m, &c, &why), 0);
    assert_false(c.vpid);
}

static void test_ept(void **state)
{
    struct vmx_msrs m;
    struct vmx_caps c;
    const char *why;

    m = base();
    m.ept_vpid &= ~VMX_EPT_1GB;
    expect_refused(&m, "1 GiB EPT pages");
    m = base();
    m.ept_vpid &= ~VMX_EPT_WALK_4;
    expect_refused(&m, "4-level EPT");
    m = base();
    m.ept_vpid &= ~VMX_EPT_MEMTYPE_WB;
    expect_refused(&m, "write-back EPT tables");
    m = base();
    m.ept_vpid &= ~(VMX_EPT_INVEPT_SINGLE | VMX_EPT_INVEPT_ALL);
    expect_refused(&m, "single- or all-context INVEPT");
    m = base();
    m.ept_vpid &= ~VMX_EPT_INVEPT_SINGLE;
    assert_int_equal(compute(&m, &c, &why), 0);
    assert_false(c.invept_single);
}

static void test_basic(void **state)
{
    struct vmx_msrs m;

    m = base();
    m.basic &= ~(0xfULL << VMX_BASIC_MEMTYPE_SHIFT);
    expect_refused(&m, "write-back VMCS memory");
    m = base();
    m.basic |= VMX_BASIC_32BIT_ADDRESSES;
    expect_refused(&m, "64-bit VMCS addresses");
    m = base();
    m.basic &= ~(0x1fffULL << VMX_BASIC_SIZE_SHIFT);
    expect_refused(&m, "a VMCS region of at most 4 KiB");
    m.basic |= 0x1001ULL << VMX_BASIC_SIZE_SHIFT;
    expect_refused(&m, "a VMCS region of at most 4 KiB");
}

/* A must-be-1 bit that is not allowed-1 is a broken CPU (or emulator). */
static void test_inconsistent(void **state)
{
    struct vmx_msrs m = base();

    m.true_pinbased = CTL(0x16 | (1u << 9), 0x7f);
    expect_refused(&m, "inconsistent capability MSR");
}

static void test_fixed_bits(void **state)
{
    struct vmx_msrs m = base();
    struct vmx_caps c;
    const char *why;

    assert_int_equal(compute(&m, &c, &why), 0);
    /* PE and PG may be clear in an unrestricted guest; NE may not. */
    assert_int_equal(c.cr0_must1, X86_CR0_NE);
    assert_int_equal(c.cr0_may1, 0xffffffff);
    assert_int_equal(c.cr4_must1, X86_CR4_VMXE);
    assert_int_equal(c.cr4_may1, 0x003727ff);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full),
        cmocka_unit_test(test_true_controls),
        cmocka_unit_test(test_required),
        cmocka_unit_test(test_dynamic),
        cmocka_unit_test(test_optional),
        cmocka_unit_test(test_vpid),
        cmocka_unit_test(test_ept),
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_inconsistent),
        cmocka_unit_test(test_fixed_bits),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
