"""Driver Verifier and the driver model from the console: special pool (0xCD, 0xCC, 0xC1), pool
tracking (0xC4/0x62 with the leak list), low-resources simulation, drivers/load/unload."""
import re

from qemu import Machine, EXIT_BUGCHECK, check
from test_drivers import row_of


def alloc(m, line):
    out = m.command(line).strip()
    check(re.fullmatch(r"0x[0-9a-f]{8}", out), "%s printed %r" % (line, out), m)
    return int(out, 16)


def stop_after(lines):
    """Boots, runs lines (a callable gets the addresses the alloc lines printed), and returns the
    STOP that the last one causes, with the console text."""
    with Machine(append="onbugcheck=exit") as m:
        m.wait_prompt()
        addrs = []
        for line in lines[:-1]:
            if line.startswith("alloc"):
                addrs.append(alloc(m, line))
            else:
                m.command(line)
        last = lines[-1]
        m.send_line(last(*addrs) if callable(last) else last)
        stop = m.wait_stop()
        check(m.wait_exit() == EXIT_BUGCHECK, "no bugcheck exit", m)
        return stop, addrs, m.text()


def test_special_pool_overrun_is_0xcd_at_once():
    # 36 bytes: the block starts 40 bytes before the page end (8-byte aligned); 40 bytes on is the guard.
    stop, (a,), text = stop_after(["verifier special Spcl", "alloc NonPagedPool 36 Spcl", lambda a: "poke %#x 1" % (a + 40)])
    check(a % 4096 == 4096 - 40, "block at %#x" % a)
    check(stop[:4] == (0xCD, a + 40, 1, stop[3]) and stop[3] >= 0x80100000 and "PAGE_FAULT_BEYOND_END_OF_ALLOCATION" in text,
          str([hex(x) for x in stop]))


def test_special_pool_use_after_free_is_0xcc():
    stop, (a,), text = stop_after(["verifier special Spcl", "alloc PagedPool 100 Spcl",
                                   lambda a: "free %#x\rpeek %#x" % (a, a)])
    check(stop[:3] == (0xCC, a, 0) and "PAGE_FAULT_IN_FREED_SPECIAL_POOL" in text, str([hex(x) for x in stop]))


def test_special_pool_slack_written_is_0xc1_on_free():
    # 36 bytes leave 4 bytes of slack before the guard page: poke fills them, free finds the pattern gone.
    stop, (a,), text = stop_after(["verifier special Spcl", "alloc NonPagedPool 36 Spcl",
                                   lambda a: "poke %#x 0\rfree %#x" % (a + 36, a)])
    check(stop == (0xC1, a, a + 36, 0, 0x24) and "SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION" in text,
          str([hex(x) for x in stop]))


def test_special_pool_double_free_is_0xc1_20():
    stop, (a,), _ = stop_after(["verifier special Spcl", "alloc NonPagedPool 64 Spcl", lambda a: "free %#x\rfree %#x" % (a, a)])
    check(stop == (0xC1, a, 0, 0, 0x20), str([hex(x) for x in stop]))


def test_freeing_paged_special_pool_at_dispatch_level_is_c2_09_before_touching_it():
    stop, (a,), _ = stop_after(["verifier special Irql", "alloc PagedPool 16 Irql", lambda a: "at DISPATCH_LEVEL free %#x" % a])
    check(stop == (0xC2, 0x09, 2, 1, a), str([hex(x) for x in stop]))


def test_special_pool_per_tag_and_driver_switches_and_paged_special_pool_pages():
    with Machine() as m:
        m.wait_prompt()
        out = m.command("verifier special Spcl")
        check("special pool tags: Spcl\n" in out, out, m)
        a = alloc(m, "alloc PagedPool 36 Spcl")
        b = alloc(m, "alloc PagedPool 36 Othr")
        check(a >> 24 == 0xF1 and b >> 24 == 0xE1, "%#x %#x" % (a, b), m)
        check(m.command("pte %#x" % (a + 40)).endswith("no-access\n"), "guard page", m)
        m.command("poke %#x 0x1234" % a)
        m.command("trim")  # paged special pool is pageable: out and back
        check("transition" in m.command("pte %#x" % a), "paged special page stayed resident", m)
        check(m.command("peek %#x" % a).strip() == "0x00001234", "paged special page lost its data", m)
        m.command("free %#x" % a)
        check("no-access (freed special pool)" in m.command("pte %#x" % a), "freed page stays no-access", m)
        check("special pool tags: none" in m.command("verifier special Spcl off"), "tag off", m)
        check(alloc(m, "alloc PagedPool 36 Spcl") >> 24 == 0xE1, "still special", m)
        out = m.command("verifier special driver sample")
        check("special pool drivers: sample" in out, out, m)
        m.command("load sample")
        out = m.command("poolmon")  # both of its blocks take a special page each: 4096 bytes
        check(re.search(r"^Smpl Nonp +1 +0 +1 +4096 ", out, re.M) and re.search(r"^Smpl Paged +1 +0 +1 +4096 ", out, re.M),
              out, m)
        m.command("unload sample")
        out = m.command("verifier special off")
        check("special pool drivers: none" in out and "special pool tags: none" in out, out, m)
        for bad in ("verifier special", "verifier special TooLong", "verifier special driver sixteen_letters_",
                    "verifier track sample maybe", "verifier lowres 101", "verifier lowres 0", "verifier bogus"):
            check(m.command(bad).startswith("error: "), bad, m)


