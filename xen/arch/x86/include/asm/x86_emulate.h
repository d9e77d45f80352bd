/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 instruction decoder (lengths for intercepted instructions, SVM on QEMU
 * gives no next-RIP) and the small emulator for guest accesses to emulated MMIO.
 * Pure code: no hypervisor state, also built into the host unit tests. */
#ifndef ASM_X86_X86_EMULATE_H
#define ASM_X86_X86_EMULATE_H

#include <xen/types.h>

/* Decoding mode: what CS says. Real mode and virtual-8086 mode decode as 16. */
enum x86_mode {
    X86_MODE_16,                /* real, vm86, or protected with CS.D=0 */
    X86_MODE_32,                /* protected or compatibility with CS.D=1 */
    X86_MODE_64,                /* long mode with CS.L=1 */
};

/* From guest state: cr0, efer and the CS attributes' L and D/B bits. */
enum x86_mode x86_guest_mode(uint64_t cr0, uint64_t efer, bool cs_l, bool cs_d);

/* Segment registers in encoding order (the sreg field of MOV Sreg). */
enum x86_seg {
    X86_SEG_ES,
    X86_SEG_CS,
    X86_SEG_SS,
    X86_SEG_DS,
    X86_SEG_FS,
    X86_SEG_GS,
    X86_NR_SEGS,
    X86_SEG_NONE = 0xff,        /* no override prefix */
};

/* Legacy prefixes seen (struct x86_insn.prefixes). */
#define X86_PFX_LOCK        0x01
#define X86_PFX_REP         0x02    /* F3: REP / REPE */
#define X86_PFX_REPNE       0x04    /* F2 */
#define X86_PFX_OPSIZE      0x08    /* 66 */
#define X86_PFX_ADDRSIZE    0x10    /* 67 */

/* Opcode maps (struct x86_insn.map). VEX, EVEX and XOP encode the map number. */
enum x86_map {
    X86_MAP_1BYTE,
    X86_MAP_0F,
    X86_MAP_0F38,
    X86_MAP_0F3A,
    X86_MAP_3DNOW,              /* 0F 0F: the opcode is the trailing imm8 */
    X86_MAP_XOP8,
    X86_MAP_XOP9,
    X86_MAP_XOPA,
    X86_MAP_EVEX5,              /* EVEX maps 5 and 6 (AVX512-FP16) */
    X86_MAP_EVEX6,
};

/* Which escape introduced the instruction (struct x86_insn.encoding). */
enum x86_encoding {
    X86_ENC_LEGACY,
    X86_ENC_VEX2,               /* C5 */
    X86_ENC_VEX3,               /* C4 */
    X86_ENC_EVEX,               /* 62 */
    X86_ENC_XOP,                /* 8F with map >= 8 */
};

/* One decoded instruction. Register numbers include the REX extension bits. */
struct x86_insn {
    uint8_t len;                /* total length, 1..15 */
    uint8_t mode;               /* enum x86_mode it was decoded in */
    uint8_t prefixes;           /* X86_PFX_* */
    uint8_t seg;                /* last segment override, or X86_SEG_NONE */
    uint8_t rex;                /* 0x40..0x4f if a REX prefix applies, else 0 */
    uint8_t encoding;           /* enum x86_encoding */
    uint8_t map;                /* enum x86_map */
    uint8_t opcode;             /* the opcode byte within the map */
    uint8_t opsize;             /* effective operand size in bytes: 2, 4 or 8 */
    uint8_t addrsize;           /* effective address size in bytes: 2, 4 or 8 */

    bool has_modrm;
    bool has_mem;               /* ModRM names memory (mod != 3, not MOV CRn) */
    bool has_sib;
    bool rip_relative;          /* 64-bit mode, mod=0 rm=5: disp is from next RIP */
    uint8_t modrm;
    uint8_t mod;                /* ModRM fields, reg and rm extended by REX.R/B */
    uint8_t reg;
    uint8_t rm;
    uint8_t sib;
    uint8_t sib_base;           /* extended by REX.B */
    uint8_t sib_index;          /* extended by REX.X; 4 means none */
    uint8_t sib_scale;          /* 1, 2, 4 or 8 */

    uint8_t disp_bytes;         /* 0, 1, 2 or 4 */
    uint8_t imm_bytes;          /* first immediate: 0, 1, 2, 4 or 8 */
    uint8_t imm2_bytes;         /* second immediate (ENTER, far pointer, EXTRQ) */
    int64_t disp;               /* sign-extended */
    uint64_t imm;               /* zero-extended: offset, moffs, rel, value */
    uint64_t imm2;              /* ENTER's level, a far pointer's selector */
};

/* Decodes at most min(avail, 15) bytes of buf as an instruction in mode.
 * Returns 0 with *insn filled, -ERANGE if avail ended before the instruction
 * did (fetch more and retry), or -EINVAL for an encoding that would fault
 * (#UD: undefined or invalid in this mode; #GP: longer than 15 bytes). */
int x86_decode(const uint8_t *buf, unsigned int avail, enum x86_mode mode,
               struct x86_insn *insn);

/* Emulator return codes; callbacks return the same values. */
#define X86EMUL_OKAY            0
#define X86EMUL_UNHANDLEABLE    1   /* not an instruction we emulate */
#define X86EMUL_EXCEPTION       2   /* a callback faulted; it recorded the fault */

/* Guest general registers, indexed by their x86 encoding, plus RIP, RFLAGS and
 * the segment bases (real mode: selector << 4). In 64-bit mode only the FS and
 * GS bases are applied, as the CPU does. */
struct x86_emul_regs {
    union {
        uint64_t gpr[16];
        struct {
            uint64_t rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi;
            uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
        };
    };
    uint64_t rip;
    uint64_t rflags;
    uint64_t seg_base[X86_NR_SEGS];     /* indexed by enum x86_seg */
};

/* Memory behind a linear address. val holds bytes (1, 2, 4 or 8) in guest
 * (little-endian) order. Return X86EMUL_OKAY, or X86EMUL_EXCEPTION after
 * recording a fault to inject, or X86EMUL_UNHANDLEABLE. */
struct x86_emul_ops {
    int (*read)(void *priv, uint64_t linear, void *val, unsigned int bytes);
    int (*write)(void *priv, uint64_t linear, const void *val, unsigned int bytes);
};

struct x86_emul_ctxt {
    /* In */
    struct x86_emul_regs *regs;
    enum x86_mode mode;
    const struct x86_emul_ops *ops;
    void *priv;                     /* passed to the callbacks */
    const uint8_t *insn_buf;        /* raw bytes at CS:RIP ... */
    unsigned int insn_avail;        /* ... and how many were fetched */
    const struct x86_insn *insn;    /* or NULL: already decoded, buf ignored */
    unsigned long rep_limit;        /* REP iterations per call; 0 means all */

    /* Out */
    struct x86_insn decoded;        /* what was emulated */
    int decode_rc;                  /* x86_decode()'s result if it was called */
};

/* Emulates the instruction at regs->rip: a general-purpose data move or ALU
 * operation with a memory operand (the MMIO access that faulted). On OKAY the
 * registers, flags and RIP are updated. On UNHANDLEABLE nothing changed. On
 * EXCEPTION registers are as before the instruction, except that a REP string
 * instruction keeps the iterations it completed. A REP instruction that ran out
 * of rep_limit returns OKAY with RIP unchanged so the guest re-executes it. */
int x86_emulate_mmio(struct x86_emul_ctxt *ctxt);

#endif /* ASM_X86_X86_EMULATE_H */
