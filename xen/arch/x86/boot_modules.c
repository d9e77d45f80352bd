/* SPDX-License-Identifier: GPL-2.0-only */
/* Moves the boot modules to the top of RAM before any allocator runs, so that
 * dom0's kernel can be loaded at the low physical addresses its ELF asks for. */
#include <xen/bootinfo.h>
#include <xen/e820.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/directmap.h>
#include <asm/page.h>

extern char _start[], _end[];

static bool overlaps(paddr_t s1, paddr_t e1, paddr_t s2, paddr_t e2)
{
    return s1 < e2 && s2 < e1;
}

static bool hits_a_module(const struct boot_info *bi, paddr_t s, paddr_t e)
{
    unsigned int i;

    for ( i = 0; i < bi->nr_modules; i++ )
        if ( overlaps(s, e, bi->modules[i].start, bi->modules[i].end) )
            return true;
    return false;
}

/* The highest RAM range of 'size' bytes clear of the image and every module. */
static paddr_t find_top(const struct e820map *map, const struct boot_info *bi,
                        paddr_t size)
{
    paddr_t img_e = ROUNDUP((paddr_t)(_end - XEN_VIRT_START), PAGE_SIZE);
    int i;

    for ( i = map->nr_map - 1; i >= 0; i-- )
    {
        const struct e820entry *m = &map->map[i];
        paddr_t s = ROUNDUP(max(m->addr, img_e), PAGE_SIZE);
        paddr_t e = ROUNDDOWN(m->addr + m->size, PAGE_SIZE);

        if ( m->type != E820_RAM || e < s + size )
            continue;
        /* Modules already at the top (GRUB often puts them there) stay. */
        if ( hits_a_module(bi, e - size, e) )
            return 0;
        return e - size;
    }
    return 0;
}

void boot_modules_relocate(struct boot_info *bi, const struct e820map *map)
{
    paddr_t total = 0, dst;
    unsigned int i;

    for ( i = 0; i < bi->nr_modules; i++ )
        total += ROUNDUP(bi->modules[i].end - bi->modules[i].start, PAGE_SIZE);
    if ( !total )
        return;
    dst = find_top(map, bi, total);
    if ( !dst )
        return;
    for ( i = 0; i < bi->nr_modules; i++ )
    {
        struct boot_module *m = &bi->modules[i];
        paddr_t len = m->end - m->start;

        memmove(maddr_to_virt(dst), maddr_to_virt(m->start), len);
        m->start = dst;
        m->end = dst + len;
        dst += ROUNDUP(len, PAGE_SIZE);
    }
    printk("Boot modules moved to [%#lx, %#lx)\n",
           (unsigned long)bi->modules[0].start, (unsigned long)dst);
}
