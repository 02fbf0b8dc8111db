"""build/host/pagesim: the command line of the issue, plain and gzip traces, errors."""
import gzip
import os
import struct
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
                                             ("clock", 4, 10), ("kernel", 4, 7), ("clockpro", 3, 9)):
                status, out, err = pagesim("--policy", policy, "--frames", str(frames), path)
                check(status == 0 and out.startswith("faults=%d " % expected),
                      "%s %d on %s: %r %r" % (policy, frames, path, out, err))


def test_pagesim_writes_and_reads_the_binary_form_replay_takes():
    with tempfile.TemporaryDirectory() as d:
        plain, binary = os.path.join(d, "t.txt"), os.path.join(d, "t.trace")
        open(plain, "w").write(BELADY.replace("5", "5000"))
        status, out, err = pagesim("--binary", binary, plain)
        check(status == 0 and out == "", "%r %r" % (out, err))
        words = struct.unpack("<%dI" % (os.path.getsize(binary) // 4), open(binary, "rb").read())
        check(words[:3] == (0x52544750, 12, 5) and words[3:9] == (0, 1, 2, 3, 0, 1) and words[9] == 4, str(words))
        for policy in ("opt", "lru", "kernel", "clockpro"):
            check(pagesim("--policy", policy, "--frames", "3", binary)[1] ==
                  pagesim("--policy", policy, "--frames", "3", plain)[1], policy)
        open(binary, "ab").write(b"\0\0")
        status, _, err = pagesim("--policy", "opt", "--frames", "3", binary)
        check(status == 1 and "malformed binary trace" in err, err)
        check(pagesim("--binary", binary, "--frames", "3", plain)[0] == 2, "--binary with --frames")
        open(plain, "w").write("1\n2\n0x10\n")
        status, _, err = pagesim("--policy", "opt", "--frames", "3", plain)
        check(status == 1 and err.strip() == "pagesim: %s:3: not a page number (a decimal number below 2^64 a line)"
              % plain, err)


def test_pagesim_runs_the_kernels_policy_file():
    """pagesim --policy kernel is mm/ws_policy.c itself, linked in, not a copy: its symbols say so."""
    nm = subprocess.run(["nm", "-l", "--defined-only", os.path.join(BUILD, "host", "pagesim")],
                        stdout=subprocess.PIPE, text=True, check=True).stdout
    for symbol in ("ws_policy_victim", "ws_policy_insert", "ws_policy_evict"):
        line = [l for l in nm.splitlines() if l.split()[2:3] == [symbol]]
        check(len(line) == 1 and line[0].split("\t")[-1].split(":")[0].endswith("/mm/ws_policy.c"),
              "%s: %s" % (symbol, line))


def test_pagesim_refuses_bad_arguments():
    check(pagesim()[0] == 2, "no arguments")
    check(pagesim("--policy", "random", "--frames", "3", "/dev/null")[0] == 2, "unknown policy")
    check(pagesim("--policy", "opt", "--frames", "0", "/dev/null")[0] == 2, "zero frames")
    status, _, err = pagesim("--policy", "opt", "--frames", "3", "/nonexistent/trace")
    check(status == 1 and "cannot read" in err, err)
