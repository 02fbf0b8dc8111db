#!/usr/bin/env python3
"""Makes the import libraries drivers link against (libntoskrnl.a, libhal.a) from Pagoda's own export
tables (drivers/exports_*.c), as the WDK ships ntoskrnl.lib: a routine Pagoda does not export fails at
link time, with its name.

A stdcall routine is listed both undecorated (what GCC's -mrtd, the WDK's /Gz, references) and as
name@N (what an explicit __stdcall references without -mrtd); fastcall as @name@N; cdecl and data
undecorated. dlltool -k makes every one of them import the plain name.

    tools/implib.py --out build/lib [--dlltool i686-w64-mingw32-dlltool] drivers/exports_*.c
"""
import argparse
import os
import re
import subprocess
import sys

# EXPORT_KIND(name[, bytes]) or EXPORT_KIND_AS(name, implementation, bytes): the name is the first word.
LINE = re.compile(r"^\s*EXPORT_(STDCALL|FASTCALL|CDECL|DATA)(_AS)?\((\w+)(?(2),\s*\w+)(?:,\s*(\d+))?\)")
TABLE = re.compile(r'const struct export_dll \w+ = \{\s*"([^"]+)"')


def def_lines(kind, name, nbytes):
    if kind in ("STDCALL", "FASTCALL") and nbytes is None:
        sys.exit("implib: %s: %s without its argument bytes" % (name, kind))
    if kind == "STDCALL":
        return [name, "%s@%s" % (name, nbytes)]
    if kind == "FASTCALL":
        return ["@%s@%s" % (name, nbytes)]
    if kind == "DATA":
        return ["%s DATA" % name]
    return [name]


def read_table(path):
    text = open(path).read()
    dll = TABLE.search(text)
    if not dll:
        sys.exit("implib: %s: no export_dll table" % path)
    exports = []
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            exports += def_lines(m.group(1), m.group(3), m.group(4))
    return dll.group(1), exports


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--dlltool", default="i686-w64-mingw32-dlltool")
    ap.add_argument("tables", nargs="+")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for path in args.tables:
        dll, exports = read_table(path)
        stem = os.path.splitext(dll)[0].lower()
        def_path = os.path.join(args.out, stem + ".def")
        with open(def_path, "w") as f:
            f.write("LIBRARY %s\nEXPORTS\n%s\n" % (dll, "\n".join(exports)))
        subprocess.run([args.dlltool, "-k", "-d", def_path, "-l", os.path.join(args.out, "lib%s.a" % stem)],
                       check=True)
        print("implib: %s: %d names" % (dll, len(exports)))


if __name__ == "__main__":
    main()
