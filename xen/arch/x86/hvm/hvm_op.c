/* SPDX-License-Identifier: GPL-2.0-only */
/* The hvm_op hypercall: HVM parameters (the event-channel callback route, console
 * and xenstore rings) and a few queries. Which parameters a guest may read or
 * write for itself follows Xen 4.17; the rest are the toolstack's. */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/timer.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/vlapic.h>
#include <public/xen.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>
#include <public/sched.h>

enum access { NONE, READ, READ_WRITE };

static enum access self_access(uint32_t index)
{
    switch ( index )
    {
    case HVM_PARAM_CALLBACK_IRQ:
    case HVM_PARAM_STORE_EVTCHN:
    case HVM_PARAM_CONSOLE_EVTCHN:
    case HVM_PARAM_VM86_TSS:
    case HVM_PARAM_ACPI_IOPORTS_LOCATION:
    case HVM_PARAM_VM_GENERATION_ID_ADDR:
    case HVM_PARAM_X87_FIP_WIDTH:
    case HVM_PARAM_VM86_TSS_SIZED:
        return READ_WRITE;
    case HVM_PARAM_STORE_PFN:
    case HVM_PARAM_CONSOLE_PFN:
    case HVM_PARAM_ALTP2M:
        return READ;
    default:
        return NONE;
    }
}

static long param_op(struct vcpu *v, uint64_t arg, bool set)
{
    struct xen_hvm_param p;
    struct domain *d;

    if ( copy_from_guest(v, &p, arg, sizeof(p)) )
        return -EFAULT;
    if ( p.index >= HVM_NR_PARAMS || p.index >= HVM_NR_PARAMS_MAX )
        return -EINVAL;
    d = (p.domid == DOMID_SELF || p.domid == v->domain->domain_id) ? v->domain : NULL;
    if ( !d )
    {
        if ( !v->domain->is_privileged || !(d = get_domain_by_id(p.domid)) )
            return -ESRCH;
    }
    else if ( self_access(p.index) < (set ? READ_WRITE : READ) )
        return -EPERM;
    if ( set && p.index == HVM_PARAM_TRIPLE_FAULT_REASON && p.value > SHUTDOWN_MAX )
        return -EINVAL;
    if ( set )
    {
        d->arch.hvm_params[p.index] = p.value;
        return 0;
    }
    p.value = d->arch.hvm_params[p.index];
    return copy_to_guest(v, arg, &p, sizeof(p)) ? -EFAULT : 0;
}

static long set_upcall_vector(struct vcpu *v, uint64_t arg)
{
    struct xen_hvm_evtchn_upcall_vector op;
    struct vcpu *target;

    if ( copy_from_guest(v, &op, arg, sizeof(op)) )
        return -EFAULT;
    if ( op.vector < 0x10 )
        return -EINVAL;
    if ( op.vcpu >= v->domain->max_vcpus || !(target = v->domain->vcpu[op.vcpu]) )
        return -ENOENT;
    printk(XENLOG_INFO "d%uv%u: upcall vector %02x\n", v->domain->domain_id, op.vcpu,
           op.vector);
    target->arch.upcall_vector = op.vector;
    /* Whatever is already pending is owed through the new route. */
    if ( target->vcpu_info && target->vcpu_info->evtchn_upcall_pending )
        vlapic_set_irq(target->arch.vlapic, op.vector, false);
    return 0;
}

static long get_time(struct vcpu *v, uint64_t arg)
{
    struct xen_hvm_get_time t = { .now = (uint64_t)NOW() };

    return copy_to_guest(v, arg, &t, sizeof(t)) ? -EFAULT : 0;
}

long do_hvm_op(struct vcpu *v, const uint64_t *args)
{
    switch ( args[0] )
    {
    case HVMOP_set_param:
        return param_op(v, args[1], true);
    case HVMOP_get_param:
        return param_op(v, args[1], false);
    case HVMOP_pagetable_dying:
        return -EINVAL;     /* meaningful only with shadow paging */
    case HVMOP_set_evtchn_upcall_vector:
        return set_upcall_vector(v, args[1]);
    case HVMOP_get_time:
        return get_time(v, args[1]);
    default:
        return -ENOSYS;
    }
}
