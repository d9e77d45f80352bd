/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Disk specification strings (xl-disk-configuration(5)), split at commas:
 *
 *   KEY=VALUE   a named parameter from keys[]; "target=" must come last and
 *               takes the rest of the string, commas included
 *   FLAG        a bare word from keys[] (cdrom, discard, trusted, ...)
 *   PREFIX:     xend's "phy:", "file:", "tap:aio:", "raw:", "qcow2:", ...
 *               at the start of an item, stripped (some set format/script)
 *   anything else fills the next unfilled positional slot of
 *               target, format, vdev, access; "hdc:cdrom" in the vdev slot
 *               also sets the device type
 *
 * so "/dev/vg/g,,xvda", "raw:/dev/vg/g,xvda,w" and
 * "vdev=xvda, target=/dev/vg/g" describe the same disk. The format slot is
 * skipped once a format is known (format=, or a deprecated prefix), which
 * is what lets the old "phy:/dev/x,hda,w" form put hda in the vdev slot.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

struct disk_ctx {
    XLU_Config *cfg;
    const char *spec;
    struct xlu_disk *disk;
    bool had_depr_prefix, access_set;
};

struct disk_key {
    const char *name;
    bool has_value;             /* "name=value" rather than a bare flag */
    int (*handle)(struct disk_ctx *c, const struct disk_key *k,
                  const char *value);
    size_t offset;              /* of the field handle sets, if generic */
    int arg;
};

