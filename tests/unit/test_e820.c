/* SPDX-License-Identifier: GPL-2.0-only */
/* Host tests of the firmware memory map sanitiser (xen/arch/x86/e820.c): the
 * result must be sorted, disjoint, merged, and never show RAM where any input
 * entry said otherwise. QEMU's q35 map, scrambled and duplicated, is the real
 * case; the rest are built to hit one rule each. */
/* The xen/ headers go first: glibc tolerates their __always_inline, not the
 * other way round. */
#include <xen/e820.h>
#include <xen/lib.h>

#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "host_env.h"

#define RAM     E820_RAM
#define RES     E820_RESERVED
#define ACPI    E820_ACPI
#define NVS     E820_NVS
#define UNUS    E820_UNUSABLE

static struct e820map out;

static void sanitise(const struct e820entry *in, unsigned int nr)
{
    memset(&out, 0xa5, sizeof(out));
    e820_sanitise(&out, in, nr);
}

/* The whole output, entry by entry. */
static void expect_map(const struct e820entry *want, unsigned int nr)
{
    unsigned int i;

    if ( out.nr_map != nr )
        fail_msg("%u entries, want %u", out.nr_map, nr);
    for ( i = 0; i < nr; i++ )
        if ( out.map[i].addr != want[i].addr || out.map[i].size != want[i].size ||
             out.map[i].type != want[i].type )
            fail_msg("entry %u: [%#lx +%#lx] type %u, want [%#lx +%#lx] type %u", i,
                     (unsigned long)out.map[i].addr, (unsigned long)out.map[i].size,
                     out.map[i].type, (unsigned long)want[i].addr,
                     (unsigned long)want[i].size, want[i].type);
}

/* Sorted, non-empty, disjoint, and neighbours of one type merged. */
static void expect_well_formed(void)
{
    unsigned int i;

    assert_true(out.nr_map <= BOOT_MAX_MEMMAP);
    for ( i = 0; i < out.nr_map; i++ )
    {
        const struct e820entry *e = &out.map[i];

        assert_true(e->size > 0);
        assert_true(e->addr + e->size > e->addr);
        if ( i == 0 )
            continue;
        assert_true(e[-1].addr + e[-1].size <= e->addr);
        assert_false(e[-1].addr + e[-1].size == e->addr && e[-1].type == e->type);
    }
}

/* ---- a real map ---- */

static const struct e820entry q35_want[] = {
    { 0x0, 0x9fc00, RAM },
    { 0x9fc00, 0x400, RES },
    { 0xf0000, 0x10000, RES },
    { 0x100000, 0x1fedf000, RAM },
    { 0x1ffdf000, 0x21000, RES },
    { 0xb0000000, 0x10000000, RES },
    { 0xfed1c000, 0x4000, RES },
    { 0xfffc0000, 0x40000, RES },
    { 0xfd00000000UL, 0x300000000UL, RES },
};

static void test_q35(void **state)
{
    static const struct e820entry in[] = {
        { 0xfffc0000, 0x40000, RES },
        { 0x100000, 0x1fedf000, RAM },
        { 0xfd00000000UL, 0x300000000UL, RES },
        { 0x9fc00, 0x400, RES },
        { 0xfed1c000, 0x4000, RES },
        { 0x0, 0x9fc00, RAM },
        { 0x1ffdf000, 0x21000, RES },
        { 0xb0000000, 0x10000000, RES },
        { 0x100000, 0x1fedf000, RAM },          /* duplicates */
        { 0xf0000, 0x10000, RES },
        { 0x9fc00, 0x400, RES },
        { 0xfffc0000, 0x40000, RES },
        { 0x0, 0x9fc00, RAM },
    };

    sanitise(in, ARRAY_SIZE(in));
    expect_map(q35_want, ARRAY_SIZE(q35_want));
    assert_int_equal(e820_ram_bytes(&out), 0x9fc00 + 0x1fedf000);
    assert_int_equal(e820_max_addr(&out), 0x1ffdf000);
    expect_well_formed();
}

/* Already clean input comes out unchanged, and the output may be fed back. */
static void test_idempotent(void **state)
{
    struct e820entry first[ARRAY_SIZE(q35_want)];

    sanitise(q35_want, ARRAY_SIZE(q35_want));
    expect_map(q35_want, ARRAY_SIZE(q35_want));
    memcpy(first, out.map, sizeof(first));
    sanitise(first, ARRAY_SIZE(first));
    expect_map(q35_want, ARRAY_SIZE(q35_want));
}

static void test_empty(void **state)
{
    static const struct e820entry zero[] = { { 0x1000, 0, RAM } };

    sanitise(NULL, 0);
    assert_int_equal(out.nr_map, 0);
    assert_int_equal(e820_ram_bytes(&out), 0);
    assert_int_equal(e820_max_addr(&out), 0);
    sanitise(zero, 1);
    assert_int_equal(out.nr_map, 0);
}

