#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Compile every header under xen/include/public on its own, as C99 and as
# C++11, so each stays self-contained and its layout asserts are checked.
# Usage: scripts/check-public-headers.sh [CC [CXX]]
set -u

root=$(cd "$(dirname "$0")/.." && pwd)
cc=${1:-${CC:-gcc}}
cxx=${2:-${CXX:-g++}}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass=0
fail=0
for hdr in $(cd "$root/xen/include" && find public -name '*.h' | sort); do
    # The typedef keeps a header of macros only from being an empty unit.
    printf '#include <%s>\ntypedef int public_header_check_t;\n' "$hdr" > "$tmp/t.c"
    cp "$tmp/t.c" "$tmp/t.cc"
    ok=1
    if ! "$cc" -std=c99 -Wall -Wextra -Werror -pedantic -I"$root/xen/include" \
            -fsyntax-only "$tmp/t.c" > "$tmp/log" 2>&1; then
        echo "FAIL (C99)   $hdr"; sed 's/^/    /' "$tmp/log" | head -20; ok=0
    fi
    if ! "$cxx" -std=c++11 -Wall -Werror -I"$root/xen/include" \
            -fsyntax-only "$tmp/t.cc" > "$tmp/log" 2>&1; then
        echo "FAIL (C++11) $hdr"; sed 's/^/    /' "$tmp/log" | head -20; ok=0
    fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done

echo "headers: $pass passed, $fail failed"
[ $fail = 0 ]
