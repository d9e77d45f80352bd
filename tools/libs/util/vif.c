/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vif specification strings (xl-network-configuration(5)): comma-separated
 * "key=value" items and the flags trusted/untrusted, e.g.
 * "mac=00:16:3e:74:3d:76,bridge=xenbr1,rate=10Mb/s@20ms". Empty items and
 * spaces before an item are ignored, as xl does; an unknown key is an
 * error. The rate limit is credit based: "1MB/s@20ms" allows 20000 bytes
 * in each 20000 us.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "private.h"

#define DEFAULT_INTERVAL_US 50000

static int vif_err(const XLU_Config *cfg, const char *what, const char *spec,
                   const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int vif_err(const XLU_Config *cfg, const char *what, const char *spec,
                   const char *fmt, ...)
{
    char msg[XLU_ERRBUF];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    xlu__report(cfg, "%s: %s '%s': %s", cfg->config_source, what, spec, msg);
    return EINVAL;
}

/* N[GMK]{B,b}/s, in bytes per second: the multipliers are decimal and b
 * counts bits. N is 1 to 2^32-1, as in libxlutil. */
static int rate_bytes(const XLU_Config *cfg, const char *rate, const char *s,
                      uint64_t *bps)
{
    uint64_t v;

    if ( !xlu__decimal(&s, UINT32_MAX, &v) || !v )
        return vif_err(cfg, "vif rate", rate, "the number must be 1 to %u",
                       UINT32_MAX);
    switch ( *s )
    {
    case 'G': v *= 1000000000; s++; break;
    case 'M': v *= 1000000; s++; break;
    case 'K': v *= 1000; s++; break;
    }
    if ( (*s != 'B' && *s != 'b') || strcmp(s + 1, "/s") )
        return vif_err(cfg, "vif rate", rate, "expected N[GMK]B/s (bytes) or "
                       "N[GMK]b/s (bits) before any '@'");
    *bps = *s == 'b' ? v / 8 : v;
    return 0;
}

/* N followed by s (also without a unit), m[s] or u[s], in microseconds. */
static int rate_interval(const XLU_Config *cfg, const char *rate,
                         const char *s, uint32_t *usecs)
{
    uint64_t v, scale = 1000000;

    if ( !xlu__decimal(&s, UINT32_MAX, &v) || !v )
        return vif_err(cfg, "vif rate", rate, "the interval must be a "
                       "number from 1 to %u with s, ms or us", UINT32_MAX);
    if ( *s == 'm' || *s == 'u' )
        scale = *s++ == 'm' ? 1000 : 1;
    if ( *s == 's' )
        s++;
    if ( *s )
        return vif_err(cfg, "vif rate", rate, "unknown interval unit "
                       "(expected s, ms or us)");
    if ( v * scale > UINT32_MAX )
        return vif_err(cfg, "vif rate", rate, "the interval is over %u us",
                       UINT32_MAX);
    *usecs = v * scale;
    return 0;
}

int xlu_vif_parse_rate(XLU_Config *cfg, const char *rate,
                       uint64_t *bytes_per_interval, uint32_t *interval_usecs)
{
    const char *at = strchr(rate, '@');
    uint32_t usecs = DEFAULT_INTERVAL_US;
    uint64_t bps = 0, per;
    char *bytes;
    int rc;

    bytes = strndup(rate, at ? (size_t)(at - rate) : strlen(rate));
    if ( !bytes )
        return ENOMEM;
    if ( !*bytes )
        rc = vif_err(cfg, "vif rate", rate, "no rate given");
    else
        rc = rate_bytes(cfg, rate, bytes, &bps);
    free(bytes);
    if ( !rc && at )
        rc = rate_interval(cfg, rate, at + 1, &usecs);
    if ( rc )
        return rc;

    /* 4294967295GB/s over an hour does not fit. */
    if ( bps > UINT64_MAX / usecs )
        return vif_err(cfg, "vif rate", rate, "rate overflow");
    per = bps * usecs / 1000000;
    /* Zero means "no limit" to netback: a tiny limit must not become none. */
    if ( !per )
        return vif_err(cfg, "vif rate", rate, "less than one byte per "
                       "interval");
    *bytes_per_interval = per;
    *interval_usecs = usecs;
    return 0;
}

/* The COLO (fault tolerance) settings xl passes through untouched. */
static const char *const colo_keys[XLU_VIF_NR_COLO] = {
    "colo_sock_mirror_id", "colo_sock_mirror_ip", "colo_sock_mirror_port",
    "colo_sock_compare_sec_in_id", "colo_sock_compare_sec_in_ip",
    "colo_sock_compare_sec_in_port",
    "colo_sock_redirector0_id", "colo_sock_redirector0_ip",
    "colo_sock_redirector0_port",
    "colo_sock_redirector1_id", "colo_sock_redirector1_ip",
    "colo_sock_redirector1_port",
    "colo_sock_redirector2_id", "colo_sock_redirector2_ip",
    "colo_sock_redirector2_port",
    "colo_sock_compare_pri_in_id", "colo_sock_compare_pri_in_ip",
    "colo_sock_compare_pri_in_port",
    "colo_sock_compare_notify_id", "colo_sock_compare_notify_ip",
    "colo_sock_compare_notify_port",
    "colo_filter_mirror_queue", "colo_filter_mirror_outdev",
    "colo_filter_redirector0_queue", "colo_filter_redirector0_indev",
    "colo_filter_redirector0_outdev",
    "colo_filter_redirector1_queue", "colo_filter_redirector1_indev",
    "colo_filter_redirector1_outdev",
    "colo_compare_pri_in", "colo_compare_sec_in", "colo_compare_out",
    "colo_compare_notify_dev",
    "colo_sock_sec_redirector0_id", "colo_sock_sec_redirector0_ip",
    "colo_sock_sec_redirector0_port",
    "colo_sock_sec_redirector1_id", "colo_sock_sec_redirector1_ip",
    "colo_sock_sec_redirector1_port",
    "colo_filter_sec_redirector0_queue", "colo_filter_sec_redirector0_indev",
    "colo_filter_sec_redirector0_outdev",
    "colo_filter_sec_redirector1_queue", "colo_filter_sec_redirector1_indev",
    "colo_filter_sec_redirector1_outdev",
    "colo_filter_sec_rewriter0_queue",
    "colo_checkpoint_host", "colo_checkpoint_port",
};

const char *xlu_vif_colo_key(int i)
{
    return i >= 0 && i < XLU_VIF_NR_COLO ? colo_keys[i] : NULL;
}

struct vif_ctx {
    XLU_Config *cfg;
    const char *spec;
    struct xlu_vif *vif;
};

struct vif_key {
    const char *name;
    int (*handle)(struct vif_ctx *c, const struct vif_key *k,
                  const char *value);
    size_t offset;              /* of the string set_string replaces */
};

static int replace(char **field, const char *value)
{
    char *copy = strdup(value);

    if ( !copy )
        return ENOMEM;
    free(*field);
    *field = copy;
    return 0;
}

static int set_string(struct vif_ctx *c, const struct vif_key *k,
                      const char *value)
{
    return replace((char **)((char *)c->vif + k->offset), value);
}

static int set_netdev(struct vif_ctx *c, const struct vif_key *k,
                      const char *value)
{
    xlu__warn(c->cfg, "%s: vif '%s': netdev is deprecated, use gatewaydev",
              c->cfg->config_source, c->spec);
    return replace(&c->vif->gatewaydev, value);
}

static int set_accel(struct vif_ctx *c, const struct vif_key *k,
                     const char *value)
{
    xlu__warn(c->cfg, "%s: vif '%s': accel is not supported, ignored",
              c->cfg->config_source, c->spec);
    return 0;
}

static int set_type(struct vif_ctx *c, const struct vif_key *k,
                    const char *value)
{
    if ( !strcmp(value, "vif") )
        c->vif->nictype = XLU_NIC_TYPE_VIF;
    else if ( !strcmp(value, "ioemu") )
        c->vif->nictype = XLU_NIC_TYPE_VIF_IOEMU;
    else
        return vif_err(c->cfg, "vif", c->spec, "invalid type '%s' (expected "
                       "vif or ioemu)", value);
    return 0;
}

static int hex_digit(char ch)
{
    if ( xlu__is_digit(ch) )
        return ch - '0';
    if ( ch >= 'a' && ch <= 'f' )
        return ch - 'a' + 10;
    if ( ch >= 'A' && ch <= 'F' )
        return ch - 'A' + 10;
    return -1;
}

/* Six bytes of one or two hex digits, separated by colons. */
static int set_mac(struct vif_ctx *c, const struct vif_key *k,
                   const char *value)
{
    const char *s = value;
    uint8_t mac[6];
    int i;

    for ( i = 0; i < 6; i++ )
    {
        if ( hex_digit(*s) < 0 )
            break;
        mac[i] = hex_digit(*s++);
        if ( hex_digit(*s) >= 0 )
            mac[i] = mac[i] * 16 + hex_digit(*s++);
        if ( i < 5 && *s++ != ':' )
            break;
    }
    if ( i < 6 || *s )
        return vif_err(c->cfg, "vif", c->spec, "invalid mac '%s' (expected "
                       "six hex bytes like 00:16:3e:12:34:56)", value);
    memcpy(c->vif->mac, mac, sizeof(mac));
    c->vif->mac_set = true;
    return 0;
}

static int set_devid(struct vif_ctx *c, const struct vif_key *k,
                     const char *value)
{
    const char *s = value;
    uint64_t v;

    if ( !xlu__decimal(&s, INT_MAX, &v) || *s )
        return vif_err(c->cfg, "vif", c->spec, "invalid devid '%s'", value);
    c->vif->devid = v;
    return 0;
}

static int set_mtu(struct vif_ctx *c, const struct vif_key *k,
                   const char *value)
{
    const char *s = value;
    uint64_t v;

    if ( !xlu__decimal(&s, 65535, &v) || *s || !v )
        return vif_err(c->cfg, "vif", c->spec, "invalid mtu '%s' (expected "
                       "1 to 65535)", value);
    c->vif->mtu = v;
    return 0;
}

static int set_rate(struct vif_ctx *c, const struct vif_key *k,
                    const char *value)
{
    return xlu_vif_parse_rate(c->cfg, value, &c->vif->rate_bytes_per_interval,
                              &c->vif->rate_interval_usecs);
}

#define STRING(name, f) { name, set_string, offsetof(struct xlu_vif, f) }

static const struct vif_key keys[] = {
    { "mac", set_mac, 0 },
    STRING("bridge", bridge),
    { "type", set_type, 0 },
    STRING("model", model),
    STRING("vifname", vifname),
    STRING("script", script),
    STRING("ip", ip),
    STRING("gatewaydev", gatewaydev),
    { "netdev", set_netdev, 0 },
    STRING("backend", backend_domname),
    { "rate", set_rate, 0 },
    { "devid", set_devid, 0 },
    { "mtu", set_mtu, 0 },
    STRING("forwarddev", forwarddev),
    { "accel", set_accel, 0 },
};

static int vif_item(struct vif_ctx *c, const char *item)
{
    const char *eq = strchr(item, '=');
    size_t n = eq ? (size_t)(eq - item) : 0;
    unsigned int i;

    if ( !strcmp(item, "trusted") || !strcmp(item, "untrusted") )
    {
        c->vif->trusted = item[0] == 't' ? XLU_DEFBOOL_TRUE
                                         : XLU_DEFBOOL_FALSE;
        return 0;
    }
    if ( !eq )
        return vif_err(c->cfg, "vif", c->spec, "'%s' is not key=value",
                       item);
    for ( i = 0; i < sizeof(keys) / sizeof(keys[0]); i++ )
        if ( strlen(keys[i].name) == n && !strncmp(item, keys[i].name, n) )
            return keys[i].handle(c, &keys[i], eq + 1);
    for ( i = 0; i < XLU_VIF_NR_COLO; i++ )
        if ( strlen(colo_keys[i]) == n && !strncmp(item, colo_keys[i], n) )
            return replace(&c->vif->colo[i], eq + 1);
    return vif_err(c->cfg, "vif", c->spec, "unknown key '%.*s'", (int)n,
                   item);
}

int xlu_vif_parse(XLU_Config *cfg, const char *spec, struct xlu_vif *vif)
{
    struct vif_ctx c = { .cfg = cfg, .spec = spec, .vif = vif };
    const char *s = spec;
    char *item;
    size_t len;
    int rc = 0;

    while ( !rc && *s )
    {
        s += strspn(s, ", ");
        len = strcspn(s, ",");
        if ( !len )
            continue;
        item = strndup(s, len);
        rc = item ? vif_item(&c, item) : ENOMEM;
        free(item);
        s += len;
    }
    return rc;
}

void xlu_vif_init(struct xlu_vif *vif)
{
    memset(vif, 0, sizeof(*vif));
    vif->devid = -1;
}

void xlu_vif_dispose(struct xlu_vif *vif)
{
    int i;

    free(vif->bridge);
    free(vif->model);
    free(vif->vifname);
    free(vif->script);
    free(vif->ip);
    free(vif->gatewaydev);
    free(vif->backend_domname);
    free(vif->forwarddev);
    for ( i = 0; i < XLU_VIF_NR_COLO; i++ )
        free(vif->colo[i]);
    xlu_vif_init(vif);
}
