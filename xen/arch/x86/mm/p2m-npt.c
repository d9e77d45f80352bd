/* SPDX-License-Identifier: GPL-2.0-only */
/* AMD nested page table entries: the ordinary long-mode page-table format. Every
 * entry carries U=1 because the CPU treats all guest accesses as user accesses
 * in the nested walk. The p2m type lives in the software-available bits 52-55,
 * also in not-present entries (emulated MMIO keeps its type while faulting). */
#include <asm/p2m.h>
#include <asm/page.h>

#define NPT_TYPE_SHIFT  52
#define NPT_TYPE_MASK   (0xfULL << NPT_TYPE_SHIFT)
#define NPT_BASE        (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)

static uint64_t npt_leaf(unsigned long mfn, p2m_type_t t, unsigned int level)
{
    uint64_t e = ((uint64_t)t << NPT_TYPE_SHIFT);

    switch ( t )
    {
    case p2m_invalid:
        return 0;
    case p2m_mmio_dm:
        return e;                       /* not present: every access faults */
    case p2m_ram_rw:
    case p2m_grant_map_rw:
    case p2m_map_foreign:
        e |= NPT_BASE | _PAGE_RW | _PAGE_DIRTY;
        break;
    case p2m_ram_ro:
    case p2m_grant_map_ro:
        e |= NPT_BASE;
        break;
    case p2m_mmio_direct:
        e |= NPT_BASE | _PAGE_RW | _PAGE_DIRTY | _PAGE_PCD | _PAGE_PWT;
        break;
    default:
        return 0;
    }
    if ( level > 1 )
        e |= _PAGE_PSE;
    return e | ((uint64_t)mfn << PAGE_SHIFT);
}

static uint64_t npt_table(paddr_t pa)
{
    return pa | NPT_BASE | _PAGE_RW | _PAGE_DIRTY;
}

static bool npt_present(uint64_t e)
{
    return e & _PAGE_PRESENT;
}

static p2m_type_t npt_type(uint64_t e)
{
    return (p2m_type_t)((e & NPT_TYPE_MASK) >> NPT_TYPE_SHIFT);
}

/* Tables carry type 0 (invalid); anything typed, present or not, is a leaf. */
static bool npt_is_leaf(uint64_t e, unsigned int level)
{
    if ( level == 1 )
        return true;
    if ( e & _PAGE_PRESENT )
        return e & _PAGE_PSE;
    return npt_type(e) != p2m_invalid;
}

static unsigned long npt_mfn(uint64_t e)
{
    return (e & PADDR_MASK & ~NPT_TYPE_MASK) >> PAGE_SHIFT;
}

const struct p2m_format p2m_format_npt = {
    .name = "NPT",
    .leaf = npt_leaf,
    .table = npt_table,
    .present = npt_present,
    .is_leaf = npt_is_leaf,
    .mfn = npt_mfn,
    .type = npt_type,
};
