# SPDX-License-Identifier: GPL-2.0-only
# NB_CHECK_LIB(name, header, function, lib, debian-package, VAR)
#
# Look for HEADER and for FUNCTION in -lLIB. On success set VAR_CFLAGS (empty)
# and VAR_LIBS (-lLIB) for config/Tools.mk; on failure record NAME as missing
# (see NB_MISSING) and carry on, so every missing library is reported together.
# LIBS is left untouched. The usual cache variables (ac_cv_header_*,
# ac_cv_lib_*) can be preset on the configure command line.

AC_DEFUN([NB_CHECK_LIB], [
    nb_found=yes
    AC_CHECK_HEADER([$2], [], [nb_found=no])
    AS_IF([test "$nb_found" = yes],
          [AC_CHECK_LIB([$4], [$3], [:], [nb_found=no])])
    AS_IF([test "$nb_found" = yes],
          [$6_CFLAGS=""; $6_LIBS="-l$4"],
          [NB_MISSING([$1 (header <$2>, library -l$4)], [$5])])
    AC_SUBST([$6_CFLAGS])
    AC_SUBST([$6_LIBS])
])
