"""Pageable driver code and data (mingw-built images): PAGE sections leave RAM under `trim` and come back
on a touch below DISPATCH_LEVEL, code read-only again; executing paged-out driver code at DISPATCH_LEVEL
is 0xD1 with p1 = p4 = the routine and p3 = 8 (execute), the screen naming the driver as Windows does;
the pageable sample stops so after a trim, its fixed twin ticks on, its DBG build stops at PAGED_CODE();
MmLockPagableCodeSection/DataSection, ...ByHandle and MmUnlockPagableImageSection (counted, per
section), MmPageEntireDriver and MmResetDriverPaging, and their bugchecks on misuse; INIT is gone after
DriverEntry. The test image tests/drivers/paging.c prints its addresses; `call` drives the Mm routines."""
import os
import re
import struct
import subprocess
import time

from qemu import BUILD, EXIT_BUGCHECK, Machine, check, driver_image

STATUS_ASSERTION_FAILURE = 0xC0000420
EXECUTE = 8  # p3 of 0xD1: 0 read, 1 write, 8 execute


def datestamp(name):
    """The TimeDateStamp of the image's file header, as the STOP screen must print it."""
    with open(driver_image(name), "rb") as f:
        data = f.read(0x400)
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    return struct.unpack_from("<I", data, pe + 8)[0]


def driver_line(name, address, base):
    return "*** %s.sys - Address %08X base at %08X, DateStamp %08x" % (name, address, base, datestamp(name))


def ticks(m):
    return int(re.search(r"ticks=(\d+)", m.command("uptime")).group(1))


def let_ticks_pass(m, n):
    """Waits until the clock has ticked n more times (each tick runs the drivers' timer DPCs)."""
    start, deadline = ticks(m), time.monotonic() + 20
    while ticks(m) < start + n:
        check(time.monotonic() < deadline, "the clock stopped", m)


def resident(m, address):
    """'RV' or 'WV' for a valid page (read-only or writable), else the kind of its PTE."""
    last = m.command("pte %#x" % address).splitlines()[-1]
    valid = re.search(r"pfn 0x[0-9a-f]+ [-GDANT]{5}([RW])V$", last)
    return valid.group(1) + "V" if valid else last.split("  ")[-1]


def load_paging(m):
    """Loads tests/drivers/paging.sys; returns its base and the addresses it printed."""
    out = m.command("load paging")
    found = dict((k, int(v, 16)) for k, v in re.findall(r"(\w+) ([0-9A-F]{8})\b", out))
    check({"PagedWork", "LockedWork", "PagedTable", "PagingDpc", "DriverEntry", "handle"} <= set(found), out, m)
    found["base"] = int(re.search(r"paging loaded at (0x[0-9a-f]{8})", out).group(1), 16)
    return found


def stop_and_exit(m):
    stop = m.wait_stop()
    check(m.wait_exit() == EXIT_BUGCHECK, "exit status", m)
    return stop


def test_the_pageable_sample_stops_with_0xd1_naming_it_after_a_trim():
    with Machine(drivers=[driver_image("pageable")], append="onbugcheck=exit") as m:
        m.wait_prompt()
        out = m.command("load pageable")
        work = int(re.search(r"PageableWork at ([0-9A-F]{8}) \(PAGE\)", out).group(1), 16)
        base = int(re.search(r"pageable loaded at (0x[0-9a-f]{8})", out).group(1), 16)
        let_ticks_pass(m, 3)  # the DPC has called PageableWork while its page was in: no harm seen
        check(resident(m, work) == "RV", "PAGE code not resident and read-only after load", m)
        m.send_line("trim")
        stop = stop_and_exit(m)
        check(stop == (0xD1, work, 2, EXECUTE, work), str([hex(x) for x in stop]), m)
        check(re.search(r"DRIVER_IRQL_NOT_LESS_OR_EQUAL\r?\n%s\r?\n" % re.escape(driver_line("pageable", work, base)),
                        m.text()), "the screen does not name pageable.sys", m)


