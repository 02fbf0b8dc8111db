#!/usr/bin/env python3
"""The layering check behind `make test` (README.md, Layout).

Every #include in a layer's folder names its file from the repository root, and points to the same
layer or one below it: hal < kernel < mm < pool < drivers < shell < boot. tests/, host/ and tools/ may
include anything. A violation is reported as `file:line: ...` and the exit status is 1.

With --objects DIR (the kernel's object files, build/obj), it also builds the graph of modules (a
source and its header are one module) joined by includes and by calls (symbols one object uses and
another defines), and fails on any circle of modules other than the IRQL core, which calls itself by
design: an interrupt lowers IRQL, which delivers DPCs and runs the scheduler (which switches threads
and lowers IRQL again), which may bugcheck, which reads the trap frame.

    tools/check_layers.py [--root DIR] [--objects DIR]
"""
import argparse
import os
import re
import subprocess
import sys

LAYERS = ["hal", "kernel", "mm", "pool", "drivers", "shell", "boot"]
RANK = {name: i for i, name in enumerate(LAYERS)}
# The one circle allowed (README.md): the IRQL core.
IRQL_CORE = {"kernel/irql", "kernel/dpc", "kernel/interrupt", "kernel/trap", "kernel/bugcheck", "kernel/sched"}
INCLUDE = re.compile(r'^\s*[#%]\s*include\s+"([^"]+)"')


def layer_of(path):
    top = path.split("/", 1)[0]
    return top if top in RANK else None


def sources(root):
    for layer in LAYERS:
        for dirpath, _, names in os.walk(os.path.join(root, layer)):
            for name in sorted(names):
                if name.endswith((".c", ".h", ".asm", ".inc")):
                    yield os.path.relpath(os.path.join(dirpath, name), root)


def includes(root, path):
    with open(os.path.join(root, path), errors="replace") as f:
        for lineno, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if m:
                yield lineno, m.group(1)


def check_includes(root):
    errors = []
    for path in sources(root):
        mine = layer_of(path)
        for lineno, target in includes(root, path):
            where = "%s:%d" % (path, lineno)
            theirs = layer_of(target)
            if theirs is None or not os.path.exists(os.path.join(root, target)):
                errors.append('%s: include "%s" does not name a file from the root (e.g. "mm/pte.h")'
                              % (where, target))
            elif RANK[theirs] > RANK[mine]:
                errors.append('%s: %s includes "%s" from %s, a higher layer (order: %s)'
                              % (where, mine, target, theirs, " < ".join(LAYERS)))
    return errors


def module_of(path):
    return os.path.splitext(path)[0]


def symbols(obj):
    out = subprocess.run(["nm", obj], stdout=subprocess.PIPE, text=True, check=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            used.add(parts[1])
        elif len(parts) == 3 and parts[1] in "TDRBCGSVW":
            defined.add(parts[2])
    return defined, used


def module_graph(root, objdir):
    graph = {}
    for path in sources(root):
        node = module_of(path)
        graph.setdefault(node, set())
        for _, target in includes(root, path):
            if layer_of(target) and module_of(target) != node:
                graph[node].add(module_of(target))
    owner, uses = {}, {}
    for layer in LAYERS:
        for dirpath, _, names in os.walk(os.path.join(objdir, layer)):
            for name in names:
                rel = os.path.relpath(os.path.join(dirpath, name), objdir)
                # Objects of sources that no longer exist (a stale build) are not part of the graph.
                if name.endswith(".o") and os.path.exists(os.path.join(root, rel[:-2] + ".c")):
                    defined, used = symbols(os.path.join(dirpath, name))
                    node = module_of(rel)
                    uses[node] = used
                    for sym in defined:
                        owner[sym] = node
    for node, used in uses.items():
        for sym in used:
            if sym in owner and owner[sym] != node:
                graph.setdefault(node, set()).add(owner[sym])
    return graph


def circles(graph):
    """Strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = [0]
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]
                    counter[0] += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, ())))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    comp.append(top)
                    if top == node:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def check_circles(root, objdir):
    errors = []
    for comp in circles(module_graph(root, objdir)):
        if not set(comp) <= IRQL_CORE:
            errors.append("circle of modules (includes and calls): " + " -> ".join(comp))
    return errors


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--objects", help="the kernel's object files (build/obj): check for circles too")
    args = ap.parse_args()
    errors = check_includes(args.root)
    if args.objects:
        errors += check_circles(args.root, args.objects)
    for e in errors:
        print(e)
    print("layers: %s" % ("%d problem(s)" % len(errors) if errors else "ok (" + " < ".join(LAYERS) + ")"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
