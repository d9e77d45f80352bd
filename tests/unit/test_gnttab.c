/* SPDX-License-Identifier: GPL-2.0-only */
/* Grant tables on the host: every sub-op through do_grant_table_op with host
 * pointers as guest buffers, grant frames and guest RAM in the test arena of
 * env/gnttab_env.c, add_to_physmap's half through gnttab_map_frame, and
 * mappings (grant_map.c) with their release at domain teardown. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <asm/p2m.h>
#include <public/memory.h>
#include "host_env.h"

/* gnttab_env.c */
void unit_gnttab_env_reset(void);
void unit_page_alloc_fail_after(long n);
void unit_add_domain(struct domain *d);
void unit_remove_domain(struct domain *d);
void *unit_add_ram(struct domain *d, unsigned long gfn, p2m_type_t t);
extern unsigned int unit_pages_in_use;
extern unsigned int unit_ram_pages;
extern unsigned int unit_domain_crashes;
extern unsigned int unit_tlb_flushes;

#define GT_GFN      0xfeff0UL       /* where the tests map grant frame 0 */
#define SRC_GFN     0x200UL
#define DST_GFN     0x201UL
#define RO_GFN      0x202UL
#define NO_RAM_GFN  0x300UL
#define MAP_GFN     0x1000UL        /* empty: where mappings go */
#define D1_GFN      0x400UL         /* RAM of dom1 */
#define BAD_PTR     0x1000UL        /* below the env's fault limit */

static struct domain *dom0, *dom1;
static uint8_t *src_page, *dst_page;

static struct domain *make_limited_domain(domid_t id, bool privileged, unsigned int frames)
{
    struct domain *d = calloc(1, sizeof(*d));
    struct vcpu *v = calloc(1, sizeof(*v));

    d->domain_id = id;
    d->is_privileged = privileged;
    d->max_vcpus = 1;
    d->vcpu = calloc(1, sizeof(*d->vcpu));
    v->domain = d;
    d->vcpu[0] = v;
    assert_int_equal(grant_table_init(d, frames, GNTTAB_MAX_MAPTRACK_CHUNKS), 0);
    unit_add_domain(d);
    return d;
}

static struct domain *make_domain(domid_t id, bool privileged)
{
    return make_limited_domain(id, privileged, GNTTAB_MAX_FRAMES);
}

static void free_domain(struct domain *d)
{
    if ( !d )
        return;
    unit_remove_domain(d);
    grant_table_destroy(d);
    assert_null(d->grant_table);
    free(d->vcpu[0]);
    free(d->vcpu);
    free(d);
}

static int setup(void **state)
{
    unit_gnttab_env_reset();
    dom0 = make_domain(0, true);
    dom1 = make_domain(1, false);
    src_page = unit_add_ram(dom0, SRC_GFN, p2m_ram_rw);
    dst_page = unit_add_ram(dom0, DST_GFN, p2m_ram_rw);
    unit_add_ram(dom0, RO_GFN, p2m_ram_ro);
    return 0;
}

static int teardown(void **state)
{
    free_domain(dom0);
    free_domain(dom1);
    assert_int_equal(unit_pages_in_use, unit_ram_pages);    /* no grant frame leaked */
    return 0;
}

static long op(struct domain *d, unsigned int cmd, void *arg, unsigned int count)
{
    uint64_t args[6] = { cmd, (uintptr_t)arg, count };

    return do_grant_table_op(d->vcpu[0], args);
}

static struct gnttab_query_size query(struct domain *caller, domid_t dom)
{
    struct gnttab_query_size q = { .dom = dom, .status = 99 };

    assert_int_equal(op(caller, GNTTABOP_query_size, &q, 1), 0);
    return q;
}

static uint32_t version_of(struct domain *caller, domid_t dom)
{
    struct gnttab_get_version g = { .dom = dom, .version = 99 };

    assert_int_equal(op(caller, GNTTABOP_get_version, &g, 1), 0);
    return g.version;
}

static long set_version(struct domain *d, uint32_t version, uint32_t *out)
{
    struct gnttab_set_version s = { .version = version };
    long rc = op(d, GNTTABOP_set_version, &s, 1);

    *out = s.version;
    return rc;
}

/* Grant frame 0 of d, through the p2m the way the guest sees it. */
static void *frame0(struct domain *d)
{
    p2m_type_t t;
    unsigned long mfn = p2m_lookup(&d->arch.p2m, GT_GFN, &t, NULL);

    assert_int_not_equal(mfn, INVALID_MFN);
    assert_int_equal(t, p2m_ram_rw);
    return mfn_to_virt(mfn);
}

static grant_entry_v1_t *grant_v1(struct domain *d, grant_ref_t ref, uint16_t flags,
                                  domid_t grantee, uint32_t gfn)
{
    grant_entry_v1_t *e = (grant_entry_v1_t *)frame0(d) + ref;

    e->domid = grantee;
    e->frame = gfn;
    e->flags = flags;
    return e;
}

static struct gnttab_copy copy_op(uint16_t flags, uint64_t src, uint64_t dst,
                                  uint16_t soff, uint16_t doff, uint16_t len)
{
    struct gnttab_copy c = {
        .source = { .domid = DOMID_SELF, .offset = soff },
        .dest = { .domid = DOMID_SELF, .offset = doff },
        .len = len, .flags = flags, .status = 99,
    };

    c.source.u.gmfn = src;
    c.dest.u.gmfn = dst;
    if ( flags & GNTCOPY_source_gref )
        c.source.u.ref = src;
    if ( flags & GNTCOPY_dest_gref )
        c.dest.u.ref = dst;
    return c;
}

static int16_t copy1(struct domain *d, struct gnttab_copy c)
{
    assert_int_equal(op(d, GNTTABOP_copy, &c, 1), 0);
    return c.status;
}

/* ---- query_size / get_version / unimplemented ---------------------------- */

static void test_query_size(void **state)
{
    struct gnttab_query_size q = query(dom0, DOMID_SELF);

    assert_int_equal(q.status, GNTST_okay);
    assert_int_equal(q.nr_frames, 1);
    assert_int_equal(q.max_nr_frames, 64);
    assert_int_equal(query(dom0, 1).status, GNTST_okay);        /* dom0 may look */
    assert_int_equal(query(dom1, 0).status, GNTST_permission_denied);
    assert_int_equal(query(dom1, 1).status, GNTST_okay);
    assert_int_equal(query(dom0, 5).status, GNTST_bad_domain);
    assert_int_equal(op(dom0, GNTTABOP_query_size, &q, 2), -EINVAL);
    assert_int_equal(op(dom0, GNTTABOP_query_size, &q, 0), -EINVAL);
    assert_int_equal(op(dom0, GNTTABOP_query_size, (void *)BAD_PTR, 1), -EFAULT);
}

