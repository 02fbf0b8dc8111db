"""Boots Pagoda in QEMU for tests and talks to its serial console. Standard library only.

    with Machine(append="mem=16") as m:
        m.wait_prompt()
        out = m.command("mem")
        m.send_line("poweroff")
        assert m.wait_exit() == 33
"""
import os
import re
import select
import socket
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("PAGODA_BUILD", os.path.join(ROOT, "build"))
PROMPT = b"pagoda> "
EXIT_POWEROFF, EXIT_TEST_FAILED, EXIT_BUGCHECK = 33, 35, 37
STOP_RE = re.compile(r"\*\*\* STOP: 0x([0-9A-F]{8}) \(0x([0-9A-F]{8}),0x([0-9A-F]{8}),0x([0-9A-F]{8}),0x([0-9A-F]{8})\)")


class TestFailure(AssertionError):
    pass


def sample_drivers():
    """The sample driver images that are built, as make passes them: drivers/samples/*.c but the template,
    and the twins mk/drivers.mk builds from a sample's source with a define."""
    names = [os.path.splitext(f)[0] for f in os.listdir(os.path.join(ROOT, "drivers", "samples"))
             if f.endswith(".c") and f != "template.c"]
    with open(os.path.join(ROOT, "mk", "drivers.mk")) as f:
        names += re.findall(r"(\w+):drivers/samples/\w+\.c:", f.read())
    names.sort()
    paths = [os.path.join(BUILD, "drivers", n + ".sys") for n in names]
    return [p for p in paths if os.path.exists(p)]


def driver_image(name):
    """A built image of build/drivers/ (the samples, the loader's test images)."""
    return os.path.join(BUILD, "drivers", name + ".sys")


