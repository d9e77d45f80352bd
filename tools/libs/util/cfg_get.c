/* SPDX-License-Identifier: GPL-2.0-only */
/* Typed access to parsed settings: each wrong type or form is reported with
 * the key, where it was set and what was expected. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

/* The setting n when it holds a single value. */
static int find_atom(const XLU_Config *cfg, const char *n,
                     struct xlu_setting **set_r, int dont_warn)
{
    struct xlu_setting *set = xlu__cfg_find(cfg, n);

    if ( !set )
        return ESRCH;
    if ( set->value->type != XLU_STRING )
    {
        if ( !dont_warn )
            xlu__report(cfg, "%s:%d: '%s' is a list, expected a single value",
                        set->source, set->line, n);
        return EINVAL;
    }
    *set_r = set;
    return 0;
}

int xlu_cfg_get_string(const XLU_Config *cfg, const char *n,
                       const char **value_r, int dont_warn)
{
    struct xlu_setting *set;
    int rc = find_atom(cfg, n, &set, dont_warn);

    if ( !rc )
        *value_r = set->value->u.string;
    return rc;
}

int xlu_cfg_replace_string(const XLU_Config *cfg, const char *n,
                           char **value_r, int dont_warn)
{
    struct xlu_setting *set;
    int rc = find_atom(cfg, n, &set, dont_warn);
    char *copy;

    if ( rc )
        return rc;
    copy = strdup(set->value->u.string);
    if ( !copy )
        return ENOMEM;
    free(*value_r);
    *value_r = copy;
    return 0;
}

/* strtol over the whole value, with its errors named. */
static int to_long(const XLU_Config *cfg, const struct xlu_setting *set,
                   long *value_r, int dont_warn)
{
    const char *s = set->value->u.string;
    char *end;
    long l;

    errno = 0;
    l = strtol(s, &end, 0);
    if ( errno == ERANGE )
    {
        if ( !dont_warn )
            xlu__report(cfg, "%s:%d: '%s' is out of range: %s", set->source,
                        set->line, set->name, s);
        return ERANGE;
    }
    if ( end == s || *end )
    {
        if ( !dont_warn )
            xlu__report(cfg, "%s:%d: '%s' is not a number: \"%s\"",
                        set->source, set->line, set->name, s);
        return EINVAL;
    }
    *value_r = l;
    return 0;
}

int xlu_cfg_get_bounded_long(const XLU_Config *cfg, const char *n, long min,
                             long max, long *value_r, int dont_warn)
{
    struct xlu_setting *set;
    long l;
    int rc = find_atom(cfg, n, &set, dont_warn);

    if ( rc )
        return rc;
    /* "1" += "0" would quietly make 10. */
    if ( set->appended )
    {
        if ( !dont_warn )
            xlu__report(cfg, "%s:%d: '%s' was built with '+=', which numbers "
                        "do not allow", set->source, set->line, n);
        return EINVAL;
    }
    rc = to_long(cfg, set, &l, dont_warn);
    if ( rc )
        return rc;
    if ( l < min || l > max )
    {
        if ( !dont_warn )
            xlu__report(cfg, "%s:%d: '%s' is %ld, %s %ld", set->source,
                        set->line, n, l,
                        l < min ? "below the minimum" : "above the maximum",
                        l < min ? min : max);
        return ERANGE;
    }
    *value_r = l;
    return 0;
}

int xlu_cfg_get_long(const XLU_Config *cfg, const char *n, long *value_r,
                     int dont_warn)
{
    return xlu_cfg_get_bounded_long(cfg, n, LONG_MIN, LONG_MAX, value_r,
                                    dont_warn);
}

int xlu_cfg_get_defbool(const XLU_Config *cfg, const char *n,
                        enum xlu_defbool *b, int dont_warn)
{
    long l;
    int rc = xlu_cfg_get_long(cfg, n, &l, dont_warn);

    if ( !rc )
        *b = l ? XLU_DEFBOOL_TRUE : XLU_DEFBOOL_FALSE;
    return rc;
}

int xlu_cfg_get_long_default(const XLU_Config *cfg, const char *n, long def,
                             long *value_r)
{
    int rc = xlu_cfg_get_long(cfg, n, value_r, 0);

    if ( rc == ESRCH )
    {
        *value_r = def;
        rc = 0;
    }
    return rc;
}

