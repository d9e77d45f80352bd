/* SPDX-License-Identifier: GPL-2.0-only */
/* The console_io hypercall. The hardware domain's output goes to the console as
 * it is (it may be interactive); other domains' lines are prefixed "(dN) ".
 * Reads give the hardware domain what was typed while input was switched to it. */
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm/guest_access.h>
#include <public/xen.h>

#define CHUNK   128

static long console_write(struct vcpu *v, unsigned long count, uint64_t buf)
{
    char kbuf[CHUNK + 1];
    unsigned long done = 0;

    while ( done < count )
    {
        size_t n = min(count - done, (unsigned long)CHUNK);

        if ( copy_from_guest(v, kbuf, buf + done, n) )
            return -EFAULT;
        kbuf[n] = '\0';
        if ( v->domain->is_privileged )
            console_write_raw(kbuf, n);
        else
            printk(XENLOG_GUEST XENLOG_WARNING "(d%u) %s", v->domain->domain_id, kbuf);
        done += n;
    }
    return 0;
}

static long console_read(struct vcpu *v, unsigned long count, uint64_t buf)
{
    char kbuf[CHUNK];
    size_t n;
    long total = 0;

    while ( count && (n = console_input_read(kbuf, min(count, (unsigned long)CHUNK))) )
    {
        if ( copy_to_guest(v, buf + total, kbuf, n) )
            return -EFAULT;
        total += n;
        count -= n;
    }
    return total;
}

long do_console_io(struct vcpu *v, const uint64_t *args)
{
    unsigned long count = (unsigned int)args[1];

    if ( !v->domain->is_privileged && (int)args[0] != CONSOLEIO_write )
        return -EPERM;
    switch ( (int)args[0] )
    {
    case CONSOLEIO_write:
        if ( !v->domain->is_privileged )
            return -EPERM;
        return console_write(v, count, args[2]);
    case CONSOLEIO_read:
        return console_read(v, count, args[2]);
    default:
        return -ENOSYS;
    }
}
