"""`replay <frames>`: a trace given as a Multiboot module, run on real pageable pages by the kernel's
replacement policy, faults as build/host/pagesim --policy kernel counts them for the same trace."""
import os
import random
import re
import subprocess
import tempfile

from qemu import BUILD, Machine, check

PAGESIM = os.path.join(BUILD, "host", "pagesim")


def small_trace(path, refs=12000, seed=7):
    """A program-like mix over 400 pages: a hot set, loops a little larger than memory, scans, and
    hot spots that move: every part of the policy has work to do."""
    rng = random.Random(seed)
    out = []
    while len(out) < refs:
        kind = rng.randrange(4)
        if kind == 0:
            out += [rng.randrange(30) for _ in range(200)]
        elif kind == 1:
            start = rng.randrange(100, 300)
            out += list(range(start, start + 70)) * 3
        elif kind == 2:
            start = rng.randrange(0, 250)
            out += list(range(start, start + 150))
        else:
            base = rng.randrange(0, 360)
            out += [base + rng.randrange(40) for _ in range(300)]
    with open(path, "w") as f:
        f.write("".join("%d\n" % (0x1000 + p) for p in out[:refs]))


def pagesim(*args):
    return subprocess.run([PAGESIM] + list(args), check=True, stdout=subprocess.PIPE, text=True).stdout


def faults(policy, frames, path):
    return int(re.search(r"faults=(\d+)", pagesim("--policy", policy, "--frames", str(frames), path)).group(1))


def test_replay_matches_pagesim_on_a_small_trace():
    with tempfile.TemporaryDirectory() as d:
        text, module = os.path.join(d, "small.txt"), os.path.join(d, "small.trace")
        small_trace(text)
        pagesim("--binary", module, text)
        with Machine(drivers=[module], timeout=60) as m:
            m.wait_prompt()
            for frames in (40, 120):
                expected = faults("kernel", frames, module)
                # Not a trace any policy would do alike: the kernel's differs from CLOCK's here.
                check(expected != faults("clock", frames, text), "kernel and CLOCK agree at %d frames" % frames)
                out = m.command("replay %d" % frames, timeout=120)
                got = re.search(r"replay: small faults=(\d+) refs=12000 pages=(\d+) frames=%d" % frames, out)
                check(got, out, m)
                check(abs(int(got.group(1)) - expected) <= expected // 100,
                      "replay %d: %s faults, pagesim %d" % (frames, got.group(1), expected), m)
                check(out.count("replay: ") == 4 and "3000 of 12000 references" in out, "progress lines: %r" % out, m)
            limit = re.search(r"ws_limit=(\d+)", m.command("mem")).group(1)
            check("error: " in m.command("replay %d" % (int(limit) + 1)), "frames above the limit accepted", m)
            check("error: replay: no trace named 'other'" in m.command("replay 10 other"), "unknown trace", m)
            after = m.command("mem")
            check(re.search(r"ws_limit=%s\b" % limit, after), "limit not restored: %s" % after, m)


def test_replay_without_a_trace_module_says_so():
    with Machine(drivers=[], timeout=30) as m:
        m.wait_prompt()
        check("error: replay: no trace module" in m.command("replay 10"), "no error without a trace", m)


def test_replay_stops_on_ctrl_c_and_frees_its_pages():
    with tempfile.TemporaryDirectory() as d:
        text, module = os.path.join(d, "long.txt"), os.path.join(d, "long.trace")
        small_trace(text, refs=400000, seed=3)
        pagesim("--binary", module, text)
        with Machine(drivers=[module], timeout=60) as m:
            m.wait_prompt()
            commit = re.search(r"commit=(\d+)", m.command("mem")).group(1)
            m.send_line("replay 20")
            m.expect(r"replay: 100000 of 400000 references", timeout=120)
            m.send("\x03")
            m.expect(r"replay: interrupted after \d+ of 400000 references \(faults=\d+\); the pages are freed",
                     timeout=60)
            m.wait_prompt()
            check(re.search(r"commit=(\d+)", m.command("mem")).group(1) == commit, "replay leaked commit", m)
