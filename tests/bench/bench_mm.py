#!/usr/bin/env python3
"""make bench-mm: the memory manager's benchmark.

1. Fault costs: boots the kernel under QEMU's -icount shift=0 (rdtsc counts guest instructions, so the
   figures repeat exactly) and runs `faultbench`: instructions per demand-zero, soft and hard fault next
   to a 4 KiB copy in the same run.
2. Replacement: build/host/pagesim on the shared traces (../shared/traces) at 5/10/20/40/60 % of each
   trace's distinct pages, faults/OPT per policy as a geometric mean over the ten traces of the LIRS
   paper (docs/benchmarks.md's figures: CLOCK 1.47, LRU 1.48, FIFO 1.59), and the worst point.
"""
import argparse
import math
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests"))

PAPER_TRACES = ("cs", "cpp", "gli", "ps", "sprite", "multi1", "multi2", "multi3", "2_pools", "loop")
EXTRA_TRACES = ("scan", "zigzag")
PERCENTS = (5, 10, 20, 40, 60)
POLICIES = ("kernel", "clock", "lru", "fifo")


def fault_costs(pages):
    from qemu import Machine
    with Machine(append="", extra=("-icount", "shift=0"), timeout=120) as m:
        m.wait_prompt()
        out = m.command("faultbench %d" % pages, timeout=120)
    got = re.search(r"dz=(\d+) dz_zeroed=(\d+) soft=(\d+) hard=(\d+) copy4k=(\d+)", out)
    if not got:
        sys.exit("bench-mm: faultbench said: %r" % out)
    dz, dz_zeroed, soft, hard, copy = (int(g) for g in got.groups())
    print("fault costs (guest instructions under -icount shift=0, %d pages each; ratios to a 4 KiB copy):" % pages)
    for name, value, target in (("demand-zero, zeroing its frame", dz, "<= 1.5"),
                                ("demand-zero, from the zeroed stock", dz_zeroed, "<= 0.3"),
                                ("soft", soft, ""), ("hard", hard, "<= 2.0"), ("4 KiB copy", copy, "")):
        print("  %-36s %8d  %5.2f x copy%s" % (name, value, value / copy, "  (target %s)" % target if target else ""))


def faults(pagesim, policy, frames, path):
    out = subprocess.run([pagesim, "--policy", policy, "--frames", str(frames), path], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    m = re.search(r"faults=(\d+) refs=(\d+) pages=(\d+)", out)
    return int(m.group(1)), int(m.group(3))


def replacement(pagesim, traces_dir):
    ratios = {p: {} for p in POLICIES}
    for name in PAPER_TRACES + EXTRA_TRACES:
        path = os.path.join(traces_dir, name + ".trace.gz")
        if not os.path.exists(path):
            print("  %s: missing, skipped" % path)
            continue
        _, distinct = faults(pagesim, "opt", 1, path)
        for pct in PERCENTS:
            frames = max(1, distinct * pct // 100)
            opt, _ = faults(pagesim, "opt", frames, path)
            for policy in POLICIES:
                ratios[policy][(name, pct)] = faults(pagesim, policy, frames, path)[0] / opt
    print("replacement (faults / OPT at 5/10/20/40/60 %% of distinct pages, %s):" % traces_dir)
    print("  %-8s %12s %12s %22s" % ("policy", "paper gmean", "all gmean", "worst point"))
    for policy in POLICIES:
        paper = [r for (name, _), r in ratios[policy].items() if name in PAPER_TRACES]
        every = list(ratios[policy].values())
        if not every:
            continue
        worst = max(ratios[policy].items(), key=lambda kv: kv[1])
        gmean = lambda xs: math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")
        print("  %-8s %12.3f %12.3f %14.2f %s@%d%%" % (policy, gmean(paper), gmean(every), worst[1], worst[0][0],
                                                      worst[0][1]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--traces", default=os.path.join(ROOT, "..", "shared", "traces"))
    ap.add_argument("--pages", type=int, default=256)
    args = ap.parse_args()
    os.environ["PAGODA_BUILD"] = os.path.abspath(args.build)
    fault_costs(args.pages)
    replacement(os.path.join(args.build, "host", "pagesim"), os.path.normpath(args.traces))


if __name__ == "__main__":
    main()
