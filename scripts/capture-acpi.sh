#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Capture the ACPI tables SeaBIOS builds for a QEMU machine into a text memory
# image (tests/unit/data/acpi-*.hex) that the ACPI unit test replays.
#
# Usage: scripts/capture-acpi.sh [outdir]     (default: tests/unit/data)
#
# QEMU boots with no kernel and no disk; SeaBIOS installs the tables, fails to
# find a boot device and idles, and we dump low memory through the monitor.
# Only the bytes that matter are kept: the BDA's EBDA pointer, the RSDP and the
# span holding the tables. Each "region" line declares a physical range the
# test may map; bytes inside a region but not listed read as zero.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
outdir=${1:-$here/tests/unit/data}
qemu=${QEMU:-qemu-system-x86_64}
mem_mb=512
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# dump <machine> <smp>: low 1 MiB and the top 1 MiB of RAM into $tmp.
dump()
{
    local top=$(( mem_mb * 1024 * 1024 - 0x100000 ))

    {
        sleep 3
        echo "pmemsave 0 0x100000 \"$tmp/low.bin\""
        printf 'pmemsave 0x%x 0x100000 "%s"\n' "$top" "$tmp/top.bin"
        sleep 1
        echo quit
    } | "$qemu" -machine "$1" -smp "$2" -m "$mem_mb" -display none \
        -nodefaults -serial none -monitor stdio >"$tmp/qemu.log" 2>&1
    [ -s "$tmp/low.bin" ] && [ -s "$tmp/top.bin" ] ||
        { echo "capture-acpi: QEMU produced no dump" >&2; exit 1; }
}

# convert <title> <outfile>: walk the dumped tables and write the .hex file.
convert()
{
    python3 - "$tmp/low.bin" "$tmp/top.bin" $(( mem_mb * 1024 * 1024 - 0x100000 )) \
        "$1" "$2" <<'EOF'
import struct, sys

low = open(sys.argv[1], 'rb').read()
top = open(sys.argv[2], 'rb').read()
top_base = int(sys.argv[3])
title, outfile = sys.argv[4], sys.argv[5]

def read(pa, n):
    if pa + n <= len(low):
        return low[pa:pa + n]
    if top_base <= pa and pa + n <= top_base + len(top):
        return top[pa - top_base:pa - top_base + n]
    sys.exit("capture-acpi: 0x%x+%d is outside the dumps" % (pa, n))

def csum_ok(b):
    return sum(b) & 0xff == 0

def find_rsdp():
    for pa in range(0xe0000, 0x100000, 16):
        b = low[pa:pa + 20]
        if b[:8] == b'RSD PTR ' and csum_ok(b):
            return pa
    sys.exit("capture-acpi: no RSDP in 0xE0000-0xFFFFF")

rsdp = find_rsdp()
rev = low[rsdp + 15]
rsdp_len = struct.unpack_from('<I', low, rsdp + 20)[0] if rev >= 2 else 20
root_pa = struct.unpack_from('<I', low, rsdp + 16)[0]
entsz = 4
if rev >= 2 and struct.unpack_from('<Q', low, rsdp + 24)[0]:
    root_pa, entsz = struct.unpack_from('<Q', low, rsdp + 24)[0], 8

tables = [(root_pa, struct.unpack('<I', read(root_pa + 4, 4))[0])]
root = read(root_pa, tables[0][1])
for off in range(36, len(root), entsz):
    pa = int.from_bytes(root[off:off + entsz], 'little')
    length = struct.unpack('<I', read(pa + 4, 4))[0]
    tables.append((pa, length))
    if read(pa, 4) == b'FACP':
        fadt = read(pa, length)
        for field in (36, 40):     # FIRMWARE_CTRL (FACS), DSDT
            sub = struct.unpack_from('<I', fadt, field)[0]
            if sub:
                tables.append((sub, struct.unpack('<I', read(sub + 4, 4))[0]))

span_lo = min(pa for pa, _ in tables) & ~0xf
span_hi = (max(pa + n for pa, n in tables) + 15) & ~0xf
ebda = struct.unpack_from('<H', low, 0x40e)[0] << 4

# keep[pa] = byte value for every byte the image records.
keep = {}
for pa in range(0x40e, 0x410):
    keep[pa] = low[pa]
for pa in range(rsdp, rsdp + rsdp_len):
    keep[pa] = low[pa]
for i, b in enumerate(read(span_lo, span_hi - span_lo)):
    keep[span_lo + i] = b

regions = [(0x400, 0x100)]
if ebda:
    regions.append((ebda, 0x400))
regions += [(0xe0000, 0x20000), (span_lo, span_hi - span_lo)]

with open(outfile, 'w') as f:
    f.write("# %s\n" % title)
    f.write("# Written by scripts/capture-acpi.sh; RSDP at 0x%x, tables 0x%x-0x%x.\n"
            % (rsdp, span_lo, span_hi - 1))
    f.write("# region <start> <length>: mappable range; unlisted bytes in it are zero.\n")
    f.write("# <address>: up to 16 bytes; all-zero lines are omitted.\n")
    for start, length in regions:
        f.write("region %08x %08x\n" % (start, length))
    for line in sorted({pa & ~0xf for pa in keep}):
        row = [keep.get(line + i, 0) for i in range(16)]
        if any(row):
            f.write("%08x: %s\n" % (line, ' '.join('%02x' % b for b in row)))
EOF
}

mkdir -p "$outdir"
ver=$("$qemu" --version | head -n1)

dump q35 4
convert "ACPI tables from $ver -machine q35 -smp 4 -m $mem_mb (SeaBIOS)" \
    "$outdir/acpi-q35-smp4.hex"
dump pc 2
convert "ACPI tables from $ver -machine pc -smp 2 -m $mem_mb (SeaBIOS)" \
    "$outdir/acpi-pc-smp2.hex"
echo "capture-acpi: wrote $outdir/acpi-q35-smp4.hex $outdir/acpi-pc-smp2.hex"
