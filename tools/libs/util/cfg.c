/* SPDX-License-Identifier: GPL-2.0-only */
/* The config object: reading files, buffers and command-line overrides into
 * one table of settings, "=" and "+=" semantics, and problem reports. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

#define CMDLINE_SOURCE "<command line>"

static void vreport(const XLU_Config *cfg, bool keep, const char *fmt,
                    va_list ap)
{
    char buf[XLU_ERRBUF];

    vsnprintf(buf, sizeof(buf), fmt, ap);
    if ( keep )
        memcpy(cfg->last_error, buf, sizeof(buf));
    if ( cfg->report )
    {
        fprintf(cfg->report, "%s\n", buf);
        fflush(cfg->report);
    }
}

void xlu__report(const XLU_Config *cfg, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport(cfg, true, fmt, ap);
    va_end(ap);
}

void xlu__warn(const XLU_Config *cfg, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport(cfg, false, fmt, ap);
    va_end(ap);
}

const char *xlu_cfg_last_error(const XLU_Config *cfg)
{
    return cfg->last_error;
}

XLU_Config *xlu_cfg_init(FILE *report, const char *report_source)
{
    XLU_Config *cfg = calloc(1, sizeof(*cfg));

    if ( !cfg )
        return NULL;
    cfg->report = report;
    cfg->config_source = strdup(report_source);
    cfg->last_error = calloc(1, XLU_ERRBUF);
    if ( !cfg->config_source || !cfg->last_error )
    {
        xlu_cfg_destroy(cfg);
        return NULL;
    }
    return cfg;
}

void xlu__value_free(XLU_ConfigValue *value)
{
    int i;

    if ( !value )
        return;
    if ( value->type == XLU_STRING )
        free(value->u.string);
    else
    {
        for ( i = 0; i < value->u.list.nvalues; i++ )
            xlu__value_free(value->u.list.values[i]);
        free(value->u.list.values);
    }
    free(value);
}

void xlu_cfg_destroy(XLU_Config *cfg)
{
    struct xlu_source *src, *next;
    int i;

    if ( !cfg )
        return;
    for ( i = 0; i < cfg->nr_settings; i++ )
    {
        free(cfg->settings[i].name);
        xlu__value_free(cfg->settings[i].value);
    }
    free(cfg->settings);
    for ( src = cfg->sources; src; src = next )
    {
        next = src->next;
        free(src);
    }
    free(cfg->config_source);
    free(cfg->last_error);
    free(cfg);
}

/* Values keep a pointer to their source's name, so names live as long as
 * the config and each is stored once. */
static const char *intern_source(XLU_Config *cfg, const char *name)
{
    struct xlu_source *src;

    for ( src = cfg->sources; src; src = src->next )
        if ( !strcmp(src->name, name) )
            return src->name;
    src = malloc(sizeof(*src) + strlen(name) + 1);
    if ( !src )
        return NULL;
    strcpy(src->name, name);
    src->next = cfg->sources;
    cfg->sources = src;
    return src->name;
}

static int parse_as(XLU_Config *cfg, const char *name, const char *data,
                    size_t length)
{
    const char *source = intern_source(cfg, name);

    if ( !source )
        return ENOMEM;
    if ( length > XLU_MAX_INPUT )
    {
        xlu__report(cfg, "%s: larger than %d bytes", name, XLU_MAX_INPUT);
        return EFBIG;
    }
    return xlu__cfg_parse(cfg, source, data, length);
}

int xlu_cfg_readdata(XLU_Config *cfg, const char *data, int length)
{
    if ( length < 0 )
        return EINVAL;
    return parse_as(cfg, cfg->config_source, data, length);
}

int xlu_cfg_override(XLU_Config *cfg, const char *assignment)
{
    return parse_as(cfg, CMDLINE_SOURCE, assignment, strlen(assignment));
}

/* Reads at most XLU_MAX_INPUT + 1 bytes, enough for parse_as to refuse. */
static int slurp(FILE *f, char **data_r, size_t *len_r)
{
    size_t len = 0, size = 0, n;
    char *data = NULL, *bigger;

    do {
        if ( len == size )
        {
            size = size ? size * 2 : 4096;
            bigger = realloc(data, size);
            if ( !bigger )
            {
                free(data);
                return ENOMEM;
            }
            data = bigger;
        }
        n = fread(data + len, 1, size - len, f);
        len += n;
    } while ( n && len <= XLU_MAX_INPUT );

    if ( ferror(f) )
    {
        free(data);
        return EIO;
    }
    *data_r = data;
    *len_r = len;
    return 0;
}

