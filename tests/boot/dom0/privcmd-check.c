/* SPDX-License-Identifier: GPL-2.0-only */
/* Runs in the dom0-linux boot test as root in Debian's dom0: our libxenctrl,
 * libxenforeignmemory and libxencall (tools/libs, linked in statically) over
 * Linux's privcmd driver. sysctl physinfo and getdomaininfolist, domctl
 * create/max_vcpus/max_mem/getcontext/destroy and populate_physmap go through
 * IOCTL_PRIVCMD_HYPERCALL with hypercall buffers; the new domain's page is
 * mapped into this process with MMAPBATCH_V2, which Linux turns into
 * XENMEM_add_to_physmap_batch on an unpopulated GFN and, at munmap, into
 * XENMEM_remove_from_physmap. Each check prints
 * "dom0-check: privcmd-NAME ok|FAIL ..." for the harness. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xenctrl.h>
#include <xenforeignmemory.h>

static int failures;

static void report(const char *name, int ok, const char *fmt, long a, long b)
{
    printf("dom0-check: privcmd-%s %s", name, ok ? "ok" : "FAIL");
    if ( !ok )
        printf(fmt, a, b);
    printf("\n");
    fflush(stdout);
    failures += !ok;
}

static uint64_t free_pages(xc_interface *xch)
{
    xc_physinfo_t pi;

    return xc_physinfo(xch, &pi) ? 0 : pi.free_pages;
}

static int create_domain(xc_interface *xch, uint32_t *id)
{
    struct xen_domctl_createdomain c = {
        .flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap, .max_vcpus = 1,
        .max_evtchn_port = 1023, .max_grant_frames = -1, .max_maptrack_frames = -1,
        .arch.emulation_flags = XEN_X86_EMU_LAPIC,
    };

    *id = 0;
    if ( xc_domain_create(xch, id, &c) || xc_domain_max_vcpus(xch, *id, 1) )
        return -errno;
    return xc_domain_setmaxmem(xch, *id, 256) ? -errno : 0;
}

static void foreign_checks(xc_interface *xch, xenforeignmemory_handle *fm, uint32_t id)
{
    xen_pfn_t gfn = 0x100, hole = 0x101;
    volatile uint32_t *p;
    int err = 99;

    report("populate", !xc_domain_populate_physmap_exact(xch, id, 1, 0, 0, &gfn),
           " (errno %ld%ld)", errno, 0);
    p = xenforeignmemory_map(fm, id, PROT_READ | PROT_WRITE, 1, &gfn, NULL);
    report("mmapbatch", p != NULL, " (errno %ld%ld)", errno, 0);
    if ( !p )
        return;
    report("foreign-fresh", p[0] == 0 && p[1023] == 0, " (%#lx %#lx)", p[0], p[1023]);
    p[0] = 0x600df00d;
    p[1023] = 0xfeedbeef;
    xenforeignmemory_unmap(fm, (void *)p, 1);
    p = xenforeignmemory_map(fm, id, PROT_READ, 1, &hole, &err);
    report("mmapbatch-no-ram", err == -EINVAL, " (err %ld%ld)", err, 0);
    if ( p )
        xenforeignmemory_unmap(fm, (void *)p, 1);
    p = xenforeignmemory_map(fm, id, PROT_READ, 1, &gfn, NULL);
    report("foreign-again", p && p[0] == 0x600df00d && p[1023] == 0xfeedbeef,
           " (errno %ld, first word %#lx)", errno, p ? p[0] : 0);
    if ( p )
        xenforeignmemory_unmap(fm, (void *)p, 1);
}

int main(void)
{
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    xenforeignmemory_handle *fm = xenforeignmemory_open(NULL, 0);
    xc_domaininfo_t info[8];
    uint64_t before, after = 0;
    uint32_t id = 0;
    int n, i, rc;

    report("open", xch && fm, " (errno %ld%ld)", errno, 0);
    if ( !xch || !fm )
        return 1;
    before = free_pages(xch);
    report("physinfo", before > 0, " (free %ld%ld)", 0, 0);
    n = xc_domain_getinfolist(xch, 0, 8, info);
    report("list", n == 1 && info[0].domain == 0, " (n %ld, first %ld)", n, info[0].domain);
    rc = create_domain(xch, &id);
    report("create", rc == 0 && id > 0, " (rc %ld, domid %ld)", rc, id);
    if ( rc )
        return 1;
    n = xc_domain_getinfolist(xch, 0, 8, info);
    report("list-domu", n == 2 && info[1].domain == id &&
           (info[1].flags & XEN_DOMINF_paused), " (n %ld, second %ld)", n, info[1].domain);
    n = xc_domain_hvm_getcontext(xch, id, NULL, 0);
    report("hvm-context-size", n > 0, " (rc %ld errno %ld)", n, errno);
    foreign_checks(xch, fm, id);
    rc = xc_domain_destroy(xch, id);
    report("destroy", rc == 0, " (errno %ld%ld)", errno, 0);
    for ( i = 0; i < 50 && (after = free_pages(xch)) != before; i++ )
        usleep(100000);
    report("pages-back", after == before, " (%ld free, %ld before)", (long)after, (long)before);
    n = xc_domain_getinfolist(xch, 0, 8, info);
    report("list-after", n == 1, " (n %ld%ld)", n, 0);
    xenforeignmemory_close(fm);
    xc_interface_close(xch);
    return failures != 0;
}
