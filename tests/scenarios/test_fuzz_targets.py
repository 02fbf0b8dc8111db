"""A bounded run of each libFuzzer target (tests/fuzz/fuzz_<target>.c, mk/fuzz.mk), one test each:
its seeds in tests/fuzz/seeds/<target>/ (inputs that once found a bug run first, every time), then a
fixed number of inputs from a fixed seed, on a throwaway corpus; any crash fails the test. `make fuzz`
runs the same targets for longer."""
import importlib.util
import os
import tempfile

from qemu import BUILD, ROOT, check

_spec = importlib.util.spec_from_file_location("run_fuzz", os.path.join(ROOT, "tests", "fuzz", "run_fuzz.py"))
run_fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run_fuzz)

# Inputs per target: a few seconds each alone (the pool's programs and the editor's echo cost most).
RUNS = {"pool": 10000, "lineedit": 5000, "args": 50000, "cmdline": 20000, "pagefile": 20000, "ws_policy": 50000, "pe": 20000, "gdb_packet": 50000, "utf8": 50000}


def _fuzz_test(target):
    def test():
        if not os.path.exists(os.path.join(BUILD, "host", "fuzz_" + target)):
            return "no build/host/fuzz_%s (clang missing?)" % target
        with tempfile.TemporaryDirectory(prefix="pagoda-fuzz-") as corpus:
            ok, summary, out = run_fuzz.run(BUILD, target, corpus, runs=RUNS[target])
        check(ok, summary + "\n" + out[-3000:])
    test.__name__ = "test_%s_fuzz_finds_no_crash" % target
    return test


for _target in RUNS:
    globals()["test_%s_fuzz_finds_no_crash" % _target] = _fuzz_test(_target)