/* createdomain's max_grant_frames: the table never grows past it. */
static void test_frame_limit(void **state)
{
    struct domain *d = make_limited_domain(2, false, 2);
    xen_pfn_t frames[3];
    struct gnttab_setup_table s = { .dom = DOMID_SELF, .nr_frames = 3 };

    s.frame_list.q = (uintptr_t)frames;
    assert_int_equal(query(d, DOMID_SELF).max_nr_frames, 2);
    assert_int_equal(op(d, GNTTABOP_setup_table, &s, 1), 0);
    assert_int_equal(s.status, GNTST_general_error);
    s.nr_frames = 2;
    assert_int_equal(op(d, GNTTABOP_setup_table, &s, 1), 0);
    assert_int_equal(s.status, GNTST_okay);
    assert_int_equal(query(d, DOMID_SELF).nr_frames, 2);
    free_domain(d);
}

static void test_get_version(void **state)
{
    struct gnttab_get_version g = { .dom = 5 };

    assert_int_equal(version_of(dom0, DOMID_SELF), 1);
    assert_int_equal(version_of(dom0, 1), 1);
    assert_int_equal(op(dom0, GNTTABOP_get_version, &g, 1), -ESRCH);
    g.dom = 0;
    assert_int_equal(op(dom1, GNTTABOP_get_version, &g, 1), -EPERM);
    assert_int_equal(op(dom0, GNTTABOP_get_version, (void *)BAD_PTR, 1), -EFAULT);
}

static void test_unimplemented(void **state)
{
    static const unsigned int cmds[] = { 3, 4, 7, 9, 12, 13, 0x1006, 0xffffffff };
    struct gnttab_query_size q = { .dom = DOMID_SELF };
    unsigned int i;

    for ( i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++ )
        assert_int_equal(op(dom0, cmds[i], &q, 1), -ENOSYS);
    assert_int_equal(op(dom0, GNTTABOP_copy, &q, 0x80000000U), -EINVAL);
    assert_int_equal(op(dom0, GNTTABOP_copy, &q, 4097), -EINVAL);
    assert_int_equal(op(dom0, GNTTABOP_copy, NULL, 0), 0);
    assert_int_equal(op(dom0, GNTTABOP_map_grant_ref, &q, 4097), -EINVAL);
    assert_int_equal(op(dom0, GNTTABOP_unmap_grant_ref, &q, 0x80000000U), -EINVAL);
    assert_int_equal(op(dom0, GNTTABOP_map_grant_ref, NULL, 0), 0);
}

/* ---- gnttab_map_frame and setup_table ------------------------------------ */

static void test_map_frame_moves(void **state)
{
    p2m_type_t t;
    unsigned long mfn;

    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    mfn = p2m_lookup(&dom0->arch.p2m, GT_GFN, &t, NULL);
    assert_int_equal(t, p2m_ram_rw);
    assert_int_equal(*(uint64_t *)mfn_to_virt(mfn), 0);         /* scrubbed */
    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN + 1), 0);
    assert_int_equal(p2m_lookup(&dom0->arch.p2m, GT_GFN, &t, NULL), INVALID_MFN);
    assert_int_equal(p2m_lookup(&dom0->arch.p2m, GT_GFN + 1, &t, NULL), mfn);
    /* Status frames do not exist in v1: the bit makes idx too big. */
    assert_int_equal(gnttab_map_frame(dom0, XENMAPIDX_grant_table_status, GT_GFN), -EINVAL);
}

static void test_growth_to_64(void **state)
{
    unsigned int before = unit_pages_in_use;

    assert_int_equal(gnttab_map_frame(dom0, 5, GT_GFN + 5), 0);
    assert_int_equal(query(dom0, DOMID_SELF).nr_frames, 6);
    assert_int_equal(unit_pages_in_use, before + 5);
    assert_int_equal(gnttab_map_frame(dom0, 63, GT_GFN + 63), 0);
    assert_int_equal(query(dom0, DOMID_SELF).nr_frames, 64);
    assert_int_equal(gnttab_map_frame(dom0, 64, GT_GFN + 64), -EINVAL);
    assert_int_equal(gnttab_map_frame(dom0, ~0UL, GT_GFN), -EINVAL);
    assert_int_equal(query(dom0, DOMID_SELF).nr_frames, 64);
}

static void test_growth_failure(void **state)
{
    unsigned int before = unit_pages_in_use;

    unit_page_alloc_fail_after(2);
    assert_int_equal(gnttab_map_frame(dom0, 9, GT_GFN), -EINVAL);
    unit_page_alloc_fail_after(-1);
    assert_int_equal(unit_pages_in_use, before);                /* unwound */
    assert_int_equal(query(dom0, DOMID_SELF).nr_frames, 1);
    unit_xmalloc_fail_after(3);                 /* the fourth active array */
    assert_int_equal(gnttab_map_frame(dom0, 9, GT_GFN), -EINVAL);
    unit_xmalloc_fail_after(-1);
    assert_int_equal(unit_pages_in_use, before);
    assert_int_equal(query(dom0, DOMID_SELF).nr_frames, 1);
}

static void test_setup_table(void **state)
{
    xen_pfn_t frames[66];
    struct gnttab_setup_table s = { .dom = DOMID_SELF, .nr_frames = 2 };

    s.frame_list.q = (uintptr_t)frames;
    memset(frames, 0, sizeof(frames));
    assert_int_equal(op(dom0, GNTTABOP_setup_table, &s, 1), 0);
    assert_int_equal(s.status, GNTST_okay);
    assert_int_equal(frames[0], GNTTAB_NO_GFN);                 /* not mapped yet */
    assert_int_equal(frames[1], GNTTAB_NO_GFN);
    assert_int_equal(query(dom0, DOMID_SELF).nr_frames, 2);     /* grew */

    assert_int_equal(gnttab_map_frame(dom0, 1, GT_GFN + 1), 0);
    assert_int_equal(op(dom0, GNTTABOP_setup_table, &s, 1), 0);
    assert_int_equal(frames[1], GT_GFN + 1);
    /* Something else mapped over it: the frame is nowhere again. */
    unit_add_ram(dom0, GT_GFN + 1, p2m_ram_rw);
    assert_int_equal(op(dom0, GNTTABOP_setup_table, &s, 1), 0);
    assert_int_equal(frames[1], GNTTAB_NO_GFN);

    s.nr_frames = 65;
    assert_int_equal(op(dom0, GNTTABOP_setup_table, &s, 1), 0);
    assert_int_equal(s.status, GNTST_general_error);
    s.nr_frames = 1;
    s.frame_list.q = BAD_PTR;
    assert_int_equal(op(dom0, GNTTABOP_setup_table, &s, 1), 0);
    assert_int_equal(s.status, GNTST_bad_virt_addr);
    s.dom = 0;
    assert_int_equal(op(dom1, GNTTABOP_setup_table, &s, 1), 0);
    assert_int_equal(s.status, GNTST_permission_denied);
    s.dom = 7;
    assert_int_equal(op(dom0, GNTTABOP_setup_table, &s, 1), 0);
    assert_int_equal(s.status, GNTST_bad_domain);
    assert_int_equal(op(dom0, GNTTABOP_setup_table, &s, 2), -EINVAL);
}