def test_the_fixed_twin_ticks_on_through_trims():
    with Machine(drivers=[driver_image("pagefixed")]) as m:
        m.wait_prompt()
        check("PageableWork at" in m.command("load pagefixed"), "load pagefixed", m)
        for _ in range(5):
            m.command("trim")
            let_ticks_pass(m, 3)
        out = m.command("unload pagefixed")
        n = re.search(r"pagefixed: unloaded after (\d+) ticks", out)
        check(n and int(n.group(1)) >= 15, out, m)


def test_the_dbg_build_stops_at_paged_code_called_at_dispatch_level():
    with Machine(drivers=[driver_image("pagedbg")], append="onbugcheck=exit") as m:
        m.wait_prompt()
        m.send_line("load pagedbg")  # the first tick may come before `load` has said where it loaded
        work = int(m.expect(r"PageableWork at ([0-9A-F]{8}) ").group(1), 16)
        stop = stop_and_exit(m)
        text = m.text()
        check("NTDDK: Pageable code called at IRQL > APC_LEVEL (2)" in text, "PAGED_CODE's line", m)
        # NT_ASSERT's int 0x2c, in PageableWork, unhandled: KMODE_EXCEPTION_NOT_HANDLED
        check(stop[0] == 0x1E and stop[1] == STATUS_ASSERTION_FAILURE and work < stop[2] < work + 0x100
              and stop[3:] == (0, 0), str([hex(x) for x in stop]), m)
        line = re.search(r"KMODE_EXCEPTION_NOT_HANDLED\r?\n(\*\*\* pagedbg\.sys - Address %08X base at ([0-9A-F]{8}), "
                         r"DateStamp [0-9a-f]{8})\r?\ntrap 0x2c .* eip=0x%08x " % (stop[2], stop[2]), text)
        check(line and line.group(1) == driver_line("pagedbg", stop[2], int(line.group(2), 16))
              and work - int(line.group(2), 16) < 0x10000, "the screen names pagedbg.sys at the int 0x2c", m)


def test_trim_takes_page_code_and_data_out_and_a_touch_brings_them_back_code_read_only():
    with Machine(drivers=[driver_image("paging")], append="onbugcheck=exit") as m:
        m.wait_prompt()
        a = load_paging(m)
        m.command("trim")
        check(resident(m, a["PagedWork"]).startswith("transition"), "PAGE code stayed in", m)
        check(resident(m, a["PagedTable"]).startswith("transition"), "PAGEDATA stayed in", m)
        # at PASSIVE_LEVEL a touch pages them back in: the code runs, read-only; the data is writable
        check(m.command("call %#x 5" % a["PagedWork"]) == "0x00001005\n", "PagedWork from the console", m)
        check(resident(m, a["PagedWork"]) == "RV", "PAGE code back writable", m)
        check(m.command("peek %#x" % a["PagedTable"]) == "0x0007ab1e\n", "PAGEDATA contents", m)
        m.command("poke %#x 7" % a["PagedTable"])
        m.command("pageout")  # both to the paging file: the next touches are hard faults
        check(resident(m, a["PagedTable"]).startswith("pagefile"), "PAGEDATA not in the paging file", m)
        check(m.command("peek %#x" % a["PagedTable"]) == "0x00000007\n", "PAGEDATA lost its write", m)
        check(m.command("call %#x 1" % a["PagedWork"]) == "0x00001001\n", "PagedWork after a hard fault", m)
        check(resident(m, a["PagedWork"]) == "RV", "PAGE code read back writable", m)
        m.send_line("poke %#x 1" % a["PagedWork"])
        stop = stop_and_exit(m)
        check(stop[:2] == (0xBE, a["PagedWork"]), str([hex(x) for x in stop]), m)


