/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest-linear copies for host unit tests of hypercall code: a "guest pointer"
 * is a host pointer, and the lowest 64 KiB fault as an unmapped page would. */
#include <stdint.h>
#include <string.h>

#include <xen/errno.h>
#include <asm/hvm/guest_access.h>

#define UNIT_BAD_GVA_LIMIT 0x10000

int copy_from_guest(struct vcpu *v, void *dst, uint64_t gva, size_t len)
{
    if ( gva < UNIT_BAD_GVA_LIMIT )
        return -EFAULT;
    memcpy(dst, (const void *)(uintptr_t)gva, len);
    return 0;
}

int copy_to_guest(struct vcpu *v, uint64_t gva, const void *src, size_t len)
{
    if ( gva < UNIT_BAD_GVA_LIMIT )
        return -EFAULT;
    memcpy((void *)(uintptr_t)gva, src, len);
    return 0;
}
