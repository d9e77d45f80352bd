/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 instruction decoder: prefixes, opcode, ModRM/SIB/displacement and
 * immediates, enough to know every instruction's length and operands.
 *
 * Theory of operation. An instruction is
 *     [legacy prefixes] [REX] opcode-escape opcode [ModRM [SIB] [disp]] [imm]
 * or, for VEX/EVEX/XOP, [legacy prefixes] C5|C4|62|8F payload opcode ModRM...
 * The decoder walks that grammar with a cursor that refuses to pass the
 * caller's buffer (-ERANGE) or the architectural 15 bytes (-EINVAL). What an
 * opcode takes after it is data: one attribute word per opcode in the 1-byte
 * and 0F maps (has ModRM, immediate kind, default 64-bit operand size, invalid
 * in 64-bit mode, undefined); 0F38 and 0F3A are uniform (ModRM, and imm8 for
 * 0F3A). The few opcodes whose immediate depends on ModRM.reg or a prefix (F6/F7
 * TEST, 66/F2 0F 78 EXTRQ/INSERTQ) are special cases in imm_kind() and
 * decode_imm(); VEX/EVEX/XOP follow their own small rules (vex_has_imm8()).
 *
 * Examples, 64-bit mode:
 *   67 8b 04 25 00 00 e0 fe: addrsize prefix, MOV Gv,Ev, ModRM mod=0 rm=4 so
 *     a SIB follows, SIB base=5 with mod=0 so disp32: 8 bytes.
 *   48 b8 <8 bytes>: REX.W MOV rAX,imm: the B8+r immediate is operand-sized
 *     and REX.W makes it 8 bytes: 10 bytes.
 * Operand-size overrides on near branches follow AMD (66 E8 takes rel16 in
 * 64-bit mode); Intel ignores them. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/x86_emulate.h>

#define MAX_INSN_LEN 15

/* Opcode attributes. */
#define A_MODRM     0x0001      /* a ModRM byte follows */
#define A_IMM_MASK  0x000e      /* the immediate kind, IMM_* << 1 */
#define A_D64       0x0010      /* operand size defaults to 64 in long mode */
#define A_I64       0x0020      /* invalid in 64-bit mode */
#define A_UD        0x0040      /* undefined in every mode */
#define A_PFX       0x0080      /* a prefix byte (map 1) */
#define A_REGONLY   0x0100      /* ModRM.mod is ignored: always a register */
#define A_ESC       0x0200      /* escape to another map, handled before lookup */

enum imm_kind {
    IMM_NONE,
    IMM_B,                      /* imm8 / rel8 */
    IMM_W,                      /* imm16 */
    IMM_Z,                      /* imm16 or imm32 by operand size */
    IMM_V,                      /* imm16, imm32 or imm64 by operand size */
    IMM_FAR,                    /* offset16/32 then selector16 */
    IMM_MOFFS,                  /* an address-sized offset */
    IMM_ENTER,                  /* imm16 then imm8 */
};

#define I(k)    ((IMM_##k) << 1)
#define M       A_MODRM
#define MB      (A_MODRM | I(B))
#define MZ      (A_MODRM | I(Z))
#define IB      I(B)
#define IZ      I(Z)
#define X64     A_I64
#define D64     A_D64
#define P       A_PFX
#define UD      A_UD
#define ESC     A_ESC

