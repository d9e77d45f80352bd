#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Fetches Debian's Xen 4.17 hypervisor (the "oracle" our tests compare with)
# into build/oracle/ once, and prints the path of the gunzipped image that
# QEMU boots with -kernel. Idempotent: a second run only prints the path.
# Environment: ORACLE_DIR (default build/oracle), ORACLE_PKG.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${ORACLE_DIR:-$root/build/oracle}
pkg=${ORACLE_PKG:-xen-hypervisor-4.17-amd64}
image=$dir/xen-4.17-amd64

if [ -s "$image" ]; then
    echo "$image"
    exit 0
fi

mkdir -p "$dir"
cd "$dir"
if ! ls "$pkg"_*.deb >/dev/null 2>&1; then
    # The package lists may be empty in a fresh container.
    apt-get download "$pkg" >&2 ||
        { apt-get update >&2 && apt-get download "$pkg" >&2; }
fi
deb=$(ls "$pkg"_*.deb | head -n 1)
rm -rf root
dpkg -x "$deb" root
gz=$(ls root/boot/xen-4.17*-amd64.gz | head -n 1)
gunzip -c "$gz" >"$image.tmp"
mv "$image.tmp" "$image"
echo "$image"
