/* SPDX-License-Identifier: GPL-2.0-only */
/* Sanitises the firmware memory map. Firmware maps may be unsorted and may overlap;
 * where they do, the more restrictive type wins, because handing reserved memory
 * to the allocator is far worse than losing a little RAM. */
#include <xen/e820.h>
#include <xen/lib.h>
#include <xen/sort.h>
#include <xen/string.h>

struct e820map e820;

/* Higher rank wins an overlap. */
static unsigned int type_rank(uint32_t type)
{
    switch ( type )
    {
    case E820_RAM:  return 0;
    case E820_ACPI: return 1;
    case E820_NVS:  return 2;
    case E820_UNUSABLE: return 3;
    default:        return 4;   /* reserved and anything unknown */
    }
}

const char *e820_type_name(uint32_t type)
{
    switch ( type )
    {
    case E820_RAM:      return "usable";
    case E820_RESERVED: return "reserved";
    case E820_ACPI:     return "ACPI data";
    case E820_NVS:      return "ACPI NVS";
    case E820_UNUSABLE: return "unusable";
    default:            return "UNKNOWN";
    }
}

static int cmp_addr_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

static bool entry_valid(const struct e820entry *e)
{
    return e->size != 0 && e->addr + e->size > e->addr;
}

/* The type in force at address a: the highest-ranked valid region covering it.
 * Returns false when no region covers a. */
static bool type_at(const struct e820entry *in, unsigned int nr, uint64_t a,
                    uint32_t *type)
{
    bool found = false;
    unsigned int i;

    for ( i = 0; i < nr; i++ )
    {
        if ( !entry_valid(&in[i]) || a < in[i].addr || a - in[i].addr >= in[i].size )
            continue;
        if ( !found || type_rank(in[i].type) > type_rank(*type) )
            *type = in[i].type;
        found = true;
    }
    return found;
}

static void append(struct e820map *out, uint64_t s, uint64_t e, uint32_t type)
{
    struct e820entry *last = out->nr_map ? &out->map[out->nr_map - 1] : NULL;

    if ( last && last->type == type && last->addr + last->size == s )
    {
        last->size += e - s;
        return;
    }
    if ( out->nr_map == BOOT_MAX_MEMMAP )
        return;
    out->map[out->nr_map].addr = s;
    out->map[out->nr_map].size = e - s;
    out->map[out->nr_map].type = type;
    out->nr_map++;
}

/* Walks the boundaries of all regions in order; between two consecutive boundaries
 * the type is constant, so each such interval becomes (part of) one output entry. */
void e820_sanitise(struct e820map *out, const struct e820entry *in, unsigned int nr)
{
    uint64_t bounds[2 * BOOT_MAX_MEMMAP];
    unsigned int nb = 0, i;

    out->nr_map = 0;
    nr = min(nr, (unsigned int)BOOT_MAX_MEMMAP);
    for ( i = 0; i < nr; i++ )
    {
        if ( !entry_valid(&in[i]) )
            continue;
        bounds[nb++] = in[i].addr;
        bounds[nb++] = in[i].addr + in[i].size;
    }
    sort(bounds, nb, sizeof(bounds[0]), cmp_addr_u64, NULL);
    for ( i = 0; i + 1 < nb; i++ )
    {
        uint32_t t;

        if ( bounds[i] != bounds[i + 1] && type_at(in, nr, bounds[i], &t) )
            append(out, bounds[i], bounds[i + 1], t);
    }
}

void e820_print(const struct e820map *m)
{
    unsigned int i;

    for ( i = 0; i < m->nr_map; i++ )
        printk(" [%016lx, %016lx] (%s)\n", (unsigned long)m->map[i].addr,
               (unsigned long)(m->map[i].addr + m->map[i].size - 1),
               e820_type_name(m->map[i].type));
}

uint64_t e820_ram_bytes(const struct e820map *m)
{
    uint64_t total = 0;
    unsigned int i;

    for ( i = 0; i < m->nr_map; i++ )
        if ( m->map[i].type == E820_RAM )
            total += m->map[i].size;
    return total;
}

uint64_t e820_max_addr(const struct e820map *m)
{
    uint64_t top = 0;
    unsigned int i;

    for ( i = 0; i < m->nr_map; i++ )
    {
        uint32_t t = m->map[i].type;

        if ( (t == E820_RAM || t == E820_ACPI || t == E820_NVS) &&
             m->map[i].addr + m->map[i].size > top )
            top = m->map[i].addr + m->map[i].size;
    }
    return top;
}
