/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tests of the guest page-table walker (xen/arch/x86/hvm/guest_walk.c).
 * Page tables are built in an 8 MiB buffer standing for guest-physical memory;
 * the read callback counts reads and can be told to fail one, so each test
 * knows how many levels the walk visited. Entries deliberately carry bits
 * that must be ignored (PAT in superpages, NX, software bits, CR3 flags). */
/* The xen/ headers go first: glibc tolerates their __always_inline, not the
 * other way round. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/hvm.h>
#include <asm/msr-index.h>
#include <asm/page.h>
#include <asm/x86-defns.h>

#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#define MEM_SIZE    0x800000UL

#define PF_P        1u
#define PF_W        2u
#define PF_U        4u

#define P           _PAGE_PRESENT
#define RW          _PAGE_RW
#define US          _PAGE_USER
#define PS          _PAGE_PSE
#define PAT_LARGE   0x1000UL        /* PAT bit of a 2M/4M/1G leaf */
#define SW_BITS     (0x7fUL << 52)  /* software-available bits 52-58 */

static uint8_t mem[MEM_SIZE];
static unsigned int nr_reads;
static int fail_read;               /* index of the read to fail, or -1 */

static int read_cb(void *ctx, uint64_t gpa, void *buf, unsigned int len)
{
    unsigned int n = nr_reads++;

    assert_ptr_equal(ctx, mem);
    assert_true(len == 4 || len == 8);
    if ( (int)n == fail_read || gpa >= MEM_SIZE || MEM_SIZE - gpa < len )
        return -EFAULT;
    memcpy(buf, mem + gpa, len);
    return 0;
}

static void put32(uint64_t gpa, uint32_t v)
{
    memcpy(mem + gpa, &v, 4);
}

static void put64(uint64_t gpa, uint64_t v)
{
    memcpy(mem + gpa, &v, 8);
}

static uint64_t get64(uint64_t gpa)
{
    uint64_t v;

    memcpy(&v, mem + gpa, 8);
    return v;
}

static struct gwalk walk(const struct hvm_regs *r, uint64_t la, bool write, bool user)
{
    struct gwalk w;

    memset(&w, 0xa5, sizeof(w));
    nr_reads = 0;
    guest_walk(r, la, write, user, read_cb, mem, &w);
    return w;
}

static void expect_gpa(const struct hvm_regs *r, uint64_t la, bool write, bool user,
                       uint64_t gpa, unsigned int reads)
{
    struct gwalk w = walk(r, la, write, user);

    if ( w.fault || w.gpa != gpa || nr_reads != reads )
        fail_msg("la %#lx %s%s: fault %d pfec %#x gpa %#lx after %u reads, "
                 "want gpa %#lx after %u", (unsigned long)la, write ? "W" : "R",
                 user ? "U" : "S", w.fault, w.pfec, (unsigned long)w.gpa, nr_reads,
                 (unsigned long)gpa, reads);
    assert_int_equal(w.pfec, 0);
}

static void expect_fault(const struct hvm_regs *r, uint64_t la, bool write, bool user,
                         uint32_t pfec)
{
    struct gwalk w = walk(r, la, write, user);

    if ( !w.fault || w.pfec != pfec )
        fail_msg("la %#lx %s%s: fault %d pfec %#x gpa %#lx, want pfec %#x",
                 (unsigned long)la, write ? "W" : "R", user ? "U" : "S", w.fault,
                 w.pfec, (unsigned long)w.gpa, pfec);
}

/* Not-present faults carry only W and U, for every access kind. */
static void expect_not_present(const struct hvm_regs *r, uint64_t la)
{
    expect_fault(r, la, false, false, 0);
    expect_fault(r, la, true, false, PF_W);
    expect_fault(r, la, false, true, PF_U);
    expect_fault(r, la, true, true, PF_W | PF_U);
}

static int reset(void **state)
{
    memset(mem, 0, sizeof(mem));
    fail_read = -1;
    return 0;
}

/* ---- no paging ---- */

