/* SPDX-License-Identifier: GPL-2.0-only */
/* Offsets of the general-purpose registers in struct hvm_regs, for the entry
 * assembly of both backends (svm/entry.S, vmx/entry.S). The C side pins them
 * with build-time asserts in hvm.c. */
#ifndef ASM_X86_HVM_GPRS_H
#define ASM_X86_HVM_GPRS_H

#define HVM_GPR_RBX     0
#define HVM_GPR_RCX     8
#define HVM_GPR_RDX     16
#define HVM_GPR_RSI     24
#define HVM_GPR_RDI     32
#define HVM_GPR_RBP     40
#define HVM_GPR_R8      48
#define HVM_GPR_R9      56
#define HVM_GPR_R10     64
#define HVM_GPR_R11     72
#define HVM_GPR_R12     80
#define HVM_GPR_R13     88
#define HVM_GPR_R14     96
#define HVM_GPR_R15     104
#define HVM_GPR_RAX     112

#endif /* ASM_X86_HVM_GPRS_H */