/* ---- set_version ----------------------------------------------------------- */

static void test_set_version_bad(void **state)
{
    uint32_t v;

    assert_int_equal(set_version(dom0, 3, &v), -EINVAL);
    assert_int_equal(v, 1);                 /* written back: the current one */
    assert_int_equal(set_version(dom0, 0, &v), -EINVAL);
    assert_int_equal(set_version(dom0, 1, &v), 0);
    assert_int_equal(v, 1);
    assert_int_equal(op(dom0, GNTTABOP_set_version, (void *)BAD_PTR, 1), -EFAULT);
    dom0->grant_table->nr_pinned = 1;
    assert_int_equal(set_version(dom0, 2, &v), -EBUSY);
    assert_int_equal(v, 1);
    dom0->grant_table->nr_pinned = 0;
}

static void test_set_version_switch(void **state)
{
    grant_entry_v1_t *e;
    grant_entry_v2_t *e2;
    uint32_t v;
    p2m_type_t t;

    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    grant_v1(dom0, 1, GTF_permit_access | GTF_reading, 0, 0x1234);  /* reserved */
    grant_v1(dom0, 10, GTF_permit_access | GTF_reading | GTF_writing, 0, SRC_GFN);
    /* Guest-written GTF_reading/writing do not count as use. */
    assert_int_equal(set_version(dom0, 2, &v), 0);
    assert_int_equal(v, 2);
    assert_int_equal(version_of(dom0, DOMID_SELF), 2);
    e2 = (grant_entry_v2_t *)frame0(dom0);
    assert_int_equal(e2[1].hdr.flags, GTF_permit_access);   /* carried, status apart */
    assert_int_equal(e2[1].full_page.frame, 0x1234);
    assert_int_equal(dom0->grant_table->status[0][1], GTF_reading);
    assert_int_equal(e2[10].hdr.flags, 0);                  /* cleared */

    /* Status frame 0, then 7 (needs all 64 shared frames), then 8: too far. */
    assert_int_equal(gnttab_map_frame(dom0, XENMAPIDX_grant_table_status, 0x5000), 0);
    assert_int_not_equal(p2m_lookup(&dom0->arch.p2m, 0x5000, &t, NULL), INVALID_MFN);
    assert_int_equal(gnttab_map_frame(dom0, XENMAPIDX_grant_table_status | 7, 0x5007), 0);
    assert_int_equal(query(dom0, DOMID_SELF).nr_frames, 64);
    assert_int_equal(gnttab_map_frame(dom0, XENMAPIDX_grant_table_status | 8, 0x5008), -EINVAL);

    assert_int_equal(set_version(dom0, 1, &v), 0);
    assert_int_equal(p2m_lookup(&dom0->arch.p2m, 0x5000, &t, NULL), INVALID_MFN);
    assert_int_equal(p2m_lookup(&dom0->arch.p2m, 0x5007, &t, NULL), INVALID_MFN);
    assert_int_equal(dom0->grant_table->nr_status_frames, 0);
    e = (grant_entry_v1_t *)frame0(dom0);
    assert_int_equal(e[1].flags, GTF_permit_access | GTF_reading);
    assert_int_equal(e[1].frame, 0x1234);
    assert_int_equal(unit_domain_crashes, 0);
}

static void test_set_version_erange(void **state)
{
    grant_entry_v2_t *e2;
    uint32_t v;

    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    assert_int_equal(set_version(dom0, 2, &v), 0);
    e2 = (grant_entry_v2_t *)frame0(dom0);
    e2[3].full_page.frame = 1ULL << 32;
    e2[3].hdr.flags = GTF_permit_access;
    assert_int_equal(set_version(dom0, 1, &v), -ERANGE);
    assert_int_equal(v, 2);
    e2[3].hdr.flags = GTF_transitive;
    assert_int_equal(set_version(dom0, 1, &v), -ERANGE);
    e2[3].hdr.flags = 0;
    assert_int_equal(set_version(dom0, 1, &v), 0);
}

/* ---- copy ------------------------------------------------------------------ */

static void test_copy_v1(void **state)
{
    grant_entry_v1_t *e;
    unsigned int i;

    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    e = grant_v1(dom0, 10, GTF_permit_access, 0, SRC_GFN);
    for ( i = 0; i < PAGE_SIZE; i++ )
        src_page[i] = i * 7;
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 10, DST_GFN, 100, 200, 64)),
                     GNTST_okay);
    assert_memory_equal(dst_page + 200, src_page + 100, 64);
    assert_int_equal(e->flags, GTF_permit_access);          /* pin released */

    /* Into a grant: the destination needs write access. */
    grant_v1(dom0, 11, GTF_permit_access, 0, DST_GFN);
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref | GNTCOPY_dest_gref,
                                         10, 11, 0, 0, 4096)), GNTST_okay);
    assert_memory_equal(dst_page, src_page, 4096);
    grant_v1(dom0, 11, GTF_permit_access | GTF_readonly, 0, DST_GFN);
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_dest_gref, SRC_GFN, 11, 0, 0, 8)),
                     GNTST_general_error);
    assert_int_equal(grant_v1(dom0, 11, GTF_permit_access | GTF_readonly, 0, DST_GFN)->flags,
                     GTF_permit_access | GTF_readonly);
    /* Same entry as source and destination. */
    grant_v1(dom0, 12, GTF_permit_access, 0, DST_GFN);
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref | GNTCOPY_dest_gref,
                                         12, 12, 0, 8, 8)), GNTST_okay);
    assert_int_equal(grant_v1(dom0, 12, GTF_permit_access, 0, DST_GFN)->flags, GTF_permit_access);
}

