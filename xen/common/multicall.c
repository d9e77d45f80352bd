/* SPDX-License-Identifier: GPL-2.0-only */
/* multicall: a batch of hypercalls, each entry's result written back to it, and
 * vm_assist: the optional behaviours a guest can switch on. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm/guest_access.h>
#include <public/xen.h>

#define MAX_MULTICALL   512

long do_multicall(struct vcpu *v, const uint64_t *args)
{
    uint64_t list = args[0];
    unsigned int nr = (unsigned int)args[1], i;

    if ( nr > MAX_MULTICALL )
        return -EINVAL;
    for ( i = 0; i < nr; i++ )
    {
        struct multicall_entry e;
        uint64_t a[6];
        unsigned int j;

        if ( copy_from_guest(v, &e, list + i * sizeof(e), sizeof(e)) )
            return -EFAULT;
        for ( j = 0; j < 6; j++ )
            a[j] = e.args[j];
        /* A multicall inside a multicall would let a guest recurse on our stack. */
        e.result = e.op == __HYPERVISOR_multicall ? (uint64_t)-EINVAL
                                                  : (uint64_t)hypercall_dispatch(v, e.op, a);
        if ( copy_to_guest(v, list + i * sizeof(e) + offsetof(struct multicall_entry, result),
                           &e.result, sizeof(e.result)) )
            return -EFAULT;
    }
    return 0;
}

/* Of the assists, HVM guests may only turn on the runstate update flag. */
long do_vm_assist(struct vcpu *v, const uint64_t *args)
{
    unsigned int cmd = (unsigned int)args[0], type = (unsigned int)args[1];

    if ( cmd != VMASST_CMD_enable && cmd != VMASST_CMD_disable )
        return -ENOSYS;
    if ( type != VMASST_TYPE_runstate_update_flag )
        return -EINVAL;
    if ( cmd == VMASST_CMD_enable )
        __atomic_fetch_or(&v->domain->vm_assist, 1UL << type, __ATOMIC_SEQ_CST);
    else
        __atomic_fetch_and(&v->domain->vm_assist, ~(1UL << type), __ATOMIC_SEQ_CST);
    return 0;
}
