/* SPDX-License-Identifier: GPL-2.0-only */
/* bzImage parsing on a synthetic image built here around a real xz payload,
 * and on a real Debian kernel when one is at hand. */
#include <errno.h>
#include <glob.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <xen/types.h>
#include <asm/bzimage.h>

struct blob {
    uint8_t *data;
    size_t len;
};

static bool load_path(const char *path, struct blob *b)
{
    FILE *f = fopen(path, "rb");
    long len;

    if ( !f )
        return false;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    b->len = len;
    b->data = malloc(len ? len : 1);
    assert_non_null(b->data);
    assert_int_equal(fread(b->data, 1, len, f), (size_t)len);
    fclose(f);
    return true;
}

static struct blob load(const char *name)
{
    char path[512];
    struct blob b;

    snprintf(path, sizeof(path), "%s/%s", BZ_DATA_DIR, name);
    if ( !load_path(path, &b) )
        fail_msg("cannot open %s", path);
    return b;
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v);
    put16(p + 2, v >> 16);
}

/* Image layout of the synthetic kernel. */
enum {
    SETUP_SECTS = 3,
    PM_START = (SETUP_SECTS + 1) * 512,
    PAYLOAD_OFFSET = 0x3a0,     /* from the start of protected-mode code */
    TAIL = 100,                 /* bytes after the payload, as in real images */
};

struct image {
    uint8_t *data;
    size_t len;
    size_t payload_at, payload_len;
    struct blob raw;            /* what the payload decodes to */
};

/* Boot sector and setup header at their documented offsets, setup code, a
 * stretch of "protected-mode code", then the payload: the compressed stream
 * and the uncompressed size as a little-endian u32. Linux's build appends the
 * size to an xz stream; a gzip member already ends with it (ISIZE). */
static struct image make_image_from(const char *compressed, bool append_size)
{
    struct blob xz = load(compressed);
    struct image im;

    im.raw = load("payload.bin");
    im.payload_at = PM_START + PAYLOAD_OFFSET;
    im.payload_len = xz.len + (append_size ? 4 : 0);
    im.len = im.payload_at + im.payload_len + TAIL;
    im.data = calloc(1, im.len);
    assert_non_null(im.data);

    im.data[0x1f1] = SETUP_SECTS;
    put16(im.data + 0x1fe, 0xaa55);
    im.data[0x200] = 0xeb;
    memcpy(im.data + 0x202, "HdrS", 4);
    put16(im.data + 0x206, 0x020f);
    put32(im.data + 0x248, PAYLOAD_OFFSET);
    put32(im.data + 0x24c, im.payload_len);
    memcpy(im.data + im.payload_at, xz.data, xz.len);
    if ( append_size )
        put32(im.data + im.payload_at + xz.len, im.raw.len);
    memset(im.data + im.payload_at + im.payload_len, 0x5a, TAIL);
    free(xz.data);
    return im;
}

static struct image make_image(void)
{
    return make_image_from("payload.xz", true);
}

static void free_image(struct image *im)
{
    free(im->data);
    free(im->raw.data);
}

static void detect(void **state)
{
    struct image im = make_image();

    assert_true(bzimage_detect(im.data, im.len));
    assert_true(bzimage_detect(im.data, 0x250));
    assert_false(bzimage_detect(im.data, 0x24f));
    assert_false(bzimage_detect(NULL, 0x1000));

    put16(im.data + 0x206, 0x0208);
    assert_true(bzimage_detect(im.data, im.len));
    put16(im.data + 0x206, 0x0207);     /* no payload fields before 2.08 */
    assert_false(bzimage_detect(im.data, im.len));
    put16(im.data + 0x206, 0x020f);

    im.data[0x1fe] = 0x56;
    assert_false(bzimage_detect(im.data, im.len));
    im.data[0x1fe] = 0x55;
    im.data[0x205] = 's';
    assert_false(bzimage_detect(im.data, im.len));
    free_image(&im);
}

static int payload_of(struct image *im, const void **p, size_t *len)
{
    return bzimage_payload(im->data, im->len, p, len);
}

