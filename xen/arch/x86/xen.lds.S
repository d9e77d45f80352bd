/* SPDX-License-Identifier: GPL-2.0-only */
/* Link map of the hypervisor image: linked in the high half, loaded at XEN_LOAD_ADDR.
 * The symbol table goes last before .bss so that relinking with it moves no code. */
#include <asm/config.h>

#undef ENTRY
OUTPUT_FORMAT("elf64-x86-64", "elf64-x86-64", "elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(start_pa)

PHDRS
{
    text PT_LOAD;
}

SECTIONS
{
    . = XEN_VIRT_START + XEN_LOAD_ADDR;
    _start = .;

    .text : AT(ADDR(.text) - XEN_VIRT_START)
    {
        _stext = .;
        *(.text.head)
        *(.text .text.*)
        _etext = .;
    } :text

    . = ALIGN(4096);
    .rodata : AT(ADDR(.rodata) - XEN_VIRT_START)
    {
        *(.rodata.head)
        *(.rodata .rodata.*)
        . = ALIGN(4);
        __note_gnu_build_id_start = .;
        *(.note.gnu.build-id)
        __note_gnu_build_id_end = .;
        . = ALIGN(8);
        __start_xen_param = .;
        KEEP(*(xen_param))
        __stop_xen_param = .;
        . = ALIGN(8);
        __start_keyhandlers = .;
        KEEP(*(keyhandlers))
        __stop_keyhandlers = .;
        . = ALIGN(8);
        __start_initcalls = .;
        KEEP(*(initcalls))
        __stop_initcalls = .;
    } :text

    . = ALIGN(4096);
    .data : AT(ADDR(.data) - XEN_VIRT_START)
    {
        *(.data.page_aligned)
        *(.data .data.*)
    } :text

    . = ALIGN(16);
    .symtab_data : AT(ADDR(.symtab_data) - XEN_VIRT_START)
    {
        *(.xen_symtab)
    } :text

    . = ALIGN(4096);
    .bss : AT(ADDR(.bss) - XEN_VIRT_START)
    {
        __bss_start = .;
        *(.bss.stack_aligned)
        *(.bss.page_aligned)
        *(.bss .bss.*)
        *(COMMON)
        . = ALIGN(4096);
        __bss_end = .;
    } :text
    _end = .;

    start_pa = start - XEN_VIRT_START;

    /DISCARD/ : { *(.note.gnu.property) *(.comment) *(.eh_frame) *(.note.GNU-stack) }
}

ASSERT(_end - _start <= 0x3fe00000, "image does not fit in the 1 GiB window")
