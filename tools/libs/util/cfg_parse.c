/* SPDX-License-Identifier: GPL-2.0-only */
/* Recursive-descent parser for xl.cfg, stopping at the first error:
 *
 *   file      := { statement | NEWLINE | ';' }
 *   statement := IDENT ( '=' | '+=' ) value ( NEWLINE | ';' | EOF )
 *   value     := STRING | NUMBER | list
 *   list      := '[' nl* [ value nl* { ',' nl* value nl* } [ ',' nl* ] ] ']'
 *
 * so "disk = [ 'a',\n  'b',\n ]" is one statement over three lines and
 * "x = 1; y = [ ]" two on one. Newlines inside brackets are the only line
 * continuation. The lexer has one token of lookahead in p->tok. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_lex.h"

struct parser {
    struct xlu_lexer lx;
    struct xlu_token tok;
};

static int advance(struct parser *p)
{
    free(p->tok.text);
    return xlu__lex_next(&p->lx, &p->tok);
}

static const char *describe(const struct xlu_token *tok, char *buf, size_t n)
{
    switch ( tok->kind )
    {
    case TOK_EOF:       return "end of file";
    case TOK_NEWLINE:   return "end of line";
    case TOK_SEMI:      return "';'";
    case TOK_COMMA:     return "','";
    case TOK_ASSIGN:    return "'='";
    case TOK_APPEND:    return "'+='";
    case TOK_LBRACKET:  return "'['";
    case TOK_RBRACKET:  return "']'";
    case TOK_STRING:    return "a string";
    case TOK_IDENT:
    case TOK_NUMBER:
        snprintf(buf, n, "'%s'", tok->text);
        return buf;
    }
    return "?";
}

static int unexpected(struct parser *p, const char *wanted)
{
    char buf[64];

    xlu__lex_error(&p->lx, p->tok.line, p->tok.col, "expected %s, found %s",
                   wanted, describe(&p->tok, buf, sizeof(buf)));
    return EINVAL;
}

static XLU_ConfigValue *new_value(struct parser *p, enum XLU_ConfigValueType t)
{
    XLU_ConfigValue *v = calloc(1, sizeof(*v));

    if ( v )
    {
        v->type = t;
        v->source = p->lx.source;
        v->line = p->tok.line;
        v->col = p->tok.col;
    }
    return v;
}

static int skip_newlines(struct parser *p)
{
    int rc = 0;

    while ( !rc && p->tok.kind == TOK_NEWLINE )
        rc = advance(p);
    return rc;
}

static int parse_value(struct parser *p, int depth, XLU_ConfigValue **out);

/* After a list item: ']' ends the list, ',' may be followed by another
 * item or by the ']' (a trailing comma). *more says which. */
static int after_item(struct parser *p, int line, int col, bool *more)
{
    int rc = skip_newlines(p);

    if ( !rc && p->tok.kind == TOK_COMMA )
    {
        rc = advance(p);
        if ( !rc )
            rc = skip_newlines(p);
        if ( rc )
            return rc;
        *more = p->tok.kind != TOK_RBRACKET;
    }
    else if ( !rc && p->tok.kind == TOK_RBRACKET )
        *more = false;
    else if ( !rc && p->tok.kind == TOK_EOF )
    {
        xlu__lex_error(&p->lx, line, col, "'[' is never closed");
        return EINVAL;
    }
    else if ( !rc )
        return unexpected(p, "',' or ']' in the list");
    return rc;
}

