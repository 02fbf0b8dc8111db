"""A bounded run of the pool's libFuzzer target (tests/fuzz/fuzz_pool.c): random alloc/free/corrupt
programs, and no death the pool did not report itself."""
import os
import subprocess
import tempfile

from qemu import BUILD, check

RUNS = 20000


def test_pool_fuzz_finds_no_unreported_crash():
    exe = os.path.join(BUILD, "host", "fuzz_pool")
    if not os.path.exists(exe):
        return "no build/host/fuzz_pool (clang missing?)"
    with tempfile.TemporaryDirectory(prefix="pagoda-fuzz-") as work:
        p = subprocess.run([exe, "-runs=%d" % RUNS, "-seed=1", "-max_total_time=60", "-artifact_prefix=" + work + "/"],
                           cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    check(p.returncode == 0 and "Done %d runs" % RUNS in p.stdout, p.stdout[-3000:])
