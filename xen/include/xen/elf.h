/* SPDX-License-Identifier: GPL-2.0-only */
/* ELF loader for the domain builders (xen/lib/elf/): checks an untrusted image,
 * loads its PT_LOAD segments by physical address and reads its Xen notes. */
#ifndef XEN_ELF_H
#define XEN_ELF_H

#include <xen/types.h>
#include <public/elfnote.h>

/* ---- On-disk layout (ELF gABI), little-endian only ---------------------- */

#define EI_NIDENT       16
#define EI_CLASS        4
#define EI_DATA         5
#define EI_VERSION      6
#define ELFCLASS32      1
#define ELFCLASS64      2
#define ELFDATA2LSB     1
#define EV_CURRENT      1

#define EM_386          3
#define EM_X86_64       62

#define PT_NULL         0
#define PT_LOAD         1
#define PT_NOTE         4
#define PN_XNUM         0xffff

#define PF_X            0x1
#define PF_W            0x2
#define PF_R            0x4

#define SHT_NOTE        7

typedef struct {
    uint8_t  e_ident[EI_NIDENT];
    uint16_t e_type;
    uint16_t e_machine;
    uint32_t e_version;
    uint32_t e_entry;
    uint32_t e_phoff;
    uint32_t e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize;
    uint16_t e_phentsize;
    uint16_t e_phnum;
    uint16_t e_shentsize;
    uint16_t e_shnum;
    uint16_t e_shstrndx;
} Elf32_Ehdr;

typedef struct {
    uint8_t  e_ident[EI_NIDENT];
    uint16_t e_type;
    uint16_t e_machine;
    uint32_t e_version;
    uint64_t e_entry;
    uint64_t e_phoff;
    uint64_t e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize;
    uint16_t e_phentsize;
    uint16_t e_phnum;
    uint16_t e_shentsize;
    uint16_t e_shnum;
    uint16_t e_shstrndx;
} Elf64_Ehdr;

typedef struct {
    uint32_t p_type;
    uint32_t p_offset;
    uint32_t p_vaddr;
    uint32_t p_paddr;
    uint32_t p_filesz;
    uint32_t p_memsz;
    uint32_t p_flags;
    uint32_t p_align;
} Elf32_Phdr;

typedef struct {
    uint32_t p_type;
    uint32_t p_flags;
    uint64_t p_offset;
    uint64_t p_vaddr;
    uint64_t p_paddr;
    uint64_t p_filesz;
    uint64_t p_memsz;
    uint64_t p_align;
} Elf64_Phdr;

typedef struct {
    uint32_t sh_name;
    uint32_t sh_type;
    uint32_t sh_flags;
    uint32_t sh_addr;
    uint32_t sh_offset;
    uint32_t sh_size;
    uint32_t sh_link;
    uint32_t sh_info;
    uint32_t sh_addralign;
    uint32_t sh_entsize;
} Elf32_Shdr;

typedef struct {
    uint32_t sh_name;
    uint32_t sh_type;
    uint64_t sh_flags;
    uint64_t sh_addr;
    uint64_t sh_offset;
    uint64_t sh_size;
    uint32_t sh_link;
    uint32_t sh_info;
    uint64_t sh_addralign;
    uint64_t sh_entsize;
} Elf64_Shdr;

/* The same for both classes; name and descriptor follow, each padded to 4. */
typedef struct {
    uint32_t n_namesz;
    uint32_t n_descsz;
    uint32_t n_type;
} Elf_Nhdr;

/* ---- The checked image -------------------------------------------------- */

/* Filled by elf_init(); the image must stay mapped and unchanged while used.
 * The table fields are already checked to lie inside the image. */
struct elf_binary {
    const uint8_t *image;
    size_t size;
    bool is64;
    uint16_t machine;
    uint64_t entry;
    uint64_t phoff;
    unsigned int phnum;
    unsigned int phentsize;
    uint64_t shoff;
    unsigned int shnum;
    unsigned int shentsize;
};

/* A program header of either class, widened. */
struct elf_phdr {
    uint32_t type;
    uint32_t flags;
    uint64_t offset;
    uint64_t vaddr;
    uint64_t paddr;
    uint64_t filesz;
    uint64_t memsz;
    uint64_t align;
};

/* The parts of a section header the loader uses, widened. */
struct elf_shdr {
    uint32_t type;
    uint64_t offset;
    uint64_t size;
};

