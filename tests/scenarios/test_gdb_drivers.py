"""Driver symbols in GDB: the .sys keeps its DWARF, which the loader does not map; a breakpoint set
before a driver loads stops in it (bt reaches the kernel's caller, list and info line show the driver's
source), through QEMU's stub and through the kernel's own on COM2 (an int3 in a read-only image page, a
DPC at DISPATCH_LEVEL); a reload at a new base moves the symbols; breakpoints in INIT code come out
before its pages go; a GDB attached after the load, or reattached after a reload, gets the symbols of
what is mapped; pg-drivers list only lists."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from qemu import BUILD, Machine, check, driver_image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_gdb import Debug, Marker  # noqa: E402
from test_kdstub import boot, gdb_finish, gdb_start  # noqa: E402

PENDING = ("-ex", "set breakpoint pending on")
JUNK_OBJFILES = ("python print('junk objfiles: %d' % "
                 "len([o for o in gdb.objfiles() if o.filename.endswith('/junk.sys')]))")


def wait_for(marker, g):
    marker.wait(g, lambda: gdb_finish(g, 5))


def loaded_at(console_output):
    """The base from the console's `<name> loaded at 0x...` line."""
    return int(re.search(r"loaded at 0x([0-9a-f]{8})", console_output).group(1), 16)


def unload_line_in(out, base, size):
    """Whether `info line JunkUnload` in out names junk.c at an address of the image at base."""
    line = re.search(r'Line \d+ of "drivers/samples/junk\.c" starts at address 0x(\w+) <JunkUnload', out)
    return bool(line) and base <= int(line.group(1), 16) < base + size


def size_of(drivers_table, name):
    return int([l.split() for l in drivers_table.splitlines() if l.split()[:1] == [name]][0][3], 16)


def test_an_images_dwarf_stays_in_the_file_and_is_not_mapped():
    """mingw's -g with -shared -nostdlib keeps DWARF in the .sys, where GDB reads it; its .debug_*
    sections are discardable, so the loader gives their pages no frames (and .text one)."""
    heads = subprocess.run(["i686-w64-mingw32-objdump", "-h", "-p", driver_image("junk")], stdout=subprocess.PIPE,
                           text=True).stdout
    image_base = int(re.search(r"^ImageBase\s+([0-9a-f]+)$", heads, re.M).group(1), 16)
    rva = {m.group(1): int(m.group(2), 16) - image_base
           for m in re.finditer(r"^\s*\d+ (\.\w+)\s+[0-9a-f]+\s+([0-9a-f]+)\s", heads, re.M)}
    check({".text", ".debug_info", ".debug_line"} <= set(rva), "no DWARF in junk.sys:\n" + heads)
    with Machine(drivers=[driver_image("junk")]) as m:
        m.wait_prompt()
        base = loaded_at(m.command("load junk"))
        for section, mapped in ((".text", True), (".debug_info", False), (".debug_line", False)):
            pte = m.command("pte 0x%08x" % (base + rva[section]))
            check(bool(re.search(r"^PTE at .* pfn 0x", pte, re.M)) == mapped, "%s: %s" % (section, pte), m)


def test_a_breakpoint_set_before_the_driver_loads_stops_in_it_through_qemus_stub():
    d = Debug(*PENDING, "-ex", "break JunkUnload", "-ex", "continue", "-ex", "bt", "-ex", "list",
              "-ex", "info line *$pc", "-ex", "frame", drivers=driver_image("junk"))
    base = loaded_at(d.console("load junk"))
    size = size_of(d.console("drivers"), "junk")
    out = d.type_and_wait("unload junk")
    check(re.search(r"Breakpoint 1, JunkUnload \(DriverObject=.*\) at drivers/samples/junk\.c:\d+", out),
          "no stop in the driver:\n" + out)
    check("#0  JunkUnload (" in out and re.search(r"#1  0x8\w{7} in callout_invoke \(\)\n#2 .*\n#3  0x8\w{7} in driver_unload \(.*\) at drivers/driver\.c:\d+", out)
          and "cmd_unload" in out, "bt does not reach the kernel's caller:\n" + out)
    check("VOID JunkUnload(PDRIVER_OBJECT DriverObject)" in out, "list shows no driver source:\n" + out)
    check(unload_line_in(out, base, size), "info line not in the loaded image:\n" + out)
    check(out.count(" at drivers/samples/junk.c:") >= 3, "frame does not name the driver's file:\n" + out)


