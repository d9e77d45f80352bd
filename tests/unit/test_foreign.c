/* SPDX-License-Identifier: GPL-2.0-only */
/* Foreign mappings on the host (xen/common/foreign_map.c) over the real heap
 * and p2m walker (env/foreign_env.c): batches with per-entry results, what
 * may sit at the target, unmapping, and the revocation at a domain's death.
 * Every test must give back every page it took: the teardown checks the
 * references on all pages and the heap's free count. */
/* The xen/ headers go first: glibc tolerates their __always_inline, not the
 * other way round. */
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/p2m.h>
#include <public/memory.h>
#include "../../xen/common/foreign_map.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "foreign_env.h"
#include "host_env.h"

#define X_ID        1           /* the domain whose pages are mapped */
#define Y_ID        2           /* another one, whose mappings must survive */
#define M_ID        3           /* a second mapper */
#define U_ID        4           /* an unprivileged would-be mapper */
#define NO_ID       77          /* no such domain */
#define XGFN        0x100UL     /* X's and Y's RAM starts here */
#define NR_RAM      4
#define TGT         0x80000UL   /* an empty place in dom0's physmap */
#define BAD_PTR     0x1000UL    /* below the env's fault limit */
#define ERR_UNSET   12345       /* what a per-entry result starts as */
#define NR_MANY     1100        /* more than two revoke batches */

static struct domain *dom0, *domx, *domy, *extra[3];
static struct page_info *xram[NR_RAM], *yram[NR_RAM];
static unsigned long baseline;

/* NPT entries, with every is_leaf() check counted, to see whether a walk ran. */
static struct p2m_format counting_npt;
static unsigned long leaf_checks;

static bool counting_is_leaf(uint64_t e, unsigned int level)
{
    leaf_checks++;
    return p2m_format_npt.is_leaf(e, level);
}

/* ---- fixtures ---- */

static int group_setup(void **state)
{
    if ( unit_foreign_env_init() )
        return -1;
    counting_npt = p2m_format_npt;
    counting_npt.is_leaf = counting_is_leaf;
    baseline = avail_heap_pages();
    return 0;
}

static int setup(void **state)
{
    unsigned int i;

    dom0 = unit_domain_create(0, true, &counting_npt);
    domx = unit_domain_create(X_ID, false, &counting_npt);
    domy = unit_domain_create(Y_ID, false, &counting_npt);
    for ( i = 0; i < NR_RAM; i++ )
    {
        xram[i] = unit_add_ram(domx, XGFN + i);
        yram[i] = unit_add_ram(domy, XGFN + i);
    }
    memset(extra, 0, sizeof(extra));
    unit_tlb_flushes = 0;
    return 0;
}

static unsigned long refs(const struct page_info *pg)
{
    return pg->count_info & PGC_count_mask;
}

/* A page still referenced means a mapping the test forgot, or a leak. */
static bool all_unreferenced(struct domain *d)
{
    struct page_list_entry *e;

    if ( !d )
        return true;
    for ( e = d->page_list.next; e != &d->page_list; e = e->next )
        if ( refs(page_list_entry_page(e)) )
            return false;
    return true;
}

static int teardown(void **state)
{
    struct domain *all[] = { dom0, domx, domy, extra[0], extra[1], extra[2] };
    bool clean = true;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(all); i++ )
        clean = all_unreferenced(all[i]) && clean;
    for ( i = 0; i < ARRAY_SIZE(all); i++ )
        unit_domain_free(all[i]);
    return clean && avail_heap_pages() == baseline ? 0 : -1;
}

/* ---- helpers ---- */

/* One call mapping fid's frames idx[] at d's gpfn[]; the results start at
 * ERR_UNSET so an entry the call never reached shows. */
static long map_n(struct domain *d, domid_t fid, unsigned int n,
                  const xen_ulong_t *idx, const xen_pfn_t *gpfn, int *err)
{
    struct xen_add_to_physmap_batch b = {
        .domid = DOMID_SELF,
        .space = XENMAPSPACE_gmfn_foreign,
        .size = n,
        .u.foreign_domid = fid,
    };
    unsigned int i;

    b.idxs.q = (uintptr_t)idx;
    b.gpfns.q = (uintptr_t)gpfn;
    b.errs.q = (uintptr_t)err;
    for ( i = 0; i < n; i++ )
        err[i] = ERR_UNSET;
    return foreign_map_batch(d->vcpu[0], d, &b);
}

