"""Driver images (.sys built by mingw-w64) as Multiboot modules: every sample loads, prints its
DbgPrint lines, shows its poolmon rows and unloads with its pool back to zero; a reload maps a fresh
image; bad images (truncated, wrong machine, an unresolved import) are one error line each and the
shell goes on; load= at boot; the ISO's GRUB passes the samples too; 0xC7 for a timer left set in an
unloaded image; pg-drivers and the image's symbols in GDB."""
import os
import re
import subprocess
import sys
import tempfile
import time

from qemu import BUILD, ROOT, Machine, check, driver_image, sample_drivers

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_gdb import free_port  # noqa: E402

DRIVER_IMAGES = (0xBC000000, 0xC0000000)  # mm/layout.h
# What each well-behaved sample prints on load and which tags it allocates under.
SAMPLES = {
    "sample": (r"sample: loaded \\Driver\\sample, load count 1", ["Smpl", "SmRq"]),
    "junk": (r"junk: \\Device\\Junk loaded, 8 items, table\[7\]=49", ["Junk", "JkIt", "JkNm"]),
    "tick": (r"tick: loaded, a sample every 10 ms", ["Tick"]),
}


def row_of(m, name):
    """name's row of the drivers table, asked again if tick's one DPC line cut it in two (a DPC's
    DbgPrint starts its own line wherever the console is, as on NT)."""
    for _ in range(3):
        rows = [l.split() for l in m.command("drivers").splitlines() if l.split()[:1] == [name]]
        if rows and len(rows[0]) >= 6:
            break
    return rows[0]


def poolmon_diff(m, tag):
    """The live allocations under tag, over both pools."""
    return sum(int(l.split()[4]) for l in m.command("poolmon").splitlines() if l.split()[:1] == [tag])


def test_every_sample_loads_prints_and_unloads_with_its_pool_back_to_zero():
    built = [os.path.basename(p)[:-4] for p in sample_drivers()]
    check(set(SAMPLES) <= set(built), "samples not built: %s" % sorted(set(SAMPLES) - set(built)))
    with Machine() as m:
        m.wait_prompt()
        for name, (printed, tags) in SAMPLES.items():
            m.command("verifier track %s on" % name)
            out = m.command("load " + name)
            # tick's DPC may print while the console writes a line (it interrupts any code, as on NT)
            out = re.sub(r"tick: first sample at DISPATCH_LEVEL \(IRQL 2\)\n?", "", out)
            check(re.search(printed, out) and re.search(r"^%s loaded at 0x[0-9a-f]{8}$" % name, out, re.M), out, m)
            row = row_of(m, name)
            base, size = int(row[2], 16), int(row[3], 16)
            check(row[1] == "loaded" and DRIVER_IMAGES[0] <= base and base + size <= DRIVER_IMAGES[1], str(row), m)
            # DriverEntry's own allocations are charged to the driver (tick's come later, from its DPC)
            check(name == "tick" or int(row[4]) > 0, "nothing charged to %s: %s" % (name, row), m)
            deadline = time.monotonic() + 10
            while name == "tick" and "tick: first sample at DISPATCH_LEVEL (IRQL 2)" not in m.text():
                check(time.monotonic() < deadline, "no sample from tick's DPC", m)
                m.command("uptime")
            # what tick's DPC allocates is charged to tick, wherever it runs
            check(name != "tick" or int(row_of(m, name)[4]) > 0, "DPC allocations not charged to tick", m)
            for tag in tags:
                check(poolmon_diff(m, tag) > 0, "no live %s blocks after load %s" % (tag, name), m)
            out = m.command("unload " + name)
            check(out.endswith("%s unloaded\n" % name) and "%s: " % name in out, out, m)
            check(row_of(m, name)[1:] == ["unloaded", "-", "-", "0", "0"], str(row_of(m, name)), m)
            for tag in tags:
                check(poolmon_diff(m, tag) == 0, "%s blocks left after unload %s" % (tag, name), m)


def test_a_reload_maps_a_fresh_image_with_fresh_globals_and_section_protections_and_pageable_page():
    with Machine(drivers=[driver_image("probe"), driver_image("sample")]) as m:
        m.wait_prompt()
        for _ in range(2):
            out = m.command("load probe")  # it fails with STATUS_UNSUCCESSFUL if its .bss is stale
            check(re.fullmatch(r"probe loaded at 0x[0-9a-f]{8}\n", out), out, m)
            base = int(out.split()[-1], 16)
            # probe's layout (mingw): .text at 0x1000 read-only, PAGE (ProbeUnload) at 0x2000 pageable,
            # INIT (DriverEntry) at 0x3000 released after it.
            check(re.search(r"PTE .* GDA--RV", m.command("pte %#x" % (base + 0x1000))), "text read-only", m)
            check(m.command("pte %#x" % (base + 0x3000)).endswith("none\n"), "INIT released", m)
            m.command("trim")
            check("transition" in m.command("pte %#x" % (base + 0x2000)), "PAGE stayed resident", m)
            m.command("pageout")  # ProbeUnload then runs from a hard fault
            check(m.command("unload probe") == "probe unloaded\n", "unload probe", m)
            out = m.command("load sample")
            check("load count 1" in out, out, m)
            m.command("unload sample")


