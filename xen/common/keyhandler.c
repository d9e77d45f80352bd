/* SPDX-License-Identifier: GPL-2.0-only */
/* Dispatches debug keys to the handlers that KEYHANDLER() placed in the
 * "keyhandlers" section, and provides 'h', the list of them. */
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/timer.h>

extern const struct keyhandler __start_keyhandlers[], __stop_keyhandlers[];

static const struct keyhandler *find_handler(unsigned char key)
{
    const struct keyhandler *k;

    for ( k = __start_keyhandlers; k < __stop_keyhandlers; k++ )
        if ( k->key == key )
            return k;
    return NULL;
}

void handle_keypress(unsigned char key)
{
    const struct keyhandler *k = find_handler(key);

    if ( !k )
    {
        printk("'%c' (ascii '%02x'): no debug key handler; 'h' lists them\n",
               key >= 0x20 && key < 0x7f ? key : '?', key);
        return;
    }
    k->fn(key);
}

static void show_help(unsigned char key)
{
    unsigned int c;

    printk("'%c' pressed -> showing installed handlers\n", key);
    /* In key order, as the table is in link order. */
    for ( c = 0; c < 256; c++ )
    {
        const struct keyhandler *k = find_handler((unsigned char)c);

        if ( k )
            printk(" key '%c' (ascii '%02x') => %s\n", c, c, k->desc);
    }
}
KEYHANDLER('h', show_help, "show this message");

static void dump_memory(unsigned char key)
{
    printk("'%c' pressed -> dumping memory info\n", key);
    dump_heap();
}
KEYHANDLER('m', dump_memory, "memory info");
