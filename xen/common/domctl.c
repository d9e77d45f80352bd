/* SPDX-License-Identifier: GPL-2.0-only */
/* The domctl hypercall: the hardware domain's toolstack creates, pauses,
 * inspects, loads and destroys other domains. Answers follow Xen 4.17's
 * do_domctl: a wrong interface version is -EACCES, an unknown domain -ESRCH,
 * a sub-op we do not provide -ENOSYS, and nothing is half done on error. */
#include <xen/domain_info.h>
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/save.h>
#include <asm/cpufeature.h>
#include <public/domctl.h>

/* A context stream bigger than this cannot be ours: refuse before allocating. */
#define HVM_CONTEXT_MAX     (64 * 1024)

/* ---- createdomain ---- */

static const char *bad_config(const struct xen_domctl_createdomain *c)
{
    uint32_t known = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap | XEN_DOMCTL_CDF_s3_integrity |
                     XEN_DOMCTL_CDF_oos_off | XEN_DOMCTL_CDF_xs_domain |
                     XEN_DOMCTL_CDF_iommu | XEN_DOMCTL_CDF_nested_virt | XEN_DOMCTL_CDF_vpmu;

    if ( c->flags & ~known )
        return "unknown flags";
    if ( !(c->flags & XEN_DOMCTL_CDF_hvm) )
        return "PV guests are not supported";
    if ( !(c->flags & XEN_DOMCTL_CDF_hap) || !hvm_enabled() )
        return "HVM guests need hardware-assisted paging";
    if ( c->flags & (XEN_DOMCTL_CDF_iommu | XEN_DOMCTL_CDF_nested_virt |
                     XEN_DOMCTL_CDF_vpmu | XEN_DOMCTL_CDF_s3_integrity) )
        return "IOMMU, nested virtualisation, vPMU and S3 integrity are not supported";
    if ( !c->max_vcpus || c->max_vcpus > MAX_VIRT_CPUS )
        return "max_vcpus out of range";
    if ( c->max_grant_frames < -1 || c->max_grant_frames == 0 ||
         c->max_grant_frames > (int32_t)GNTTAB_MAX_FRAMES ||
         c->max_maptrack_frames < -1 ||
         c->max_maptrack_frames > (int32_t)GNTTAB_MAX_MAPTRACK_CHUNKS )
        return "grant table limits out of range";
    if ( (c->grant_opts & ~XEN_DOMCTL_GRANT_version_mask) ||
         (c->grant_opts & XEN_DOMCTL_GRANT_version_mask) > 2 )
        return "unsupported grant options";
    if ( c->vmtrace_size || c->iommu_opts || c->ssidref )
        return "vmtrace, IOMMU options and XSM labels are not supported";
    /* Xen 4.17's rule for an HVM domU: all emulation but vPCI, or the LAPIC alone. */
    if ( c->arch.misc_flags & ~XEN_X86_MSR_RELAXED )
        return "unknown misc flags";
    return NULL;
}

/* Xen 4.17's rule for an HVM domU is all emulation but vPCI, or the LAPIC
 * alone (PVH); only PVH is offered here so far. Xen says -EOPNOTSUPP. */
static const char *bad_emulation(uint32_t flags)
{
    if ( flags == XEN_X86_EMU_LAPIC )
        return NULL;
    if ( flags == (XEN_X86_EMU_ALL & ~XEN_X86_EMU_VPCI) )
        return "HVM guests with emulated devices are not supported yet (PVH only)";
    return "emulation flags are neither PVH's nor HVM's";
}

static bool domid_free(domid_t id)
{
    return id && id < DOMID_FIRST_RESERVED && !get_domain_by_id(id);
}

/* The id asked for, or the next free one after the last given out. */
static long pick_domid(domid_t want)
{
    static domid_t rover;
    domid_t id;

    if ( want && want < DOMID_FIRST_RESERVED )
        return domid_free(want) ? want : -EEXIST;
    for ( id = rover + 1; id != rover; id++ )
    {
        if ( id >= DOMID_FIRST_RESERVED )
            id = 1;
        if ( domid_free(id) )
        {
            rover = id;
            return id;
        }
    }
    return -ENOMEM;
}