/* A single entry: the call itself must succeed; returns the entry's result. */
static int map1(struct domain *d, domid_t fid, unsigned long idx, unsigned long gpfn)
{
    xen_ulong_t i = idx;
    xen_pfn_t g = gpfn;
    int err;

    assert_int_equal(map_n(d, fid, 1, &i, &g, &err), 0);
    return err;
}

static void expect_entry(struct domain *d, unsigned long gfn, p2m_type_t type,
                         unsigned long mfn)
{
    p2m_type_t t = p2m_nr_types;
    unsigned long m = p2m_lookup(&d->arch.p2m, gfn, &t, NULL);

    if ( t != type || m != mfn )
        fail_msg("d%u gfn %#lx: type %d mfn %#lx, want type %d mfn %#lx",
                 d->domain_id, gfn, t, m, type, mfn);
}

static void expect_foreign(struct domain *d, unsigned long gfn,
                           const struct page_info *pg)
{
    expect_entry(d, gfn, p2m_map_foreign, page_to_mfn(pg));
}

static void expect_hole(struct domain *d, unsigned long gfn)
{
    expect_entry(d, gfn, p2m_invalid, INVALID_MFN);
}

static unsigned long nr_foreign(struct domain *d)
{
    return d->arch.p2m.nr_entries[p2m_map_foreign];
}

/* A refused entry left nothing behind: no mapping, no reference. */
static void expect_refused(int err, int want)
{
    unsigned int i;

    assert_int_equal(err, want);
    expect_hole(dom0, TGT);
    assert_int_equal(nr_foreign(dom0), 0);
    for ( i = 0; i < NR_RAM; i++ )
        assert_int_equal(refs(xram[i]), 0);
}

static struct domain *make_extra(unsigned int slot, domid_t id, bool privileged)
{
    extra[slot] = unit_domain_create(id, privileged, &counting_npt);
    return extra[slot];
}

/* ---- mapping and unmapping ---- */

static void test_map_and_unmap(void **state)
{
    assert_int_equal(map1(dom0, X_ID, XGFN + 1, TGT), 0);
    expect_foreign(dom0, TGT, xram[1]);
    assert_int_equal(refs(xram[1]), 1);
    assert_int_equal(refs(xram[0]), 0);
    assert_int_equal(nr_foreign(dom0), 1);
    /* The owner's own view is untouched. */
    expect_entry(domx, XGFN + 1, p2m_ram_rw, page_to_mfn(xram[1]));

    unit_tlb_flushes = 0;
    assert_int_equal(foreign_unmap(dom0, TGT), 0);
    expect_hole(dom0, TGT);
    assert_int_equal(refs(xram[1]), 0);
    assert_int_equal(nr_foreign(dom0), 0);
    assert_int_equal(unit_tlb_flushes, 1);
}

/* Several entries of one call are independent: a bad one in the middle does
 * not stop the others. */
static void test_batch_results_per_entry(void **state)
{
    xen_ulong_t idx[3] = { XGFN, 0x999, XGFN + 2 };
    xen_pfn_t gpfn[3] = { TGT, TGT + 1, TGT + 2 };
    int err[3];

    assert_int_equal(map_n(dom0, X_ID, 3, idx, gpfn, err), 0);
    assert_int_equal(err[0], 0);
    assert_int_equal(err[1], -EINVAL);
    assert_int_equal(err[2], 0);
    expect_foreign(dom0, TGT, xram[0]);
    expect_hole(dom0, TGT + 1);
    expect_foreign(dom0, TGT + 2, xram[2]);
    assert_int_equal(foreign_unmap(dom0, TGT), 0);
    assert_int_equal(foreign_unmap(dom0, TGT + 2), 0);
}

