/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Command-line parsing against the table built by the *_param() macros.
 *
 * The line is split at whitespace into "name" or "name=value" tokens; a lone
 * "--" ends the hypervisor's part (what follows belongs to dom0). Names match
 * with '-' and '_' equivalent, and "no-name" negates a boolean. Tokens are
 * never copied whole: names and values are (pointer, length) spans into the
 * caller's string, so a hostile or corrupt command line costs a warning, not
 * an overrun. Only a custom_param() value is copied, into a bounded buffer,
 * to hand its function a NUL-terminated string.
 *
 *   "noreboot dom0_mem=512M console=com1,vga"  sets three options
 *   "no-smt=1 =x bogus -- quiet"               smt=0, two warnings, stop at --
 */
#include <xen/param.h>
#include <xen/lib.h>
#include <xen/ctype.h>
#include <xen/errno.h>
#include <xen/string.h>

#define MAX_CUSTOM_VALUE 256

char saved_cmdline[SAVED_CMDLINE_SIZE];

/* A piece of the command line: not NUL-terminated. */
struct span {
    const char *s;
    size_t len;
};

static bool span_is(struct span sp, const char *lit)
{
    return sp.len == strlen(lit) && !strncmp(sp.s, lit, sp.len);
}

int parse_bool(const char *s, const char *e)
{
    static const char *const yes[] = { "1", "yes", "on", "true", "enable" };
    static const char *const no[] = { "0", "no", "off", "false", "disable" };
    struct span sp = { s, e ? (size_t)(e - s) : strlen(s) };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(yes); i++ )
    {
        if ( span_is(sp, yes[i]) )
            return 1;
        if ( span_is(sp, no[i]) )
            return 0;
    }
    return -1;
}

/* Compares an option name with a span, treating '-' and '_' as the same. */
static bool name_matches(const char *name, struct span sp)
{
    size_t i;

    for ( i = 0; i < sp.len; i++, name++ )
    {
        char a = *name == '-' ? '_' : *name;
        char b = sp.s[i] == '-' ? '_' : sp.s[i];

        if ( !a || a != b )
            return false;
    }
    return !*name;
}

static bool has_no_prefix(struct span sp)
{
    return sp.len > 3 && sp.s[0] == 'n' && sp.s[1] == 'o' &&
           (sp.s[2] == '-' || sp.s[2] == '_');
}

int parse_boolean(const char *name, const char *s, const char *e)
{
    struct span tok = { s, e ? (size_t)(e - s) : strlen(s) };
    const char *eq = memchr(tok.s, '=', tok.len);
    struct span key = { tok.s, eq ? (size_t)(eq - tok.s) : tok.len };
    bool negate = has_no_prefix(key);

    if ( negate )
    {
        key.s += 3;
        key.len -= 3;
    }
    if ( !name_matches(name, key) )
        return -1;
    if ( !eq )
        return !negate;
    if ( negate )
        return -1;
    return parse_bool(eq + 1, tok.s + tok.len);
}

static const struct kernel_param *find_param(struct span name,
                                             const struct kernel_param *start,
                                             const struct kernel_param *end)
{
    const struct kernel_param *p;

    for ( p = start; p < end; p++ )
        if ( name_matches(p->name, name) )
            return p;
    return NULL;
}

/* Stores val into a 1/2/4/8-byte unsigned variable, refusing to truncate it. */
static int assign_integer(const struct kernel_param *p, unsigned long long val)
{
    switch ( p->len )
    {
    case 1:
        if ( val > UINT8_MAX )
            return -EOVERFLOW;
        *(uint8_t *)p->par.var = val;
        return 0;
    case 2:
        if ( val > UINT16_MAX )
            return -EOVERFLOW;
        *(uint16_t *)p->par.var = val;
        return 0;
    case 4:
        if ( val > UINT32_MAX )
            return -EOVERFLOW;
        *(uint32_t *)p->par.var = val;
        return 0;
    case 8:
        *(uint64_t *)p->par.var = val;
        return 0;
    }
    return -EINVAL;
}

static int set_bool(const struct kernel_param *p, const struct span *val,
                    bool negate)
{
    int b = val ? parse_bool(val->s, val->s + val->len) : 1;

    if ( b < 0 )
        return -EINVAL;
    return assign_integer(p, negate ? !b : b);
}

/* Numbers must use up the whole value: "dom0_mem=12Q" is an error, not 12K. */
static int set_number(const struct kernel_param *p, const struct span *val)
{
    unsigned long long n;
    const char *end;

    if ( !val || !val->len || !isdigit(*val->s) )
        return -EINVAL;
    if ( p->type == OPT_SIZE )
        n = parse_size_and_unit(val->s, &end);
    else
        n = simple_strtoull(val->s, &end, 0);
    if ( end != val->s + val->len )
        return -EINVAL;
    return assign_integer(p, n);
}

