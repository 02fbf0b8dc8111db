"""The kernel's own GDB stub on COM2 (debugport=com2): gdb-multiarch -batch over a TCP-backed second
serial port, against the kernel sitting at its prompt."""
import os
import signal
import re
import socket
import subprocess
import sys
import threading
import time

from qemu import BUILD, Machine, check

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_gdb import free_port  # noqa: E402


def com2(port):
    return ["-serial", "tcp:127.0.0.1:%d,server=on,wait=off" % port]


def gdb_start(port, *commands, helpers=False):
    """gdb-multiarch -batch on kernel.elf, attached to the stub, running commands; with helpers, the pg-
    helpers auto-load with kernel.elf (before attaching, as in make debug)."""
    cmd = ["gdb-multiarch", "-nx", "-batch"] + (["-iex", "add-auto-load-safe-path " + BUILD] if helpers else []) + [
           "-ex", "set pagination off", "-ex", "set remotetimeout 10",
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


def boot(append="debugport=com2", drivers=None):
    port = free_port()
    m = Machine(append=append, extra=com2(port), timeout=30, drivers=drivers)
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


def test_watchpoint_on_a_pool_block_catches_poke():
    m, port = boot()
    with m:
        addr = int(re.search(r"0x([0-9a-f]{8})", m.command("alloc NonPagedPool 64 Wtch")).group(1), 16)
        g = gdb_start(port, "watch *(unsigned int *)0x%08x" % addr, "continue", "bt 1", "delete", "detach")
        time.sleep(3)  # GDB attached and continuing
        m.send_line("poke 0x%08x 0x1234" % addr)
        out = gdb_finish(g)
        check("Hardware watchpoint 1" in out, "no hardware watchpoint:\n" + out)
        check("New value = 4660" in out, "the write was not caught:\n" + out)
        check("cmd_poke" in out, "not stopped in the writer:\n" + out)
        m.wait_prompt()
        check(m.command("uptime").startswith("ticks="), "console dead after detach", m)


def test_monitor_runs_a_console_command_and_returns_its_output():
    m, port = boot()
    with m:
        m.command("alloc NonPagedPool 100 Mntr")
        out = gdb(port, "monitor poolmon", "monitor nosuchcommand", "detach")
        check("Mntr" in out and "Tag" in out, "no poolmon output:\n" + out)
        check("unknown command 'nosuchcommand'" in out, "no error line:\n" + out)
        m.sync()  # the console printed the commands' output too
        check(m.command("uptime").startswith("ticks="), "console dead after detach", m)


def test_onbugcheck_debug_waits_for_gdb_after_the_stop_screen():
    m, port = boot("onbugcheck=debug")
    with m:
        m.send_line("bugcheck 0xE2 1 2 3 4")
        m.wait_stop()
        m.expect("waiting for GDB on COM2")
        out = gdb(port, "bt", "print/x $eip", "detach")
        check("bugcheck_from_trap" in out, "not stopped on the bugcheck path:\n" + out)
        check("cmd_bugcheck" in out, "backtrace does not reach the command:\n" + out)


def packet(payload):
    return b"$%s#%02x" % (payload, sum(payload) & 0xFF)


def recv_until(s, marker, timeout=10):
    buf = b""
    deadline = time.monotonic() + timeout
    while marker not in buf and time.monotonic() < deadline:
        s.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            data = s.recv(4096)
        except socket.timeout:
            break
        if not data:
            break
        buf += data
    return buf


def test_bad_checksum_oversized_and_garbage_packets_are_answered_and_the_kernel_goes_on():
    m, port = boot()
    with m:
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"\x03")
        check(b"$S02#b5" in recv_until(s, b"#b5"), "no SIGINT stop reply to Ctrl-C")
        s.sendall(b"$g#00")
        check(recv_until(s, b"-", 5).startswith(b"-"), "a bad checksum was not refused")
        s.sendall(packet(b"m" + b"0" * 5000))
        check(b"E22" in recv_until(s, b"E22"), "an oversized packet got no error")
        s.sendall(packet(b"m,") + packet(b"mffffffff,zz") + packet(b"Z9,0,0") + packet(b"mfffff000,10"))
        out = recv_until(s, b"E14")
        check(out.count(b"$E01") == 2 and b"$#00" in out and b"$E14" in out, "malformed packets: %r" % out)
        s.sendall(packet(b"c"))
        time.sleep(0.5)
        s.close()
        check(m.command("uptime").startswith("ticks="), "console dead after the garbage", m)