static void test_size_zero(void **state)
{
    struct xen_add_to_physmap_batch b = {
        .domid = DOMID_SELF,
        .space = XENMAPSPACE_gmfn_foreign,
        .size = 0,
        .u.foreign_domid = NO_ID,
    };

    /* Nothing is read or written, so even bad lists are fine. */
    b.idxs.q = BAD_PTR;
    b.gpfns.q = BAD_PTR;
    b.errs.q = BAD_PTR;
    assert_int_equal(foreign_map_batch(dom0->vcpu[0], dom0, &b), 0);
    assert_int_equal(nr_foreign(dom0), 0);
}

/* ---- per-entry errors ---- */

static void test_unprivileged_caller(void **state)
{
    struct domain *u = make_extra(0, U_ID, false);

    assert_int_equal(map1(u, X_ID, XGFN, TGT), -EPERM);
    expect_hole(u, TGT);
    assert_int_equal(refs(xram[0]), 0);
}

static void test_unknown_domain(void **state)
{
    expect_refused(map1(dom0, NO_ID, XGFN, TGT), -ESRCH);
}

static void test_self(void **state)
{
    unit_add_ram(dom0, XGFN);
    expect_refused(map1(dom0, 0, XGFN, TGT), -EPERM);
}

static void test_foreign_hole(void **state)
{
    expect_refused(map1(dom0, X_ID, 0x999, TGT), -EINVAL);
}

/* A frame number past the p2m's reach must not wrap onto a real one. */
static void test_foreign_gfn_out_of_range(void **state)
{
    expect_refused(map1(dom0, X_ID, (1UL << 36) + XGFN, TGT), -EINVAL);
    expect_refused(map1(dom0, X_ID, ~0UL, TGT), -EINVAL);
}

static void test_foreign_mmio(void **state)
{
    assert_int_equal(p2m_set_entry(&domx->arch.p2m, 0xfe000, 0xfe000, 0,
                                   p2m_mmio_direct), 0);
    expect_refused(map1(dom0, X_ID, 0xfe000, TGT), -EINVAL);
}

/* A hypervisor page in X's physmap (say its shared info): X's, but not RAM
 * anyone may hold on to. */
static void test_foreign_xenheap(void **state)
{
    void *va = alloc_xenheap_page();

    assert_non_null(va);
    page_set_owner(virt_to_page(va), domx);
    assert_int_equal(p2m_set_entry(&domx->arch.p2m, 0x500, virt_to_mfn(va), 0,
                                   p2m_ram_rw), 0);
    expect_refused(map1(dom0, X_ID, 0x500, TGT), -EINVAL);
    assert_int_equal(virt_to_page(va)->count_info & PGC_count_mask, 0);
    p2m_remove_entry(&domx->arch.p2m, 0x500, 0);
    free_xenheap_page(va);
}

/* Y's page in X's physmap, as RAM or as a grant mapping: not X's to give. */
static void test_foreign_page_of_another(void **state)
{
    assert_int_equal(p2m_set_entry(&domx->arch.p2m, 0x500, page_to_mfn(yram[0]), 0,
                                   p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&domx->arch.p2m, 0x501, page_to_mfn(yram[1]), 0,
                                   p2m_grant_map_rw), 0);
    expect_refused(map1(dom0, X_ID, 0x500, TGT), -EINVAL);
    expect_refused(map1(dom0, X_ID, 0x501, TGT), -EINVAL);
    assert_int_equal(refs(yram[0]), 0);
    assert_int_equal(refs(yram[1]), 0);
}

/* A frame X's p2m names that is back in the heap, or is no RAM at all. */
static void test_foreign_free_or_invalid_frame(void **state)
{
    struct page_info *pg = alloc_domheap_page(domx, 0);
    unsigned long mfn = page_to_mfn(pg);

    free_domheap_page(pg);
    assert_int_equal(p2m_set_entry(&domx->arch.p2m, 0x500, mfn, 0, p2m_ram_rw), 0);
    assert_int_equal(p2m_set_entry(&domx->arch.p2m, 0x501, max_page + 5, 0,
                                   p2m_ram_rw), 0);
    expect_refused(map1(dom0, X_ID, 0x500, TGT), -EINVAL);
    expect_refused(map1(dom0, X_ID, 0x501, TGT), -EINVAL);
    assert_int_equal(mfn_to_page(mfn)->count_info & PGC_count_mask, 0);
}

