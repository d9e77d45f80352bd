/* SPDX-License-Identifier: GPL-2.0-only */
/* A sparse physical memory image for the ACPI tests: regions filled from
 * captures of QEMU's tables (tests/unit/data/acpi-*.hex) or by hand, served
 * through the parsers' map hook. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "acpi_image.h"

#ifndef ACPI_DATA_DIR
#error "the test's .mk must define ACPI_DATA_DIR"
#endif

#define MAX_REGIONS 8

static struct region {
    paddr_t start;
    size_t len;
    uint8_t *bytes;
} region[MAX_REGIONS];
static unsigned int nr_regions;

int image_reset(void **state)
{
    while ( nr_regions )
        free(region[--nr_regions].bytes);
    return 0;
}

/* Exactly 'len' bytes are allocated, so ASan sees any write past the end. */
uint8_t *image_add(paddr_t start, size_t len)
{
    assert_true(nr_regions < MAX_REGIONS);
    region[nr_regions].start = start;
    region[nr_regions].len = len;
    region[nr_regions].bytes = calloc(1, len);
    assert_non_null(region[nr_regions].bytes);
    return region[nr_regions++].bytes;
}

const void *image_map(paddr_t pa, size_t len)
{
    unsigned int i;

    for ( i = 0; i < nr_regions; i++ )
    {
        const struct region *r = &region[i];

        if ( pa >= r->start && len <= r->len && pa - r->start <= r->len - len )
            return r->bytes + (pa - r->start);
    }
    return NULL;
}

uint8_t *image_ptr(paddr_t pa, size_t len)
{
    const void *p = image_map(pa, len);

    assert_non_null(p);
    return (uint8_t *)p;
}

/* A capture: "region <start> <len>" lines, then "<addr>: <hex bytes>". */
void image_load(const char *name)
{
    char path[512], line[256];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", ACPI_DATA_DIR, name);
    f = fopen(path, "r");
    if ( !f )
        fail_msg("cannot open %s", path);
    while ( fgets(line, sizeof(line), f) )
    {
        unsigned long a, b;
        char *p, *q;

        if ( sscanf(line, "region %lx %lx", &a, &b) == 2 )
        {
            image_add(a, b);
            continue;
        }
        a = strtoul(line, &p, 16);
        if ( line[0] == '#' || *p != ':' )
            continue;
        for ( p++; (b = strtoul(p, &q, 16)), q != p; p = q )
            *image_ptr(a++, 1) = b;
    }
    fclose(f);
}

uint8_t image_sum(const void *p, size_t len)
{
    const uint8_t *b = p;
    uint8_t s = 0;

    while ( len-- )
        s += *b++;
    return s;
}
