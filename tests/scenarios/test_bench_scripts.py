"""The benchmark scripts still run from where they live (tests/bench/): no figures are judged here,
only that `make bench`'s in-kernel runner boots a benchmark and reports it."""
import os
import subprocess
import sys

from qemu import BUILD, ROOT, check


def test_bench_py_boots_a_benchmark_and_prints_its_line():
    p = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "bench", "bench.py"), "--build", BUILD, "irql"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    check(p.returncode == 0 and "irql raise+lower:" in p.stdout, p.stdout)