/* X's page, but not one the heap counts in use (forced here: the heap never
 * leaves an owned page in another state). The state goes back before any
 * check, so that the heap can take the page back whatever happened. */
static void test_foreign_page_not_in_use(void **state)
{
    unsigned long saved = xram[3]->count_info, after;
    int err;

    xram[3]->count_info = PGC_state_unused;
    err = map1(dom0, X_ID, XGFN + 3, TGT);
    after = xram[3]->count_info;
    xram[3]->count_info = saved;
    assert_int_equal(after, PGC_state_unused);
    expect_refused(err, -EINVAL);
}

static void test_target_out_of_range(void **state)
{
    assert_int_equal(map1(dom0, X_ID, XGFN, 1UL << 36), -EINVAL);
    assert_int_equal(map1(dom0, X_ID, XGFN, ~0UL), -EINVAL);
    assert_int_equal(refs(xram[0]), 0);
    assert_int_equal(nr_foreign(dom0), 0);
    /* The last frame that fits is fine. */
    assert_int_equal(map1(dom0, X_ID, XGFN, (1UL << 36) - 1), 0);
    expect_foreign(dom0, (1UL << 36) - 1, xram[0]);
    assert_int_equal(foreign_unmap(dom0, (1UL << 36) - 1), 0);
}

/* Still listed, but domain_kill() has marked it: its pages are on their way
 * out, and the revocation may already have swept past this mapper. */
static void test_dying_domain(void **state)
{
    domx->state = DOMSTATE_dying;
    expect_refused(map1(dom0, X_ID, XGFN, TGT), -EINVAL);
}

/* ---- faults: the only errors of the call itself ---- */

static void test_unreadable_idxs(void **state)
{
    xen_pfn_t gpfn = TGT;
    int err = ERR_UNSET;
    struct xen_add_to_physmap_batch b = {
        .domid = DOMID_SELF,
        .space = XENMAPSPACE_gmfn_foreign,
        .size = 1,
        .u.foreign_domid = X_ID,
    };

    b.idxs.q = BAD_PTR;
    b.gpfns.q = (uintptr_t)&gpfn;
    b.errs.q = (uintptr_t)&err;
    assert_int_equal(foreign_map_batch(dom0->vcpu[0], dom0, &b), -EFAULT);
    expect_refused(err, ERR_UNSET);
}

static void test_unreadable_gpfns(void **state)
{
    xen_ulong_t idx = XGFN;
    int err = ERR_UNSET;
    struct xen_add_to_physmap_batch b = {
        .domid = DOMID_SELF,
        .space = XENMAPSPACE_gmfn_foreign,
        .size = 1,
        .u.foreign_domid = X_ID,
    };

    b.idxs.q = (uintptr_t)&idx;
    b.gpfns.q = BAD_PTR;
    b.errs.q = (uintptr_t)&err;
    assert_int_equal(foreign_map_batch(dom0->vcpu[0], dom0, &b), -EFAULT);
    expect_refused(err, ERR_UNSET);
}

/* The first entry is made before its result cannot be written; as in Xen it
 * stays, and the call stops there. */
static void test_unwritable_errs(void **state)
{
    xen_ulong_t idx[2] = { XGFN, XGFN + 1 };
    xen_pfn_t gpfn[2] = { TGT, TGT + 1 };
    struct xen_add_to_physmap_batch b = {
        .domid = DOMID_SELF,
        .space = XENMAPSPACE_gmfn_foreign,
        .size = 2,
        .u.foreign_domid = X_ID,
    };

    b.idxs.q = (uintptr_t)idx;
    b.gpfns.q = (uintptr_t)gpfn;
    b.errs.q = BAD_PTR;
    assert_int_equal(foreign_map_batch(dom0->vcpu[0], dom0, &b), -EFAULT);
    expect_foreign(dom0, TGT, xram[0]);
    expect_hole(dom0, TGT + 1);
    assert_int_equal(refs(xram[1]), 0);
    assert_int_equal(foreign_unmap(dom0, TGT), 0);
}

