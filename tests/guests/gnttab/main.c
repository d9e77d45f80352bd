// SPDX-License-Identifier: GPL-2.0-only
/*
 * grant_table_op as Xen 4.17 answers a PVH dom0: query_size, get/set_version,
 * setup_table's frame list, frame 0 mapped with add_to_physmap at a GFN
 * without RAM, a grant of one of our own pages copied with GNTTABOP_copy
 * (DOMID_SELF on both sides), the per-element error statuses, swap, the
 * v1 <-> v2 switch, and the sub-ops an HVM guest may not use.
 */
#include "test.h"

#define __HYPERVISOR_grant_table_op     20
#define XENMEM_add_to_physmap           7
#define XENMAPSPACE_grant_table         1
#define XENMAPIDX_grant_table_status    0x80000000u
#define DOMID_SELF                      0x7ff0u

#define XEN_EBUSY       16

#define GNTTABOP_map_grant_ref      0
#define GNTTABOP_setup_table        2
#define GNTTABOP_dump_table         3
#define GNTTABOP_transfer           4
#define GNTTABOP_copy               5
#define GNTTABOP_query_size         6
#define GNTTABOP_unmap_and_replace  7
#define GNTTABOP_set_version        8
#define GNTTABOP_get_status_frames  9
#define GNTTABOP_get_version        10
#define GNTTABOP_swap_grant_ref     11
#define GNTTABOP_cache_flush        12

#define GTF_permit_access   1
#define GTF_readonly        (1u << 2)
#define GTF_reading         (1u << 3)
#define GTF_writing         (1u << 4)
#define GNTCOPY_source_gref 1
#define GNTCOPY_dest_gref   2

#define GNTST_okay              0
#define GNTST_general_error     (-1)
#define GNTST_bad_gntref        (-3)
#define GNTST_permission_denied (-8)
#define GNTST_bad_page          (-9)
#define GNTST_bad_copy_arg      (-10)

/* Host RAM beyond dom0_mem: nothing in our p2m, but inside our 0-4 GiB map. */
#define GNT_GFN     0x1f000ul
#define STATUS_GFN  0x1f010ul
#define NO_RAM_PAGE ((void *)0x1e000000ul)

struct grant_entry_v1 {
    uint16_t flags;
    uint16_t domid;
    uint32_t frame;
};

struct gnttab_query_size {
    uint16_t dom;
    uint32_t nr_frames;
    uint32_t max_nr_frames;
    int16_t status;
};

struct gnttab_setup_table {
    uint16_t dom;
    uint32_t nr_frames;
    int16_t status;
    uint64_t frame_list;
};

struct gnttab_get_version {
    uint16_t dom;
    uint16_t pad;
    uint32_t version;
};

struct gnttab_copy_ptr {
    uint64_t ref_or_gmfn;
    uint16_t domid;
    uint16_t offset;
};

struct gnttab_copy {
    struct gnttab_copy_ptr source, dest;
    uint16_t len;
    uint16_t flags;
    int16_t status;
};

struct gnttab_swap_grant_ref {
    uint32_t ref_a, ref_b;
    int16_t status;
};

struct xen_add_to_physmap {
    uint16_t domid;
    uint16_t size;
    uint32_t space;
    uint64_t idx;
    uint64_t gpfn;
};

_Static_assert(sizeof(struct gnttab_query_size) == 16, "query_size");
_Static_assert(sizeof(struct gnttab_setup_table) == 24, "setup_table");
_Static_assert(sizeof(struct gnttab_copy) == 40, "copy");
_Static_assert(sizeof(struct gnttab_swap_grant_ref) == 12, "swap");

static uint8_t src_page[4096] __attribute__((aligned(4096)));
static uint8_t dst_page[4096] __attribute__((aligned(4096)));

static volatile struct grant_entry_v1 *const table =
    (volatile struct grant_entry_v1 *)(GNT_GFN << 12);

