"""build/host/pagesim: the command line of the issue, plain and gzip traces, errors."""
import gzip
import os
import subprocess
import tempfile

from qemu import BUILD, check

BELADY = "1\n2\n3\n4\n1\n2\n5\n1\n2\n3\n4\n5\n"


def pagesim(*args):
    p = subprocess.run([os.path.join(BUILD, "host", "pagesim")] + list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def test_pagesim_counts_faults_on_plain_and_gzip_traces():
    with tempfile.TemporaryDirectory() as d:
        plain, packed = os.path.join(d, "t.txt"), os.path.join(d, "t.gz")
        open(plain, "w").write(BELADY)
        with gzip.open(packed, "wt") as f:
            f.write(BELADY)
        for path in (plain, packed):
            for policy, frames, expected in (("opt", 3, 7), ("lru", 3, 10), ("fifo", 3, 9), ("fifo", 4, 10),
                                             ("clock", 4, 10), ("kernel", 4, 10)):
                status, out, err = pagesim("--policy", policy, "--frames", str(frames), path)
                check(status == 0 and out.startswith("faults=%d " % expected),
                      "%s %d on %s: %r %r" % (policy, frames, path, out, err))


def test_pagesim_refuses_bad_arguments():
    check(pagesim()[0] == 2, "no arguments")
    check(pagesim("--policy", "random", "--frames", "3", "/dev/null")[0] == 2, "unknown policy")
    check(pagesim("--policy", "opt", "--frames", "0", "/dev/null")[0] == 2, "zero frames")
    status, _, err = pagesim("--policy", "opt", "--frames", "3", "/nonexistent/trace")
    check(status == 1 and "cannot read" in err, err)