def test_a_reload_at_a_new_base_moves_the_symbols():
    d = Debug(*PENDING, "-ex", "break JunkUnload", "-ex", "continue", "-ex", "pg-drivers", "-ex", "print $pc",
              "-ex", "continue", "-ex", "pg-drivers", "-ex", "print $pc", "-ex", JUNK_OBJFILES,
              drivers=" ".join([driver_image("junk"), driver_image("sample")]))
    first = loaded_at(d.console("load junk"))
    d.console("unload junk")  # GDB stops in JunkUnload, lists and goes on: the prompt comes back
    d.console("load sample")
    second = loaded_at(d.console("load junk"))
    size = size_of(d.console("drivers"), "junk")
    out = d.type_and_wait("unload junk")
    check(second != first, "junk reloaded at the same base 0x%08x" % first)
    check(out.count("Breakpoint 1, JunkUnload") == 2, "not stopped in both loads:\n" + out)
    pcs = [int(x, 16) for x in re.findall(r"= \(void \(\*\)\(\)\) 0x(\w+) <JunkUnload", out)]
    check(len(pcs) == 2 and first <= pcs[0] < first + size and second <= pcs[1] < second + size,
          "not stopped at each load's own address:\n" + out)
    check(re.search(r"^junk +loaded +0x%08x " % second, out, re.M) and "symbols: junk at 0x%08x from " % second in out,
          "pg-drivers after the reload:\n" + out)
    check("pagoda: symbols of junk at 0x%08x removed" % first in out and "junk objfiles: 1" in out,
          "the first load's symbols stayed:\n" + out)


def test_a_breakpoint_in_a_dpc_routine_through_the_kernels_stub():
    """The kernel's stub patches an int3 into the image's read-only code page; the DPC runs at
    DISPATCH_LEVEL from the timer interrupt. After delete and detach the driver unloads as usual."""
    m, port = boot(drivers=[driver_image("tick")])
    with m:
        ready = Marker()
        g = gdb_start(port, "set breakpoint pending on", "break TickDpc", ready.command, "continue", "bt",
                      "info line *$pc", "delete", "detach", helpers=True)
        wait_for(ready, g)
        m.send_line("load tick")  # taken when GDB lets the kernel go on
        out = gdb_finish(g)
        check(re.search(r"Breakpoint 1, TickDpc \(.*\) at drivers/samples/tick\.c:\d+", out),
              "no stop in the DPC:\n" + out)
        check(re.search(r"#1  0x8\w{7} in callout_invoke \(\)\n#2 .* at kernel/callout\.c:\d+\n#3  0x8\w{7} in dpc_drain \(\) at kernel/dpc\.c:\d+", out),
              "bt does not reach the kernel:\n" + out)
        check('of "drivers/samples/tick.c"' in out, "info line:\n" + out)
        m.wait_prompt()
        check("tick unloaded" in m.command("unload tick"), "the driver does not unload after detach", m)


def test_a_breakpoint_in_init_code_is_disabled_before_its_pages_go():
    """probe's DriverEntry lies in INIT: after it, the breakpoint there is disabled, so GDB never puts an
    int3 back at the unmapped address (which fails with the kernel's stub) and a later stop in the same
    image goes on cleanly; a reload enables it again."""
    m, port = boot(drivers=[driver_image("probe")])
    with m:
        ready = Marker()
        g = gdb_start(port, "set breakpoint pending on", "break DriverEntry", "break ProbeUnload", ready.command,
                      "continue", "continue", "info breakpoints", "continue", "delete", "detach", helpers=True)
        wait_for(ready, g)
        m.send_line("load probe")  # stops in DriverEntry
        m.expect("probe loaded at")
        m.expect("pagoda> ")
        m.send_line("unload probe")  # stops in ProbeUnload
        m.expect("pagoda> ")
        m.send_line("load probe")  # stops in DriverEntry again
        out = gdb_finish(g)
        check(out.count("Breakpoint 1, DriverEntry") == 2, "DriverEntry not stopped in at each load:\n" + out)
        check("pagoda: breakpoint 1.1 disabled: probe's INIT code is released" in out, "not disabled:\n" + out)
        check(re.search(r"^1\.1 +n +0x\w+ in DriverEntry", out, re.M), "info breakpoints:\n" + out)
        check("Breakpoint 2, ProbeUnload" in out and "Cannot insert breakpoint" not in out
              and "Cannot remove breakpoint" not in out, "the stop after DriverEntry:\n" + out)
        m.wait_prompt()
        check("probe" in m.command("drivers"), "console dead after detach", m)


