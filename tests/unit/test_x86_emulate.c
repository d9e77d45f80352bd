/* SPDX-License-Identifier: GPL-2.0-only */
/* The MMIO instruction emulator (xen/arch/x86/x86_emulate/emulate.c) against a
 * fake memory window: every instruction and operand size, ALU flags checked
 * against the host CPU running the same operation, string instructions with
 * REP, register write rules, faults and instructions it must refuse. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <xen/errno.h>
#include <xen/lib.h>
#include <asm/x86_emulate.h>

#define M64 X86_MODE_64
#define M32 X86_MODE_32
#define M16 X86_MODE_16

#define CF 0x001
#define PF 0x004
#define AF 0x010
#define ZF 0x040
#define SF 0x080
#define DF 0x400
#define OF 0x800
#define ARITH (CF | PF | AF | ZF | SF | OF)

/* ---- Fake memory: a window at mem_base, with an access log and faults ---- */

#define WINDOW 0x10000
static uint8_t mem[WINDOW];
static uint64_t mem_base;
static uint64_t fault_at;               /* an access starting here faults */
static bool fault_writes_only;
static unsigned int nr_reads, nr_writes;
static uint64_t last_addr;
static unsigned int last_bytes;

static uint8_t *window(uint64_t lin, unsigned int bytes)
{
    if ( lin < mem_base || lin + bytes > mem_base + WINDOW )
        fail_msg("access to %#llx (%u bytes) outside the window at %#llx",
                 (unsigned long long)lin, bytes, (unsigned long long)mem_base);
    return &mem[lin - mem_base];
}

static int mem_read(void *priv, uint64_t lin, void *val, unsigned int bytes)
{
    assert_true(bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8);
    if ( lin == fault_at && !fault_writes_only )
        return X86EMUL_EXCEPTION;
    memcpy(val, window(lin, bytes), bytes);
    nr_reads++;
    last_addr = lin;
    last_bytes = bytes;
    return X86EMUL_OKAY;
}

static int mem_write(void *priv, uint64_t lin, const void *val, unsigned int bytes)
{
    assert_true(bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8);
    if ( lin == fault_at )
        return X86EMUL_EXCEPTION;
    memcpy(window(lin, bytes), val, bytes);
    nr_writes++;
    last_addr = lin;
    last_bytes = bytes;
    return X86EMUL_OKAY;
}

static const struct x86_emul_ops ops = { .read = mem_read, .write = mem_write };

static int reset(void **state)
{
    memset(mem, 0, sizeof(mem));
    mem_base = 0xfee00000;
    fault_at = ~0ULL;
    fault_writes_only = false;
    nr_reads = nr_writes = 0;
    last_addr = 0;
    last_bytes = 0;
    return 0;
}

static uint64_t mem_get(uint64_t lin, unsigned int bytes)
{
    uint64_t v = 0;

    memcpy(&v, window(lin, bytes), bytes);
    return v;
}

static void mem_put(uint64_t lin, uint64_t v, unsigned int bytes)
{
    memcpy(window(lin, bytes), &v, bytes);
}

/* ---- Running one instruction ------------------------------------------- */

static unsigned int parse_hex(const char *hex, uint8_t *buf, unsigned int size)
{
    unsigned int n = 0;
    char *end;

    while ( *hex )
    {
        assert_true(n < size);
        buf[n++] = strtoul(hex, &end, 16);
        hex = end;
        while ( *hex == ' ' )
            hex++;
    }
    return n;
}

static unsigned long rep_limit;

static int emulate_bytes(enum x86_mode mode, const uint8_t *buf, unsigned int n,
                         struct x86_emul_regs *r)
{
    struct x86_emul_ctxt c = {
        .regs = r, .mode = mode, .ops = &ops, .priv = NULL,
        .insn_buf = buf, .insn_avail = n, .rep_limit = rep_limit,
    };

    return x86_emulate_mmio(&c);
}

static int emulate(enum x86_mode mode, const char *hex, struct x86_emul_regs *r)
{
    uint8_t buf[16];

    return emulate_bytes(mode, buf, parse_hex(hex, buf, sizeof(buf)), r);
}

static void init_regs(struct x86_emul_regs *r)
{
    unsigned int i;

    memset(r, 0, sizeof(*r));
    for ( i = 0; i < 16; i++ )
        r->gpr[i] = 0xdead0000beef0000ULL | (i << 8) | i;
    r->rip = 0x1000;
    r->rflags = 0x2;
}

/* ---- The host CPU as the reference for flags ---------------------------- */

/* Skips the red zone: pushf would otherwise clobber the caller's locals. */
#define NATIVE2(mn, sz, a, b, fin, fout)                                     \
    asm volatile ( "sub $128, %%rsp\n\tpush %[fi]\n\tpopf\n\t"               \
                   mn " %" sz "[bb], %" sz "[aa]\n\t"                        \
                   "pushf\n\tpop %[fo]\n\tadd $128, %%rsp"                   \
                   : [aa] "+r" (a), [fo] "=r" (fout)                         \
                   : [bb] "r" (b), [fi] "r" (fin) : "cc" )

#define NATIVE_SIZES(mn, bytes, a, b, fin, fout)                             \
    switch ( bytes )                                                         \
    {                                                                        \
    case 1: NATIVE2(mn "b", "b", a, b, fin, fout); break;                    \
    case 2: NATIVE2(mn "w", "w", a, b, fin, fout); break;                    \
    case 4: NATIVE2(mn "l", "k", a, b, fin, fout); break;                    \
    default: NATIVE2(mn "q", "q", a, b, fin, fout); break;                   \
    }

/* op is the ModRM.reg number of group 1 (ADD OR ADC SBB AND SUB XOR CMP), 8
 * for TEST. Returns the result, *fout the flags. */
