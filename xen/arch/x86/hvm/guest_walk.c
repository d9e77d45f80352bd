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

/* Checks one entry's present/write/user bits; returns false on a fault. */
static bool entry_ok(uint64_t e, bool write, bool user, bool wp, struct gwalk *out)
{
    uint32_t pfec = (write ? PFEC_WRITE : 0) | (user ? PFEC_USER : 0);

    if ( !(e & _PAGE_PRESENT) )
    {
        fault(out, pfec);
        return false;
    }
    if ( (user && !(e & _PAGE_USER)) || (write && !(e & _PAGE_RW) && (user || wp)) )
    {
        fault(out, pfec | PFEC_PRESENT);
        return false;
    }
    return true;
}

static void walk_32bit(const struct hvm_regs *r, uint32_t la, bool write, bool user,
                       gphys_read_fn read, void *ctx, struct gwalk *out)
{
    bool wp = r->cr0 & X86_CR0_WP, pse = r->cr4 & X86_CR4_PSE;
    uint32_t pde, pte;

    if ( read(ctx, (r->cr3 & 0xfffff000) + (la >> 22) * 4, &pde, 4) )
        return fault(out, PFEC_RSVD);
    if ( !entry_ok(pde, write, user, wp, out) )
        return;
    if ( pse && (pde & _PAGE_PSE) )
    {
        out->gpa = (pde & 0xffc00000) + (la & 0x3fffff);
        return;
    }
    if ( read(ctx, (pde & 0xfffff000) + ((la >> 12) & 0x3ff) * 4, &pte, 4) )
        return fault(out, PFEC_RSVD);
    if ( !entry_ok(pte, write, user, wp, out) )
        return;
    out->gpa = (pte & 0xfffff000) + (la & 0xfff);
}

/* PAE and long mode share the 64-bit entry format; PAE starts from one of four
 * PDPTEs addressed by CR3 bits 5-31, which carry only a present bit we check. */
static void walk_64bit(const struct hvm_regs *r, uint64_t la, bool write, bool user,
                       bool pae, gphys_read_fn read, void *ctx, struct gwalk *out)
{
    bool wp = r->cr0 & X86_CR0_WP;
    uint64_t table = r->cr3 & PADDR_MASK;
    unsigned int level = 4;

    if ( pae )
    {
        uint64_t pdpte;

        if ( read(ctx, (r->cr3 & 0xffffffe0) + ((la >> 30) & 3) * 8, &pdpte, 8) )
            return fault(out, PFEC_RSVD);
        if ( !(pdpte & _PAGE_PRESENT) )
            return fault(out, (write ? PFEC_WRITE : 0) | (user ? PFEC_USER : 0));
        table = pdpte & PADDR_MASK;
        level = 2;
    }
    for ( ; level >= 1; level-- )
    {
        unsigned int shift = 12 + 9 * (level - 1);
        uint64_t e;

        if ( read(ctx, table + ((la >> shift) & 511) * 8, &e, 8) )
            return fault(out, PFEC_RSVD);
        if ( !entry_ok(e, write, user, wp, out) )
            return;
        if ( level > 1 && level < 4 && (e & _PAGE_PSE) )
        {
            uint64_t mask = (1ULL << shift) - 1;

            out->gpa = (e & PADDR_MASK & ~mask) + (la & mask);
            return;
        }
        table = e & PADDR_MASK;
    }
    out->gpa = table + (la & 0xfff);
}

void guest_walk(const struct hvm_regs *r, uint64_t linear, bool write, bool user,
                gphys_read_fn read, void *ctx, struct gwalk *out)
{
    memset(out, 0, sizeof(*out));
    if ( !(r->cr0 & X86_CR0_PG) )
        out->gpa = linear & 0xffffffff;     /* no paging: linear is physical */
    else if ( r->efer & EFER_LMA )
        walk_64bit(r, linear, write, user, false, read, ctx, out);
    else if ( r->cr4 & X86_CR4_PAE )
        walk_64bit(r, (uint32_t)linear, write, user, true, read, ctx, out);
    else
        walk_32bit(r, (uint32_t)linear, write, user, read, ctx, out);
}
