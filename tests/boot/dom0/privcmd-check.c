/* SPDX-License-Identifier: GPL-2.0-only */
/* Runs in the dom0-linux boot test as root in Debian's dom0: the toolstack's
 * path through Linux's privcmd driver. Hypercalls with user buffers
 * (IOCTL_PRIVCMD_HYPERCALL: sysctl physinfo and getdomaininfolist, domctl
 * create/max_vcpus/max_mem/destroy, memory_op populate), then a foreign
 * mapping of the new domain's page into this process (mmap + MMAPBATCH_V2,
 * which Linux turns into XENMEM_add_to_physmap_batch on an unpopulated GFN
 * and, at munmap, XENMEM_remove_from_physmap). Each check prints
 * "dom0-check: privcmd-NAME ok|FAIL ..." for the harness. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define IOCTL_PRIVCMD_HYPERCALL     0x00305000
#define IOCTL_PRIVCMD_MMAPBATCH_V2  0x00205004

#define HC_memory_op    12
#define HC_sysctl       35
#define HC_domctl       36

#define XENMEM_populate_physmap 6
#define SYSCTL_physinfo         3
#define SYSCTL_getdomaininfolist 6
#define DOMCTL_createdomain     1
#define DOMCTL_destroydomain    2
#define DOMCTL_max_mem          11
#define DOMCTL_max_vcpus        15
#define INTERFACE_VERSION       0x15

struct privcmd_hypercall {
    uint64_t op, arg[5];
};

struct privcmd_mmapbatch_v2 {
    uint32_t num;
    uint16_t dom;
    uint64_t addr;
    const uint64_t *arr;
    int *err;
};

/* The few payload fields used, at their offsets in the 128-byte unions. */
struct ctl {
    uint32_t cmd, version;
    uint16_t domain, pad[3];
    uint8_t u[128];
};

static int privcmd = -1;
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

static long hypercall(uint64_t op, uint64_t a0, uint64_t a1)
{
    struct privcmd_hypercall h = { op, { a0, a1, 0, 0, 0 } };
    long rc = ioctl(privcmd, IOCTL_PRIVCMD_HYPERCALL, &h);

    return rc < 0 ? -errno : rc;
}

static long ctl(uint64_t hc, struct ctl *c)
{
    c->version = INTERFACE_VERSION;
    return hypercall(hc, (uint64_t)(uintptr_t)c, 0);
}

/* Fields by their offset from the start of the domctl/sysctl structure
 * (sysctl's union starts at 8, domctl's at 16). */
static uint64_t u64_at(const void *base, unsigned int off)
{
    uint64_t v;

    memcpy(&v, (const uint8_t *)base + off, sizeof(v));
    return v;
}

static uint32_t u32_at(const void *base, unsigned int off)
{
    uint32_t v;

    memcpy(&v, (const uint8_t *)base + off, sizeof(v));
    return v;
}

static uint64_t free_pages(void)
{
    struct ctl c = { .cmd = SYSCTL_physinfo };

    return ctl(HC_sysctl, &c) ? 0 : u64_at(&c, 8 + 48);   /* physinfo.free_pages */
}

/* Domain ids getdomaininfolist reports, into ids[]; the count, or -errno. */
static long list_domains(uint16_t *ids, unsigned int max)
{
    static uint8_t info[8][112];
    struct ctl c = { .cmd = SYSCTL_getdomaininfolist };
    uint64_t buf = (uintptr_t)info;
    uint32_t n, maxd = max < 8 ? max : 8;
    long rc;
    unsigned int i;

    memcpy((uint8_t *)&c + 8 + 4, &maxd, 4);
    memcpy((uint8_t *)&c + 8 + 8, &buf, 8);
    if ( (rc = ctl(HC_sysctl, &c)) )
        return rc;
    n = u32_at(&c, 8 + 16);
    for ( i = 0; i < n && i < maxd; i++ )
        memcpy(&ids[i], info[i], 2);
    return n;
}