static long createdomain(struct xen_domctl *op)
{
    const struct xen_domctl_createdomain *c = &op->u.createdomain;
    struct domain_config cfg = {
        .max_vcpus = c->max_vcpus, .cdf = c->flags,
        .emulation_flags = c->arch.emulation_flags, .misc_flags = c->arch.misc_flags,
        .max_evtchn_port = c->max_evtchn_port,
        .max_grant_frames = c->max_grant_frames < 0 ? GNTTAB_MAX_FRAMES
                                                    : (unsigned int)c->max_grant_frames,
        .max_maptrack_frames = c->max_maptrack_frames < 0 ? GNTTAB_MAX_MAPTRACK_CHUNKS
                                                          : (unsigned int)c->max_maptrack_frames,
    };
    const char *why = bad_config(c);
    struct domain *d;
    long id;

    if ( why )
    {
        printk(XENLOG_INFO "createdomain: %s\n", why);
        return -EINVAL;
    }
    if ( (why = bad_emulation(c->arch.emulation_flags)) )
    {
        printk(XENLOG_INFO "createdomain: emulation flags %#x: %s\n",
               c->arch.emulation_flags, why);
        return -EOPNOTSUPP;
    }
    if ( c->cpupool_id )
        return -ENOENT;
    if ( (id = pick_domid(op->domain)) < 0 )
        return id;
    if ( !(d = domain_create((domid_t)id, &cfg)) )
        return get_domain_by_id((domid_t)id) ? -EEXIST : -ENOMEM;
    memcpy(d->handle, c->handle, sizeof(d->handle));
    op->domain = d->domain_id;
    printk(XENLOG_INFO "d%u created: %u vCPUs\n", d->domain_id, d->max_vcpus);
    return 0;
}

/* ---- getdomaininfo ---- */

static uint32_t info_flags(const struct domain *d)
{
    const struct vcpu *v;
    uint32_t f = XEN_DOMINF_hvm_guest;
    unsigned int online = 0, blocked = 0;

    if ( d->cdf & XEN_DOMCTL_CDF_hap )
        f |= XEN_DOMINF_hap;
    if ( d->cdf & XEN_DOMCTL_CDF_xs_domain )
        f |= XEN_DOMINF_xs_domain;
    if ( d->controller_pause_count )
        f |= XEN_DOMINF_paused;
    if ( d->state == DOMSTATE_shutdown )
        f |= XEN_DOMINF_shutdown;
    /* As Xen: the code as is, so a domain never shut down shows 0xffff here. */
    f |= (uint32_t)d->shutdown_code << XEN_DOMINF_shutdownshift;
    for_each_vcpu ( d, v )
    {
        if ( v->is_running )
            f |= XEN_DOMINF_running;
        if ( v->pause_flags & VPF_down )
            continue;
        online++;
        blocked += !!(v->pause_flags & VPF_blocked);
    }
    if ( online && online == blocked )
        f |= XEN_DOMINF_blocked;
    return f;
}

void getdomaininfo(const struct domain *d, struct xen_domctl_getdomaininfo *info)
{
    const struct vcpu *v;

    memset(info, 0, sizeof(*info));
    info->domain = d->domain_id;
    info->flags = info_flags(d);
    info->tot_pages = d->tot_pages;
    info->max_pages = d->max_pages;
    info->shared_info_frame = d->arch.shared_info_gfn;
    for_each_vcpu ( d, v )
    {
        info->cpu_time += (uint64_t)v->cpu_time;
        info->nr_online_vcpus += !(v->pause_flags & VPF_down);
    }
    info->max_vcpu_id = d->vcpu[0] ? d->max_vcpus - 1 : ~0u;
    memcpy(info->handle, d->handle, sizeof(info->handle));
    info->gpaddr_bits = (uint8_t)min(boot_cpu.phys_addr_bits, 48u);
    info->arch_config.emulation_flags = d->emulation_flags;
    info->arch_config.misc_flags = d->misc_flags;
}

/* The domain asked for, or else the next one up (how xc_domain_getinfo walks). */
static long domaininfo(struct xen_domctl *op)
{
    struct domain *d;

    if ( op->domain >= DOMID_FIRST_RESERVED )
        return -EINVAL;
    if ( !(d = get_domain_from(op->domain)) )
        return -ESRCH;
    getdomaininfo(d, &op->u.getdomaininfo);
    op->domain = d->domain_id;
    return 0;
}

/* ---- Sub-ops on one domain ---- */

static long getvcpuinfo(struct domain *d, struct xen_domctl *op)
{
    struct xen_domctl_getvcpuinfo *i = &op->u.getvcpuinfo;
    const struct vcpu *v;

    if ( i->vcpu >= d->max_vcpus )
        return -EINVAL;
    if ( !(v = d->vcpu[i->vcpu]) )
        return -ESRCH;
    i->online = !(v->pause_flags & VPF_down);
    i->blocked = !!(v->pause_flags & VPF_blocked);
    i->running = v->is_running;
    i->cpu_time = (uint64_t)v->cpu_time;
    i->cpu = v->processor;
    return 0;
}

