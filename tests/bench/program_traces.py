#!/usr/bin/env python3
"""Page traces of real programs for make bench: the data references of sort, gzip, xz, awk, perl and
GCC's cc1, each run under valgrind's lackey on a generated input, reduced to 4 KiB page numbers
(build/host/lackey_pages) and gzipped. A program that is not installed is skipped with a line saying so.

    tests/bench/program_traces.py --build build --out build/traces/programs

--set heldout records a second set that no design decision looked at, to check a policy tuned on the
first: other programs (python3, sqlite3, bc, tar, grep, find, make, sed, bzip2, jq, objdump) and the
same six on other, larger inputs (`make bench-mm-heldout`).
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys

WORDS = ("page frame fault trim standby modified transition working set policy clock hand cold hot test "
         "period history pool tag lookaside verifier irql dispatch passive spinlock driver image").split()


# The same environment every time: its size moves the stack, and perl seeds its hashes at random.
STEADY_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LC_ALL": "C", "PERL_HASH_SEED": "0", "PERL_PERTURB_KEYS": "0"}


def text_input(path, lines=3000, seed=16):
    """Lines of words and numbers, the same every time."""
    rng = random.Random(seed)
    with open(path, "w") as f:
        for _ in range(lines):
            f.write(" ".join(rng.choice(WORDS) if rng.random() < 0.8 else str(rng.randrange(100000))
                             for _ in range(rng.randrange(3, 12))) + "\n")


def c_input(path, functions=6, seed=16):
    """A C file of small functions with loops, arrays and calls, for cc1 -O2."""
    rng = random.Random(seed)
    with open(path, "w") as f:
        f.write("extern int printf(const char *, ...);\nstatic int table[256];\n")
        for i in range(functions):
            f.write("int f%d(int *a, int n) {\n  int s = %d;\n" % (i, rng.randrange(100)))
            f.write("  for (int i = 0; i < n; i++) {\n    s += a[i] * %d + table[(s + i) & 255];\n" % rng.randrange(1, 9))
            f.write("    if (s > %d) s ^= a[(i * %d) %% n];\n  }\n" % (rng.randrange(1000), rng.randrange(2, 7)))
            if i:
                f.write("  return s + f%d(a, n / 2);\n}\n" % rng.randrange(i))
            else:
                f.write("  return s;\n}\n")
        f.write("int main(void) { int a[64] = {0}; printf(\"%d\\n\", f5(a, 64)); return 0; }\n")


def cc1():
    out = subprocess.run(["gcc", "-print-prog-name=cc1"], stdout=subprocess.PIPE, text=True).stdout.strip()
    return out if os.path.isabs(out) and os.access(out, os.X_OK) else None


def design_set(d):
    text, csrc = os.path.join(d, "input.txt"), os.path.join(d, "input.c")
    text_input(text)
    c_input(csrc)
    awk = "{ for (i = 1; i <= NF; i++) n[$i]++ } END { for (w in n) if (n[w] > 2) print w, n[w] }"
    perl = 'while (<>) { $n{$_}++ for split } print "$_ $n{$_}\\n" for sort { $n{$b} <=> $n{$a} } keys %n'
    return {
        "sort": ["sort", text],
        "gzip": ["gzip", "-9", "-c", text],
        "xz": ["xz", "-2", "-c", text],
        "awk": ["awk", awk, text],
        "perl": ["perl", "-e", perl, text],
        "cc1": [cc1(), "-quiet", "-O1", csrc, "-o", "/dev/null"],
    }


PYTHON_SCRIPT = """import sys, json, collections
words = open(sys.argv[1]).read().split()
n = collections.Counter(words)
pairs = collections.Counter(zip(words, words[1:]))
print(json.dumps({"top": n.most_common(20), "pairs": len(pairs), "sorted": sorted(set(words))[:50]}))
"""

SQL_SCRIPT = """create table t(id integer primary key, k integer, v text);
with recursive c(i) as (select 1 union all select i + 1 from c where i < 20000)
insert into t(k, v) select (i * 7919) % 1000, hex(randomblob(16)) from c;
create index tk on t(k);
select k, count(*), max(v) from t group by k order by 2 desc limit 5;
select count(*) from t a join t b on a.k = b.k where a.id < 300;
"""


def heldout_set(d):
    """Programs the design set does not hold, and the design set's programs on other inputs."""
    text, csrc = os.path.join(d, "input.txt"), os.path.join(d, "input.c")
    text_input(text, lines=8000, seed=61)
    c_input(csrc, functions=12, seed=61)
    script, sql, jsonf, bcf = (os.path.join(d, n) for n in ("script.py", "script.sql", "input.json", "input.bc"))
    for path, content in ((script, PYTHON_SCRIPT), (sql, SQL_SCRIPT), (bcf, "scale=400; 4*a(1)\nquit\n")):
        with open(path, "w") as f:
            f.write(content)
    rng = random.Random(61)
    with open(jsonf, "w") as f:
        f.write(json.dumps([{"id": i, "word": rng.choice(WORDS), "n": rng.randrange(1000)} for i in range(6000)]))
    tree = "/usr/include"
    awk = "{ s[$1] = s[$1] \" \" $NF } END { for (w in s) print w, length(s[w]) }"
    perl = 'my @l = <>; my %h; for (@l) { my @w = split; $h{$w[0]} .= $_ } print scalar(keys %h), "\\n"; ' \
           'print sort { length($a) <=> length($b) } @l'
    return {
        "python3": ["python3", "-S", script, text],
        "sqlite3": ["sqlite3", ":memory:", ".read " + sql],
        "bc": ["bc", "-l", bcf],
        "tar": ["tar", "-cf", "-", os.path.join(tree, "linux")],
        "grep": ["grep", "-rc", "struct", os.path.join(tree, "linux")],
        "find": ["find", tree, "-name", "*.h", "-size", "+4k"],
        "make": ["make", "-n", "-C", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                 "BUILD=" + os.path.join(d, "make-build"), "all"],
        "sed": ["sed", "-E", "s/([a-z]+) ([0-9]+)/\\2 \\1/g; s/cold|hot/temp/g; /page/d", text],
        "bzip2": ["bzip2", "-9", "-c", text],
        "jq": ["jq", "group_by(.word) | map({w: .[0].word, n: (map(.n) | add)})", jsonf],
        "objdump": ["objdump", "-d", "/usr/bin/bc"],
        "sort2": ["sort", "-k2", "-n", text],
        "gzip2": ["gzip", "-6", "-c", text],
        "xz2": ["xz", "-6", "-c", text],
        "awk2": ["awk", awk, text],
        "perl2": ["perl", "-e", perl, text],
        "cc1-2": [cc1(), "-quiet", "-O2", csrc, "-o", "/dev/null"],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--out", required=True)
    ap.add_argument("--set", choices=("design", "heldout"), default="design")
    args = ap.parse_args()
    reducer = os.path.join(args.build, "host", "lackey_pages")
    os.makedirs(args.out, exist_ok=True)
    progs = (design_set if args.set == "design" else heldout_set)(args.out)
    for name, argv in progs.items():
        out = os.path.join(args.out, name + ".trace.gz")
        if os.path.exists(out):
            os.remove(out)
        if not argv[0] or not shutil.which(argv[0]):
            print("program traces: %s not installed, skipped" % name)
            continue
        tmp = out + ".part"
        # lackey's lines go to fd 3, the pipe; the program's own output goes nowhere.
        pipeline = "valgrind --tool=lackey --trace-mem=yes --log-fd=3 \"$@\" 3>&1 >/dev/null 2>&1 | %s | gzip -1" % reducer
        with open(tmp, "wb") as f:
            status = subprocess.run(["bash", "-o", "pipefail", "-c", pipeline, "bash"] + argv, stdout=f,
                                    env=STEADY_ENV).returncode
        if status != 0:
            print("program traces: %s failed (status %d), skipped" % (name, status))
            os.remove(tmp)
            continue
        os.rename(tmp, out)
        print("program traces: %s" % out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
