/* SPDX-License-Identifier: GPL-2.0-only */
/* Linux bzImage parsing: the boot sector and setup header of the x86 boot
 * protocol lead to the compressed vmlinux, which unxz unpacks. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/inflate.h>
#include <xen/unxz.h>
#include <asm/bzimage.h>

/*
 * Image layout: a 512-byte boot sector whose tail holds the setup header,
 * then setup_sects sectors of real-mode setup code (0 meaning 4), then the
 * protected-mode code. payload_offset counts from that protected-mode code;
 * the payload is the compressed vmlinux followed by its uncompressed size.
 * All header fields are little-endian.
 */
#define BZ_SECTOR           512
#define BZ_SETUP_SECTS      0x1f1   /* u8 */
#define BZ_BOOT_FLAG        0x1fe   /* u16, 0xaa55 */
#define BZ_HEADER           0x202   /* u32, "HdrS" */
#define BZ_VERSION          0x206   /* u16, (major << 8) | minor */
#define BZ_PAYLOAD_OFFSET   0x248   /* u32, protocol 2.08+ */
#define BZ_PAYLOAD_LENGTH   0x24c   /* u32, protocol 2.08+ */
#define BZ_HEADER_END       0x250

#define BZ_BOOT_FLAG_MAGIC  0xaa55
#define BZ_HEADER_MAGIC     0x53726448u
#define BZ_VERSION_PAYLOAD  0x0208
#define BZ_SETUP_SECTS_OLD  4

struct bz_magic {
    enum bz_format fmt;
    const char *name;
    u8 len;
    u8 bytes[9];
};

/* The boot protocol names the first two bytes of each; longer forms where the
 * tool always writes more make a false match less likely. */
static const struct bz_magic magics[] = {
    { BZ_FMT_XZ,    "xz",    6, { 0xfd, '7', 'z', 'X', 'Z', 0x00 } },
    { BZ_FMT_GZIP,  "gzip",  2, { 0x1f, 0x8b } },
    { BZ_FMT_GZIP,  "gzip",  2, { 0x1f, 0x9e } },
    { BZ_FMT_BZIP2, "bzip2", 3, { 'B', 'Z', 'h' } },
    { BZ_FMT_LZMA,  "lzma",  3, { 0x5d, 0x00, 0x00 } },
    { BZ_FMT_LZO,   "lzo",   9,
      { 0x89, 'L', 'Z', 'O', 0x00, 0x0d, 0x0a, 0x1a, 0x0a } },
    { BZ_FMT_LZ4,   "lz4",   4, { 0x02, 0x21, 0x4c, 0x18 } },
    { BZ_FMT_ZSTD,  "zstd",  4, { 0x28, 0xb5, 0x2f, 0xfd } },
};

static u32 get_le16(const u8 *p)
{
    return p[0] | ((u32)p[1] << 8);
}

static u32 get_le32(const u8 *p)
{
    return get_le16(p) | (get_le16(p + 2) << 16);
}

bool bzimage_detect(const void *img, size_t len)
{
    const u8 *p = img;

    return p && len >= BZ_HEADER_END &&
           get_le16(p + BZ_BOOT_FLAG) == BZ_BOOT_FLAG_MAGIC &&
           get_le32(p + BZ_HEADER) == BZ_HEADER_MAGIC &&
           get_le16(p + BZ_VERSION) >= BZ_VERSION_PAYLOAD;
}

int bzimage_payload(const void *img, size_t len, const void **payload,
                    size_t *payload_len)
{
    const u8 *p = img;
    u64 sects, start, size;

    if ( !bzimage_detect(img, len) )
        return -EINVAL;
    sects = p[BZ_SETUP_SECTS] ? p[BZ_SETUP_SECTS] : BZ_SETUP_SECTS_OLD;
    start = get_le32(p + BZ_PAYLOAD_OFFSET);
    size = get_le32(p + BZ_PAYLOAD_LENGTH);
    /* Zero means the kernel does not say where its payload is. */
    if ( !start || !size )
        return -EINVAL;
    start += (sects + 1) * BZ_SECTOR;
    if ( start > len || size > len - start )
        return -EINVAL;

    *payload = p + start;
    *payload_len = size;
    return 0;
}

int bzimage_output_size(const void *payload, size_t payload_len, size_t *out)
{
    u32 size;

    if ( !payload || payload_len < 4 )
        return -EINVAL;
    size = get_le32((const u8 *)payload + payload_len - 4);
    if ( !size )
        return -EINVAL;
    *out = size;
    return 0;
}

enum bz_format bzimage_format(const void *payload, size_t payload_len)
{
    unsigned int i;

    if ( !payload )
        return BZ_FMT_UNKNOWN;
    for ( i = 0; i < ARRAY_SIZE(magics); i++ )
        if ( payload_len >= magics[i].len &&
             !memcmp(payload, magics[i].bytes, magics[i].len) )
            return magics[i].fmt;
    return BZ_FMT_UNKNOWN;
}

const char *bzimage_format_name(enum bz_format fmt)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(magics); i++ )
        if ( magics[i].fmt == fmt )
            return magics[i].name;
    return "unknown";
}

int bzimage_unpack(const void *img, size_t len, void *out, size_t out_cap,
                   size_t *out_len)
{
    const void *payload;
    size_t payload_len, size, done;
    int rc;

    rc = bzimage_payload(img, len, &payload, &payload_len);
    if ( !rc )
        rc = bzimage_output_size(payload, payload_len, &size);
    if ( rc )
        return rc;
    if ( size > out_cap )
        return -ENOSPC;

    /* The stream must give exactly the size the payload ends with: running
     * out of room here means the size field is wrong. An xz stream ends
     * before that field; a gzip member's trailer is the field. */
    switch ( bzimage_format(payload, payload_len) )
    {
    case BZ_FMT_XZ:
        rc = unxz(payload, payload_len - 4, out, size, &done, NULL);
        break;
    case BZ_FMT_GZIP:
        rc = gunzip(payload, payload_len, out, size, &done, NULL);
        break;
    default:
        return -EOPNOTSUPP;
    }
    if ( rc )
        return rc == -ENOSPC ? -EINVAL : rc;
    if ( done != size )
        return -EINVAL;
    *out_len = done;
    return 0;
}