static void test_paging_off(void **state)
{
    struct hvm_regs r = { .cr0 = X86_CR0_PE | X86_CR0_WP };

    expect_gpa(&r, 0x12345678, false, false, 0x12345678, 0);
    expect_gpa(&r, 0x123456789UL, true, true, 0x23456789, 0);
    expect_gpa(&r, 0xffffffffffffffffUL, true, false, 0xffffffff, 0);
    /* PAE and LMA mean nothing while CR0.PG is clear. */
    r.cr4 = X86_CR4_PAE | X86_CR4_PSE;
    r.efer = EFER_LME | EFER_LMA;
    expect_gpa(&r, 0xfee00000, false, false, 0xfee00000, 0);
}

/* ---- 32-bit, two levels ---- */

#define PD32        0x1000UL
#define PT32        0x2000UL

static struct hvm_regs regs32(bool pse, bool wp)
{
    struct hvm_regs r = {
        .cr0 = X86_CR0_PE | X86_CR0_PG | (wp ? X86_CR0_WP : 0),
        .cr3 = PD32 | 0x18,             /* PWT|PCD in CR3 are not address bits */
        .cr4 = pse ? X86_CR4_PSE : 0,
    };

    return r;
}

static void build32(void)
{
    put32(PD32 + 0x301 * 4, PT32 | P | RW | US);
    put32(PT32 + 0x23 * 4, 0x00abc000 | P | RW | US);
    put32(PT32 + 0x25 * 4, 0x00abd000 | P | US);        /* read-only */
    put32(PT32 + 0x26 * 4, 0x00abe000 | P | RW);        /* supervisor */
    /* A 4M page when CR4.PSE is set; a page table at 4 MiB otherwise. */
    put32(PD32 + 1 * 4, 0x00400000 | PS | P | RW | US);
    put32(0x400000 + 0x12 * 4, 0x00055000 | P | RW | US);
    put32(PD32 + 2 * 4, 0x00c00000 | PAT_LARGE | PS | P | RW | US);
    put32(PD32 + 4 * 4, 0x01000000 | PS | P | RW);      /* supervisor 4M */
    put32(PD32 + 5 * 4, 0x01400000 | PS | P | US);      /* read-only 4M */
}

static void test_32bit_4k(void **state)
{
    struct hvm_regs r = regs32(false, true);

    build32();
    expect_gpa(&r, 0xc0423567, false, false, 0xabc567, 2);
    expect_gpa(&r, 0xc0423000, true, true, 0xabc000, 2);
    expect_gpa(&r, 0xc0423fff, false, true, 0xabcfff, 2);
    /* Only the low 32 bits of the linear address count. */
    expect_gpa(&r, 0x1c0423567UL, false, false, 0xabc567, 2);
    r.cr4 = X86_CR4_PSE;
    expect_gpa(&r, 0xc0423567, true, false, 0xabc567, 2);
}

static void test_32bit_4m(void **state)
{
    struct hvm_regs r = regs32(true, true);

    build32();
    expect_gpa(&r, 0x00412345, false, false, 0x412345, 1);
    expect_gpa(&r, 0x007fffff, true, true, 0x7fffff, 1);
    expect_gpa(&r, 0x00812345, false, false, 0xc12345, 1);
    /* Without CR4.PSE the PS bit is ignored: the PDE names a page table. */
    r.cr4 = 0;
    expect_gpa(&r, 0x00412345, false, false, 0x55345, 2);
}

static void test_32bit_faults(void **state)
{
    struct hvm_regs r = regs32(true, true);

    build32();
    expect_not_present(&r, 0x00c00000);         /* PDE 3 */
    expect_not_present(&r, 0xc0424000);         /* PTE 0x24 */
    expect_not_present(&r, 0xc0800000);         /* PDE 0x302 */

    /* Read-only 4K page. */
    expect_gpa(&r, 0xc0425010, false, false, 0xabd010, 2);
    expect_gpa(&r, 0xc0425010, false, true, 0xabd010, 2);
    expect_fault(&r, 0xc0425010, true, false, PF_P | PF_W);
    expect_fault(&r, 0xc0425010, true, true, PF_P | PF_W | PF_U);
    /* Supervisor 4K page. */
    expect_gpa(&r, 0xc0426010, true, false, 0xabe010, 2);
    expect_fault(&r, 0xc0426010, false, true, PF_P | PF_U);
    expect_fault(&r, 0xc0426010, true, true, PF_P | PF_W | PF_U);
    /* Supervisor and read-only 4M pages. */
    expect_gpa(&r, 0x01000004, true, false, 0x1000004, 1);
    expect_fault(&r, 0x01000004, false, true, PF_P | PF_U);
    expect_fault(&r, 0x01400004, true, false, PF_P | PF_W);
    expect_gpa(&r, 0x01400004, false, true, 0x1400004, 1);

    /* CR0.WP clear: the supervisor may write read-only pages, the user not. */
    r = regs32(true, false);
    expect_gpa(&r, 0xc0425010, true, false, 0xabd010, 2);
    expect_gpa(&r, 0x01400004, true, false, 0x1400004, 1);
    expect_fault(&r, 0xc0425010, true, true, PF_P | PF_W | PF_U);
}

