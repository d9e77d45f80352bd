/* SPDX-License-Identifier: GPL-2.0-only */
/* Hypervisor command-line options, declared next to the code they configure.
 * Each *_param() macro drops a struct kernel_param into the ELF section
 * "xen_param"; the linker brackets it with __start_xen_param/__stop_xen_param
 * (automatically for this C-identifier name on the host, by xen.lds.S in the
 * hypervisor) and cmdline_parse() walks that table once at boot. */
#ifndef XEN_PARAM_H
#define XEN_PARAM_H

#include <xen/types.h>
#include <xen/compiler.h>

enum param_type {
    OPT_BOOL,       /* name, no-name, name=<bool>; any integer var */
    OPT_UINT,       /* name=<number>, base autodetected; any unsigned var */
    OPT_SIZE,       /* name=<number>[KMGTB], bare number KiB */
    OPT_STR,        /* name=<text> into a char array; too long: cut, warned */
    OPT_CUSTOM,     /* fn(value); "" when bare, "no" for no-name */
};

struct kernel_param {
    const char *name;
    enum param_type type;
    unsigned int len;           /* sizeof the variable */
    union {
        void *var;
        int (*func)(const char *val);
    } par;
};

extern const struct kernel_param __start_xen_param[], __stop_xen_param[];

/* The hypervisor's part of the command line, for XENVER_commandline. */
#define SAVED_CMDLINE_SIZE 1024
extern char saved_cmdline[SAVED_CMDLINE_SIZE];

/* Parses cmdline up to a lone "--" against [start, end).
 * Returns 0, or the last error seen; every token is tried regardless. */
int parse_params(const char *cmdline, const struct kernel_param *start,
                 const struct kernel_param *end);
/* At boot: saves the command line and applies every registered option. */
void cmdline_parse(const char *cmdline);

/* 1 for yes/on/true/enable/1, 0 for no/off/false/disable/0, else -1.
 * The string is [s, e), or NUL-terminated when e is NULL. */
int parse_bool(const char *s, const char *e);
/* For sub-options of custom params: if [s, e) is "name", "no-name" or
 * "name=<bool>", returns the boolean, else -1 (-1 too for a bad value). */
int parse_boolean(const char *name, const char *s, const char *e);

#define __param_cat(a, b) a ## b
#define __param_id(line)  __param_cat(__kparam_, line)
#define __kparam                                                        \
    static const struct kernel_param __used __section("xen_param")      \
    __aligned(__alignof__(struct kernel_param))

#define __param_int_size_ok(v) \
    (sizeof(v) == 1 || sizeof(v) == 2 || sizeof(v) == 4 || sizeof(v) == 8)

#define __param_int(_name, _var, _type)                                 \
    _Static_assert(__param_int_size_ok(_var), "bad size for " _name);   \
    __kparam __param_id(__LINE__) = {                                   \
        .name = (_name), .type = (_type), .len = sizeof(_var),          \
        .par.var = &(_var) }

#define boolean_param(_name, _var)  __param_int(_name, _var, OPT_BOOL)
#define integer_param(_name, _var)  __param_int(_name, _var, OPT_UINT)
#define size_param(_name, _var)     __param_int(_name, _var, OPT_SIZE)

#define string_param(_name, _var)                                       \
    _Static_assert(!__builtin_types_compatible_p(__typeof__(_var),      \
                                                 __typeof__(&(_var)[0])), \
                   "string_param needs a char array: " _name);          \
    __kparam __param_id(__LINE__) = {                                   \
        .name = (_name), .type = OPT_STR, .len = sizeof(_var),          \
        .par.var = (_var) }

#define custom_param(_name, _fn)                                        \
    __kparam __param_id(__LINE__) = {                                   \
        .name = (_name), .type = OPT_CUSTOM, .len = 0,                  \
        .par.func = (_fn) }

#endif /* XEN_PARAM_H */