static long gnttab_op(unsigned int cmd, void *arg, unsigned int count)
{
    return hypercall(__HYPERVISOR_grant_table_op, cmd, (unsigned long)arg,
                     count, 0, 0);
}

static long map_frame(unsigned long idx, unsigned long gfn)
{
    struct xen_add_to_physmap x = {
        .domid = DOMID_SELF, .space = XENMAPSPACE_grant_table,
        .idx = idx, .gpfn = gfn,
    };

    return hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap,
                     (unsigned long)&x, 0, 0, 0);
}

static void expect_rc(const char *what, long rc, long expected)
{
    if ( rc != expected )
        test_fail("%s returned %ld, expected %ld", what, rc, expected);
}

static void expect_st(const char *what, long st, long expected)
{
    if ( st != expected )
        test_fail("%s: status %ld, expected %ld", what, st, expected);
}

static struct gnttab_query_size query(void)
{
    struct gnttab_query_size q = { .dom = DOMID_SELF, .status = 99 };

    expect_rc("query_size", gnttab_op(GNTTABOP_query_size, &q, 1), 0);
    expect_st("query_size", q.status, GNTST_okay);
    return q;
}

static uint32_t get_version(void)
{
    struct gnttab_get_version g = { .dom = DOMID_SELF, .version = 99 };

    expect_rc("get_version", gnttab_op(GNTTABOP_get_version, &g, 1), 0);
    return g.version;
}

static long set_version(uint32_t want, uint32_t *now)
{
    uint32_t v = want;
    long rc = gnttab_op(GNTTABOP_set_version, &v, 1);

    *now = v;
    return rc;
}

static void grant(unsigned int ref, uint16_t flags, uint16_t domid, const void *page)
{
    table[ref].domid = domid;
    table[ref].frame = (uint32_t)((unsigned long)page >> 12);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    table[ref].flags = flags;
}

/* One copy element; refs and frames are given as the flags say. */
static int16_t copy(uint16_t flags, uint64_t src, uint16_t soff,
                    uint64_t dst, uint16_t doff, uint16_t len)
{
    struct gnttab_copy c = {
        .source = { src, DOMID_SELF, soff },
        .dest = { dst, DOMID_SELF, doff },
        .len = len, .flags = flags, .status = 99,
    };

    expect_rc("copy", gnttab_op(GNTTABOP_copy, &c, 1), 0);
    return c.status;
}

static void check_sizes_and_versions(void)
{
    struct gnttab_query_size q = query();
    uint32_t v;

    printk("query_size: nr_frames %u max_nr_frames %u\n", q.nr_frames, q.max_nr_frames);
    if ( q.nr_frames != 1 || q.max_nr_frames != 64 )
        test_fail("query_size: %u/%u frames, expected 1/64", q.nr_frames, q.max_nr_frames);
    expect_rc("query_size count 2", gnttab_op(GNTTABOP_query_size, &q, 2), -XEN_EINVAL);
    if ( get_version() != 1 )
        test_fail("get_version: %u, expected 1", get_version());
    expect_rc("set_version(1)", set_version(1, &v), 0);
    if ( v != 1 )
        test_fail("set_version(1) left version %u", v);
    expect_rc("set_version(3)", set_version(3, &v), -XEN_EINVAL);
    if ( v != 1 )
        test_fail("set_version(3) wrote back %u, expected 1", v);
    expect_rc("set_version(0)", set_version(0, &v), -XEN_EINVAL);
}