/* ---- PAE, three levels ---- */

#define PDPT_PAE    0x20020UL   /* 32-byte aligned, not page aligned */
#define PD_PAE      0x21000UL
#define PT_PAE      0x22000UL

static struct hvm_regs regs_pae(bool wp)
{
    struct hvm_regs r = {
        .cr0 = X86_CR0_PE | X86_CR0_PG | (wp ? X86_CR0_WP : 0),
        .cr3 = PDPT_PAE | 0x18,
        .cr4 = X86_CR4_PAE | X86_CR4_PSE,
    };

    return r;
}

static void build_pae(void)
{
    put64(PDPT_PAE + 3 * 8, PD_PAE | P);
    put64(PD_PAE + 1 * 8, PT_PAE | P | RW | US);
    put64(PT_PAE + 1 * 8, 0x123456000UL | P | RW | US);    /* above 4 GiB */
    put64(PT_PAE + 3 * 8, 0x00777000UL | P | US | _PAGE_NX);
    put64(PT_PAE + 4 * 8, 0x00778000UL | P | RW);
    put64(PD_PAE + 2 * 8, 0x40000000UL | PAT_LARGE | PS | P | RW | US);
    put64(PD_PAE + 4 * 8, 0x40200000UL | PS | P | US);    /* read-only 2M */
}

static void test_pae(void **state)
{
    struct hvm_regs r = regs_pae(true);

    build_pae();
    expect_gpa(&r, 0xc0201abc, false, false, 0x123456abcUL, 3);
    expect_gpa(&r, 0xc0201abc, true, true, 0x123456abcUL, 3);
    expect_gpa(&r, 0xffffffffc0201abcUL, false, false, 0x123456abcUL, 3);
    expect_gpa(&r, 0xc0203008, false, true, 0x777008, 3);
    /* 2 MiB pages. */
    expect_gpa(&r, 0xc0412345, false, false, 0x40012345, 2);
    expect_gpa(&r, 0xc05fffff, true, true, 0x401fffff, 2);
    expect_gpa(&r, 0xc0812345, false, true, 0x40212345, 2);
}

static void test_pae_faults(void **state)
{
    struct hvm_regs r = regs_pae(true);

    build_pae();
    expect_not_present(&r, 0x00001000);         /* PDPTE 0 */
    expect_not_present(&r, 0x80000000);         /* PDPTE 2 */
    expect_not_present(&r, 0xc0600000);         /* PDE 3 */
    expect_not_present(&r, 0xc0202000);         /* PTE 2 */
    expect_fault(&r, 0xc0203008, true, false, PF_P | PF_W);
    expect_fault(&r, 0xc0203008, true, true, PF_P | PF_W | PF_U);
    expect_fault(&r, 0xc0204008, false, true, PF_P | PF_U);
    expect_gpa(&r, 0xc0204008, true, false, 0x778008, 3);
    expect_fault(&r, 0xc0812345, true, false, PF_P | PF_W);
    r = regs_pae(false);
    expect_gpa(&r, 0xc0203008, true, false, 0x777008, 3);
    expect_gpa(&r, 0xc0812345, true, false, 0x40212345, 2);
}

/* ---- long mode, four levels ---- */

#define PML4        0x10000UL
#define PDPT        0x11000UL
#define PD          0x12000UL
#define PT          0x13000UL
#define PT_SUP      0x14000UL   /* reached through a supervisor-only PDE */
#define PD_RO       0x15000UL   /* reached through a read-only PDPTE */
#define PT_HOLE     0x16000UL   /* reached through a supervisor PDE; empty */
#define PDPT_LOW    0x17000UL

#define LA_4K       0xffff800012345678UL    /* L4 256, L3 0, L2 0x91, L1 0x145 */
#define LA_2M       0xffff800012454321UL    /* L2 0x92 */
#define LA_1G       0xffff800042345678UL    /* L3 1 */

