/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual disk names to the device number written to xenstore, as
 * docs/misc/vbd-interface.txt encodes them:
 *
 *   xvd, disk < 16 and partition < 16   202 << 8 | disk << 4 | partition
 *   xvd, up to disk 2^20-1, part 255    1 << 28 | disk << 8 | partition
 *   sd,  disk < 16, partition < 16      8 << 8 | disk << 4 | partition
 *   hd,  disk 0..1, partition < 64      3 << 8 | disk << 6 | partition
 *   hd,  disk 2..3, partition < 64      22 << 8 | (disk - 2) << 6 | partition
 *
 * Disk letters count like spreadsheet columns: a..z are 0..25, aa is 26,
 * so xvdtq37 is disk 536 partition 37. "dNpM" names disk N partition M
 * with the xvd encodings; a plain number is taken as the encoding itself.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

#define XVD_MAX_DISK ((1 << 20) - 1)
#define XVD_MAX_PART 255

/* xlu__decimal into a long (max is never negative here). */
static bool decimal(const char **s, long max, long *out)
{
    uint64_t v;

    if ( !xlu__decimal(s, (uint64_t)max, &v) )
        return false;
    *out = (long)v;
    return true;
}

/* prefix, one or more disk letters, then nothing or a partition number
 * without leading zeroes. */
static bool lettered(const char *vdev, const char *prefix, long max_disk,
                     long max_part, long *disk, long *part)
{
    size_t n = strlen(prefix);
    const char *p = vdev + n;
    long d = -1;

    if ( strncmp(vdev, prefix, n) || *p < 'a' || *p > 'z' )
        return false;
    for ( ; *p >= 'a' && *p <= 'z'; p++ )
    {
        d = (d + 1) * 26 + (*p - 'a');
        if ( d > max_disk )
            return false;
    }
    *disk = d;
    *part = 0;
    if ( !*p )
        return true;
    if ( *p == '0' )
        return false;
    return decimal(&p, max_part, part) && !*p;
}

/* "dN" or "dNpM". */
static bool numbered(const char *vdev, long *disk, long *part)
{
    const char *p = vdev + 1;

    *part = 0;
    if ( vdev[0] != 'd' || !decimal(&p, XVD_MAX_DISK, disk) )
        return false;
    if ( *p == 'p' )
    {
        p++;
        if ( !decimal(&p, XVD_MAX_PART, part) )
            return false;
    }
    return !*p;
}

/* What a raw number encodes, where it is one of the documented forms. */
static void decode(long n, long *disk, long *part)
{
    *disk = *part = -1;
    if ( (n >> 28) == 1 )
    {
        *disk = (n >> 8) & XVD_MAX_DISK;
        *part = n & 0xff;
    }
    else if ( (n >> 8) == 202 || (n >> 8) == 8 )
    {
        *disk = (n >> 4) & 0xf;
        *part = n & 0xf;
    }
    else if ( (n >> 8) == 3 || (n >> 8) == 22 )
    {
        *disk = ((n >> 8) == 22 ? 2 : 0) + ((n >> 6) & 1);
        *part = n & 0x3f;
    }
}

/* strtoul(..., 0) over the whole string, as libxl accepts it. */
static bool raw_number(const char *vdev, long *n)
{
    unsigned long v;
    char *end;

    if ( !xlu__is_digit(vdev[0]) )
        return false;
    errno = 0;
    v = strtoul(vdev, &end, 0);
    if ( errno || *end || v > INT_MAX )
        return false;
    *n = v;
    return true;
}

static long encode(const char *vdev, long *disk, long *part)
{
    long n;

    if ( numbered(vdev, disk, part) ||
         lettered(vdev, "xvd", XVD_MAX_DISK, XVD_MAX_PART, disk, part) )
    {
        if ( *disk < 16 && *part < 16 )
            return (202 << 8) | (*disk << 4) | *part;
        return (1L << 28) | (*disk << 8) | *part;
    }
    if ( raw_number(vdev, &n) )
    {
        decode(n, disk, part);
        return n;
    }
    if ( lettered(vdev, "hd", 3, 63, disk, part) )
        return ((*disk < 2 ? 3 : 22) << 8) | ((*disk & 1) << 6) | *part;
    if ( lettered(vdev, "sd", 15, 15, disk, part) )
        return (8 << 8) | (*disk << 4) | *part;
    return -1;
}

int xlu_disk_dev_number(const char *vdev, int *disk_r, int *partition_r)
{
    long disk = -1, part = -1, n = encode(vdev, &disk, &part);

    if ( n < 0 )
        disk = part = -1;
    if ( disk_r )
        *disk_r = disk;
    if ( partition_r )
        *partition_r = part;
    return n;
}
