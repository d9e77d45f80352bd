/* SPDX-License-Identifier: GPL-2.0-only */
/* Emulation of the general-purpose instructions a guest uses to touch MMIO:
 * MOV in its forms, MOVZX/MOVSX/MOVSXD, MOVNTI, the ALU group, TEST, NOT,
 * NEG, XCHG and the MOVS/STOS/LODS string instructions.
 *
 * Theory of operation. The instruction is decoded (decode.c), then dispatched
 * through a table indexed by opcode. Each handler names its operands as
 * struct opnd (a register, with the AH..BH special case, or a linear address
 * computed from ModRM/SIB/disp, the segment base and the address size), reads
 * its sources through the read callback, computes, and only then writes: the
 * memory destination first, as it is the step that can fail, then registers,
 * flags and RIP. So a callback that faults leaves the guest as it was.
 *
 * REP string instructions run up to ctxt->rep_limit iterations per call (0:
 * all of them). Each iteration commits rSI/rDI/rCX once its write succeeded,
 * which is the architectural state of an interrupted REP; RIP moves past the
 * instruction only when rCX reaches zero. So with rep_limit 1, every guest
 * re-execution of the instruction faults again and moves one element.
 *
 * Examples, 64-bit mode, regs->rbx = 0xfee00000:
 *   8b 43 20     mov eax, [rbx+0x20]: read 4 bytes at 0xfee00020, RAX gets
 *                them zero-extended, RIP += 3.
 *   81 0b 00 01 00 00
 *                or dword [rbx], 0x100: read 4 bytes, OR, write 4 bytes, then
 *                CF=OF=0 and PF/ZF/SF from the result, RIP += 6. */
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/x86_emulate.h>

#define EFL_CF      0x0001
#define EFL_PF      0x0004
#define EFL_AF      0x0010
#define EFL_ZF      0x0040
#define EFL_SF      0x0080
#define EFL_DF      0x0400
#define EFL_OF      0x0800
#define EFL_ARITH   (EFL_CF | EFL_PF | EFL_AF | EFL_ZF | EFL_SF | EFL_OF)

enum alu_op {
    ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR, ALU_CMP,
    ALU_TEST,
};

enum { REG_AX = 0, REG_CX = 1, REG_SI = 6, REG_DI = 7 };

struct em {
    struct x86_emul_ctxt *ctxt;
    const struct x86_insn *insn;
    struct x86_emul_regs *regs;
};

/* An operand: a general register (or one of AH, CH, DH, BH) or memory. */
struct opnd {
    bool mem;
    bool hi8;
    uint8_t bytes;
    uint8_t reg;
    uint64_t lin;
};

static uint64_t size_mask(unsigned int bytes)
{
    return bytes >= 8 ? ~0ULL : (1ULL << (8 * bytes)) - 1;
}

static uint64_t sign_extend(uint64_t v, unsigned int bytes)
{
    unsigned int shift = 64 - 8 * bytes;

    return (uint64_t)((int64_t)(v << shift) >> shift);
}

/* ---- Registers ----------------------------------------------------------- */

static void reg_opnd(struct opnd *o, unsigned int reg, unsigned int bytes, uint8_t rex)
{
    o->mem = false;
    o->bytes = bytes;
    o->hi8 = bytes == 1 && !rex && reg >= 4 && reg < 8;
    o->reg = o->hi8 ? reg - 4 : reg;
}

static uint64_t reg_get(const struct x86_emul_regs *r, const struct opnd *o)
{
    if ( o->hi8 )
        return (r->gpr[o->reg] >> 8) & 0xff;
    return r->gpr[o->reg] & size_mask(o->bytes);
}

/* 8- and 16-bit writes merge; 32-bit writes zero-extend (in every mode: the
 * upper halves are undefined outside long mode, and zero is what CPUs do). */
static void reg_set(struct x86_emul_regs *r, const struct opnd *o, uint64_t v)
{
    uint64_t *g = &r->gpr[o->reg];
    uint64_t mask = size_mask(o->bytes);

    if ( o->hi8 )
        *g = (*g & ~0xff00ULL) | ((v & 0xff) << 8);
    else if ( o->bytes >= 4 )
        *g = v & mask;
    else
        *g = (*g & ~mask) | (v & mask);
}