/* ---- merging and sorting ---- */

static void test_merge_adjacent(void **state)
{
    static const struct e820entry in[] = {
        { 0x3000, 0x1000, RAM },
        { 0x0, 0x1000, RAM },
        { 0x1000, 0x2000, RAM },
        { 0x5000, 0x1000, RAM },            /* a gap before it: kept apart */
        { 0x6000, 0x1000, ACPI },           /* another type: kept apart */
        { 0x7000, 0x1000, ACPI },
        { 0x8000, 0x1000, RES },
        { 0x9000, 0x1000, RES },
    };
    static const struct e820entry want[] = {
        { 0x0, 0x4000, RAM },
        { 0x5000, 0x1000, RAM },
        { 0x6000, 0x2000, ACPI },
        { 0x8000, 0x2000, RES },
    };

    sanitise(in, ARRAY_SIZE(in));
    expect_map(want, ARRAY_SIZE(want));
    assert_int_equal(e820_ram_bytes(&out), 0x5000);
    assert_int_equal(e820_max_addr(&out), 0x8000);
}

static void test_reverse_order(void **state)
{
    struct e820entry in[40];
    unsigned int i;

    for ( i = 0; i < 40; i++ )
    {
        unsigned int k = 39 - i;

        in[i].addr = (uint64_t)k << 20;
        in[i].size = 0x1000 + k;
        in[i].type = k % 2 ? RES : RAM;
    }
    sanitise(in, 40);
    assert_int_equal(out.nr_map, 40);
    for ( i = 0; i < 40; i++ )
    {
        assert_int_equal(out.map[i].addr, (uint64_t)i << 20);
        assert_int_equal(out.map[i].size, 0x1000 + i);
        assert_int_equal(out.map[i].type, i % 2 ? RES : RAM);
    }
    expect_well_formed();
}

/* ---- overlaps ---- */

static void test_reserved_inside_ram(void **state)
{
    static const struct e820entry in[] = {
        { 0x0, 0x100000, RAM },
        { 0x80000, 0x10000, RES },
    };
    static const struct e820entry want[] = {
        { 0x0, 0x80000, RAM },
        { 0x80000, 0x10000, RES },
        { 0x90000, 0x70000, RAM },
    };

    sanitise(in, 2);
    expect_map(want, 3);
    assert_int_equal(e820_ram_bytes(&out), 0xf0000);
    assert_int_equal(e820_max_addr(&out), 0x100000);
}

static void test_partial_overlaps(void **state)
{
    static const struct e820entry in[] = {
        { 0x3000, 0x5000, RES },            /* over the end of the RAM */
        { 0x1000, 0x4000, RAM },
        { 0x10000, 0x4000, RAM },
        { 0xe000, 0x3000, NVS },            /* over its start */
        { 0x20000, 0x1000, RAM },
        { 0x20000, 0x1000, UNUS },          /* exactly the same range */
    };
    static const struct e820entry want[] = {
        { 0x1000, 0x2000, RAM },
        { 0x3000, 0x5000, RES },
        { 0xe000, 0x3000, NVS },
        { 0x11000, 0x3000, RAM },
        { 0x20000, 0x1000, UNUS },
    };

    sanitise(in, ARRAY_SIZE(in));
    expect_map(want, ARRAY_SIZE(want));
    assert_int_equal(e820_ram_bytes(&out), 0x5000);
    assert_int_equal(e820_max_addr(&out), 0x14000);
}

/* Ranks: RAM < ACPI < NVS < unusable < reserved and unknown types. */
static void test_type_precedence(void **state)
{
    static const struct { uint32_t lo, hi; } pairs[] = {
        { RAM, ACPI }, { RAM, NVS }, { RAM, UNUS }, { RAM, RES }, { RAM, 12 },
        { ACPI, NVS }, { ACPI, UNUS }, { ACPI, RES }, { NVS, UNUS }, { NVS, RES },
        { UNUS, RES }, { UNUS, 7 },
    };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(pairs); i++ )
    {
        struct e820entry in[2] = {
            { 0x100000, 0x200000, pairs[i].lo },
            { 0x180000, 0x200000, pairs[i].hi },
        };
        const struct e820entry want[2] = {
            { 0x100000, 0x80000, pairs[i].lo },
            { 0x180000, 0x200000, pairs[i].hi },
        };

        sanitise(in, 2);
        expect_map(want, 2);
        /* The order of the input does not matter. */
        in[0] = want[1];
        in[1] = (struct e820entry){ 0x100000, 0x200000, pairs[i].lo };
        sanitise(in, 2);
        expect_map(want, 2);
    }
}

