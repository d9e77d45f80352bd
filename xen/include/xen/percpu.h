/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-CPU state: see asm/percpu.h. */
#ifndef XEN_PERCPU_H
#define XEN_PERCPU_H

#include <asm/percpu.h>

#define for_each_online_cpu(c) \
    for ( (c) = 0; (c) < nr_cpu_ids; (c)++ ) if ( !cpu_infos[c] || !cpu_infos[c]->online ) {} else

#endif /* XEN_PERCPU_H */
