/* SPDX-License-Identifier: GPL-2.0-only */
/* Node permissions (see perms.h). Evaluation: privileged connections and the
 * owner hold everything; otherwise the first later entry naming the domain
 * (or the domain it is the device model of) decides, else entry 0. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "perms.h"

static int perm_from_char(char c, uint32_t *bits)
{
    switch ( c )
    {
    case 'n': *bits = XS_PERM_NONE; return 0;
    case 'r': *bits = XS_PERM_READ; return 0;
    case 'w': *bits = XS_PERM_WRITE; return 0;
    case 'b': *bits = XS_PERM_READ | XS_PERM_WRITE; return 0;
    default:  return EINVAL;
    }
}

/* A domid: 1 to 5 decimal digits, at most 65535, nothing after. */
static int parse_domid(const char *s, uint32_t *id)
{
    unsigned long v = 0;
    const char *p;

    for ( p = s; *p; p++ )
    {
        if ( *p < '0' || *p > '9' || p - s >= 5 )
            return EINVAL;
        v = v * 10 + (unsigned long)(*p - '0');
    }
    if ( p == s || v > 0xffff )
        return EINVAL;
    *id = (uint32_t)v;
    return 0;
}

int xs_perms_parse(const char *strings, unsigned int n, struct xs_perm *out)
{
    unsigned int i;

    for ( i = 0; i < n; i++ )
    {
        if ( perm_from_char(strings[0], &out[i].perms) ||
             parse_domid(strings + 1, &out[i].id) )
            return EINVAL;
        strings += strlen(strings) + 1;
    }
    return 0;
}

static char perm_char(uint32_t bits)
{
    switch ( bits & (XS_PERM_READ | XS_PERM_WRITE) )
    {
    case XS_PERM_READ: return 'r';
    case XS_PERM_WRITE: return 'w';
    case XS_PERM_READ | XS_PERM_WRITE: return 'b';
    default: return 'n';
    }
}

size_t xs_perms_format(const struct xs_perm *p, unsigned int n,
                       char *buf, size_t size)
{
    size_t used = 0;
    unsigned int i;
    int len;

    for ( i = 0; i < n; i++ )
    {
        len = snprintf(buf + used, size - used, "%c%u",
                       perm_char(p[i].perms), p[i].id);
        if ( len < 0 || (size_t)len >= size - used )
            return 0;
        used += (size_t)len + 1;        /* keep the NUL */
    }
    return used;
}

static bool names(const struct xs_ident *who, uint32_t id)
{
    return id == who->domid ||
           (who->target >= 0 && id == (uint32_t)who->target);
}

unsigned int xs_perms_for(const struct xs_ident *who,
                          const struct xs_perm *p, unsigned int n)
{
    const unsigned int all = XS_PERM_READ | XS_PERM_WRITE | XS_PERM_OWNER;
    unsigned int i;

    if ( who->privileged || names(who, p[0].id) )
        return all;
    for ( i = 1; i < n; i++ )
        if ( !(p[i].perms & XS_PERM_IGNORE) && names(who, p[i].id) )
            return p[i].perms & (XS_PERM_READ | XS_PERM_WRITE);
    return p[0].perms & (XS_PERM_READ | XS_PERM_WRITE);
}
