/* SPDX-License-Identifier: GPL-2.0-only */
/* Intel EPT entries for the common p2m walker. An entry is present when any of
 * its R/W/X bits is set; leaves carry a memory type (WB for RAM, UC with the
 * guest PAT ignored for device memory) and, above 4 KiB, the large-page bit.
 * As in the NPT format the p2m type sits in bits 52-55, which the CPU ignores,
 * also in not-present entries: emulated MMIO keeps its type while faulting. */
#include <asm/p2m.h>
#include <asm/page.h>

#define EPT_R           (1ULL << 0)
#define EPT_W           (1ULL << 1)
#define EPT_X           (1ULL << 2)
#define EPT_RWX         (EPT_R | EPT_W | EPT_X)
#define EPT_MT_SHIFT    3
#define EPT_IPAT        (1ULL << 6)
#define EPT_LARGE       (1ULL << 7)
#define EPT_TYPE_SHIFT  52
#define EPT_TYPE_MASK   (0xfULL << EPT_TYPE_SHIFT)
#define EPT_ADDR_MASK   0x000ffffffffff000ULL

#define EPT_MT_UC       0
#define EPT_MT_WB       6

/* Access bits and memory type of a leaf of each type; 0: not present. */
static uint64_t leaf_bits(p2m_type_t t)
{
    switch ( t )
    {
    case p2m_ram_rw:
    case p2m_grant_map_rw:
    case p2m_map_foreign:
        return EPT_RWX | ((uint64_t)EPT_MT_WB << EPT_MT_SHIFT);
    case p2m_ram_ro:
    case p2m_grant_map_ro:
        return EPT_R | EPT_X | ((uint64_t)EPT_MT_WB << EPT_MT_SHIFT);
    case p2m_mmio_direct:
        /* Device registers: uncached whatever the guest's PAT says. */
        return EPT_RWX | ((uint64_t)EPT_MT_UC << EPT_MT_SHIFT) | EPT_IPAT;
    default:
        return 0;
    }
}

static uint64_t ept_leaf(unsigned long mfn, p2m_type_t t, unsigned int level)
{
    uint64_t bits;

    if ( t == p2m_invalid || t >= p2m_nr_types )
        return 0;
    if ( t == p2m_mmio_dm )
        return (uint64_t)t << EPT_TYPE_SHIFT;   /* not present: every access exits */
    bits = leaf_bits(t) | ((uint64_t)t << EPT_TYPE_SHIFT);
    if ( level > 1 )
        bits |= EPT_LARGE;
    return bits | (((uint64_t)mfn << PAGE_SHIFT) & EPT_ADDR_MASK);
}

/* Upper levels grant everything: the leaf decides. */
static uint64_t ept_table(paddr_t pa)
{
    return (pa & EPT_ADDR_MASK) | EPT_RWX;
}

static bool ept_present(uint64_t e)
{
    return e & EPT_RWX;
}

static p2m_type_t ept_type(uint64_t e)
{
    return (p2m_type_t)((e & EPT_TYPE_MASK) >> EPT_TYPE_SHIFT);
}

static bool ept_is_leaf(uint64_t e, unsigned int level)
{
    if ( level == 1 )
        return true;
    if ( e & EPT_RWX )
        return e & EPT_LARGE;
    return ept_type(e) != p2m_invalid;
}

static unsigned long ept_mfn(uint64_t e)
{
    return (e & EPT_ADDR_MASK) >> PAGE_SHIFT;
}

const struct p2m_format p2m_format_ept = {
    .name = "EPT",
    .leaf = ept_leaf,
    .table = ept_table,
    .present = ept_present,
    .is_leaf = ept_is_leaf,
    .mfn = ept_mfn,
    .type = ept_type,
};

/* The EPT pointer: tables walked with write-back caching, four levels, no
 * accessed/dirty tracking. */
uint64_t p2m_ept_pointer(paddr_t root)
{
    return (root & EPT_ADDR_MASK) | EPT_MT_WB | ((P2M_LEVELS - 1) << 3);
}
