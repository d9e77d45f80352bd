#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Generate ./configure from configure.ac and m4/*.m4. Needs only autoconf.
set -e
cd "$(dirname "$0")"
if ! command -v autoconf >/dev/null 2>&1; then
    echo "autogen.sh: autoconf not found." >&2
    echo "Install it with: apt-get install autoconf   (or: make deps)" >&2
    exit 1
fi
autoconf --force
rm -rf autom4te.cache configure~
echo "autogen.sh: ./configure generated; now run ./configure"
