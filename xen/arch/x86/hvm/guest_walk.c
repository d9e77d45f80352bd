/* SPDX-License-Identifier: GPL-2.0-only */
/* The guest page-table walker: translates a guest-linear address the way the CPU
 * would, in every paging mode a guest can be in (none, 2-level 32-bit with 4 MiB
 * pages, PAE, 4-level long mode with 2 MiB/1 GiB pages). Pure: guest-physical
 * reads go through a callback, so host unit tests drive it with fake memory.
 * Accessed/dirty bits are not set; no guest relies on them for hypercall buffers. */
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/hvm.h>
#include <asm/msr-index.h>
#include <asm/page.h>
#include <asm/x86-defns.h>

#define PFEC_PRESENT    (1u << 0)
#define PFEC_WRITE      (1u << 1)
#define PFEC_USER       (1u << 2)
#define PFEC_RSVD       (1u << 3)

static void fault(struct gwalk *out, uint32_t pfec)
{
    out->fault = true;
    out->pfec = pfec;
}

/* Rights are the AND of the U/S and R/W bits of every level; they are checked
 * only once the walk completes, because a missing entry anywhere makes the
 * fault a not-present one (error code P=0) whatever the rights above it. */
struct rights {
    bool write, user, wp;   /* the access, and CR0.WP */
    bool rw, us;            /* accumulated over the levels walked */
};

static uint32_t pfec_base(const struct rights *r)
{
    return (r->write ? PFEC_WRITE : 0) | (r->user ? PFEC_USER : 0);
}

/* Takes in one entry; false (with the fault recorded) if it is not present. */
static bool take_entry(uint64_t e, struct rights *r, struct gwalk *out)
{
    if ( !(e & _PAGE_PRESENT) )
    {
        fault(out, pfec_base(r));
        return false;
    }
    r->rw = r->rw && (e & _PAGE_RW);
    r->us = r->us && (e & _PAGE_USER);
    return true;
}

/* Sets out->gpa, or the protection fault the accumulated rights call for. */
static void finish(const struct rights *r, uint64_t gpa, struct gwalk *out)
{
    if ( (r->user && !r->us) || (r->write && !r->rw && (r->user || r->wp)) )
    {
        fault(out, pfec_base(r) | PFEC_PRESENT);
        return;
    }
    out->gpa = gpa;
}

static void walk_32bit(const struct hvm_regs *regs, uint32_t la, struct rights *r,
                       gphys_read_fn read, void *ctx, struct gwalk *out)
{
    uint32_t pde, pte;

    if ( read(ctx, (regs->cr3 & 0xfffff000) + (la >> 22) * 4, &pde, 4) )
        return fault(out, PFEC_RSVD);
    if ( !take_entry(pde, r, out) )
        return;
    if ( (regs->cr4 & X86_CR4_PSE) && (pde & _PAGE_PSE) )
        return finish(r, (pde & 0xffc00000) + (la & 0x3fffff), out);
    if ( read(ctx, (pde & 0xfffff000) + ((la >> 12) & 0x3ff) * 4, &pte, 4) )
        return fault(out, PFEC_RSVD);
    if ( !take_entry(pte, r, out) )
        return;
    finish(r, (pte & 0xfffff000) + (la & 0xfff), out);
}

/* PAE and long mode share the 64-bit entry format; PAE starts from one of four
 * PDPTEs addressed by CR3 bits 5-31, which carry a present bit but no rights. */
static void walk_64bit(const struct hvm_regs *regs, uint64_t la, bool pae,
                       struct rights *r, gphys_read_fn read, void *ctx,
                       struct gwalk *out)
{
    uint64_t table = regs->cr3 & PADDR_MASK;
    unsigned int level = 4;

    if ( pae )
    {
        uint64_t pdpte;

        if ( read(ctx, (regs->cr3 & 0xffffffe0) + ((la >> 30) & 3) * 8, &pdpte, 8) )
            return fault(out, PFEC_RSVD);
        if ( !(pdpte & _PAGE_PRESENT) )
            return fault(out, pfec_base(r));
        table = pdpte & PADDR_MASK;
        level = 2;
    }
    for ( ; level >= 1; level-- )
    {
        unsigned int shift = 12 + 9 * (level - 1);
        uint64_t e;

        if ( read(ctx, table + ((la >> shift) & 511) * 8, &e, 8) )
            return fault(out, PFEC_RSVD);
        if ( !take_entry(e, r, out) )
            return;
        if ( level > 1 && level < 4 && (e & _PAGE_PSE) )
        {
            uint64_t mask = (1ULL << shift) - 1;

            return finish(r, (e & PADDR_MASK & ~mask) + (la & mask), out);
        }
        table = e & PADDR_MASK;
    }
    finish(r, table + (la & 0xfff), out);
}

void guest_walk(const struct hvm_regs *r, uint64_t linear, bool write, bool user,
                gphys_read_fn read, void *ctx, struct gwalk *out)
{
    struct rights rights = {
        .write = write, .user = user, .wp = r->cr0 & X86_CR0_WP, .rw = true, .us = true,
    };

    memset(out, 0, sizeof(*out));
    if ( !(r->cr0 & X86_CR0_PG) )
        out->gpa = linear & 0xffffffff;     /* no paging: linear is physical */
    else if ( r->efer & EFER_LMA )
        walk_64bit(r, linear, false, &rights, read, ctx, out);
    else if ( r->cr4 & X86_CR4_PAE )
        walk_64bit(r, (uint32_t)linear, true, &rights, read, ctx, out);
    else
        walk_32bit(r, (uint32_t)linear, &rights, read, ctx, out);
}
