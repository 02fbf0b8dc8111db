#!/usr/bin/env python3
"""make bench-pool: the host pool (tags, per-tag counters and every free-time check on) against glibc
malloc, mimalloc and jemalloc, on four workloads at four counts of live blocks, each run a process of
its own pinned to one CPU. Rounds take the allocators in turn, so a busy moment of the machine hits
them alike; the figures are medians over the rounds. Beside the times, instructions per operation
under callgrind (exact from run to run, where the times are not), and the same harness with no
allocator at all (its own share of both). Then the pool's overhead per block, and the kernel's
alloc+free pairs under QEMU -icount. Prints each figure as a ratio against its baseline: mimalloc for
the host, the target for the kernel. Judges nothing: a benchmark on a shared machine is no test.
Usage: bench_pool.py BUILD_DIR [--quick]"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from qemu import Machine  # noqa: E402

RUNS = 5
ALLOCATORS = ["pool", "mimalloc", "glibc", "jemalloc"]
# How each is linked, printed with its figures: a call into a shared library goes through the PLT,
# while the pool's hot path is inlined into the caller (Debian ships no static mimalloc to compare).
LINKAGE = {
    "pool": "static, LTO",
    "glibc": "shared libc",
    "mimalloc": "shared, mi_malloc",
    "jemalloc": "shared, malloc",
}
# The workloads (bench_pool.c) and their sizes, in the order of the table.
WORKLOADS = [("mixed", "90% 8-512 B, 9% 512-4080 B, 1% 4-32 KiB"), ("small", "8-504 B"),
             ("medium", "90% 8-512 B, 10% 513-4096 B"), ("pair", "64-88 B alloc+free beside the live blocks")]
LIVE = [1000, 10000, 100000, 1000000]
STEPS = 2000000         # timed steps (two operations each)
CALLGRIND_STEPS = 200000
KERNEL_PAIR_TARGET = 250  # guest instructions per 64-byte pair
KERNEL_PAIR_BEFORE = 293  # before the caches (issue 16); 329 before the size-class design


def pinned(cmd):
    """cmd on one CPU (the last one, which the kernel's housekeeping uses least) where the machine has
    more than one: migrations between CPUs were the largest noise, +-15% from run to run."""
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    return ["taskset", "-c", str(cpus[-1])] + cmd if len(cpus) > 1 and shutil.which("taskset") else cmd


def fields(text):
    return dict(tok.split("=", 1) for tok in text.split() if "=" in tok)


def run(exe, *args):
    out = subprocess.run(pinned([exe] + [str(a) for a in args]), stdout=subprocess.PIPE, text=True,
                         check=True).stdout
    return fields(out)


def callgrind(exe, workload, live, steps):
    """Instructions per operation inside run_steps (callees included), by callgrind."""
    with tempfile.TemporaryDirectory(prefix="pagoda-callgrind-") as d:
        out = os.path.join(d, "out")
        subprocess.run(["valgrind", "--tool=callgrind", "--toggle-collect=run_steps", "--callgrind-out-file=" + out,
                        exe, workload, str(live), str(steps)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        text = open(out).read()
    total = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
    return int(total.group(1)) / (2.0 * steps)


def in_kernel():
    """Guest instructions per pair: with -icount shift=0 the guest's TSC counts instructions."""
    with Machine(extra=["-icount", "shift=0"], timeout=120) as m:
        m.wait_prompt()
        out = m.command("poolbench 20000")
    f = dict(re.findall(r"(\w+)=(\d+)", out))
    return int(f["tsc_per_pair_64"]), int(f["tsc_per_pair_1000"])


def main():
    build = sys.argv[1]
    quick = "--quick" in sys.argv[2:]  # one round, fewer steps: the scenario test's smoke run
    runs, steps, csteps = (1, 20000, 2000) if quick else (RUNS, STEPS, CALLGRIND_STEPS)
    live_counts = LIVE[:2] if quick else LIVE
    exes = {}
    for name in ALLOCATORS + ["none"]:
        exe = os.path.join(build, "host", "bench_pool_" + name)
        if os.path.exists(exe):
            exes[name] = exe
        else:
            print("bench-pool: %s not built (its Debian package is missing): left out" % name)
    cases = [(w, n) for w, _ in WORKLOADS for n in live_counts]
    times = {(a, w, n): [] for a in exes for (w, n) in cases}
    for r in range(runs):
        for (w, n) in cases:
            order = list(exes)
            order = order[r % len(order):] + order[:r % len(order)]  # who goes first changes each round
            for a in order:
                times[(a, w, n)].append(float(run(exes[a], w, n, steps)["ns_per_op"]))
    ns = {k: statistics.median(v) for k, v in times.items()}
    counts = {}
    if shutil.which("valgrind"):
        for (w, n) in cases:
            for a in exes:
                counts[(a, w, n)] = callgrind(exes[a], w, n, csteps)
    else:
        print("bench-pool: no valgrind: no instruction counts (tools/deps.sh bench installs it)")

    print("bench-pool: medians of %d interleaved runs%s, %d steps of two operations each; instructions per "
          "operation under callgrind (%d steps). Workloads: %s."
          % (runs, ", pinned to one CPU" if pinned([]) else "", steps, csteps,
             "; ".join("%s: %s" % w for w in WORKLOADS)))
    others = [a for a in ALLOCATORS if a in exes and a not in ("pool", "mimalloc")]
    head = "%-7s %8s %9s %9s %7s %8s %8s %7s" % ("work", "live", "pool ns", "mi ns", "ratio", "pool Ir", "mi Ir",
                                              "ratio")
    head += "".join(" %9s" % ("/" + a[:8]) for a in others) + " %8s" % "harness"
    print(head)
    worst = 0.0
    for (w, n) in cases:
        pool, mi = ns.get(("pool", w, n)), ns.get(("mimalloc", w, n))
        line = "%-7s %8d %9.2f %9.2f %7.2f" % (w, n, pool or 0, mi or 0, pool / mi if pool and mi else 0)
        if pool and mi:
            worst = max(worst, pool / mi)
        pc, mc = counts.get(("pool", w, n)), counts.get(("mimalloc", w, n))
        line += " %8.1f %8.1f %7.2f" % (pc or 0, mc or 0, pc / mc if pc and mc else 0)
        for a in others:
            line += " %9.2f" % (pool / ns[(a, w, n)] if pool else 0)
        line += " %8.1f" % counts.get(("none", w, n), 0)
        print(line)
    print("(ratio: pool / mimalloc; /glibc, /jemalloc: pool time / theirs; harness: the same steps with no "
          "allocator, instructions per operation, inside every Ir figure)")
    print("%-9s %-18s %s" % ("allocator", "linked", "overhead B/block (RSS, 100000 live blocks of 8-256 B)"))
    pool_overhead = None
    for a in [a for a in ALLOCATORS if a in exes]:
        o = [run(exes[a], "overhead") for _ in range(1 if quick else 3)]
        print("%-9s %-18s %.1f" % (a, LINKAGE[a], statistics.median(float(f["overhead_bytes_per_block"]) for f in o)))
        if a == "pool":
            pool_overhead = o[0]
    if pool_overhead:
        print("pool overhead per block: header %s B, class rounding %s B, pages beyond their blocks in use %s B"
              % (pool_overhead["header_bytes_per_block"], pool_overhead["rounding_bytes_per_block"],
                 pool_overhead["page_bytes_per_block"]))
    pair64, pair1000 = in_kernel()
    print("in-kernel (i686, QEMU -icount shift=0): %d guest instructions per alloc+free pair of 64 bytes "
          "(ratio %.2f to the target of %d; %d before), %d of 1000 bytes"
          % (pair64, pair64 / KERNEL_PAIR_TARGET, KERNEL_PAIR_TARGET, KERNEL_PAIR_BEFORE, pair1000))
    if worst:
        print("target (no slower than mimalloc on every workload and live count): %s (worst ratio %.2f)"
              % ("met" if worst <= 1.0 else "NOT met", worst))


if __name__ == "__main__":
    main()
