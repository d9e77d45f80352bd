/* SPDX-License-Identifier: GPL-2.0-only */
/* Domain lifecycle: create, pause, shut down, crash, destroy. Destruction returns
 * every page the domain owned to the heap; the 'm' key shows the same free count
 * before a domain is created and after it is gone.
 *
 * Lifetime: a domain is found through the domain list. domain_kill() takes it
 * off the list, stops its vCPUs and ends every other domain's hold on it
 * (foreign mappings here, event channels and grant mappings in their
 * teardown), then frees it through RCU: a CPU that found it before it left
 * the list may use it until its next quiescent point (rcu.h). */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/rcu.h>
#include <xen/sched.h>
#include <xen/shutdown.h>
#include <xen/smp.h>
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
    v->pause_flags = VPF_down;      /* until given a register state to start from */
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
    sched_add_vcpu(v, id % nr_cpu_ids);
    vcpu_timers_init(v);
    vcpu_poll_init(v);
    /* Published last: for_each_vcpu may be walking the array right now. */
    smp_wmb();
    d->vcpu[id] = v;
    return v;
}

static void vcpu_stop_timers(struct vcpu *v)
{
    stop_timer(&v->singleshot_timer);
    stop_timer(&v->periodic_timer);
    stop_timer(&v->poll_timer);
    hvm_vcpu_stop_timers(v);
}

static void vcpu_destroy(struct vcpu *v)
{
    sched_remove_vcpu(v);
    vcpu_stop_timers(v);
    hvm_vcpu_destroy(v);
    xfree(v);
}

