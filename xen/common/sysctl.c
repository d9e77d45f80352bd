/* SPDX-License-Identifier: GPL-2.0-only */
/* The sysctl hypercall: the hardware domain's view of the machine (CPUs,
 * memory, capabilities) and of all domains at once. As in Xen 4.17, a wrong
 * interface version is -EACCES and a sub-op we do not provide -ENOSYS. */
#include <xen/domain_info.h>
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/hvm.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <public/sysctl.h>

/* hw_cap[] in Xen's featureset order: the words of leaves 1, 0x80000001,
 * 0xd:1, 7:0 and 0x80000007 this host reports. */
static void fill_hw_cap(uint32_t cap[8])
{
    struct cpuid_leaf l;

    cpuid(1, &l);
    cap[0] = l.d;
    cap[1] = l.c;
    cpuid(0x80000001, &l);
    cap[2] = l.d;
    cap[3] = l.c;
    cpuid_count(0xd, 1, &l);
    cap[4] = l.a;
    cpuid_count(7, 0, &l);
    cap[5] = l.b;
    cap[6] = l.c;
    cpuid(0x80000007, &l);
    cap[7] = l.d;
}

static void physinfo(struct xen_sysctl_physinfo *pi)
{
    unsigned int cpu, online = 0;

    for_each_online_cpu ( cpu )
        online++;
    memset(pi, 0, sizeof(*pi));
    pi->threads_per_core = 1;
    pi->cores_per_socket = online;
    pi->nr_cpus = online;
    pi->max_cpu_id = nr_cpu_ids - 1;
    pi->nr_nodes = 1;
    pi->cpu_khz = (uint32_t)cpu_khz;
    pi->capabilities = XEN_SYSCTL_PHYSCAP_gnttab_v1 | XEN_SYSCTL_PHYSCAP_gnttab_v2;
    if ( hvm_enabled() )
        pi->capabilities |= XEN_SYSCTL_PHYSCAP_hvm | XEN_SYSCTL_PHYSCAP_hap;
    pi->total_pages = total_heap_pages();
    pi->free_pages = avail_heap_pages();
    pi->scrub_pages = 0;        /* pages are scrubbed when allocated, never queued */
    pi->max_mfn = max_page - 1;
    fill_hw_cap(pi->hw_cap);
}

static long domaininfolist(struct vcpu *v, struct xen_sysctl_getdomaininfolist *l)
{
    struct xen_domctl_getdomaininfo info;
    uint32_t n = 0;
    const struct domain *d;
    uint32_t next = l->first_domain;

    while ( n < l->max_domains && next < DOMID_FIRST_RESERVED &&
            (d = get_domain_from((domid_t)next)) )
    {
        getdomaininfo(d, &info);
        if ( copy_to_guest(v, l->buffer.q + n * sizeof(info), &info, sizeof(info)) )
            return -EFAULT;
        n++;
        next = d->domain_id + 1u;
    }
    l->num_domains = n;
    return 0;
}

long do_sysctl(struct vcpu *v, const uint64_t *args)
{
    struct xen_sysctl op;
    long rc;

    if ( copy_from_guest(v, &op, args[0], sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XEN_SYSCTL_INTERFACE_VERSION )
        return -EACCES;
    switch ( op.cmd )
    {
    case XEN_SYSCTL_physinfo:
        physinfo(&op.u.physinfo);
        rc = 0;
        break;
    case XEN_SYSCTL_getdomaininfolist:
        rc = domaininfolist(v, &op.u.getdomaininfolist);
        break;
    default:
        return -ENOSYS;
    }
    if ( !rc && copy_to_guest(v, args[0], &op, sizeof(op)) )
        return -EFAULT;
    return rc;
}
