/* SPDX-License-Identifier: GPL-2.0-only */
/* The xl.cfg lexer: turns bytes into tokens, decoding quoted strings, and
 * names the Python (xend) leftovers that xl.cfg no longer accepts. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_lex.h"

void xlu__lex_init(struct xlu_lexer *lx, XLU_Config *cfg, const char *source,
                   const char *data, size_t length)
{
    lx->cfg = cfg;
    lx->source = source;
    lx->p = data;
    lx->end = data + length;
    lx->line_start = data;
    lx->line = 1;
}

void xlu__lex_error(const struct xlu_lexer *lx, int line, int col,
                    const char *fmt, ...)
{
    char msg[XLU_ERRBUF];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    xlu__report(lx->cfg, "%s:%d:%d: %s", lx->source, line, col, msg);
}

static int col_of(const struct xlu_lexer *lx, const char *at)
{
    return at - lx->line_start + 1;
}

/* A byte as it should appear quoted in a message. */
static const char *show_char(unsigned char c, char buf[8])
{
    if ( c > ' ' && c < 0x7f )
        snprintf(buf, 8, "%c", c);
    else
        snprintf(buf, 8, "\\x%02x", c);
    return buf;
}

static bool is_octal(char c)
{
    return c >= '0' && c <= '7';
}

static int hex_value(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'f' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'F' )
        return c - 'A' + 10;
    return -1;
}

/*
 * Decodes the escape whose backslash is at *sp, stopping before close;
 * stores the byte and moves *sp past the escape. A decoded NUL is refused:
 * it would silently cut the C string short.
 */
static int decode_escape(struct xlu_lexer *lx, const char **sp,
                         const char *close, char *out)
{
    static const char simple[] = "\\\\''\"\"a\ab\bf\fn\nr\rt\tv\v";
    const char *bs = *sp, *s = bs + 1;
    char e = *s++, buf[8];
    unsigned int v = 0;
    int i;

    for ( i = 0; simple[i]; i += 2 )
        if ( simple[i] == e )
        {
            *out = simple[i + 1];
            *sp = s;
            return 0;
        }

    if ( e == 'x' )
    {
        if ( close - s < 2 || hex_value(s[0]) < 0 || hex_value(s[1]) < 0 )
        {
            xlu__lex_error(lx, lx->line, col_of(lx, bs),
                           "'\\x' must be followed by two hex digits");
            return EINVAL;
        }
        v = hex_value(s[0]) * 16 + hex_value(s[1]);
        s += 2;
    }
    else if ( is_octal(e) )
    {
        v = e - '0';
        for ( i = 1; i < 3 && s < close && is_octal(*s); i++ )
            v = v * 8 + (*s++ - '0');
        if ( v > 0xff )
        {
            xlu__lex_error(lx, lx->line, col_of(lx, bs),
                           "octal escape '%.*s' is above \\377",
                           (int)(s - bs), bs);
            return EINVAL;
        }
    }
    else
    {
        xlu__lex_error(lx, lx->line, col_of(lx, bs),
                       "unknown escape '\\%s' in string", show_char(e, buf));
        return EINVAL;
    }

    if ( v == 0 )
    {
        xlu__lex_error(lx, lx->line, col_of(lx, bs),
                       "escape '%.*s' is a NUL character, which a string "
                       "cannot hold", (int)(s - bs), bs);
        return EINVAL;
    }
    *out = v;
    *sp = s;
    return 0;
}

/* The closing quote of the string opening at open, or NULL if the line or
 * the input ends first. A backslash always takes the next byte with it. */
static const char *find_close(const struct xlu_lexer *lx, const char *open)
{
    const char *s = open + 1;

    while ( s < lx->end && *s != '\n' )
    {
        if ( *s == *open )
            return s;
        if ( *s == '\\' )
        {
            if ( s + 1 >= lx->end || s[1] == '\n' )
                return NULL;
            s++;
        }
        s++;
    }
    return NULL;
}

static int lex_string(struct xlu_lexer *lx, struct xlu_token *tok)
{
    const char *open = lx->p, *close = find_close(lx, open), *s;
    char *q;
    int rc;

    if ( !close )
    {
        xlu__lex_error(lx, tok->line, tok->col, "unterminated string");
        return EINVAL;
    }
    tok->text = q = malloc(close - open);
    if ( !q )
        return ENOMEM;

    for ( s = open + 1; s < close; q++ )
    {
        if ( *s == '\\' )
        {
            rc = decode_escape(lx, &s, close, q);
            if ( rc )
                return rc;
        }
        else if ( *s == '\0' )
        {
            xlu__lex_error(lx, lx->line, col_of(lx, s),
                           "NUL byte inside a string");
            return EINVAL;
        }
        else
            *q = *s++;
    }
    *q = '\0';
    tok->kind = TOK_STRING;
    lx->p = close + 1;
    return 0;
}

