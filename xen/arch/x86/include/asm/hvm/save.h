/* SPDX-License-Identifier: GPL-2.0-only */
/* The HVM context stream (hvm/save.c), for the domctl handlers. */
#ifndef ASM_X86_HVM_SAVE_H
#define ASM_X86_HVM_SAVE_H

#include <xen/types.h>

struct domain;

/* The most a save of d can take. */
size_t hvm_save_size(const struct domain *d);
/* Writes d's stream to buf (at least hvm_save_size bytes); returns its length. */
size_t hvm_save(const struct domain *d, uint8_t *buf, size_t size);
/* Loads a stream: 0, -ENODATA for a truncated one, -EINVAL for a bad record. */
int hvm_load(struct domain *d, const uint8_t *buf, size_t size);

#endif /* ASM_X86_HVM_SAVE_H */