static const uint16_t map1_attr[256] = {
    /* 00 */ M, M, M, M, IB, IZ, X64, X64, M, M, M, M, IB, IZ, X64, ESC,
    /* 10 */ M, M, M, M, IB, IZ, X64, X64, M, M, M, M, IB, IZ, X64, X64,
    /* 20 */ M, M, M, M, IB, IZ, P, X64, M, M, M, M, IB, IZ, P, X64,
    /* 30 */ M, M, M, M, IB, IZ, P, X64, M, M, M, M, IB, IZ, P, X64,
    /* 40 INC/DEC (REX in 64-bit mode) */
             0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 50 PUSH/POP */
             D64, D64, D64, D64, D64, D64, D64, D64,
             D64, D64, D64, D64, D64, D64, D64, D64,
    /* 60 */ X64, X64, M | X64, M, P, P, P, P,
             IZ | D64, MZ, IB | D64, MB, 0, 0, 0, 0,
    /* 70 Jcc rel8 */
             IB | D64, IB | D64, IB | D64, IB | D64, IB | D64, IB | D64, IB | D64, IB | D64,
             IB | D64, IB | D64, IB | D64, IB | D64, IB | D64, IB | D64, IB | D64, IB | D64,
    /* 80 */ MB, MZ, MB | X64, MB, M, M, M, M, M, M, M, M, M, M, M, M | D64,
    /* 90 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, I(FAR) | X64, 0, D64, D64, 0, 0,
    /* A0 */ I(MOFFS), I(MOFFS), I(MOFFS), I(MOFFS), 0, 0, 0, 0,
             IB, IZ, 0, 0, 0, 0, 0, 0,
    /* B0 */ IB, IB, IB, IB, IB, IB, IB, IB,
             I(V), I(V), I(V), I(V), I(V), I(V), I(V), I(V),
    /* C0 */ MB, MB, I(W) | D64, D64, M | X64, M | X64, MB, MZ,
             I(ENTER) | D64, D64, I(W), 0, 0, IB, X64, 0,
    /* D0 */ M, M, M, M, IB | X64, IB | X64, X64, 0, M, M, M, M, M, M, M, M,
    /* E0 */ IB | D64, IB | D64, IB | D64, IB | D64, IB, IB, IB, IB,
             IZ | D64, IZ | D64, I(FAR) | X64, IB | D64, 0, 0, 0, 0,
    /* F0 */ P, 0, P, P, 0, 0, M, M, 0, 0, 0, 0, 0, 0, M, M,
};

