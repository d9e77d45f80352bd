/* SPDX-License-Identifier: GPL-2.0-only */
/* Copies between hypervisor buffers and guest memory. Only p2m RAM types are
 * accessible; emulated or absent frames fail with -EFAULT, which hypercalls pass
 * back to the guest. Guest-physical copies go one p2m leaf at a time (a 2 MiB
 * or 1 GiB leaf is machine-contiguous: the dom0 builder's big copies rely on
 * it); guest-linear ones page by page. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/directmap.h>
#include <asm/hvm/guest_access.h>
#include <asm/p2m.h>

void *map_guest_frame(struct domain *d, unsigned long gfn, bool writable)
{
    p2m_type_t t;
    unsigned long mfn = p2m_lookup(&d->arch.p2m, gfn, &t, NULL);

    if ( mfn == INVALID_MFN || !mfn_valid(mfn) )
        return NULL;
    if ( t != p2m_ram_rw && !(t == p2m_ram_ro && !writable) )
        return NULL;
    return mfn_to_virt(mfn);
}

/* The hypervisor's view of gpa and how many bytes from there share its p2m
 * leaf (at most 'len'), or NULL if the frame is not accessible RAM. */
static char *map_run(struct domain *d, uint64_t gpa, size_t len, bool writable,
                     size_t *run)
{
    p2m_type_t t;
    unsigned int order = 0;
    unsigned long mfn = p2m_lookup(&d->arch.p2m, gpa >> PAGE_SHIFT, &t, &order);
    uint64_t leaf_end;

    if ( mfn == INVALID_MFN || !mfn_valid(mfn) )
        return NULL;
    if ( t != p2m_ram_rw && !(t == p2m_ram_ro && !writable) )
        return NULL;
    leaf_end = ROUNDDOWN(gpa, (uint64_t)PAGE_SIZE << order) + ((uint64_t)PAGE_SIZE << order);
    /* The whole leaf must be inside the frame table to be direct-mapped. */
    if ( !mfn_valid(mfn + PFN_DOWN(leaf_end - 1 - gpa)) )
        leaf_end = ROUNDDOWN(gpa, PAGE_SIZE) + PAGE_SIZE;
    *run = min(len, (size_t)(leaf_end - gpa));
    return (char *)mfn_to_virt(mfn) + (gpa & (PAGE_SIZE - 1));
}

static int copy_phys(struct domain *d, uint64_t gpa, void *buf, size_t len, bool to_guest)
{
    size_t chunk;

    while ( len )
    {
        char *p = map_run(d, gpa, len, to_guest, &chunk);

        if ( !p )
            return -EFAULT;
        if ( to_guest )
            memcpy(p, buf, chunk);
        else
            memcpy(buf, p, chunk);
        gpa += chunk;
        buf = (char *)buf + chunk;
        len -= chunk;
    }
    return 0;
}

int clear_guest_phys(struct domain *d, uint64_t gpa, size_t len)
{
    size_t chunk;

    while ( len )
    {
        char *p = map_run(d, gpa, len, true, &chunk);

        if ( !p )
            return -EFAULT;
        memset(p, 0, chunk);
        gpa += chunk;
        len -= chunk;
    }
    return 0;
}

int copy_from_guest_phys(struct domain *d, void *dst, uint64_t gpa, size_t len)
{
    return copy_phys(d, gpa, dst, len, false);
}

int copy_to_guest_phys(struct domain *d, uint64_t gpa, const void *src, size_t len)
{
    return copy_phys(d, gpa, (void *)src, len, true);
}

int guest_phys_read_cb(void *ctx, uint64_t gpa, void *buf, unsigned int len)
{
    return copy_from_guest_phys(ctx, buf, gpa, len);
}

static int copy_linear(struct vcpu *v, uint64_t gva, void *buf, size_t len, bool to_guest)
{
    /* Guest kernels pass kernel pointers: supervisor access rights. */
    while ( len )
    {
        size_t chunk = min(len, (size_t)(PAGE_SIZE - (gva & (PAGE_SIZE - 1))));
        struct gwalk w;
        int rc;

        guest_walk(&v->arch.regs, gva, to_guest, false, guest_phys_read_cb, v->domain, &w);
        if ( w.fault )
            return -EFAULT;
        rc = copy_phys(v->domain, w.gpa, buf, chunk, to_guest);
        if ( rc )
            return rc;
        gva += chunk;
        buf = (char *)buf + chunk;
        len -= chunk;
    }
    return 0;
}

int copy_from_guest(struct vcpu *v, void *dst, uint64_t gva, size_t len)
{
    return copy_linear(v, gva, dst, len, false);
}

int copy_to_guest(struct vcpu *v, uint64_t gva, const void *src, size_t len)
{
    return copy_linear(v, gva, (void *)src, len, true);
}