int xlu_cfg_get_bool_default(const XLU_Config *cfg, const char *n, bool def,
                             bool *value_r)
{
    long l;
    int rc = xlu_cfg_get_long_default(cfg, n, def, &l);

    if ( !rc )
        *value_r = l != 0;
    return rc;
}

int xlu_cfg_get_list(const XLU_Config *cfg, const char *n,
                     XLU_ConfigList **list_r, int *entries_r, int dont_warn)
{
    struct xlu_setting *set = xlu__cfg_find(cfg, n);

    if ( !set )
        return ESRCH;
    if ( set->value->type != XLU_LIST )
    {
        if ( !dont_warn )
            xlu__report(cfg, "%s:%d: '%s' is a single value, expected a list",
                        set->source, set->line, n);
        return EINVAL;
    }
    if ( list_r )
        *list_r = &set->value->u.list;
    if ( entries_r )
        *entries_r = set->value->u.list.nvalues;
    return 0;
}

void xlu_string_list_free(char **sl)
{
    char **s;

    if ( !sl )
        return;
    for ( s = sl; *s; s++ )
        free(*s);
    free(sl);
}

int xlu_cfg_get_list_as_string_list(const XLU_Config *cfg, const char *n,
                                    char ***sl_r, int dont_warn)
{
    XLU_ConfigList *list;
    char **sl;
    int nr, i, rc = xlu_cfg_get_list(cfg, n, &list, &nr, dont_warn);

    if ( rc )
        return rc;
    for ( i = 0; i < nr; i++ )
    {
        XLU_ConfigValue *v = list->values[i];

        if ( v->type != XLU_STRING )
        {
            if ( !dont_warn )
                xlu__report(cfg, "%s:%d:%d: item %d of '%s' is a list, "
                            "expected a string", v->source, v->line, v->col,
                            i + 1, n);
            return EINVAL;
        }
    }
    sl = calloc(nr + 1, sizeof(*sl));
    for ( i = 0; sl && i < nr; i++ )
    {
        sl[i] = strdup(list->values[i]->u.string);
        if ( !sl[i] )
        {
            xlu_string_list_free(sl);
            sl = NULL;
        }
    }
    if ( !sl )
        return ENOMEM;
    *sl_r = sl;
    return 0;
}

int xlu_cfg_list_length(const XLU_ConfigList *list)
{
    return list->nvalues;
}

XLU_ConfigValue *xlu_cfg_get_listitem2(const XLU_ConfigList *list, int entry)
{
    if ( entry < 0 || entry >= list->nvalues )
        return NULL;
    return list->values[entry];
}

const char *xlu_cfg_get_listitem(const XLU_ConfigList *list, int entry)
{
    XLU_ConfigValue *v = xlu_cfg_get_listitem2(list, entry);

    return v && v->type == XLU_STRING ? v->u.string : NULL;
}

enum XLU_ConfigValueType xlu_cfg_value_type(const XLU_ConfigValue *value)
{
    return value->type;
}

int xlu_cfg_value_get_string(const XLU_Config *cfg, XLU_ConfigValue *value,
                             char **value_r, int dont_warn)
{
    *value_r = NULL;
    if ( value->type != XLU_STRING )
    {
        if ( !dont_warn )
            xlu__report(cfg, "%s:%d:%d: value is a list, expected a string",
                        value->source, value->line, value->col);
        return EINVAL;
    }
    *value_r = value->u.string;
    return 0;
}

int xlu_cfg_value_get_list(const XLU_Config *cfg, XLU_ConfigValue *value,
                           XLU_ConfigList **value_r, int dont_warn)
{
    *value_r = NULL;
    if ( value->type != XLU_LIST )
    {
        if ( !dont_warn )
            xlu__report(cfg, "%s:%d:%d: value is a string, expected a list",
                        value->source, value->line, value->col);
        return EINVAL;
    }
    *value_r = &value->u.list;
    return 0;
}

int xlu_cfg_nr_keys(const XLU_Config *cfg)
{
    return cfg->nr_settings;
}

const char *xlu_cfg_key(const XLU_Config *cfg, int i)
{
    if ( i < 0 || i >= cfg->nr_settings )
        return NULL;
    return cfg->settings[i].name;
}

XLU_ConfigValue *xlu_cfg_get_value(const XLU_Config *cfg, const char *n)
{
    struct xlu_setting *set = xlu__cfg_find(cfg, n);

    return set ? set->value : NULL;
}