static const uint16_t map0f_attr[256] = {
    /* 00 */ M, M, M, M, UD, 0, 0, 0, 0, 0, UD, 0, UD, M, 0, MB,
    /* 10 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
    /* 20 MOV CRn/DRn */
             M | A_REGONLY, M | A_REGONLY, M | A_REGONLY, M | A_REGONLY,
             UD, UD, UD, UD, M, M, M, M, M, M, M, M,
    /* 30 */ 0, 0, 0, 0, 0, 0, UD, 0, ESC, UD, ESC, UD, UD, UD, UD, UD,
    /* 40 CMOVcc */
             M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
    /* 50 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
    /* 60 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
    /* 70 */ MB, MB, MB, MB, M, M, M, 0, M, M, UD, UD, M, M, M, M,
    /* 80 Jcc rel16/32 */
             IZ | D64, IZ | D64, IZ | D64, IZ | D64, IZ | D64, IZ | D64, IZ | D64, IZ | D64,
             IZ | D64, IZ | D64, IZ | D64, IZ | D64, IZ | D64, IZ | D64, IZ | D64, IZ | D64,
    /* 90 SETcc */
             M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
    /* A0 */ D64, D64, 0, M, MB, M, UD, UD, D64, D64, 0, M, MB, M, M, M,
    /* B0 */ M, M, M, M, M, M, M, M, M, M, MB, M, M, M, M, M,
    /* C0 */ M, M, MB, M, MB, MB, MB, M, 0, 0, 0, 0, 0, 0, 0, 0,
    /* D0 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
    /* E0 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
    /* F0 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
};

#undef I
#undef M
#undef MB
#undef MZ
#undef IB
#undef IZ
#undef X64
#undef D64
#undef P
#undef UD
#undef ESC

/* Reads the instruction bytes in order, within the buffer and 15 bytes. */
struct cursor {
    const uint8_t *buf;
    unsigned int avail;
    unsigned int pos;
};

static int peek(const struct cursor *c, unsigned int ahead, uint8_t *b)
{
    if ( c->pos + ahead >= MAX_INSN_LEN )
        return -EINVAL;
    if ( c->pos + ahead >= c->avail )
        return -ERANGE;
    *b = c->buf[c->pos + ahead];
    return 0;
}

/* Takes n (<= 8) bytes as a little-endian value. */
static int fetch(struct cursor *c, unsigned int n, uint64_t *val)
{
    unsigned int i;

    if ( c->pos + n > MAX_INSN_LEN )
        return -EINVAL;
    if ( c->pos + n > c->avail )
        return -ERANGE;
    *val = 0;
    for ( i = 0; i < n; i++ )
        *val |= (uint64_t)c->buf[c->pos + i] << (8 * i);
    c->pos += n;
    return 0;
}

static int fetch8(struct cursor *c, uint8_t *b)
{
    uint64_t v = 0;
    int rc = fetch(c, 1, &v);

    *b = v;
    return rc;
}

enum x86_mode x86_guest_mode(uint64_t cr0, uint64_t efer, bool cs_l, bool cs_d)
{
    if ( !(cr0 & 1) )                   /* CR0.PE clear: real mode */
        return X86_MODE_16;
    if ( (efer & (1u << 10)) && cs_l )  /* EFER.LMA and a 64-bit CS */
        return X86_MODE_64;
    return cs_d ? X86_MODE_32 : X86_MODE_16;
}

/* Legacy prefixes, then REX in 64-bit mode. A REX followed by another prefix
 * is dropped, as the CPU ignores it; the opcode byte is left at the cursor. */
static int decode_prefixes(struct cursor *c, struct x86_insn *insn)
{
    static const uint8_t seg_of[8] = {
        [0] = X86_SEG_ES, [1] = X86_SEG_CS, [2] = X86_SEG_SS, [3] = X86_SEG_DS,
    };
    uint8_t b;
    int rc;

    for ( ;; )
    {
        if ( (rc = peek(c, 0, &b)) )
            return rc;
        if ( insn->mode == X86_MODE_64 && (b & 0xf0) == 0x40 )
            insn->rex = b;
        else if ( map1_attr[b] & A_PFX )
        {
            insn->rex = 0;
            if ( (b & 0xe7) == 0x26 )           /* 26 2E 36 3E */
                insn->seg = seg_of[(b >> 3) & 3];
            else if ( b == 0x64 || b == 0x65 )
                insn->seg = b == 0x64 ? X86_SEG_FS : X86_SEG_GS;
            else if ( b == 0x66 )
                insn->prefixes |= X86_PFX_OPSIZE;
            else if ( b == 0x67 )
                insn->prefixes |= X86_PFX_ADDRSIZE;
            else if ( b == 0xf0 )
                insn->prefixes |= X86_PFX_LOCK;
            else if ( b == 0xf2 )
                insn->prefixes = (insn->prefixes & ~X86_PFX_REP) | X86_PFX_REPNE;
            else
                insn->prefixes = (insn->prefixes & ~X86_PFX_REPNE) | X86_PFX_REP;
        }
        else
            return 0;
        c->pos++;
    }
}

static bool vex_has_imm8(uint8_t map, uint8_t opcode)
{
    if ( map == X86_MAP_0F3A )
        return true;
    if ( map != X86_MAP_0F )
        return false;
    return (opcode >= 0x70 && opcode <= 0x73) || opcode == 0xc2 ||
           (opcode >= 0xc4 && opcode <= 0xc6);
}

/* Is the byte at the cursor a VEX/EVEX/XOP escape rather than LES, LDS,
 * BOUND or POP Ev? Outside 64-bit mode, C4/C5/62 escape only when the next
 * byte would be a register ModRM; 8F escapes when its map field is >= 8. */
static int is_vex_escape(const struct cursor *c, uint8_t b, enum x86_mode mode,
                         bool *escape)
{
    uint8_t next;
    int rc;

    *escape = false;
    if ( b != 0xc4 && b != 0xc5 && b != 0x62 && b != 0x8f )
        return 0;
    if ( b != 0x8f && mode == X86_MODE_64 )
    {
        *escape = true;
        return 0;
    }
    if ( (rc = peek(c, 1, &next)) )
        return rc;
    *escape = b == 0x8f ? (next & 0x1f) >= 8 : (next & 0xc0) == 0xc0;
    return 0;
}

/* The VEX (C4/C5), EVEX (62) or XOP (8F) payload, up to the opcode byte. */
static int decode_vex(struct cursor *c, struct x86_insn *insn, uint8_t esc)
{
    uint8_t p0, p1 = 0, map;
    uint64_t v;
    int rc;

    if ( insn->rex || (insn->prefixes & (X86_PFX_LOCK | X86_PFX_REP | X86_PFX_REPNE |
                                         X86_PFX_OPSIZE)) )
        return -EINVAL;
    c->pos++;
    if ( (rc = fetch8(c, &p0)) )
        return rc;
    switch ( esc )
    {
    case 0xc5:
        insn->encoding = X86_ENC_VEX2;
        map = X86_MAP_0F;
        p1 = p0;
        break;
    case 0x62:
        insn->encoding = X86_ENC_EVEX;
        if ( (rc = fetch(c, 2, &v)) )
            return rc;
        p1 = v;
        map = p0 & 7;
        if ( !(p1 & 0x04) || map == 0 || map == 4 || map == 7 )
            return -EINVAL;
        map = map == 5 ? X86_MAP_EVEX5 : map == 6 ? X86_MAP_EVEX6 : map;
        break;
    default:                            /* C4 and 8F: 3-byte form */
        if ( (rc = fetch8(c, &p1)) )
            return rc;
        map = p0 & 0x1f;
        insn->encoding = esc == 0xc4 ? X86_ENC_VEX3 : X86_ENC_XOP;
        if ( esc == 0xc4 && (map < 1 || map > 3) )
            return -EINVAL;
        if ( esc == 0x8f && map > 0xa )
            return -EINVAL;
        if ( esc == 0x8f )
            map = X86_MAP_XOP8 + (map - 8);
        break;
    }
    /* REX-like bits: VEX/XOP hold inverted R X B (EVEX too) and W. */
    insn->map = map;
    insn->rex = 0x40 | ((~p0 >> 5) & 7) | (esc != 0xc5 && (p1 & 0x80) ? 8 : 0);
    if ( esc == 0xc5 )
        insn->rex = 0x40 | ((~p0 >> 5) & 4);
    insn->prefixes |= (p1 & 3) == 1 ? X86_PFX_OPSIZE : 0;
    insn->prefixes |= (p1 & 3) == 2 ? X86_PFX_REP : (p1 & 3) == 3 ? X86_PFX_REPNE : 0;
    if ( (rc = fetch8(c, &insn->opcode)) )
        return rc;
    insn->has_modrm = !(map == X86_MAP_0F && insn->opcode == 0x77 &&
                        esc != 0x62);
    return 0;
}

/* The opcode bytes and, through escapes, the map. Returns the attributes. */
static int decode_opcode(struct cursor *c, struct x86_insn *insn, uint16_t *attr)
{
    uint8_t b;
    bool vex;
    int rc;

    if ( (rc = peek(c, 0, &b)) )
        return rc;
    if ( (rc = is_vex_escape(c, b, insn->mode, &vex)) )
        return rc;
    if ( vex )
    {
        *attr = A_MODRM;
        return decode_vex(c, insn, b);
    }
    c->pos++;
    insn->opcode = b;
    if ( b != 0x0f )
    {
        *attr = map1_attr[b];
        return 0;
    }
    if ( (rc = fetch8(c, &b)) )
        return rc;
    insn->map = X86_MAP_0F;
    insn->opcode = b;
    *attr = map0f_attr[b];
    if ( b == 0x0f )
        insn->map = X86_MAP_3DNOW;      /* the real opcode is the imm8 */
    if ( b != 0x38 && b != 0x3a )
        return 0;
    insn->map = b == 0x38 ? X86_MAP_0F38 : X86_MAP_0F3A;
    *attr = b == 0x38 ? A_MODRM : A_MODRM | (IMM_B << 1);
    return fetch8(c, &insn->opcode);
}

/* Operand and address sizes, now that the opcode is known. */
static void decode_sizes(struct x86_insn *insn, uint16_t attr)
{
    bool o16 = insn->prefixes & X86_PFX_OPSIZE;
    bool a16 = insn->prefixes & X86_PFX_ADDRSIZE;

    switch ( insn->mode )
    {
    case X86_MODE_16:
        insn->opsize = o16 ? 4 : 2;
        insn->addrsize = a16 ? 4 : 2;
        break;
    case X86_MODE_32:
        insn->opsize = o16 ? 2 : 4;
        insn->addrsize = a16 ? 2 : 4;
        break;
    default:
        if ( insn->rex & 8 )
            insn->opsize = 8;
        else if ( o16 )
            insn->opsize = 2;
        else
            insn->opsize = (attr & A_D64) ? 8 : 4;
        insn->addrsize = a16 ? 4 : 8;
        break;
    }
}

/* ModRM, SIB and displacement. */
static int decode_modrm(struct cursor *c, struct x86_insn *insn, uint16_t attr)
{
    uint8_t rex = insn->rex, rm;
    uint64_t v;
    int rc;

    if ( (rc = fetch8(c, &insn->modrm)) )
        return rc;
    insn->mod = insn->modrm >> 6;
    rm = insn->modrm & 7;
    insn->reg = ((insn->modrm >> 3) & 7) | ((rex & 4) << 1);
    insn->rm = rm | ((rex & 1) << 3);
    if ( insn->mod == 3 || (attr & A_REGONLY) )
    {
        insn->mod = 3;
        return 0;
    }
    insn->has_mem = true;

    if ( insn->addrsize == 2 )
    {
        if ( insn->mod == 1 )
            insn->disp_bytes = 1;
        else if ( insn->mod == 2 || rm == 6 )
            insn->disp_bytes = 2;
    }
    else
    {
        if ( rm == 4 )
        {
            insn->has_sib = true;
            if ( (rc = fetch8(c, &insn->sib)) )
                return rc;
            insn->sib_scale = 1 << (insn->sib >> 6);
            insn->sib_index = ((insn->sib >> 3) & 7) | ((rex & 2) << 2);
            insn->sib_base = (insn->sib & 7) | ((rex & 1) << 3);
            if ( insn->mod == 0 && (insn->sib & 7) == 5 )
                insn->disp_bytes = 4;
        }
        else if ( insn->mod == 0 && rm == 5 )
        {
            insn->disp_bytes = 4;
            insn->rip_relative = insn->mode == X86_MODE_64;
        }
        if ( insn->mod == 1 )
            insn->disp_bytes = 1;
        else if ( insn->mod == 2 )
            insn->disp_bytes = 4;
    }
    if ( !insn->disp_bytes )
        return 0;
    if ( (rc = fetch(c, insn->disp_bytes, &v)) )
        return rc;
    insn->disp = insn->disp_bytes == 1 ? (int8_t)v :
                 insn->disp_bytes == 2 ? (int16_t)v : (int32_t)v;
    return 0;
}

/* The immediate's kind, with the cases that depend on ModRM.reg or prefixes. */
static enum imm_kind imm_kind(const struct x86_insn *insn, uint16_t attr)
{
    bool test = insn->has_modrm && (insn->reg & 7) < 2;

    if ( insn->encoding != X86_ENC_LEGACY )
    {
        if ( insn->map == X86_MAP_XOP8 )
            return IMM_B;
        return vex_has_imm8(insn->map, insn->opcode) ? IMM_B : IMM_NONE;
    }
    if ( insn->map == X86_MAP_1BYTE && insn->opcode == 0xf6 && test )
        return IMM_B;
    if ( insn->map == X86_MAP_1BYTE && insn->opcode == 0xf7 && test )
        return IMM_Z;
    return (attr & A_IMM_MASK) >> 1;
}

static int decode_imm(struct cursor *c, struct x86_insn *insn, uint16_t attr)
{
    static const uint8_t z_bytes[9] = { [2] = 2, [4] = 4, [8] = 4 };
    unsigned int n = 0, n2 = 0;
    int rc;

    switch ( imm_kind(insn, attr) )
    {
    case IMM_NONE:  break;
    case IMM_B:     n = 1; break;
    case IMM_W:     n = 2; break;
    case IMM_Z:     n = z_bytes[insn->opsize]; break;
    case IMM_V:     n = insn->opsize; break;
    case IMM_FAR:   n = insn->opsize; n2 = 2; break;
    case IMM_MOFFS: n = insn->addrsize; break;
    case IMM_ENTER: n = 2; n2 = 1; break;
    }
    /* XOP map A takes an imm32 whatever the operand size. AMD's EXTRQ and
     * INSERTQ take an immediate index and length. */
    if ( insn->map == X86_MAP_0F && insn->opcode == 0x78 &&
         (insn->prefixes & (X86_PFX_OPSIZE | X86_PFX_REPNE)) )
        n = n2 = 1;
    if ( insn->encoding == X86_ENC_XOP && insn->map == X86_MAP_XOPA )
        n = 4;
    insn->imm_bytes = n;
    insn->imm2_bytes = n2;
    if ( n && (rc = fetch(c, n, &insn->imm)) )
        return rc;
    if ( n2 && (rc = fetch(c, n2, &insn->imm2)) )
        return rc;
    return 0;
}

/* Opcodes the table cannot reject by itself. */
static bool invalid_in_mode(const struct x86_insn *insn, uint16_t attr)
{
    if ( attr & A_UD )
        return true;
    if ( (attr & A_I64) && insn->mode == X86_MODE_64 )
        return true;
    /* 0F B8 is POPCNT only with F3 (JMPE otherwise: IA-64 systems only). */
    if ( insn->map == X86_MAP_0F && insn->opcode == 0xb8 &&
         !(insn->prefixes & X86_PFX_REP) )
        return true;
    /* LEA needs a memory operand. */
    return insn->map == X86_MAP_1BYTE && insn->opcode == 0x8d && insn->mod == 3;
}

int x86_decode(const uint8_t *buf, unsigned int avail, enum x86_mode mode,
               struct x86_insn *insn)
{
    struct cursor c = { .buf = buf, .avail = avail };
    uint16_t attr = 0;
    int rc;

    memset(insn, 0, sizeof(*insn));
    insn->mode = mode;
    insn->seg = X86_SEG_NONE;

    if ( (rc = decode_prefixes(&c, insn)) ||
         (rc = decode_opcode(&c, insn, &attr)) )
        return rc;
    if ( insn->encoding == X86_ENC_LEGACY )
        insn->has_modrm = attr & A_MODRM;
    decode_sizes(insn, attr);
    if ( insn->has_modrm && (rc = decode_modrm(&c, insn, attr)) )
        return rc;
    /* FF /2 /4 /6 (near CALL, JMP, PUSH) default to 64 bits like their kin. */
    if ( mode == X86_MODE_64 && insn->map == X86_MAP_1BYTE && insn->opcode == 0xff &&
         ((insn->reg & 7) == 2 || (insn->reg & 7) == 4 || (insn->reg & 7) == 6) )
        decode_sizes(insn, A_D64);
    if ( (rc = decode_imm(&c, insn, attr)) )
        return rc;
    if ( insn->encoding == X86_ENC_LEGACY && invalid_in_mode(insn, attr) )
        return -EINVAL;
    insn->len = c.pos;
    return 0;
}
