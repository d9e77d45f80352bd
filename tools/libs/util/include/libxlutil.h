/* SPDX-License-Identifier: GPL-2.0-only */
/* The xl.cfg parser and the disk and vif specification parsers. The calls
 * keep the names and conventions of Xen's libxlutil so xl reads the same. */
#ifndef LIBXLUTIL_H
#define LIBXLUTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Every int-returning call returns 0 or an errno value:
 *   ESRCH   the key is not set
 *   EINVAL  bad syntax, or the value has the wrong type or form
 *   ERANGE  a number outside what was asked for (or outside a long)
 *   ENOMEM  out of memory
 * Problems are reported as one line "SOURCE:LINE[:COL]: problem" on the
 * stream given to xlu_cfg_init (if any), and the last one is kept for
 * xlu_cfg_last_error. With dont_warn set, a getter reports nothing when
 * the value has the wrong type or form; it still returns the error.
 */

typedef struct XLU_Config XLU_Config;
typedef struct XLU_ConfigList XLU_ConfigList;
typedef struct XLU_ConfigValue XLU_ConfigValue;

enum XLU_ConfigValueType {
    XLU_STRING,                 /* quoted strings and numbers, kept as text */
    XLU_LIST,
};

/* libxl's three-state boolean: not given, false or true. */
enum xlu_defbool {
    XLU_DEFBOOL_FALSE = -1,
    XLU_DEFBOOL_UNSET = 0,
    XLU_DEFBOOL_TRUE = 1,
};

/* ---- configuration files ------------------------------------------------ */

/* report may be NULL; report_source names the file in messages. */
XLU_Config *xlu_cfg_init(FILE *report, const char *report_source);
void xlu_cfg_destroy(XLU_Config *cfg);

/* Each read adds to what earlier reads set: a later "=" replaces, "+="
 * appends. After a failed read only xlu_cfg_destroy is meaningful. */
int xlu_cfg_readfile(XLU_Config *cfg, const char *real_filename);
int xlu_cfg_readdata(XLU_Config *cfg, const char *data, int length);
/* A "key=value" from xl's command line, read with the same grammar after
 * the file; messages name the source "<command line>". */
int xlu_cfg_override(XLU_Config *cfg, const char *assignment);

/* The last problem reported, without a newline; "" if none. */
const char *xlu_cfg_last_error(const XLU_Config *cfg);

int xlu_cfg_get_string(const XLU_Config *cfg, const char *n,
                       const char **value_r, int dont_warn);
/* Frees *value_r and stores a copy of the value. */
int xlu_cfg_replace_string(const XLU_Config *cfg, const char *n,
                           char **value_r, int dont_warn);
/* strtol(value, 0): decimal, 0x hexadecimal or 0 octal. */
int xlu_cfg_get_long(const XLU_Config *cfg, const char *n, long *value_r,
                     int dont_warn);
int xlu_cfg_get_bounded_long(const XLU_Config *cfg, const char *n, long min,
                             long max, long *value_r, int dont_warn);
/* A number: 0 is false, anything else true. */
int xlu_cfg_get_defbool(const XLU_Config *cfg, const char *n,
                        enum xlu_defbool *b, int dont_warn);
/* As get_long / get_defbool, but an unset key gives def and returns 0. */
int xlu_cfg_get_long_default(const XLU_Config *cfg, const char *n, long def,
                             long *value_r);
int xlu_cfg_get_bool_default(const XLU_Config *cfg, const char *n, bool def,
                             bool *value_r);

/* The list stays owned by cfg; list_r and entries_r may be NULL. */
int xlu_cfg_get_list(const XLU_Config *cfg, const char *n,
                     XLU_ConfigList **list_r, int *entries_r, int dont_warn);
/* A malloc'd NULL-terminated copy, free it with xlu_string_list_free; a
 * nested list among the items is EINVAL. */
int xlu_cfg_get_list_as_string_list(const XLU_Config *cfg, const char *n,
                                    char ***sl_r, int dont_warn);
void xlu_string_list_free(char **sl);
int xlu_cfg_list_length(const XLU_ConfigList *list);
/* NULL when entry is out of range or is itself a list. */
const char *xlu_cfg_get_listitem(const XLU_ConfigList *list, int entry);
XLU_ConfigValue *xlu_cfg_get_listitem2(const XLU_ConfigList *list, int entry);

enum XLU_ConfigValueType xlu_cfg_value_type(const XLU_ConfigValue *value);
int xlu_cfg_value_get_string(const XLU_Config *cfg, XLU_ConfigValue *value,
                             char **value_r, int dont_warn);
int xlu_cfg_value_get_list(const XLU_Config *cfg, XLU_ConfigValue *value,
                           XLU_ConfigList **value_r, int dont_warn);

