/* SPDX-License-Identifier: GPL-2.0-only */
/* Stopping the machine: restart through the platform's reset paths, or halt. */
#ifndef XEN_SHUTDOWN_H
#define XEN_SHUTDOWN_H

#include <xen/compiler.h>
#include <xen/types.h>

void __noreturn machine_restart(void);
void __noreturn machine_halt(void);
bool shutdown_noreboot(void);
/* The hardware domain shut down with a SHUTDOWN_* reason: halt or restart. */
void __noreturn hardware_domain_shutdown(int reason);

#endif /* XEN_SHUTDOWN_H */
