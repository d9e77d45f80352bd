// SPDX-License-Identifier: GPL-2.0-only
/* Ballooning as Linux does it: XENMEM_decrease_reservation gives a page of RAM
 * back (the reservation shrinks and the frame reads as a hole), then
 * XENMEM_populate_physmap puts RAM back at the same frame, writable.
 * Also the reservation queries and the errors for frames that are not there. */
#include "test.h"

#define XENMEM_decrease_reservation 1
#define XENMEM_current_reservation  3
#define XENMEM_populate_physmap     6
#define DOMID_SELF                  0x7ff0

struct xen_memory_reservation {
    uint64_t extent_start;          /* guest pointer to an array of frame numbers */
    uint64_t nr_extents;
    uint32_t extent_order;
    uint32_t mem_flags;
    uint16_t domid;
};

/* 32 MiB into dom0's 64 MiB: RAM that nothing in this kernel uses. */
#define TEST_GFN    0x2000ul

static long reservation_op(unsigned int cmd, uint64_t *gfns, unsigned long nr)
{
    struct xen_memory_reservation r = {
        .extent_start = (uint64_t)(unsigned long)gfns, .nr_extents = nr,
        .extent_order = 0, .mem_flags = 0, .domid = DOMID_SELF,
    };

    return hypercall(__HYPERVISOR_memory_op, cmd, (unsigned long)&r, 0, 0, 0);
}

static long current_reservation(void)
{
    uint16_t dom = DOMID_SELF;

    return hypercall(__HYPERVISOR_memory_op, XENMEM_current_reservation,
                     (unsigned long)&dom, 0, 0, 0);
}

void test_main(void)
{
    volatile uint64_t *page = (volatile uint64_t *)(TEST_GFN << 12);
    uint64_t gfn = TEST_GFN;
    long before = current_reservation(), rc;

    if ( before <= 0 )
        return test_fail("current_reservation returned %ld", before);
    page[0] = 0x1122334455667788ul;

    rc = reservation_op(XENMEM_decrease_reservation, &gfn, 1);
    if ( rc != 1 )
        return test_fail("decrease_reservation of gfn %#lx returned %ld", gfn, rc);
    if ( current_reservation() != before - 1 )
        test_fail("reservation %ld after giving one page back, expected %ld",
                  current_reservation(), before - 1);
    if ( page[0] != ~0ul )
        test_fail("a released frame reads %#lx, expected all-ones", (unsigned long)page[0]);
    /* Giving back what is already gone does nothing. */
    rc = reservation_op(XENMEM_decrease_reservation, &gfn, 1);
    if ( rc != 0 )
        test_fail("decrease_reservation of an empty gfn returned %ld, expected 0", rc);

    rc = reservation_op(XENMEM_populate_physmap, &gfn, 1);
    if ( rc != 1 )
        return test_fail("populate_physmap of gfn %#lx returned %ld", gfn, rc);
    if ( current_reservation() != before )
        test_fail("reservation %ld after populating, expected %ld", current_reservation(),
                  before);
    /* Contents are not checked: Xen does not scrub a page a live domain gave
     * back, and may hand the same page straight back to it. */
    page[7] = 42;
    if ( page[7] != 42 )
        test_fail("a populated frame is not writable");
    rc = reservation_op(XENMEM_populate_physmap, (uint64_t *)BAD_VA_UNMAPPED, 1);
    if ( rc != -14 && rc != 0 )
        test_fail("populate_physmap with a bad list returned %ld", rc);
    printk("reservation %ld pages; gave one back and took it again\n", before);
}