static void test_copy_errors(void **state)
{
    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    grant_v1(dom0, 10, GTF_permit_access, 0, SRC_GFN);
    grant_v1(dom0, 13, GTF_permit_access, 1, SRC_GFN);          /* for dom1 */
    grant_v1(dom0, 14, GTF_accept_transfer, 0, SRC_GFN);
    grant_v1(dom0, 15, GTF_permit_access, 0, NO_RAM_GFN);
    grant_v1(dom0, 16, GTF_permit_access, 0, RO_GFN);

    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 512, DST_GFN, 0, 0, 8)),
                     GNTST_bad_gntref);
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, ~0U, DST_GFN, 0, 0, 8)),
                     GNTST_bad_gntref);
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 10, DST_GFN, 4000, 0, 97)),
                     GNTST_bad_copy_arg);
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 10, DST_GFN, 0, 4095, 2)),
                     GNTST_bad_copy_arg);
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 10, DST_GFN, 4095, 0, 1)),
                     GNTST_okay);
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 13, DST_GFN, 0, 0, 8)),
                     GNTST_general_error);
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 14, DST_GFN, 0, 0, 8)),
                     GNTST_general_error);
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 15, DST_GFN, 0, 0, 8)),
                     GNTST_bad_page);
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 16, DST_GFN, 0, 0, 8)),
                     GNTST_okay);                               /* r/o RAM reads */
    assert_int_equal(copy1(dom0, copy_op(0, SRC_GFN, RO_GFN, 0, 0, 8)), GNTST_bad_page);
    assert_int_equal(copy1(dom0, copy_op(0, NO_RAM_GFN, DST_GFN, 0, 0, 8)), GNTST_bad_page);
    /* Frames only with DOMID_SELF; a gref's domain must exist. */
    {
        struct gnttab_copy c = copy_op(0, SRC_GFN, DST_GFN, 0, 0, 8);

        c.source.domid = 0;
        assert_int_equal(copy1(dom0, c), GNTST_permission_denied);
        c = copy_op(GNTCOPY_source_gref, 10, DST_GFN, 0, 0, 8);
        c.source.domid = 9;
        assert_int_equal(copy1(dom0, c), GNTST_bad_domain);
        c.source.domid = 0;                                     /* own id works */
        assert_int_equal(copy1(dom0, c), GNTST_okay);
    }
    /* The source is checked before the destination, both before bounds. */
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref | GNTCOPY_dest_gref,
                                         600, 700, 4095, 0, 9)), GNTST_bad_gntref);
    assert_int_equal(copy1(dom0, copy_op(0, SRC_GFN, DST_GFN, 0, 0, 4096)), GNTST_okay);
}

static void test_copy_batch(void **state)
{
    struct gnttab_copy c[3];

    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    grant_v1(dom0, 10, GTF_permit_access, 0, SRC_GFN);
    memset(src_page, 0x11, 16);
    memset(dst_page, 0, 16);
    c[0] = copy_op(GNTCOPY_source_gref, 10, DST_GFN, 0, 0, 4);
    c[1] = copy_op(GNTCOPY_source_gref, 9999, DST_GFN, 0, 4, 4);
    c[2] = copy_op(GNTCOPY_source_gref, 10, DST_GFN, 8, 8, 4);
    assert_int_equal(op(dom0, GNTTABOP_copy, c, 3), 0);
    assert_int_equal(c[0].status, GNTST_okay);
    assert_int_equal(c[1].status, GNTST_bad_gntref);
    assert_int_equal(c[2].status, GNTST_okay);
    assert_int_equal(dst_page[0], 0x11);
    assert_int_equal(dst_page[4], 0);
    assert_int_equal(dst_page[8], 0x11);
    assert_int_equal(op(dom0, GNTTABOP_copy, (void *)BAD_PTR, 1), -EFAULT);
}

static void test_copy_cross_domain(void **state)
{
    uint8_t *d1_page = unit_add_ram(dom1, 0x400, p2m_ram_rw);
    struct gnttab_copy c = copy_op(GNTCOPY_source_gref, 20, DST_GFN, 0, 0, 16);
    grant_entry_v1_t *e;

    assert_int_equal(gnttab_map_frame(dom1, 0, GT_GFN), 0);
    e = grant_v1(dom1, 20, GTF_permit_access | GTF_readonly, 0, 0x400);
    memcpy(d1_page, "from domain one", 16);
    c.source.domid = 1;
    assert_int_equal(copy1(dom0, c), GNTST_okay);
    assert_memory_equal(dst_page, "from domain one", 16);
    assert_int_equal(e->flags, GTF_permit_access | GTF_readonly);
    /* dom1 itself is not the grantee of its own entry. */
    c.source.domid = DOMID_SELF;
    assert_int_equal(copy1(dom1, c), GNTST_general_error);
}

static void test_copy_v2_sub_page(void **state)
{
    grant_entry_v2_t *e2;
    uint32_t v;

    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    assert_int_equal(set_version(dom0, 2, &v), 0);
    e2 = (grant_entry_v2_t *)frame0(dom0) + 10;
    e2->sub_page.frame = SRC_GFN;
    e2->sub_page.page_off = 256;
    e2->sub_page.length = 128;
    e2->hdr.domid = 0;
    e2->hdr.flags = GTF_permit_access | GTF_sub_page;
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 10, DST_GFN, 256, 0, 128)),
                     GNTST_okay);
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 10, DST_GFN, 255, 0, 8)),
                     GNTST_general_error);
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 10, DST_GFN, 300, 0, 85)),
                     GNTST_general_error);
    assert_int_equal(dom0->grant_table->status[0][10], 0);      /* pin released */
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 256, DST_GFN, 0, 0, 8)),
                     GNTST_bad_gntref);                         /* 256 a frame in v2 */
    e2->hdr.flags = GTF_permit_access;
    e2->full_page.frame = SRC_GFN;
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 10, DST_GFN, 0, 0, 4096)),
                     GNTST_okay);
    e2->hdr.flags = GTF_transitive;
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 10, DST_GFN, 0, 0, 8)),
                     GNTST_general_error);
}

/* ---- swap_grant_ref -------------------------------------------------------- */