/* ---- what is at the target ---- */

static void test_target_foreign_replaced(void **state)
{
    assert_int_equal(map1(dom0, X_ID, XGFN, TGT), 0);
    assert_int_equal(map1(dom0, Y_ID, XGFN + 1, TGT), 0);
    expect_foreign(dom0, TGT, yram[1]);
    assert_int_equal(refs(xram[0]), 0);
    assert_int_equal(refs(yram[1]), 1);
    assert_int_equal(nr_foreign(dom0), 1);

    /* The same page again at the same place: still one reference. */
    assert_int_equal(map1(dom0, Y_ID, XGFN + 1, TGT), 0);
    expect_foreign(dom0, TGT, yram[1]);
    assert_int_equal(refs(yram[1]), 1);
    assert_int_equal(foreign_unmap(dom0, TGT), 0);
    assert_int_equal(refs(yram[1]), 0);
}

/* A refused replacement must leave the mapping that was there. */
static void test_target_foreign_kept_on_error(void **state)
{
    assert_int_equal(map1(dom0, X_ID, XGFN, TGT), 0);
    assert_int_equal(map1(dom0, X_ID, 0x999, TGT), -EINVAL);
    assert_int_equal(map1(dom0, NO_ID, XGFN, TGT), -ESRCH);
    expect_foreign(dom0, TGT, xram[0]);
    assert_int_equal(refs(xram[0]), 1);
    assert_int_equal(nr_foreign(dom0), 1);
    assert_int_equal(foreign_unmap(dom0, TGT), 0);
}

/* dom0's 1:1 MMIO is in 2 MiB leaves; the mapping takes one 4K frame out of
 * one, and unmapping leaves a hole there, the rest still MMIO. */
static void test_target_mmio_replaced(void **state)
{
    const unsigned long base = 0xfe000, gfn = base + 0x10;

    assert_int_equal(p2m_set_entry(&dom0->arch.p2m, base, base, 9, p2m_mmio_direct), 0);
    assert_int_equal(map1(dom0, X_ID, XGFN, gfn), 0);
    expect_foreign(dom0, gfn, xram[0]);
    expect_entry(dom0, gfn - 1, p2m_mmio_direct, gfn - 1);
    expect_entry(dom0, gfn + 1, p2m_mmio_direct, gfn + 1);
    assert_int_equal(refs(xram[0]), 1);

    assert_int_equal(foreign_unmap(dom0, gfn), 0);
    expect_hole(dom0, gfn);
    expect_entry(dom0, gfn + 1, p2m_mmio_direct, gfn + 1);
    assert_int_equal(refs(xram[0]), 0);
}

static void test_target_ram_busy(void **state)
{
    struct page_info *own = unit_add_ram(dom0, TGT);

    assert_int_equal(p2m_set_entry(&dom0->arch.p2m, TGT + 1, page_to_mfn(own), 0,
                                   p2m_ram_ro), 0);
    assert_int_equal(map1(dom0, X_ID, XGFN, TGT), -EBUSY);
    assert_int_equal(map1(dom0, X_ID, XGFN, TGT + 1), -EBUSY);
    expect_entry(dom0, TGT, p2m_ram_rw, page_to_mfn(own));
    expect_entry(dom0, TGT + 1, p2m_ram_ro, page_to_mfn(own));
    assert_int_equal(refs(xram[0]), 0);
    assert_int_equal(nr_foreign(dom0), 0);
}

static void test_target_grant_busy(void **state)
{
    assert_int_equal(p2m_set_entry(&dom0->arch.p2m, TGT, page_to_mfn(yram[0]), 0,
                                   p2m_grant_map_rw), 0);
    assert_int_equal(p2m_set_entry(&dom0->arch.p2m, TGT + 1, page_to_mfn(yram[1]), 0,
                                   p2m_grant_map_ro), 0);
    assert_int_equal(map1(dom0, X_ID, XGFN, TGT), -EBUSY);
    assert_int_equal(map1(dom0, X_ID, XGFN, TGT + 1), -EBUSY);
    expect_entry(dom0, TGT, p2m_grant_map_rw, page_to_mfn(yram[0]));
    expect_entry(dom0, TGT + 1, p2m_grant_map_ro, page_to_mfn(yram[1]));
    assert_int_equal(refs(xram[0]), 0);
}