def test_a_locked_section_stays_in_through_trims_until_its_last_unlock():
    """DriverEntry locked PAGELK twice and unlocked it once; the DPC calls LockedWork every tick."""
    with Machine(drivers=[driver_image("paging")], append="onbugcheck=exit") as m:
        m.wait_prompt()
        a = load_paging(m)
        # the handle, as on Windows, is the section's header in the mapped image: its name is "PAGELK"
        check(m.command("peek %#x" % a["handle"]) + m.command("peek %#x" % (a["handle"] + 4)) == "0x45474150\n0x00004b4c\n",
              "the handle is not PAGELK's section header", m)
        for _ in range(4):
            m.command("trim")
            check(resident(m, a["LockedWork"]) == "RV", "the locked section left memory", m)
            let_ticks_pass(m, 3)
        check(m.command("call MmUnlockPagableImageSection %#x" % a["handle"]).endswith("\n"), "unlock", m)
        m.send_line("trim")
        stop = stop_and_exit(m)
        check(stop == (0xD1, a["LockedWork"], 2, EXECUTE, a["LockedWork"]), str([hex(x) for x in stop]), m)
        check(driver_line("paging", a["LockedWork"], a["base"]) in m.text(), "the screen names paging.sys", m)


def test_locking_pageable_data_by_address_and_by_handle_is_counted():
    with Machine(drivers=[driver_image("paging")], append="onbugcheck=exit") as m:
        m.wait_prompt()
        a = load_paging(m)
        table = a["PagedTable"]
        handle = int(m.command("call MmLockPagableDataSection %#x" % table), 16)
        check(handle == int(m.command("call MmLockPagableDataSection %#x" % (table + 0x200)), 16),
              "two addresses of one section give two handles", m)
        m.command("call MmLockPagableSectionByHandle %#x" % handle)  # three locks
        for _ in range(2):
            m.command("call MmUnlockPagableImageSection %#x" % handle)
            m.command("trim")
            check(resident(m, table) == "WV", "PAGEDATA left memory with locks held", m)
            check(m.command("at DISPATCH_LEVEL peek %#x" % table) == "0x0007ab1e\n", "locked data at DISPATCH", m)
        m.command("call MmUnlockPagableImageSection %#x" % handle)
        m.command("trim")
        check(resident(m, table).startswith("transition"), "PAGEDATA stayed in after its last unlock", m)
        m.send_line("at DISPATCH_LEVEL peek %#x" % table)  # the console's own code: 0x0A, not 0xD1
        stop = stop_and_exit(m)
        check(stop[:4] == (0x0A, table, 2, 0), str([hex(x) for x in stop]), m)


def test_mm_page_entire_driver_pages_everything_and_mm_reset_driver_paging_undoes_it():
    with Machine(drivers=[driver_image("paging")], append="onbugcheck=exit") as m:
        m.wait_prompt()
        a = load_paging(m)
        dpc = a["PagingDpc"]
        check(m.command("call MmPageEntireDriver 0x80100000") == "0x00000000\n", "no driver there: NULL", m)
        check(int(m.command("call MmPageEntireDriver %#x" % dpc), 16) == a["base"], "returns the image base", m)
        m.command("call MmResetDriverPaging %#x" % dpc)
        for _ in range(3):
            m.command("trim")
            let_ticks_pass(m, 3)
        check(resident(m, dpc) == "RV", ".text pageable after MmResetDriverPaging", m)
        check(resident(m, a["PagedWork"]).startswith("transition"), "PAGE nonpaged after MmResetDriverPaging", m)
        m.command("call MmPageEntireDriver %#x" % dpc)
        check(resident(m, a["LockedWork"]) == "RV", "the locked section", m)
        m.send_line("trim")  # the DPC routine itself is out now
        stop = stop_and_exit(m)
        check(stop == (0xD1, dpc, 2, EXECUTE, dpc), str([hex(x) for x in stop]), m)


