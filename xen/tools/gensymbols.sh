#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Turns `nm -n` output of a link into the assembly of the embedded symbol table:
# sorted addresses of text symbols, and their names, so traps can print a backtrace.
# Usage: nm -n xen-syms | gensymbols.sh > symbols.S
awk 'BEGIN { n = 0; off = 0 }
# Where several names share an address, the first (nm sorts them by name) is kept.
$2 ~ /^[tTwW]$/ && $3 !~ /^\./ && $1 != last {
    addr[n] = $1; name[n] = $3; n++; last = $1
}
END {
    print "    .section .xen_symtab, \"a\", @progbits"
    print "    .balign 8"
    print "    .globl symbols_count, symbols_addresses, symbols_offsets, symbols_names"
    print "symbols_count:"
    printf "    .quad %d\n", n
    print "symbols_addresses:"
    for (i = 0; i < n; i++) printf "    .quad 0x%s\n", addr[i]
    print "symbols_offsets:"
    for (i = 0; i < n; i++) { printf "    .long %d\n", off; off += length(name[i]) + 1 }
    print "symbols_names:"
    for (i = 0; i < n; i++) printf "    .asciz \"%s\"\n", name[i]
}'
