/* SPDX-License-Identifier: GPL-2.0-only */
/* Address-to-name lookup over the text-symbol table embedded by the second link
 * (tools/gensymbols.sh): sorted addresses, name offsets, NUL-separated names. */
#include <xen/lib.h>
#include <xen/symbols.h>

extern const uint64_t symbols_count;
extern const uint64_t symbols_addresses[];
extern const uint32_t symbols_offsets[];
extern const char symbols_names[];
extern const char _stext[], _etext[];

int symbol_format(char *buf, size_t len, unsigned long addr)
{
    uint64_t lo = 0, hi = symbols_count;
    unsigned long size;

    if ( addr < (unsigned long)_stext || addr >= (unsigned long)_etext || !symbols_count )
        return snprintf(buf, len, "%#lx", addr);

    /* Last symbol at or below addr. */
    while ( hi - lo > 1 )
    {
        uint64_t mid = (lo + hi) / 2;

        if ( symbols_addresses[mid] <= addr )
            lo = mid;
        else
            hi = mid;
    }
    if ( symbols_addresses[lo] > addr )
        return snprintf(buf, len, "%#lx", addr);
    size = (lo + 1 < symbols_count ? symbols_addresses[lo + 1] : (unsigned long)_etext)
           - symbols_addresses[lo];
    return snprintf(buf, len, "%s+%#lx/%#lx", symbols_names + symbols_offsets[lo],
                    addr - (unsigned long)symbols_addresses[lo], size);
}
