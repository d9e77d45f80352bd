/* SPDX-License-Identifier: GPL-2.0-only */
/* Domain lifecycle: create, pause, shut down, crash, destroy. Destruction returns
 * every page the domain owned to the heap; the 'm' key shows the same free count
 * before a domain is created and after it is gone. */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/shutdown.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <asm/hvm/hvm.h>
#include <public/xen.h>
#include <public/sched.h>

static DEFINE_SPINLOCK(domlist_lock);
static struct domain *domain_list;
struct domain *hardware_domain;

static struct vcpu *vcpu_create(struct domain *d, unsigned int id)
{
    struct vcpu *v = xzalloc(struct vcpu);

    if ( !v )
        return NULL;
    v->vcpu_id = id;
    v->domain = d;
    v->pause_flags = id ? VPF_down : 0;     /* APs wait for INIT-SIPI-SIPI */
    v->vcpu_info_mfn = INVALID_MFN;
    if ( id < XEN_LEGACY_MAX_VCPUS )
    {
        v->vcpu_info = &d->shared_info->vcpu_info[id];
        v->vcpu_info->evtchn_upcall_mask = 1;   /* as Xen; HVM guests ignore it */
    }
    if ( hvm_vcpu_init(v) )
    {
        xfree(v);
        return NULL;
    }
    d->vcpu[id] = v;
    sched_add_vcpu(v, id % nr_cpu_ids);
    vcpu_timers_init(v);
    vcpu_poll_init(v);
    return v;
}

static void vcpu_destroy(struct vcpu *v)
{
    sched_remove_vcpu(v);
    stop_timer(&v->singleshot_timer);
    stop_timer(&v->periodic_timer);
    stop_timer(&v->poll_timer);
    hvm_vcpu_destroy(v);
    xfree(v);
}

static void free_domain_pages(struct domain *d)
{
    struct page_info *pg;

    while ( (pg = page_list_first(&d->page_list)) )
    {
        unsigned int order = pg->count_info & PGC_count_mask;

        page_list_del(pg);
        page_set_owner(pg, NULL);
        pg->count_info &= ~PGC_count_mask;
        free_domheap_pages(pg, order);
    }
    d->tot_pages = 0;
}