/* Nested and chained overlaps of several entries. */
static void test_many_overlaps(void **state)
{
    static const struct e820entry in[] = {
        { 0x0, 0x40000000, RAM },
        { 0x1000000, 0x1000000, ACPI },
        { 0x1800000, 0x100000, NVS },
        { 0x1400000, 0x100000, RES },
        { 0x2000000, 0x1000000, RAM },      /* overlaps RAM only: nothing changes */
        { 0x3fff0000, 0x20000, RES },       /* past the end of the RAM */
    };
    static const struct e820entry want[] = {
        { 0x0, 0x1000000, RAM },
        { 0x1000000, 0x400000, ACPI },
        { 0x1400000, 0x100000, RES },
        { 0x1500000, 0x300000, ACPI },
        { 0x1800000, 0x100000, NVS },
        { 0x1900000, 0x700000, ACPI },
        { 0x2000000, 0x3dff0000, RAM },
        { 0x3fff0000, 0x20000, RES },
    };

    sanitise(in, ARRAY_SIZE(in));
    expect_map(want, ARRAY_SIZE(want));
    assert_int_equal(e820_ram_bytes(&out), 0x1000000 + 0x3dff0000);
    assert_int_equal(e820_max_addr(&out), 0x3fff0000);
    expect_well_formed();
}

/* ---- bad entries ---- */

static void test_zero_size_dropped(void **state)
{
    static const struct e820entry in[] = {
        { 0x0, 0x100000, RAM },
        { 0x80000, 0, RES },                /* would split the RAM if counted */
        { 0x200000, 0, RAM },
        { 0x0, 0, RES },
    };
    static const struct e820entry want[] = { { 0x0, 0x100000, RAM } };

    sanitise(in, ARRAY_SIZE(in));
    expect_map(want, 1);
}

static void test_wrapping_dropped(void **state)
{
    static const struct e820entry in[] = {
        { 0xfffffffffffff000UL, 0x2000, RAM },
        { 0x100000, 0x100000, RAM },
        { 0xffffffff00000000UL, 0x100000000UL, RES },   /* ends at exactly 2^64 */
    };
    static const struct e820entry want[] = { { 0x100000, 0x100000, RAM } };

    sanitise(in, ARRAY_SIZE(in));
    expect_map(want, 1);
}

/* A dropped entry must not still colour the ranges of the entries kept. */
static void test_wrapping_entry_has_no_effect(void **state)
{
    static const struct e820entry in[] = {
        { 0x80000, ~0UL, RES },             /* wraps round */
        { 0x100000, 0x100000, RAM },
    };
    static const struct e820entry want[] = { { 0x100000, 0x100000, RAM } };

    sanitise(in, ARRAY_SIZE(in));
    expect_map(want, 1);
    assert_int_equal(e820_ram_bytes(&out), 0x100000);
}

/* Unknown types rank with reserved whatever their value, even with bit 31 set. */
static void test_unknown_type_high_bit(void **state)
{
    static const struct e820entry in[] = {
        { 0x80000, 0x10000, 0x80000001u },
        { 0x0, 0x100000, RAM },
        { 0x200000, 0x1000, 0xf0000000u },
    };
    static const struct e820entry want[] = {
        { 0x0, 0x80000, RAM },
        { 0x80000, 0x10000, 0x80000001u },
        { 0x90000, 0x70000, RAM },
        { 0x200000, 0x1000, 0xf0000000u },
    };

    sanitise(in, ARRAY_SIZE(in));
    expect_map(want, ARRAY_SIZE(want));
}

static void test_top_of_address_space(void **state)
{
    static const struct e820entry in[] = {
        { 0xffffffffffff0000UL, 0xf000, RES },
        { 0xfffffffffff00000UL, 0x10000, RAM },
    };
    static const struct e820entry want[] = {
        { 0xfffffffffff00000UL, 0x10000, RAM },
        { 0xffffffffffff0000UL, 0xf000, RES },
    };

    sanitise(in, 2);
    expect_map(want, 2);
    assert_int_equal(e820_max_addr(&out), 0xfffffffffff10000UL);
}

/* ---- more than the map holds ---- */