/* The keys set so far, each once, in the order they were first set. */
int xlu_cfg_nr_keys(const XLU_Config *cfg);
const char *xlu_cfg_key(const XLU_Config *cfg, int i);
XLU_ConfigValue *xlu_cfg_get_value(const XLU_Config *cfg, const char *n);

/* ---- disk specifications (xl-disk-configuration(5)) -------------------- */

/* Values as libxl numbers them. */
enum xlu_disk_format {
    XLU_DISK_FORMAT_UNKNOWN, XLU_DISK_FORMAT_QCOW, XLU_DISK_FORMAT_QCOW2,
    XLU_DISK_FORMAT_VHD, XLU_DISK_FORMAT_RAW, XLU_DISK_FORMAT_EMPTY,
    XLU_DISK_FORMAT_QED,
};
enum xlu_disk_backend {
    XLU_DISK_BACKEND_UNKNOWN, XLU_DISK_BACKEND_PHY, XLU_DISK_BACKEND_TAP,
    XLU_DISK_BACKEND_QDISK, XLU_DISK_BACKEND_STANDALONE,
};
enum xlu_disk_specification {
    XLU_DISK_SPECIFICATION_UNKNOWN, XLU_DISK_SPECIFICATION_XEN,
    XLU_DISK_SPECIFICATION_VIRTIO,
};
enum xlu_disk_transport {
    XLU_DISK_TRANSPORT_UNKNOWN, XLU_DISK_TRANSPORT_MMIO,
};

struct xlu_disk {
    char *pdev_path;            /* target as written; "" = empty cdrom */
    char *vdev;
    char *backend_domname;      /* NULL: domain 0 */
    char *script;
    char *colo_host, *colo_export, *active_disk, *hidden_disk;
    int colo_port;
    enum xlu_disk_format format;            /* RAW unless given */
    enum xlu_disk_backend backend;          /* UNKNOWN: toolstack decides */
    enum xlu_disk_specification specification;
    enum xlu_disk_transport transport;
    bool readwrite, is_cdrom, removable, direct_io_safe;
    enum xlu_defbool discard_enable, colo_enable, trusted, grant_usage;
};

void xlu_disk_init(struct xlu_disk *disk);
void xlu_disk_dispose(struct xlu_disk *disk);
/* Parses nspecs strings that together describe one disk (normally one).
 * cfg gives the source name for messages. */
int xlu_disk_parse(XLU_Config *cfg, int nspecs, const char *const *specs,
                   struct xlu_disk *disk);
/* The xenstore device number of a vdev (xvdb3, hda, sdc, d5p2 or a raw
 * number), or -1 if it is not one. disk_r/partition_r (may be NULL) get
 * the decoded disk and partition, or -1 when a raw number has no known
 * encoding. */
int xlu_disk_dev_number(const char *vdev, int *disk_r, int *partition_r);

/* ---- vif specifications (xl-network-configuration(5)) ------------------ */

enum xlu_nic_type {
    XLU_NIC_TYPE_UNKNOWN, XLU_NIC_TYPE_VIF_IOEMU, XLU_NIC_TYPE_VIF,
};

#define XLU_VIF_NR_COLO 48

struct xlu_vif {
    int devid;                  /* -1: the toolstack picks the next one */
    bool mac_set;               /* false: the toolstack picks 00:16:3e:... */
    uint8_t mac[6];
    char *bridge, *model, *vifname, *script, *ip, *gatewaydev;
    char *backend_domname, *forwarddev;
    char *colo[XLU_VIF_NR_COLO];            /* indexed as xlu_vif_colo_key */
    enum xlu_nic_type nictype;
    unsigned int mtu;           /* 0: unset */
    uint64_t rate_bytes_per_interval;       /* 0: no limit */
    uint32_t rate_interval_usecs;
    enum xlu_defbool trusted;
};

void xlu_vif_init(struct xlu_vif *vif);
void xlu_vif_dispose(struct xlu_vif *vif);
/* Items of spec override what vif already holds (xl.conf defaults). */
int xlu_vif_parse(XLU_Config *cfg, const char *spec, struct xlu_vif *vif);
/* "N[GMK]{B,b}/s[@INTERVAL]"; INTERVAL is N with s (also the default
 * unit), ms or us; without it the credit is replenished every 50 ms. */
int xlu_vif_parse_rate(XLU_Config *cfg, const char *rate,
                       uint64_t *bytes_per_interval,
                       uint32_t *interval_usecs);
/* Name of colo[i], e.g. "colo_sock_mirror_id"; NULL past the end. */
const char *xlu_vif_colo_key(int i);

#ifdef __cplusplus
}
#endif

#endif /* LIBXLUTIL_H */
