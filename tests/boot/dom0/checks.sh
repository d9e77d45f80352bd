# Sourced by the dom0 initramfs's /init (scripts/debian-dom0.sh) in the
# dom0-linux boot test: each check prints one "dom0-check: NAME ok|FAIL ..."
# line for the harness, then dom0 powers the machine off.
check() {
    name=$1
    shift
    if "$@"; then echo "dom0-check: $name ok"; else echo "dom0-check: $name FAIL"; fi
}

# Console input: the test types a line on the serial port, which reaches dom0's
# hvc0 through CONSOLEIO_read (input is dom0's by default).
echo "dom0-check: type a line"
read -t 60 line
check console-input test "$line" = typed-into-dom0

check hypervisor-type grep -qx xen /sys/hypervisor/type
# The second vCPU came up the native way: INIT-SIPI-SIPI through the vLAPIC,
# with the APIC IDs our MADT gave.
check smp-2-cpus test "$(grep -c ^processor /proc/cpuinfo)" = 2
check capabilities grep -qx control_d /proc/xen/capabilities
for m in xen_evtchn xen_privcmd xen_gntdev xen_gntalloc xenfs; do
    check "module-$m" grep -q "^$m " /proc/modules
done
for n in evtchn privcmd gntdev gntalloc; do
    check "dev-xen-$n" test -c /dev/xen/$n
done
# The test put a marker in sector 0 of the disk; sector 100 gets a new one,
# read back after dropping the page cache, so both go to the device.
check disk-read sh -c 'dd if=/dev/vda bs=512 count=1 2>/dev/null | grep -q nimbus-disk-marker'
check disk-write sh -c 'echo "written-by-dom0-$$" > /tmp/w &&
    dd if=/tmp/w of=/dev/vda bs=512 seek=100 conv=sync,fsync 2>/dev/null &&
    echo 3 > /proc/sys/vm/drop_caches &&
    dd if=/dev/vda bs=512 skip=100 count=1 2>/dev/null | grep -q "written-by-dom0-$$"'
# Up, addressed, and with a carrier (the link comes up a moment after "up";
# a ping sent before that is dropped).
link_up() {
    ip link set "$1" up && ip addr add "$2" dev "$1" || return 1
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        [ "$(cat /sys/class/net/$1/carrier 2>/dev/null)" = 1 ] && return 0
        sleep 0.5
    done
    return 1
}
check nic-up link_up eth0 10.0.2.15/24
# QEMU's user network answers pings to its gateway: a round trip through the
# NIC's interrupt.
check nic-ping ping -c 3 -w 15 10.0.2.2
# A second NIC, an Intel e1000e, on its own user network.
check e1000e-up link_up eth1 10.0.3.15/24
check e1000e-ping ping -c 3 -w 15 10.0.3.2
# e1000e takes MSI-X when it can: its vectors came through the emulated table.
check e1000e-msix sh -c 'grep PCI-MSI /proc/interrupts | grep -q eth1'
# The disk's virtio-blk has MSI-X; q35's AHCI controller uses plain MSI.
check virtio-msix sh -c 'grep PCI-MSI /proc/interrupts | grep -q virtio'
check ahci-msi sh -c 'grep PCI-MSI /proc/interrupts | grep -q ahci'
grep -E 'MSI|IO-APIC' /proc/interrupts
# The toolstack's path: hypercalls and foreign mappings through privcmd.
/bin/privcmd-check
echo "dom0-check: done"
poweroff -f
