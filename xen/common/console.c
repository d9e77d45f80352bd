/* SPDX-License-Identifier: GPL-2.0-only */
/* printk and the console ring. Every line goes to the serial port with a "(XEN) "
 * prefix and into a ring buffer that `xl dmesg` reads later. Levels travel as a
 * "<N>" prefix of the format string; loglvl= and guest_loglvl= choose what is shown.
 *
 * The console lock is re-entrant per CPU: a fault or NMI that prints while this
 * CPU already holds it must not deadlock, so the owner check comes first. */
#include <xen/console.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/serial.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/timer.h>

enum { LVL_ERR, LVL_WARNING, LVL_INFO, LVL_DEBUG, LVL_NONE = -1 };

#define CONRING_SIZE    (64 * 1024)         /* a power of two */
#define INPUT_POLL_NS   10000000            /* 10 ms */

static char conring[CONRING_SIZE];
static uint64_t conring_prod;               /* total bytes ever written */

static spinlock_t console_lock = SPIN_LOCK_UNLOCKED;
static volatile int console_owner = -1;
static bool at_line_start = true;

static int loglvl_thresh = LVL_WARNING;     /* highest level printed */
static int guest_loglvl_thresh = LVL_WARNING;

static const char *const level_names[] = { "error", "warning", "info", "debug" };

static int parse_level(const char *s)
{
    unsigned int i;

    if ( !strcmp(s, "all") )
        return LVL_DEBUG;
    if ( !strcmp(s, "none") )
        return LVL_NONE;
    for ( i = 0; i < ARRAY_SIZE(level_names); i++ )
        if ( !strncmp(s, level_names[i], strlen(level_names[i])) )
            return (int)i;
    return -2;
}

/* Xen's syntax is <lower>[/<upper>]; without rate limiting only the upper matters. */
static int set_loglvl(const char *s, int *thresh)
{
    const char *slash = strchr(s, '/');
    int lvl = parse_level(slash ? slash + 1 : s);

    if ( lvl == -2 )
        return -1;
    *thresh = lvl;
    return 0;
}

static int parse_loglvl(const char *s)
{
    return set_loglvl(s, &loglvl_thresh);
}
custom_param("loglvl", parse_loglvl);

static int parse_guest_loglvl(const char *s)
{
    return set_loglvl(s, &guest_loglvl_thresh);
}
custom_param("guest_loglvl", parse_guest_loglvl);

static void ring_putc(char c)
{
    conring[conring_prod & (CONRING_SIZE - 1)] = c;
    conring_prod++;
}

static void emit(const char *s)
{
    for ( ; *s; s++ )
    {
        if ( at_line_start )
        {
            const char *p;

            for ( p = "(XEN) "; *p; p++ )
            {
                serial_putc(*p);
                ring_putc(*p);
            }
            at_line_start = false;
        }
        if ( *s == '\n' )
        {
            serial_putc('\r');
            at_line_start = true;
        }
        serial_putc(*s);
        ring_putc(*s);
    }
}

/* Strips a "<N>" or "<G>" prefix; returns whether the message passes the filter. */
static bool filter_level(const char **text)
{
    const char *s = *text;
    bool guest = false;
    int lvl = LVL_WARNING;

    if ( s[0] == '<' && s[1] == 'G' && s[2] == '>' )
    {
        guest = true;
        s += 3;
    }
    if ( s[0] == '<' && s[1] >= '0' && s[1] <= '3' && s[2] == '>' )
    {
        lvl = s[1] - '0';
        s += 3;
    }
    *text = s;
    return lvl <= (guest ? guest_loglvl_thresh : loglvl_thresh);
}

static unsigned long console_lock_acquire(bool *recursed)
{
    unsigned long flags;
    int me = (int)smp_processor_id();

    local_irq_save(flags);
    *recursed = (console_owner == me);
    if ( !*recursed )
    {
        spin_lock(&console_lock);
        console_owner = me;
    }
    return flags;
}

static void console_lock_release(unsigned long flags, bool recursed)
{
    if ( !recursed )
    {
        console_owner = -1;
        spin_unlock(&console_lock);
    }
    local_irq_restore(flags);
}