static void payload_bounds(void **state)
{
    struct image im = make_image();
    const void *p = NULL;
    size_t len = 0, room;

    assert_int_equal(payload_of(&im, &p, &len), 0);
    assert_ptr_equal(p, im.data + im.payload_at);
    assert_int_equal(len, im.payload_len);

    /* A payload running exactly to the end of the image is fine... */
    room = im.len - im.payload_at;
    put32(im.data + 0x24c, room);
    assert_int_equal(payload_of(&im, &p, &len), 0);
    assert_int_equal(len, room);
    /* ...one byte more is not, nor is any huge length or offset. */
    put32(im.data + 0x24c, room + 1);
    assert_int_equal(payload_of(&im, &p, &len), -EINVAL);
    put32(im.data + 0x24c, 0xffffffff);
    assert_int_equal(payload_of(&im, &p, &len), -EINVAL);
    put32(im.data + 0x24c, im.payload_len);
    put32(im.data + 0x248, im.len - PM_START);
    assert_int_equal(payload_of(&im, &p, &len), -EINVAL);
    put32(im.data + 0x248, 0xffffffff);
    assert_int_equal(payload_of(&im, &p, &len), -EINVAL);

    /* Zero offset or length: the kernel gave no payload. */
    put32(im.data + 0x248, 0);
    assert_int_equal(payload_of(&im, &p, &len), -EINVAL);
    put32(im.data + 0x248, PAYLOAD_OFFSET);
    put32(im.data + 0x24c, 0);
    assert_int_equal(payload_of(&im, &p, &len), -EINVAL);
    put32(im.data + 0x24c, im.payload_len);

    /* setup_sects counts from the end of the boot sector, and 0 means 4. */
    put32(im.data + 0x24c, 100);
    im.data[0x1f1] = 0;
    assert_int_equal(payload_of(&im, &p, &len), 0);
    assert_ptr_equal(p, im.data + 5 * 512 + PAYLOAD_OFFSET);
    im.data[0x1f1] = 1;
    assert_int_equal(payload_of(&im, &p, &len), 0);
    assert_ptr_equal(p, im.data + 2 * 512 + PAYLOAD_OFFSET);

    /* Not a bzImage at all. */
    im.data[0x1ff] = 0;
    assert_int_equal(payload_of(&im, &p, &len), -EINVAL);
    free_image(&im);
}

static void output_size(void **state)
{
    struct image im = make_image();
    const uint8_t *p = im.data + im.payload_at;
    uint8_t zero[4] = { 0 };
    size_t size = 0;

    assert_int_equal(bzimage_output_size(p, im.payload_len, &size), 0);
    assert_int_equal(size, im.raw.len);
    assert_int_equal(bzimage_output_size((const uint8_t *)"\x10\x32\x54\x76", 4,
                                         &size), 0);
    assert_int_equal(size, 0x76543210);
    assert_int_equal(bzimage_output_size(p, 3, &size), -EINVAL);
    assert_int_equal(bzimage_output_size(zero, 4, &size), -EINVAL);
    free_image(&im);
}

static void format_by_magic(void **state)
{
    /* A payload's first bytes; 'magic' of them must be there to tell. */
    static const struct {
        const char *bytes;
        size_t len, magic;
        enum bz_format fmt;
        const char *name;
    } cases[] = {
        { "\xfd" "7zXZ\0\x00\x04", 8, 6, BZ_FMT_XZ, "xz" },
        { "\x1f\x8b\x08\x00", 4, 2, BZ_FMT_GZIP, "gzip" },
        { "\x1f\x9e\x08\x00", 4, 2, BZ_FMT_GZIP, "gzip" },
        { "BZh91AY", 7, 3, BZ_FMT_BZIP2, "bzip2" },
        { "\x5d\x00\x00\x80\x00", 5, 3, BZ_FMT_LZMA, "lzma" },
        { "\x89LZO\0\r\n\x1a\n\x10", 10, 9, BZ_FMT_LZO, "lzo" },
        { "\x02\x21\x4c\x18\x00", 5, 4, BZ_FMT_LZ4, "lz4" },
        { "\x28\xb5\x2f\xfd\x00", 5, 4, BZ_FMT_ZSTD, "zstd" },
    };
    unsigned int i;
    uint8_t *p;

    for ( i = 0; i < (sizeof(cases) / sizeof(cases[0])); i++ )
    {
        /* Exactly-sized copies, so ASan checks the reads. */
        p = malloc(cases[i].len);
        assert_non_null(p);
        memcpy(p, cases[i].bytes, cases[i].len);
        assert_int_equal(bzimage_format(p, cases[i].len), cases[i].fmt);
        assert_int_equal(bzimage_format(p, cases[i].magic), cases[i].fmt);
        assert_int_equal(bzimage_format(p, cases[i].magic - 1), BZ_FMT_UNKNOWN);
        assert_string_equal(bzimage_format_name(cases[i].fmt), cases[i].name);
        free(p);
    }
    assert_int_equal(bzimage_format("\x7f" "ELF", 4), BZ_FMT_UNKNOWN);
    assert_int_equal(bzimage_format("\xfd" "7zXY\0", 6), BZ_FMT_UNKNOWN);
    assert_int_equal(bzimage_format(NULL, 0), BZ_FMT_UNKNOWN);
    assert_string_equal(bzimage_format_name(BZ_FMT_UNKNOWN), "unknown");
}