def test_gdb_writes_memory_and_registers_through_the_stub():
    """What GDB's own writes go through (M or X for memory, P or G for a register): a word of a pool
    block set from GDB reads back in the console, and a register set from GDB reads back in GDB."""
    m, port = boot()
    with m:
        block = m.command("alloc NonPagedPool 64 Gdbw").strip()
        check(block.startswith("0x8"), "alloc: " + block, m)
        out = gdb(port, "set var *(unsigned int *)%s = 0x1234abcd" % block, "set $saved = $ebx",
                  "set var $ebx = 0x5a5a5a5a", "print/x $ebx", "set var $ebx = $saved", "detach")
        check("= 0x5a5a5a5a" in out, "register write not read back:\n" + out)
        check("0x1234abcd" in m.command("peek " + block), "memory written from GDB not seen by the console", m)


def test_ctrl_c_in_gdb_stops_the_running_kernel_through_the_stub():
    """SIGINT to GDB while the kernel runs under the stub: GDB sends 0x03, the kernel stops, and after
    detach the console answers."""
    m, port = boot()
    with m:
        g = gdb_start(port, "continue", "info registers eip", "detach")
        lines = []
        reader = threading.Thread(target=lambda: lines.extend(iter(g.stdout.readline, "")), daemon=True)
        reader.start()
        deadline = time.monotonic() + 30  # attached (GDB shows where it stopped), however loaded the machine
        while not any(re.match(r"0x[0-9a-f]+ in ", l) for l in lines) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)  # then continued
        g.send_signal(signal.SIGINT)
        try:
            g.wait(timeout=60)
        except subprocess.TimeoutExpired:
            g.kill()
            lines.append("\n(gdb timed out)")
        reader.join(5)
        out = "".join(lines)
        check("SIGINT" in out and re.search(r"eip\s+0x8[0-9a-f]{7}", out), "no stop on Ctrl-C:\n" + out)
        check("ticks=" in m.command("uptime"), "console dead after detach", m)


def test_the_stubs_breakpoints_stay_out_of_memory_reads_and_writes_go_under_them():
    """As gdbserver does: a read shows the byte an int3 of the stub replaced (GDB takes an int3 it reads
    for one compiled into the code and skips the instruction), and a write there is what the code holds
    once the breakpoint goes."""
    nm = subprocess.run(["nm", os.path.join(BUILD, "kernel.elf")], stdout=subprocess.PIPE, text=True).stdout
    kmain = re.search(r"^([0-9a-f]{8}) T kmain$", nm, re.M).group(1).encode()  # runs once, at boot
    m, port = boot()
    with m:
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"\x03")
        check(b"$S02#b5" in recv_until(s, b"#b5"), "no stop on Ctrl-C")

        def ask(payload):
            s.sendall(b"+" + packet(payload))
            return re.search(rb"\$([^#]*)#", recv_until(s, b"#")).group(1)

        original = ask(b"m%s,1" % kmain)
        check(ask(b"Z0,%s,1" % kmain) == b"OK", "no breakpoint")
        seen = ask(b"m%s,1" % kmain)
        check(seen == original, "a read shows %r, not the %r under the int3" % (seen, original))
        new = b"90" if original != b"90" else b"c3"
        check(ask(b"M%s,1:%s" % (kmain, new)) == b"OK" and ask(b"m%s,1" % kmain) == new, "write under the breakpoint")
        check(ask(b"z0,%s,1" % kmain) == b"OK" and ask(b"m%s,1" % kmain) == new, "the breakpoint put back the old byte")
        check(ask(b"M%s,1:%s" % (kmain, original)) == b"OK", "restore")
        s.sendall(b"+" + packet(b"c"))
        time.sleep(0.5)
        s.close()
        check(m.command("uptime").startswith("ticks="), "console dead after the stub's session", m)
