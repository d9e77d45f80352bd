/* SPDX-License-Identifier: GPL-2.0-only */
/* Writes the deterministic inputs that test_unxz.mk compresses with xz:
 * text-like, incompressible, mixed, and dense in x86 branch opcodes.
 * Usage: mkdata KIND [SIZE [SEED]] > file */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng >> 32;
}

static const char *const words[] = {
    "the", "hypervisor", "maps", "guest", "frames", "into", "a", "domain",
    "event", "channel", "grant", "table", "page", "of", "memory", "and",
    "kernel", "boot", "loader", "reads", "compressed", "payload", "header",
    "x86", "interrupt", "vcpu", "shadow", "pagetable", "is", "not", "to",
};

static void put_text(size_t n)
{
    size_t done = 0;

    while ( done < n )
    {
        const char *w = words[next() % (sizeof(words) / sizeof(words[0]))];
        uint32_t r = next() % 16;
        char sep = r == 0 ? '\n' : r == 1 ? ',' : r == 2 ? '.' : ' ';
        size_t len = strlen(w);

        if ( len + 1 > n - done )
            len = n - done - 1;
        fwrite(w, 1, len, stdout);
        putchar(sep);
        done += len + 1;
    }
}

static void put_random(size_t n)
{
    while ( n-- )
        putchar(next() & 0xff);
}

static void put_byte_run(size_t n, int byte)
{
    while ( n-- )
        putchar(byte);
}

/* Bytes from a small alphabet rich in E8/E9 opcodes and 00/FF, so that the
 * x86 filter meets every case of nearby and overlapping candidates. */
static void put_x86_mix(size_t n)
{
    static const unsigned char alphabet[8] = {
        0xe8, 0xe9, 0x00, 0xff, 0x12, 0x80, 0x0f, 0xe8,
    };

    while ( n-- )
        putchar(alphabet[next() % 8]);
}

/* Starts incompressible (the first LZMA2 chunk is then a stored one and the
 * next LZMA chunk brings properties without a dictionary reset), then
 * alternates so that state-reset chunks follow stored ones. */
static void put_mixed(void)
{
    put_random(70000);
    put_text(150000);
    put_random(140000);
    put_byte_run(5000, 0);
    put_text(120000);
    put_byte_run(3000, 0xe8);
    put_random(20000);
    put_text(60000);
}

int main(int argc, char **argv)
{
    size_t size = argc > 2 ? strtoul(argv[2], NULL, 0) : 0;

    if ( argc < 2 )
        return 2;
    if ( argc > 3 )
        rng += strtoul(argv[3], NULL, 0);
    if ( !strcmp(argv[1], "text") )
        put_text(size);
    else if ( !strcmp(argv[1], "random") )
        put_random(size);
    else if ( !strcmp(argv[1], "x86mix") )
        put_x86_mix(size);
    else if ( !strcmp(argv[1], "mixed") )
        put_mixed();
    else
        return 2;
    return fflush(stdout) ? 1 : 0;
}
