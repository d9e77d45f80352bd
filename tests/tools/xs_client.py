#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# A minimal xenstore wire-protocol client and the checks that
# tests/tools/xenstored.sh runs against a private daemon. Prints one
# "PASS name" or "FAIL name: reason" line per check.
# Usage: xs_client.py SOCKET

import socket
import struct
import sys
import time

XS = dict(CONTROL=0, DIRECTORY=1, READ=2, GET_PERMS=3, WATCH=4, UNWATCH=5,
          TRANSACTION_START=6, TRANSACTION_END=7, INTRODUCE=8, RELEASE=9,
          GET_DOMAIN_PATH=10, WRITE=11, MKDIR=12, RM=13, SET_PERMS=14,
          WATCH_EVENT=15, ERROR=16, IS_DOMAIN_INTRODUCED=17, RESUME=18,
          SET_TARGET=19, RESET_WATCHES=21, DIRECTORY_PART=22)
HDR = struct.Struct('<IIII')


class XsError(Exception):
    pass


class Conn:
    """One socket connection; events seen while waiting are kept."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(5)
        self.sock.connect(path)
        self.next_id = 1
        self.events = []

    def close(self):
        self.sock.close()

    def recv_exact(self, n):
        data = b''
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise EOFError('connection closed')
            data += chunk
        return data

    def recv_msg(self):
        mtype, req, tx, length = HDR.unpack(self.recv_exact(HDR.size))
        return mtype, req, tx, self.recv_exact(length)

    def send(self, mtype, body, tx=0):
        req = self.next_id
        self.next_id += 1
        self.sock.sendall(HDR.pack(mtype, req, tx, len(body)) + body)
        return req

    def reply(self, req):
        while True:
            mtype, rid, tx, body = self.recv_msg()
            if mtype == XS['WATCH_EVENT']:
                self.events.append(body)
                continue
            if rid != req:
                raise XsError('reply for %d while waiting for %d' % (rid, req))
            if mtype == XS['ERROR']:
                raise XsError(body.rstrip(b'\0').decode())
            return body

    def call(self, name, *args, tx=0, raw=None):
        body = raw if raw is not None else b''.join(
            a.encode() + b'\0' for a in args)
        return self.reply(self.send(XS[name], body, tx))

    def write(self, path, value, tx=0):
        return self.call('WRITE', raw=path.encode() + b'\0' + value, tx=tx)

    def read(self, path, tx=0):
        return self.call('READ', path, tx=tx)

    def event(self, timeout=2.0):
        if not self.events:
            self.sock.settimeout(timeout)
            try:
                mtype, _, _, body = self.recv_msg()
            finally:
                self.sock.settimeout(5)
            if mtype != XS['WATCH_EVENT']:
                raise XsError('unexpected message type %d' % mtype)
            self.events.append(body)
        path, token, _ = self.events.pop(0).split(b'\0')
        return path.decode(), token.decode()


def expect_error(name, fn):
    try:
        fn()
    except XsError as e:
        if str(e) == name:
            return
        raise AssertionError('%s instead of %s' % (e, name))
    raise AssertionError('no %s' % name)


def check_initial_nodes(path):
    c = Conn(path)
    assert c.call('DIRECTORY', '/tool') == b'xenstored\0', 'no /tool/xenstored'
    assert c.read('/tool/xenstored') == b''


def check_write_read(path):
    c = Conn(path)
    assert c.write('/test/a', b'hello') == b'OK\0'
    assert c.read('/test/a') == b'hello'
    assert c.write('/test/b', b'bin\0ary') == b'OK\0'
    assert c.read('/test/b') == b'bin\0ary'
    assert c.call('DIRECTORY', '/test') == b'a\0b\0'
    assert c.call('GET_PERMS', '/test/a') == b'n0\0'


def check_relative(path):
    c = Conn(path)
    c.write('device-model/7/state', b'running')
    assert c.read('/local/domain/0/device-model/7/state') == b'running'
    assert c.call('GET_DOMAIN_PATH', '7') == b'/local/domain/7\0'


def check_watch(path):
    w, c = Conn(path), Conn(path)
    assert w.call('WATCH', '/wt', 'tok') == b'OK\0'
    assert w.event() == ('/wt', 'tok'), 'no initial event'
    c.write('/wt/x', b'1')
    assert w.event() == ('/wt/x', 'tok'), 'no event for a write'
    c.call('RM', '/wt')
    assert w.event() == ('/wt', 'tok'), 'no event for rm'
    w.call('UNWATCH', '/wt', 'tok')
    c.write('/wt/y', b'1')
    expect_error('EEXIST', lambda: (w.call('WATCH', '/a', 't'),
                                    w.call('WATCH', '/a', 't')))


def check_transaction(path):
    c, o = Conn(path), Conn(path)
    tx = int(c.call('TRANSACTION_START', '').rstrip(b'\0'))
    assert tx != 0
    c.write('/txn/x', b'1', tx=tx)
    assert c.read('/txn/x', tx=tx) == b'1'
    expect_error('ENOENT', lambda: o.read('/txn/x'))
    assert c.call('TRANSACTION_END', 'T', tx=tx) == b'OK\0'
    assert o.read('/txn/x') == b'1'
    tx = int(c.call('TRANSACTION_START', '').rstrip(b'\0'))
    c.read('/txn/x', tx=tx)
    c.write('/txn/y', b'2', tx=tx)
    o.write('/txn/x', b'changed')
    expect_error('EAGAIN', lambda: c.call('TRANSACTION_END', 'T', tx=tx))
    expect_error('ENOENT', lambda: o.read('/txn/y'))


def check_errors(path):
    c = Conn(path)
    expect_error('ENOENT', lambda: c.read('/no/such/node'))
    expect_error('EINVAL', lambda: c.read('/bad/'))
    expect_error('EINVAL', lambda: c.call('READ', raw=b'/nonul'))
    expect_error('ENOSYS', lambda: c.reply(c.send(99, b'x\0')))
    expect_error('ENOENT', lambda: c.read('/tool', tx=12345))
    expect_error('EINVAL', lambda: c.call('CONTROL', 'nonsense'))
    assert c.call('CONTROL', 'print', 'hello from the test') == b'OK\0'
    assert c.call('CONTROL', 'check') == b'OK\0'


def check_domains(path):
    c = Conn(path)
    c.call('WATCH', '@introduceDomain', 'i')
    c.call('WATCH', '@releaseDomain', 'r')
    assert c.event() == ('@introduceDomain', 'i')
    assert c.event() == ('@releaseDomain', 'r')
    assert c.call('IS_DOMAIN_INTRODUCED', '9') == b'F\0'
    assert c.call('INTRODUCE', '9', '4096', '5') == b'OK\0'
    assert c.event() == ('@introduceDomain', 'i')
    assert c.call('IS_DOMAIN_INTRODUCED', '9') == b'T\0'
    assert c.call('RELEASE', '9') == b'OK\0'
    assert c.event() == ('@releaseDomain', 'r')
    assert c.call('IS_DOMAIN_INTRODUCED', '9') == b'F\0'


def check_partial_io(path):
    c = Conn(path)
    msg = HDR.pack(XS['WRITE'], 77, 0, 11) + b'/slow\0value'
    for i in range(len(msg)):
        c.sock.send(msg[i:i + 1])
        time.sleep(0.002)
    assert c.reply(77) == b'OK\0'
    # Several requests in one write get their replies in order.
    batch = b''.join(HDR.pack(XS['READ'], 100 + i, 0, 6) + b'/slow\0'
                     for i in range(3))
    c.sock.sendall(batch)
    for i in range(3):
        assert c.reply(100 + i) == b'value'


def check_oversized(path):
    c, o = Conn(path), Conn(path)
    c.sock.sendall(HDR.pack(XS['WRITE'], 1, 0, 4097) + b'x' * 4097)
    try:
        data = c.sock.recv(16)
    except ConnectionResetError:
        data = b''
    assert data == b'', 'connection not dropped'
    assert o.read('/tool/xenstored') == b'', 'daemon hurt by a bad client'
    c.close()
    # The largest legal payload still works.
    big = b'/big\0' + b'v' * 4091
    assert o.call('WRITE', raw=big) == b'OK\0'
    assert len(o.read('/big')) == 4091


def check_slow_reader(path):
    # Megabytes of replies queue up while the client is not reading; they
    # must all arrive, whole and in order, once it does.
    c = Conn(path)
    c.write('/bulk', b'b' * 4000)
    n = 1500
    c.sock.sendall(b''.join(HDR.pack(XS['READ'], 1000 + i, 0, 6) + b'/bulk\0'
                            for i in range(n)))
    time.sleep(0.2)
    for i in range(n):
        assert c.reply(1000 + i) == b'b' * 4000, 'reply %d damaged' % i


CHECKS = [
    ('initial-nodes', check_initial_nodes),
    ('write-read', check_write_read),
    ('relative-path', check_relative),
    ('watch-event', check_watch),
    ('transaction', check_transaction),
    ('error-replies', check_errors),
    ('domain-bookkeeping', check_domains),
    ('partial-io', check_partial_io),
    ('oversized-request', check_oversized),
    ('slow-reader', check_slow_reader),
]


def main():
    path = sys.argv[1]
    failed = 0
    for name, fn in CHECKS:
        try:
            fn(path)
            print('PASS %s' % name)
        except Exception as e:      # any failure is reported, not raised
            print('FAIL %s: %s: %s' % (name, type(e).__name__, e))
            failed += 1
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
