#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Checks the C sources against the budgets in our style guide: an SPDX line at
# the top, no file past 1,000 lines, no function past 100 lines, no tabs or
# trailing blanks. Prints one line per problem and "style: N passed, N failed"
# (one check per file). Usage: scripts/check-style.sh [FILE...]
set -u
cd "$(dirname "$0")/.." || exit 2

if [ $# -eq 0 ]; then
    mapfile -t files < <(git ls-files 'xen/*.c' 'xen/*.h' 'tools/*.c' 'tools/*.h' 2>/dev/null)
else
    files=("$@")
fi

pass=0
fail=0
for f in "${files[@]}"; do
    [ -f "$f" ] || continue
    problems=$(awk -v f="$f" '
        NR == 1 && $0 !~ /SPDX-License-Identifier/ { print f ":1: no SPDX line first" }
        /\t/ { print f ":" NR ": tab character"; }
        /[ \t]+$/ { print f ":" NR ": trailing whitespace" }
        # A function body starts with "{" alone in column 0 and ends with "}" there.
        /^\{$/ { start = NR }
        /^\}/ && start { if ( NR - start > 100 ) print f ":" start ": function body of " NR - start " lines (budget 100)"; start = 0 }
        END { if ( NR > 1000 ) print f ": " NR " lines (budget 1000): split it" }
    ' "$f" | head -5)
    if [ -n "$problems" ]; then
        echo "$problems"
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
done
echo "style: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
