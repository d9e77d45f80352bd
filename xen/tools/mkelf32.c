// SPDX-License-Identifier: GPL-2.0-only
// Host tool: wraps the 64-bit hypervisor image in a 32-bit ELF with one loadable
// segment at its physical address, because multiboot1 loaders (QEMU -kernel) load
// only ELF32. Usage: mkelf32 xen-syms xen
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEG_OFFSET 0x1000   /* file offset of the image; keeps the headers in the first page */

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    long n;

    if ( !f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) )
    {
        perror(path);
        exit(1);
    }
    buf = malloc(n);
    if ( !buf || fread(buf, 1, n, f) != (size_t)n )
    {
        fprintf(stderr, "%s: read failed\n", path);
        exit(1);
    }
    fclose(f);
    *len = n;
    return buf;
}

static void die(const char *msg)
{
    fprintf(stderr, "mkelf32: %s\n", msg);
    exit(1);
}

int main(int argc, char **argv)
{
    size_t len;
    unsigned char *in, *img;
    Elf64_Ehdr *eh;
    Elf64_Phdr *ph;
    uint64_t lo = UINT64_MAX, fend = 0, mend = 0;
    Elf32_Ehdr oh;
    Elf32_Phdr op;
    FILE *out;
    int i;

    if ( argc != 3 )
        die("usage: mkelf32 <elf64-in> <elf32-out>");
    in = read_file(argv[1], &len);
    eh = (Elf64_Ehdr *)in;
    if ( len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
         eh->e_ident[EI_CLASS] != ELFCLASS64 ||
         eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(*ph) > len )
        die("input is not a valid ELF64 file");

    ph = (Elf64_Phdr *)(in + eh->e_phoff);
    for ( i = 0; i < eh->e_phnum; i++ )
    {
        if ( ph[i].p_type != PT_LOAD )
            continue;
        if ( ph[i].p_offset + ph[i].p_filesz > len )
            die("segment runs past the end of the input");
        if ( ph[i].p_paddr < lo )
            lo = ph[i].p_paddr;
        if ( ph[i].p_paddr + ph[i].p_filesz > fend )
            fend = ph[i].p_paddr + ph[i].p_filesz;
        if ( ph[i].p_paddr + ph[i].p_memsz > mend )
            mend = ph[i].p_paddr + ph[i].p_memsz;
    }
    if ( lo == UINT64_MAX || mend > UINT32_MAX )
        die("no loadable segment below 4 GiB");
    if ( eh->e_entry < lo || eh->e_entry >= mend )
        die("entry point is not a physical address inside the image");

    img = calloc(1, fend - lo);
    if ( !img )
        die("out of memory");
    for ( i = 0; i < eh->e_phnum; i++ )
        if ( ph[i].p_type == PT_LOAD )
            memcpy(img + (ph[i].p_paddr - lo), in + ph[i].p_offset, ph[i].p_filesz);

    memset(&oh, 0, sizeof(oh));
    memcpy(oh.e_ident, ELFMAG, SELFMAG);
    oh.e_ident[EI_CLASS] = ELFCLASS32;
    oh.e_ident[EI_DATA] = ELFDATA2LSB;
    oh.e_ident[EI_VERSION] = EV_CURRENT;
    oh.e_type = ET_EXEC;
    oh.e_machine = EM_386;
    oh.e_version = EV_CURRENT;
    oh.e_entry = (uint32_t)eh->e_entry;
    oh.e_phoff = sizeof(oh);
    oh.e_ehsize = sizeof(oh);
    oh.e_phentsize = sizeof(op);
    oh.e_phnum = 1;

    memset(&op, 0, sizeof(op));
    op.p_type = PT_LOAD;
    op.p_offset = SEG_OFFSET;
    op.p_vaddr = op.p_paddr = (uint32_t)lo;
    op.p_filesz = (uint32_t)(fend - lo);
    op.p_memsz = (uint32_t)(mend - lo);
    op.p_flags = PF_R | PF_W | PF_X;
    op.p_align = 0x1000;

    out = fopen(argv[2], "wb");
    if ( !out )
    {
        perror(argv[2]);
        return 1;
    }
    if ( fwrite(&oh, sizeof(oh), 1, out) != 1 || fwrite(&op, sizeof(op), 1, out) != 1 ||
         fseek(out, SEG_OFFSET, SEEK_SET) ||
         fwrite(img, 1, fend - lo, out) != fend - lo || fclose(out) )
    {
        perror(argv[2]);
        return 1;
    }
    return 0;
}