static void test_swap(void **state)
{
    struct gnttab_swap_grant_ref s[4] = {
        { 10, 11, 99 }, { 10, 512, 99 }, { 12, 12, 99 }, { ~0U, 10, 99 },
    };
    grant_entry_v1_t *e;
    uint32_t v;

    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    grant_v1(dom0, 10, GTF_permit_access, 0, 0xaaaa);
    grant_v1(dom0, 11, GTF_permit_access | GTF_readonly, 1, 0xbbbb);
    assert_int_equal(op(dom0, GNTTABOP_swap_grant_ref, s, 4), 0);
    assert_int_equal(s[0].status, GNTST_okay);
    assert_int_equal(s[1].status, GNTST_bad_gntref);
    assert_int_equal(s[2].status, GNTST_okay);
    assert_int_equal(s[3].status, GNTST_bad_gntref);
    e = (grant_entry_v1_t *)frame0(dom0);
    assert_int_equal(e[10].frame, 0xbbbb);
    assert_int_equal(e[10].domid, 1);
    assert_int_equal(e[11].frame, 0xaaaa);
    assert_int_equal(e[11].flags, GTF_permit_access);

    assert_int_equal(set_version(dom0, 2, &v), 0);
    ((grant_entry_v2_t *)frame0(dom0))[20].full_page.frame = 0xcccc;
    dom0->grant_table->status[0][20] = GTF_reading;
    s[0] = (struct gnttab_swap_grant_ref){ 20, 255, 99 };
    assert_int_equal(op(dom0, GNTTABOP_swap_grant_ref, s, 1), 0);
    assert_int_equal(s[0].status, GNTST_okay);
    assert_int_equal(((grant_entry_v2_t *)frame0(dom0))[255].full_page.frame, 0xcccc);
    assert_int_equal(dom0->grant_table->status[0][255], GTF_reading);
    assert_int_equal(dom0->grant_table->status[0][20], 0);
    assert_int_equal(op(dom0, GNTTABOP_swap_grant_ref, (void *)BAD_PTR, 1), -EFAULT);
}

/* ---- map_grant_ref / unmap_grant_ref --------------------------------------- */

static struct gnttab_map_grant_ref map1(struct domain *caller, grant_ref_t ref, domid_t dom,
                                        uint32_t flags, unsigned long gfn)
{
    struct gnttab_map_grant_ref m = {
        .host_addr = gfn << PAGE_SHIFT, .flags = flags, .ref = ref, .dom = dom,
        .status = 99, .handle = 0xdeadbeef, .dev_bus_addr = 0x1234,
    };

    assert_int_equal(op(caller, GNTTABOP_map_grant_ref, &m, 1), 0);
    if ( m.status )     /* failures leave the outputs alone */
    {
        assert_int_equal(m.handle, 0xdeadbeef);
        assert_int_equal(m.dev_bus_addr, 0x1234);
    }
    return m;
}

static int16_t unmap1(struct domain *caller, grant_handle_t handle, uint64_t host_addr)
{
    struct gnttab_unmap_grant_ref u = { .host_addr = host_addr, .handle = handle, .status = 99 };

    assert_int_equal(op(caller, GNTTABOP_unmap_grant_ref, &u, 1), 0);
    return u.status;
}

static unsigned long mfn_at(struct domain *d, unsigned long gfn, p2m_type_t *t)
{
    return p2m_lookup(&d->arch.p2m, gfn, t, NULL);
}

static const struct active_grant *act(struct domain *d, grant_ref_t ref)
{
    return &d->grant_table->active[ref / 512][ref % 512];
}

static void test_map_self(void **state)
{
    grant_entry_v1_t *e;
    struct gnttab_map_grant_ref rw, ro;
    unsigned long mfn;
    p2m_type_t t;

    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    mfn = mfn_at(dom0, SRC_GFN, &t);
    e = grant_v1(dom0, 10, GTF_permit_access, 0, SRC_GFN);
    rw = map1(dom0, 10, 0, GNTMAP_host_map, MAP_GFN);
    assert_int_equal(rw.status, GNTST_okay);
    assert_int_equal(rw.handle, 0);
    assert_int_equal(rw.dev_bus_addr, (uint64_t)mfn << PAGE_SHIFT);
    assert_int_equal(mfn_at(dom0, MAP_GFN, &t), mfn);
    assert_int_equal(t, p2m_grant_map_rw);
    /* Xen's p2m_add_page moves a page of our own out of its old GFN. */
    assert_int_equal(mfn_at(dom0, SRC_GFN, &t), INVALID_MFN);
    assert_int_equal(e->flags, GTF_permit_access | GTF_reading | GTF_writing);
    assert_int_equal(dom0->grant_table->nr_pinned, 1);

    ro = map1(dom0, 10, 0, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN + 1);
    assert_int_equal(ro.status, GNTST_okay);
    assert_int_equal(ro.handle, 1);
    assert_int_equal(ro.dev_bus_addr, rw.dev_bus_addr);
    assert_int_equal(mfn_at(dom0, MAP_GFN + 1, &t), mfn);
    assert_int_equal(t, p2m_grant_map_ro);
    assert_int_equal(act(dom0, 10)->nr_rw, 1);
    assert_int_equal(act(dom0, 10)->nr_ro, 1);

    unit_tlb_flushes = 0;
    assert_int_equal(unmap1(dom0, rw.handle, MAP_GFN << PAGE_SHIFT), GNTST_okay);
    assert_int_equal(unit_tlb_flushes, 1);
    assert_int_equal(mfn_at(dom0, MAP_GFN, &t), INVALID_MFN);
    assert_int_equal(e->flags, GTF_permit_access | GTF_reading);    /* last writer gone */
    assert_int_equal(unmap1(dom0, rw.handle, MAP_GFN << PAGE_SHIFT), GNTST_bad_handle);
    assert_int_equal(unmap1(dom0, ro.handle, (MAP_GFN + 1) << PAGE_SHIFT), GNTST_okay);
    assert_int_equal(e->flags, GTF_permit_access);
    assert_int_equal(dom0->grant_table->nr_pinned, 0);
    /* The frame is nowhere in our p2m now, so the grant names no RAM. */
    assert_int_equal(map1(dom0, 10, 0, GNTMAP_host_map, MAP_GFN).status, GNTST_bad_page);
    assert_int_equal(e->flags, GTF_permit_access);
    assert_int_equal(unit_domain_crashes, 0);
}

