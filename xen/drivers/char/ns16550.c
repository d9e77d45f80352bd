/* SPDX-License-Identifier: GPL-2.0-only */
/* 16550 UART on an I/O port: polled transmit and receive. The port, baud rate and
 * line format come from Xen's com1=/com2= syntax: com1=<baud>[,DPS[,<io-base>]]. */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/serial.h>
#include <xen/string.h>
#include <asm/io.h>

#define UART_THR    0       /* transmit holding (write) */
#define UART_RBR    0       /* receive buffer (read) */
#define UART_DLL    0       /* divisor latch low, with LCR.DLAB */
#define UART_IER    1
#define UART_DLM    1
#define UART_FCR    2
#define UART_LCR    3
#define UART_MCR    4
#define UART_LSR    5
#define UART_SCR    7

#define LCR_DLAB    0x80
#define LSR_DR      0x01
#define LSR_THRE    0x20
#define MCR_DTR     0x01
#define MCR_RTS     0x02
#define MCR_OUT2    0x08
#define FCR_ENABLE  0x01
#define FCR_CLEAR   0x06

#define UART_CLOCK  115200

struct uart {
    unsigned int io_base;
    unsigned int baud;
    uint8_t lcr;            /* data bits, parity, stop bits */
    bool present;
};

static struct uart com[2] = {
    { .io_base = 0x3f8, .baud = 115200, .lcr = 0x03 },
    { .io_base = 0x2f8, .baud = 115200, .lcr = 0x03 },
};
static struct uart *console_uart;

static char opt_com1[64], opt_com2[64];
string_param("com1", opt_com1);
string_param("com2", opt_com2);
static char opt_console[64] = "com1";
string_param("console", opt_console);

/* D: 5-8 data bits; P: n/o/e/m/s; S: 1 or 2 stop bits. */
static int parse_dps(const char *s, uint8_t *lcr)
{
    static const char parities[] = "noems";
    static const uint8_t pbits[] = { 0x00, 0x08, 0x18, 0x28, 0x38 };
    const char *p;

    if ( s[0] < '5' || s[0] > '8' || !s[1] || (s[2] != '1' && s[2] != '2') )
        return -1;
    p = strchr(parities, s[1]);
    if ( !p || !*p )
        return -1;
    *lcr = (uint8_t)((s[0] - '5') | (s[2] == '2' ? 0x04 : 0) | pbits[p - parities]);
    return 0;
}

static void parse_com_option(const char *name, const char *opt, struct uart *u)
{
    const char *p = opt;

    if ( !*opt )
        return;
    if ( strncmp(p, "auto", 4) == 0 )
        p += 4;
    else if ( *p != ',' )
    {
        unsigned long baud = simple_strtoul(p, &p, 10);

        if ( baud >= 50 && baud <= UART_CLOCK )
            u->baud = (unsigned int)baud;
        else
            printk(XENLOG_WARNING "%s: bad baud rate in \"%s\"\n", name, opt);
        if ( *p == '/' )            /* a clock rate we do not need */
            simple_strtoul(p + 1, &p, 0);
    }
    if ( *p != ',' )
        return;
    p++;
    if ( *p && *p != ',' )
    {
        if ( parse_dps(p, &u->lcr) )
            printk(XENLOG_WARNING "%s: bad line format in \"%s\"\n", name, opt);
        while ( *p && *p != ',' )
            p++;
    }
    if ( *p == ',' && p[1] )
        u->io_base = (unsigned int)simple_strtoul(p + 1, NULL, 0);
}

/* A UART answers with what was written to its scratch register; empty ports float. */
static bool uart_probe(const struct uart *u)
{
    outb(0x5a, u->io_base + UART_SCR);
    if ( inb(u->io_base + UART_SCR) != 0x5a )
        return false;
    outb(0xa5, u->io_base + UART_SCR);
    return inb(u->io_base + UART_SCR) == 0xa5;
}

static void uart_setup(struct uart *u)
{
    unsigned int div = UART_CLOCK / u->baud;

    outb(0, u->io_base + UART_IER);
    outb(LCR_DLAB, u->io_base + UART_LCR);
    outb(div & 0xff, u->io_base + UART_DLL);
    outb(div >> 8, u->io_base + UART_DLM);
    outb(u->lcr, u->io_base + UART_LCR);
    outb(FCR_ENABLE | FCR_CLEAR, u->io_base + UART_FCR);
    outb(MCR_DTR | MCR_RTS | MCR_OUT2, u->io_base + UART_MCR);
    u->present = true;
}

void serial_init(void)
{
    parse_com_option("com1", opt_com1, &com[0]);
    parse_com_option("com2", opt_com2, &com[1]);

    if ( strstr(opt_console, "com2") )
        console_uart = &com[1];
    else if ( strstr(opt_console, "com1") )
        console_uart = &com[0];
    else
        return;     /* console=none or vga: no serial output */
    if ( uart_probe(console_uart) )
        uart_setup(console_uart);
}

void serial_putc(char c)
{
    unsigned int spins = 0;

    if ( !console_uart || !console_uart->present )
        return;
    /* Bounded wait: a wedged UART must not hang the hypervisor. */
    while ( !(inb(console_uart->io_base + UART_LSR) & LSR_THRE) && ++spins < 1000000 )
        continue;
    outb((uint8_t)c, console_uart->io_base + UART_THR);
}

int serial_getc(void)
{
    if ( !console_uart || !console_uart->present )
        return -1;
    if ( !(inb(console_uart->io_base + UART_LSR) & LSR_DR) )
        return -1;
    return inb(console_uart->io_base + UART_RBR);
}

bool serial_present(void)
{
    return console_uart && console_uart->present;
}

unsigned int serial_io_port(void)
{
    return console_uart ? console_uart->io_base : 0;
}