void vprintk(const char *fmt, va_list args)
{
    char buf[1024];
    const char *text = buf;
    unsigned long flags;
    bool recursed;

    vsnprintf(buf, sizeof(buf), fmt, args);
    if ( !filter_level(&text) )
        return;
    flags = console_lock_acquire(&recursed);
    emit(text);
    console_lock_release(flags, recursed);
}

void printk(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprintk(fmt, args);
    va_end(args);
}

void console_force_unlock(void)
{
    console_owner = -1;
    spin_lock_init(&console_lock);
}

size_t console_ring_read(char *buf, size_t len, uint64_t *index)
{
    unsigned long flags;
    bool recursed;
    size_t n = 0;
    uint64_t i;

    flags = console_lock_acquire(&recursed);
    i = *index;
    if ( conring_prod - i > CONRING_SIZE )
        i = conring_prod - CONRING_SIZE;    /* overwritten: skip to the oldest kept */
    for ( ; i < conring_prod && n < len; i++ )
        buf[n++] = conring[i & (CONRING_SIZE - 1)];
    *index = i;
    console_lock_release(flags, recursed);
    return n;
}

/* Output from the hardware domain's console_io: passed through as it is. */
void console_write_raw(const char *s, size_t n)
{
    unsigned long flags;
    bool recursed;
    size_t i;

    flags = console_lock_acquire(&recursed);
    for ( i = 0; i < n; i++ )
    {
        if ( s[i] == '\n' )
            serial_putc('\r');
        serial_putc(s[i]);
        ring_putc(s[i]);
        at_line_start = (s[i] == '\n');
    }
    console_lock_release(flags, recursed);
}

/* Characters typed while input belongs to the hardware domain, for CONSOLEIO_read. */
#define INPUT_RING  256
static char input_ring[INPUT_RING];
static unsigned int input_prod, input_cons;
static DEFINE_SPINLOCK(input_lock);
void (*console_input_notify)(void);

static void input_push(char c)
{
    unsigned long flags;

    spin_lock_irqsave(&input_lock, flags);
    if ( input_prod - input_cons < INPUT_RING )
        input_ring[input_prod++ % INPUT_RING] = c;
    spin_unlock_irqrestore(&input_lock, flags);
    if ( console_input_notify )
        console_input_notify();
}

size_t console_input_read(char *buf, size_t len)
{
    unsigned long flags;
    size_t n = 0;

    spin_lock_irqsave(&input_lock, flags);
    while ( n < len && input_cons != input_prod )
        buf[n++] = input_ring[input_cons++ % INPUT_RING];
    spin_unlock_irqrestore(&input_lock, flags);
    return n;
}

/* Input switching: Ctrl-A three times in a row moves input between the
 * hypervisor's debug keys and the hardware domain, once there is one. */
#define SWITCH_CHAR     0x01
static unsigned int switch_count;
static unsigned int input_target;           /* 0: the hypervisor (debug keys) */

static void announce_input_target(void)
{
    printk("*** Serial input to %s (type 'CTRL-a' three times to switch input)\n",
           input_target ? "DOM0" : "Xen");
}

void console_rx_char(char c)
{
    unsigned int nr = hardware_domain ? 2 : 1;

    if ( c == SWITCH_CHAR )
    {
        if ( ++switch_count == 3 )
        {
            switch_count = 0;
            input_target = (input_target + 1) % nr;
            announce_input_target();
        }
        return;
    }
    switch_count = 0;
    if ( input_target == 0 )
        handle_keypress((unsigned char)c);
    else
        input_push(c);
}

static struct timer input_timer;

static void poll_input(void *unused)
{
    int c;

    while ( (c = serial_getc()) >= 0 )
        console_rx_char((char)c);
    set_timer(&input_timer, NOW() + INPUT_POLL_NS);
}

void console_start_input(void)
{
    init_timer(&input_timer, poll_input, NULL, 0);
    set_timer(&input_timer, NOW() + INPUT_POLL_NS);
    /* As on Xen, the keyboard is dom0's once there is one. */
    input_target = hardware_domain ? 1 : 0;
    announce_input_target();
}

/* Messages printed before the UART was programmed (command-line warnings, say)
 * are in the ring only: replay them now. */
void console_init(void)
{
    uint64_t i;

    serial_init();
    for ( i = 0; i < conring_prod && i < CONRING_SIZE; i++ )
    {
        if ( conring[i] == '\n' )
            serial_putc('\r');
        serial_putc(conring[i]);
    }
}
