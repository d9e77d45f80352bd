// SPDX-License-Identifier: GPL-2.0-only
/* The smallest test: say hello and succeed. */
#include "test.h"

void test_main(void)
{
    printk("Hello, world\n");
}