/* A register used as an address (rSI, rDI, rCX in string instructions). */
static void addr_reg_set(struct em *s, unsigned int reg, uint64_t v)
{
    struct opnd o;

    reg_opnd(&o, reg, s->insn->addrsize, 1);
    reg_set(s->regs, &o, v);
}

/* ---- Memory operands ----------------------------------------------------- */

static uint64_t linear(const struct em *s, unsigned int seg, uint64_t ea)
{
    ea &= size_mask(s->insn->addrsize);
    if ( s->ctxt->mode == X86_MODE_64 )
        return (seg == X86_SEG_FS || seg == X86_SEG_GS) ? ea + s->regs->seg_base[seg] : ea;
    return (uint32_t)(s->regs->seg_base[seg] + ea);
}

static unsigned int data_seg(const struct em *s, bool stack)
{
    if ( s->insn->seg != X86_SEG_NONE )
        return s->insn->seg;
    return stack ? X86_SEG_SS : X86_SEG_DS;
}

/* 16-bit forms: BX+SI, BX+DI, BP+SI, BP+DI, SI, DI, BP (or disp16), BX. */
static uint64_t ea16(const struct em *s, bool *stack)
{
    static const uint8_t base[8] = { 3, 3, 5, 5, 6, 7, 5, 3 };
    static const uint8_t index[8] = { 6, 7, 6, 7, 0xff, 0xff, 0xff, 0xff };
    const struct x86_insn *i = s->insn;
    unsigned int rm = i->rm & 7;
    uint64_t ea = i->disp;

    if ( i->mod == 0 && rm == 6 )
        return ea;
    ea += s->regs->gpr[base[rm]];
    if ( index[rm] != 0xff )
        ea += s->regs->gpr[index[rm]];
    *stack = base[rm] == 5;
    return ea;
}

static uint64_t ea32(const struct em *s, bool *stack)
{
    const struct x86_insn *i = s->insn;
    uint64_t ea = i->disp;

    if ( i->rip_relative )
        return ea + s->regs->rip + i->len;
    if ( !i->has_sib && i->mod == 0 && (i->rm & 7) == 5 )
        return ea;                      /* disp32 alone */
    if ( !i->has_sib )
    {
        *stack = (i->rm & 7) == 5;
        return ea + s->regs->gpr[i->rm];
    }
    if ( i->sib_index != 4 )
        ea += s->regs->gpr[i->sib_index] * i->sib_scale;
    if ( i->mod == 0 && (i->sib_base & 7) == 5 )
        return ea;
    *stack = (i->sib_base & 7) == 4 || (i->sib_base & 7) == 5;
    return ea + s->regs->gpr[i->sib_base];
}

/* The ModRM r/m operand: a register when mod=3, else memory. */
static void rm_opnd(const struct em *s, struct opnd *o, unsigned int bytes)
{
    bool stack = false;
    uint64_t ea;

    if ( !s->insn->has_mem )
    {
        reg_opnd(o, s->insn->rm, bytes, s->insn->rex);
        return;
    }
    ea = s->insn->addrsize == 2 ? ea16(s, &stack) : ea32(s, &stack);
    o->mem = true;
    o->hi8 = false;
    o->bytes = bytes;
    o->lin = linear(s, data_seg(s, stack), ea);
}

static void mem_opnd(struct opnd *o, uint64_t lin, unsigned int bytes)
{
    o->mem = true;
    o->hi8 = false;
    o->bytes = bytes;
    o->lin = lin;
}

static int opnd_read(const struct em *s, const struct opnd *o, uint64_t *v)
{
    *v = 0;
    if ( !o->mem )
    {
        *v = reg_get(s->regs, o);
        return X86EMUL_OKAY;
    }
    return s->ctxt->ops->read(s->ctxt->priv, o->lin, v, o->bytes);
}

/* Registers are written at once: callers write them only after every step
 * that can fail. */
