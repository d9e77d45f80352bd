/* SPDX-License-Identifier: GPL-2.0-only */
/* The config object's layout and the helpers the parser, getters and spec
 * parsers share. Not installed. */
#ifndef XLU_PRIVATE_H
#define XLU_PRIVATE_H

#include <stdarg.h>
#include <stddef.h>

#include "libxlutil.h"

struct XLU_ConfigList {
    int nvalues;
    int avalues;                /* allocated slots */
    XLU_ConfigValue **values;
};

struct XLU_ConfigValue {
    enum XLU_ConfigValueType type;
    const char *source;         /* owned by the config's source list */
    int line, col;              /* where the value starts */
    union {
        char *string;
        XLU_ConfigList list;
    } u;
};

/* One per key. A later "=" replaces value; "+=" extends it in place. */
struct xlu_setting {
    char *name;
    XLU_ConfigValue *value;
    const char *source;         /* of the statement that set it last */
    int line;
    bool appended;              /* last statement was "+=" */
};

/* Names of everything read, kept until destroy since values point here. */
struct xlu_source {
    struct xlu_source *next;
    char name[];
};

struct XLU_Config {
    FILE *report;
    char *config_source;
    struct xlu_setting *settings;   /* in order of first definition */
    int nr_settings, max_settings;
    struct xlu_source *sources;
    char *last_error;               /* XLU_ERRBUF bytes */
};

#define XLU_ERRBUF 512

/* Deepest list nesting the parser accepts; guards its recursion. */
#define XLU_MAX_DEPTH 32

/* Largest configuration file or buffer accepted. */
#define XLU_MAX_INPUT (16 << 20)

/* Writes one line to the report stream and keeps it as the last error. */
static inline bool xlu__is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Decimal digits up to max, at least one; *s moves past them (cfg_lex.c). */
bool xlu__decimal(const char **s, uint64_t max, uint64_t *out);

void xlu__report(const XLU_Config *cfg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Only to the report stream: advice that does not fail the call. */
void xlu__warn(const XLU_Config *cfg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* cfg_parse.c: parse length bytes of data; messages name source. */
int xlu__cfg_parse(XLU_Config *cfg, const char *source, const char *data,
                   size_t length);

/* cfg.c, used by the parser to store a statement's value. */
struct xlu_setting *xlu__cfg_find(const XLU_Config *cfg, const char *name);
/* Takes name and value, also on failure. line:col is the statement's. */
int xlu__cfg_store(XLU_Config *cfg, char *name, bool append,
                   XLU_ConfigValue *value, const char *source, int line,
                   int col);
void xlu__value_free(XLU_ConfigValue *value);
int xlu__list_append(XLU_ConfigList *list, XLU_ConfigValue *value);

#endif /* XLU_PRIVATE_H */
