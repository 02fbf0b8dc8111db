#!/usr/bin/env python3
"""Runs in-kernel benchmarks: boots build/kernel.elf with `bench=<name>` under QEMU's -icount shift=0
(so rdtsc counts guest instructions) and prints the `bench: ` lines the kernel reports.

    tests/bench/bench.py irql
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # tests/, for qemu.py


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=None)
    ap.add_argument("names", nargs="+", help="benchmarks to run, one boot each")
    args = ap.parse_args()
    if args.build:
        os.environ["PAGODA_BUILD"] = os.path.abspath(args.build)
    from qemu import Machine, EXIT_POWEROFF  # after PAGODA_BUILD is set

    ok = True
    for name in args.names:
        with Machine(append="bench=" + name, extra=("-icount", "shift=0"), timeout=120) as m:
            status = m.wait_exit()
            lines = [l[len("bench: "):] for l in m.text().splitlines() if l.startswith("bench: ")]
        for line in lines:
            print(line.strip())
        if status != EXIT_POWEROFF or not lines:
            print("bench %s failed: QEMU status %s" % (name, status), file=sys.stderr)
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