/* ---- foreign_unmap ---- */

static void test_unmap_without_mapping(void **state)
{
    struct page_info *own = unit_add_ram(dom0, TGT + 1);

    assert_int_equal(p2m_set_entry(&dom0->arch.p2m, TGT + 2, 0xfe000, 0,
                                   p2m_mmio_direct), 0);
    unit_tlb_flushes = 0;
    assert_int_equal(foreign_unmap(dom0, TGT), -ENOENT);
    assert_int_equal(foreign_unmap(dom0, TGT + 1), -ENOENT);
    assert_int_equal(foreign_unmap(dom0, TGT + 2), -ENOENT);
    assert_int_equal(foreign_unmap(dom0, 1UL << 36), -ENOENT);
    expect_entry(dom0, TGT + 1, p2m_ram_rw, page_to_mfn(own));
    expect_entry(dom0, TGT + 2, p2m_mmio_direct, 0xfe000);
    assert_int_equal(unit_tlb_flushes, 0);
}

/* ---- foreign_revoke ---- */

/* As domain_kill(): marked dying, off the list, then revoked. */
static void kill(struct domain *d)
{
    d->state = DOMSTATE_dying;
    unit_domain_unlist(d);
    unit_printk_capture_start();
    foreign_revoke(d);
    unit_printk_capture_stop();
}

static void test_revoke_owner_only(void **state)
{
    struct domain *m = make_extra(0, M_ID, true);
    struct page_info *own = unit_add_ram(dom0, 0x10);
    unsigned int i;

    for ( i = 0; i < NR_RAM; i++ )
        assert_int_equal(map1(dom0, X_ID, XGFN + i, TGT + i), 0);
    assert_int_equal(map1(dom0, Y_ID, XGFN, TGT + 0x10), 0);
    assert_int_equal(map1(dom0, Y_ID, XGFN + 1, TGT + 0x11), 0);
    assert_int_equal(map1(m, X_ID, XGFN, 0x5000), 0);
    assert_int_equal(map1(m, X_ID, XGFN + 2, 0x5001), 0);
    assert_int_equal(map1(m, Y_ID, XGFN, 0x6000), 0);
    assert_int_equal(refs(xram[0]), 2);

    kill(domx);
    for ( i = 0; i < NR_RAM; i++ )
    {
        expect_hole(dom0, TGT + i);
        assert_int_equal(refs(xram[i]), 0);
    }
    expect_hole(m, 0x5000);
    expect_hole(m, 0x5001);
    expect_foreign(dom0, TGT + 0x10, yram[0]);
    expect_foreign(dom0, TGT + 0x11, yram[1]);
    expect_foreign(m, 0x6000, yram[0]);
    assert_int_equal(refs(yram[0]), 2);
    assert_int_equal(refs(yram[1]), 1);
    assert_int_equal(nr_foreign(dom0), 2);
    assert_int_equal(nr_foreign(m), 1);
    expect_entry(dom0, 0x10, p2m_ram_rw, page_to_mfn(own));
    assert_non_null(strstr(unit_printk_captured(), "d0: 4 foreign mappings of d1's"));
    assert_non_null(strstr(unit_printk_captured(), "d3: 2 foreign mappings of d1's"));

    assert_int_equal(foreign_unmap(dom0, TGT + 0x10), 0);
    assert_int_equal(foreign_unmap(dom0, TGT + 0x11), 0);
    assert_int_equal(foreign_unmap(m, 0x6000), 0);
}

/* dom0 maps n of X's pages in one call, with one of Y's after every 100th,
 * so that each sweep has to walk past mappings it must keep. */
