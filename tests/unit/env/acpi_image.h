/* SPDX-License-Identifier: GPL-2.0-only */
/* The ACPI tests' sparse physical memory image (env/acpi_image.c). */
#ifndef ACPI_IMAGE_H
#define ACPI_IMAGE_H

#include <xen/types.h>

/* Frees every region; a cmocka setup/teardown. */
int image_reset(void **state);
/* A zeroed region of exactly len bytes (ASan sees overruns); its bytes. */
uint8_t *image_add(paddr_t start, size_t len);
/* The map hook: a range is mappable only if one region holds all of it. */
const void *image_map(paddr_t pa, size_t len);
/* Like image_map, but the range must be there. */
uint8_t *image_ptr(paddr_t pa, size_t len);
/* Adds a capture: "region <start> <len>" lines, then "<addr>: <hex bytes>". */
void image_load(const char *name);
/* Byte sum, written apart from the code under test so that tests building
 * tables do not share its mistakes: 0 for an intact table. */
uint8_t image_sum(const void *p, size_t len);

#endif /* ACPI_IMAGE_H */
