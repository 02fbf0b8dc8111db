"""The layout probe: every structure kernel/wdm.h shares with the WDK has x86 Windows' sizeof and offsetof,
as mingw-w64's DDK headers give them; and the comparison catches a field that moved."""
import os
import re
import shutil
import subprocess
import tempfile

from qemu import ROOT, check

PROBE = os.path.join(ROOT, "tests", "layout", "layout_probe.c")
MINGW = "i686-w64-mingw32-"
PROBE_END = 0x50524F42
CROSS = os.environ.get("CROSS", "i686-linux-gnu-")


def probe_names():
    names = []
    for line in open(PROBE):
        m = re.match(r"\s*/\* PROBE \*/ (.*?),?\s*$", line)
        if m:
            names.append(m.group(1))
    return names


def values(obj, objcopy):
    raw = obj + ".bin"
    subprocess.run([objcopy, "-O", "binary", "-j", ".probe", obj, raw], check=True)
    data = open(raw, "rb").read()
    words = [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data), 4)]
    check(PROBE_END in words, "probe: no end mark in " + obj)
    return words[:words.index(PROBE_END)]


def build(scratch, root, windows):
    """The probe's numbers with the WDK's headers (windows) or with the wdm.h under root."""
    obj = os.path.join(scratch, "wdk.o" if windows else "pagoda.o")
    if windows:
        cmd = [MINGW + "gcc", "-I/usr/i686-w64-mingw32/include/ddk"]
        objcopy = MINGW + "objcopy"
    else:
        cmd = [CROSS + "gcc", "-m32", "-ffreestanding", "-DPAGODA_PROBE", "-I" + root]
        objcopy = CROSS + "objcopy"
    p = subprocess.run(cmd + ["-std=gnu11", "-O2", "-Wall", "-Werror", "-c", PROBE, "-o", obj],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    check(p.returncode == 0, " ".join(cmd) + "\n" + p.stdout)
    return values(obj, objcopy)


def differences(scratch, root):
    wdk, pagoda = build(scratch, root, True), build(scratch, root, False)
    names = probe_names()
    check(len(wdk) == len(pagoda) == len(names), "probe: %d / %d / %d entries" % (len(wdk), len(pagoda), len(names)))
    return ["%s: WDK %d, Pagoda %d" % (n, w, p) for n, w, p in zip(names, wdk, pagoda) if w != p]


def test_pagoda_structures_have_the_wdk_x86_layout():
    scratch = tempfile.mkdtemp(prefix="pagoda-layout-")
    try:
        diff = differences(scratch, ROOT)
        check(not diff, "layouts differ from x86 Windows:\n" + "\n".join(diff))
        names = probe_names()
        wdk = build(scratch, ROOT, True)
        sizes = dict(zip(names, wdk))
        check(sizes["SIZE(DRIVER_OBJECT)"] == 0xA8 and sizes["SIZE(KTIMER)"] == 40 and
              sizes["SIZE(NPAGED_LOOKASIDE_LIST)"] == 80 and sizes["SIZE(PAGED_LOOKASIDE_LIST)"] == 104 and
              sizes["SIZE(DISPATCHER_HEADER)"] == 16 and sizes["SIZE(KDPC)"] == 32, str(sizes))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test_the_probe_catches_a_field_that_moves():
    """A copy of wdm.h with one byte planted in front of KTIMER's DueTime: the probe names what moved."""
    scratch = tempfile.mkdtemp(prefix="pagoda-layout-")
    try:
        os.makedirs(os.path.join(scratch, "kernel"))
        text = open(os.path.join(ROOT, "kernel", "wdm.h")).read()
        planted = text.replace("    ULARGE_INTEGER DueTime;", "    UCHAR Planted;\n    ULARGE_INTEGER DueTime;", 1)
        check(planted != text, "KTIMER's DueTime line not found in wdm.h")
        open(os.path.join(scratch, "kernel", "wdm.h"), "w").write(planted)
        diff = differences(scratch, scratch)
        check(any(d.startswith("FIELD(KTIMER, DueTime)") for d in diff) and
              any(d.startswith("SIZE(KTIMER)") for d in diff), "\n".join(diff))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
