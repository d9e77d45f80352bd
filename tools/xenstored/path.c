/* SPDX-License-Identifier: GPL-2.0-only */
/* Xenstore path rules (see path.h). Limits follow C xenstored 4.17: 3072
 * bytes for any path, and a per-domain quota on the part below a domain's
 * home so that guests cannot build arbitrarily deep trees. */
#include <stdio.h>
#include <string.h>

#include "path.h"

static const char path_chars[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/_@";

/* Length of a leading "/local/domain/<1 to 5 digits>/", or 0. */
static size_t domain_prefix_len(const char *path)
{
    static const char pfx[] = "/local/domain/";
    size_t start = sizeof(pfx) - 1, i = start;

    if ( strncmp(path, pfx, start) )
        return 0;
    while ( path[i] >= '0' && path[i] <= '9' )
        i++;
    if ( i == start || i - start > 5 || path[i] != '/' )
        return 0;
    return i + 1;
}

bool xs_path_valid(const char *path, unsigned int rel_max)
{
    size_t len = strlen(path);

    if ( path[0] != '/' )
        return false;
    if ( len > 1 && path[len - 1] == '/' )
        return false;
    if ( strstr(path, "//") )
        return false;
    if ( len > XENSTORE_ABS_PATH_MAX )
        return false;
    if ( rel_max && len - domain_prefix_len(path) > rel_max )
        return false;
    return strspn(path, path_chars) == len;
}

int xs_path_canonical(const char *home, const char *in, char *out)
{
    int n;

    if ( in[0] == '/' || in[0] == '@' )
        n = snprintf(out, XS_PATH_BUF, "%s", in);
    else
        n = snprintf(out, XS_PATH_BUF, "%s/%s", home, in);
    return n < 0 || n >= XS_PATH_BUF ? -1 : 0;
}

void xs_path_parent(const char *path, char *out)
{
    const char *slash = strrchr(path + 1, '/');
    size_t len = slash ? (size_t)(slash - path) : 1;

    memmove(out, path, len);
    out[len] = '\0';
}

const char *xs_path_basename(const char *path)
{
    return strrchr(path, '/') + 1;
}

bool xs_path_is_child(const char *child, const char *parent)
{
    size_t len = strlen(parent);

    if ( !strcmp(parent, "/") )
        return true;
    if ( strncmp(child, parent, len) )
        return false;
    return child[len] == '/' || child[len] == '\0';
}

int xs_path_join(const char *parent, const char *name, char *out)
{
    int n;

    if ( !strcmp(parent, "/") )
        n = snprintf(out, XS_PATH_BUF, "/%s", name);
    else
        n = snprintf(out, XS_PATH_BUF, "%s/%s", parent, name);
    return n < 0 || n >= XS_PATH_BUF ? -1 : 0;
}
