#!/usr/bin/env python3
"""make bench-boot: wall time from starting QEMU to the `pagoda> ` prompt on COM1, at several memory
sizes, against the smallest Multiboot kernel (tests/bench/minimal_kernel.asm) that prints the same
prompt. Runs alternate between the two kernels and the sizes (interleaved, so a loaded machine slows
both alike); each figure is a median.

    tests/bench/bench_boot.py --build build [--runs 9]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

SIZES = (64, 512, 3584)
PROMPT = b"pagoda> "


def time_to_prompt(kernel, mib):
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
        return time.perf_counter() - t0
    finally:
        qemu.kill()
        qemu.wait()


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
    med = {key: statistics.median(v) for key, v in times.items()}
    print("boot to prompt (wall time, median of %d interleaved runs):" % args.runs)
    for mib in SIZES:
        print("  -m %-5d pagoda %6.1f ms  minimal Multiboot kernel %6.1f ms  ratio %.2f (target <= 1.2)" % (
            mib, 1000 * med[("pagoda", mib)], 1000 * med[("minimal", mib)], med[("pagoda", mib)] / med[("minimal", mib)]))
    print("  pagoda at -m %d / at -m %d: %.2f (target <= 1.10)" % (
        SIZES[-1], SIZES[0], med[("pagoda", SIZES[-1])] / med[("pagoda", SIZES[0])]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