static int opnd_write(const struct em *s, const struct opnd *o, uint64_t v)
{
    if ( !o->mem )
    {
        reg_set(s->regs, o, v);
        return X86EMUL_OKAY;
    }
    return s->ctxt->ops->write(s->ctxt->priv, o->lin, &v, o->bytes);
}

static int finish(const struct em *s)
{
    static const uint64_t ip_mask[] = {
        [X86_MODE_16] = 0xffff, [X86_MODE_32] = 0xffffffff, [X86_MODE_64] = ~0ULL,
    };

    s->regs->rip = (s->regs->rip + s->insn->len) & ip_mask[s->ctxt->mode];
    return X86EMUL_OKAY;
}

/* ---- Arithmetic ------------------------------------------------------------ */

static bool parity_even(uint8_t v)
{
    v ^= v >> 4;
    v ^= v >> 2;
    v ^= v >> 1;
    return !(v & 1);
}

/* a op b in bytes-wide arithmetic; updates the six status flags in *rflags. */
static uint64_t alu(enum alu_op op, unsigned int bytes, uint64_t a, uint64_t b,
                    uint64_t *rflags)
{
    uint64_t mask = size_mask(bytes), sign = 1ULL << (8 * bytes - 1);
    uint64_t c = 0, res, fl = 0;

    a &= mask;
    b &= mask;
    switch ( op )
    {
    case ALU_ADC:
        c = *rflags & EFL_CF;
        /* fall through */
    case ALU_ADD:
        res = (a + b + c) & mask;
        fl |= (res < a || (c && res == a)) ? EFL_CF : 0;
        fl |= (~(a ^ b) & (a ^ res) & sign) ? EFL_OF : 0;
        fl |= (a ^ b ^ res) & EFL_AF;
        break;
    case ALU_SBB:
        c = *rflags & EFL_CF;
        /* fall through */
    case ALU_SUB:
    case ALU_CMP:
        res = (a - b - c) & mask;
        fl |= (a < b || (c && a == b)) ? EFL_CF : 0;
        fl |= ((a ^ b) & (a ^ res) & sign) ? EFL_OF : 0;
        fl |= (a ^ b ^ res) & EFL_AF;
        break;
    case ALU_OR:
        res = a | b;
        break;
    case ALU_XOR:
        res = a ^ b;
        break;
    default:                            /* AND, TEST */
        res = a & b;
        break;
    }
    fl |= parity_even(res) ? EFL_PF : 0;
    fl |= res ? 0 : EFL_ZF;
    fl |= (res & sign) ? EFL_SF : 0;
    *rflags = (*rflags & ~(uint64_t)EFL_ARITH) | fl;
    return res;
}

/* dst = dst op src, with flags; CMP and TEST only set flags. */
static int alu_apply(struct em *s, enum alu_op op, const struct opnd *dst, uint64_t src)
{
    uint64_t d, res, fl = s->regs->rflags;
    int rc;

    if ( (rc = opnd_read(s, dst, &d)) != X86EMUL_OKAY )
        return rc;
    res = alu(op, dst->bytes, d, src, &fl);
    if ( op != ALU_CMP && op != ALU_TEST &&
         (rc = opnd_write(s, dst, res)) != X86EMUL_OKAY )
        return rc;
    s->regs->rflags = fl;
    return finish(s);
}

static unsigned int op_bytes(const struct em *s)
{
    return (s->insn->opcode & 1) ? s->insn->opsize : 1;
}

/* The immediate, sign-extended, as an operand of the given size. */
static uint64_t imm_value(const struct em *s, unsigned int bytes)
{
    return sign_extend(s->insn->imm, s->insn->imm_bytes) & size_mask(bytes);
}