static void test_map_foreign_ro(void **state)
{
    grant_entry_v1_t *e;
    struct gnttab_map_grant_ref m;
    unsigned long mfn;
    uint8_t *d1_page = unit_add_ram(dom1, D1_GFN, p2m_ram_rw);
    p2m_type_t t;

    assert_int_equal(gnttab_map_frame(dom1, 0, GT_GFN), 0);
    mfn = mfn_at(dom1, D1_GFN, &t);
    e = grant_v1(dom1, 20, GTF_permit_access | GTF_readonly, 0, D1_GFN);
    m = map1(dom0, 20, 1, GNTMAP_host_map, MAP_GFN);
    assert_int_equal(m.status, GNTST_general_error);
    assert_int_equal(e->flags, GTF_permit_access | GTF_readonly);
    m = map1(dom0, 20, 1, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN);
    assert_int_equal(m.status, GNTST_okay);
    assert_int_equal(m.handle, 1);      /* 0 was taken and given back */
    assert_int_equal(e->flags, GTF_permit_access | GTF_readonly | GTF_reading);
    assert_int_equal(mfn_at(dom0, MAP_GFN, &t), mfn);
    assert_int_equal(t, p2m_grant_map_ro);
    assert_int_equal(mfn_at(dom1, D1_GFN, &t), mfn);        /* not ours: stays */
    /* A writer after a reader still meets GTF_readonly. */
    assert_int_equal(map1(dom0, 20, 1, GNTMAP_host_map, MAP_GFN + 1).status,
                     GNTST_general_error);
    assert_int_equal(e->flags, GTF_permit_access | GTF_readonly | GTF_reading);
    /* dom1 is not the grantee of its own entry. */
    assert_int_equal(map1(dom1, 20, 1, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN).status,
                     GNTST_general_error);
    d1_page[0] = 0x5a;
    assert_int_equal(((uint8_t *)mfn_to_virt(mfn))[0], 0x5a);
    assert_int_equal(unmap1(dom0, m.handle, MAP_GFN << PAGE_SHIFT), GNTST_okay);
    assert_int_equal(e->flags, GTF_permit_access | GTF_readonly);
}

static void test_map_errors(void **state)
{
    unsigned long mfn, ro_mfn;
    p2m_type_t t;

    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    mfn = mfn_at(dom0, SRC_GFN, &t);
    ro_mfn = mfn_at(dom0, RO_GFN, &t);
    grant_v1(dom0, 10, GTF_permit_access, 0, SRC_GFN);
    grant_v1(dom0, 13, GTF_permit_access, 1, SRC_GFN);          /* for dom1 */
    grant_v1(dom0, 14, GTF_permit_access, 0, NO_RAM_GFN);
    grant_v1(dom0, 15, GTF_permit_access | GTF_sub_page, 0, SRC_GFN);
    grant_v1(dom0, 16, GTF_permit_access, 0, RO_GFN);
    assert_int_equal(map1(dom0, 10, 0, 0, MAP_GFN).status, GNTST_bad_gntref);
    assert_int_equal(map1(dom0, 10, 0, GNTMAP_device_map, MAP_GFN).status, GNTST_general_error);
    assert_int_equal(map1(dom0, 10, 0, GNTMAP_host_map | GNTMAP_application_map,
                          MAP_GFN).status, GNTST_general_error);
    assert_int_equal(map1(dom0, 10, 0, GNTMAP_host_map | GNTMAP_contains_pte, MAP_GFN).status,
                     GNTST_general_error);
    assert_int_equal(map1(dom0, 10, DOMID_SELF, GNTMAP_host_map, MAP_GFN).status,
                     GNTST_bad_domain);
    assert_int_equal(map1(dom0, 10, 7, GNTMAP_host_map, MAP_GFN).status, GNTST_bad_domain);
    assert_int_equal(map1(dom0, 512, 0, GNTMAP_host_map, MAP_GFN).status, GNTST_bad_gntref);
    assert_int_equal(map1(dom0, ~0U, 0, GNTMAP_host_map, MAP_GFN).status, GNTST_bad_gntref);
    assert_int_equal(map1(dom0, 11, 0, GNTMAP_host_map, MAP_GFN).status, GNTST_general_error);
    assert_int_equal(map1(dom0, 13, 0, GNTMAP_host_map, MAP_GFN).status, GNTST_general_error);
    assert_int_equal(map1(dom0, 14, 0, GNTMAP_host_map, MAP_GFN).status, GNTST_bad_page);
    assert_int_equal(map1(dom0, 15, 0, GNTMAP_host_map, MAP_GFN).status, GNTST_general_error);
    assert_int_equal(map1(dom0, 16, 0, GNTMAP_host_map, MAP_GFN).status, GNTST_bad_page);
    /* Entry fine, p2m side refused: other flag bits, a GFN beyond 2^36. */
    assert_int_equal(map1(dom0, 10, 0, GNTMAP_host_map | (1U << 5), MAP_GFN).status,
                     GNTST_general_error);
    assert_int_equal(map1(dom0, 10, 0, GNTMAP_host_map | (1U << 16), MAP_GFN).status,
                     GNTST_general_error);
    assert_int_equal(map1(dom0, 10, 0, GNTMAP_host_map, 1UL << 40).status,
                     GNTST_general_error);
    /* Nothing left behind by any of them. */
    assert_int_equal(mfn_at(dom0, SRC_GFN, &t), mfn);
    assert_int_equal(mfn_at(dom0, MAP_GFN, &t), INVALID_MFN);
    assert_int_equal(grant_v1(dom0, 14, GTF_permit_access, 0, NO_RAM_GFN)->flags,
                     GTF_permit_access);
    assert_int_equal(grant_v1(dom0, 10, GTF_permit_access, 0, SRC_GFN)->flags,
                     GTF_permit_access);
    assert_int_equal(dom0->grant_table->nr_pinned, 0);
    assert_int_equal(unit_domain_crashes, 0);

    /* A read-only grant of read-only RAM maps, here over RAM we own, which
     * it replaces; the frame leaves RO_GFN. */
    assert_int_equal(map1(dom0, 16, 0, GNTMAP_host_map | GNTMAP_readonly, DST_GFN).status,
                     GNTST_okay);
    assert_int_equal(mfn_at(dom0, DST_GFN, &t), ro_mfn);
    assert_int_equal(t, p2m_grant_map_ro);
    assert_int_equal(mfn_at(dom0, RO_GFN, &t), INVALID_MFN);
    /* Over a grant mapping: Xen crashes the caller. */
    assert_int_equal(map1(dom0, 10, 0, GNTMAP_host_map, DST_GFN).status, GNTST_general_error);
    assert_int_equal(unit_domain_crashes, 1);
    assert_int_equal(grant_v1(dom0, 10, GTF_permit_access, 0, SRC_GFN)->flags,
                     GTF_permit_access);
    assert_int_equal(op(dom0, GNTTABOP_map_grant_ref, (void *)BAD_PTR, 1), -EFAULT);
    assert_int_equal(op(dom0, GNTTABOP_unmap_grant_ref, (void *)BAD_PTR, 1), -EFAULT);
}

