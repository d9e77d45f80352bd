# SPDX-License-Identifier: GPL-2.0-only
# Our own small pkg-config wrappers, so configure needs no aclocal or pkg.m4.
#
# NB_PROG_PKG_CONFIG: find pkg-config (PKG_CONFIG may name another one);
#   record it as missing if absent.
# NB_CHECK_PKG(name, module, debian-package, VAR): set VAR_CFLAGS and VAR_LIBS
#   from `pkg-config MODULE`, or record NAME as missing. If the user sets both
#   VAR_CFLAGS and VAR_LIBS, pkg-config is not consulted.

AC_DEFUN([NB_PROG_PKG_CONFIG], [
    AC_ARG_VAR([PKG_CONFIG], [path to the pkg-config program])
    AC_PATH_TOOL([PKG_CONFIG], [pkg-config])
    AS_IF([test -z "$PKG_CONFIG"],
          [NB_MISSING([pkg-config (program)], [pkg-config])])
])

AC_DEFUN([NB_CHECK_PKG], [
    AC_ARG_VAR([$4_CFLAGS], [C compiler flags for $1, overriding pkg-config])
    AC_ARG_VAR([$4_LIBS], [linker flags for $1, overriding pkg-config])
    AC_MSG_CHECKING([for $1 (pkg-config module $2)])
    AS_IF([test -n "$$4_CFLAGS" && test -n "$$4_LIBS"],
          [AC_MSG_RESULT([given by $4_CFLAGS and $4_LIBS])],
          [test -n "$PKG_CONFIG" && $PKG_CONFIG --exists "$2" 2>&AS_MESSAGE_LOG_FD],
          [$4_CFLAGS=`$PKG_CONFIG --cflags "$2"`
           $4_LIBS=`$PKG_CONFIG --libs "$2"`
           AC_MSG_RESULT([yes])],
          [AC_MSG_RESULT([no])
           NB_MISSING([$1 (pkg-config module $2)], [$3])])
])