/* 00-3D: op Eb,Gb / Ev,Gv / Gb,Eb / Gv,Ev / AL,Ib / rAX,Iz. */
static int em_alu(struct em *s)
{
    enum alu_op op = (s->insn->opcode >> 3) & 7;
    unsigned int bytes = op_bytes(s);
    struct opnd rm, reg;
    uint64_t v;
    int rc;

    switch ( s->insn->opcode & 7 )
    {
    case 0: case 1:
        rm_opnd(s, &rm, bytes);
        reg_opnd(&reg, s->insn->reg, bytes, s->insn->rex);
        return alu_apply(s, op, &rm, reg_get(s->regs, &reg));
    case 2: case 3:
        rm_opnd(s, &rm, bytes);
        reg_opnd(&reg, s->insn->reg, bytes, s->insn->rex);
        if ( (rc = opnd_read(s, &rm, &v)) != X86EMUL_OKAY )
            return rc;
        return alu_apply(s, op, &reg, v);
    default:
        reg_opnd(&reg, REG_AX, bytes, 1);
        return alu_apply(s, op, &reg, imm_value(s, bytes));
    }
}

/* 80-83: op Eb,Ib / Ev,Iz / Eb,Ib / Ev,Ib. */
static int em_grp1(struct em *s)
{
    unsigned int bytes = op_bytes(s);
    struct opnd rm;

    rm_opnd(s, &rm, bytes);
    return alu_apply(s, s->insn->reg & 7, &rm, imm_value(s, bytes));
}

/* 84/85: TEST Eb,Gb / Ev,Gv. */
static int em_test(struct em *s)
{
    unsigned int bytes = op_bytes(s);
    struct opnd rm, reg;

    rm_opnd(s, &rm, bytes);
    reg_opnd(&reg, s->insn->reg, bytes, s->insn->rex);
    return alu_apply(s, ALU_TEST, &rm, reg_get(s->regs, &reg));
}

/* F6/F7: TEST imm (/0, /1), NOT (/2), NEG (/3); MUL and DIV are not here. */
static int em_grp3(struct em *s)
{
    unsigned int bytes = op_bytes(s);
    uint64_t v, res, fl = s->regs->rflags;
    struct opnd rm;
    int rc;

    rm_opnd(s, &rm, bytes);
    switch ( s->insn->reg & 7 )
    {
    case 0: case 1:
        return alu_apply(s, ALU_TEST, &rm, imm_value(s, bytes));
    case 2: case 3:
        break;
    default:
        return X86EMUL_UNHANDLEABLE;
    }
    if ( (rc = opnd_read(s, &rm, &v)) != X86EMUL_OKAY )
        return rc;
    if ( (s->insn->reg & 7) == 2 )
        res = ~v;
    else
        res = alu(ALU_SUB, bytes, 0, v, &fl);
    if ( (rc = opnd_write(s, &rm, res)) != X86EMUL_OKAY )
        return rc;
    s->regs->rflags = fl;
    return finish(s);
}

/* ---- Moves ----------------------------------------------------------------- */

/* Reads src, then writes dst (memory before registers by construction: a
 * move has one memory operand at most). */
static int move(struct em *s, const struct opnd *dst, const struct opnd *src)
{
    uint64_t v;
    int rc;

    if ( (rc = opnd_read(s, src, &v)) != X86EMUL_OKAY ||
         (rc = opnd_write(s, dst, v)) != X86EMUL_OKAY )
        return rc;
    return finish(s);
}

/* 88-8B: MOV Eb,Gb / Ev,Gv / Gb,Eb / Gv,Ev. */
static int em_mov(struct em *s)
{
    unsigned int bytes = op_bytes(s);
    struct opnd rm, reg;

    rm_opnd(s, &rm, bytes);
    reg_opnd(&reg, s->insn->reg, bytes, s->insn->rex);
    return (s->insn->opcode & 2) ? move(s, &reg, &rm) : move(s, &rm, &reg);
}

/* 0F C3: MOVNTI My,Gy (memory only, 32 or 64 bits). */
static int em_movnti(struct em *s)
{
    struct opnd rm, reg;

    if ( !s->insn->has_mem || s->insn->opsize == 2 )
        return X86EMUL_UNHANDLEABLE;
    rm_opnd(s, &rm, s->insn->opsize);
    reg_opnd(&reg, s->insn->reg, s->insn->opsize, s->insn->rex);
    return move(s, &rm, &reg);
}

