# Sourced by the scripts in tests/boot: the QEMU command line, the boot
# markers the hypervisor prints, and the one-line PASS/FAIL verdict.
#
# Environment: XEN, XEN_GZ (images under test), QEMU (emulator binary),
# BOOT_TIMEOUT (seconds per expected marker, default 60), BOOT_LOGDIR
# (serial logs and failure reports, default tests/boot/logs).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HARNESS=$ROOT/scripts/boot-harness
XEN=${XEN:-$ROOT/xen/xen}
XEN_GZ=${XEN_GZ:-$ROOT/xen/xen.gz}
QEMU=${QEMU:-qemu-system-x86_64}
BOOT_TIMEOUT=${BOOT_TIMEOUT:-60}
LOGDIR=${BOOT_LOGDIR:-$ROOT/tests/boot/logs}
TEST=$(basename "$0")

QEMU_CPU=EPYC,+svm,+npt,-monitor,-rdtscp,-avx,-avx2
XEN_CMDLINE="console=com1 com1=115200,8n1"

# Markers (regexes) the hypervisor prints on COM1.
RX_RAM='\(XEN\) System RAM: (?P<ram_mb>\d+)MB \((?P<ram_kb>\d+)kB\)'
RX_CPUS='\(XEN\) Brought up (?P<cpus>\d+) CPUs'
RX_READY="\(XEN\) \*\*\* Serial input to Xen \(type 'CTRL-a' three times to switch input\)"

# Output that fails a test whenever it appears.
REJECTS=(
    -e 'reject "Panic on CPU \d+:"'
    -e 'reject "Xen BUG at "'
    -e "reject \"Assertion '.*' failed at \""
    -e 'reject "FATAL (TRAP|PAGE FAULT)"'
)

pass() { echo "PASS $TEST"; exit 0; }
fail() { echo "FAIL $TEST: $*"; exit 1; }

need_xen() {
    [ -f "$XEN" ] || fail "${XEN#"$ROOT"/} not built (run make -C xen)"
}

need_xen_gz() {
    [ -f "$XEN_GZ" ] || fail "${XEN_GZ#"$ROOT"/} not built (run make -C xen)"
}

# qemu_line SMP MEM_MB: the common QEMU command line, into array QEMU_LINE.
qemu_line() {
    QEMU_LINE=("$QEMU" -machine q35 -cpu "$QEMU_CPU" -smp "$1" -m "$2"
               -display none -serial stdio -monitor none -nic none
               -no-reboot)
}

# qemu_mb1 SMP MEM_MB [XEN ARGS]: multiboot1 boot of xen/xen via -kernel.
qemu_mb1() {
    qemu_line "$1" "$2"
    QEMU_LINE+=(-kernel "$XEN" -append "$XEN_CMDLINE${3:+ $3}")
}

# harness STEP-ARGS... -- EMULATOR...: run the harness with this test's log
# and the reject list; on failure print the FAIL line and exit.
harness() {
    local report=$LOGDIR/$TEST.report rc reason
    mkdir -p "$LOGDIR"
    "$HARNESS" --log "$LOGDIR/$TEST.log" --timeout "$BOOT_TIMEOUT" \
        "${REJECTS[@]}" "$@" >"$report" 2>&1
    rc=$?
    [ $rc -eq 0 ] && return 0
    reason=$(grep -E '^boot-harness: (FAIL|ERROR): ' "$report" | tail -n 1)
    reason=${reason#boot-harness: }
    [ $rc -eq 1 ] && reason=${reason#FAIL: } ||
        reason="harness error: ${reason#ERROR: }"
    fail "${reason:-harness exit status $rc} (see ${report#"$ROOT"/})"
}

# boot_check_steps SMP MEM_MB: steps (into array BOOT_STEPS) that wait for a full boot and check that all
# CPUs came up and that the RAM count is within 16 MiB of MEM_MB.
boot_check_steps() {
    BOOT_STEPS=(
        -e "expect '$RX_RAM'"
        -e 'assert ram_kb // 1024 == ram_mb'
        -e "assert abs(ram_mb - $2) <= 16"
        -e "expect '$RX_CPUS'"
        -e "assert cpus == $1"
        -e "expect \"$RX_READY\""
    )
}

# mb1_boot_test SMP MEM_MB: multiboot1 boot, all CPUs up, RAM counted.
mb1_boot_test() {
    need_xen
    qemu_mb1 "$1" "$2"
    boot_check_steps "$1" "$2"
    harness "${BOOT_STEPS[@]}" -- "${QEMU_LINE[@]}"
    pass
}

# keys_test SMP STEP-ARGS...: boot xen/xen, wait until debug keys work,
# then run the given steps.
keys_test() {
    local smp=$1
    shift
    need_xen
    qemu_mb1 "$smp" 512
    harness -e "expect \"$RX_READY\"" "$@" -- "${QEMU_LINE[@]}"
    pass
}