static void map_many(unsigned int n, unsigned int *nr_y)
{
    xen_ulong_t *idx = calloc(n, sizeof(*idx));
    xen_pfn_t *gpfn = calloc(n, sizeof(*gpfn));
    int *err = calloc(n, sizeof(*err));
    unsigned int i;

    assert_true(idx && gpfn && err);
    for ( i = NR_RAM; i < n; i++ )
        unit_add_ram(domx, XGFN + i);
    for ( i = 0; i < n; i++ )
    {
        idx[i] = XGFN + i;
        gpfn[i] = TGT + 2 * i;
    }
    assert_int_equal(map_n(dom0, X_ID, n, idx, gpfn, err), 0);
    for ( i = 0; i < n; i++ )
        assert_int_equal(err[i], 0);
    for ( *nr_y = 0; *nr_y * 100 < n; (*nr_y)++ )
        assert_int_equal(map1(dom0, Y_ID, XGFN, TGT + 200 * *nr_y + 1), 0);
    free(idx);
    free(gpfn);
    free(err);
}

static void revoke_many(unsigned int n, const char *last_batch)
{
    struct page_list_entry *e;
    unsigned int i, nr_y;

    map_many(n, &nr_y);
    assert_int_equal(nr_foreign(dom0), n + nr_y);
    kill(domx);
    assert_int_equal(nr_foreign(dom0), nr_y);
    for ( e = domx->page_list.next; e != &domx->page_list; e = e->next )
        assert_int_equal(refs(page_list_entry_page(e)), 0);
    for ( i = 0; i < n; i++ )
        expect_hole(dom0, TGT + 2 * i);
    assert_int_equal(refs(yram[0]), nr_y);
    assert_non_null(strstr(unit_printk_captured(), last_batch));
    for ( i = 0; i < nr_y; i++ )
        assert_int_equal(foreign_unmap(dom0, TGT + 200 * i + 1), 0);
}

static void test_revoke_many_batches(void **state)
{
    revoke_many(NR_MANY, "d0: 76 foreign mappings of d1's");
    assert_non_null(strstr(unit_printk_captured(), "d0: 512 foreign mappings of d1's"));
}

static void test_revoke_exactly_one_batch(void **state)
{
    revoke_many(512, "d0: 512 foreign mappings of d1's");
}

/* A mapper with no foreign entry is not walked at all; one with a foreign
 * entry of someone else is walked and keeps it. */
static void test_revoke_skips_mapper_without_foreign(void **state)
{
    unit_add_ram(dom0, 0x10);
    leaf_checks = 0;
    kill(domx);
    assert_int_equal(leaf_checks, 0);
    assert_string_equal(unit_printk_captured(), "");

    assert_int_equal(map1(dom0, Y_ID, XGFN, TGT), 0);
    leaf_checks = 0;
    kill(domx);
    assert_true(leaf_checks > 0);
    expect_foreign(dom0, TGT, yram[0]);
    assert_string_equal(unit_printk_captured(), "");
    assert_int_equal(foreign_unmap(dom0, TGT), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_map_and_unmap),
        T(test_batch_results_per_entry),
        T(test_size_zero),
        T(test_unprivileged_caller),
        T(test_unknown_domain),
        T(test_self),
        T(test_foreign_hole),
        T(test_foreign_gfn_out_of_range),
        T(test_foreign_mmio),
        T(test_foreign_xenheap),
        T(test_foreign_page_of_another),
        T(test_foreign_free_or_invalid_frame),
        T(test_foreign_page_not_in_use),
        T(test_target_out_of_range),
        T(test_dying_domain),
        T(test_unreadable_idxs),
        T(test_unreadable_gpfns),
        T(test_unwritable_errs),
        T(test_target_foreign_replaced),
        T(test_target_foreign_kept_on_error),
        T(test_target_mmio_replaced),
        T(test_target_ram_busy),
        T(test_target_grant_busy),
        T(test_unmap_without_mapping),
        T(test_revoke_owner_only),
        T(test_revoke_many_batches),
        T(test_revoke_exactly_one_batch),
        T(test_revoke_skips_mapper_without_foreign),
    };

    return cmocka_run_group_tests(tests, group_setup, NULL);
}