static void check_setup_and_map(void)
{
    uint64_t frames[2] = { 0x1234, 0x1234 };
    struct gnttab_setup_table s = { .dom = DOMID_SELF, .nr_frames = 1 };

    s.frame_list = (unsigned long)frames;
    expect_rc("setup_table", gnttab_op(GNTTABOP_setup_table, &s, 1), 0);
    expect_st("setup_table", s.status, GNTST_okay);
    printk("setup_table before mapping: frame 0 = %#lx\n", (unsigned long)frames[0]);
    if ( frames[0] != ~0ul )
        test_fail("setup_table: unmapped frame 0 reported as %#lx", (unsigned long)frames[0]);

    expect_rc("add_to_physmap(grant_table, 0)", map_frame(0, GNT_GFN), 0);
    expect_rc("setup_table", gnttab_op(GNTTABOP_setup_table, &s, 1), 0);
    printk("setup_table after mapping: frame 0 = %#lx\n", (unsigned long)frames[0]);
    if ( frames[0] != GNT_GFN )
        test_fail("setup_table: frame 0 at %#lx, expected %#lx",
                  (unsigned long)frames[0], GNT_GFN);
    if ( table[0].flags || table[10].flags || table[511].frame )
        test_fail("fresh grant frame is not zero");

    s.nr_frames = 65;
    expect_rc("setup_table(65)", gnttab_op(GNTTABOP_setup_table, &s, 1), 0);
    expect_st("setup_table(65)", s.status, GNTST_general_error);
    expect_rc("add_to_physmap(grant_table, 64)", map_frame(64, GNT_GFN + 1), -XEN_EINVAL);
    expect_rc("add_to_physmap(v1 status frame)",
              map_frame(XENMAPIDX_grant_table_status, GNT_GFN + 1), -XEN_EINVAL);
}

static void check_copy(void)
{
    unsigned int i;

    for ( i = 0; i < 4096; i++ )
        src_page[i] = (uint8_t)(i * 7 + 3);
    memset(dst_page, 0, sizeof(dst_page));
    grant(10, GTF_permit_access | GTF_readonly, 0, src_page);
    expect_st("copy gref -> frame", copy(GNTCOPY_source_gref, 10, 100,
                                         (unsigned long)dst_page >> 12, 200, 64), GNTST_okay);
    if ( memcmp(dst_page + 200, src_page + 100, 64) || dst_page[199] || dst_page[264] )
        test_fail("copy gref -> frame: wrong bytes");
    if ( table[10].flags != (GTF_permit_access | GTF_readonly) )
        test_fail("copy left flags %#x", table[10].flags);

    grant(11, GTF_permit_access, 0, dst_page);
    expect_st("copy gref -> gref", copy(GNTCOPY_source_gref | GNTCOPY_dest_gref,
                                        10, 0, 11, 0, 4096), GNTST_okay);
    if ( memcmp(dst_page, src_page, 4096) )
        test_fail("copy gref -> gref: wrong bytes");
    expect_st("copy frame -> frame", copy(0, (unsigned long)src_page >> 12, 0,
                                          (unsigned long)dst_page >> 12, 0, 16), GNTST_okay);
}

static void check_copy_errors(void)
{
    unsigned long dst = (unsigned long)dst_page >> 12;
    struct gnttab_copy c = {
        .source = { (unsigned long)src_page >> 12, 0, 0 },
        .dest = { dst, DOMID_SELF, 0 }, .len = 8,
    };

    expect_st("copy bad ref", copy(GNTCOPY_source_gref, 512, 0, dst, 0, 8), GNTST_bad_gntref);
    expect_st("copy bad ref len 0", copy(GNTCOPY_source_gref, 512, 0, dst, 0, 0),
              GNTST_bad_gntref);
    expect_st("copy past the page", copy(GNTCOPY_source_gref, 10, 4000, dst, 0, 200),
              GNTST_bad_copy_arg);
    expect_st("copy to a read-only grant", copy(GNTCOPY_dest_gref, dst, 0, 10, 0, 8),
              GNTST_general_error);
    grant(12, GTF_permit_access, 1, src_page);
    expect_st("copy of a grant to d1", copy(GNTCOPY_source_gref, 12, 0, dst, 0, 8),
              GNTST_general_error);
    grant(13, 0, 0, src_page);
    expect_st("copy of an invalid entry", copy(GNTCOPY_source_gref, 13, 0, dst, 0, 8),
              GNTST_general_error);
    grant(14, GTF_permit_access, 0, NO_RAM_PAGE);
    expect_st("copy of a grant without RAM", copy(GNTCOPY_source_gref, 14, 0, dst, 0, 8),
              GNTST_bad_page);
    c.status = 99;
    expect_rc("copy", gnttab_op(GNTTABOP_copy, &c, 1), 0);
    expect_st("copy frame of domid 0 (not DOMID_SELF)", c.status, GNTST_permission_denied);
    expect_rc("copy bad buffer", gnttab_op(GNTTABOP_copy, BAD_VA_UNMAPPED, 1), -XEN_EFAULT);
}

