/* SPDX-License-Identifier: GPL-2.0-only */
/* What event_channel.c needs from the rest of the hypervisor, for its host
 * unit test: guest pointers are host pointers, guest frames come from a
 * table the test fills, the domain list is a small array, and upcalls are
 * recorded instead of injected. */
#include <stdint.h>
#include <string.h>

#include <xen/errno.h>
#include <xen/event.h>
#include <xen/sched.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/support.h>

#define MAX_FRAMES  160
#define MAX_DOMAINS 8
#define MAX_VCPUS   16

static struct { struct domain *d; unsigned long gfn; void *va; } frames[MAX_FRAMES];
static struct domain *domains[MAX_DOMAINS];

unsigned int unit_upcall_calls;
unsigned int unit_poll_checks;
evtchn_port_t unit_poll_last_port;
unsigned int unit_upcall_edges[MAX_DOMAINS][MAX_VCPUS];

void unit_evtchn_env_reset(void)
{
    memset(frames, 0, sizeof(frames));
    memset(domains, 0, sizeof(domains));
    memset(unit_upcall_edges, 0, sizeof(unit_upcall_edges));
    unit_upcall_calls = 0;
    unit_poll_checks = 0;
}

void unit_add_domain(struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < MAX_DOMAINS; i++ )
        if ( !domains[i] )
        {
            domains[i] = d;
            return;
        }
}

void unit_remove_domain(struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < MAX_DOMAINS; i++ )
        if ( domains[i] == d )
            domains[i] = NULL;
}

void unit_add_frame(struct domain *d, unsigned long gfn, void *va)
{
    unsigned int i;

    for ( i = 0; i < MAX_FRAMES; i++ )
        if ( !frames[i].va )
        {
            frames[i].d = d;
            frames[i].gfn = gfn;
            frames[i].va = va;
            return;
        }
}

struct domain *get_domain_by_id(domid_t id)
{
    unsigned int i;

    for ( i = 0; i < MAX_DOMAINS; i++ )
        if ( domains[i] && domains[i]->domain_id == id )
            return domains[i];
    return NULL;
}

void *map_guest_frame(struct domain *d, unsigned long gfn, bool writable)
{
    unsigned int i;

    for ( i = 0; i < MAX_FRAMES; i++ )
        if ( frames[i].va && frames[i].d == d && frames[i].gfn == gfn )
            return frames[i].va;
    return NULL;
}

/* As hvm/intr.c: only the 0->1 edge of upcall_pending notifies the vCPU. */
void vcpu_mark_events_pending(struct vcpu *v)
{
    unit_upcall_calls++;
    if ( !v->vcpu_info )
        return;
    if ( __atomic_exchange_n(&v->vcpu_info->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST) )
        return;
    if ( v->domain->domain_id < MAX_DOMAINS && v->vcpu_id < MAX_VCPUS )
        unit_upcall_edges[v->domain->domain_id][v->vcpu_id]++;
}

void evtchn_check_pollers(struct domain *d, evtchn_port_t port)
{
    unit_poll_checks++;
    unit_poll_last_port = port;
}