def test_leaking_driver_unload_is_0xc4_62_with_the_leak_list():
    stop, _, text = stop_after(["verifier track leaky on", "load leaky", "unload leaky"])
    check(stop[:2] == (0xC4, 0x62) and stop[4] == 2 and "DRIVER_VERIFIER_DETECTED_VIOLATION" in text,
          str([hex(x) for x in stop]))
    leak = text[text.index("unload leaky"):text.index("*** STOP")]
    check("driver leaky leaves 2 allocations (5200 bytes) behind" in leak, leak)
    rows = sorted(l.split()[:3] for l in leak.splitlines() if l.startswith("Leak"))
    check(rows == [["Leak", "Nonp", "200"], ["Leak", "Nonp", "5000"]], leak)


def test_drivers_load_unload_and_tracking_of_the_sample_driver():
    with Machine() as m:
        m.wait_prompt()
        rows = {l.split()[0]: l.split()[1:] for l in m.command("drivers").splitlines()[1:]}
        check(rows["sample"] == rows["leaky"] == ["unloaded", "-", "-", "0", "0"], str(rows), m)
        m.command("verifier track sample on")
        check(re.search(r"\nsample loaded at 0x[0-9a-f]{8}\n$", m.command("load sample")), "load", m)
        check(m.command("load sample").startswith("error: "), "loaded twice", m)
        row = [l.split() for l in m.command("drivers").splitlines() if l.startswith("sample")][0]
        check(row[1] == "loaded" and int(row[4]) == 6 and int(row[5]) > 1024, str(row), m)
        check(m.command("unload sample").endswith("\nsample unloaded\n"), "unload", m)
        row = [l.split() for l in m.command("drivers").splitlines() if l.startswith("sample")][0]
        check(row[1:] == ["unloaded", "-", "-", "0", "0"], str(row), m)
        check(m.command("unload sample").startswith("error: "), "unloaded twice", m)
        check(m.command("load nosuch").startswith("error: "), "no such driver", m)
        # Unloading the leaky driver without tracking: nothing stops, but its blocks stay charged to it
        # (200 and 5000 bytes asked: 224 (the size class of 208) and 8192 block bytes).
        m.command("load leaky")
        check(m.command("unload leaky").endswith("\nleaky unloaded\n"), "untracked leak", m)
        check(row_of(m, "leaky")[1:] == ["unloaded", "-", "-", "2", "8416"], str(row_of(m, "leaky")), m)


def test_low_resources_fails_the_chosen_share_repeatably_but_never_must_succeed():
    with Machine() as m:
        m.wait_prompt()

        def pattern(n=40):
            return [m.command("alloc PagedPool 16 Low").startswith("error: ExAllocatePoolWithTag returned NULL")
                    for _ in range(n)]

        check("low resources: 50%" in m.command("verifier lowres 50 7"), "switch", m)
        first = pattern()
        check(10 <= sum(first) <= 30, "failed %d of 40 at 50%%" % sum(first), m)
        m.command("verifier lowres 50 7")
        check(pattern() == first, "not repeatable", m)
        m.command("verifier lowres 100")
        check(all(pattern(10)), "100% let one through", m)
        check(re.fullmatch(r"0x[0-9a-f]{8}\n", m.command("alloc NonPagedPoolMustSucceed 16 Must")), "must-succeed failed", m)
        m.command("verifier track sample on")
        out = m.command("load sample")
        check(out == "error: load: sample: DriverEntry returned STATUS_INSUFFICIENT_RESOURCES (0xc000009a)\n", out, m)
        check(re.search(r"^sample +failed +- +- +0 +0$", m.command("drivers"), re.M), "after a failed load", m)
        check("low resources: off" in m.command("verifier lowres off"), "off", m)
        check(not any(pattern(10)), "off still fails", m)


def test_pool_and_poolfind_show_special_pool_blocks():
    with Machine() as m:
        m.wait_prompt()
        m.command("verifier special Spcl")
        a = alloc(m, "alloc NonPagedPool 36 Spcl")
        b = alloc(m, "alloc PagedPool 100 Spcl")
        out = m.command("pool %#x" % (a + 4))
        check(out == "Pool page %#010x\n*%#010x size: 36 previous size: 0 (Allocated) Spcl (Special pool)\n"
              % (a & ~0xFFF, a), out, m)
        out = m.command("poolfind Spcl")
        check("%#010x size: 36 (Allocated) Spcl (Nonp, special pool)\n" % a in out
              and "%#010x size: 100 (Allocated) Spcl (Paged, special pool)\n" % b in out
              and out.endswith("2 blocks\n"), out, m)
        m.command("free %#x Spcl" % a)
        out = m.command("poolfind Spcl")
        check(out.endswith("1 blocks\n") and "%#010x" % a not in out, out, m)
        check(m.command("pool %#x" % a).endswith("is in no pool page\n"), "freed block still shown", m)