static bool in_ident(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.';
}

static bool in_number(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == 'x';
}

/* IDENT and NUMBER: a first byte already checked, then a run of others. */
static int lex_word(struct xlu_lexer *lx, struct xlu_token *tok,
                    enum xlu_tok kind, bool (*more)(char))
{
    const char *s = lx->p + 1;

    while ( s < lx->end && more(*s) )
        s++;
    tok->text = strndup(lx->p, s - lx->p);
    if ( !tok->text )
        return ENOMEM;
    tok->kind = kind;
    lx->p = s;
    return 0;
}

/* Bytes that start no token. xend's files were Python, and these are the
 * marks of Python expressions, so say so. */
static int bad_char(struct xlu_lexer *lx, const struct xlu_token *tok)
{
    char c = *lx->p, buf[8];

    if ( c == '(' || c == ')' )
        xlu__lex_error(lx, tok->line, tok->col, "'%c' here looks like Python "
                       "(xend) syntax; xl.cfg uses [ ] lists", c);
    else if ( c == '+' || c == '-' || c == '.' || c == ':' )
        xlu__lex_error(lx, tok->line, tok->col, "'%c' outside quotes looks "
                       "like Python (xend) syntax; quote string values", c);
    else if ( c == '\r' )
        xlu__lex_error(lx, tok->line, tok->col,
                       "carriage return: DOS line endings are not accepted");
    else
        xlu__lex_error(lx, tok->line, tok->col, "unexpected character '%s'",
                       show_char(c, buf));
    return EINVAL;
}

static void skip_blanks(struct xlu_lexer *lx)
{
    while ( lx->p < lx->end )
    {
        if ( *lx->p == ' ' || *lx->p == '\t' )
            lx->p++;
        else if ( *lx->p == '#' )
        {
            while ( lx->p < lx->end && *lx->p != '\n' )
                lx->p++;
        }
        else
            break;
    }
}

static int single(struct xlu_lexer *lx, struct xlu_token *tok,
                  enum xlu_tok kind, int len)
{
    tok->kind = kind;
    lx->p += len;
    return 0;
}

int xlu__lex_next(struct xlu_lexer *lx, struct xlu_token *tok)
{
    char c;

    skip_blanks(lx);
    tok->text = NULL;
    tok->line = lx->line;
    tok->col = col_of(lx, lx->p);
    if ( lx->p >= lx->end )
        return single(lx, tok, TOK_EOF, 0);

    c = *lx->p;
    switch ( c )
    {
    case '\n':
        single(lx, tok, TOK_NEWLINE, 1);
        lx->line++;
        lx->line_start = lx->p;
        return 0;
    case ';': return single(lx, tok, TOK_SEMI, 1);
    case ',': return single(lx, tok, TOK_COMMA, 1);
    case '=': return single(lx, tok, TOK_ASSIGN, 1);
    case '[': return single(lx, tok, TOK_LBRACKET, 1);
    case ']': return single(lx, tok, TOK_RBRACKET, 1);
    case '"':
    case '\'':
        return lex_string(lx, tok);
    case '+':
        if ( lx->p + 1 < lx->end && lx->p[1] == '=' )
            return single(lx, tok, TOK_APPEND, 2);
        break;
    }
    if ( c >= 'a' && c <= 'z' )
        return lex_word(lx, tok, TOK_IDENT, in_ident);
    if ( c >= '0' && c <= '9' )
        return lex_word(lx, tok, TOK_NUMBER, in_number);
    return bad_char(lx, tok);
}

/* Shared with the spec parsers (vdev.c, vif.c). */
bool xlu__decimal(const char **s, uint64_t max, uint64_t *out)
{
    const char *p = *s;
    uint64_t v = 0;

    if ( !xlu__is_digit(*p) )
        return false;
    for ( ; xlu__is_digit(*p); p++ )
    {
        v = v * 10 + (*p - '0');
        if ( v > max )
            return false;
    }
    *s = p;
    *out = v;
    return true;
}
