/* SPDX-License-Identifier: MIT */
/* The xenstore wire protocol: message header and types, error names, and the
 * shared ring page a domain talks to xenstored through (HVM_PARAM_STORE_PFN). */
#ifndef _XS_WIRE_H
#define _XS_WIRE_H

#include <stdint.h>
#include "../xen-compat.h"

enum xsd_sockmsg_type {
    XS_CONTROL = 0,
#define XS_DEBUG XS_CONTROL
    XS_DIRECTORY = 1,
    XS_READ = 2,
    XS_GET_PERMS = 3,
    XS_WATCH = 4,
    XS_UNWATCH = 5,
    XS_TRANSACTION_START = 6,
    XS_TRANSACTION_END = 7,
    XS_INTRODUCE = 8,
    XS_RELEASE = 9,
    XS_GET_DOMAIN_PATH = 10,
    XS_WRITE = 11,
    XS_MKDIR = 12,
    XS_RM = 13,
    XS_SET_PERMS = 14,
    XS_WATCH_EVENT = 15,
    XS_ERROR = 16,
    XS_IS_DOMAIN_INTRODUCED = 17,
    XS_RESUME = 18,
    XS_SET_TARGET = 19,
    /* 20 was XS_RESTRICT, withdrawn. */
    XS_RESET_WATCHES = 21,
    XS_DIRECTORY_PART = 22,
    XS_TYPE_COUNT = 23,
    XS_INVALID = 0xffff                 /* never a valid type */
};

/* Old write-mode strings. */
#define XS_WRITE_NONE        "NONE"
#define XS_WRITE_CREATE      "CREATE"
#define XS_WRITE_CREATE_EXCL "CREATE|EXCL"

/*
 * Errors travel as XS_ERROR replies whose payload is the errno name. The
 * order is part of the protocol (xenstored sends entry 0, EINVAL, for
 * unknown errors); new names go at the end. X(name) for each entry.
 */
#define XSD_ERROR_LIST(X) \
    X(EINVAL) X(EACCES) X(EEXIST) X(EISDIR) X(ENOENT) X(ENOMEM) \
    X(ENOSPC) X(EIO) X(ENOTEMPTY) X(ENOSYS) X(EROFS) X(EBUSY) \
    X(EAGAIN) X(EISCONN) X(E2BIG) X(EPERM)

struct xsd_errors {
    int errnum;
    const char *errstring;
};

/* The table itself needs the host's errno values, so only with <errno.h>. */
#ifdef EINVAL
#define XSD_ERROR(x) { x, #x },
static const struct xsd_errors xsd_errors[]
#if defined(__GNUC__)
__attribute__((unused))
#endif
    = { XSD_ERROR_LIST(XSD_ERROR) };
#undef XSD_ERROR
#endif

/* Header of every message; len bytes of payload follow. */
struct xsd_sockmsg {
    uint32_t type;                      /* enum xsd_sockmsg_type */
    uint32_t req_id;                    /* echoed in the reply */
    uint32_t tx_id;                     /* 0 outside a transaction */
    uint32_t len;
};

/* The two strings of an XS_WATCH_EVENT payload. */
enum xs_watch_type {
    XS_WATCH_PATH = 0,
    XS_WATCH_TOKEN
};

#define XENSTORE_RING_SIZE 1024
typedef uint32_t XENSTORE_RING_IDX;
#define MASK_XENSTORE_IDX(idx) ((idx) & (XENSTORE_RING_SIZE - 1))

struct xenstore_domain_interface {
    char req[XENSTORE_RING_SIZE];       /* guest to xenstored */
    char rsp[XENSTORE_RING_SIZE];       /* replies and watch events */
    XENSTORE_RING_IDX req_cons, req_prod;
    XENSTORE_RING_IDX rsp_cons, rsp_prod;
    uint32_t server_features;           /* XENSTORE_SERVER_FEATURE_* */
    uint32_t connection;                /* XENSTORE_CONNECTED / _RECONNECT */
    uint32_t error;                     /* XENSTORE_ERROR_* */
};

#define XENSTORE_PAYLOAD_MAX  4096      /* larger messages break the protocol */
#define XENSTORE_ABS_PATH_MAX 3072
#define XENSTORE_REL_PATH_MAX 2048

#define XENSTORE_SERVER_FEATURE_RECONNECTION 1
#define XENSTORE_SERVER_FEATURE_ERROR        2

#define XENSTORE_CONNECTED 0
#define XENSTORE_RECONNECT 1

#define XENSTORE_ERROR_NONE    0
#define XENSTORE_ERROR_COMM    1        /* bad message on the ring */
#define XENSTORE_ERROR_RINGIDX 2        /* impossible ring indices */
#define XENSTORE_ERROR_PROTO   3        /* protocol violation */

XEN_ABI_SIZE(struct xsd_sockmsg, 16);
XEN_ABI_OFFSET(struct xenstore_domain_interface, req_cons, 2048);
XEN_ABI_OFFSET(struct xenstore_domain_interface, server_features, 2064);
XEN_ABI_OFFSET(struct xenstore_domain_interface, error, 2072);
XEN_ABI_SIZE(struct xenstore_domain_interface, 2076);

#endif /* _XS_WIRE_H */
