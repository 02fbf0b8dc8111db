#!/usr/bin/env python3
"""Runs the fuzz targets (build/host/fuzz_<target>, mk/fuzz.mk) and sums each run up in one line:
executions, new coverage, crashes. `make fuzz` runs each for a time (--seconds) on a corpus kept in
build/fuzz/corpus/<target>; the scenario tests (tests/scenarios/test_fuzz_targets.py) run each for a
number of inputs (--runs) on a throwaway corpus. tests/fuzz/seeds/<target>/ (inputs that once found a
bug, and starting points) run first every time; tests/fuzz/<target>.dict, where there is one, gives
libFuzzer the words of its input language. A crash input is written to build/fuzz/crashes/<target>/.

    tests/fuzz/run_fuzz.py [--build DIR] (--seconds N | --runs N) TARGET...
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(FUZZ))


def run(build, target, corpus, seconds=None, runs=None):
    """One libFuzzer run of target. Returns (ok, summary line, libFuzzer's output)."""
    exe = os.path.join(build, "host", "fuzz_" + target)
    crashes = os.path.join(build, "fuzz", "crashes", target)
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(crashes, exist_ok=True)
    # A run count alone, as the tests use, still stops on a loaded machine.
    limit = seconds if seconds is not None else 60
    cmd = [exe, corpus, os.path.join(FUZZ, "seeds", target), "-max_total_time=%d" % limit,
           "-print_final_stats=1", "-artifact_prefix=" + crashes + "/"]
    if target != "pool":
        # An input that takes 10 s is a hang. Not for the pool: its corruptions run in forked children,
        # and with libFuzzer's timeout on, a child died of no signal of the pool's (status 0x16e).
        cmd.append("-timeout=10")
    if runs is not None:
        cmd += ["-runs=%d" % runs, "-seed=1"]
    dictionary = os.path.join(FUZZ, target + ".dict")
    if os.path.exists(dictionary):
        cmd.append("-dict=" + dictionary)
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=limit + 60)
    out = p.stdout

    def stat(name):
        m = re.search(r"^stat::%s:\s+(\d+)" % name, out, re.M)
        return int(m.group(1)) if m else 0

    cov = re.findall(r"^#\d+\s+(?:INITED|DONE)\s+cov: (\d+)", out, re.M)
    crash = re.search(r"Test unit written to (\S+)", out)
    done = p.returncode == 0 and re.search(r"^Done \d+ runs", out, re.M)
    summary = "%-9s %9d executions in %3d s, coverage %s -> %s, %d new inputs, %d crashes%s" % (
        target, stat("number_of_executed_units"), time.monotonic() - t0,
        cov[0] if cov else "?", cov[-1] if cov else "?", stat("new_units_added"), 0 if done else 1,
        " (input: %s)" % crash.group(1) if crash else "" if done else " (exit status %d)" % p.returncode)
    return bool(done), summary, out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    budget = ap.add_mutually_exclusive_group(required=True)
    budget.add_argument("--seconds", type=int)
    budget.add_argument("--runs", type=int)
    ap.add_argument("targets", nargs="+")
    args = ap.parse_args()
    failed = []
    for target in args.targets:
        if args.runs is None:
            ok, summary, out = run(args.build, target, os.path.join(args.build, "fuzz", "corpus", target),
                                   seconds=args.seconds)
        else:
            with tempfile.TemporaryDirectory(prefix="pagoda-fuzz-") as corpus:
                ok, summary, out = run(args.build, target, corpus, runs=args.runs)
        if not ok:
            failed.append(target)
            print(out[-4000:])
        print(summary)
        sys.stdout.flush()
    print("%d targets, %d with a crash%s" % (len(args.targets), len(failed),
                                             ": " + " ".join(failed) if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
