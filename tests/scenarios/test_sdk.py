"""drivers/sdk/pagoda_wdk.h: a driver written for today's WDK (ExAllocatePool2, POOL_FLAG_*,
ExAllocatePoolZero, ExFreePool2, ExInitializeDriverRuntime) compiles with mingw-w64's DDK headers plus
the supplement, exactly as README's driver build does, and links against `make implibs`' import
libraries; its imports are all by plain name from ntoskrnl.exe and HAL.dll. A routine Pagoda does not
export fails that link with its name."""
import os
import re
import shutil
import subprocess
import tempfile

from qemu import BUILD, ROOT, check

SOURCE = os.path.join(ROOT, "tests", "sdk", "sdk_driver.c")
GCC = "i686-w64-mingw32-gcc"


def run(cmd):
    p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode, p.stdout


def implibs():
    code, out = run(["make", "-s", "implibs", "BUILD=" + BUILD])
    check(code == 0, out)
    return os.path.join(BUILD, "lib")


def build(scratch, source):
    obj, sys_ = os.path.join(scratch, "sdk.o"), os.path.join(scratch, "sdk.sys")
    code, out = run([GCC, "-O2", "-g", "-mrtd", "-Wall", "-Werror", "-I/usr/i686-w64-mingw32/include/ddk",
                     "-include", "drivers/sdk/pagoda_wdk.h", "-c", source, "-o", obj])
    check(code == 0, "compile:\n" + out)
    return run([GCC, "-shared", "-nostdlib", "-Wl,--subsystem,native", "-Wl,--entry,_DriverEntry@8", "-o", sys_,
                obj, "-L", implibs(), "-lntoskrnl", "-lhal", "-lgcc"]) + (sys_,)


def imports(image):
    code, out = run(["i686-w64-mingw32-objdump", "-p", image])
    check(code == 0, out)
    dlls, names, dll = {}, [], None
    for line in out.splitlines():
        m = re.match(r"\s*DLL Name: (\S+)", line)
        if m:
            dll = m.group(1)
            dlls[dll] = []
            continue
        m = re.match(r"\s*[0-9a-f]+\s+[0-9a-f]+\s+(\S+)$", line)
        if dll and m:
            dlls[dll].append(m.group(1))
    return dlls


def test_a_driver_using_the_supplement_compiles_and_links_against_pagodas_libraries():
    scratch = tempfile.mkdtemp(prefix="pagoda-sdk-")
    try:
        code, out, image = build(scratch, SOURCE)
        check(code == 0, "link:\n" + out)
        dlls = imports(image)
        check(set(dlls) <= {"ntoskrnl.exe", "HAL.dll"} and dlls, str(dlls))
        every = [n for names in dlls.values() for n in names]
        check("ExAllocatePool2" in dlls.get("ntoskrnl.exe", []) and "KfAcquireSpinLock" in dlls.get("HAL.dll", []),
              str(dlls))
        check(all("@" not in n for n in every), "decorated import names: " + str(every))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test_a_routine_pagoda_does_not_export_fails_the_link_by_name():
    scratch = tempfile.mkdtemp(prefix="pagoda-sdk-")
    try:
        source = os.path.join(scratch, "missing.c")
        open(source, "w").write(open(SOURCE).read().replace(
            "    ExInitializeDriverRuntime(DrvRtPoolNxOptIn);",
            "    ExInitializeDriverRuntime(DrvRtPoolNxOptIn);\n    IoWMIRegistrationControl(NULL, 0);"))
        code, out, _ = build(scratch, source)
        check(code != 0 and "IoWMIRegistrationControl" in out, out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
