/* SPDX-License-Identifier: GPL-2.0-only */
/* Debug keys typed on the serial console. Handlers are declared next to the code
 * they dump with KEYHANDLER(); the linker gathers them into one table. */
#ifndef XEN_KEYHANDLER_H
#define XEN_KEYHANDLER_H

#include <xen/compiler.h>

struct keyhandler {
    unsigned char key;
    void (*fn)(unsigned char key);
    const char *desc;
};

#define KEYHANDLER(k, f, d) \
    static const struct keyhandler __keyhandler_##f __used __section("keyhandlers") \
        __aligned(8) = { .key = (k), .fn = (f), .desc = (d) }

void handle_keypress(unsigned char key);

#endif /* XEN_KEYHANDLER_H */
