"""tools/check_layers.py: the tree keeps its layers (includes point down, no circle of modules but the
IRQL core), and the check catches a planted upward include, a relative include and a circle."""
import os
import shutil
import subprocess
import sys
import tempfile

from qemu import BUILD, ROOT, check

CHECK = os.path.join(ROOT, "tools", "check_layers.py")
LAYERS = ["hal", "kernel", "mm", "pool", "drivers", "shell", "boot"]


def run_check(*args):
    return subprocess.run([sys.executable, CHECK] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)


def copy_of_the_tree():
    """The layers' sources in a scratch folder, to plant violations in."""
    d = tempfile.mkdtemp(prefix="pagoda-layers-")
    for layer in LAYERS:
        shutil.copytree(os.path.join(ROOT, layer), os.path.join(d, layer))
    return d


def plant(root, path, line):
    """Puts line after the first include of path; returns its line number."""
    full = os.path.join(root, path)
    lines = open(full).read().split("\n")
    at = next(i for i, l in enumerate(lines) if l.startswith("#include")) + 1
    lines.insert(at, line)
    open(full, "w").write("\n".join(lines))
    return at + 1


def test_the_tree_keeps_its_layers():
    p = run_check("--objects", os.path.join(BUILD, "obj"))
    check(p.returncode == 0 and "layers: ok" in p.stdout, p.stdout)


def test_an_include_from_a_higher_layer_is_named_with_file_and_line():
    d = copy_of_the_tree()
    try:
        clean = run_check("--root", d)
        line = plant(d, "mm/frames.c", '#include "shell/shell.h"')
        p = run_check("--root", d)
    finally:
        shutil.rmtree(d)
    check(clean.returncode == 0, "the copy itself should pass:\n" + clean.stdout)
    check(p.returncode == 1, "rc %d:\n%s" % (p.returncode, p.stdout))
    check('mm/frames.c:%d: mm includes "shell/shell.h" from shell, a higher layer' % line in p.stdout, p.stdout)


def test_a_relative_include_is_refused():
    d = copy_of_the_tree()
    try:
        line = plant(d, "pool/pool.c", '#include "../mm/pte.h"')
        p = run_check("--root", d)
    finally:
        shutil.rmtree(d)
    check(p.returncode == 1 and "pool/pool.c:%d: include \"../mm/pte.h\"" % line in p.stdout, p.stdout)


def test_a_circle_of_calls_between_modules_is_caught():
    """Two kernel modules that call each other, without an include between them: nm finds the calls."""
    d = tempfile.mkdtemp(prefix="pagoda-circle-")
    try:
        for layer in LAYERS:
            os.makedirs(os.path.join(d, layer))
        os.makedirs(os.path.join(d, "obj", "mm"))
        for me, other in (("a", "b"), ("b", "a")):
            src = os.path.join(d, "mm", me + ".c")
            with open(src, "w") as f:
                f.write("void %s_fn(void);\nvoid %s_fn(void) { %s_fn(); }\n" % (other, me, other))
            subprocess.run(["gcc", "-c", src, "-o", os.path.join(d, "obj", "mm", me + ".o")], check=True)
        p = run_check("--root", d, "--objects", os.path.join(d, "obj"))
        # The IRQL core may call itself: the same shape there passes.
        for name in ("a", "b"):
            os.rename(os.path.join(d, "mm", name + ".c"), os.path.join(d, "kernel", {"a": "irql", "b": "dpc"}[name] + ".c"))
        shutil.move(os.path.join(d, "obj", "mm"), os.path.join(d, "obj", "kernel"))
        os.rename(os.path.join(d, "obj", "kernel", "a.o"), os.path.join(d, "obj", "kernel", "irql.o"))
        os.rename(os.path.join(d, "obj", "kernel", "b.o"), os.path.join(d, "obj", "kernel", "dpc.o"))
        core = run_check("--root", d, "--objects", os.path.join(d, "obj"))
    finally:
        shutil.rmtree(d)
    check(p.returncode == 1 and "circle of modules (includes and calls): mm/a -> mm/b" in p.stdout, p.stdout)
    check(core.returncode == 0, core.stdout)
