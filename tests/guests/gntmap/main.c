// SPDX-License-Identifier: GPL-2.0-only
/*
 * GNTTABOP_map_grant_ref and unmap_grant_ref as Xen 4.17 answers a PVH dom0
 * that grants its own pages to itself (domid 0) and maps them at GFNs
 * without RAM. What Xen did, and this test checks:
 *  - a mapping moves the page: it shows at the new GFN and its old GFN reads
 *    as a hole (all-ones) from then on, even after the unmap, so mapping the
 *    grant again gives GNTST_bad_page; a write through a read-only mapping
 *    vanishes; dev_bus_addr is the frame's machine address;
 *  - entry flags 0x19 (reading|writing) while a writable mapping exists,
 *    0xd for a read-only grant mapped read-only; v2 keeps them in the status
 *    word; handles count up from 0;
 *  - while mapped: swap GNTST_eagain, set_version -EBUSY, copy works;
 *  - unmap with host_addr 0 succeeds and leaves the mapping, dev_bus_addr
 *    is not checked, a GFN without that mapping is GNTST_general_error, a
 *    handle not in use GNTST_bad_handle;
 *  - statuses: no map flag -3, device/application/PTE/other flags -1,
 *    DOMID_SELF or an absent domain -2, ref beyond the table -3, unused,
 *    foreign or read-only-for-a-writer entry -1, no RAM -9, host_addr beyond
 *    the physical address width -1, the 129th writable mapping of one entry
 *    -1 (a read-only one still works).
 */
#include "test.h"

#define __HYPERVISOR_grant_table_op     20
#define XENMEM_add_to_physmap           7
#define XENMAPSPACE_grant_table         1
#define XENMAPIDX_grant_table_status    0x80000000u
#define DOMID_SELF                      0x7ff0u
#define XEN_EBUSY                       16

#define GNTTABOP_map_grant_ref      0
#define GNTTABOP_unmap_grant_ref    1
#define GNTTABOP_copy               5
#define GNTTABOP_set_version        8
#define GNTTABOP_swap_grant_ref     11

#define GTF_permit_access   1
#define GTF_readonly        (1u << 2)
#define GTF_reading         (1u << 3)
#define GTF_writing         (1u << 4)
#define GTF_sub_page        (1u << 8)
#define GNTCOPY_source_gref 1

#define GNTMAP_device_map       (1u << 0)
#define GNTMAP_host_map         (1u << 1)
#define GNTMAP_readonly         (1u << 2)
#define GNTMAP_application_map  (1u << 3)
#define GNTMAP_contains_pte     (1u << 4)

#define GNTST_okay              0
#define GNTST_general_error     (-1)
#define GNTST_bad_domain        (-2)
#define GNTST_bad_gntref        (-3)
#define GNTST_bad_handle        (-4)
#define GNTST_bad_page          (-9)
#define GNTST_eagain            (-12)

/* Host RAM beyond dom0_mem: nothing in our p2m, but inside our 0-4 GiB map. */
#define GNT_GFN     0x1f000ul
#define STATUS_GFN  0x1f010ul
#define MAP_GFN     0x1f100ul           /* mappings go from here up */
#define NO_RAM_PAGE ((void *)0x1e000000ul)
#define HOLE        (~0ul)

struct grant_entry_v1 {
    uint16_t flags;
    uint16_t domid;
    uint32_t frame;
};

struct grant_entry_v2 {
    uint16_t flags;
    uint16_t domid;
    uint16_t page_off;
    uint16_t length;
    uint64_t frame;
};

struct gnttab_map_grant_ref {
    uint64_t host_addr;
    uint32_t flags;
    uint32_t ref;
    uint16_t dom;
    int16_t status;
    uint32_t handle;
    uint64_t dev_bus_addr;
};

struct gnttab_unmap_grant_ref {
    uint64_t host_addr;
    uint64_t dev_bus_addr;
    uint32_t handle;
    int16_t status;
};

