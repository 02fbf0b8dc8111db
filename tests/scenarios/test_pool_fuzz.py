"""A bounded run of the pool's libFuzzer target (tests/fuzz/fuzz_pool.c): random alloc/free/corrupt
programs, and no death the pool did not report itself. tests/fuzz/seeds holds inputs that once found a
bug: they run first, every time."""
import os
import re
import subprocess
import tempfile

from qemu import BUILD, ROOT, check

RUNS = 10000  # about 5 s alone; the time limit keeps a loaded machine from waiting longer


def test_pool_fuzz_finds_no_unreported_crash():
    exe = os.path.join(BUILD, "host", "fuzz_pool")
    if not os.path.exists(exe):
        return "no build/host/fuzz_pool (clang missing?)"
    with tempfile.TemporaryDirectory(prefix="pagoda-fuzz-") as work:
        seeds = os.path.join(ROOT, "tests", "fuzz", "seeds")
        p = subprocess.run([exe, work, seeds, "-runs=%d" % RUNS, "-seed=1", "-max_total_time=60",
                            "-artifact_prefix=" + work + "/"],
                           cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    check(p.returncode == 0 and re.search(r"^Done \d+ runs", p.stdout, re.M), p.stdout[-3000:])