static void test_map_pins(void **state)
{
    grant_entry_v1_t *e;
    grant_handle_t h[GNTTAB_PIN_MAX + 1];
    unsigned int i;

    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    e = grant_v1(dom0, 10, GTF_permit_access, 0, SRC_GFN);
    for ( i = 0; i < GNTTAB_PIN_MAX; i++ )
    {
        struct gnttab_map_grant_ref m = map1(dom0, 10, 0, GNTMAP_host_map, MAP_GFN + i);

        assert_int_equal(m.status, GNTST_okay);
        h[i] = m.handle;
    }
    assert_int_equal(act(dom0, 10)->nr_rw, GNTTAB_PIN_MAX);
    /* Once pinned, the entry is not read again: a guest change goes unseen. */
    e->domid = 5;
    assert_int_equal(map1(dom0, 10, 0, GNTMAP_host_map, MAP_GFN + 200).status,
                     GNTST_general_error);                      /* count full */
    h[GNTTAB_PIN_MAX] = map1(dom0, 10, 0, GNTMAP_host_map | GNTMAP_readonly,
                             MAP_GFN + 201).handle;             /* the other count */
    assert_int_equal(act(dom0, 10)->nr_ro, 1);
    for ( i = 0; i < GNTTAB_PIN_MAX; i++ )
    {
        assert_int_equal(unmap1(dom0, h[i], (MAP_GFN + i) << PAGE_SHIFT), GNTST_okay);
        assert_int_equal(e->flags, GTF_permit_access | GTF_reading |
                                   (i + 1 < GNTTAB_PIN_MAX ? GTF_writing : 0));
    }
    assert_int_equal(unmap1(dom0, h[GNTTAB_PIN_MAX], (MAP_GFN + 201) << PAGE_SHIFT),
                     GNTST_okay);
    assert_int_equal(e->flags, GTF_permit_access);
    assert_int_equal(act(dom0, 10)->nr_rw + act(dom0, 10)->nr_ro, 0);
}

static void test_unmap_errors(void **state)
{
    struct gnttab_map_grant_ref a, b;
    struct gnttab_unmap_grant_ref u[3];
    p2m_type_t t;

    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    grant_v1(dom0, 10, GTF_permit_access, 0, SRC_GFN);
    a = map1(dom0, 10, 0, GNTMAP_host_map, MAP_GFN);
    b = map1(dom0, 10, 0, GNTMAP_host_map, MAP_GFN + 1);
    assert_int_equal(unmap1(dom0, 77, MAP_GFN << PAGE_SHIFT), GNTST_bad_handle);
    assert_int_equal(unmap1(dom0, ~0U, MAP_GFN << PAGE_SHIFT), GNTST_bad_handle);
    /* host_addr 0 leaves the mapping be, and says so with success. */
    assert_int_equal(unmap1(dom0, a.handle, 0), GNTST_okay);
    assert_int_equal(unmap1(dom0, a.handle, (MAP_GFN + 9) << PAGE_SHIFT), GNTST_general_error);
    /* Another mapping of the same frame is not this handle's (Xen accepts it). */
    assert_int_equal(unmap1(dom0, a.handle, (MAP_GFN + 1) << PAGE_SHIFT), GNTST_general_error);
    assert_int_equal(mfn_at(dom0, MAP_GFN + 1, &t), b.dev_bus_addr >> PAGE_SHIFT);
    /* A batch: the bad element in the middle does not stop the others, and
     * the low bits of host_addr and dev_bus_addr do not matter. */
    u[0] = (struct gnttab_unmap_grant_ref){ (MAP_GFN << PAGE_SHIFT) + 0x123, 0x999, a.handle, 99 };
    u[1] = (struct gnttab_unmap_grant_ref){ MAP_GFN << PAGE_SHIFT, 0, 4242, 99 };
    u[2] = (struct gnttab_unmap_grant_ref){ (MAP_GFN + 1) << PAGE_SHIFT, 0, b.handle, 99 };
    assert_int_equal(op(dom0, GNTTABOP_unmap_grant_ref, u, 3), 0);
    assert_int_equal(u[0].status, GNTST_okay);
    assert_int_equal(u[1].status, GNTST_bad_handle);
    assert_int_equal(u[2].status, GNTST_okay);
    assert_int_equal(u[1].handle, 4242);                        /* only status written */
    assert_int_equal(dom0->grant_table->nr_pinned, 0);
}

static void test_maptrack_exhaustion(void **state)
{
    struct gnttab_map_grant_ref m[3];
    unsigned int i;

    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    grant_v1(dom0, 10, GTF_permit_access, 0, SRC_GFN);
    dom0->grant_table->max_maptrack = 2;
    for ( i = 0; i < 3; i++ )
    {
        m[i] = (struct gnttab_map_grant_ref){ (MAP_GFN + i) << PAGE_SHIFT, GNTMAP_host_map,
                                              10, 0, 99, 0xdeadbeef, 0 };
    }
    assert_int_equal(op(dom0, GNTTABOP_map_grant_ref, m, 3), 0);
    assert_int_equal(m[0].status, GNTST_okay);
    assert_int_equal(m[1].status, GNTST_okay);
    assert_int_equal(m[2].status, GNTST_no_device_space);
    assert_int_equal(m[2].handle, 0xdeadbeef);
    /* Even a bad ref: the handle comes first, as in Xen. */
    assert_int_equal(map1(dom0, 999, 0, GNTMAP_host_map, MAP_GFN + 2).status,
                     GNTST_no_device_space);
    assert_int_equal(unmap1(dom0, m[0].handle, MAP_GFN << PAGE_SHIFT), GNTST_okay);
    assert_int_equal(map1(dom0, 10, 0, GNTMAP_host_map, MAP_GFN + 2).handle, m[0].handle);
    assert_int_equal(act(dom0, 10)->nr_rw, 2);
}

