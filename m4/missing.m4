# SPDX-License-Identifier: GPL-2.0-only
# Collect every missing dependency so configure can report them all at once.
#
# NB_MISSING(what, debian-package): remember that WHAT was not found.
# NB_REPORT_MISSING: if anything was remembered, fail listing each item and
#   the Debian package that provides it, plus one apt-get line for them all.

AC_DEFUN([NB_MISSING], [
    nb_missing="${nb_missing}    $1  (Debian package: $2)
"
    nb_missing_pkgs="${nb_missing_pkgs} $2"
])

AC_DEFUN([NB_REPORT_MISSING], [
    AS_IF([test -n "$nb_missing"], [
        AC_MSG_ERROR([the toolstack needs these, which were not found:
${nb_missing}
Install them with:  apt-get install${nb_missing_pkgs}
(or run: make deps), then run ./configure again.
To build only the hypervisor, use ./configure --disable-tools or just: make xen])
    ])
])