static void check_swap(void)
{
    struct gnttab_swap_grant_ref s[2] = { { 10, 11, 99 }, { 10, 512, 99 } };

    expect_rc("swap_grant_ref", gnttab_op(GNTTABOP_swap_grant_ref, s, 2), 0);
    expect_st("swap 10 11", s[0].status, GNTST_okay);
    expect_st("swap 10 512", s[1].status, GNTST_bad_gntref);
    if ( table[10].frame != (unsigned long)dst_page >> 12 ||
         table[11].flags != (GTF_permit_access | GTF_readonly) )
        test_fail("swap did not exchange entries 10 and 11");
}

static void check_version_switch(void)
{
    uint32_t v;

    grant(1, GTF_permit_access, 0, src_page);           /* reserved: kept */
    grant(20, GTF_permit_access | GTF_reading | GTF_writing, 0, src_page);
    expect_rc("set_version(2)", set_version(2, &v), 0);  /* guest flags are no pin */
    if ( v != 2 || get_version() != 2 )
        test_fail("version after set_version(2): %u/%u", v, get_version());
    if ( query().nr_frames != 1 )
        test_fail("set_version(2) changed the frame count");
    expect_rc("add_to_physmap(status 0)",
              map_frame(XENMAPIDX_grant_table_status, STATUS_GFN), 0);
    expect_rc("set_version(1)", set_version(1, &v), 0);
    if ( v != 1 || get_version() != 1 )
        test_fail("version after set_version(1): %u", v);
    if ( table[1].flags != GTF_permit_access || table[1].frame != (unsigned long)src_page >> 12 )
        test_fail("reserved entry 1 not carried over: %#x %#x", table[1].flags, table[1].frame);
    if ( table[20].flags || table[20].frame || table[10].flags )
        test_fail("entries not cleared by the version switch");
}

static void check_growth_and_unknown(void)
{
    static const unsigned int refused[] = {
        GNTTABOP_dump_table, GNTTABOP_transfer, GNTTABOP_unmap_and_replace,
        GNTTABOP_get_status_frames, GNTTABOP_cache_flush, 13, 0x7fffffff,
    };
    struct gnttab_query_size q = { .dom = DOMID_SELF };
    unsigned int i;

    expect_rc("add_to_physmap(grant_table, 3)", map_frame(3, GNT_GFN + 3), 0);
    if ( query().nr_frames != 4 )
        test_fail("mapping frame 3 grew the table to %u frames", query().nr_frames);
    for ( i = 0; i < ARRAY_SIZE(refused); i++ )
        expect_rc("refused grant_table_op", gnttab_op(refused[i], &q, 1), -XEN_ENOSYS);
    /* Continuation bits in cmd: HVM's filter refuses before they are decoded. */
    expect_rc("query_size | 0x1000", gnttab_op(0x1006, &q, 1), -XEN_ENOSYS);
}

void test_main(void)
{
    check_sizes_and_versions();
    check_setup_and_map();
    check_copy();
    check_copy_errors();
    check_swap();
    check_version_switch();
    check_growth_and_unknown();
}
