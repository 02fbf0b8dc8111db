#!/usr/bin/env python3
"""make bench-pool: the host pool (tags, per-tag counters and every free-time check on) against glibc
malloc, mimalloc and jemalloc on the same workloads, each in a process of its own, RUNS rounds taking
the allocators in turn (so a busy moment of the machine hits them alike); prints the medians and the
pool's ratios. The pool is linked statically with LTO, mimalloc and jemalloc as Debian's shared
libraries. Usage: bench_pool.py BUILD_DIR"""
import os
import re
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from qemu import Machine  # noqa: E402

RUNS = 7
ALLOCATORS = ["pool", "glibc", "mimalloc", "jemalloc"]
# How each is linked, printed with its figures: a call into a shared library goes through the PLT,
# while the pool's hot path is inlined into the caller (Debian ships no static mimalloc to compare).
LINKAGE = {
    "pool": "static, LTO",
    "glibc": "shared libc",
    "mimalloc": "shared, mi_malloc",
    "jemalloc": "shared, malloc",
}
METRICS = ["mixed_ns_per_op", "small_ns_per_op", "pair_ns_per_op", "overhead_bytes_per_block"]


def pinned(cmd):
    """cmd on one CPU (the last one, which the kernel's housekeeping uses least) where the machine has
    more than one: migrations between CPUs were the largest noise, +-15% from run to run."""
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    return ["taskset", "-c", str(cpus[-1])] + cmd if len(cpus) > 1 and shutil.which("taskset") else cmd


def run(exe):
    out = subprocess.run(pinned([exe]), stdout=subprocess.PIPE, text=True, check=True).stdout
    return {k: v for k, v in (tok.split("=") for tok in out.split())}


def in_kernel():
    """Guest instructions per pair: with -icount shift=0 the guest's TSC counts instructions."""
    with Machine(extra=["-icount", "shift=0"], timeout=120) as m:
        m.wait_prompt()
        out = m.command("poolbench 20000")
    f = dict(re.findall(r"(\w+)=(\d+)", out))
    print("in-kernel (i686, QEMU -icount shift=0): %s guest instructions per alloc+free pair of 64 bytes "
          "(lookaside), %s of 1000 bytes (free lists)" % (f.get("tsc_per_pair_64"), f.get("tsc_per_pair_1000")))


def main():
    build = sys.argv[1]
    exes = {}
    for name in ALLOCATORS:
        exe = os.path.join(build, "host", "bench_pool_" + name)
        if os.path.exists(exe):
            exes[name] = exe
        else:
            print("bench-pool: %s not built (its Debian package is missing): left out" % name)
    samples = {name: [] for name in exes}
    for _ in range(RUNS):
        for name, exe in exes.items():
            samples[name].append(run(exe))
    medians = {name: {m: statistics.median(float(s[m]) for s in samples[name]) for m in METRICS} for name in exes}
    print("bench-pool: medians of %d runs%s (mixed: random alloc/free, 90%% <= 512 B, 1%% > 4 KiB; small: the same "
          "with 8-504 B only; pair: 64-88 B alloc+free; overhead: 100000 live blocks of 8-256 B)"
          % (RUNS, ", pinned to one CPU" if pinned([]) else ""))
    print("%-9s %-18s %12s %12s %11s %17s" % ("allocator", "linked", "mixed ns/op", "small ns/op", "pair ns/op",
                                               "overhead B/block"))
    for name, m in medians.items():
        print("%-9s %-18s %12.2f %12.2f %11.2f %17.1f" % (name, LINKAGE[name], m["mixed_ns_per_op"],
                                                         m["small_ns_per_op"], m["pair_ns_per_op"],
                                                         m["overhead_bytes_per_block"]))
    pool = medians.get("pool")
    for name, m in medians.items():
        if name == "pool" or not pool:
            continue
        print("ratio pool/%s: mixed %.2f, small %.2f, pair %.2f"
              % (name, pool["mixed_ns_per_op"] / m["mixed_ns_per_op"], pool["small_ns_per_op"] / m["small_ns_per_op"],
                 pool["pair_ns_per_op"] / m["pair_ns_per_op"]))
    in_kernel()
    mi = medians.get("mimalloc")
    if pool and mi:
        ok = pool["mixed_ns_per_op"] <= mi["mixed_ns_per_op"] and pool["pair_ns_per_op"] <= mi["pair_ns_per_op"]
        print("target (no slower than mimalloc on both workloads): %s" % ("met" if ok else "NOT met"))


if __name__ == "__main__":
    main()