static int disk_err(struct disk_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int disk_err(struct disk_ctx *c, const char *fmt, ...)
{
    char msg[XLU_ERRBUF];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    xlu__report(c->cfg, "%s: disk '%s': %s", c->cfg->config_source, c->spec,
                msg);
    return EINVAL;
}

static const char *const format_names[] = {
    [XLU_DISK_FORMAT_QCOW] = "qcow", [XLU_DISK_FORMAT_QCOW2] = "qcow2",
    [XLU_DISK_FORMAT_VHD] = "vhd", [XLU_DISK_FORMAT_RAW] = "raw",
    [XLU_DISK_FORMAT_EMPTY] = "empty", [XLU_DISK_FORMAT_QED] = "qed",
};
static const char *const backend_names[] = {
    [XLU_DISK_BACKEND_PHY] = "phy", [XLU_DISK_BACKEND_TAP] = "tap",
    [XLU_DISK_BACKEND_QDISK] = "qdisk",
    [XLU_DISK_BACKEND_STANDALONE] = "standalone",
};
static const char *const specification_names[] = {
    [XLU_DISK_SPECIFICATION_XEN] = "xen",
    [XLU_DISK_SPECIFICATION_VIRTIO] = "virtio",
};
static const char *const transport_names[] = {
    [XLU_DISK_TRANSPORT_MMIO] = "mmio",
};

/* Sets an enum from its name; slot 0 is "unknown" and never named. Giving
 * the same value twice is fine, a different one is not. */
static int set_enum(struct disk_ctx *c, const char *what,
                    const char *const *names, int n, int *field,
                    const char *value)
{
    int i;

    for ( i = 1; i < n; i++ )
        if ( names[i] && !strcmp(names[i], value) )
            break;
    if ( i == n )
        return disk_err(c, "unknown %s '%s'", what, value);
    if ( *field && *field != i )
        return disk_err(c, "%s given twice ('%s' then '%s')", what,
                        names[*field], value);
    *field = i;
    return 0;
}

#define NAMES(a) a, (int)(sizeof(a) / sizeof(a[0]))

static int set_format(struct disk_ctx *c, const struct disk_key *k,
                      const char *value)
{
    int v = c->disk->format;
    int rc = set_enum(c, "format", NAMES(format_names), &v,
                      *value ? value : "raw");

    c->disk->format = v;
    return rc;
}

static int set_backendtype(struct disk_ctx *c, const struct disk_key *k,
                           const char *value)
{
    int v = c->disk->backend;
    int rc = set_enum(c, "backendtype", NAMES(backend_names), &v, value);

    c->disk->backend = v;
    return rc;
}

static int set_specification(struct disk_ctx *c, const struct disk_key *k,
                             const char *value)
{
    int v = c->disk->specification;
    int rc = set_enum(c, "specification", NAMES(specification_names), &v,
                      value);

    c->disk->specification = v;
    return rc;
}

static int set_transport(struct disk_ctx *c, const struct disk_key *k,
                         const char *value)
{
    int v = c->disk->transport;
    int rc = set_enum(c, "transport", NAMES(transport_names), &v, value);

    c->disk->transport = v;
    return rc;
}

static int set_access(struct disk_ctx *c, const struct disk_key *k,
                      const char *value)
{
    if ( !strcmp(value, "r") || !strcmp(value, "ro") )
        c->disk->readwrite = false;
    else if ( !*value || !strcmp(value, "w") || !strcmp(value, "rw") )
        c->disk->readwrite = true;
    else
        return disk_err(c, "unknown access '%s' (expected r, ro, w or rw)",
                        value);
    c->access_set = true;
    return 0;
}

static int set_devtype(struct disk_ctx *c, const struct disk_key *k,
                       const char *value)
{
    if ( !strcmp(value, "cdrom") )
        c->disk->is_cdrom = true;
    else if ( !strcmp(value, "disk") )
        c->disk->is_cdrom = false;
    else
        return disk_err(c, "unknown devtype '%s' (expected cdrom or disk)",
                        value);
    return 0;
}

static int set_colo_port(struct disk_ctx *c, const struct disk_key *k,
                         const char *value)
{
    char *end;
    unsigned long port = strtoul(value, &end, 10);

    if ( value[0] < '0' || value[0] > '9' || *end || !port || port > 65535 )
        return disk_err(c, "invalid colo-port '%s'", value);
    c->disk->colo_port = port;
    return 0;
}

static char **field_ptr(struct disk_ctx *c, size_t offset)
{
    return (char **)((char *)c->disk + offset);
}

/* A string may be given once; an empty one may be given again. */
static int save_string(struct disk_ctx *c, const char *what, char **field,
                       const char *value)
{
    char *copy;

    if ( *field && **field )
        return disk_err(c, "%s given twice ('%s' then '%s')", what, *field,
                        value);
    copy = strdup(value);
    if ( !copy )
        return ENOMEM;
    free(*field);
    *field = copy;
    return 0;
}

static int set_string(struct disk_ctx *c, const struct disk_key *k,
                      const char *value)
{
    return save_string(c, k->name, field_ptr(c, k->offset), value);
}

static int set_flag(struct disk_ctx *c, const struct disk_key *k,
                    const char *value)
{
    *(bool *)((char *)c->disk + k->offset) = k->arg;
    return 0;
}

static int set_defbool(struct disk_ctx *c, const struct disk_key *k,
                       const char *value)
{
    *(enum xlu_defbool *)((char *)c->disk + k->offset) = k->arg;
    return 0;
}

#define OFF(f) offsetof(struct xlu_disk, f)
#define VALUE(name, fn) { name, true, fn, 0, 0 }
#define STRING(name, f) { name, true, set_string, OFF(f), 0 }
#define FLAG(name, fn, f, v) { name, false, fn, OFF(f), v }

static const struct disk_key keys[] = {
    VALUE("format", set_format),
    STRING("vdev", vdev),
    VALUE("access", set_access),
    VALUE("devtype", set_devtype),
    STRING("backend", backend_domname),
    VALUE("backendtype", set_backendtype),
    STRING("script", script),
    VALUE("specification", set_specification),
    VALUE("transport", set_transport),
    STRING("colo-host", colo_host),
    VALUE("colo-port", set_colo_port),
    STRING("colo-export", colo_export),
    STRING("active-disk", active_disk),
    STRING("hidden-disk", hidden_disk),
    FLAG("cdrom", set_flag, is_cdrom, true),
    FLAG("direct-io-safe", set_flag, direct_io_safe, true),
    FLAG("discard", set_defbool, discard_enable, XLU_DEFBOOL_TRUE),
    FLAG("no-discard", set_defbool, discard_enable, XLU_DEFBOOL_FALSE),
    FLAG("colo", set_defbool, colo_enable, XLU_DEFBOOL_TRUE),
    FLAG("no-colo", set_defbool, colo_enable, XLU_DEFBOOL_FALSE),
    FLAG("trusted", set_defbool, trusted, XLU_DEFBOOL_TRUE),
    FLAG("untrusted", set_defbool, trusted, XLU_DEFBOOL_FALSE),
    FLAG("grant_usage=1", set_defbool, grant_usage, XLU_DEFBOOL_TRUE),
    FLAG("grant_usage=0", set_defbool, grant_usage, XLU_DEFBOOL_FALSE),
};

/* "hdc:cdrom" in the vdev slot: the vdev and xend's device type. */
static int vdev_and_devtype(struct disk_ctx *c, char *item, bool *done)
{
    char *colon = strrchr(item, ':');
    int rc;

    *done = colon != NULL;
    if ( !colon )
        return 0;
    *colon = '\0';
    rc = save_string(c, "vdev", &c->disk->vdev, item);
    *colon = ':';
    if ( rc )
        return rc;
    if ( !strcmp(colon + 1, "cdrom") )
        c->disk->is_cdrom = true;
    else if ( !strcmp(colon + 1, "disk") )
        c->disk->is_cdrom = false;
    else
        return disk_err(c, "unknown device type '%s' in '%s'", colon + 1,
                        item);
    return 0;
}

static int positional(struct disk_ctx *c, char *item)
{
    struct xlu_disk *d = c->disk;
    bool done;
    int rc;

    if ( !d->pdev_path )
        return save_string(c, "target", &d->pdev_path, item);
    if ( !c->had_depr_prefix && d->format == XLU_DISK_FORMAT_UNKNOWN )
    {
        /* xend's empty cdrom: ",hdc:cdrom,r". */
        if ( !*d->pdev_path )
        {
            rc = vdev_and_devtype(c, item, &done);
            if ( rc || done )
            {
                d->format = XLU_DISK_FORMAT_EMPTY;
                return rc;
            }
        }
        return set_format(c, NULL, item);
    }
    if ( !d->vdev )
    {
        rc = vdev_and_devtype(c, item, &done);
        return rc || done ? rc : save_string(c, "vdev", &d->vdev, item);
    }
    if ( !c->access_set )
        return set_access(c, NULL, item);
    return disk_err(c, "too many positional parameters at '%s'", item);
}

static const char *const ignored_prefixes[] = {
    "tapdisk", "tap", "tap2", "aio", "ioemu", "file", "phy",
};
static const char *const format_prefixes[] = { "raw", "qcow", "qcow2", "vhd" };
static const char *const script_prefixes[] = { "iscsi", "nbd", "enbd", "drbd" };

static bool in(const char *const *names, int n, const char *s, size_t len)
{
    int i;

    for ( i = 0; i < n; i++ )
        if ( strlen(names[i]) == len && !strncmp(names[i], s, len) )
            return true;
    return false;
}

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static bool is_alnum(char c)
{
    return is_lower(c) || (c >= '0' && c <= '9');
}

/*
 * A deprecated "word:" prefix at s: sets *used to its length, or to 0 if
 * s does not start with one. A known word always counts; an unknown one
 * followed by a letter or digit is left alone, since "hdc:cdrom" is a vdev.
 */
static int strip_prefix(struct disk_ctx *c, const char *s, size_t *used)
{
    char word[16], script[24];
    size_t n = 0;
    int rc = 0;

    *used = 0;
    while ( is_alnum(s[n]) && (n || is_lower(s[n])) )
        n++;
    if ( !n || s[n] != ':' )
        return 0;
    snprintf(word, sizeof(word), "%.*s", (int)n, s);

    if ( in(NAMES(format_prefixes), s, n) )
        rc = set_format(c, NULL, word);
    else if ( in(NAMES(script_prefixes), s, n) )
    {
        snprintf(script, sizeof(script), "block-%s", word);
        rc = save_string(c, "script", &c->disk->script, script);
    }
    else if ( !in(NAMES(ignored_prefixes), s, n) )
    {
        if ( is_alnum(s[n + 1]) )
            return 0;
        return disk_err(c, "unknown deprecated prefix '%.*s:'", (int)n, s);
    }
    c->had_depr_prefix = true;
    *used = n + 1;
    return rc;
}

static int parse_item(struct disk_ctx *c, char *item)
{
    const char *eq = strchr(item, '=');
    const struct disk_key *k;

    for ( k = keys; k < keys + sizeof(keys) / sizeof(keys[0]); k++ )
    {
        if ( !k->has_value && !strcmp(item, k->name) )
            return k->handle(c, k, NULL);
        if ( k->has_value && eq && strlen(k->name) == (size_t)(eq - item) &&
             !strncmp(item, k->name, eq - item) )
            return k->handle(c, k, eq + 1);
    }
    if ( eq )
        return disk_err(c, "unknown parameter '%s'", item);
    return positional(c, item);
}

/* "target=" takes the rest of the spec; a final comma is not part of it. */
static int set_target(struct disk_ctx *c, const char *value)
{
    size_t len = strlen(value);
    char *copy;
    int rc;

    if ( len && value[len - 1] == ',' )
        len--;
    copy = strndup(value, len);
    if ( !copy )
        return ENOMEM;
    rc = save_string(c, "target", &c->disk->pdev_path, copy);
    free(copy);
    return rc;
}

static int parse_one(struct disk_ctx *c, const char *spec)
{
    const char *s = spec, *comma;
    size_t used, len;
    char *item;
    int rc = 0;

    c->spec = spec;
    while ( !rc )
    {
        s += strspn(s, " \t\n");
        if ( !*s )
            break;
        if ( !strncmp(s, "target=", 7) )
            return set_target(c, s + 7);
        rc = strip_prefix(c, s, &used);
        if ( rc || used )
        {
            s += used;
            continue;
        }
        comma = strchr(s, ',');
        len = comma ? (size_t)(comma - s) : strlen(s);
        item = strndup(s, len);
        rc = item ? parse_item(c, item) : ENOMEM;
        free(item);
        s += len + (comma != NULL);
    }
    return rc;
}

/* Defaults and the checks that need the whole spec. */
static int finish(struct disk_ctx *c)
{
    struct xlu_disk *d = c->disk;

    if ( d->format == XLU_DISK_FORMAT_UNKNOWN )
        d->format = XLU_DISK_FORMAT_RAW;
    if ( d->is_cdrom )
    {
        d->removable = true;
        d->readwrite = false;
        if ( !d->pdev_path || !*d->pdev_path )
            d->format = XLU_DISK_FORMAT_EMPTY;
    }
    if ( !d->vdev || !*d->vdev )
        return disk_err(c, "no vdev specified");
    if ( !d->pdev_path && !d->removable )
        return disk_err(c, "no target specified (only a cdrom may be empty)");
    return 0;
}

int xlu_disk_parse(XLU_Config *cfg, int nspecs, const char *const *specs,
                   struct xlu_disk *disk)
{
    struct disk_ctx c = { .cfg = cfg, .spec = "", .disk = disk };
    int i, rc;

    disk->readwrite = true;
    for ( i = 0; i < nspecs; i++ )
    {
        rc = parse_one(&c, specs[i]);
        if ( rc )
            return rc;
    }
    return finish(&c);
}

void xlu_disk_init(struct xlu_disk *disk)
{
    memset(disk, 0, sizeof(*disk));
    disk->readwrite = true;
}

void xlu_disk_dispose(struct xlu_disk *disk)
{
    free(disk->pdev_path);
    free(disk->vdev);
    free(disk->backend_domname);
    free(disk->script);
    free(disk->colo_host);
    free(disk->colo_export);
    free(disk->active_disk);
    free(disk->hidden_disk);
    xlu_disk_init(disk);
}
