#!/usr/bin/env python3
"""fake-pg-server.py DIR VERSION — answer one PostgreSQL connection on the
unix socket DIR/.s.PGSQL.5432 as a server of the given version would at
login (wire protocol 3: authentication ok, parameter status, ready), then
close. Lets t0200 check how khipu meets a server too old for it without
installing one. Prints "ready" once listening."""
import os
import socket
import struct
import sys


def msg(kind, body):
    return kind + struct.pack("!I", len(body) + 4) + body


def main():
    path = os.path.join(sys.argv[1], ".s.PGSQL.5432")
    version = sys.argv[2]
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    srv.listen(1)
    srv.settimeout(30)
    print("ready", flush=True)
    conn, _ = srv.accept()
    conn.settimeout(10)
    n = struct.unpack("!I", conn.recv(4))[0]
    conn.recv(n - 4)                                  # the startup message
    out = msg(b"R", struct.pack("!I", 0))             # authentication ok
    for k, v in (("server_version", version), ("server_encoding", "UTF8"),
                 ("client_encoding", "UTF8"), ("standard_conforming_strings", "on")):
        out += msg(b"S", k.encode() + b"\0" + v.encode() + b"\0")
    out += msg(b"K", struct.pack("!II", 4242, 1))
    out += msg(b"Z", b"I")
    conn.sendall(out)
    try:
        conn.recv(64)                                 # terminate, or nothing
    except OSError:
        pass
    conn.close()
    srv.close()
    os.unlink(path)


if __name__ == "__main__":
    main()
