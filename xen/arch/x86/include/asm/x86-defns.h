/* SPDX-License-Identifier: GPL-2.0-only */
/* Architectural bit definitions: control registers, RFLAGS, exception vectors. */
#ifndef ASM_X86_DEFNS_H
#define ASM_X86_DEFNS_H

#define X86_CR0_PE      0x00000001
#define X86_CR0_MP      0x00000002
#define X86_CR0_EM      0x00000004
#define X86_CR0_TS      0x00000008
#define X86_CR0_ET      0x00000010
#define X86_CR0_NE      0x00000020
#define X86_CR0_WP      0x00010000
#define X86_CR0_AM      0x00040000
#define X86_CR0_NW      0x20000000
#define X86_CR0_CD      0x40000000
#define X86_CR0_PG      0x80000000

#define X86_CR4_VME     0x00000001
#define X86_CR4_PVI     0x00000002
#define X86_CR4_TSD     0x00000004
#define X86_CR4_DE      0x00000008
#define X86_CR4_PSE     0x00000010
#define X86_CR4_PAE     0x00000020
#define X86_CR4_MCE     0x00000040
#define X86_CR4_PGE     0x00000080
#define X86_CR4_PCE     0x00000100
#define X86_CR4_OSFXSR  0x00000200
#define X86_CR4_OSXMMEXCPT 0x00000400
#define X86_CR4_UMIP    0x00000800
#define X86_CR4_VMXE    0x00002000
#define X86_CR4_FSGSBASE 0x00010000
#define X86_CR4_PCIDE   0x00020000
#define X86_CR4_OSXSAVE 0x00040000
#define X86_CR4_SMEP    0x00100000
#define X86_CR4_SMAP    0x00200000

#define X86_EFLAGS_CF   0x00000001
#define X86_EFLAGS_ZF   0x00000040
#define X86_EFLAGS_TF   0x00000100
#define X86_EFLAGS_IF   0x00000200
#define X86_EFLAGS_DF   0x00000400
#define X86_EFLAGS_AC   0x00040000

#define X86_EXC_DE      0
#define X86_EXC_DB      1
#define X86_EXC_NMI     2
#define X86_EXC_BP      3
#define X86_EXC_OF      4
#define X86_EXC_BR      5
#define X86_EXC_UD      6
#define X86_EXC_NM      7
#define X86_EXC_DF      8
#define X86_EXC_TS      10
#define X86_EXC_NP      11
#define X86_EXC_SS      12
#define X86_EXC_GP      13
#define X86_EXC_PF      14
#define X86_EXC_MF      16
#define X86_EXC_AC      17
#define X86_EXC_MC      18
#define X86_EXC_XM      19
#define X86_EXC_VE      20
#define X86_EXC_CP      21
#define X86_NR_EXCEPTIONS 32

#ifndef __ASSEMBLY__
/* 48-bit linear addresses: bits 63:47 all equal. */
static inline int is_canonical_address(unsigned long va)
{
    return ((long)(va << 16) >> 16) == (long)va;
}
#endif

#endif /* ASM_X86_DEFNS_H */
