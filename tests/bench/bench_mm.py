#!/usr/bin/env python3
"""make bench-mm: the memory manager's benchmark.

1. Fault costs: boots the kernel under QEMU's -icount shift=0 (rdtsc counts guest instructions, so the
   figures repeat exactly) and runs `faultbench`: instructions per demand-zero, soft and hard fault next
   to a 4 KiB copy in the same run.
2. Replacement: `build/host/pagesim --sweep` on each trace of three families at 5/10/20/40/60 % of its
   distinct pages: the ten traces of the LIRS paper and the suite's two synthetic ones (../shared/traces),
   and page traces of real programs recorded with valgrind's lackey (tests/bench/program_traces.py).
   Per family and policy: faults/OPT as a geometric mean over the traces and sizes, and the worst point;
   the kernel's policy against CLOCK on sprite and zigzag; and with gnuplot one image per family,
   faults/OPT (geometric mean over its traces) against memory size, a line per policy.
"""
import argparse
import math
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests"))

PAPER_TRACES = ("cs", "cpp", "gli", "ps", "sprite", "multi1", "multi2", "multi3", "2_pools", "loop")
SYNTHETIC_TRACES = ("scan", "zigzag")
PERCENTS = (5, 10, 20, 40, 60)
# Plotted and tabled in this order; OPT is the yardstick.
POLICIES = ("kernel", "clockpro", "lirs", "arc", "lru", "clock", "fifo")
LABELS = {"kernel": "kernel (Pagoda)", "clockpro": "adaptive CLOCK-Pro", "lirs": "LIRS", "arc": "ARC", "lru": "LRU",
          "clock": "CLOCK", "fifo": "FIFO"}
TITLES = {"paper": "the ten traces of the LIRS paper", "synthetic": "scan and zigzag (LIRS suite)",
          "programs": "data references of real programs (valgrind lackey)"}


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


def sweep(pagesim, path):
    """{(policy, percent): faults} for one trace."""
    out = subprocess.run([pagesim, "--sweep", path], check=True, stdout=subprocess.PIPE, text=True).stdout
    faults = {}
    for line in out.splitlines():
        policy, percent, _, count = line.split()
        faults[(policy, int(percent))] = int(count)
    return faults


def gmean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def family_ratios(pagesim, paths):
    """{policy: {(trace, percent): faults/OPT}}."""
    ratios = {p: {} for p in POLICIES}
    for name, path in paths:
        faults = sweep(pagesim, path)
        for policy in POLICIES:
            for pct in PERCENTS:
                ratios[policy][(name, pct)] = faults[(policy, pct)] / faults[("opt", pct)]
    return ratios


def table(family, ratios, traces):
    print("replacement, %s (%s), faults / OPT at 5/10/20/40/60 %% of each trace's pages:" % (family, ", ".join(traces)))
    print("  %-9s %8s %18s   %s" % ("policy", "gmean", "worst point", "gmean per size"))
    for policy in POLICIES:
        r = ratios[policy]
        worst = max(r.items(), key=lambda kv: kv[1])
        per_size = [gmean([v for (_, pct), v in r.items() if pct == p]) for p in PERCENTS]
        print("  %-9s %8.3f %7.2f %-10s   %s" % (policy, gmean(list(r.values())), worst[1],
                                             "%s@%d%%" % worst[0], " ".join("%.3f" % g for g in per_size)))


def against_clock(ratios, traces):
    for name in traces:
        points = [ratios["kernel"][(name, p)] / ratios["clock"][(name, p)] for p in PERCENTS if (name, p) in ratios["kernel"]]
        if points:
            print("  kernel / CLOCK on %-7s %s (target <= 1.10)" % (name, " ".join("%.3f" % x for x in points)))


def plot(family, ratios, outdir):
    """One PNG: faults/OPT (geometric mean over the family's traces) against memory size."""
    if not shutil.which("gnuplot"):
        print("  (no gnuplot: the image is not drawn; tools/deps.sh bench installs it)")
        return
    os.makedirs(outdir, exist_ok=True)
    data = os.path.join(outdir, "replacement-%s.dat" % family)
    with open(data, "w") as f:
        f.write("# percent " + " ".join(POLICIES) + "\n")
        for p in PERCENTS:
            f.write("%d %s\n" % (p, " ".join("%.4f" % gmean([v for (_, pct), v in ratios[pol].items() if pct == p])
                                             for pol in POLICIES)))
    png = os.path.join(outdir, "replacement-%s.png" % family)
    lines = ", ".join("'%s' using 1:%d with linespoints lw %d title '%s'" %
                      (data, i + 2, 3 if pol == "kernel" else 1, LABELS[pol]) for i, pol in enumerate(POLICIES))
    script = ("set terminal pngcairo size 800,500 font ',10'\nset output '%s'\n"
              "set title 'Faults / OPT, %s'\nset xlabel 'memory, %% of the trace''s distinct pages'\n"
              "set ylabel 'faults / OPT (geometric mean over the traces)'\nset xtics (5, 10, 20, 40, 60)\n"
              "set key outside right\nset yrange [1:*]\nset grid\nplot %s\n" % (png, TITLES[family], lines))
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    print("  plot: %s" % png)


def replacement(pagesim, traces_dir, programs_dir, outdir, only):
    families = {
        "paper": [(n, os.path.join(traces_dir, n + ".trace.gz")) for n in PAPER_TRACES],
        "synthetic": [(n, os.path.join(traces_dir, n + ".trace.gz")) for n in SYNTHETIC_TRACES],
        "programs": sorted((f[:-len(".trace.gz")], os.path.join(programs_dir, f))
                           for f in (os.listdir(programs_dir) if os.path.isdir(programs_dir) else [])
                           if f.endswith(".trace.gz")),
    }
    for family, paths in families.items():
        if only and family not in only:
            continue
        present = [(n, p) for n, p in paths if os.path.exists(p)]
        for n, p in paths:
            if not os.path.exists(p):
                print("  %s: missing, skipped" % p)
        if not present:
            continue
        ratios = family_ratios(pagesim, present)
        table(family, ratios, [n for n, _ in present])
        against_clock(ratios, [n for n in ("sprite", "zigzag") if n in dict(present)])
        plot(family, ratios, outdir)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--traces", default=os.path.join(ROOT, "..", "shared", "traces"))
    ap.add_argument("--programs", default=None, help="the real programs' traces (default BUILD/traces/programs)")
    ap.add_argument("--plots", default=None, help="where the images go (default BUILD/bench)")
    ap.add_argument("--pages", type=int, default=256)
    ap.add_argument("--replacement-only", action="store_true", help="skip the fault costs (no QEMU)")
    ap.add_argument("--families", default="", help="comma-separated: paper, synthetic, programs (default all)")
    args = ap.parse_args()
    os.environ["PAGODA_BUILD"] = os.path.abspath(args.build)
    if not args.replacement_only:
        fault_costs(args.pages)
    replacement(os.path.join(args.build, "host", "pagesim"), os.path.normpath(args.traces),
                args.programs or os.path.join(args.build, "traces", "programs"),
                args.plots or os.path.join(args.build, "bench"), [f for f in args.families.split(",") if f])


if __name__ == "__main__":
    main()