static long gethvmcontext(struct vcpu *cv, struct domain *d, struct xen_domctl *op)
{
    size_t need = hvm_save_size(d), used;
    uint8_t *buf;

    if ( !op->u.hvmcontext.buffer.q )
    {
        op->u.hvmcontext.size = (uint32_t)need;
        return 0;
    }
    if ( op->u.hvmcontext.size < need )
        return -ENOSPC;
    if ( !(buf = xzalloc_bytes(need)) )
        return -ENOMEM;
    domain_pause_sync(d);
    used = hvm_save(d, buf, need);
    domain_unpause(d);
    op->u.hvmcontext.size = (uint32_t)used;
    if ( copy_to_guest(cv, op->u.hvmcontext.buffer.q, buf, used) )
        used = 0;
    xfree(buf);
    return used ? 0 : -EFAULT;
}

static long sethvmcontext(struct vcpu *cv, struct domain *d, const struct xen_domctl *op)
{
    uint32_t size = op->u.hvmcontext.size;
    uint8_t *buf;
    long rc;

    if ( size > HVM_CONTEXT_MAX || !(buf = xmalloc_bytes(size ? size : 1)) )
        return -ENOMEM;
    if ( copy_from_guest(cv, buf, op->u.hvmcontext.buffer.q, size) )
    {
        xfree(buf);
        return -EFAULT;
    }
    domain_pause_sync(d);
    rc = hvm_load(d, buf, size);
    domain_unpause(d);
    xfree(buf);
    return rc;
}

static long on_domain(struct vcpu *cv, struct domain *d, struct xen_domctl *op, bool *copyback)
{
    bool self = d == cv->domain;

    switch ( op->cmd )
    {
    case XEN_DOMCTL_destroydomain:
        return self ? -EINVAL : domain_kill(d);
    case XEN_DOMCTL_pausedomain:
        return self ? -EINVAL : domain_pause_by_controller(d);
    case XEN_DOMCTL_unpausedomain:
        return domain_unpause_by_controller(d);
    case XEN_DOMCTL_max_vcpus:
        /* The count was fixed at creation; this makes the vCPUs. */
        if ( self || op->u.max_vcpus.max != d->max_vcpus )
            return -EINVAL;
        return domain_create_vcpus(d);
    case XEN_DOMCTL_max_mem:
        spin_lock(&d->lock);
        d->max_pages = op->u.max_mem.max_memkb >> (PAGE_SHIFT - 10);
        spin_unlock(&d->lock);
        return 0;
    case XEN_DOMCTL_getvcpuinfo:
        *copyback = true;
        return getvcpuinfo(d, op);
    case XEN_DOMCTL_setdomainhandle:
        spin_lock(&d->lock);
        memcpy(d->handle, op->u.setdomainhandle.handle, sizeof(d->handle));
        spin_unlock(&d->lock);
        return 0;
    case XEN_DOMCTL_gethvmcontext:
        *copyback = true;
        return self ? -EINVAL : gethvmcontext(cv, d, op);
    case XEN_DOMCTL_sethvmcontext:
        return self ? -EINVAL : sethvmcontext(cv, d, op);
    default:
        return -ENOSYS;
    }
}

long do_domctl(struct vcpu *v, const uint64_t *args)
{
    struct xen_domctl op;
    struct domain *d;
    bool copyback = false;
    long rc;

    if ( copy_from_guest(v, &op, args[0], sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XEN_DOMCTL_INTERFACE_VERSION )
        return -EACCES;
    if ( op.cmd == XEN_DOMCTL_createdomain || op.cmd == XEN_DOMCTL_getdomaininfo )
    {
        rc = op.cmd == XEN_DOMCTL_createdomain ? createdomain(&op) : domaininfo(&op);
        copyback = !rc;
    }
    else if ( !(d = get_domain_by_id(op.domain)) )
        return -ESRCH;
    else
        rc = on_domain(v, d, &op, &copyback);
    if ( copyback && copy_to_guest(v, args[0], &op, sizeof(op)) )
    {
        /* A domain the caller cannot learn the id of would only leak. */
        if ( op.cmd == XEN_DOMCTL_createdomain && (d = get_domain_by_id(op.domain)) )
            domain_kill(d);
        return -EFAULT;
    }
    return rc;
}