static struct hvm_regs regs64(bool wp)
{
    struct hvm_regs r = {
        .cr0 = X86_CR0_PE | X86_CR0_PG | (wp ? X86_CR0_WP : 0),
        .cr3 = PML4 | 0x18,
        .cr4 = X86_CR4_PAE,
        .efer = EFER_LME | EFER_LMA,
    };

    return r;
}

static void build64(void)
{
    put64(PML4 + 256 * 8, PDPT | P | RW | US);
    put64(PML4 + 0 * 8, PDPT_LOW | P | RW | US);
    put64(PDPT_LOW + 0 * 8, 0x0UL | PS | P | RW | US);     /* low 1 GiB identity */
    put64(PDPT + 0 * 8, PD | P | RW | US | _PAGE_NX);
    put64(PD + 0x91 * 8, PT | P | RW | US);
    put64(PT + 0x145 * 8, 0xfedcba000UL | P | RW | US);
    put64(PT + 0x146 * 8, 0x000123000UL | P | US);         /* read-only */
    put64(PT + 0x147 * 8, 0x000124000UL | P | RW);         /* supervisor */
    put64(PT + 0x148 * 8, 0x000abc000UL | P | RW | US | _PAGE_NX | SW_BITS);
    put64(PD + 0x92 * 8, 0x40000000UL | PAT_LARGE | PS | P | RW | US);
    put64(PDPT + 1 * 8, 0x1c0000000UL | PS | P | RW | US);
    /* Restrictions on an upper level apply to everything below. */
    put64(PD + 0x93 * 8, PT_SUP | P | RW);
    put64(PT_SUP + 0 * 8, 0x777000UL | P | RW | US);
    put64(PDPT + 2 * 8, PD_RO | P | US);
    put64(PD_RO + 0 * 8, 0x600000UL | PS | P | RW | US);
    put64(PD + 0x94 * 8, PT_HOLE | P | RW);
}

static void test_long_mode(void **state)
{
    struct hvm_regs r = regs64(true);

    build64();
    expect_gpa(&r, LA_4K, false, false, 0xfedcba678UL, 4);
    expect_gpa(&r, LA_4K, true, true, 0xfedcba678UL, 4);
    expect_gpa(&r, LA_4K + 0x3000, true, true, 0xabc678, 4);
    /* 2 MiB: the PAT bit is not an address bit. */
    expect_gpa(&r, LA_2M, false, false, 0x40054321, 3);
    expect_gpa(&r, LA_2M | 0x1fffff, true, true, 0x401fffff, 3);
    /* 1 GiB. */
    expect_gpa(&r, LA_1G, false, true, 0x1c2345678UL, 2);
    expect_gpa(&r, 0xffff80007fffffffUL, true, false, 0x1ffffffffUL, 2);
    /* The low half, through PML4 slot 0. */
    expect_gpa(&r, 0x12345678, false, false, 0x12345678, 2);
    /* Not truncated to 32 bits: bit 32 selects another PDPT slot (4, empty). */
    expect_not_present(&r, 0x112345678UL);
}

static void test_long_mode_not_present(void **state)
{
    static const struct { uint64_t gpa; uint64_t la; } levels[] = {
        { PML4 + 256 * 8, LA_4K },      /* L4 */
        { PDPT + 0 * 8, LA_4K },        /* L3 */
        { PD + 0x91 * 8, LA_4K },       /* L2 */
        { PT + 0x145 * 8, LA_4K },      /* L1 */
        { PD + 0x92 * 8, LA_2M },       /* 2M leaf */
        { PDPT + 1 * 8, LA_1G },        /* 1G leaf */
    };
    struct hvm_regs r = regs64(true);
    unsigned int i;

    build64();
    for ( i = 0; i < ARRAY_SIZE(levels); i++ )
    {
        uint64_t e = get64(levels[i].gpa);

        /* Only P matters: the rest of the entry may hold anything. */
        put64(levels[i].gpa, e & ~(uint64_t)P);
        expect_not_present(&r, levels[i].la);
        put64(levels[i].gpa, e);
        assert_false(walk(&r, levels[i].la, false, false).fault);
    }
    expect_not_present(&r, 0xffff880000000000UL);   /* L4 slot 272 */
}