def test_paging_and_locking_leave_no_charge_behind():
    """Commit and resident available pages after a load and unload, then after one that locked, paged the
    whole image, reset it, unlocked and unloaded with a lock still held: the same."""
    def figures(m):
        return re.findall(r"(?:commit|resident_available)=\d+", m.command("mem"))

    with Machine(drivers=[driver_image("paging")]) as m:
        m.wait_prompt()
        load_paging(m)  # the first load grows nonpaged pool for the driver's context, which keeps it
        m.command("unload paging")
        settled = figures(m)
        a = load_paging(m)
        handle = m.command("call MmLockPagableDataSection %#x" % a["PagedTable"]).strip()
        m.command("call MmPageEntireDriver %#x" % a["PagingDpc"])
        m.command("call MmResetDriverPaging %#x" % a["PagingDpc"])
        m.command("call MmLockPagableSectionByHandle %s" % handle)
        m.command("call MmUnlockPagableImageSection %s" % handle)
        m.command("trim")
        m.command("unload paging")
        check(figures(m) == settled, "%s after, %s before" % (figures(m), settled), m)


def test_init_is_gone_after_driver_entry():
    with Machine(drivers=[driver_image("paging")], append="onbugcheck=exit") as m:
        m.wait_prompt()
        entry = load_paging(m)["DriverEntry"]
        check(resident(m, entry) == "none", "INIT still mapped", m)
        m.send_line("peek %#x" % entry)
        stop = stop_and_exit(m)
        check(stop[:3] == (0x50, entry, 0), str([hex(x) for x in stop]), m)


def test_the_mm_routines_stop_on_misuse():
    def misuse(command):
        with Machine(drivers=[driver_image("paging")], append="onbugcheck=exit") as m:
            m.wait_prompt()
            a = load_paging(m)
            m.command("call MmUnlockPagableImageSection %#x" % a["handle"])  # DriverEntry's last lock
            m.send_line(command % a)
            return stop_and_exit(m), a

    # 0x1A MEMORY_MANAGEMENT: 0x1010 unlocking a section that is not locked, 0x1234 locking none
    stop, a = misuse("call MmUnlockPagableImageSection %(handle)#x")
    check(stop == (0x1A, 0x1010, a["handle"], 0, 0), str([hex(x) for x in stop]))
    stop, a = misuse("call MmLockPagableDataSection 0xe1000000")
    check(stop == (0x1A, 0x1234, 0xE1000000, 0, 0), str([hex(x) for x in stop]))
    stop, a = misuse("call MmLockPagableDataSection %(DriverEntry)#x")  # INIT is no section any more
    check(stop == (0x1A, 0x1234, a["DriverEntry"], 0, 0), str([hex(x) for x in stop]))
    # 0xC4 with the DDI compliance rule IrqlMmApcLte (0x20019): above APC_LEVEL
    stop, a = misuse("at DISPATCH_LEVEL call MmLockPagableDataSection %(PagedTable)#x")
    check(stop[0] == 0xC4 and stop[1] == 0x20019 and stop[2] != 0, str([hex(x) for x in stop]))


def test_call_runs_an_export_by_name_or_any_address_at_the_consoles_irql():
    """The console's `call`, which the tests above drive the Mm routines with."""
    with Machine(drivers=[]) as m:
        m.wait_prompt()
        def boolean(out):  # a BOOLEAN comes back in al; eax's upper bytes are whatever the routine left
            return int(out, 16) & 0xFF
        check(boolean(m.command("call MmIsAddressValid 0x80100000")) == 1, "an ntoskrnl.exe export", m)
        check(boolean(m.command("call MmIsAddressValid 0xe1000000")) == 0, "its argument", m)
        check(m.command("at DISPATCH_LEVEL call KeGetCurrentIrql") == "0x00000002\n", "a HAL.dll export, raised", m)
        nm = subprocess.run(["nm", os.path.join(BUILD, "kernel.elf")], stdout=subprocess.PIPE, text=True).stdout
        at = re.search(r"^([0-9a-f]{8}) T MmIsAddressValid$", nm, re.M).group(1)
        check(boolean(m.command("call 0x%s 0x80100000" % at)) == 1, "an address", m)
        out = m.command("call NoSuchRoutine 1")
        check(out == "error: call: 'NoSuchRoutine': no export of ntoskrnl.exe or HAL.dll, and not an address\n", out, m)
        out = m.command("call MmIsAddressValid 1 2 3 4 5")
        check(out.startswith("error: usage: call <routine|addr>"), out, m)