/* Only the first BOOT_MAX_MEMMAP entries are read; nothing overflows. */
static void test_too_many_inputs(void **state)
{
    struct e820entry *in = calloc(200, sizeof(*in));
    unsigned int i;

    assert_non_null(in);
    for ( i = 0; i < 200; i++ )
        in[i] = (struct e820entry){ (uint64_t)i * 0x2000, 0x1000, RAM };
    sanitise(in, 200);
    assert_int_equal(out.nr_map, BOOT_MAX_MEMMAP);
    for ( i = 0; i < BOOT_MAX_MEMMAP; i++ )
    {
        assert_int_equal(out.map[i].addr, (uint64_t)i * 0x2000);
        assert_int_equal(out.map[i].size, 0x1000);
        assert_int_equal(out.map[i].type, RAM);
    }
    assert_int_equal(e820_ram_bytes(&out), BOOT_MAX_MEMMAP * 0x1000UL);

    /* Touching entries merge into one, whatever of them is read. */
    for ( i = 0; i < 200; i++ )
        in[i] = (struct e820entry){ (uint64_t)i * 0x1000, 0x1000, RAM };
    sanitise(in, 200);
    assert_int_equal(out.nr_map, 1);
    assert_int_equal(out.map[0].addr, 0);
    assert_true(out.map[0].size == BOOT_MAX_MEMMAP * 0x1000UL ||
                out.map[0].size == 200 * 0x1000UL);
    free(in);
}

/* 127 holes punched in one RAM range make 255 pieces: the map keeps the lowest
 * 128, in order, and never writes past its end. */
static void test_too_many_outputs(void **state)
{
    struct e820entry in[BOOT_MAX_MEMMAP];
    unsigned int i;

    in[0] = (struct e820entry){ 0, 0x100000, RAM };
    for ( i = 1; i < BOOT_MAX_MEMMAP; i++ )
        in[i] = (struct e820entry){ (uint64_t)(2 * i - 1) * 0x1000, 0x1000, RES };
    sanitise(in, BOOT_MAX_MEMMAP);
    assert_int_equal(out.nr_map, BOOT_MAX_MEMMAP);
    for ( i = 0; i < BOOT_MAX_MEMMAP; i++ )
    {
        assert_int_equal(out.map[i].addr, (uint64_t)i * 0x1000);
        assert_int_equal(out.map[i].size, 0x1000);
        assert_int_equal(out.map[i].type, i % 2 ? RES : RAM);
    }
    expect_well_formed();
}

/* ---- the helpers ---- */

static void test_ram_bytes_and_max_addr(void **state)
{
    static const struct e820entry in[] = {
        { 0x0, 0x9f000, RAM },
        { 0x100000, 0x7ff00000, RAM },
        { 0x7ff00000, 0x100000, ACPI },
        { 0xfec00000, 0x1000, RES },
        { 0x100000000UL, 0x1000, NVS },
        { 0x200000000UL, 0x10000000, UNUS },
        { 0xfd00000000UL, 0x1000, RES },
    };

    sanitise(in, ARRAY_SIZE(in));
    assert_int_equal(out.nr_map, 7);
    /* The ACPI range cuts the top of the RAM. */
    assert_int_equal(e820_ram_bytes(&out), 0x9f000 + 0x7fe00000);
    /* NVS counts as memory the OS must know about; unusable and reserved do not. */
    assert_int_equal(e820_max_addr(&out), 0x100001000UL);
}

static void test_type_names(void **state)
{
    assert_string_equal(e820_type_name(RAM), "usable");
    assert_string_equal(e820_type_name(RES), "reserved");
    assert_string_equal(e820_type_name(ACPI), "ACPI data");
    assert_string_equal(e820_type_name(NVS), "ACPI NVS");
    assert_string_equal(e820_type_name(UNUS), "unusable");
    assert_string_equal(e820_type_name(12), "UNKNOWN");
}

static void test_print(void **state)
{
    sanitise(q35_want, 3);
    unit_printk_capture_start();
    e820_print(&out);
    unit_printk_capture_stop();
    assert_string_equal(unit_printk_captured(),
        " [0000000000000000, 000000000009fbff] (usable)\n"
        " [000000000009fc00, 000000000009ffff] (reserved)\n"
        " [00000000000f0000, 00000000000fffff] (reserved)\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_q35),
        cmocka_unit_test(test_idempotent),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_merge_adjacent),
        cmocka_unit_test(test_reverse_order),
        cmocka_unit_test(test_reserved_inside_ram),
        cmocka_unit_test(test_partial_overlaps),
        cmocka_unit_test(test_type_precedence),
        cmocka_unit_test(test_many_overlaps),
        cmocka_unit_test(test_zero_size_dropped),
        cmocka_unit_test(test_wrapping_dropped),
        cmocka_unit_test(test_wrapping_entry_has_no_effect),
        cmocka_unit_test(test_unknown_type_high_bit),
        cmocka_unit_test(test_top_of_address_space),
        cmocka_unit_test(test_too_many_inputs),
        cmocka_unit_test(test_too_many_outputs),
        cmocka_unit_test(test_ram_bytes_and_max_addr),
        cmocka_unit_test(test_type_names),
        cmocka_unit_test(test_print),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