static void test_long_mode_write_protect(void **state)
{
    struct hvm_regs r = regs64(true);
    uint64_t ro = LA_4K + 0x1000, ro_upper = 0xffff800080000010UL;

    build64();
    expect_gpa(&r, ro, false, false, 0x123678, 4);
    expect_gpa(&r, ro, false, true, 0x123678, 4);
    expect_fault(&r, ro, true, false, PF_P | PF_W);
    expect_fault(&r, ro, true, true, PF_P | PF_W | PF_U);
    /* Read-only at L3 makes the writable 2M leaf below it read-only. */
    expect_gpa(&r, ro_upper, false, true, 0x600010, 3);
    expect_fault(&r, ro_upper, true, false, PF_P | PF_W);
    expect_fault(&r, ro_upper, true, true, PF_P | PF_W | PF_U);

    r = regs64(false);
    expect_gpa(&r, ro, true, false, 0x123678, 4);
    expect_gpa(&r, ro_upper, true, false, 0x600010, 3);
    expect_fault(&r, ro, true, true, PF_P | PF_W | PF_U);
    expect_fault(&r, ro_upper, true, true, PF_P | PF_W | PF_U);
}

static void test_long_mode_user(void **state)
{
    struct hvm_regs r = regs64(true);
    uint64_t sup = LA_4K + 0x2000, sup_upper = 0xffff800012600abcUL;

    build64();
    expect_gpa(&r, sup, true, false, 0x124678, 4);
    expect_fault(&r, sup, false, true, PF_P | PF_U);
    expect_fault(&r, sup, true, true, PF_P | PF_W | PF_U);
    /* A supervisor PDE hides the user PTE below it. */
    expect_gpa(&r, sup_upper, true, false, 0x777abc, 4);
    expect_fault(&r, sup_upper, false, true, PF_P | PF_U);
    /* CR0.WP has nothing to do with user access. */
    r = regs64(false);
    expect_fault(&r, sup, false, true, PF_P | PF_U);
}

/* The walk finds no translation (P=0 in the PTE) although an upper level is
 * supervisor-only: the CPU reports a not-present fault (SDM vol. 3, 4.7: P=0
 * whenever a paging-structure entry used has P=0), not a protection one. */
static void test_not_present_beats_protection(void **state)
{
    struct hvm_regs r = regs64(true);

    build64();
    expect_fault(&r, 0xffff800012800000UL, false, true, PF_U);
}

/* ---- the read callback ---- */

static void test_read_failure(void **state)
{
    struct hvm_regs r64 = regs64(true), r32 = regs32(true, true), rp = regs_pae(true);
    struct gwalk w;
    int i;

    build64();
    build32();
    build_pae();
    for ( i = 0; i < 4; i++ )
    {
        fail_read = i;
        w = walk(&r64, LA_4K, false, false);
        assert_true(w.fault);
        assert_int_equal(nr_reads, i + 1);      /* nothing read after a failure */
    }
    for ( i = 0; i < 3; i++ )
    {
        fail_read = i;
        w = walk(&rp, 0xc0201abc, false, false);
        assert_true(w.fault);
        assert_int_equal(nr_reads, i + 1);
    }
    for ( i = 0; i < 2; i++ )
    {
        fail_read = i;
        w = walk(&r32, 0xc0423567, true, true);
        assert_true(w.fault);
        assert_int_equal(nr_reads, i + 1);
    }
    fail_read = -1;

    /* Tables outside guest memory. */
    r64.cr3 = 0x40000000;
    assert_true(walk(&r64, LA_4K, false, false).fault);
    r64 = regs64(true);
    put64(PD + 0x91 * 8, 0x7fff000UL | P | RW | US);
    assert_true(walk(&r64, LA_4K, false, false).fault);
    put32(PD32 + 0x301 * 4, 0x0ffff000 | P | RW | US);
    assert_true(walk(&r32, 0xc0423567, false, false).fault);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, reset)
    const struct CMUnitTest tests[] = {
        T(test_paging_off),
        T(test_32bit_4k),
        T(test_32bit_4m),
        T(test_32bit_faults),
        T(test_pae),
        T(test_pae_faults),
        T(test_long_mode),
        T(test_long_mode_not_present),
        T(test_long_mode_write_protect),
        T(test_long_mode_user),
        T(test_not_present_beats_protection),
        T(test_read_failure),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
