/* SPDX-License-Identifier: MIT */
/* Error numbers hypercalls return, negated, in RAX. They equal Linux's x86
 * values. XEN_ERRNO_LIST lets a user generate its own names from the table. */
#ifndef __XEN_PUBLIC_ERRNO_H__
#define __XEN_PUBLIC_ERRNO_H__

/* X(name, value) for every number a guest may see. */
#define XEN_ERRNO_LIST(X) \
    X(EPERM, 1)           X(ENOENT, 2)          X(ESRCH, 3) \
    X(EIO, 5)             X(ENXIO, 6)           X(E2BIG, 7) \
    X(ENOEXEC, 8)         X(EBADF, 9)           X(ECHILD, 10) \
    X(EAGAIN, 11)         X(ENOMEM, 12)         X(EACCES, 13) \
    X(EFAULT, 14)         X(EBUSY, 16)          X(EEXIST, 17) \
    X(EXDEV, 18)          X(ENODEV, 19)         X(ENOTDIR, 20) \
    X(EISDIR, 21)         X(EINVAL, 22)         X(ENFILE, 23) \
    X(EMFILE, 24)         X(ENOSPC, 28)         X(EROFS, 30) \
    X(EMLINK, 31)         X(EDOM, 33)           X(ERANGE, 34) \
    X(EDEADLK, 35)        X(ENAMETOOLONG, 36)   X(ENOLCK, 37) \
    X(ENOSYS, 38)         X(ENOTEMPTY, 39)      X(ENODATA, 61) \
    X(ETIME, 62)          X(EBADMSG, 74)        X(EOVERFLOW, 75) \
    X(EILSEQ, 84)         X(ENOTSOCK, 88)       X(EMSGSIZE, 90) \
    X(EOPNOTSUPP, 95)     X(EADDRINUSE, 98)     X(EADDRNOTAVAIL, 99) \
    X(ENOBUFS, 105)       X(EISCONN, 106)       X(ENOTCONN, 107) \
    X(ETIMEDOUT, 110)     X(ECONNREFUSED, 111)

#define XEN_EPERM            1
#define XEN_ENOENT           2
#define XEN_ESRCH            3
#define XEN_EIO              5
#define XEN_ENXIO            6
#define XEN_E2BIG            7
#define XEN_ENOEXEC          8
#define XEN_EBADF            9
#define XEN_ECHILD          10
#define XEN_EAGAIN          11
#define XEN_EWOULDBLOCK     XEN_EAGAIN
#define XEN_ENOMEM          12
#define XEN_EACCES          13
#define XEN_EFAULT          14
#define XEN_EBUSY           16
#define XEN_EEXIST          17
#define XEN_EXDEV           18
#define XEN_ENODEV          19
#define XEN_ENOTDIR         20
#define XEN_EISDIR          21
#define XEN_EINVAL          22
#define XEN_ENFILE          23
#define XEN_EMFILE          24
#define XEN_ENOSPC          28
#define XEN_EROFS           30
#define XEN_EMLINK          31
#define XEN_EDOM            33
#define XEN_ERANGE          34
#define XEN_EDEADLK         35
#define XEN_EDEADLOCK       XEN_EDEADLK
#define XEN_ENAMETOOLONG    36
#define XEN_ENOLCK          37
#define XEN_ENOSYS          38
#define XEN_ENOTEMPTY       39
#define XEN_ENODATA         61
#define XEN_ETIME           62
#define XEN_EBADMSG         74
#define XEN_EOVERFLOW       75
#define XEN_EILSEQ          84
#define XEN_ENOTSOCK        88
#define XEN_EMSGSIZE        90
#define XEN_EOPNOTSUPP      95
#define XEN_EADDRINUSE      98
#define XEN_EADDRNOTAVAIL   99
#define XEN_ENOBUFS        105
#define XEN_EISCONN        106
#define XEN_ENOTCONN       107
#define XEN_ETIMEDOUT      110
#define XEN_ECONNREFUSED   111

/* Used inside the hypervisor only; a guest never receives these. */
#define XEN_EINTR            4
#define XEN_ERESTART        85

#endif /* __XEN_PUBLIC_ERRNO_H__ */