/* Undoes exactly what domain_create got done, in reverse. */
static void domain_teardown(struct domain *d)
{
    unsigned int i;

    grant_table_destroy(d);
    evtchn_domain_destroy(d);
    for ( i = 0; d->vcpu && i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            vcpu_destroy(d->vcpu[i]);
    xfree(d->vcpu);
    hvm_domain_destroy(d);
    p2m_teardown(&d->arch.p2m);
    free_domain_pages(d);
    if ( d->shared_info )
        free_xenheap_pages(d->shared_info, 0);
    xfree(d);
}

struct domain *domain_create(domid_t id, unsigned int max_vcpus, bool privileged)
{
    struct domain *d;
    unsigned int i;

    if ( !max_vcpus || max_vcpus > MAX_VIRT_CPUS || id >= DOMID_FIRST_RESERVED )
        return NULL;
    if ( (d = get_domain_by_id(id)) )
        return NULL;
    if ( !(d = xzalloc(struct domain)) )
        return NULL;
    d->domain_id = id;
    d->is_privileged = privileged;
    d->max_vcpus = max_vcpus;
    spin_lock_init(&d->lock);
    page_list_init(&d->page_list);
    d->max_pages = ~0UL;
    d->arch.is_64bit_shinfo = true;

    if ( !(d->shared_info = alloc_xenheap_pages(0, 0)) ||
         p2m_init(&d->arch.p2m, hvm_enabled() ? hvm_funcs->p2m_format : &p2m_format_npt) ||
         hvm_domain_init(d) ||
         !(d->vcpu = xzalloc_array(struct vcpu *, max_vcpus)) )
        goto fail;
    memset(d->shared_info, 0, PAGE_SIZE);
    update_domain_wallclock_time(d);
    for ( i = 0; i < max_vcpus; i++ )
        if ( !vcpu_create(d, i) )
            goto fail;
    if ( evtchn_domain_init(d) || grant_table_init(d) )
        goto fail;

    spin_lock(&domlist_lock);
    d->next_in_list = domain_list;
    domain_list = d;
    spin_unlock(&domlist_lock);
    if ( privileged && !hardware_domain )
        hardware_domain = d;
    return d;

 fail:
    domain_teardown(d);
    return NULL;
}

struct domain *get_domain_by_id(domid_t id)
{
    struct domain *d;

    spin_lock(&domlist_lock);
    for ( d = domain_list; d && d->domain_id != id; d = d->next_in_list )
        continue;
    spin_unlock(&domlist_lock);
    return d;
}

struct page_info *domain_alloc_pages(struct domain *d, unsigned int order)
{
    struct page_info *pg;

    if ( d->tot_pages + (1UL << order) > d->max_pages )
        return NULL;
    pg = alloc_domheap_pages(d, order, 0);
    if ( !pg )
        return NULL;
    /* The chunk's order rides in the head's count bits so it can be freed whole. */
    pg->count_info |= order;
    spin_lock(&d->lock);
    page_list_add_tail(pg, &d->page_list);
    d->tot_pages += 1UL << order;
    spin_unlock(&d->lock);
    return pg;
}

void domain_pause(struct domain *d)
{
    __atomic_fetch_add(&d->pause_count, 1, __ATOMIC_SEQ_CST);
}

void domain_unpause(struct domain *d)
{
    struct vcpu *v;

    if ( __atomic_sub_fetch(&d->pause_count, 1, __ATOMIC_SEQ_CST) == 0 )
        for_each_vcpu ( d, v )
            vcpu_wake(v);
}

static const char *shutdown_reason(int code)
{
    switch ( code )
    {
    case SHUTDOWN_poweroff: return "poweroff";
    case SHUTDOWN_reboot:   return "reboot";
    case SHUTDOWN_suspend:  return "suspend";
    case SHUTDOWN_crash:    return "crash";
    case SHUTDOWN_watchdog: return "watchdog";
    default:                return "unknown";
    }
}

/* The vCPUs stop at their next return to the scheduler (vcpu_runnable). */
void domain_shutdown(struct domain *d, int reason)
{
    spin_lock(&d->lock);
    if ( d->state != DOMSTATE_running )
    {
        spin_unlock(&d->lock);
        return;
    }
    d->state = DOMSTATE_shutdown;
    d->shutdown_code = reason;
    spin_unlock(&d->lock);
    printk("Domain %u shut down: reason %d (%s)\n", d->domain_id, reason,
           shutdown_reason(reason));
    if ( d == hardware_domain )
        hardware_domain_shutdown(reason);
}

void domain_crash(struct domain *d, const char *why)
{
    printk(XENLOG_ERR "Domain %u crashed: %s\n", d->domain_id, why);
    domain_shutdown(d, SHUTDOWN_crash);
}

void domain_destroy(struct domain *d)
{
    struct domain **pp;

    spin_lock(&domlist_lock);
    for ( pp = &domain_list; *pp && *pp != d; pp = &(*pp)->next_in_list )
        continue;
    if ( *pp )
        *pp = d->next_in_list;
    spin_unlock(&domlist_lock);
    if ( hardware_domain == d )
        hardware_domain = NULL;
    domain_teardown(d);
}

static void dump_domains_key(unsigned char key)
{
    printk("'%c' pressed -> dumping domain info (now = %#lx)\n", key, (unsigned long)NOW());
    dump_domains();
}
KEYHANDLER('q', dump_domains_key, "dump domain (and guest debug) info");

/* Walks every domain's p2m and checks it against its counters. */
static void audit_p2m_key(unsigned char key)
{
    struct domain *d;
    char name[16];
    unsigned int problems = 0;

    printk("'%c' pressed -> auditing p2m tables\n", key);
    spin_lock(&domlist_lock);
    for ( d = domain_list; d; d = d->next_in_list )
    {
        snprintf(name, sizeof(name), "d%u", d->domain_id);
        problems += p2m_audit(&d->arch.p2m, name);
    }
    spin_unlock(&domlist_lock);
    printk("p2m audit: %u problem%s\n", problems, problems == 1 ? "" : "s");
}
KEYHANDLER('P', audit_p2m_key, "audit p2m tables");

void dump_domains(void)
{
    struct domain *d;
    struct vcpu *v;

    spin_lock(&domlist_lock);
    if ( !domain_list )
        printk("No domains have been created.\n");
    for ( d = domain_list; d; d = d->next_in_list )
    {
        printk("General information for domain %u:\n", d->domain_id);
        printk("    state=%s%s nr_pages=%lu max_vcpus=%u pause_count=%d\n",
               d->state == DOMSTATE_running ? "running" : "shutdown",
               d->is_privileged ? " (hardware domain)" : "", d->tot_pages, d->max_vcpus,
               d->pause_count);
        for_each_vcpu ( d, v )
            printk("    VCPU%u: CPU%u flags=%lx running=%d rip=%016lx time=%ld ns\n",
                   v->vcpu_id, v->processor, v->pause_flags, v->is_running,
                   (unsigned long)v->arch.regs.rip, (long)v->cpu_time);
        p2m_audit(&d->arch.p2m, "");
    }
    spin_unlock(&domlist_lock);
}