def test_a_gdb_attached_after_the_load_and_reattached_after_a_reload_finds_the_symbols():
    """The first stop of a connection catches up with the table (GDB was not there for the loads);
    pg-drivers list leaves the symbols alone; pg-drivers follows pagoda-driver-path, and says so when
    the .sys it finds is not the image that was loaded."""
    go_on = os.path.join(tempfile.mkdtemp(prefix="pagoda-gdb-"), "go-on")
    m, port = boot(drivers=[driver_image("junk"), driver_image("sample")])
    with m:
        first = loaded_at(m.command("load junk"))
        size = size_of(m.command("drivers"), "junk")
        other = tempfile.mkdtemp(prefix="pagoda-gdb-")
        shutil.copy(driver_image("sample"), os.path.join(other, "junk.sys"))  # not the image loaded as junk
        attached = Marker()
        g = gdb_start(port, attached.command, "info line JunkUnload", "show pagoda-driver-path",
                      "set pagoda-driver-path /nonexistent",
                      "echo --- list\\n", "pg-drivers list", "info line JunkUnload",
                      "echo --- elsewhere\\n", "pg-drivers", "info line JunkUnload",
                      "echo --- other\\n", "set pagoda-driver-path /nonexistent:" + other, "pg-drivers",
                      "echo --- back\\n", "set pagoda-driver-path " + os.path.join(BUILD, "drivers"), "pg-drivers",
                      "info line JunkUnload", "detach", "shell while [ ! -e %s ]; do sleep 0.1; done" % go_on,
                      "echo --- reattached\\n", "target remote 127.0.0.1:%d" % port, "info line JunkUnload",
                      "pg-drivers list", JUNK_OBJFILES, "detach", helpers=True)
        wait_for(attached, g)
        m.command("unload junk")  # runs once GDB has detached
        m.command("load sample")
        second = loaded_at(m.command("load junk"))
        open(go_on, "w").close()
        out = gdb_finish(g)
        parts = dict(zip(["attached", "list", "elsewhere", "other", "back", "reattached"],
                         re.split(r"^--- \w+$", out, flags=re.M)))
        check(len(parts) == 6, "GDB stopped early:\n" + out)
        check(unload_line_in(parts["attached"], first, size), "no symbols after attaching:\n" + out)
        check("Driver images are looked for in %s." % os.path.join(BUILD, "drivers") in parts["attached"],
              "default path:\n" + out)
        check(re.search(r"^junk +loaded +0x%08x " % first, parts["list"], re.M)
              and unload_line_in(parts["list"], first, size)
              and "symbols: junk at 0x%08x from %s" % (first, driver_image("junk")) in parts["list"],
              "pg-drivers list changed the symbols:\n" + out)
        check("no junk.sys in /nonexistent" in parts["elsewhere"]
              and "pagoda: symbols of junk at 0x%08x removed" % first in parts["elsewhere"]
              and not unload_line_in(parts["elsewhere"], first, size),
              "pg-drivers with a path that lacks the image:\n" + out)
        wrong = os.path.join(other, "junk.sys")
        check("pagoda: warning: %s is not the image loaded as junk" % wrong in parts["other"],
              "a .sys that is not the loaded image, unnoticed:\n" + out)
        check(unload_line_in(parts["back"], first, size), "pg-drivers does not load the symbols again:\n" + out)
        check(unload_line_in(parts["reattached"], second, size) and "junk objfiles: 1" in parts["reattached"]
              and re.search(r"^junk +loaded +0x%08x " % second, parts["reattached"], re.M),
              "after reattaching:\n" + out)