class Machine:
    """One QEMU run. The serial console is QEMU's stdio; everything it printed is kept in `output`.
    drivers: the driver images passed as Multiboot modules with -kernel (None: the samples); an ISO
    boot carries the images make put on it."""

    def __init__(self, append="", iso=False, memory=128, extra=(), monitor=False, timeout=20, drivers=None):
        self.output = bytearray()
        self.pos = 0  # how far expect() has consumed output
        self.timeout = timeout
        self.monitor_path = None
        cmd = [os.environ.get("QEMU", "qemu-system-i386"), "-accel", "tcg", "-m", str(memory),
               "-display", "none", "-serial", "stdio", "-no-reboot",
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
        if monitor:
            self.monitor_path = tempfile.mktemp(prefix="pagoda-mon-", suffix=".sock")
            cmd += ["-monitor", "unix:%s,server=on,wait=off" % self.monitor_path]
        else:
            cmd += ["-monitor", "none"]
        if iso:
            cmd += ["-cdrom", os.path.join(BUILD, "kernel.iso")]
        else:
            cmd += ["-kernel", os.path.join(BUILD, "kernel.elf"), "-append", append]
            drivers = sample_drivers() if drivers is None else list(drivers)
            if drivers:  # QEMU splits -initrd at commas: one module each
                cmd += ["-initrd", ",".join(drivers)]
        cmd += list(extra)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, bufsize=0)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.kill()

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        if self.monitor_path and os.path.exists(self.monitor_path):
            os.unlink(self.monitor_path)

    def text(self, start=0):
        return self.output[start:].decode("latin-1")

    def _read_some(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        r, _, _ = select.select([self.proc.stdout], [], [], min(left, 0.2))
        if r:
            data = os.read(self.proc.stdout.fileno(), 65536)
            if not data:
                return False
            self.output += data
        elif self.proc.poll() is not None:
            return False
        return True

    def expect(self, pattern, timeout=None):
        """Waits for a regex (bytes or str) after what was consumed; returns the match."""
        if isinstance(pattern, str):
            pattern = pattern.encode("latin-1")
        rx = re.compile(pattern)
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            m = rx.search(self.output, self.pos)
            if m:
                self.pos = m.end()
                return m
            if not self._read_some(deadline):
                m = rx.search(self.output, self.pos)
                if m:
                    self.pos = m.end()
                    return m
                raise TestFailure("timed out waiting for %r; console said:\n%s" % (pattern, self.text(self.pos)[-2000:]))

    def wait_prompt(self, timeout=None):
        self.expect(re.escape(PROMPT), timeout)

    def send(self, data):
        if isinstance(data, str):
            data = data.encode("latin-1")
        # Small pieces: QEMU takes serial input only as fast as the UART's FIFO drains.
        for i in range(0, len(data), 256):
            self.proc.stdin.write(data[i:i + 256])
        self.proc.stdin.flush()

    def send_line(self, line, end="\r"):
        self.send(line + end)

    def command(self, line, timeout=None):
        """Types a line at the prompt and returns what it printed before the next prompt (echo removed)."""
        start = len(self.output)
        self.send_line(line)
        self.pos = max(self.pos, start)
        self.wait_prompt(timeout)
        out = self.output[start:self.pos - len(PROMPT)].decode("latin-1")
        echo = line + "\r\n"
        if out.startswith(echo):
            out = out[len(echo):]
        return out.replace("\r\n", "\n")

    def sync(self, timeout=None):
        """After input whose effect is unknown (garbage, fuzz): ends any half line, then waits until a
        marker line has been answered, so the next command() starts at a clean prompt."""
        self.sync_count = getattr(self, "sync_count", 0) + 1
        marker = "sync%d" % self.sync_count
        self.send("\r" + marker + "\r")
        self.expect(re.escape("unknown command '%s'" % marker), timeout)
        self.wait_prompt(timeout)

    def wait_exit(self, timeout=None):
        deadline = time.monotonic() + (timeout or self.timeout)
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._read_some(deadline)
        if self.proc.poll() is None:
            raise TestFailure("QEMU still running; console said:\n%s" % self.text()[-2000:])
        while self._read_some(time.monotonic() + 0.2):
            pass
        return self.proc.returncode

    def wait_stop(self, timeout=None):
        """Waits for a STOP line and returns (code, p1, p2, p3, p4) as integers."""
        m = self.expect(STOP_RE.pattern, timeout)
        return tuple(int(g, 16) for g in m.groups())

    def vga_screen(self):
        """The VGA text screen (Machine(monitor=True)) as (25 rows of 80 characters, the set of attributes)."""
        dump = self.monitor_command("xp /4000bx 0xb8000")
        raw = bytes(int(tok, 16) for line in dump.splitlines() if ":" in line
                    for tok in line.split(":", 1)[1].split())
        chars = raw[0::2].decode("latin-1")
        return [chars[i:i + 80] for i in range(0, len(chars), 80)], set(raw[1::2])

    def monitor_command(self, line):
        """Runs one QEMU monitor command (Machine(monitor=True)) and returns its output."""
        s = socket.socket(socket.AF_UNIX)
        s.connect(self.monitor_path)
        s.settimeout(5)
        buf = b""
        while b"(qemu) " not in buf:
            buf += s.recv(4096)
        s.sendall(line.encode() + b"\n")
        buf = b""
        while buf.count(b"(qemu) ") < 1:
            buf += s.recv(65536)
        s.close()
        return buf.decode("latin-1")


def stop_after(command, append="onbugcheck=exit"):
    """Boots, types one command that should bugcheck, and returns ((code, p1..p4), console text)."""
    with Machine(append=append) as m:
        m.wait_prompt()
        m.send_line(command)
        stop = m.wait_stop()
        status = m.wait_exit()
        check(status == EXIT_BUGCHECK, "exit status %s after STOP" % status, m)
        return stop, m.text()


def check(cond, message, machine=None):
    if not cond:
        if machine is not None:
            message += "\nconsole said:\n" + machine.text()[-2000:]
        raise TestFailure(message)