/* C6/C7 /0: MOV Eb,Ib / Ev,Iz. */
static int em_mov_imm(struct em *s)
{
    unsigned int bytes = op_bytes(s);
    struct opnd rm;
    int rc;

    if ( (s->insn->reg & 7) != 0 )
        return X86EMUL_UNHANDLEABLE;    /* XABORT, XBEGIN */
    rm_opnd(s, &rm, bytes);
    if ( (rc = opnd_write(s, &rm, imm_value(s, bytes))) != X86EMUL_OKAY )
        return rc;
    return finish(s);
}

/* A0-A3: MOV AL/rAX,moffs and moffs,AL/rAX. */
static int em_mov_moffs(struct em *s)
{
    unsigned int bytes = op_bytes(s);
    struct opnd mem, acc;

    mem_opnd(&mem, linear(s, data_seg(s, false), s->insn->imm), bytes);
    reg_opnd(&acc, REG_AX, bytes, 1);
    return (s->insn->opcode & 2) ? move(s, &mem, &acc) : move(s, &acc, &mem);
}

/* 0F B6/B7/BE/BF: MOVZX/MOVSX Gv,Eb/Ew; 63 in 64-bit mode: MOVSXD Gv,Ed. */
static int em_movx(struct em *s)
{
    const struct x86_insn *i = s->insn;
    unsigned int src_bytes = (i->opcode & 1) ? 2 : 1;
    bool sign = i->opcode >= 0xbe;
    struct opnd rm, reg;
    uint64_t v;
    int rc;

    if ( i->map == X86_MAP_1BYTE )
    {
        if ( s->ctxt->mode != X86_MODE_64 )
            return X86EMUL_UNHANDLEABLE;        /* ARPL */
        src_bytes = i->opsize == 8 ? 4 : i->opsize;
        sign = true;
    }
    rm_opnd(s, &rm, src_bytes);
    reg_opnd(&reg, i->reg, i->opsize, i->rex);
    if ( (rc = opnd_read(s, &rm, &v)) != X86EMUL_OKAY )
        return rc;
    reg_set(s->regs, &reg, sign ? sign_extend(v, src_bytes) : v);
    return finish(s);
}

/* 86/87: XCHG Eb,Gb / Ev,Gv. */
static int em_xchg(struct em *s)
{
    unsigned int bytes = op_bytes(s);
    struct opnd rm, reg;
    uint64_t old;
    int rc;

    rm_opnd(s, &rm, bytes);
    reg_opnd(&reg, s->insn->reg, bytes, s->insn->rex);
    if ( (rc = opnd_read(s, &rm, &old)) != X86EMUL_OKAY ||
         (rc = opnd_write(s, &rm, reg_get(s->regs, &reg))) != X86EMUL_OKAY )
        return rc;
    reg_set(s->regs, &reg, old);
    return finish(s);
}

/* ---- String instructions ----------------------------------------------------- */

/* One element of MOVS, STOS or LODS, committing rSI/rDI on success. */
static int string_step(struct em *s, unsigned int bytes, int64_t step)
{
    struct x86_emul_regs *r = s->regs;
    uint8_t opc = s->insn->opcode;
    struct opnd src, dst, acc;
    uint64_t v;
    int rc;

    reg_opnd(&acc, REG_AX, bytes, 1);
    mem_opnd(&src, linear(s, data_seg(s, false), r->rsi), bytes);
    mem_opnd(&dst, linear(s, X86_SEG_ES, r->rdi), bytes);
    if ( opc == 0xaa || opc == 0xab )
        v = reg_get(r, &acc);
    else if ( (rc = opnd_read(s, &src, &v)) != X86EMUL_OKAY )
        return rc;
    if ( opc != 0xac && opc != 0xad &&
         (rc = opnd_write(s, &dst, v)) != X86EMUL_OKAY )
        return rc;
    if ( opc == 0xac || opc == 0xad )
        reg_set(r, &acc, v);
    if ( opc != 0xaa && opc != 0xab )
        addr_reg_set(s, REG_SI, r->rsi + step);
    if ( opc != 0xac && opc != 0xad )
        addr_reg_set(s, REG_DI, r->rdi + step);
    return X86EMUL_OKAY;
}