static uint64_t native_alu(unsigned int op, unsigned int bytes, uint64_t a, uint64_t b,
                           uint64_t fin, uint64_t *fout)
{
    uint64_t f = 0;

    switch ( op )
    {
    case 0: NATIVE_SIZES("add", bytes, a, b, fin, f); break;
    case 1: NATIVE_SIZES("or", bytes, a, b, fin, f); break;
    case 2: NATIVE_SIZES("adc", bytes, a, b, fin, f); break;
    case 3: NATIVE_SIZES("sbb", bytes, a, b, fin, f); break;
    case 4: NATIVE_SIZES("and", bytes, a, b, fin, f); break;
    case 5: NATIVE_SIZES("sub", bytes, a, b, fin, f); break;
    case 6: NATIVE_SIZES("xor", bytes, a, b, fin, f); break;
    case 7: NATIVE_SIZES("cmp", bytes, a, b, fin, f); break;
    default: NATIVE_SIZES("test", bytes, a, b, fin, f); break;
    }
    *fout = f;
    return a;
}

static uint64_t native_neg(unsigned int bytes, uint64_t a, uint64_t *fout)
{
    uint64_t f;

#define NEG1(sfx, sz)                                                        \
    asm volatile ( "sub $128, %%rsp\n\tpush $2\n\tpopf\n\tneg" sfx " %" sz "[aa]\n\t" \
                   "pushf\n\tpop %[fo]\n\tadd $128, %%rsp"                   \
                   : [aa] "+r" (a), [fo] "=r" (f) : : "cc" )
    switch ( bytes )
    {
    case 1: NEG1("b", "b"); break;
    case 2: NEG1("w", "w"); break;
    case 4: NEG1("l", "k"); break;
    default: NEG1("q", "q"); break;
    }
#undef NEG1
    *fout = f;
    return a;
}

static uint64_t mask_of(unsigned int bytes) { return bytes == 8 ? ~0ULL : (1ULL << (8 * bytes)) - 1; }

static const uint64_t alu_values[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ULL, 0x7fffffffffffffffULL,
    0x8000000000000000ULL, 0xffffffffffffffffULL, 0x0f0f0f0f0f0f0f0fULL,
    0x123456789abcdef0ULL, 0xfedcba9876543210ULL, 0x8f, 0x1234, 0xdeadbeef,
};

/* AF is undefined after the logical operations (OR, AND, XOR, TEST). */
static uint64_t defined_flags(unsigned int op)
{
    return (op == 1 || op == 4 || op == 6 || op == 8) ? ARITH & ~AF : ARITH;
}

static uint64_t sext(uint64_t v, unsigned int bytes)
{
    unsigned int shift = 64 - 8 * bytes;

    return (uint64_t)((int64_t)(v << shift) >> shift);
}

/* Builds [size prefix] opcode modrm [imm] in buf; returns the length. */
static unsigned int build(uint8_t *buf, unsigned int bytes, uint8_t opcode, uint8_t modrm,
                          uint64_t imm, unsigned int imm_bytes)
{
    unsigned int n = 0, i;

    if ( bytes == 2 )
        buf[n++] = 0x66;
    else if ( bytes == 8 )
        buf[n++] = 0x48;
    buf[n++] = opcode;
    buf[n++] = modrm;
    for ( i = 0; i < imm_bytes; i++ )
        buf[n++] = imm >> (8 * i);
    return n;
}

enum alu_form {
    FORM_MEM_REG,               /* op [rbx], ecx */
    FORM_REG_MEM,               /* op ecx, [rbx] */
    FORM_MEM_IMM,               /* 80/81 /op [rbx], imm */
    FORM_MEM_IMM8,              /* 83 /op [rbx], imm8 */
};

/* One ALU operation in one form, compared with the host. */
static void check_alu(unsigned int op, unsigned int bytes, enum alu_form form,
                      uint64_t a, uint64_t b, uint64_t cin)
{
    uint64_t addr = mem_base + 0x100, m = mask_of(bytes), want, fwant, rcx;
    unsigned int n = 0, imm_bytes = bytes == 1 ? 1 : bytes == 2 ? 2 : 4;
    bool wide = bytes > 1, test = op == 8;
    struct x86_emul_regs r;
    uint8_t buf[16];

    init_regs(&r);
    r.rbx = addr;
    r.rflags = 0x2 | cin;
    switch ( form )
    {
    case FORM_MEM_REG:
        n = build(buf, bytes, test ? 0x84u + wide : op * 8 + wide, 0x0b, 0, 0);
        break;
    case FORM_REG_MEM:
        n = build(buf, bytes, op * 8 + 2 + wide, 0x0b, 0, 0);
        break;
    case FORM_MEM_IMM:
        b = sext(b, imm_bytes);
        n = build(buf, bytes, test ? 0xf6u + wide : 0x80u + wide, (test ? 0 : op << 3) | 3,
                  b, imm_bytes);
        break;
    case FORM_MEM_IMM8:
        b = sext(b, 1);
        n = build(buf, bytes, 0x83, (op << 3) | 3, b, 1);
        break;
    }
    if ( form == FORM_REG_MEM )
    {
        uint64_t t = a;

        a = b;
        b = t;
    }
    a &= m;
    b &= m;
    want = native_alu(op, bytes, a, b, 0x2 | cin, &fwant) & m;
    if ( form == FORM_REG_MEM )
    {
        r.rcx = (r.rcx & ~m) | a;
        mem_put(addr, b, bytes);
    }
    else
    {
        r.rcx = (r.rcx & ~m) | b;
        mem_put(addr, a, bytes);
    }
    rcx = r.rcx;

    assert_int_equal(emulate_bytes(M64, buf, n, &r), X86EMUL_OKAY);
    assert_int_equal(r.rip, 0x1000 + n);
    if ( (r.rflags & defined_flags(op)) != (fwant & defined_flags(op)) )
        fail_msg("op %u bytes %u form %d: %#llx, %#llx cf %llu: flags %#llx, host %#llx",
                 op, bytes, form, (unsigned long long)a, (unsigned long long)b,
                 (unsigned long long)cin, (unsigned long long)r.rflags,
                 (unsigned long long)fwant);
    if ( form != FORM_REG_MEM )
    {
        assert_int_equal(mem_get(addr, bytes), (op == 7 || test) ? a : want);
        assert_int_equal(r.rcx, rcx);
    }
    else if ( op == 7 )
        assert_int_equal(r.rcx, rcx);
    else if ( bytes == 4 )
        assert_int_equal(r.rcx, want);
    else
        assert_int_equal(r.rcx, (rcx & ~m) | want);
}

