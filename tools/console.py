#!/usr/bin/env python3
"""make console: the serial console of a running `make debug` as a raw terminal.

The terminal is put in raw mode so the kernel's line editor sees every key (TAB, arrows, Ctrl-C) and
does the only echo; plain `nc` in a cooked terminal echoes each line twice and eats those keys.
Ctrl-] leaves, as in telnet. What the kernel printed before we connected (the banner) is shown first
from QEMU's log of the port."""
import argparse
import os
import select
import socket
import sys
import termios
import tty

QUIT = b"\x1d"  # Ctrl-]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=4555)
    ap.add_argument("--log", help="QEMU's log of the port, printed before connecting")
    args = ap.parse_args()
    try:
        sock = socket.create_connection((args.host, args.port))
    except OSError as e:
        sys.exit("console: cannot connect to %s:%d (%s); is `make debug` running?" % (args.host, args.port, e.strerror))
    sys.stderr.write("[console on %s:%d; Ctrl-] leaves]\n" % (args.host, args.port))
    if args.log and os.path.exists(args.log):
        with open(args.log, "rb") as f:
            os.write(1, f.read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd) if os.isatty(fd) else None
    if saved:
        tty.setraw(fd)
    try:
        while True:
            ready, _, _ = select.select([sock, fd], [], [])
            if sock in ready:
                data = sock.recv(4096)
                if not data:
                    break
                os.write(1, data)
            if fd in ready:
                data = os.read(fd, 1024)
                if not data or QUIT in data:
                    break
                sock.sendall(data)
    except OSError:
        pass  # the far end went away: leave quietly, the terminal restored below
    finally:
        if saved:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        sock.close()
    sys.stderr.write("\nconsole: closed\n")


if __name__ == "__main__":
    main()
