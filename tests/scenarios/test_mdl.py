"""Locked pages (tests/drivers/mdllock.c): MmProbeAndLockPages keeps paged pool resident through
`trim` for a DPC that touches it at DISPATCH_LEVEL (its unlocked twin stops with 0xD1), `mem` counts
the locked frames, MmUnlockPages gives them back to paging; unlocking twice is 0x4E (0x07), freeing
memory still locked is 0x4E (0x9A), a verified driver's unlock of an unlocked MDL is 0xC4 (0x7C); a
free of an address MmAllocateContiguousMemory did not hand out is 0xC2 (0x60); MmQuerySystemSize follows
the memory size."""
import re

from qemu import Machine, check, driver_image
from test_pageable import let_ticks_pass, resident, stop_and_exit

MDL_PAGES_LOCKED = 0x2
PFN_LOCKED = 7  # mm/pfn_db.h


def mem(m):
    return dict((k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", m.command("mem")))


def load_printing(m, name, names):
    """Loads a test image; the `Name 8-hex-digits` pairs its DriverEntry printed, each of names there."""
    out = m.command("load %s" % name)
    found = dict((k, int(v, 16)) for k, v in re.findall(r"(\w+) ([0-9A-Fa-f]{8})\b", out))
    check(set(names) <= set(found), out, m)
    return found, out


def load(m, name="mdllock"):
    found, out = load_printing(m, name, ("Buffer", "Unlock", "Stop", "Free"))
    found["frame"] = int(re.search(r"frame ([0-9a-f]+)", out).group(1), 16)
    return found


def stop_after_calls(name, names, routines, setup=()):
    """Boots with the test image name, runs the setup lines, loads it and calls the routines it printed,
    each with 0; the last must stop the machine. Returns the STOP's code and parameters, the addresses
    and the console's text."""
    with Machine(drivers=[driver_image(name)], append="onbugcheck=exit") as m:
        m.wait_prompt()
        for line in setup:
            m.command(line)
        a = load(m, name) if name == "mdllock" else load_printing(m, name, names)[0]
        for r in routines[:-1]:
            m.command("call %#x 0" % a[r])
        m.send_line("call %#x 0" % a[routines[-1]])
        return stop_and_exit(m), a, m.text()


def test_locked_paged_pool_stays_in_through_trim_and_pages_again_once_unlocked():
    with Machine(drivers=[driver_image("mdllock")], append="onbugcheck=exit") as m:
        m.wait_prompt()
        a = load(m)
        locked = mem(m)["frames_locked"]  # the image's pages, and the buffer's three
        let_ticks_pass(m, 3)
        m.command("trim")
        let_ticks_pass(m, 3)  # the DPC has touched all three pages at DISPATCH_LEVEL since
        for p in range(3):
            check(resident(m, a["Buffer"] + p * 4096) == "WV", "page %d not resident after trim" % p, m)
        flags = int(m.command("call %#x 0" % a["Unlock"]), 16)
        check(not flags & MDL_PAGES_LOCKED, "MDL_PAGES_LOCKED after MmUnlockPages: %#x" % flags, m)
        check(mem(m)["frames_locked"] == locked - 3, m.command("mem"), m)
        m.command("call %#x 0" % a["Stop"])
        m.command("trim")
        check(resident(m, a["Buffer"]) != "WV", "an unlocked page stayed in through trim", m)
        check("mdllock: unloaded" in m.command("unload mdllock"), m.text()[-300:], m)


def test_the_unlocked_twin_stops_with_0xd1_at_the_first_tick_after_trim():
    with Machine(drivers=[driver_image("mdlnolock")], append="onbugcheck=exit") as m:
        m.wait_prompt()
        a = load(m, "mdlnolock")
        let_ticks_pass(m, 3)
        m.send_line("trim")
        stop = stop_and_exit(m)
        check(stop[0] == 0xD1 and stop[1] - a["Buffer"] < 3 * 4096 and stop[2] == 2, str([hex(x) for x in stop]), m)


def test_unlocking_twice_is_pfn_list_corrupt_7():
    stop, a, text = stop_after_calls("mdllock", (), ("Stop", "Unlock", "Unlock"))
    check(stop == (0x4E, 0x07, a["frame"], 0, 0), str([hex(x) for x in stop]))
    check("PFN_LIST_CORRUPT" in text, "no name on the screen")


def test_freeing_memory_still_locked_is_pfn_list_corrupt_9a():
    stop, a, _ = stop_after_calls("mdllock", (), ("Stop", "Free"))
    check(stop[:2] == (0x4E, 0x9A) and stop[3] == PFN_LOCKED and stop[4] == 1, str([hex(x) for x in stop]))


def test_a_verified_driver_unlocking_an_unlocked_mdl_is_0xc4_7c():
    stop, a, _ = stop_after_calls("mdllock", (), ("Stop", "Unlock", "Unlock"), setup=("verifier track mdllock on",))
    check(stop[:2] == (0xC4, 0x7C) and stop[3] & MDL_PAGES_LOCKED == 0, str([hex(x) for x in stop]))


def test_freeing_contiguous_memory_never_allocated_is_bad_pool_caller_60():
    with Machine(append="onbugcheck=exit") as m:
        m.wait_prompt()
        block = int(m.command("call ExAllocatePoolWithTag 0 8192 0x74736554"), 16)
        m.send_line("call MmFreeContiguousMemory %#x" % block)
        stop = stop_and_exit(m)
        check(stop == (0xC2, 0x60, block, 0, 0), str([hex(x) for x in stop]), m)


def test_contiguous_memory_comes_back_whole():
    with Machine(append="mem=16") as m:
        m.wait_prompt()
        alloc = "call MmAllocateContiguousMemory %#x 0xffffffff 0" % (64 * 4096)
        free = mem(m)["frames_free"]
        va = int(m.command(alloc), 16)  # 64 frames, and one for the page table of the system PTEs used
        check(va != 0 and free - 65 <= mem(m)["frames_free"] <= free - 64, "%d -> %s" % (free, m.command("mem")), m)
        m.command("call MmFreeContiguousMemory %#x" % va)
        check(mem(m)["frames_free"] == free, "%d after the free: %s" % (free, m.command("mem")), m)


def test_the_system_size_follows_memory():
    """MmQuerySystemSize: small under 16 MiB, medium under 32 MiB, large from there."""
    for mib, size in ((8, 0), (24, 1), (64, 2)):
        with Machine(append="mem=%d" % mib) as m:
            m.wait_prompt()
            check(int(m.command("call MmQuerySystemSize"), 16) == size, "mem=%d" % mib, m)
