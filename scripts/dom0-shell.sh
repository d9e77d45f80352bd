# Sourced by the dom0 initramfs's /init for `make run`: a shell on hvc0 with
# job control. Leave with `poweroff -f`.
echo "dom0: Debian $(uname -r) on $(cat /sys/hypervisor/type) $(cat /sys/hypervisor/version/major).$(cat /sys/hypervisor/version/minor)$(cat /sys/hypervisor/version/extra)"
echo "dom0: the virtio disk is /dev/vda, the NIC eth0; 'poweroff -f' ends the session"
exec setsid cttyhack sh
