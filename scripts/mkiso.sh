#!/bin/bash
# mkiso.sh XEN_GZ OUT_ISO "XEN CMDLINE" [MODULE "MODULE ARGS"]...
#
# Build a GRUB2 BIOS ISO that boots XEN_GZ with multiboot2, passing each
# MODULE with module2 and its arguments, with GRUB on the serial line.
# Needs grub-pc-bin, grub-common, xorriso and mtools.
#
# Environment: GRUB_TIMEOUT (default 0) seconds the menu waits;
#              GRUB_EXTRA_CFG text appended to the end of grub.cfg.
set -euo pipefail

usage() {
    echo "usage: $0 XEN_GZ OUT_ISO \"XEN CMDLINE\" [MODULE \"MODULE ARGS\"]..." >&2
    exit 2
}

[ $# -ge 3 ] && [ $(( ($# - 3) % 2 )) -eq 0 ] || usage
xen=$1 out=$2 cmdline=$3
shift 3

for tool in grub-mkrescue xorriso mformat; do
    command -v "$tool" >/dev/null ||
        { echo "$0: $tool not found (install grub-common, xorriso, mtools)" >&2; exit 2; }
done
[ -d /usr/lib/grub/i386-pc ] ||
    { echo "$0: /usr/lib/grub/i386-pc missing (install grub-pc-bin)" >&2; exit 2; }
[ -f "$xen" ] || { echo "$0: $xen: no such file" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mkiso.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/iso/boot/grub"
cp "$xen" "$tmp/iso/boot/xen.gz"

# GRUB resets gfxpayload when the image's multiboot2 header asks for a
# framebuffer, so "set gfxpayload=text" must come after the multiboot2 line.
cfg=$tmp/iso/boot/grub/grub.cfg
{
    echo "serial --unit=0 --speed=115200"
    echo "terminal_input serial"
    echo "terminal_output serial"
    echo "set timeout=${GRUB_TIMEOUT:-0}"
    echo "set default=0"
    echo "menuentry 'Xen' {"
    echo "    multiboot2 /boot/xen.gz $cmdline"
    n=0
    while [ $# -gt 0 ]; do
        n=$((n + 1))
        [ -f "$1" ] || { echo "$0: module $1: no such file" >&2; exit 2; }
        name=mod$n-$(basename "$1")
        cp "$1" "$tmp/iso/boot/$name"
        echo "    module2 /boot/$name $2"
        shift 2
    done
    echo "    set gfxpayload=text"
    echo "}"
    [ -z "${GRUB_EXTRA_CFG:-}" ] || echo "$GRUB_EXTRA_CFG"
} >"$cfg"

# Only the modules the config uses: keeps the ISO small and the build fast.
mods="multiboot2 normal serial terminal echo test gzio iso9660 biosdisk
      part_msdos configfile cat ls reboot halt"
mkdir -p "$(dirname "$out")"
if ! grub-mkrescue -o "$out" --install-modules="$(echo $mods)" \
        --fonts= --locales= --themes= "$tmp/iso" >"$tmp/log" 2>&1; then
    cat "$tmp/log" >&2
    echo "$0: grub-mkrescue failed" >&2
    exit 1
fi