static void free_domain_pages(struct domain *d)
{
    struct page_info *pg;

    while ( (pg = page_list_first(&d->page_list)) )
    {
        page_list_del(pg);
        /* Mappings of it elsewhere were revoked by domain_kill(). */
        pg->count_info &= ~PGC_count_mask;
        page_set_owner(pg, NULL);
        free_domheap_pages(pg, 0);
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

/* Links d into the list, kept in domid order, unless its id was taken meanwhile. */
static bool domain_link(struct domain *d)
{
    struct domain **pp;
    bool ok;

    spin_lock(&domlist_lock);
    for ( pp = &domain_list; *pp && (*pp)->domain_id < d->domain_id;
          pp = &(*pp)->next_in_list )
        continue;
    ok = !*pp || (*pp)->domain_id != d->domain_id;
    if ( ok )
    {
        d->next_in_list = *pp;
        *pp = d;
    }
    spin_unlock(&domlist_lock);
    return ok;
}

int domain_create_vcpus(struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < d->max_vcpus; i++ )
        if ( !d->vcpu[i] && !vcpu_create(d, i) )
            return -ENOMEM;
    return 0;
}

struct domain *domain_create(domid_t id, const struct domain_config *cfg)
{
    struct domain *d;

    if ( !cfg->max_vcpus || cfg->max_vcpus > MAX_VIRT_CPUS || id >= DOMID_FIRST_RESERVED )
        return NULL;
    if ( get_domain_by_id(id) || !(d = xzalloc(struct domain)) )
        return NULL;
    d->domain_id = id;
    d->is_privileged = cfg->privileged;
    d->max_vcpus = cfg->max_vcpus;
    d->cdf = cfg->cdf;
    d->emulation_flags = cfg->emulation_flags;
    d->misc_flags = cfg->misc_flags;
    d->max_evtchn_port = cfg->max_evtchn_port;
    d->shutdown_code = -1;          /* none yet; getdomaininfo reports it as is */
    spin_lock_init(&d->lock);
    page_list_init(&d->page_list);
    d->max_pages = cfg->privileged ? ~0UL : 0;
    d->arch.is_64bit_shinfo = true;
    d->arch.shared_info_gfn = ~0UL;

    if ( !(d->shared_info = alloc_xenheap_pages(0, 0)) ||
         p2m_init(&d->arch.p2m, hvm_enabled() ? hvm_funcs->p2m_format : &p2m_format_npt) ||
         hvm_domain_init(d) ||
         !(d->vcpu = xzalloc_array(struct vcpu *, cfg->max_vcpus)) )
        goto fail;
    memset(d->shared_info, 0, PAGE_SIZE);
    update_domain_wallclock_time(d);
    /* The toolstack makes a domU's vCPUs later (XEN_DOMCTL_max_vcpus). */
    if ( cfg->privileged && domain_create_vcpus(d) )
        goto fail;
    if ( evtchn_domain_init(d) ||
         grant_table_init(d, cfg->max_grant_frames, cfg->max_maptrack_frames) )
        goto fail;
    /* A domain the toolstack creates waits, paused, for it to finish building. */
    if ( !cfg->privileged )
    {
        d->controller_pause_count = 1;
        d->pause_count = 1;
    }
    if ( !domain_link(d) )
        goto fail;
    if ( cfg->privileged && !hardware_domain )
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

struct page_info *domain_alloc_page(struct domain *d)
{
    struct page_info *pg = alloc_domheap_pages(d, 0, 0);
    bool refused;

    if ( !pg )
        return NULL;
    /* Allowance and death are checked with the page in hand, under one lock. */
    spin_lock(&d->lock);
    refused = d->tot_pages >= d->max_pages || d->state == DOMSTATE_dying;
    if ( !refused )
    {
        d->tot_pages++;
        page_list_add_tail(pg, &d->page_list);
    }
    spin_unlock(&d->lock);
    if ( refused )
        free_domheap_pages(pg, 0);
    return refused ? NULL : pg;
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

/* Returns once no vCPU of d is in guest mode or will enter it: each one
 * running elsewhere is sent an IPI and left to reach its scheduler. */
static void domain_sync_vcpus(struct domain *d)
{
    struct vcpu *v;

    for_each_vcpu ( d, v )
    {
        unsigned int cpu = v->processor;

        if ( !v->is_running || cpu == smp_processor_id() )
            continue;
        send_event_check_ipi(cpu);
        while ( v->is_running )
            cpu_relax();
        printk("d%uv%u stopped on CPU%u\n", d->domain_id, v->vcpu_id, cpu);
    }
}

void domain_pause_sync(struct domain *d)
{
    domain_pause(d);
    domain_sync_vcpus(d);
}

/* The toolstack's pause (XEN_DOMCTL_pausedomain): counted apart from the
 * hypervisor's own, and synchronous. */
int domain_pause_by_controller(struct domain *d)
{
    spin_lock(&d->lock);
    if ( d->controller_pause_count >= 255 )
    {
        spin_unlock(&d->lock);
        return -EOVERFLOW;
    }
    d->controller_pause_count++;
    spin_unlock(&d->lock);
    domain_pause_sync(d);
    return 0;
}

int domain_unpause_by_controller(struct domain *d)
{
    spin_lock(&d->lock);
    if ( !d->controller_pause_count )
    {
        spin_unlock(&d->lock);
        return -EINVAL;
    }
    d->controller_pause_count--;
    spin_unlock(&d->lock);
    domain_unpause(d);
    return 0;
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

/* The vCPUs stop at their next return to the scheduler (vcpu_runnable); the
 * hardware domain hears of it through VIRQ_DOM_EXC. */
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
    else
        send_guest_global_virq(hardware_domain, VIRQ_DOM_EXC);
}

void domain_crash(struct domain *d, const char *why)
{
    printk(XENLOG_ERR "Domain %u crashed: %s\n", d->domain_id, why);
    domain_shutdown(d, SHUTDOWN_crash);
}

static void domain_free_rcu(struct rcu_head *head)
{
    struct domain *d = container_of(head, struct domain, rcu);

    printk("Domain %u destroyed\n", d->domain_id);
    domain_teardown(d);
    send_guest_global_virq(hardware_domain, VIRQ_DOM_EXC);
}

static void domain_unlink(struct domain *d)
{
    struct domain **pp;

    spin_lock(&domlist_lock);
    for ( pp = &domain_list; *pp && *pp != d; pp = &(*pp)->next_in_list )
        continue;
    if ( *pp )
        *pp = d->next_in_list;
    spin_unlock(&domlist_lock);
}

/* Ends d: no one finds it any more, its vCPUs never run again, no other
 * domain maps its memory; its memory returns once every CPU has let go of it.
 * -EINVAL if it is already going. */
int domain_kill(struct domain *d)
{
    struct vcpu *v;

    spin_lock(&d->lock);
    if ( d->state == DOMSTATE_dying )
    {
        spin_unlock(&d->lock);
        return -EINVAL;
    }
    d->state = DOMSTATE_dying;
    spin_unlock(&d->lock);
    domain_unlink(d);
    if ( hardware_domain == d )
        hardware_domain = NULL;
    domain_pause(d);
    domain_sync_vcpus(d);
    for_each_vcpu ( d, v )
        vcpu_stop_timers(v);
    foreign_revoke(d);
    call_rcu(&d->rcu, domain_free_rcu);
    return 0;
}

void domain_for_each(void (*fn)(struct domain *d, void *ctx), void *ctx)
{
    struct domain *d;

    spin_lock(&domlist_lock);
    for ( d = domain_list; d; d = d->next_in_list )
        fn(d, ctx);
    spin_unlock(&domlist_lock);
}

/* The first domain with an id of at least id, or NULL. */
struct domain *get_domain_from(domid_t id)
{
    struct domain *d;

    spin_lock(&domlist_lock);
    for ( d = domain_list; d && d->domain_id < id; d = d->next_in_list )
        continue;
    spin_unlock(&domlist_lock);
    return d;
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
               d->state == DOMSTATE_running ? "running" :
               d->state == DOMSTATE_shutdown ? "shutdown" : "dying",
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