int xlu_cfg_readfile(XLU_Config *cfg, const char *real_filename)
{
    FILE *f = fopen(real_filename, "r");
    char *data;
    size_t len;
    int rc;

    if ( !f )
    {
        rc = errno;
        xlu__report(cfg, "%s: cannot open configuration file: %s",
                    real_filename, strerror(rc));
        return rc;
    }
    rc = slurp(f, &data, &len);
    fclose(f);
    if ( rc )
    {
        xlu__report(cfg, "%s: cannot read configuration file: %s",
                    real_filename, strerror(rc));
        return rc;
    }
    rc = parse_as(cfg, cfg->config_source, data, len);
    free(data);
    return rc;
}

struct xlu_setting *xlu__cfg_find(const XLU_Config *cfg, const char *name)
{
    int i;

    for ( i = 0; i < cfg->nr_settings; i++ )
        if ( !strcmp(cfg->settings[i].name, name) )
            return &cfg->settings[i];
    return NULL;
}

int xlu__list_append(XLU_ConfigList *list, XLU_ConfigValue *value)
{
    XLU_ConfigValue **bigger;
    int n;

    if ( list->nvalues == list->avalues )
    {
        if ( list->avalues > (1 << 24) )
            return ERANGE;
        n = list->avalues ? list->avalues * 2 : 4;
        bigger = realloc(list->values, n * sizeof(*bigger));
        if ( !bigger )
            return ENOMEM;
        list->values = bigger;
        list->avalues = n;
    }
    list->values[list->nvalues++] = value;
    return 0;
}

/* "+=": strings concatenate, lists take the new items at their end. */
static int extend(XLU_Config *cfg, struct xlu_setting *set,
                  XLU_ConfigValue *more, int line, int col)
{
    XLU_ConfigValue *old = set->value;
    char *joined;
    int rc = 0, i;

    if ( old->type != more->type )
    {
        xlu__report(cfg, "%s:%d:%d: cannot append a %s to '%s', which "
                    "%s:%d set to a %s", more->source, line, col,
                    more->type == XLU_LIST ? "list" : "string", set->name,
                    set->source, set->line,
                    old->type == XLU_LIST ? "list" : "string");
        rc = EINVAL;
    }
    else if ( old->type == XLU_STRING )
    {
        joined = realloc(old->u.string,
                         strlen(old->u.string) + strlen(more->u.string) + 1);
        if ( joined )
        {
            strcat(joined, more->u.string);
            old->u.string = joined;
        }
        else
            rc = ENOMEM;
    }
    else
    {
        for ( i = 0; !rc && i < more->u.list.nvalues; i++ )
        {
            rc = xlu__list_append(&old->u.list, more->u.list.values[i]);
            if ( !rc )
                more->u.list.values[i] = NULL;
        }
    }
    xlu__value_free(more);
    return rc;
}

static struct xlu_setting *new_setting(XLU_Config *cfg, char *name)
{
    struct xlu_setting *bigger;
    int n;

    if ( cfg->nr_settings == cfg->max_settings )
    {
        n = cfg->max_settings ? cfg->max_settings * 2 : 32;
        bigger = realloc(cfg->settings, n * sizeof(*bigger));
        if ( !bigger )
            return NULL;
        cfg->settings = bigger;
        cfg->max_settings = n;
    }
    bigger = &cfg->settings[cfg->nr_settings++];
    bigger->name = name;
    bigger->value = NULL;
    return bigger;
}

int xlu__cfg_store(XLU_Config *cfg, char *name, bool append,
                   XLU_ConfigValue *value, const char *source, int line,
                   int col)
{
    struct xlu_setting *set = xlu__cfg_find(cfg, name);
    int rc = 0;

    if ( set )
    {
        if ( append )
            rc = extend(cfg, set, value, line, col);
        else
        {
            xlu__value_free(set->value);
            set->value = value;
        }
        free(name);
    }
    else
    {
        set = new_setting(cfg, name);
        if ( !set )
        {
            free(name);
            xlu__value_free(value);
            return ENOMEM;
        }
        set->value = value;
    }
    if ( rc )
        return rc;
    set->source = source;
    set->line = line;
    set->appended = append;
    return 0;
}
