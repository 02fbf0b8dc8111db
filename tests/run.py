#!/usr/bin/env python3
"""make test: runs the three layers and ends with one line `N passed, N failed`.

1. host unit tests (build/host/unit_tests, TAP);
2. the in-kernel KTAP suites (one boot with `ktest`);
3. whole-system scenarios: every test_* function in tests/scenarios/*.py, each given a fresh context.

Options: --build DIR, -k SUBSTRING (only tests whose name contains it), -j N (scenario workers).
"""
import argparse
import concurrent.futures
import importlib.util
import os
import re
import subprocess
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


class Results:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.failures = []

    def add(self, name, ok, detail="", skip=None):
        if skip is not None:
            self.skipped += 1
            print("SKIP %s: %s" % (name, skip))
        elif ok:
            self.passed += 1
            print("PASS %s" % name)
        else:
            self.failed += 1
            self.failures.append((name, detail))
            print("FAIL %s" % name)
        sys.stdout.flush()


TAP_RE = re.compile(r"^\s*(ok|not ok) \d+ (?:- )?(\S+)(.*)$")


def parse_tap(prefix, text, results, indented_only=False):
    """Counts TAP/KTAP result lines. For KTAP, only the cases (indented lines) count, not the suites."""
    seen = 0
    suite = ""
    for line in text.splitlines():
        sm = re.match(r"^\s+# Subtest: (\S+)", line)
        if sm:
            suite = sm.group(1) + "."
            continue
        m = TAP_RE.match(line)
        if not m or (indented_only and not line.startswith(" ")):
            continue
        seen += 1
        name = prefix + suite + m.group(2)
        skip = re.search(r"# SKIP (.*)", m.group(3))
        results.add(name, m.group(1) == "ok", text[-3000:], skip.group(1) if skip else None)
    return seen


def run_host(build, results, only):
    exe = os.path.join(build, "host", "unit_tests")
    p = subprocess.run([exe], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
    seen = parse_tap("host.", p.stdout, results)
    if p.returncode != 0 and seen == 0 or "ERROR: AddressSanitizer" in p.stdout or "runtime error" in p.stdout:
        results.add("host.unit_tests_exit", False, p.stdout[-3000:])


def run_ktest(build, results):
    """A STOP in a suite ends the boot at once (onbugcheck=exit); a hang is a failure, not the end of the
    run: the results so far still count."""
    from qemu import Machine, EXIT_POWEROFF, TestFailure
    with Machine(append="ktest onbugcheck=exit", timeout=120) as m:
        try:
            status = m.wait_exit()
        except TestFailure:
            status = "none (timed out)"
        text = m.text()
    seen = parse_tap("ktest.", text, results, indented_only=True)
    results.add("ktest.exit_status_33", status == EXIT_POWEROFF and seen > 0,
                "status %s, %d results\n%s" % (status, seen, text[-3000:]))


def discover(only):
    tests = []
    sdir = os.path.join(HERE, "scenarios")
    for fn in sorted(os.listdir(sdir)):
        if not (fn.startswith("test_") and fn.endswith(".py")):
            continue
        spec = importlib.util.spec_from_file_location(fn[:-3], os.path.join(sdir, fn))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for name in sorted(dir(mod)):
            if name.startswith("test_") and callable(getattr(mod, name)):
                full = "%s.%s" % (fn[:-3], name)
                if not only or only in full:
                    tests.append((full, getattr(mod, name)))
    return tests


def run_one(full, fn):
    t0 = time.monotonic()
    try:
        skip = fn()
        return full, True, "", skip, time.monotonic() - t0
    except Exception:
        return full, False, traceback.format_exc(), None, time.monotonic() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(os.path.dirname(HERE), "build"))
    ap.add_argument("-k", dest="only", default="")
    ap.add_argument("-j", dest="jobs", type=int, default=2)
    args = ap.parse_args()
    os.environ["PAGODA_BUILD"] = os.path.abspath(args.build)
    results = Results()
    t0 = time.monotonic()
    if not args.only or args.only.startswith("host"):
        run_host(args.build, results, args.only)
    if not args.only or args.only.startswith("ktest"):
        run_ktest(args.build, results)
    tests = discover(args.only if not args.only.startswith(("host", "ktest")) else "\0")
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for full, ok, detail, skip, secs in pool.map(lambda t: run_one(*t), tests):
            results.add(full, ok, detail, skip if isinstance(skip, str) else None)
    for name, detail in results.failures:
        print("\n==== %s ====\n%s" % (name, detail))
    print("\n# %d tests in %.0f s" % (results.passed + results.failed + results.skipped, time.monotonic() - t0))
    line = "%d passed, %d failed" % (results.passed, results.failed)
    if results.skipped:
        line += ", %d skipped" % results.skipped
    print(line)
    return 1 if results.failed or results.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
