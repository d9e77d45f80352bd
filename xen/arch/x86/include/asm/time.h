/* SPDX-License-Identifier: GPL-2.0-only */
/* TSC-based system time and the per-CPU one-shot timer hardware. */
#ifndef ASM_X86_TIME_H
#define ASM_X86_TIME_H

#include <xen/types.h>

extern uint64_t cpu_khz;

/* Calibrates the TSC against the PIT and starts system time at zero. */
void time_init(void);
/* Converts a TSC delta to nanoseconds with the calibrated scale. */
uint64_t tsc_ticks_to_ns(uint64_t ticks);
/* Arms this CPU's timer for deadline; false if the deadline has already passed. */
bool reprogram_timer(s_time_t deadline);
/* Reads the CMOS clock once for the wallclock guests see. */
void rtc_init(void);
/* Sets the wallclock so it reads secs.nsecs at system time system_time, and
 * republishes it to the domains (XENPF_settime). */
void do_settime(uint64_t secs, uint32_t nsecs, uint64_t system_time);
/* The pvclock form of the TSC scale: ns = ((ticks << shift) * mul) >> 32. */
void pvclock_scale(uint32_t *mul, int8_t *shift);

#endif /* ASM_X86_TIME_H */
