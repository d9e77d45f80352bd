/* SPDX-License-Identifier: GPL-2.0-only */
/* Guest port I/O. Port 0xE9 is the Xen debug console: bytes are collected per
 * domain and printed a line at a time as "(dN) ...". Every other port behaves
 * like nothing is there: reads return all-ones, writes vanish. Linux probes the
 * PIC and PIT this way and must see absent hardware. String forms (INS/OUTS,
 * with or without REP) move their data through guest memory. */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/hvm/guest_access.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/mmio.h>
#include <asm/hvm/support.h>
#include <asm/x86-defns.h>

#define DEBUGCON_PORT   0xe9
#define MAX_REP_PER_EXIT 4096

static void debugcon_putc(struct domain *d, char c)
{
    struct arch_domain *a = &d->arch;

    if ( c != '\n' && a->debugcon_len < sizeof(a->debugcon) - 1 )
    {
        a->debugcon[a->debugcon_len++] = c;
        return;
    }
    if ( c != '\n' )
        a->debugcon[a->debugcon_len++] = c;
    a->debugcon[a->debugcon_len] = '\0';
    printk(XENLOG_GUEST XENLOG_WARNING "(d%u) %s\n", d->domain_id, a->debugcon);
    a->debugcon_len = 0;
}

int hvm_register_portio(struct domain *d, const struct hvm_portio_handler *h)
{
    struct arch_domain *a = &d->arch;

    if ( a->nr_portio == ARRAY_SIZE(a->portio) )
        return -ENOSPC;
    a->portio[a->nr_portio++] = h;
    return 0;
}

void hvm_io_passthrough(struct domain *d, unsigned int first, unsigned int count)
{
    unsigned int p;

    for ( p = first; p < first + count && p < 0x10000; p++ )
        d->arch.io_bitmap[p / 8] &= ~(1u << (p % 8));
}

void hvm_io_deny(struct domain *d, unsigned int first, unsigned int count)
{
    unsigned int p;

    for ( p = first; p < first + count && p < 0x10000; p++ )
        d->arch.io_bitmap[p / 8] |= 1u << (p % 8);
}

static const struct hvm_portio_handler *find_portio(const struct domain *d, uint16_t port,
                                                    unsigned int size)
{
    unsigned int i;

    for ( i = 0; i < d->arch.nr_portio; i++ )
        if ( d->arch.portio[i]->covers(d, port, size) )
            return d->arch.portio[i];
    return NULL;
}

static uint32_t port_read(struct vcpu *v, uint16_t port, unsigned int size)
{
    const struct hvm_portio_handler *h = find_portio(v->domain, port, size);

    if ( h )
        return h->read(v, port, size);
    return size == 4 ? 0xffffffff : (1u << (8 * size)) - 1;
}

static void port_write(struct vcpu *v, uint16_t port, unsigned int size, uint32_t val)
{
    const struct hvm_portio_handler *h = find_portio(v->domain, port, size);

    if ( h )
        h->write(v, port, size, val);
    else if ( port == DEBUGCON_PORT )
        debugcon_putc(v->domain, (char)val);
}

static uint64_t seg_base(const struct hvm_regs *r, unsigned int seg)
{
    const struct segment_register *segs[] = { &r->es, &r->cs, &r->ss, &r->ds, &r->fs, &r->gs };

    return seg < ARRAY_SIZE(segs) ? segs[seg]->base : 0;
}

static uint64_t addr_mask(unsigned int addr_size)
{
    return addr_size == 8 ? ~0ULL : (1ULL << (8 * addr_size)) - 1;
}

/* Moves one element of a string I/O instruction; false if guest memory faulted. */
static bool string_step(struct vcpu *v, const struct hvm_exit *e)
{
    struct hvm_regs *r = &v->arch.regs;
    uint64_t mask = addr_mask(e->io.addr_size);
    int64_t step = (r->rflags & X86_EFLAGS_DF) ? -(int64_t)e->io.size : e->io.size;
    uint32_t val = 0;

    if ( e->io.in )
    {
        val = port_read(v, e->io.port, e->io.size);
        if ( copy_to_guest(v, r->es.base + (r->rdi & mask), &val, e->io.size) )
            return false;
        r->rdi = (r->rdi & ~mask) | ((r->rdi + step) & mask);
        return true;
    }
    if ( copy_from_guest(v, &val, seg_base(r, e->io.seg) + (r->rsi & mask), e->io.size) )
        return false;
    port_write(v, e->io.port, e->io.size, val);
    r->rsi = (r->rsi & ~mask) | ((r->rsi + step) & mask);
    return true;
}

/* REP forms run up to MAX_REP_PER_EXIT elements, then re-execute the instruction
 * (RIP unchanged) so a long string cannot hold the CPU. */
static void string_io(struct vcpu *v, const struct hvm_exit *e)
{
    struct hvm_regs *r = &v->arch.regs;
    uint64_t mask = addr_mask(e->io.addr_size);
    unsigned int done;

    if ( !e->io.rep )
    {
        if ( !string_step(v, e) )
            hvm_inject_exception(v, X86_EXC_GP, true, 0);
        else
            hvm_advance_rip(v, e->insn_len);
        return;
    }
    for ( done = 0; (r->rcx & mask) && done < MAX_REP_PER_EXIT; done++ )
    {
        if ( !string_step(v, e) )
        {
            hvm_inject_exception(v, X86_EXC_GP, true, 0);
            return;
        }
        r->rcx = (r->rcx & ~mask) | ((r->rcx - 1) & mask);
    }
    if ( !(r->rcx & mask) )
        hvm_advance_rip(v, e->insn_len);
}

void hvm_exit_io(struct vcpu *v, struct hvm_exit *e)
{
    struct hvm_regs *r = &v->arch.regs;

    if ( e->io.string )
    {
        string_io(v, e);
        return;
    }
    if ( e->io.in )
    {
        uint64_t mask = e->io.size == 4 ? 0xffffffffULL : (1ULL << (8 * e->io.size)) - 1;
        uint32_t val = port_read(v, e->io.port, e->io.size);

        /* A 32-bit IN zero-extends into RAX; narrower ones keep the upper bytes. */
        r->rax = e->io.size == 4 ? val : (r->rax & ~mask) | (val & mask);
    }
    else
        port_write(v, e->io.port, e->io.size, (uint32_t)r->rax);
    hvm_advance_rip(v, e->insn_len);
}