static void test_map_v2(void **state)
{
    grant_entry_v2_t *e2;
    grant_status_t *st;
    struct gnttab_map_grant_ref m;
    uint32_t v;

    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    assert_int_equal(set_version(dom0, 2, &v), 0);
    e2 = (grant_entry_v2_t *)frame0(dom0);
    st = dom0->grant_table->status[0];
    e2[20].full_page.frame = SRC_GFN;
    e2[20].hdr.flags = GTF_permit_access;
    e2[21] = e2[20];
    e2[21].hdr.flags = GTF_permit_access | GTF_sub_page;
    e2[22] = e2[20];
    e2[22].hdr.flags = GTF_permit_access | GTF_readonly;
    e2[23] = e2[20];
    e2[23].hdr.flags = GTF_transitive;
    m = map1(dom0, 20, 0, GNTMAP_host_map, MAP_GFN);
    assert_int_equal(m.status, GNTST_okay);
    assert_int_equal(e2[20].hdr.flags, GTF_permit_access);
    assert_int_equal(st[20], GTF_reading | GTF_writing);
    assert_int_equal(map1(dom0, 21, 0, GNTMAP_host_map, MAP_GFN + 1).status,
                     GNTST_general_error);
    assert_int_equal(map1(dom0, 22, 0, GNTMAP_host_map, MAP_GFN + 1).status,
                     GNTST_general_error);
    assert_int_equal(map1(dom0, 23, 0, GNTMAP_host_map, MAP_GFN + 1).status,
                     GNTST_general_error);
    assert_int_equal(st[21] | st[22] | st[23], 0);
    assert_int_equal(map1(dom0, 256, 0, GNTMAP_host_map, MAP_GFN + 1).status,
                     GNTST_bad_gntref);                         /* 256 a frame in v2 */
    assert_int_equal(set_version(dom0, 1, &v), -EBUSY);
    assert_int_equal(unmap1(dom0, m.handle, MAP_GFN << PAGE_SHIFT), GNTST_okay);
    assert_int_equal(st[20], 0);
    assert_int_equal(set_version(dom0, 1, &v), 0);
}

/* What a mapping blocks and what it lets through. */
static void test_map_busy(void **state)
{
    struct gnttab_swap_grant_ref s = { 10, 11, 99 };
    struct gnttab_map_grant_ref m;
    grant_entry_v1_t *e;
    uint32_t v;

    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    e = grant_v1(dom0, 10, GTF_permit_access, 0, SRC_GFN);
    memcpy(src_page, "mapped", 7);
    m = map1(dom0, 10, 0, GNTMAP_host_map, MAP_GFN);
    assert_int_equal(op(dom0, GNTTABOP_swap_grant_ref, &s, 1), 0);
    assert_int_equal(s.status, GNTST_eagain);
    assert_int_equal(set_version(dom0, 2, &v), -EBUSY);
    assert_int_equal(v, 1);
    /* A copy uses the frame the mapping holds, though SRC_GFN is empty now. */
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_source_gref, 10, DST_GFN, 0, 0, 7)),
                     GNTST_okay);
    assert_memory_equal(dst_page, "mapped", 7);
    assert_int_equal(e->flags, GTF_permit_access | GTF_reading | GTF_writing);
    assert_int_equal(unmap1(dom0, m.handle, MAP_GFN << PAGE_SHIFT), GNTST_okay);

    /* Read-only RAM mapped read-only: a copy may not write through it. */
    e = grant_v1(dom0, 12, GTF_permit_access, 0, RO_GFN);
    m = map1(dom0, 12, 0, GNTMAP_host_map | GNTMAP_readonly, MAP_GFN);
    assert_int_equal(m.status, GNTST_okay);
    assert_int_equal(copy1(dom0, copy_op(GNTCOPY_dest_gref, DST_GFN, 12, 0, 0, 8)),
                     GNTST_bad_page);
    assert_int_equal(e->flags, GTF_permit_access | GTF_reading);

    /* A reserved entry in use does not hold the version back. */
    e = grant_v1(dom0, 3, GTF_permit_access, 0, DST_GFN);
    assert_int_equal(unmap1(dom0, m.handle, MAP_GFN << PAGE_SHIFT), GNTST_okay);
    m = map1(dom0, 3, 0, GNTMAP_host_map, MAP_GFN);
    assert_int_equal(set_version(dom0, 2, &v), 0);
    assert_int_equal(dom0->grant_table->status[0][3], GTF_reading | GTF_writing);
    assert_int_equal(unmap1(dom0, m.handle, MAP_GFN << PAGE_SHIFT), GNTST_okay);
    assert_int_equal(dom0->grant_table->status[0][3], 0);
}

/* A dying mapper gives its mappings back; a dying granter takes them away. */
static void test_map_teardown(void **state)
{
    grant_entry_v1_t *e0;
    struct gnttab_map_grant_ref to_d1, to_d0;
    p2m_type_t t;

    unit_add_ram(dom1, D1_GFN, p2m_ram_rw);
    assert_int_equal(gnttab_map_frame(dom0, 0, GT_GFN), 0);
    assert_int_equal(gnttab_map_frame(dom1, 0, GT_GFN), 0);
    e0 = grant_v1(dom0, 30, GTF_permit_access, 1, SRC_GFN);
    grant_v1(dom1, 31, GTF_permit_access, 0, D1_GFN);
    to_d1 = map1(dom1, 30, 0, GNTMAP_host_map, MAP_GFN);
    to_d0 = map1(dom0, 31, 1, GNTMAP_host_map, MAP_GFN);
    assert_int_equal(to_d1.status, GNTST_okay);
    assert_int_equal(to_d0.status, GNTST_okay);
    assert_int_equal(e0->flags, GTF_permit_access | GTF_reading | GTF_writing);

    unit_tlb_flushes = 0;
    free_domain(dom1);
    dom1 = NULL;
    /* dom1's mapping of our entry 30 is gone, and our mapping of its 31. */
    assert_int_equal(e0->flags, GTF_permit_access);
    assert_int_equal(dom0->grant_table->nr_pinned, 0);
    assert_int_equal(mfn_at(dom0, MAP_GFN, &t), INVALID_MFN);
    assert_true(unit_tlb_flushes >= 1);
    assert_int_equal(unmap1(dom0, to_d0.handle, MAP_GFN << PAGE_SHIFT), GNTST_bad_handle);

    /* Our own mappings of our own grants end with us (teardown checks leaks). */
    e0 = grant_v1(dom0, 32, GTF_permit_access, 0, DST_GFN);
    assert_int_equal(map1(dom0, 32, 0, GNTMAP_host_map, MAP_GFN + 1).status, GNTST_okay);
    grant_table_destroy(dom0);
    assert_int_equal(mfn_at(dom0, MAP_GFN + 1, &t), INVALID_MFN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_query_size, setup, teardown),
        cmocka_unit_test_setup_teardown(test_get_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unimplemented, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_frame_moves, setup, teardown),
        cmocka_unit_test_setup_teardown(test_growth_to_64, setup, teardown),
        cmocka_unit_test_setup_teardown(test_growth_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(test_setup_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_version_bad, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_version_switch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_version_erange, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_v1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_cross_domain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_v2_sub_page, setup, teardown),
        cmocka_unit_test_setup_teardown(test_swap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_frame_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_self, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_foreign_ro, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_pins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unmap_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_maptrack_exhaustion, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_v2, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_busy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_teardown, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