static void test_alu_flags_vs_host(void **state)
{
    static const unsigned int sizes[] = { 1, 2, 4, 8 };
    unsigned int op, s, i, j, form;

    for ( op = 0; op <= 8; op++ )
        for ( s = 0; s < ARRAY_SIZE(sizes); s++ )
            for ( i = 0; i < ARRAY_SIZE(alu_values); i++ )
                for ( j = 0; j < ARRAY_SIZE(alu_values); j++ )
                    for ( form = FORM_MEM_REG; form <= FORM_MEM_IMM8; form++ )
                    {
                        if ( op == 8 && (form == FORM_REG_MEM || form == FORM_MEM_IMM8) )
                            continue;
                        if ( form == FORM_MEM_IMM8 && sizes[s] == 1 )
                            continue;
                        check_alu(op, sizes[s], form, alu_values[i], alu_values[j], 0);
                        if ( op == 2 || op == 3 )
                            check_alu(op, sizes[s], form, alu_values[i], alu_values[j], CF);
                    }
}

/* AL/rAX with an immediate: 04/05 ... 3C/3D, and A8/A9 is not ours. */
static void test_alu_accumulator(void **state)
{
    struct x86_emul_regs r;
    uint64_t f;

    init_regs(&r);
    r.rax = 0x11223344556677f0ULL;
    assert_int_equal(emulate(M64, "04 20", &r), X86EMUL_OKAY);
    assert_int_equal(r.rax, 0x1122334455667710ULL);
    native_alu(0, 1, 0xf0, 0x20, 2, &f);
    assert_int_equal(r.rflags & ARITH, f & ARITH);
    assert_int_equal(emulate(M64, "48 2d 11 00 00 80", &r), X86EMUL_OKAY);
    assert_int_equal(r.rax, 0x1122334455667710ULL - 0xffffffff80000011ULL);
    assert_int_equal(emulate(M64, "25 ff 00 00 00", &r), X86EMUL_OKAY);
    assert_int_equal(r.rax, 0xff & (0x1122334455667710ULL - 0xffffffff80000011ULL));
    assert_int_equal(r.rip, 0x1000 + 2 + 6 + 5);
}

static void test_not_neg(void **state)
{
    static const unsigned int sizes[] = { 1, 2, 4, 8 };
    uint64_t addr = mem_base + 0x40, f, want;
    unsigned int s, i, n;
    struct x86_emul_regs r;
    uint8_t buf[16];

    for ( s = 0; s < ARRAY_SIZE(sizes); s++ )
        for ( i = 0; i < ARRAY_SIZE(alu_values); i++ )
        {
            unsigned int bytes = sizes[s];
            uint64_t v = alu_values[i] & mask_of(bytes);

            init_regs(&r);
            r.rax = addr;
            r.rflags = 0x2 | ARITH;
            mem_put(addr, v, bytes);
            n = build(buf, bytes, 0xf6 + (bytes > 1), 0x10, 0, 0);    /* NOT */
            assert_int_equal(emulate_bytes(M64, buf, n, &r), X86EMUL_OKAY);
            assert_int_equal(mem_get(addr, bytes), ~v & mask_of(bytes));
            assert_int_equal(r.rflags, 0x2 | ARITH);

            mem_put(addr, v, bytes);
            n = build(buf, bytes, 0xf6 + (bytes > 1), 0x18, 0, 0);    /* NEG */
            assert_int_equal(emulate_bytes(M64, buf, n, &r), X86EMUL_OKAY);
            want = native_neg(bytes, v, &f) & mask_of(bytes);
            assert_int_equal(mem_get(addr, bytes), want);
            assert_int_equal(r.rflags & ARITH, f & ARITH);
        }
}

/* ---- Moves --------------------------------------------------------------- */

static void test_mov_loads(void **state)
{
    uint64_t a = mem_base + 0x20;
    struct x86_emul_regs r;

    mem_put(a, 0x8877665544332211ULL, 8);
    init_regs(&r);
    r.rbx = a - 0x20;
    assert_int_equal(emulate(M64, "8b 43 20", &r), X86EMUL_OKAY);     /* eax */
    assert_int_equal(r.rax, 0x44332211);                               /* zero-extended */
    assert_int_equal(last_bytes, 4);
    assert_int_equal(r.rip, 0x1003);
    assert_int_equal(emulate(M64, "48 8b 4b 20", &r), X86EMUL_OKAY);  /* rcx */
    assert_int_equal(r.rcx, 0x8877665544332211ULL);
    assert_int_equal(emulate(M64, "66 8b 53 20", &r), X86EMUL_OKAY);  /* dx */
    assert_int_equal(r.rdx, 0xdead0000beef2211ULL);
    assert_int_equal(emulate(M64, "8a 73 21", &r), X86EMUL_OKAY);     /* dh */
    assert_int_equal(r.rdx, 0xdead0000beef2211ULL);
    assert_int_equal(emulate(M64, "8a 73 22", &r), X86EMUL_OKAY);
    assert_int_equal(r.rdx, 0xdead0000beef3311ULL);
    assert_int_equal(emulate(M64, "40 8a 73 23", &r), X86EMUL_OKAY);  /* sil */
    assert_int_equal(r.rsi, 0xdead0000beef0644ULL);
    assert_int_equal(emulate(M64, "44 8a 43 24", &r), X86EMUL_OKAY);  /* r8b */
    assert_int_equal(r.r8, 0xdead0000beef0855ULL);
    assert_int_equal(emulate(M64, "4c 8b 7b 20", &r), X86EMUL_OKAY);  /* r15 */
    assert_int_equal(r.r15, 0x8877665544332211ULL);
    assert_int_equal(emulate(M64, "8a 63 27", &r), X86EMUL_OKAY);     /* ah */
    assert_int_equal(r.rax, 0x44338811);
    assert_int_equal(r.rip, 0x1003 + 4 + 4 + 3 + 3 + 4 + 4 + 4 + 3);
}

