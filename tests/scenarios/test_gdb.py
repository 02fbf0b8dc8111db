"""make debug's path: QEMU's gdbstub, a breakpoint in kmain, a backtrace."""
import os
import socket
import subprocess

from qemu import ROOT, BUILD, check


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_gdb_stops_at_kmain_and_prints_a_backtrace():
    env = dict(os.environ, GDBPORT=str(free_port()), SERIALPORT=str(free_port()), BUILD=BUILD)
    p = subprocess.run([os.path.join(ROOT, "tools", "debug.sh"), "-batch",
                        "-ex", "break kmain", "-ex", "continue", "-ex", "bt", "-ex", "info registers eip"],
                       env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    out = p.stdout
    check("Breakpoint 1, kmain" in out, "no stop at kmain:\n" + out)
    check("#0  kmain" in out, "no backtrace:\n" + out)
    check("main.c" in out, "no source line:\n" + out)
