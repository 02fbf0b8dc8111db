#!/usr/bin/env python3
"""make soak: boots several memory sizes and runs `stress` on each, some with paging-file write
injection, printing each run's figures and a summary. Not part of make test (see
tests/scenarios/test_reliability.py for the short soak that is).

Options: --minutes N (per run, default 2), --build DIR, --seed N."""
import argparse
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from qemu import Machine  # noqa: E402

# (kernel command line, write-injection percent or 0)
RUNS = [("mem=8 pagefile=32", 0), ("mem=16 pagefile=32", 0), ("mem=64 pagefile=32", 0),
        ("mem=16 pagefile=32", 50)]
PASS_RE = re.compile(r"stress: PASS ops=(\d+) verified=(\d+) pageouts=(\d+) pageins=(\d+) leaked=0")


def one_run(append, inject, seconds, seed):
    with Machine(append=append, timeout=60) as m:
        m.wait_prompt()
        if inject:
            m.command("faultinject pagefile write %d %d" % (inject, seed))
        out = m.command("stress %d %d" % (seconds, seed), timeout=seconds + 120)
        passed = PASS_RE.search(out)
        injected = re.search(r"writes_failed=(\d+)", m.command("faultinject"))
        errors = re.search(r"pageout_errors=(\d+)", m.command("mem"))
        figures = {"ops": 0, "verified": 0, "pageouts": 0, "pageins": 0}
        if passed:
            figures = dict(zip(figures, map(int, passed.groups())))
        figures["faults_survived"] = int(injected.group(1)) if injected else 0
        figures["pageout_errors"] = int(errors.group(1)) if errors else 0
        return bool(passed), figures, out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=2)
    ap.add_argument("--build", default=os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))), "build"))
    ap.add_argument("--seed", type=int, default=20261201)
    args = ap.parse_args()
    os.environ["PAGODA_BUILD"] = os.path.abspath(args.build)
    seconds = max(1, int(args.minutes * 60))
    total = {"ops": 0, "verified": 0, "pageouts": 0, "pageins": 0, "faults_survived": 0}
    failed = 0
    t0 = time.monotonic()
    for i, (append, inject) in enumerate(RUNS):
        ok, f, out = one_run(append, inject, seconds, args.seed + i)
        print("soak: %s %-20s inject=%3d%% ops=%d verified=%d pageouts=%d pageins=%d faults_survived=%d "
              "pageout_errors=%d" % ("PASS" if ok else "FAIL", append, inject, f["ops"], f["verified"],
                                     f["pageouts"], f["pageins"], f["faults_survived"], f["pageout_errors"]))
        sys.stdout.flush()
        if not ok:
            failed += 1
            print(out[-3000:])
        for k in total:
            total[k] += f[k]
    print("soak: %d runs of %d s in %.0f s: %d passed, %d failed; ops=%d verified=%d pageouts=%d pageins=%d "
          "faults_survived=%d" % (len(RUNS), seconds, time.monotonic() - t0, len(RUNS) - failed, failed,
                                  total["ops"], total["verified"], total["pageouts"], total["pageins"],
                                  total["faults_survived"]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