def _patched(src, dst, change):
    with open(src, "rb") as f:
        data = bytearray(f.read())
    with open(dst, "wb") as f:
        f.write(change(data))


def test_bad_images_are_one_error_line_each_and_nothing_loads():
    def truncated(d):
        return d[:len(d) // 2]

    def wrong_machine(d):
        pe = int.from_bytes(d[0x3C:0x40], "little")
        d[pe + 4:pe + 6] = (0x8664).to_bytes(2, "little")
        return d

    def unresolved(d):  # the import's name in the hint/name table (and anywhere else it appears)
        return d.replace(b"ExFreePool\0", b"ExFreeP00l\0")

    with tempfile.TemporaryDirectory(prefix="pagoda-sys-") as tmp:
        images = []
        for name, change in (("truncated", truncated), ("wrongmach", wrong_machine), ("unresolved", unresolved)):
            images.append(os.path.join(tmp, name + ".sys"))
            _patched(driver_image("probe"), images[-1], change)
        with Machine(drivers=images + [driver_image("probe")]) as m:
            m.wait_prompt()
            why = {"truncated": "", "wrongmach": "machine is not i386",
                   "unresolved": "unresolved import ntoskrnl.exe!ExFreeP00l"}
            for name, reason in why.items():
                out = m.command("load " + name)
                check(out.count("\n") == 1 and out.startswith("error: load: %s: %s" % (name, reason)), out, m)
                check(row_of(m, name)[1:3] == ["failed", "-"], str(row_of(m, name)), m)
            check(re.fullmatch(r"probe loaded at 0x[0-9a-f]{8}\n", m.command("load probe")), "shell goes on", m)
            check(m.command("mem").startswith("frames_total="), "shell goes on", m)


def test_load_at_boot_loads_in_order():
    with Machine(append="load=sample,leaky,nosuch") as m:
        m.wait_prompt()
        text = m.text()
        check(text.index("sample: loaded") < text.index("leaky: loaded"), text, m)
        check("error: load: 'nosuch': no such driver" in text, text, m)
        check(row_of(m, "sample")[1] == row_of(m, "leaky")[1] == "loaded", "drivers", m)


def test_the_iso_passes_the_samples_as_grub_modules():
    with Machine(iso=True) as m:
        m.wait_prompt(timeout=30)
        names = {l.split()[0] for l in m.command("drivers").splitlines()[1:]}
        check(set(SAMPLES) <= names, str(names), m)
        check("sample: loaded" in m.command("load sample"), "load from the ISO", m)


def check_unload_stops_on_its_image(name, code, code_name, printed_at_load=""):
    """Loads the image, unloads it: the STOP is code (p1 0, p2 in the image, p3-p4 the image's range),
    named, and QEMU exits with the bugcheck's status."""
    with Machine(drivers=[driver_image(name)], append="onbugcheck=exit") as m:
        m.wait_prompt()
        out = m.command("load " + name)
        check(printed_at_load in out, out, m)
        base = int(re.search(r"^%s loaded at (0x[0-9a-f]{8})$" % name, out, re.M).group(1), 16)
        size = int(row_of(m, name)[3], 16)
        m.send_line("unload " + name)
        stop = m.wait_stop()
        check(stop[0] == code and stop[1] == 0 and base <= stop[2] < base + size and stop[3:] == (base, base + size),
              str([hex(x) for x in stop]), m)
        check(m.wait_exit() == 37, "exit status", m)
        check(code_name in m.text(), "name", m)


def test_unloading_an_image_with_its_timer_still_set_is_0xc7():
    check_unload_stops_on_its_image("lingering", 0xC7, "TIMER_OR_DPC_INVALID")


def test_pg_drivers_lists_an_image_loaded_at_boot_with_its_symbols():
    env = dict(os.environ, GDBPORT=str(free_port()), SERIALPORT=str(free_port()), BUILD=BUILD,
               APPEND="load=probe", DRIVERS=driver_image("probe"))
    p = subprocess.run([os.path.join(ROOT, "tools", "debug.sh"), "-batch", "-ex", "break shell_run", "-ex", "continue",
                        "-ex", "pg-drivers", "-ex", "info line ProbeUnload"],
                       env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120, cwd=ROOT)
    out = p.stdout
    m = re.search(r"^probe +loaded +0x([0-9a-f]{8}) +0x([0-9a-f]{6}) +0 +0$", out, re.M)
    check(m and "symbols: probe at 0x%s from %s" % (m.group(1), driver_image("probe")) in out, "pg-drivers:\n" + out)
    line = re.search(r'Line \d+ of "tests/drivers/probe.c" starts at address 0x([0-9a-f]+) <ProbeUnload>', out)
    check(line and 0 < int(line.group(1), 16) - int(m.group(1), 16) < int(m.group(2), 16), "symbols at the load address:\n" + out)


def test_paged_memory_at_dispatch_level_in_a_driver_is_0xd1_naming_it():
    with Machine(drivers=[driver_image("dispatch")], append="onbugcheck=exit") as m:
        m.wait_prompt()
        m.send_line("load dispatch")
        stop = m.wait_stop()
        check(m.wait_exit() == 37, "exit status", m)
        check(stop[0] == 0xD1 and stop[2] == 2 and stop[3] == 1 and DRIVER_IMAGES[0] <= stop[4] < DRIVER_IMAGES[1],
              str([hex(x) for x in stop]), m)
        check(re.search(r"DRIVER_IRQL_NOT_LESS_OR_EQUAL\r?\n\*\*\* dispatch\.sys - Address %08X base at BC[0-9A-F]{6}, "
                        r"DateStamp [0-9a-f]{8}\r?\n" % stop[4], m.text()), "the screen names the driver", m)


def test_a_driver_written_for_windows_runs_its_periodic_timer_and_unloads_clean():
    """tests/drivers/wdkstyle.c uses only what the WDK documents: a list under a spinlock filled by a
    periodic timer's DPC from a lookaside list, freed on unload; its tags end at zero."""
    with Machine(drivers=[driver_image("wdkstyle")], timeout=30) as m:
        m.wait_prompt()
        out = m.command("load wdkstyle")
        check("DriverEntry \\Registry\\Machine\\System\\CurrentControlSet\\Services\\wdkstyle at IRQL 0" in out
              and "wdkstyle: same 123456789" in out, out, m)
        time.sleep(1)
        out = m.command("unload wdkstyle")
        items = re.search(r"wdkstyle: unloading WdkStyle after (\d+) items", out)
        check(items and int(items.group(1)) > 10, "the periodic DPC hardly ran: " + out, m)
        check(poolmon_diff(m, "Wdky") == 0, m.command("poolmon"), m)


def test_dbgprint_from_a_dpc_starts_its_own_line_beside_typed_input():
    """wdkstyle's timer DPC prints on its 20th tick while half a command line sits typed after the
    prompt: the driver's line must not run on from it (CONTRACT: DbgPrint reaches the console as
    lines, also from DPCs); the typed words still make the command."""
    with Machine(drivers=[driver_image("wdkstyle")], timeout=30) as m:
        m.wait_prompt()
        m.command("load wdkstyle")
        m.send("upti")
        time.sleep(0.6)
        out = m.command("me")
        check(re.search(r"(^|\n)wdkstyle: tick 20 at IRQL 2\r?\n", m.text()), m.text()[-600:], m)
        check("ticks=" in out, "the typed command was lost: " + out, m)
        m.command("unload wdkstyle")


def test_make_driver_starts_a_new_driver_from_the_template_that_loads():
    """`make driver NAME=...` writes drivers/samples/<name>.c from the template and builds it; the image
    loads, allocates under the template's tag and unloads clean. A name that is no C identifier is
    refused with the usage line."""
    name, source = "pgnewdrv", os.path.join(ROOT, "drivers", "samples", "pgnewdrv.c")
    check(not os.path.exists(source), source + " exists already")
    try:
        p = subprocess.run(["make", "--no-print-directory", "driver", "NAME=" + name, "BUILD=" + BUILD], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
        check(p.returncode == 0 and "new, from the template" in p.stdout, p.stdout)
        with Machine(drivers=[os.path.join(BUILD, "drivers", name + ".sys")], timeout=30) as m:
            m.wait_prompt()
            check("pgnewdrv: loaded as \\Driver\\pgnewdrv" in m.command("load " + name), m.text(), m)
            check(poolmon_diff(m, "Temp") == 1, m.command("poolmon"), m)
            m.command("unload " + name)
            check(poolmon_diff(m, "Temp") == 0, m.command("poolmon"), m)
    finally:
        for path in (source, os.path.join(BUILD, "drivers", name + ".sys"), os.path.join(BUILD, "drivers", name + ".o"),
                     os.path.join(BUILD, "drivers", name + ".d")):
            if os.path.exists(path):
                os.remove(path)
    bad = subprocess.run(["make", "--no-print-directory", "driver", "NAME=a/b"], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
    check(bad.returncode != 0 and "usage: make driver NAME=" in bad.stdout, bad.stdout)


def test_a_windows_conformance_driver_passes_every_check_and_unloads_clean():
    """tests/drivers/wdkconform.c checks, as a third party's test driver would, what the WDK documents of
    the pool, lookaside lists, interlocked lists and SLists, spinlocks and IRQL, DPCs and timers, Rtl and
    Mm: every check passes (a failed one prints its line) and nothing is left under its tag."""
    with Machine(drivers=[driver_image("wdkconform")], timeout=60) as m:
        m.wait_prompt()
        out = m.command("load wdkconform", timeout=60)
        check(re.search(r"^wdkconform: PASS \d+$", out, re.M) and "FAIL" not in out, out, m)
        # its reinitialization routine: after DriverEntry (and its PASS line), once, then again with Count 2
        tail = out[out.find("wdkconform: PASS"):]
        check(re.findall(r"^wdkconform: reinitialize (\d+) (\w+)$", tail, re.M) == [("1", "ok"), ("2", "ok")], out, m)
        check(m.command("unload wdkconform").startswith("wdkconform: unloaded"), m.text()[-300:], m)
        # its driver object extension goes with it; IoSetCompletionRoutineEx's records went with their IRPs
        for tag in ("WCnf", "Iodx", "Iodi", "IoUc"):
            check(poolmon_diff(m, tag) == 0, tag + "\n" + m.command("poolmon"), m)


def loaded_and_unloaded_twice(name):
    """Boots with the image, loads and unloads it twice: yields the machine and what each load and
    unload printed."""
    with Machine(drivers=[driver_image(name)], timeout=60) as m:
        m.wait_prompt()
        for _ in range(2):
            loaded = m.command("load " + name)
            yield m, loaded, m.command("unload " + name)


def test_devices_links_and_handles_left_at_unload_are_named_and_deleted_so_a_reload_works():
    """tests/drivers/devleft.c leaves its device, its symbolic link, a handle to its service key and one
    to a named event behind at unload: each is one console line, and deleted or closed (the device's
    dispatch routines left with the image; the event went with its last handle, and its name with it),
    so a reload creates them all again."""
    for m, loaded, out in loaded_and_unloaded_twice("devleft"):
        check("devleft: device and link created" in loaded, loaded, m)
        check("devleft: key 0x00000000 event 0x00000000" in loaded, loaded, m)
        check("devleft: device \\Device\\DevLeft left at unload; deleted" in out, out, m)
        check("devleft: symbolic link \\DosDevices\\DevLeft left at unload; deleted" in out, out, m)
        check(re.search(r"devleft: registry key handle 0x8[0-9a-f]{7} \(\\REGISTRY\\MACHINE\\SYSTEM\\"
                        r"CurrentControlSet\\Services\\devleft\) left open at unload; closed", out, re.I), out, m)
        check(re.search(r"devleft: Event handle 0x8[0-9a-f]{7} left open at unload; closed", out), out, m)


def test_work_items_run_at_passive_level_when_idle_and_before_the_image_goes():
    """tests/drivers/workitem.c queues an I/O work item in DriverEntry: it runs after DriverEntry has
    returned, at PASSIVE_LEVEL, when the console goes idle (before the next prompt). DriverUnload queues
    another and deletes its device at once: the item's reference keeps the device, and the item runs
    before the image is unmapped; nothing is left under the work items' and devices' tags."""
    for m, loaded, out in loaded_and_unloaded_twice("workitem"):
        check("workitem: ran at IRQL 0, after DriverEntry returned, device ok\n" in loaded, loaded, m)
        check(re.search(r"workitem: DriverUnload returns\nworkitem: queued in DriverUnload, ran after it at "
                        r"IRQL 0, device still there\n(.*\n)?workitem unloaded\n$", out), out, m)
        check(poolmon_diff(m, "IoWk") == 0 and poolmon_diff(m, "Devi") == 0, m.command("poolmon"), m)


def test_unloading_an_image_with_its_work_item_still_queued_is_0xe4():
    """workleft (workitem.c with -DLEAVE_EXECUTIVE_ITEM) queues an executive work item that lies in its
    image from DriverUnload and returns: bugcheck 0xE4 WORKER_INVALID (0, the item, the image's range)."""
    check_unload_stops_on_its_image("workleft", 0xE4, "WORKER_INVALID",
                                    "workitem: ran at IRQL 0, after DriverEntry returned")
