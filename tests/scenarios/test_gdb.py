"""make debug's path: QEMU's gdbstub, a breakpoint in kmain, a backtrace without warnings; Ctrl-C in
GDB while the kernel runs stops it and leaves QEMU alive; the console under make debug keeps its banner."""
import os
import signal
import socket
import subprocess
import tempfile
import time

from qemu import ROOT, BUILD, PROMPT, check


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Marker:
    """A file GDB creates (self.command) when it gets there in its commands: wait() until it has, or GDB
    (proc) ended without; output() tells what GDB said."""

    def __init__(self):
        self.path = os.path.join(tempfile.mkdtemp(prefix="pagoda-gdb-"), "here")
        self.command = "python open(%r, 'w').close()" % self.path

    def wait(self, proc, output, timeout=60):
        deadline = time.monotonic() + timeout
        while not os.path.exists(self.path):
            if proc.poll() is not None or time.monotonic() > deadline:
                check(False, "GDB did not get there:\n" + output())
            time.sleep(0.1)


class Debug:
    """tools/debug.sh with GDB's arguments, in a session of its own so a SIGINT to its process group is
    the terminal's Ctrl-C; console() types a line on the serial port while GDB lets the kernel run."""

    def __init__(self, *gdb_args, drivers=None, append=""):
        self.tmp = tempfile.mkdtemp(prefix="pagoda-gdb-")
        self.serial = free_port()
        env = dict(os.environ, GDBPORT=str(free_port()), SERIALPORT=str(self.serial), BUILD=BUILD,
                   SERIALLOG=os.path.join(self.tmp, "serial.log"), APPEND=append, DRIVERS=drivers or "")
        self.out = open(os.path.join(self.tmp, "gdb.out"), "w+")
        self.p = subprocess.Popen([os.path.join(ROOT, "tools", "debug.sh"), "-batch", *gdb_args], env=env,
                                  stdin=subprocess.DEVNULL, stdout=self.out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        self.sock = None
        self.seen = b""

    def connect(self, timeout=30):
        deadline = time.time() + timeout
        while self.sock is None:
            try:
                self.sock = socket.create_connection(("127.0.0.1", self.serial), timeout=1)
            except OSError:
                check(time.time() < deadline, "no serial port:\n" + self.text())
                time.sleep(0.2)

    def read_until(self, marker, timeout=30):
        deadline = time.time() + timeout
        while marker not in self.seen:
            check(time.time() < deadline, "no %r on the console:\n%s\nGDB:\n%s" % (marker, self.seen, self.text()))
            try:
                data = self.sock.recv(4096)
            except socket.timeout:
                continue
            check(data, "console closed:\n" + self.text())
            self.seen += data
        at = self.seen.index(marker) + len(marker)
        before, self.seen = self.seen[:at], self.seen[at:]
        return before.decode(errors="replace")

    def console(self, line, timeout=30):
        """The output of one console command (the prompt is awaited first)."""
        self.connect()
        self.sock.sendall(b"\r")
        self.read_until(PROMPT, timeout)
        self.sock.sendall(line.encode() + b"\r")
        self.read_until(line.encode(), timeout)  # its echo: past the prompts of lines typed before it
        out = self.read_until(PROMPT, timeout)
        return out.replace("\r\n", "\n").split("\n", 1)[-1][:-len(PROMPT)]

    def type_and_wait(self, line, timeout=60):
        """Types a line that ends in GDB stopping for good (a STOP breaks in, then -batch ends), and waits."""
        self.connect()
        self.sock.sendall(b"\r")
        self.read_until(PROMPT)
        self.sock.sendall(line.encode() + b"\r")
        deadline = time.time() + timeout
        while self.p.poll() is None and time.time() < deadline:
            time.sleep(0.2)
        return self.finish()

    def interrupt(self):
        os.killpg(self.p.pid, signal.SIGINT)

    def wait_gdb(self, text, timeout=30):
        """Waits for GDB to print text: after interrupt(), the kernel is stopped only once GDB says so."""
        deadline = time.time() + timeout
        while text not in self.text():
            check(time.time() < deadline and self.p.poll() is None, "GDB did not print %r:\n%s" % (text, self.text()))
            time.sleep(0.1)

    def text(self):
        self.out.flush()
        with open(self.out.name) as f:
            return f.read()

    def finish(self, timeout=120):
        try:
            self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.p.pid, signal.SIGKILL)
            self.p.wait()
        if self.sock:
            self.sock.close()
        return self.text()


def test_gdb_stops_at_kmain_and_prints_a_backtrace():
    d = Debug("-ex", "break kmain", "-ex", "continue", "-ex", "bt", "-ex", "info registers eip")
    out = d.finish()
    check("Breakpoint 1, kmain" in out, "no stop at kmain:\n" + out)
    check("#0  kmain" in out, "no backtrace:\n" + out)
    check("main.c" in out, "no source line:\n" + out)
    check("#1  0x" in out and "higher_half_entry" in out, "no entry frame:\n" + out)
    check("warning" not in out, "warnings on the README's example:\n" + out)


def test_ctrl_c_in_gdb_stops_the_kernel_and_qemu_lives_on():
    d = Debug("-ex", "continue", "-ex", "info registers eip", "-ex", "continue", "-ex", "print 6*7")
    banner = d.console("help")
    check("poolmon" in banner or "pool" in banner, "console under make debug:\n" + banner)
    d.interrupt()  # the terminal's Ctrl-C: GDB and debug.sh get it, QEMU (own session) does not
    time.sleep(2)
    d.interrupt()
    out = d.finish()
    check(out.count("received signal SIGINT") == 2, "not stopped twice by SIGINT:\n" + out)
    check("eip" in out and "$1 = 42" in out, "GDB lost the target:\n" + out)
    check("terminating on signal 2" not in out and "Remote communication error" not in out, "QEMU died:\n" + out)
    with open(os.path.join(d.tmp, "serial.log"), errors="replace") as f:
        check("pagoda> " in f.read(), "no banner in the serial log")