static void unpack_synthetic(void **state)
{
    struct image im = make_image();
    size_t size = im.raw.len, out_len = 0;
    uint8_t *out = malloc(size), *small = malloc(size - 1);
    uint8_t *size_field = im.data + im.payload_at + im.payload_len - 4;

    assert_int_equal(bzimage_unpack(im.data, im.len, out, size, &out_len), 0);
    assert_int_equal(out_len, size);
    assert_memory_equal(out, im.raw.data, size);

    assert_int_equal(bzimage_unpack(im.data, im.len, small, size - 1, &out_len),
                     -ENOSPC);

    /* A size field that disagrees with the stream, either way. */
    put32(size_field, size + 1);
    assert_int_equal(bzimage_unpack(im.data, im.len, out, size + 1, &out_len),
                     -EINVAL);
    put32(size_field, size - 1);
    assert_int_equal(bzimage_unpack(im.data, im.len, out, size, &out_len),
                     -EINVAL);
    put32(size_field, size);

    /* Damage inside the compressed data. */
    im.data[im.payload_at + im.payload_len / 2] ^= 0x10;
    assert_int_equal(bzimage_unpack(im.data, im.len, out, size, &out_len),
                     -EINVAL);
    im.data[im.payload_at + im.payload_len / 2] ^= 0x10;

    /* A compressor the builder does not decode (zstd). */
    memcpy(im.data + im.payload_at, "\x28\xb5\x2f\xfd", 4);
    assert_int_equal(bzimage_unpack(im.data, im.len, out, size, &out_len),
                     -EOPNOTSUPP);

    free(out);
    free(small);
    free_image(&im);
}

/* $BZIMAGE_KERNEL, or the kernel scripts/debian-dom0.sh fetched into
 * build/debian/root/boot (the boot tests fetch it; until then: skipped). */
static bool find_kernel(struct blob *k, char *path, size_t size)
{
    static const char *const patterns[] = {
        BZ_ROOT_DIR "/build/debian/root/boot/vmlinuz-*",
    };
    const char *env = getenv("BZIMAGE_KERNEL");
    unsigned int i;
    glob_t g;
    bool found = false;

    if ( env && *env )
    {
        snprintf(path, size, "%s", env);
        return load_path(path, k);
    }
    for ( i = 0; i < (sizeof(patterns) / sizeof(patterns[0])) && !found; i++ )
    {
        if ( glob(patterns[i], 0, NULL, &g) )
            continue;
        snprintf(path, size, "%s", g.gl_pathv[0]);
        found = load_path(path, k);
        globfree(&g);
    }
    return found;
}

/* Other distributions' kernels: a gzip payload, whose trailer is the size. */
static void unpack_gzip(void **state)
{
    struct image im = make_image_from("payload.gz", false);
    size_t size = im.raw.len, out_len = 0;
    uint8_t *out = malloc(size);

    assert_non_null(out);
    assert_int_equal(bzimage_format(im.data + im.payload_at, im.payload_len), BZ_FMT_GZIP);
    assert_int_equal(bzimage_unpack(im.data, im.len, out, size, &out_len), 0);
    assert_int_equal(out_len, size);
    assert_memory_equal(out, im.raw.data, size);
    assert_int_equal(bzimage_unpack(im.data, im.len, out, size - 1, &out_len), -ENOSPC);
    /* Damaged deflate data is caught by the decoder or the CRC. */
    im.data[im.payload_at + im.payload_len / 2] ^= 0x04;
    assert_int_equal(bzimage_unpack(im.data, im.len, out, size, &out_len), -EINVAL);
    free(out);
    free_image(&im);
}

static void unpack_real_kernel(void **state)
{
    struct blob k;
    char path[512];
    const void *payload;
    size_t payload_len, size, out_len;
    uint8_t *out;

    if ( !find_kernel(&k, path, sizeof(path)) )
    {
        print_message("no vmlinuz under build/debian/root/boot: skipped\n");
        skip();
    }
    print_message("unpacking %s\n", path);
    assert_true(bzimage_detect(k.data, k.len));
    assert_int_equal(bzimage_payload(k.data, k.len, &payload, &payload_len), 0);
    assert_int_equal(bzimage_format(payload, payload_len), BZ_FMT_XZ);
    assert_int_equal(bzimage_output_size(payload, payload_len, &size), 0);
    out = malloc(size);
    assert_non_null(out);
    assert_int_equal(bzimage_unpack(k.data, k.len, out, size, &out_len), 0);
    assert_int_equal(out_len, size);

    /* An ELF64, little-endian, x86-64 executable. */
    assert_memory_equal(out, "\x7f" "ELF", 4);
    assert_int_equal(out[4], 2);                        /* ELFCLASS64 */
    assert_int_equal(out[5], 1);                        /* ELFDATA2LSB */
    assert_int_equal(out[16] | (out[17] << 8), 2);      /* ET_EXEC */
    assert_int_equal(out[18] | (out[19] << 8), 62);     /* EM_X86_64 */
    free(out);
    free(k.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(detect),
        cmocka_unit_test(payload_bounds),
        cmocka_unit_test(output_size),
        cmocka_unit_test(format_by_magic),
        cmocka_unit_test(unpack_synthetic),
        cmocka_unit_test(unpack_gzip),
        cmocka_unit_test(unpack_real_kernel),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