/* p->tok is the '['; returns with the token after the ']' loaded. */
static int parse_list(struct parser *p, int depth, XLU_ConfigValue *list)
{
    int line = p->tok.line, col = p->tok.col, rc;
    XLU_ConfigValue *item;
    bool more = true;

    if ( depth >= XLU_MAX_DEPTH )
    {
        xlu__lex_error(&p->lx, line, col, "lists nested more than %d deep",
                       XLU_MAX_DEPTH);
        return EINVAL;
    }
    rc = advance(p);
    if ( !rc )
        rc = skip_newlines(p);
    if ( !rc && p->tok.kind == TOK_RBRACKET )
        more = false;

    while ( !rc && more )
    {
        if ( p->tok.kind == TOK_EOF )
        {
            xlu__lex_error(&p->lx, line, col, "'[' is never closed");
            return EINVAL;
        }
        rc = parse_value(p, depth + 1, &item);
        if ( rc )
            return rc;
        rc = xlu__list_append(&list->u.list, item);
        if ( rc )
        {
            xlu__value_free(item);
            return rc;
        }
        rc = after_item(p, line, col, &more);
    }
    return rc ? rc : advance(p);
}

/* p->tok starts the value; returns with the token after it loaded. */
static int parse_value(struct parser *p, int depth, XLU_ConfigValue **out)
{
    XLU_ConfigValue *v;
    int rc;

    *out = NULL;
    switch ( p->tok.kind )
    {
    case TOK_STRING:
    case TOK_NUMBER:
        v = new_value(p, XLU_STRING);
        if ( !v )
            return ENOMEM;
        v->u.string = p->tok.text;
        p->tok.text = NULL;
        rc = advance(p);
        if ( rc )
            xlu__value_free(v);
        else
            *out = v;
        return rc;
    case TOK_LBRACKET:
        v = new_value(p, XLU_LIST);
        if ( !v )
            return ENOMEM;
        rc = parse_list(p, depth, v);
        if ( rc )
            xlu__value_free(v);
        else
            *out = v;
        return rc;
    case TOK_IDENT:
        xlu__lex_error(&p->lx, p->tok.line, p->tok.col, "unquoted word '%s': "
                       "string values must be quoted", p->tok.text);
        return EINVAL;
    default:
        return unexpected(p, "a value");
    }
}

/* p->tok is the key; returns with the statement's terminator loaded. */
static int parse_statement(struct parser *p)
{
    int line = p->tok.line, col = p->tok.col, rc;
    char *name = p->tok.text, buf[64];
    XLU_ConfigValue *value = NULL;
    bool append;

    p->tok.text = NULL;
    rc = advance(p);
    if ( !rc && p->tok.kind != TOK_ASSIGN && p->tok.kind != TOK_APPEND )
    {
        xlu__lex_error(&p->lx, p->tok.line, p->tok.col, "expected '=' or "
                       "'+=' after '%s', found %s", name,
                       describe(&p->tok, buf, sizeof(buf)));
        rc = EINVAL;
    }
    append = p->tok.kind == TOK_APPEND;
    if ( !rc )
        rc = advance(p);
    if ( !rc )
        rc = parse_value(p, 0, &value);
    if ( !rc && p->tok.kind != TOK_NEWLINE && p->tok.kind != TOK_SEMI &&
         p->tok.kind != TOK_EOF )
        rc = unexpected(p, "end of line or ';' after the value");
    if ( rc )
    {
        free(name);
        xlu__value_free(value);
        return rc;
    }
    return xlu__cfg_store(p->lx.cfg, name, append, value, p->lx.source,
                          line, col);
}

int xlu__cfg_parse(XLU_Config *cfg, const char *source, const char *data,
                   size_t length)
{
    struct parser p = { .tok.text = NULL };
    int rc;

    xlu__lex_init(&p.lx, cfg, source, data, length);
    for ( rc = advance(&p); !rc && p.tok.kind != TOK_EOF; )
    {
        if ( p.tok.kind == TOK_IDENT )
            rc = parse_statement(&p);
        else if ( p.tok.kind != TOK_NEWLINE && p.tok.kind != TOK_SEMI )
            rc = unexpected(&p, "a key name");
        if ( !rc && p.tok.kind != TOK_EOF )
            rc = advance(&p);
    }
    free(p.tok.text);
    return rc;
}
