/* SPDX-License-Identifier: GPL-2.0-only */
/* Port I/O and MMIO accessors. */
#ifndef ASM_X86_IO_H
#define ASM_X86_IO_H

#include <xen/types.h>

static inline void outb(uint8_t v, uint16_t port)
{
    __asm__ __volatile__("outb %0, %1" :: "a" (v), "Nd" (port));
}

static inline void outw(uint16_t v, uint16_t port)
{
    __asm__ __volatile__("outw %0, %1" :: "a" (v), "Nd" (port));
}

static inline void outl(uint32_t v, uint16_t port)
{
    __asm__ __volatile__("outl %0, %1" :: "a" (v), "Nd" (port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;

    __asm__ __volatile__("inb %1, %0" : "=a" (v) : "Nd" (port));
    return v;
}

static inline uint16_t inw(uint16_t port)
{
    uint16_t v;

    __asm__ __volatile__("inw %1, %0" : "=a" (v) : "Nd" (port));
    return v;
}

static inline uint32_t inl(uint16_t port)
{
    uint32_t v;

    __asm__ __volatile__("inl %1, %0" : "=a" (v) : "Nd" (port));
    return v;
}

/* An IN or OUT of 1, 2 or 4 bytes, the size known only at run time. */
static inline uint32_t port_in(uint16_t port, unsigned int size)
{
    return size == 1 ? inb(port) : size == 2 ? inw(port) : inl(port);
}

static inline void port_out(uint16_t port, unsigned int size, uint32_t v)
{
    if ( size == 1 )
        outb(v, port);
    else if ( size == 2 )
        outw(v, port);
    else
        outl(v, port);
}

/* A device-memory load or store of 1, 2, 4 or 8 bytes, the size known only at
 * run time. */
static inline uint64_t mmio_read_sized(const volatile void *p, unsigned int size)
{
    switch ( size )
    {
    case 1: return *(const volatile uint8_t *)p;
    case 2: return *(const volatile uint16_t *)p;
    case 4: return *(const volatile uint32_t *)p;
    default: return *(const volatile uint64_t *)p;
    }
}

static inline void mmio_write_sized(volatile void *p, unsigned int size, uint64_t v)
{
    switch ( size )
    {
    case 1: *(volatile uint8_t *)p = v; break;
    case 2: *(volatile uint16_t *)p = v; break;
    case 4: *(volatile uint32_t *)p = v; break;
    default: *(volatile uint64_t *)p = v; break;
    }
}

static inline uint32_t readl(const volatile void *addr)
{
    return *(const volatile uint32_t *)addr;
}

static inline void writel(uint32_t v, volatile void *addr)
{
    *(volatile uint32_t *)addr = v;
}

static inline uint64_t readq(const volatile void *addr)
{
    return *(const volatile uint64_t *)addr;
}

static inline void writeq(uint64_t v, volatile void *addr)
{
    *(volatile uint64_t *)addr = v;
}

#endif /* ASM_X86_IO_H */