/* A4/A5 MOVS, AA/AB STOS, AC/AD LODS, with or without REP (F3 or F2). */
static int em_string(struct em *s)
{
    struct x86_emul_regs *r = s->regs;
    unsigned int bytes = op_bytes(s);
    int64_t step = (r->rflags & EFL_DF) ? -(int64_t)bytes : bytes;
    uint64_t count, n, limit = s->ctxt->rep_limit;
    int rc;

    if ( !(s->insn->prefixes & (X86_PFX_REP | X86_PFX_REPNE)) )
    {
        if ( (rc = string_step(s, bytes, step)) != X86EMUL_OKAY )
            return rc;
        return finish(s);
    }
    count = r->rcx & size_mask(s->insn->addrsize);
    n = (limit && limit < count) ? limit : count;
    for ( ; n; n--, count-- )
    {
        if ( (rc = string_step(s, bytes, step)) != X86EMUL_OKAY )
            return rc;
        addr_reg_set(s, REG_CX, count - 1);
    }
    return count ? X86EMUL_OKAY : finish(s);
}

/* ---- Dispatch ---------------------------------------------------------------- */

typedef int (*em_handler_t)(struct em *s);

struct em_op {
    em_handler_t fn;
    bool lockable;              /* LOCK allowed (with a memory destination) */
};

#define ALU_ROW(b) \
    [(b) + 0] = { em_alu, true }, [(b) + 1] = { em_alu, true }, \
    [(b) + 2] = { em_alu }, [(b) + 3] = { em_alu }, \
    [(b) + 4] = { em_alu }, [(b) + 5] = { em_alu }

static const struct em_op map1_ops[256] = {
    ALU_ROW(0x00), ALU_ROW(0x08), ALU_ROW(0x10), ALU_ROW(0x18),
    ALU_ROW(0x20), ALU_ROW(0x28), ALU_ROW(0x30), ALU_ROW(0x38),
    [0x63] = { em_movx },
    [0x80 ... 0x83] = { em_grp1, true },
    [0x84 ... 0x85] = { em_test },
    [0x86 ... 0x87] = { em_xchg, true },
    [0x88 ... 0x8b] = { em_mov },
    [0xa0 ... 0xa3] = { em_mov_moffs },
    [0xa4 ... 0xa5] = { em_string },
    [0xaa ... 0xad] = { em_string },
    [0xc6 ... 0xc7] = { em_mov_imm },
    [0xf6 ... 0xf7] = { em_grp3, true },
};

static const struct em_op map0f_ops[256] = {
    [0xb6 ... 0xb7] = { em_movx },
    [0xbe ... 0xbf] = { em_movx },
    [0xc3] = { em_movnti },
};

#undef ALU_ROW

static const struct em_op *lookup(const struct x86_insn *insn)
{
    if ( insn->encoding != X86_ENC_LEGACY )
        return NULL;
    if ( insn->map == X86_MAP_1BYTE )
        return &map1_ops[insn->opcode];
    if ( insn->map == X86_MAP_0F )
        return &map0f_ops[insn->opcode];
    return NULL;
}

int x86_emulate_mmio(struct x86_emul_ctxt *ctxt)
{
    struct em s = { .ctxt = ctxt, .regs = ctxt->regs };
    const struct em_op *op;

    ctxt->decode_rc = 0;
    if ( ctxt->insn )
        ctxt->decoded = *ctxt->insn;
    else if ( (ctxt->decode_rc = x86_decode(ctxt->insn_buf, ctxt->insn_avail,
                                            ctxt->mode, &ctxt->decoded)) )
        return X86EMUL_UNHANDLEABLE;
    s.insn = &ctxt->decoded;

    op = lookup(s.insn);
    if ( !op || !op->fn )
        return X86EMUL_UNHANDLEABLE;
    /* LOCK needs a lockable instruction with memory as its destination. */
    if ( (s.insn->prefixes & X86_PFX_LOCK) && (!op->lockable || !s.insn->has_mem) )
        return X86EMUL_UNHANDLEABLE;
    return op->fn(&s);
}
