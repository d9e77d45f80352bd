#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Integration test of tools/xenstored: starts a private daemon on a
# temporary socket, drives it over the wire protocol (xs_client.py) and
# checks start-up, errors and shutdown. One "PASS name" or "FAIL name:
# reason" line per check, then "tools: N passed, N failed".
# Usage: tests/tools/xenstored.sh   (XENSTORED=path overrides the binary)
set -u
export PYTHONDONTWRITEBYTECODE=1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pass=0
fail=0
daemon_pid=

ok()  { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

finish() {
    echo "tools: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
    exit
}

# Stops only the daemon this script started, by its pid.
stop_daemon() {
    if [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null; then
        kill -TERM "$daemon_pid" 2>/dev/null
        for _ in $(seq 50); do
            kill -0 "$daemon_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$daemon_pid" 2>/dev/null
    fi
    daemon_pid=
}

tmp=$(mktemp -d /tmp/xenstored-test.XXXXXX)
cleanup() { stop_daemon; rm -rf "$tmp"; }
trap cleanup EXIT

if [ -z "${XENSTORED:-}" ]; then
    XENSTORED=$root/tools/xenstored/xenstored
    if ! make -s -C "$root/tools/xenstored" >"$tmp/build.log" 2>&1; then
        bad build "make -C tools/xenstored failed: $(tail -1 "$tmp/build.log")"
        finish
    fi
fi
ok build

wait_for_socket() {
    for _ in $(seq 100); do
        [ -S "$1" ] && return 0
        sleep 0.05
    done
    return 1
}

sock=$tmp/run/socket
pidfile=$tmp/xenstored.pid
"$XENSTORED" --socket "$sock" --no-fork --pid-file "$pidfile" \
    2>"$tmp/daemon.log" &
daemon_pid=$!
if wait_for_socket "$sock"; then
    ok start
else
    bad start "no socket at $sock: $(cat "$tmp/daemon.log")"
    finish
fi

mode=$(stat -c %a "$sock")
[ "$mode" = 600 ] && ok socket-mode || bad socket-mode "mode $mode, not 600"
[ "$(cat "$pidfile" 2>/dev/null)" = "$daemon_pid" ] && ok pid-file ||
    bad pid-file "pid file holds '$(cat "$pidfile" 2>/dev/null)'"

# The wire-protocol checks, each reported by the client itself.
while IFS= read -r line; do
    case "$line" in
    PASS\ *) ok "${line#PASS }" ;;
    FAIL\ *) rest=${line#FAIL }; bad "${rest%%: *}" "${rest#*: }" ;;
    *) echo "$line" ;;
    esac
done < <(python3 "$here/xs_client.py" "$sock" 2>&1)

# A second daemon must not steal the live socket.
if "$XENSTORED" --socket "$sock" --no-fork 2>"$tmp/second.log"; then
    bad second-daemon "started on a socket in use"
elif grep -q "$sock" "$tmp/second.log"; then
    ok second-daemon
else
    bad second-daemon "unclear message: $(cat "$tmp/second.log")"
fi

# Errors name the path and the reason.
badsock=$tmp/missing/dir/socket
if "$XENSTORED" --socket "$badsock" --no-fork 2>"$tmp/bind.log"; then
    bad bind-error "started on $badsock"
elif grep -q "cannot bind socket $badsock: No such file or directory" \
        "$tmp/bind.log"; then
    ok bind-error
else
    bad bind-error "message: $(cat "$tmp/bind.log")"
fi
"$XENSTORED" --bogus-option >/dev/null 2>&1
[ $? -eq 2 ] && ok usage-error || bad usage-error "bad option not refused"

kill -TERM "$daemon_pid"
wait "$daemon_pid"
status=$?
daemon_pid=
if [ "$status" -eq 0 ] && [ ! -e "$sock" ] && [ ! -e "$pidfile" ]; then
    ok stop
else
    bad stop "exit status $status; left: $(ls "$tmp/run" "$pidfile" 2>&1)"
fi

# Without --no-fork the daemon detaches once it is ready.
if "$XENSTORED" --socket "$sock" --pid-file "$pidfile" 2>"$tmp/fork.log"; then
    daemon_pid=$(cat "$pidfile" 2>/dev/null)
    if [ -S "$sock" ] && [ -n "$daemon_pid" ] &&
            kill -0 "$daemon_pid" 2>/dev/null &&
            python3 -c 'import sys; sys.path.insert(0, sys.argv[1])
import xs_client
assert xs_client.Conn(sys.argv[2]).read("/tool/xenstored") == b""' \
                "$here" "$sock"
    then
        ok daemonise
    else
        bad daemonise "no live daemon: $(cat "$tmp/fork.log")"
    fi
    stop_daemon
else
    bad daemonise "exit status $?: $(cat "$tmp/fork.log")"
fi

finish