static int set_string(const struct kernel_param *p, const struct span *val)
{
    char *dst = p->par.var;
    size_t n = val ? val->len : 0;

    if ( n >= p->len )
        n = p->len - 1;
    if ( n )
        memcpy(dst, val->s, n);
    dst[n] = '\0';
    return val && val->len >= p->len ? -E2BIG : 0;
}

static int call_custom(const struct kernel_param *p, const struct span *val,
                       bool negate)
{
    char buf[MAX_CUSTOM_VALUE];
    size_t n = val ? val->len : 0;
    int rc;

    if ( negate && val )
        return -EINVAL;
    if ( n >= sizeof(buf) )
        return -E2BIG;
    if ( negate )
        strlcpy(buf, "no", sizeof(buf));
    else
    {
        if ( n )
            memcpy(buf, val->s, n);
        buf[n] = '\0';
    }
    rc = p->par.func(buf);
    return rc < 0 ? rc : 0;
}

static int apply_param(const struct kernel_param *p, const struct span *val,
                       bool negate)
{
    switch ( p->type )
    {
    case OPT_BOOL:
        return set_bool(p, val, negate);
    case OPT_UINT:
    case OPT_SIZE:
        return set_number(p, val);
    case OPT_STR:
        return set_string(p, val);
    case OPT_CUSTOM:
        return call_custom(p, val, negate);
    }
    return -EINVAL;
}

/* Warnings quote at most this much of a token, to keep the log readable. */
#define QUOTE_MAX 64
#define QUOTE(sp) (int)min((sp).len, (size_t)QUOTE_MAX), (sp).s

/* Looks the name up, falling back to "no-" negation of a boolean or custom. */
static const struct kernel_param *lookup(struct span key, bool *negate,
                                         const struct kernel_param *start,
                                         const struct kernel_param *end)
{
    const struct kernel_param *p = find_param(key, start, end);
    struct span rest;

    *negate = false;
    if ( p || !has_no_prefix(key) )
        return p;
    rest.s = key.s + 3;
    rest.len = key.len - 3;
    p = find_param(rest, start, end);
    if ( !p || (p->type != OPT_BOOL && p->type != OPT_CUSTOM) )
        return NULL;
    *negate = true;
    return p;
}

static int parse_token(struct span tok, const struct kernel_param *start,
                       const struct kernel_param *end)
{
    const char *eq = memchr(tok.s, '=', tok.len);
    struct span key = { tok.s, eq ? (size_t)(eq - tok.s) : tok.len };
    struct span val = { tok.s + tok.len, 0 };
    const struct kernel_param *p;
    bool negate;
    int rc;

    if ( eq )
    {
        val.s = eq + 1;
        val.len = tok.len - key.len - 1;
    }
    p = key.len ? lookup(key, &negate, start, end) : NULL;
    if ( !p )
    {
        /* A token such as "=x" has no name: show all of it instead. */
        printk(XENLOG_WARNING "parameter \"%.*s\" unknown!\n",
               QUOTE(key.len ? key : tok));
        return -EINVAL;
    }
    rc = apply_param(p, eq ? &val : NULL, negate);
    if ( rc )
        printk(XENLOG_WARNING
               "parameter \"%.*s\" has invalid value \"%.*s\", rc=%d!\n",
               QUOTE(key), QUOTE(val), rc);
    return rc;
}

/* The end of the hypervisor's options: a "--" token, or the end of the line. */
static const char *options_end(const char *cmdline)
{
    const char *p = cmdline;

    for ( ; *p; p++ )
        if ( p[0] == '-' && p[1] == '-' && (p == cmdline || isspace(p[-1])) &&
             (!p[2] || isspace(p[2])) )
            break;
    return p;
}

int parse_params(const char *cmdline, const struct kernel_param *start,
                 const struct kernel_param *end)
{
    const char *p = cmdline, *stop;
    int rc, final_rc = 0;

    if ( !cmdline )
        return 0;
    stop = options_end(cmdline);
    while ( p < stop )
    {
        struct span tok = { p, 0 };

        if ( isspace(*p) )
        {
            p++;
            continue;
        }
        while ( p + tok.len < stop && !isspace(p[tok.len]) )
            tok.len++;
        rc = parse_token(tok, start, end);
        if ( rc )
            final_rc = rc;
        p += tok.len;
    }
    return final_rc;
}

void cmdline_parse(const char *cmdline)
{
    size_t n;

    if ( !cmdline )
        return;

    n = options_end(cmdline) - cmdline;
    while ( n && isspace(cmdline[n - 1]) )
        n--;
    if ( n >= sizeof(saved_cmdline) )
        n = sizeof(saved_cmdline) - 1;
    memcpy(saved_cmdline, cmdline, n);
    saved_cmdline[n] = '\0';

    parse_params(cmdline, __start_xen_param, __stop_xen_param);
}