/* 0; -ENOEXEC if not an x86 ELF (magic, machine, class, byte order, version);
 * -EINVAL if the headers or tables do not fit the image. */
int elf_init(struct elf_binary *elf, const void *image, size_t size);

static inline bool elf_is_64(const struct elf_binary *elf)
{
    return elf->is64;
}

static inline uint64_t elf_entry(const struct elf_binary *elf)
{
    return elf->entry;
}

unsigned int elf_phdr_count(const struct elf_binary *elf);
/* 0, or -EINVAL if i is out of range. */
int elf_phdr_get(const struct elf_binary *elf, unsigned int i,
                 struct elf_phdr *out);

/* Field accessors; an out-of-range i reads as an all-zero PT_NULL header. */
uint32_t elf_phdr_type(const struct elf_binary *elf, unsigned int i);
uint32_t elf_phdr_flags(const struct elf_binary *elf, unsigned int i);
uint64_t elf_phdr_offset(const struct elf_binary *elf, unsigned int i);
uint64_t elf_phdr_vaddr(const struct elf_binary *elf, unsigned int i);
uint64_t elf_phdr_paddr(const struct elf_binary *elf, unsigned int i);
uint64_t elf_phdr_filesz(const struct elf_binary *elf, unsigned int i);
uint64_t elf_phdr_memsz(const struct elf_binary *elf, unsigned int i);

unsigned int elf_shdr_count(const struct elf_binary *elf);
int elf_shdr_get(const struct elf_binary *elf, unsigned int i,
                 struct elf_shdr *out);

/* True for PT_LOAD with any of R/W/X, as Xen decides what to load. */
bool elf_phdr_is_loadable(const struct elf_phdr *ph);

/* [*pstart, *pend) spanned by the loadable segments' p_paddr..+p_memsz.
 * -EINVAL if any such segment has filesz > memsz, wraps around, or reads
 * past the image; -ENOEXEC if there is none. */
int elf_load_bounds(const struct elf_binary *elf, uint64_t *pstart,
                    uint64_t *pend);

/* Checks every segment as elf_load_bounds() does and only then, segment by
 * segment, copies p_filesz bytes to p_paddr and zeroes the rest of p_memsz.
 * Returns the first non-zero callback result unchanged. */
int elf_load(const struct elf_binary *elf,
             int (*copy)(void *ctx, uint64_t paddr, const void *src, size_t len),
             int (*zero)(void *ctx, uint64_t paddr, size_t len),
             void *ctx);

/* ---- Xen notes ---------------------------------------------------------- */

#define ELF_XEN_STR_LEN      64
#define ELF_XEN_FEATURES_LEN 256

/* Strings are NUL-terminated copies, so the image may go away afterwards. */
struct elf_xen_notes {
    uint32_t present;           /* bit n set: XEN_ELFNOTE n was seen */
    uint64_t phys32_entry;
    uint64_t entry;
    uint64_t hypercall_page;
    uint64_t virt_base;
    uint64_t paddr_offset;
    uint64_t hv_start_low;
    uint64_t suspend_cancel;
    uint64_t init_p2m;
    uint64_t mod_start_pfn;
    uint32_t supported_features;
    char xen_version[ELF_XEN_STR_LEN];
    char guest_os[ELF_XEN_STR_LEN];
    char guest_version[ELF_XEN_STR_LEN];
    char loader[ELF_XEN_STR_LEN];
    char pae_mode[ELF_XEN_STR_LEN];
    char bsd_symtab[ELF_XEN_STR_LEN];
    char features[ELF_XEN_FEATURES_LEN];
};

/* Reads the Xen notes from the PT_NOTE segments, or failing any there, from
 * the SHT_NOTE sections. 0; -ENOENT if there are none; -EINVAL if a note
 * region is malformed or a known note has the wrong shape (a number not
 * 1/2/4/8 bytes, a string longer than its field). *out is zeroed on error. */
int elf_xen_parse_notes(const struct elf_binary *elf, struct elf_xen_notes *out);

static inline bool elf_xen_note_present(const struct elf_xen_notes *n,
                                        unsigned int type)
{
    return type < 32 && (n->present & (1u << type));
}

/* A PVH guest can be started only through its 32-bit physical entry. */
static inline bool elf_is_pvh_capable(const struct elf_xen_notes *n)
{
    return elf_xen_note_present(n, XEN_ELFNOTE_PHYS32_ENTRY);
}

#endif /* XEN_ELF_H */