static long create_domain(uint16_t *id)
{
    struct ctl c = { .cmd = DOMCTL_createdomain };
    uint32_t flags = 3, vcpus = 1, port = 1023, lapic = 1;
    int32_t dflt = -1;
    long rc;

    memcpy(c.u + 20, &flags, 4);        /* hvm | hap */
    memcpy(c.u + 28, &vcpus, 4);
    memcpy(c.u + 32, &port, 4);
    memcpy(c.u + 36, &dflt, 4);
    memcpy(c.u + 40, &dflt, 4);
    memcpy(c.u + 56, &lapic, 4);        /* emulation_flags: PVH */
    if ( (rc = ctl(HC_domctl, &c)) )
        return rc;
    *id = c.domain;
    c = (struct ctl){ .cmd = DOMCTL_max_vcpus, .domain = *id };
    memcpy(c.u, &vcpus, 4);
    if ( (rc = ctl(HC_domctl, &c)) )
        return rc;
    c = (struct ctl){ .cmd = DOMCTL_max_mem, .domain = *id };
    c.u[1] = 1;                         /* 256 KiB */
    return ctl(HC_domctl, &c);
}

static long populate(uint16_t id, uint64_t gfn)
{
    struct {
        uint64_t start, nr;
        uint32_t order, flags;
        uint16_t domid;
    } r = { (uintptr_t)&gfn, 1, 0, 0, id };

    return hypercall(HC_memory_op, XENMEM_populate_physmap, (uintptr_t)&r);
}

/* Maps the domain's gfn into this process; NULL and err on failure. */
static volatile uint32_t *map_foreign(uint16_t id, uint64_t gfn, int *err)
{
    void *va = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, privcmd, 0);
    struct privcmd_mmapbatch_v2 m = { 1, id, (uintptr_t)va, &gfn, err };

    *err = 99;
    if ( va == MAP_FAILED )
    {
        *err = -errno;
        return NULL;
    }
    if ( ioctl(privcmd, IOCTL_PRIVCMD_MMAPBATCH_V2, &m) < 0 || *err )
    {
        if ( !*err )
            *err = -errno;
        munmap(va, 4096);
        return NULL;
    }
    return va;
}

static void foreign_checks(uint16_t id)
{
    volatile uint32_t *p;
    int err;

    report("populate", populate(id, 0x100) == 1, " (rc %ld%ld)", 0, 0);
    p = map_foreign(id, 0x100, &err);
    report("mmapbatch", p != NULL, " (err %ld%ld)", err, 0);
    if ( !p )
        return;
    report("foreign-fresh", p[0] == 0 && p[1023] == 0, " (%#lx %#lx)", p[0], p[1023]);
    p[0] = 0x600df00d;
    p[1023] = 0xfeedbeef;
    munmap((void *)p, 4096);
    p = map_foreign(id, 0x101, &err);
    report("mmapbatch-no-ram", !p && err == -EINVAL, " (err %ld%ld)", err, 0);
    p = map_foreign(id, 0x100, &err);
    report("foreign-again", p && p[0] == 0x600df00d && p[1023] == 0xfeedbeef,
           " (err %ld, first word %#lx)", err, p ? p[0] : 0);
    if ( p )
        munmap((void *)p, 4096);
}

int main(void)
{
    uint16_t ids[8], id = 0;
    uint64_t before, after = 0;
    long rc;
    int i;

    privcmd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
    report("open", privcmd >= 0, " (errno %ld%ld)", errno, 0);
    if ( privcmd < 0 )
        return 1;
    before = free_pages();
    report("physinfo", before > 0, " (free %ld%ld)", 0, 0);
    rc = list_domains(ids, 8);
    report("list", rc == 1 && ids[0] == 0, " (rc %ld, first %ld)", rc, ids[0]);
    rc = create_domain(&id);
    report("create", rc == 0 && id > 0, " (rc %ld, domid %ld)", rc, id);
    if ( rc )
        return 1;
    rc = list_domains(ids, 8);
    report("list-domu", rc == 2 && ids[1] == id, " (rc %ld, second %ld)", rc, ids[1]);
    foreign_checks(id);
    {
        struct ctl c = { .cmd = DOMCTL_destroydomain, .domain = id };

        rc = ctl(HC_domctl, &c);
    }
    report("destroy", rc == 0, " (rc %ld%ld)", rc, 0);
    for ( i = 0; i < 50 && (after = free_pages()) != before; i++ )
        usleep(100000);
    report("pages-back", after == before, " (%ld free, %ld before)", (long)after, (long)before);
    rc = list_domains(ids, 8);
    report("list-after", rc == 1, " (rc %ld%ld)", rc, 0);
    return failures != 0;
}
