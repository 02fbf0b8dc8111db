"""The kernel's own GDB stub on COM2 (debugport=com2): gdb-multiarch -batch over a TCP-backed second
serial port, against the kernel sitting at its prompt."""
import os
import re
import socket
import subprocess
import time

from qemu import BUILD, Machine, check


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def com2(port):
    return ["-serial", "tcp:127.0.0.1:%d,server=on,wait=off" % port]


def gdb_start(port, *commands):
    """gdb-multiarch -batch on kernel.elf, attached to the stub, running commands."""
    cmd = ["gdb-multiarch", "-nx", "-batch", "-ex", "set pagination off", "-ex", "set remotetimeout 10",
           "-ex", "file " + os.path.join(BUILD, "kernel.elf"), "-ex", "target remote 127.0.0.1:%d" % port]
    for c in commands:
        cmd += ["-ex", c]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def gdb_finish(g, timeout=60):
    try:
        out, _ = g.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        g.kill()
        out, _ = g.communicate()
        out += "\n(gdb timed out)"
    return out


def gdb(port, *commands, timeout=60):
    return gdb_finish(gdb_start(port, *commands), timeout)


def boot(append="debugport=com2"):
    port = free_port()
    m = Machine(append=append, extra=com2(port), timeout=30)
    m.wait_prompt()
    return m, port


def test_registers_and_memory_then_detach_leaves_a_working_console():
    m, port = boot()
    with m:
        out = gdb(port, "info registers eip esp", "x/4xb &kmain", "print/x *(unsigned char *)&kmain", "detach")
        check(re.search(r"eip\s+0x8[0-9a-f]{7}", out) is not None, "no eip:\n" + out)
        check(re.search(r"esp\s+0x8[0-9a-f]{7}", out) is not None, "no esp:\n" + out)
        check(re.search(r"<kmain>:\s+0x[0-9a-f]{2}", out) is not None, "no memory:\n" + out)
        check("Detaching" in out or "detached" in out.lower(), "no detach:\n" + out)
        check("ticks=" in m.command("uptime"), "console dead after detach", m)


def test_breakpoint_reached_by_a_console_command_then_step():
    m, port = boot()
    with m:
        g = gdb_start(port, "break ExAllocatePoolWithTag", "continue", "bt 3", "stepi", "info registers eip",
                      "delete", "detach")
        time.sleep(3)  # GDB attached and continuing
        m.send_line("alloc NonPagedPool 64 Test")
        out = gdb_finish(g)
        check("Breakpoint 1, " in out and "ExAllocatePoolWithTag" in out, "no breakpoint:\n" + out)
        check("#1 " in out, "no backtrace:\n" + out)
        check(re.search(r"eip\s+0x8[0-9a-f]{7}", out) is not None, "no step:\n" + out)
        m.wait_prompt()
        check("ticks=" in m.command("uptime"), "console dead after detach", m)