struct gnttab_copy {
    struct { uint64_t ref_or_gmfn; uint16_t domid; uint16_t offset; } source, dest;
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

_Static_assert(sizeof(struct gnttab_map_grant_ref) == 32, "map_grant_ref");
_Static_assert(sizeof(struct gnttab_unmap_grant_ref) == 24, "unmap_grant_ref");
_Static_assert(sizeof(struct gnttab_copy) == 40, "copy");
_Static_assert(sizeof(struct grant_entry_v2) == 16, "grant_entry_v2");

/* Each page is granted (and so moved away) once; page i starts with 0x1000+i. */
static uint8_t pages[16][4096] __attribute__((aligned(4096)));

static volatile struct grant_entry_v1 *const table =
    (volatile struct grant_entry_v1 *)(GNT_GFN << 12);

static long gnttab_op(unsigned int cmd, void *arg, unsigned int count)
{
    return hypercall(__HYPERVISOR_grant_table_op, cmd, (unsigned long)arg, count, 0, 0);
}

static long map_frame(unsigned long idx, unsigned long gfn)
{
    struct xen_add_to_physmap x = {
        .domid = DOMID_SELF, .space = XENMAPSPACE_grant_table, .idx = idx, .gpfn = gfn,
    };

    return hypercall(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, (unsigned long)&x,
                     0, 0, 0);
}

static unsigned long gfn_of(const void *p)
{
    return (unsigned long)p >> 12;
}

/* The first word of a page, by GFN or by pointer. */
static unsigned long word(unsigned long gfn)
{
    return *(volatile unsigned long *)(gfn << 12);
}

static unsigned long pword(const void *p)
{
    return word(gfn_of(p));
}

static void expect(const char *what, long got, long want)
{
    if ( got != want )
        test_fail("%s: %ld (%#lx), expected %ld (%#lx)", what, got, got, want, want);
}

static void grant(unsigned int ref, uint16_t flags, uint16_t domid, const void *page)
{
    table[ref].domid = domid;
    table[ref].frame = (uint32_t)gfn_of(page);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    table[ref].flags = flags;
}

static struct gnttab_map_grant_ref map(uint32_t ref, uint16_t dom, uint32_t flags,
                                       uint64_t host_addr)
{
    struct gnttab_map_grant_ref m = {
        .host_addr = host_addr, .flags = flags, .ref = ref, .dom = dom, .status = 99,
        .handle = 0xdeadbeef, .dev_bus_addr = 0x1234,
    };

    expect("map_grant_ref rc", gnttab_op(GNTTABOP_map_grant_ref, &m, 1), 0);
    if ( m.status != GNTST_okay && (m.handle != 0xdeadbeef || m.dev_bus_addr != 0x1234) )
        test_fail("failed map of ref %u wrote handle %#x / dev_bus_addr %#lx", ref,
                  m.handle, (unsigned long)m.dev_bus_addr);
    return m;
}

/* Status of a mapping of ref at gfn that is expected to fail. */
static int16_t map_status(uint32_t ref, uint16_t dom, uint32_t flags, unsigned long gfn)
{
    return map(ref, dom, flags, gfn << 12).status;
}

static int16_t unmap(uint32_t handle, uint64_t host_addr, uint64_t dev_bus_addr)
{
    struct gnttab_unmap_grant_ref u = {
        .host_addr = host_addr, .dev_bus_addr = dev_bus_addr, .handle = handle, .status = 99,
    };

    expect("unmap_grant_ref rc", gnttab_op(GNTTABOP_unmap_grant_ref, &u, 1), 0);
    return u.status;
}

static void check_mapped_while_busy(void)
{
    struct gnttab_swap_grant_ref s = { 10, 11, 99 };
    struct gnttab_copy c = {
        .source = { 10, DOMID_SELF, 0 }, .dest = { gfn_of(pages[15]), DOMID_SELF, 0 },
        .len = 16, .flags = GNTCOPY_source_gref, .status = 99,
    };
    uint32_t v = 2;

    expect("swap_grant_ref rc", gnttab_op(GNTTABOP_swap_grant_ref, &s, 1), 0);
    expect("swap of a mapped entry", s.status, GNTST_eagain);
    expect("set_version(2) while mapped", gnttab_op(GNTTABOP_set_version, &v, 1), -XEN_EBUSY);
    expect("set_version(2) while mapped wrote back", v, 1);
    /* The copy finds the frame through the mapping: its old GFN is a hole. */
    expect("copy rc", gnttab_op(GNTTABOP_copy, &c, 1), 0);
    expect("copy from a mapped entry", c.status, GNTST_okay);
    expect("copied word", pword(pages[15]), word(MAP_GFN));
    expect("flags after the copy", table[10].flags, GTF_permit_access | GTF_reading | GTF_writing);
}

static void check_map_own_page(void)
{
    struct gnttab_map_grant_ref rw, ro, rw2;

    grant(10, GTF_permit_access, 0, pages[0]);
    rw = map(10, 0, GNTMAP_host_map, MAP_GFN << 12);
    expect("map rw", rw.status, GNTST_okay);
    expect("first handle", rw.handle, 0);
    if ( !rw.dev_bus_addr || (rw.dev_bus_addr & 0xfff) )
        test_fail("dev_bus_addr %#lx", (unsigned long)rw.dev_bus_addr);
    printk("mapped gfn %#lx at %#lx: handle %u, dev_bus_addr %#lx\n", gfn_of(pages[0]),
           MAP_GFN, rw.handle, (unsigned long)rw.dev_bus_addr);
    expect("flags while mapped rw", table[10].flags, GTF_permit_access | GTF_reading | GTF_writing);
    expect("the mapping", word(MAP_GFN), 0x1000);
    expect("the page's old GFN", pword(pages[0]), HOLE);
    *(volatile unsigned long *)(MAP_GFN << 12) = 0xabcdef;

    ro = map(10, 0, GNTMAP_host_map | GNTMAP_readonly, (MAP_GFN + 1) << 12);
    expect("map ro", ro.status, GNTST_okay);
    expect("second handle", ro.handle, 1);
    expect("dev_bus_addr of the second mapping", ro.dev_bus_addr, rw.dev_bus_addr);
    expect("read-only mapping sees the write", word(MAP_GFN + 1), 0xabcdef);
    *(volatile unsigned long *)((MAP_GFN + 1) << 12) = 0x5555;
    expect("write through the read-only mapping", word(MAP_GFN), 0xabcdef);
    rw2 = map(10, 0, GNTMAP_host_map, ((MAP_GFN + 2) << 12) + 0x123);
    expect("map rw at an unaligned host_addr", rw2.status, GNTST_okay);
    expect("the unaligned mapping", word(MAP_GFN + 2), 0xabcdef);
    check_mapped_while_busy();

    expect("unmap with host_addr 0", unmap(rw.handle, 0, 0), GNTST_okay);
    expect("still mapped", word(MAP_GFN), 0xabcdef);
    expect("unmap at a GFN without it", unmap(rw.handle, (MAP_GFN + 9) << 12, 0),
           GNTST_general_error);
    expect("unmap, dev_bus_addr wrong", unmap(rw.handle, MAP_GFN << 12, 0x1000), GNTST_okay);
    expect("unmapped GFN", word(MAP_GFN), HOLE);
    expect("unmap again", unmap(rw.handle, MAP_GFN << 12, 0), GNTST_bad_handle);
    expect("unmap ro", unmap(ro.handle, (MAP_GFN + 1) << 12, 0), GNTST_okay);
    expect("flags with one rw mapping left", table[10].flags,
           GTF_permit_access | GTF_reading | GTF_writing);
    expect("unmap the last", unmap(rw2.handle, ((MAP_GFN + 2) << 12) + 0x777,
                                   rw2.dev_bus_addr), GNTST_okay);
    expect("flags when unmapped", table[10].flags, GTF_permit_access);
    expect("the page's old GFN after the unmap", pword(pages[0]), HOLE);
    expect("map again", map_status(10, 0, GNTMAP_host_map, MAP_GFN), GNTST_bad_page);
    expect("flags after that", table[10].flags, GTF_permit_access);
}

static void check_readonly_grant(void)
{
    struct gnttab_map_grant_ref ro;

    grant(15, GTF_permit_access | GTF_readonly, 0, pages[1]);
    expect("ro grant mapped rw", map_status(15, 0, GNTMAP_host_map, MAP_GFN + 3),
           GNTST_general_error);
    expect("flags after", table[15].flags, GTF_permit_access | GTF_readonly);
    expect("page still at its GFN", pword(pages[1]), 0x1001);
    ro = map(15, 0, GNTMAP_host_map | GNTMAP_readonly, (MAP_GFN + 3) << 12);
    expect("ro grant mapped ro", ro.status, GNTST_okay);
    expect("flags while mapped", table[15].flags,
           GTF_permit_access | GTF_readonly | GTF_reading);
    expect("the mapping", word(MAP_GFN + 3), 0x1001);
    *(volatile unsigned long *)((MAP_GFN + 3) << 12) = 7;
    expect("after a write to it", word(MAP_GFN + 3), 0x1001);
    expect("rw while mapped ro", map_status(15, 0, GNTMAP_host_map, MAP_GFN + 4),
           GNTST_general_error);
    expect("unmap", unmap(ro.handle, (MAP_GFN + 3) << 12, 0), GNTST_okay);
    expect("flags after the unmap", table[15].flags, GTF_permit_access | GTF_readonly);
}

static void check_map_errors(void)
{
    unsigned long gfn = MAP_GFN + 5;

    grant(16, GTF_permit_access, 0, pages[2]);
    expect("no map flag", map_status(16, 0, 0, gfn), GNTST_bad_gntref);
    expect("device_map", map_status(16, 0, GNTMAP_device_map, gfn), GNTST_general_error);
    expect("host|device", map_status(16, 0, GNTMAP_host_map | GNTMAP_device_map, gfn),
           GNTST_general_error);
    expect("host|application", map_status(16, 0, GNTMAP_host_map | GNTMAP_application_map,
                                          gfn), GNTST_general_error);
    expect("host|contains_pte", map_status(16, 0, GNTMAP_host_map | GNTMAP_contains_pte, gfn),
           GNTST_general_error);
    expect("host|bit 5", map_status(16, 0, GNTMAP_host_map | (1u << 5), gfn),
           GNTST_general_error);
    expect("host|bit 16", map_status(16, 0, GNTMAP_host_map | (1u << 16), gfn),
           GNTST_general_error);
    expect("flags after refused flags", table[16].flags, GTF_permit_access);
    expect("page after refused flags", pword(pages[2]), 0x1002);
    expect("DOMID_SELF", map_status(16, DOMID_SELF, GNTMAP_host_map, gfn), GNTST_bad_domain);
    expect("domain 5", map_status(16, 5, GNTMAP_host_map, gfn), GNTST_bad_domain);
    expect("ref 512", map_status(512, 0, GNTMAP_host_map, gfn), GNTST_bad_gntref);
    expect("ref ~0", map_status(~0u, 0, GNTMAP_host_map, gfn), GNTST_bad_gntref);
    grant(17, 0, 0, pages[2]);
    expect("unused entry", map_status(17, 0, GNTMAP_host_map, gfn), GNTST_general_error);
    grant(18, GTF_permit_access, 1, pages[2]);
    expect("entry for d1", map_status(18, 0, GNTMAP_host_map, gfn), GNTST_general_error);
    grant(19, GTF_permit_access, 0, NO_RAM_PAGE);
    expect("grant without RAM", map_status(19, 0, GNTMAP_host_map, gfn), GNTST_bad_page);
    expect("flags after that", table[19].flags, GTF_permit_access);
    /* Xen loses the page here (it leaves its GFN before the p2m refuses the
     * new one), so the page is not looked at afterwards. */
    grant(20, GTF_permit_access, 0, pages[3]);
    expect("host_addr 2^52", map(20, 0, GNTMAP_host_map, 1ul << 52).status, GNTST_general_error);
    expect("flags after that", table[20].flags, GTF_permit_access);
    expect("unmap of handle 77", unmap(77, MAP_GFN << 12, 0), GNTST_bad_handle);
    expect("unmap of handle ~0", unmap(~0u, MAP_GFN << 12, 0), GNTST_bad_handle);
    expect("map, bad buffer", gnttab_op(GNTTABOP_map_grant_ref, BAD_VA_UNMAPPED, 1),
           -XEN_EFAULT);
    expect("unmap, bad buffer", gnttab_op(GNTTABOP_unmap_grant_ref, BAD_VA_UNMAPPED, 1),
           -XEN_EFAULT);
}

/* Mapped over RAM the RAM page is replaced (and gone after the unmap); mapped
 * at its own GFN a page stays put until the unmap. */
static void check_map_over_ram(void)
{
    struct gnttab_map_grant_ref m;

    grant(21, GTF_permit_access, 0, pages[4]);
    m = map(21, 0, GNTMAP_host_map, (unsigned long)pages[5]);
    expect("map over RAM", m.status, GNTST_okay);
    expect("the RAM GFN", pword(pages[5]), 0x1004);
    expect("the granted page's GFN", pword(pages[4]), HOLE);
    expect("unmap", unmap(m.handle, (unsigned long)pages[5], 0), GNTST_okay);
    expect("the RAM GFN after", pword(pages[5]), HOLE);

    grant(22, GTF_permit_access, 0, pages[6]);
    m = map(22, 0, GNTMAP_host_map, (unsigned long)pages[6]);
    expect("map at its own GFN", m.status, GNTST_okay);
    expect("the page", pword(pages[6]), 0x1006);
    expect("unmap", unmap(m.handle, (unsigned long)pages[6], 0), GNTST_okay);
    expect("its GFN after", pword(pages[6]), HOLE);
}

static void check_batches(void)
{
    struct gnttab_map_grant_ref b[3] = {
        { (MAP_GFN + 10) << 12, GNTMAP_host_map, 23, 0, 99, 0, 0 },
        { (MAP_GFN + 11) << 12, GNTMAP_host_map, 999, 0, 99, 0, 0 },
        { (MAP_GFN + 12) << 12, GNTMAP_host_map | GNTMAP_readonly, 23, 0, 99, 0, 0 },
    };
    struct gnttab_unmap_grant_ref u[3];

    grant(23, GTF_permit_access, 0, pages[7]);
    expect("map batch rc", gnttab_op(GNTTABOP_map_grant_ref, b, 3), 0);
    expect("batch map 0", b[0].status, GNTST_okay);
    expect("batch map 1", b[1].status, GNTST_bad_gntref);
    expect("batch map 2", b[2].status, GNTST_okay);
    if ( b[0].handle == b[2].handle )
        test_fail("two mappings share handle %u", b[0].handle);
    u[0] = (struct gnttab_unmap_grant_ref){ (MAP_GFN + 10) << 12, 0, b[0].handle, 99 };
    u[1] = (struct gnttab_unmap_grant_ref){ (MAP_GFN + 11) << 12, 0, 4242, 99 };
    u[2] = (struct gnttab_unmap_grant_ref){ (MAP_GFN + 12) << 12, 0, b[2].handle, 99 };
    expect("unmap batch rc", gnttab_op(GNTTABOP_unmap_grant_ref, u, 3), 0);
    expect("batch unmap 0", u[0].status, GNTST_okay);
    expect("batch unmap 1", u[1].status, GNTST_bad_handle);
    expect("batch unmap 2", u[2].status, GNTST_okay);
    expect("flags after the batches", table[23].flags, GTF_permit_access);
}

static void check_pin_limit(void)
{
    static uint32_t handles[130];
    unsigned int i;

    grant(24, GTF_permit_access, 0, pages[8]);
    for ( i = 0; i < 130; i++ )
    {
        struct gnttab_map_grant_ref m =
            map(24, 0, GNTMAP_host_map | (i == 129 ? GNTMAP_readonly : 0),
                (MAP_GFN + 0x100 + i) << 12);

        expect(i < 128 ? "writable mapping" : i == 128 ? "129th writable mapping"
                                                       : "read-only after that",
               m.status, i == 128 ? GNTST_general_error : GNTST_okay);
        handles[i] = m.status ? ~0u : m.handle;
    }
    for ( i = 0; i < 130; i++ )
        if ( handles[i] != ~0u )
            expect("unmap", unmap(handles[i], (MAP_GFN + 0x100 + i) << 12, 0), GNTST_okay);
    expect("flags after unmapping them all", table[24].flags, GTF_permit_access);
}

static void check_v2(void)
{
    volatile struct grant_entry_v2 *t2 = (volatile struct grant_entry_v2 *)(GNT_GFN << 12);
    volatile uint16_t *st = (volatile uint16_t *)(STATUS_GFN << 12);
    struct gnttab_map_grant_ref m;
    uint32_t v = 2;

    expect("set_version(2)", gnttab_op(GNTTABOP_set_version, &v, 1), 0);
    expect("add_to_physmap(status 0)", map_frame(XENMAPIDX_grant_table_status, STATUS_GFN), 0);
    t2[20] = (struct grant_entry_v2){ GTF_permit_access, 0, 0, 0, gfn_of(pages[9]) };
    t2[21] = (struct grant_entry_v2){ GTF_permit_access | GTF_sub_page, 0, 0, 4096,
                                      gfn_of(pages[10]) };
    t2[22] = (struct grant_entry_v2){ GTF_permit_access | GTF_readonly, 0, 0, 0,
                                      gfn_of(pages[11]) };
    m = map(20, 0, GNTMAP_host_map, (MAP_GFN + 20) << 12);
    expect("v2 map", m.status, GNTST_okay);
    expect("v2 flags while mapped", t2[20].flags, GTF_permit_access);
    expect("v2 status while mapped", st[20], GTF_reading | GTF_writing);
    expect("v2 mapping", word(MAP_GFN + 20), 0x1009);
    expect("v2 unmap", unmap(m.handle, (MAP_GFN + 20) << 12, 0), GNTST_okay);
    expect("v2 status after", st[20], 0);
    expect("v2 sub-page", map_status(21, 0, GNTMAP_host_map, MAP_GFN + 21), GNTST_general_error);
    expect("v2 ro grant mapped rw", map_status(22, 0, GNTMAP_host_map, MAP_GFN + 21),
           GNTST_general_error);
    expect("v2 status of refused ones", st[21] | st[22], 0);
    m = map(22, 0, GNTMAP_host_map | GNTMAP_readonly, (MAP_GFN + 22) << 12);
    expect("v2 ro grant mapped ro", m.status, GNTST_okay);
    expect("v2 status while mapped ro", st[22], GTF_reading);
    expect("v2 unmap ro", unmap(m.handle, (MAP_GFN + 22) << 12, 0), GNTST_okay);

    /* A reserved entry in use does not hold the version back. */
    t2[3] = (struct grant_entry_v2){ GTF_permit_access, 0, 0, 0, gfn_of(pages[12]) };
    m = map(3, 0, GNTMAP_host_map, (MAP_GFN + 23) << 12);
    expect("map reserved entry 3", m.status, GNTST_okay);
    v = 1;
    expect("set_version(1) with entry 3 mapped", gnttab_op(GNTTABOP_set_version, &v, 1), 0);
    expect("entry 3 in v1", table[3].flags, GTF_permit_access | GTF_reading | GTF_writing);
    expect("unmap entry 3", unmap(m.handle, (MAP_GFN + 23) << 12, 0), GNTST_okay);
    expect("entry 3 after", table[3].flags, GTF_permit_access);
}

void test_main(void)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(pages); i++ )
        *(volatile unsigned long *)pages[i] = 0x1000 + i;
    expect("add_to_physmap(grant_table, 0)", map_frame(0, GNT_GFN), 0);
    check_map_own_page();
    check_readonly_grant();
    check_map_errors();
    check_map_over_ram();
    check_batches();
    check_pin_limit();
    check_v2();
}