static void test_mov_stores(void **state)
{
    uint64_t a = mem_base + 0x80;
    struct x86_emul_regs r;

    init_regs(&r);
    r.rdi = a;
    r.rax = 0x1122334455667788ULL;
    assert_int_equal(emulate(M64, "89 07", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(a, 8), 0x55667788);
    assert_int_equal(emulate(M64, "48 89 47 08", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(a + 8, 8), 0x1122334455667788ULL);
    assert_int_equal(emulate(M64, "66 89 47 10", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(a + 0x10, 4), 0x7788);
    assert_int_equal(emulate(M64, "88 67 18", &r), X86EMUL_OKAY);     /* ah */
    assert_int_equal(mem_get(a + 0x18, 2), 0x77);
    assert_int_equal(emulate(M64, "88 47 19", &r), X86EMUL_OKAY);     /* al */
    assert_int_equal(mem_get(a + 0x18, 2), 0x8877);
    assert_int_equal(emulate(M64, "40 88 67 1a", &r), X86EMUL_OKAY);  /* spl */
    assert_int_equal(mem_get(a + 0x1a, 1), 0x04);
    assert_int_equal(emulate(M64, "44 89 7f 20", &r), X86EMUL_OKAY);  /* r15d */
    assert_int_equal(mem_get(a + 0x20, 8), 0xbeef0f0f);
    /* MOVNTI, 32 and 64 bits, memory only. */
    assert_int_equal(emulate(M64, "0f c3 47 28", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(a + 0x28, 8), 0x55667788);
    assert_int_equal(emulate(M64, "48 0f c3 47 30", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(a + 0x30, 8), 0x1122334455667788ULL);
    assert_int_equal(emulate(M64, "0f c3 c0", &r), X86EMUL_UNHANDLEABLE);
    assert_int_equal(nr_reads, 0);
}

static void test_mov_imm(void **state)
{
    uint64_t a = mem_base + 0x100;
    struct x86_emul_regs r;

    init_regs(&r);
    r.rax = a;
    memset(window(a, 0x40), 0xaa, 0x40);
    assert_int_equal(emulate(M64, "c6 00 12", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(a, 2), 0xaa12);
    assert_int_equal(emulate(M64, "66 c7 40 02 34 12", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(a + 2, 4), 0xaaaa1234);
    assert_int_equal(emulate(M64, "c7 40 08 78 56 34 12", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(a + 8, 8), 0xaaaaaaaa12345678ULL);
    assert_int_equal(emulate(M64, "48 c7 40 10 fe ff ff ff", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(a + 0x10, 8), 0xfffffffffffffffeULL);
    assert_int_equal(emulate(M64, "48 c7 40 18 00 00 00 80", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(a + 0x18, 8), 0xffffffff80000000ULL);
    assert_int_equal(nr_writes, 5);
    assert_int_equal(nr_reads, 0);
    /* Registers: C7 /0 with mod=3 writes the register. */
    assert_int_equal(emulate(M64, "c7 c1 ff ff ff ff", &r), X86EMUL_OKAY);
    assert_int_equal(r.rcx, 0xffffffff);
    /* C7 F8 is XBEGIN, C6 F8 XABORT. */
    assert_int_equal(emulate(M64, "c6 f8 01", &r), X86EMUL_UNHANDLEABLE);
    assert_int_equal(emulate(M64, "c7 f8 00 00 00 00", &r), X86EMUL_UNHANDLEABLE);
}

static void test_mov_moffs(void **state)
{
    struct x86_emul_regs r;

    mem_base = 0x1122334455660000ULL;
    mem_put(mem_base + 0x10, 0x0123456789abcdefULL, 8);
    init_regs(&r);
    assert_int_equal(emulate(M64, "48 a1 10 00 66 55 44 33 22 11", &r), X86EMUL_OKAY);
    assert_int_equal(r.rax, 0x0123456789abcdefULL);
    assert_int_equal(r.rip, 0x100a);
    assert_int_equal(emulate(M64, "a0 11 00 66 55 44 33 22 11", &r), X86EMUL_OKAY);
    assert_int_equal(r.rax, 0x0123456789abcdcdULL);
    r.rax = 0xfedcba98;
    assert_int_equal(emulate(M64, "a3 20 00 66 55 44 33 22 11", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(mem_base + 0x20, 8), 0xfedcba98);
    assert_int_equal(emulate(M64, "66 a3 28 00 66 55 44 33 22 11", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(mem_base + 0x28, 4), 0xba98);
    assert_int_equal(emulate(M64, "a2 30 00 66 55 44 33 22 11", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(mem_base + 0x30, 2), 0x98);

    /* 64-bit mode with FS: the base applies; 67 makes the offset 32 bits. */
    r.seg_base[X86_SEG_FS] = mem_base;
    r.seg_base[X86_SEG_DS] = 0x5000;            /* ignored in 64-bit mode */
    assert_int_equal(emulate(M64, "64 67 8b 04 25 10 00 00 00", &r), X86EMUL_OKAY);
    assert_int_equal(r.rax, 0x89abcdef);
    assert_int_equal(emulate(M64, "64 67 a1 14 00 00 00", &r), X86EMUL_OKAY);
    assert_int_equal(r.rax, 0x01234567);

    /* 32-bit mode: moffs32, and the DS base applies. */
    mem_base = 0xfec00000;
    mem_put(mem_base + 0x10, 0xcafef00d, 4);
    init_regs(&r);
    r.seg_base[X86_SEG_DS] = 0xfeb00000;
    assert_int_equal(emulate(M32, "a1 10 00 10 00", &r), X86EMUL_OKAY);
    assert_int_equal(r.rax, 0xcafef00d);
    assert_int_equal(r.rip, 0x1005);
}

static void test_movzx_movsx(void **state)
{
    uint64_t a = mem_base + 0x300;
    struct x86_emul_regs r;

    mem_put(a, 0x80f1c2ff, 4);
    init_regs(&r);
    r.rsi = a;
    assert_int_equal(emulate(M64, "0f b6 06", &r), X86EMUL_OKAY);     /* movzbl */
    assert_int_equal(r.rax, 0xff);
    assert_int_equal(emulate(M64, "0f b7 0e", &r), X86EMUL_OKAY);     /* movzwl */
    assert_int_equal(r.rcx, 0xc2ff);
    assert_int_equal(emulate(M64, "66 0f b6 16", &r), X86EMUL_OKAY);  /* movzbw */
    assert_int_equal(r.rdx, 0xdead0000beef00ffULL);
    assert_int_equal(emulate(M64, "48 0f be 1e", &r), X86EMUL_OKAY);  /* movsbq */
    assert_int_equal(r.rbx, 0xffffffffffffffffULL);
    assert_int_equal(emulate(M64, "0f bf 46 01", &r), X86EMUL_OKAY);  /* movswl */
    assert_int_equal(r.rax, 0xfffff1c2);
    assert_int_equal(emulate(M64, "48 0f bf 46 02", &r), X86EMUL_OKAY);
    assert_int_equal(r.rax, 0xffffffffffff80f1ULL);
    assert_int_equal(emulate(M64, "0f b6 66 02", &r), X86EMUL_OKAY);  /* into esp */
    assert_int_equal(r.rsp, 0xf1);
    assert_int_equal(emulate(M64, "48 63 06", &r), X86EMUL_OKAY);     /* movslq */
    assert_int_equal(r.rax, 0xffffffff80f1c2ffULL);
    assert_int_equal(emulate(M64, "63 0e", &r), X86EMUL_OKAY);        /* movsxd r32 */
    assert_int_equal(r.rcx, 0x80f1c2ff);
    assert_int_equal(emulate(M32, "63 0e", &r), X86EMUL_UNHANDLEABLE); /* ARPL */
    /* A byte register source without REX is AH..BH. */
    r.rbx = 0x8100;
    assert_int_equal(emulate(M64, "0f be c7", &r), X86EMUL_OKAY);     /* movsbl bh */
    assert_int_equal(r.rax, 0xffffff81);
}

static void test_xchg(void **state)
{
    uint64_t a = mem_base + 0x400;
    struct x86_emul_regs r;

    mem_put(a, 0x1111111122222222ULL, 8);
    init_regs(&r);
    r.rdi = a;
    r.rax = 0x3333333344444444ULL;
    assert_int_equal(emulate(M64, "87 07", &r), X86EMUL_OKAY);
    assert_int_equal(r.rax, 0x22222222);
    assert_int_equal(mem_get(a, 8), 0x1111111144444444ULL);
    assert_int_equal(emulate(M64, "86 27", &r), X86EMUL_OKAY);        /* ah */
    assert_int_equal(r.rax, 0x22224422);
    assert_int_equal(mem_get(a, 8), 0x1111111144444422ULL);
    r.rax = 0x5555555566666666ULL;
    assert_int_equal(emulate(M64, "f0 48 87 07", &r), X86EMUL_OKAY);  /* lock is fine */
    assert_int_equal(r.rax, 0x1111111144444422ULL);
    assert_int_equal(mem_get(a, 8), 0x5555555566666666ULL);
}

/* ---- String instructions ------------------------------------------------- */

static void test_stos_movs_lods(void **state)
{
    uint64_t a = mem_base + 0x1000;
    struct x86_emul_regs r;
    unsigned int i;

    init_regs(&r);
    r.rdi = a;
    r.rax = 0x11223344;
    assert_int_equal(emulate(M64, "ab", &r), X86EMUL_OKAY);           /* stosl */
    assert_int_equal(mem_get(a, 4), 0x11223344);
    assert_int_equal(r.rdi, a + 4);
    assert_int_equal(r.rip, 0x1001);

    r.rcx = 5;
    assert_int_equal(emulate(M64, "f3 48 ab", &r), X86EMUL_OKAY);     /* rep stosq */
    for ( i = 0; i < 5; i++ )
        assert_int_equal(mem_get(a + 4 + 8 * i, 8), 0x11223344);
    assert_int_equal(r.rcx, 0);
    assert_int_equal(r.rdi, a + 44);
    assert_int_equal(r.rip, 0x1004);
    assert_int_equal(nr_writes, 6);

    /* rep movsb from the window into it, then lodsw. */
    for ( i = 0; i < 16; i++ )
        mem_put(a + 0x100 + i, 0xa0 + i, 1);
    r.rsi = a + 0x100;
    r.rdi = a + 0x200;
    r.rcx = 16;
    assert_int_equal(emulate(M64, "f3 a4", &r), X86EMUL_OKAY);
    assert_int_equal(memcmp(window(a + 0x100, 16), window(a + 0x200, 16), 16), 0);
    assert_int_equal(r.rsi, a + 0x110);
    assert_int_equal(r.rdi, a + 0x210);
    assert_int_equal(r.rcx, 0);
    r.rsi = a + 0x100;
    assert_int_equal(emulate(M64, "66 ad", &r), X86EMUL_OKAY);
    assert_int_equal(r.rax, 0x1122a1a0);                                /* merged */
    r.rax = 0x11223344;
    assert_int_equal(emulate(M64, "66 ad", &r), X86EMUL_OKAY);
    assert_int_equal(r.rax, 0x1122a3a2);
    assert_int_equal(r.rsi, a + 0x104);

    /* rep with rcx = 0 does nothing but move on. */
    r.rcx = 0;
    r.rip = 0x2000;
    assert_int_equal(emulate(M64, "f3 a5", &r), X86EMUL_OKAY);
    assert_int_equal(r.rip, 0x2002);
    assert_int_equal(r.rsi, a + 0x104);
}

static void test_string_direction_and_segments(void **state)
{
    struct x86_emul_regs r;

    /* DF=1 walks down. */
    init_regs(&r);
    r.rflags |= DF;
    r.rdi = mem_base + 0x20;
    r.rcx = 3;
    r.rax = 0x5a;
    assert_int_equal(emulate(M64, "f3 aa", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(mem_base + 0x1e, 4), 0x5a5a5a);
    assert_int_equal(r.rdi, mem_base + 0x1d);

    /* 32-bit mode: DS:ESI (overridable) to ES:EDI (not overridable). */
    mem_base = 0x100000;
    init_regs(&r);
    r.seg_base[X86_SEG_DS] = 0x100000;
    r.seg_base[X86_SEG_ES] = 0x101000;
    r.seg_base[X86_SEG_FS] = 0x102000;
    r.rsi = 0x10;
    r.rdi = 0x20;
    mem_put(0x100010, 0xaaaaaaaa, 4);
    mem_put(0x102010, 0xbbbbbbbb, 4);
    assert_int_equal(emulate(M32, "a5", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(0x101020, 4), 0xaaaaaaaa);
    assert_int_equal(emulate(M32, "64 a5", &r), X86EMUL_OKAY);        /* fs: source */
    assert_int_equal(mem_get(0x101024, 4), 0);                        /* fs:0x14 */
    r.rsi = 0x10;
    assert_int_equal(emulate(M32, "64 a5", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(0x101028, 4), 0xbbbbbbbb);
    assert_int_equal(r.rsi, 0x14);
    assert_int_equal(r.rdi, 0x2c);
}

static void test_string_address_size(void **state)
{
    struct x86_emul_regs r;

    /* 16-bit: DI wraps inside 64K and only CX counts; upper bits stay. */
    mem_base = 0x10000;
    init_regs(&r);
    r.seg_base[X86_SEG_ES] = 0x10000;
    r.rdi = 0x1234fffe;
    r.rcx = 0xabcd0002;
    r.rax = 0x7766;
    assert_int_equal(emulate(M16, "f3 ab", &r), X86EMUL_OKAY);
    assert_int_equal(mem_get(0x1fffe, 2), 0x7766);
    assert_int_equal(mem_get(0x10000, 2), 0x7766);
    assert_int_equal(r.rdi, 0x12340002);
    assert_int_equal(r.rcx, 0xabcd0000);
    assert_int_equal(r.rip, 0x1002);

    /* 64-bit with 67: ECX counts, RDI is written as EDI (zero-extended). */
    mem_base = 0xfee00000;
    init_regs(&r);
    r.rdi = 0xffffffff00000000ULL | mem_base;
    r.rcx = 0xffffffff00000001ULL;
    assert_int_equal(emulate(M64, "67 f3 aa", &r), X86EMUL_OKAY);
    assert_int_equal(r.rdi, mem_base + 1);
    assert_int_equal(r.rcx, 0);
}

/* rep_limit bounds the iterations per call; RIP stays until rCX is zero. */
static void test_rep_limit_and_faults(void **state)
{
    uint64_t a = mem_base + 0x800;
    struct x86_emul_regs r, before;
    unsigned int calls = 0;

    init_regs(&r);
    r.rdi = a;
    r.rcx = 10;
    r.rax = 0x01020304;
    rep_limit = 3;
    do {
        assert_int_equal(emulate(M64, "f3 ab", &r), X86EMUL_OKAY);
        calls++;
    } while ( r.rip == 0x1000 );
    rep_limit = 0;
    assert_int_equal(calls, 4);
    assert_int_equal(r.rip, 0x1002);
    assert_int_equal(r.rdi, a + 40);
    assert_int_equal(nr_writes, 10);

    /* A fault on the 4th element: three done, registers say so, RIP stays. */
    init_regs(&r);
    r.rsi = a;
    r.rdi = a + 0x100;
    r.rcx = 8;
    fault_at = a + 0x100 + 12;
    assert_int_equal(emulate(M64, "f3 a5", &r), X86EMUL_EXCEPTION);
    assert_int_equal(r.rcx, 5);
    assert_int_equal(r.rsi, a + 12);
    assert_int_equal(r.rdi, a + 0x10c);
    assert_int_equal(r.rip, 0x1000);
    fault_at = ~0ULL;
    assert_int_equal(emulate(M64, "f3 a5", &r), X86EMUL_OKAY);
    assert_int_equal(r.rcx, 0);
    assert_int_equal(r.rip, 0x1002);

    /* A fault without REP changes nothing. */
    init_regs(&r);
    r.rdi = a;
    fault_at = a;
    before = r;
    assert_int_equal(emulate(M64, "aa", &r), X86EMUL_EXCEPTION);
    assert_int_equal(memcmp(&r, &before, sizeof(r)), 0);
}

/* ---- Effective addresses --------------------------------------------------- */

static void test_effective_address_64(void **state)
{
    struct x86_emul_regs r;

    init_regs(&r);
    r.rbx = mem_base;
    r.rcx = 0x10;
    r.r12 = mem_base + 0x100;
    r.r13 = mem_base + 0x200;
    assert_int_equal(emulate(M64, "8b 44 8b 08", &r), X86EMUL_OKAY);  /* rbx+rcx*4+8 */
    assert_int_equal(last_addr, mem_base + 0x48);
    assert_int_equal(emulate(M64, "41 8b 04 24", &r), X86EMUL_OKAY);  /* [r12] */
    assert_int_equal(last_addr, mem_base + 0x100);
    assert_int_equal(emulate(M64, "41 8b 45 f0", &r), X86EMUL_OKAY);  /* [r13-16] */
    assert_int_equal(last_addr, mem_base + 0x1f0);
    r.r12 = 0x10;
    assert_int_equal(emulate(M64, "42 8b 04 a3", &r), X86EMUL_OKAY);  /* rbx+r12*4 */
    assert_int_equal(last_addr, mem_base + 0x40);
    r.rip = mem_base;
    assert_int_equal(emulate(M64, "8b 05 fa 0f 00 00", &r), X86EMUL_OKAY);  /* rip+0xffa */
    assert_int_equal(last_addr, mem_base + 0x1000);
    assert_int_equal(r.rip, mem_base + 6);
    r.rip = 0x1000;
    /* disp32 is sign-extended in 64-bit mode; with 67 it is not. */
    assert_int_equal(emulate(M64, "67 8b 04 25 00 00 e0 fe", &r), X86EMUL_OKAY);
    assert_int_equal(last_addr, mem_base);
    /* 67: the address wraps at 4 GiB; GS base is added after. */
    r.rax = 0xffffffff00000000ULL | (mem_base - 0x1000);
    r.seg_base[X86_SEG_GS] = 0x1000;
    assert_int_equal(emulate(M64, "65 67 8b 00", &r), X86EMUL_OKAY);
    assert_int_equal(last_addr, mem_base);
    r.rsp = mem_base + 0x30;
    r.seg_base[X86_SEG_SS] = 0x123;                                    /* ignored */
    assert_int_equal(emulate(M64, "8b 44 24 10", &r), X86EMUL_OKAY);
    assert_int_equal(last_addr, mem_base + 0x40);
}

static void test_effective_address_32_16(void **state)
{
    struct x86_emul_regs r;

    mem_base = 0x20000;
    init_regs(&r);
    r.seg_base[X86_SEG_DS] = 0x20000;
    r.seg_base[X86_SEG_SS] = 0x21000;
    r.seg_base[X86_SEG_ES] = 0x22000;
    r.rbx = 0x100;
    r.rbp = 0x200;
    r.rsi = 0x10;
    r.rdi = 0x20;
    r.rsp = 0x300;

    /* 16-bit forms; BP-based ones use SS. */
    assert_int_equal(emulate(M16, "8b 00", &r), X86EMUL_OKAY);        /* bx+si */
    assert_int_equal(last_addr, 0x20110);
    assert_int_equal(emulate(M16, "8b 01", &r), X86EMUL_OKAY);        /* bx+di */
    assert_int_equal(last_addr, 0x20120);
    assert_int_equal(emulate(M16, "8b 02", &r), X86EMUL_OKAY);        /* bp+si */
    assert_int_equal(last_addr, 0x21210);
    assert_int_equal(emulate(M16, "8b 43 fe", &r), X86EMUL_OKAY);     /* bp+di-2 */
    assert_int_equal(last_addr, 0x2121e);
    assert_int_equal(emulate(M16, "8b 04", &r), X86EMUL_OKAY);        /* si */
    assert_int_equal(last_addr, 0x20010);
    assert_int_equal(emulate(M16, "8b 06 34 12", &r), X86EMUL_OKAY);  /* disp16 */
    assert_int_equal(last_addr, 0x21234);
    assert_int_equal(emulate(M16, "8b 46 04", &r), X86EMUL_OKAY);     /* bp+4 */
    assert_int_equal(last_addr, 0x21204);
    assert_int_equal(emulate(M16, "26 8b 46 04", &r), X86EMUL_OKAY);  /* es:bp+4 */
    assert_int_equal(last_addr, 0x22204);
    assert_int_equal(emulate(M16, "8b 87 00 ff", &r), X86EMUL_OKAY);  /* bx-256 wraps */
    assert_int_equal(last_addr, 0x20000);
    assert_int_equal(emulate(M16, "8b 47 f0", &r), X86EMUL_OKAY);     /* bx-16 */
    assert_int_equal(last_addr, 0x200f0);
    assert_int_equal(last_bytes, 2);
    assert_int_equal(emulate(M16, "67 66 8b 44 24 08", &r), X86EMUL_OKAY);  /* ss:esp+8 */
    assert_int_equal(last_addr, 0x21308);
    assert_int_equal(last_bytes, 4);

    /* 32-bit forms and segment bases. */
    assert_int_equal(emulate(M32, "8b 44 24 08", &r), X86EMUL_OKAY);  /* esp: ss */
    assert_int_equal(last_addr, 0x21308);
    assert_int_equal(emulate(M32, "8b 45 08", &r), X86EMUL_OKAY);     /* ebp: ss */
    assert_int_equal(last_addr, 0x21208);
    assert_int_equal(emulate(M32, "8b 04 7b", &r), X86EMUL_OKAY);     /* ebx+edi*2 */
    assert_int_equal(last_addr, 0x20140);
    assert_int_equal(emulate(M32, "8b 05 00 05 00 00", &r), X86EMUL_OKAY);   /* disp32 */
    assert_int_equal(last_addr, 0x20500);
    assert_int_equal(emulate(M32, "3e 8b 45 08", &r), X86EMUL_OKAY);  /* ds:ebp */
    assert_int_equal(last_addr, 0x20208);
    assert_int_equal(emulate(M32, "67 8b 02", &r), X86EMUL_OKAY);     /* 16-bit bp+si */
    assert_int_equal(last_addr, 0x21210);
    /* Linear addresses wrap at 4 GiB outside long mode. */
    r.seg_base[X86_SEG_DS] = 0xfffff000;
    r.rbx = 0x21000;
    assert_int_equal(emulate(M32, "8b 03", &r), X86EMUL_OKAY);
    assert_int_equal(last_addr, 0x20000);
}

/* ---- What the emulator refuses ------------------------------------------- */

static void test_unhandleable(void **state)
{
    /* Other instructions, LOCK where not allowed, bad and truncated input. */
    static const char *const refused[] = {
        "0f a2", "f4", "e4 71", "ff 00",
        "0f b1 08", "0f c1 00", "f7 30", "8f 00",
        "ff 30", "0f ae 38", "c5 f9 6f 00", "0f 28 00",
        "a6", "f3 ae", "6c", "f0 89 00",
        "f0 8b 00", "f0 01 c0", "f0 03 00", "f0 3b 00",
        "f0 85 00", "06", "8b", "",
    };
    struct x86_emul_regs r, before;
    unsigned int i;

    init_regs(&r);
    r.rax = mem_base;
    before = r;
    for ( i = 0; i < ARRAY_SIZE(refused); i++ )
    {
        int rc = emulate(M64, refused[i], &r);

        if ( rc != X86EMUL_UNHANDLEABLE )
            fail_msg("'%s': rc %d", refused[i], rc);
        assert_int_equal(memcmp(&r, &before, sizeof(r)), 0);
    }
    assert_int_equal(nr_reads + nr_writes, 0);
}

static void test_decode_result_reported(void **state)
{
    static const uint8_t trunc[] = { 0x8b, 0x04 };
    struct x86_emul_regs r;
    struct x86_emul_ctxt c = {
        .regs = &r, .mode = M64, .ops = &ops, .insn_buf = trunc, .insn_avail = 2,
    };
    struct x86_insn pre;

    init_regs(&r);
    assert_int_equal(x86_emulate_mmio(&c), X86EMUL_UNHANDLEABLE);
    assert_int_equal(c.decode_rc, -ERANGE);

    /* A caller that already decoded passes the result in. */
    r.rax = mem_base;
    mem_put(mem_base, 0x42, 4);
    assert_int_equal(x86_decode((const uint8_t *)"\x8b\x08", 2, M64, &pre), 0);
    c.insn = &pre;
    c.insn_buf = NULL;
    assert_int_equal(x86_emulate_mmio(&c), X86EMUL_OKAY);
    assert_int_equal(c.decode_rc, 0);
    assert_int_equal(r.rcx, 0x42);
    assert_int_equal(c.decoded.len, 2);
}

/* A read-modify-write whose write faults leaves registers and flags alone. */
static void test_faults_commit_nothing(void **state)
{
    struct x86_emul_regs r, before;

    init_regs(&r);
    r.rax = mem_base;
    r.rflags = 0x2 | ZF;
    fault_at = mem_base;
    before = r;
    assert_int_equal(emulate(M64, "83 00 01", &r), X86EMUL_EXCEPTION);
    assert_int_equal(emulate(M64, "8b 08", &r), X86EMUL_EXCEPTION);
    assert_int_equal(emulate(M64, "87 08", &r), X86EMUL_EXCEPTION);
    assert_int_equal(emulate(M64, "89 08", &r), X86EMUL_EXCEPTION);
    assert_int_equal(emulate(M64, "f7 18", &r), X86EMUL_EXCEPTION);
    assert_int_equal(emulate(M64, "0f b6 08", &r), X86EMUL_EXCEPTION);
    assert_int_equal(memcmp(&r, &before, sizeof(r)), 0);
    assert_int_equal(nr_reads, 0);

    /* Now the read succeeds and the write faults. */
    fault_writes_only = true;
    assert_int_equal(emulate(M64, "83 00 01", &r), X86EMUL_EXCEPTION);
    assert_int_equal(emulate(M64, "87 08", &r), X86EMUL_EXCEPTION);
    assert_int_equal(emulate(M64, "f7 18", &r), X86EMUL_EXCEPTION);
    assert_int_equal(emulate(M64, "48 ff 00", &r), X86EMUL_UNHANDLEABLE);
    assert_int_equal(nr_reads, 3);
    assert_int_equal(memcmp(&r, &before, sizeof(r)), 0);
    assert_int_equal(emulate(M64, "3b 08", &r), X86EMUL_OKAY);        /* cmp: no write */
    assert_int_equal(r.rflags & ARITH, SF);
}

static void test_rip_and_modes(void **state)
{
    struct x86_emul_regs r;

    /* IP wraps at 64K in 16-bit code, EIP at 4G in 32-bit code. */
    mem_base = 0;
    init_regs(&r);
    r.rbx = 0x10;
    r.rip = 0xfffe;
    assert_int_equal(emulate(M16, "8b 07", &r), X86EMUL_OKAY);
    assert_int_equal(r.rip, 0);
    assert_int_equal(r.rax, 0xdead0000beef0000ULL);     /* ax merged */
    r.rip = 0xfffffffe;
    assert_int_equal(emulate(M32, "8b 43 f0", &r), X86EMUL_OKAY);
    assert_int_equal(r.rip, 1);
    assert_int_equal(r.rax, 0);                         /* eax zero-extends */
    /* 16-bit code with 66: a 32-bit load. */
    mem_put(0x10, 0x87654321, 4);
    assert_int_equal(emulate(M16, "66 8b 0f", &r), X86EMUL_OKAY);
    assert_int_equal(r.rcx, 0x87654321);
    assert_int_equal(emulate(M16, "8b 17", &r), X86EMUL_OKAY);
    assert_int_equal(r.rdx, 0xdead0000beef4321ULL);
}

/* The ALU group with register destinations from memory, in 16-bit code. */
static void test_alu_16bit_code(void **state)
{
    struct x86_emul_regs r;

    mem_base = 0x20000;
    init_regs(&r);
    r.seg_base[X86_SEG_DS] = 0x20000;
    r.rbx = 0x10;
    mem_put(0x20010, 0x8001, 2);
    r.rax = 0x7fff;
    assert_int_equal(emulate(M16, "03 07", &r), X86EMUL_OKAY);        /* add ax,[bx] */
    assert_int_equal(r.rax, 0);
    assert_int_equal(r.rflags & ARITH, CF | ZF | PF | AF);
    assert_int_equal(emulate(M16, "81 2f 01 80", &r), X86EMUL_OKAY);  /* sub [bx],0x8001 */
    assert_int_equal(mem_get(0x20010, 2), 0);
    assert_int_equal(r.rflags & ARITH, ZF | PF);
    assert_int_equal(emulate(M16, "66 83 0f ff", &r), X86EMUL_OKAY);  /* or dword [bx],-1 */
    assert_int_equal(mem_get(0x20010, 4), 0xffffffff);
    assert_int_equal(r.rflags & ARITH, SF | PF);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup(f, reset)
    const struct CMUnitTest tests[] = {
        T(test_alu_flags_vs_host), T(test_alu_accumulator), T(test_not_neg),
        T(test_alu_16bit_code), T(test_mov_loads), T(test_mov_stores),
        T(test_mov_imm), T(test_mov_moffs), T(test_movzx_movsx),
        T(test_xchg), T(test_stos_movs_lods), T(test_string_direction_and_segments),
        T(test_string_address_size), T(test_rep_limit_and_faults),
        T(test_effective_address_64), T(test_effective_address_32_16), T(test_unhandleable),
        T(test_decode_result_reported),
        T(test_faults_commit_nothing), T(test_rip_and_modes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
#undef T
}
