# Sourced by the dom0 initramfs's /init (scripts/debian-dom0.sh) in the
# dom0-linux boot test: each check prints one "dom0-check: NAME ok|FAIL ..."
# line for the harness, then dom0 powers the machine off.
check() {
    name=$1
    shift
    if "$@"; then echo "dom0-check: $name ok"; else echo "dom0-check: $name FAIL"; fi
}

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
check nic-up sh -c 'ip link set eth0 up && ip addr add 10.0.2.15/24 dev eth0'
# QEMU's user network answers pings to its gateway: a round trip through the
# NIC's interrupt.
check nic-ping ping -c 1 -W 5 10.0.2.2
# A second NIC, an Intel e1000e, on its own user network.
check e1000e-up sh -c 'ip link set eth1 up && ip addr add 10.0.3.15/24 dev eth1'
check e1000e-ping ping -c 1 -W 5 10.0.3.2
echo "dom0-check: done"
poweroff -f
