/* SPDX-License-Identifier: GPL-2.0-only */
/* Busy-wait delays, calibrated against the TSC (arch/x86/time.c). */
#ifndef XEN_DELAY_H
#define XEN_DELAY_H

void udelay(unsigned long us);

static inline void mdelay(unsigned long ms)
{
    while ( ms-- )
        udelay(1000);
}

#endif /* XEN_DELAY_H */
