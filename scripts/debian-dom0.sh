#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Fetches Debian's stock kernel (linux-image-amd64) and busybox-static with
# apt-get download into build/debian/ (once), and builds a dom0 initramfs:
# busybox, the Xen and virtio modules with their dependencies, and an /init
# that loads them and then runs the given script.
# Usage: scripts/debian-dom0.sh INIT_SCRIPT OUT_INITRD [FILE]...
# The FILEs (e.g. test programs) go to /bin of the initramfs.
# Prints the kernel's path on stdout.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${DEBIAN_DIR:-$root/build/debian}
init_script=${1:?usage: debian-dom0.sh INIT_SCRIPT OUT_INITRD}
out=${2:?usage: debian-dom0.sh INIT_SCRIPT OUT_INITRD}
shift 2

# The modules dom0 loads, in order; their dependencies are added first.
MODULES="xen-evtchn xen-privcmd xen-gntdev xen-gntalloc xenfs
         virtio_pci virtio_blk virtio_net e1000e ahci"

fetch() {
    mkdir -p "$dir"
    cd "$dir"
    local kpkg
    kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
           sed -n 's/.*Depends: \(linux-image-[0-9].*\)/\1/p' | head -n 1)
    if [ -z "$kpkg" ]; then
        apt-get update >&2
        kpkg=$(apt-cache depends linux-image-amd64 |
               sed -n 's/.*Depends: \(linux-image-[0-9].*\)/\1/p' | head -n 1)
    fi
    [ -n "$kpkg" ] || { echo "debian-dom0: no linux-image-amd64 in apt" >&2; exit 1; }
    ls "$kpkg"_*.deb >/dev/null 2>&1 || apt-get download "$kpkg" >&2
    ls busybox-static_*.deb >/dev/null 2>&1 || apt-get download busybox-static >&2
    if [ ! -e root/.done ] || [ "$(cat root/.done)" != "$kpkg" ]; then
        rm -rf root
        for d in "$kpkg"_*.deb busybox-static_*.deb; do dpkg -x "$d" root; done
        echo "$kpkg" >root/.done
    fi
    cd - >/dev/null
}

# The package ships no modules.dep (depmod makes it on install), so each
# module's dependencies come from the "depends=" field of its .modinfo.
module_depends() {
    local tmp
    tmp=$(mktemp)
    objcopy -O binary --only-section=.modinfo "$1" "$tmp"
    tr '\0' '\n' <"$tmp" | sed -n 's/^depends=//p' | tr ',' ' '
    rm -f "$tmp"
}

# Prints the paths of module $2 and everything it needs, dependencies first.
module_closure() {
    local moddir=$1 name=${2//-/_} path d
    path=$(find "$moddir/kernel" -name '*.ko*' | sed -n "/\/${name//_/[-_]}\.ko/p" | head -n 1)
    [ -n "$path" ] || { echo "debian-dom0: module $2 not found" >&2; return 1; }
    for d in $(module_depends "$path"); do
        module_closure "$moddir" "$d" || return 1
    done
    echo "$path"
}

fetch
kver=$(ls "$dir/root/lib/modules" | head -n 1)
moddir=$dir/root/lib/modules/$kver
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT

mkdir -p "$staging"/{bin,sbin,dev,proc,sys,tmp,run,mnt,modules,etc}
cp "$dir/root/bin/busybox" "$staging/bin/busybox"
for m in $MODULES; do module_closure "$moddir" "$m"; done >"$staging/paths"
awk '!seen[$0]++' "$staging/paths" | while read -r p; do
    cp "$p" "$staging/modules/"
    basename "$p"
done >"$staging/modules/order"
rm "$staging/paths"

cat >"$staging/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in $(cat /modules/order); do
    insmod /modules/$m || echo "dom0-init: insmod $m failed"
done
mkdir -p /proc/xen && mount -t xenfs xenfs /proc/xen
echo "dom0-init: userspace ready"
. /etc/dom0-script
INIT
chmod +x "$staging/init"
cp "$init_script" "$staging/etc/dom0-script"
for f in "$@"; do cp "$f" "$staging/bin/"; done
(cd "$staging" && find . | sort | cpio -o -H newc --quiet) | gzip -9 >"$out.tmp"
mv "$out.tmp" "$out"
echo "$dir/root/boot/vmlinuz-$kver"
