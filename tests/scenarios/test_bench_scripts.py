"""The benchmark scripts still run from where they live (tests/bench/): no figures are judged here,
only that `make bench`'s in-kernel runner boots a benchmark and reports it, and that the pool's
benchmark prints each of its figures against its baseline."""
import os
import re
import subprocess
import sys

from qemu import BUILD, ROOT, check


def test_bench_py_boots_a_benchmark_and_prints_its_line():
    p = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "bench", "bench.py"), "--build", BUILD, "irql"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    check(p.returncode == 0 and "irql raise+lower:" in p.stdout, p.stdout)


def test_bench_pool_prints_every_figure_as_a_ratio():
    """bench_pool.py's quick run (one round, two live counts): a row per workload and live count with the
    pool's time and instructions against mimalloc's, the overhead lines and the kernel's pair. Needs the
    benchmark's programs (make bench builds them): skipped without them."""
    exes = [os.path.join(BUILD, "host", "bench_pool_" + a) for a in ("pool", "mimalloc", "none")]
    if not all(os.path.exists(e) for e in exes):
        return "the benchmark's programs are not built (make bench-pool)"
    p = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "bench", "bench_pool.py"), BUILD, "--quick"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    check(p.returncode == 0, p.stdout)
    rows = [l.split() for l in p.stdout.splitlines() if l.split()[:1] in (["mixed"], ["small"], ["medium"], ["pair"])]
    check(sorted((r[0], r[1]) for r in rows) == sorted((w, n) for w in ("mixed", "small", "medium", "pair")
                                                       for n in ("1000", "10000")), p.stdout)
    check(all(len(r) >= 8 and float(r[4]) > 0 and float(r[7]) > 0 for r in rows), p.stdout)  # time and Ir ratios
    check("pool overhead per block: header 8 B, class rounding" in p.stdout, p.stdout)
    check(re.search(r"in-kernel .*: \d+ guest instructions per alloc\+free pair of 64 bytes \(ratio [\d.]+ to the target",
                    p.stdout), p.stdout)
