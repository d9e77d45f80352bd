/* SPDX-License-Identifier: GPL-2.0-only */
/* Version strings: guests are told 4.17 (they check it); our own name and version
 * go in the banner and in XENVER_extraversion. */
#include <xen/lib.h>
#include <xen/version.h>

const char xen_extra_version[] = "-" PROJECT_NAME "-" PROJECT_VERSION;
const char xen_compile_info[] = "gcc " __VERSION__;

void print_banner(void)
{
    printk("%s %s (Xen %u.%u compatible hypervisor)\n", PROJECT_NAME, PROJECT_VERSION,
           XEN_VERSION_MAJOR, XEN_VERSION_MINOR);
    printk("Xen version %u.%u%s (%s)\n", XEN_VERSION_MAJOR, XEN_VERSION_MINOR,
           xen_extra_version, xen_compile_info);
}
