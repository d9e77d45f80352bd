/* SPDX-License-Identifier: GPL-2.0-only */
/* Hypercall handlers. Each takes the calling vCPU and its (up to six) argument
 * registers and returns the value for RAX: >= 0 or -errno. Guest pointers among
 * the arguments are guest-linear addresses, reached with copy_{from,to}_guest. */
#ifndef XEN_HYPERCALL_H
#define XEN_HYPERCALL_H

#include <xen/types.h>

struct vcpu;

typedef long hypercall_fn_t(struct vcpu *v, const uint64_t *args);

hypercall_fn_t do_xen_version;
hypercall_fn_t do_console_io;
hypercall_fn_t do_sched_op;
hypercall_fn_t do_memory_op;
hypercall_fn_t do_hvm_op;
hypercall_fn_t do_vcpu_op;
hypercall_fn_t do_vm_assist;
hypercall_fn_t do_multicall;
hypercall_fn_t do_set_timer_op;
hypercall_fn_t do_event_channel_op;
hypercall_fn_t do_grant_table_op;
hypercall_fn_t do_platform_op;
hypercall_fn_t do_physdev_op;
hypercall_fn_t do_physdev_op_compat;
hypercall_fn_t do_domctl;
hypercall_fn_t do_sysctl;

/* Runs hypercall nr for v as if it had been issued (multicall uses this). */
long hypercall_dispatch(struct vcpu *v, unsigned long nr, const uint64_t *args);

#endif /* XEN_HYPERCALL_H */
