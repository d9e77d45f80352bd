/* SPDX-License-Identifier: GPL-2.0-only */
/* Tokens of the xl.cfg grammar, between cfg_lex.c and cfg_parse.c. */
#ifndef XLU_CFG_LEX_H
#define XLU_CFG_LEX_H

#include "private.h"

enum xlu_tok {
    TOK_EOF,
    TOK_NEWLINE,
    TOK_SEMI,
    TOK_COMMA,
    TOK_ASSIGN,                 /* = */
    TOK_APPEND,                 /* += */
    TOK_LBRACKET,
    TOK_RBRACKET,
    TOK_IDENT,                  /* [a-z][._0-9a-z]* */
    TOK_NUMBER,                 /* [0-9][0-9a-fx]*, kept as text */
    TOK_STRING,                 /* quotes removed, escapes decoded */
};

struct xlu_token {
    enum xlu_tok kind;
    int line, col;              /* of the first character, from 1 */
    char *text;                 /* malloc'd for IDENT, NUMBER and STRING */
};

struct xlu_lexer {
    XLU_Config *cfg;
    const char *source;
    const char *p, *end;
    const char *line_start;
    int line;
};

void xlu__lex_init(struct xlu_lexer *lx, XLU_Config *cfg, const char *source,
                   const char *data, size_t length);
/* Fills tok, or reports the problem and returns EINVAL (or ENOMEM). */
int xlu__lex_next(struct xlu_lexer *lx, struct xlu_token *tok);
/* Reports "source:line:col: message". */
void xlu__lex_error(const struct xlu_lexer *lx, int line, int col,
                    const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif /* XLU_CFG_LEX_H */
