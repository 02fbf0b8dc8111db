#!/usr/bin/env python3
"""make bench-boot: wall time from starting QEMU to the `pagoda> ` prompt on COM1, at several memory
sizes, against the smallest Multiboot kernel (tests/bench/minimal_kernel.asm) that prints the same
prompt. Runs alternate between the two kernels and the sizes (interleaved, so a loaded machine slows
both alike); each figure is a median, of the wall time and of QEMU's CPU time. Then the same in guest
instructions, which repeat where wall
times do not: QEMU runs one instruction per block and logs each (-singlestep -d exec,nochain, a
minute or so per boot), and the lines are counted up to the kernel's entry (the firmware's share)
and on to the first instruction after its prompt.

    tests/bench/bench_boot.py --build build [--runs 9]
"""
import argparse
import os
import re
import select
import statistics
import subprocess
import sys
import tempfile
import time

SIZES = (64, 512, 3584)
PROMPT = b"pagoda> "


def time_to_prompt(kernel, mib):
    """(wall, cpu): seconds from starting QEMU to the prompt, and the CPU time QEMU took (all its
    threads, up to its end just after), which a loaded machine disturbs less."""
    t0 = time.perf_counter()
    qemu = subprocess.Popen(["qemu-system-i386", "-kernel", kernel, "-m", str(mib), "-display", "none",
                             "-serial", "stdio", "-monitor", "none", "-no-reboot"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
    seen = b""
    try:
        while PROMPT not in seen:
            chunk = qemu.stdout.read1(4096)
            if not chunk:
                sys.exit("bench-boot: %s ended before its prompt at -m %d: %r" % (kernel, mib, seen[-200:]))
            seen += chunk
        wall = time.perf_counter() - t0
    finally:
        qemu.kill()
        usage = os.wait4(qemu.pid, 0)[2]  # reaped here, for its resource usage
        qemu.returncode = -9
    return wall, usage.ru_utime + usage.ru_stime


def symbol(kernel, name):
    for line in subprocess.run(["nm", kernel], capture_output=True, text=True, check=True).stdout.splitlines():
        if line.split()[2:] == [name]:
            return int(line.split()[0], 16)
    sys.exit("bench-boot: no symbol %s in %s" % (name, kernel))


def prompt_done(kernel):
    """The first instruction run once the prompt is out: after the shell's one call of console_puts, or
    (the minimal kernel) its halt loop."""
    if os.path.basename(kernel).startswith("minimal"):
        return symbol(kernel, "_start.done")
    at = symbol(kernel, "shell_run")
    code = subprocess.run(["objdump", "-d", "--start-address=%d" % at, "--stop-address=%d" % (at + 512), kernel],
                          capture_output=True, text=True, check=True).stdout
    m = re.search(r"call\s+\w+ <console_puts>\n\s*([0-9a-f]+):", code)
    if not m:
        sys.exit("bench-boot: no console_puts call in shell_run of %s" % kernel)
    return int(m.group(1), 16)


def instructions_to_prompt(kernel, mib):
    """(firmware, kernel): guest instructions before the kernel's entry, and from there to its prompt."""
    marks = [b"/%08x/" % symbol(kernel, "_start"), b"/%08x/" % prompt_done(kernel)]
    with tempfile.TemporaryDirectory(prefix="pagoda-boot-") as tmp:
        log, errors = os.path.join(tmp, "exec.log"), open(os.path.join(tmp, "qemu.err"), "w+")
        os.mkfifo(log)
        qemu = subprocess.Popen(["qemu-system-i386", "-kernel", kernel, "-m", str(mib), "-display", "none",
                                 "-serial", "stdio", "-monitor", "none", "-no-reboot", "-icount", "shift=0",
                                 "-singlestep", "-d", "exec,nochain", "-D", log],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors)
        found, n, rest, serial = [], 0, b"", b""
        try:
            fd = os.open(log, os.O_RDONLY)
            while len(found) < len(marks):
                ready = select.select([fd, qemu.stdout], [], [])[0]
                if qemu.stdout in ready and PROMPT not in serial:
                    serial += qemu.stdout.read1(4096)
                    if PROMPT in serial:  # QEMU holds the last lines of its log until it ends; the
                        time.sleep(1)     # second mark runs just after the prompt's last byte: let it
                        qemu.terminate()
                if fd not in ready:
                    continue
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    errors.seek(0)
                    sys.exit("bench-boot: %s at -m %d: no prompt in its log %s" % (kernel, mib, errors.read()))
                lines = rest + chunk
                cut = lines.rfind(b"\n") + 1
                lines, rest, at = lines[:cut], lines[cut:], 0
                while len(found) < len(marks):  # one "Trace" line per instruction run
                    i = lines.find(marks[len(found)], at)
                    if i < 0:
                        break
                    n += lines.count(b"Trace", at, i)
                    found.append(n)
                    at = i
                n += lines.count(b"Trace", at)
            os.close(fd)
        finally:
            qemu.kill()
            qemu.wait()
            errors.close()
    return found[0], found[1] - found[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    kernels = {"pagoda": os.path.join(args.build, "kernel.elf"),
               "minimal": os.path.join(args.build, "bench", "minimal_kernel.elf")}
    times = {(k, m): [] for k in kernels for m in SIZES}
    for _ in range(args.runs):
        for mib in SIZES:
            for name, path in kernels.items():
                times[(name, mib)].append(time_to_prompt(path, mib))
    for what, which in (("wall time", 0), ("QEMU's CPU time", 1)):
        med = {key: statistics.median(t[which] for t in v) for key, v in times.items()}
        print("boot to prompt (%s, median of %d interleaved runs):" % (what, args.runs))
        for mib in SIZES:
            print("  -m %-5d pagoda %6.1f ms  minimal Multiboot kernel %6.1f ms  ratio %.2f (target <= 1.2)" % (
                mib, 1000 * med[("pagoda", mib)], 1000 * med[("minimal", mib)],
                med[("pagoda", mib)] / med[("minimal", mib)]))
        print("  pagoda at -m %d / at -m %d: %.2f (target <= 1.10)" % (
            SIZES[-1], SIZES[0], med[("pagoda", SIZES[-1])] / med[("pagoda", SIZES[0])]))
    count = {(k, m): instructions_to_prompt(path, m) for k, path in kernels.items() for m in SIZES}
    print("boot to prompt (guest instructions: firmware to the kernel's entry + kernel to its prompt):")
    for mib in SIZES:
        (fw, ours), (mfw, mine) = count[("pagoda", mib)], count[("minimal", mib)]
        print("  -m %-5d pagoda %.2fM + %.3fM  minimal Multiboot kernel %.2fM + %d  ratio %.2f" % (
            mib, fw / 1e6, ours / 1e6, mfw / 1e6, mine, (fw + ours) / (mfw + mine)))
    print("  pagoda at -m %d / at -m %d: %.2f (the kernel's part alone: %.2f)" % (
        SIZES[-1], SIZES[0], sum(count[("pagoda", SIZES[-1])]) / sum(count[("pagoda", SIZES[0])]),
        count[("pagoda", SIZES[-1])][1] / count[("pagoda", SIZES[0])][1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
