"""Kernel threads from a real driver image (tests/drivers/spinthread.c and its twins): a thread that never
waits does not stop the console, `threads` lists each thread with its driver image, and the documented
bugchecks for an image unloaded under a running thread and for a thread that ends owning a mutex."""
import re

from qemu import Machine, check, driver_image


def thread_rows(m):
    """`threads` as {id: (state, priority, switches, start, image)}."""
    out = m.command("threads")
    rows = re.findall(r"^ *(\d+) (\w+) +(\d+) +(\d+)  (0x[0-9a-f]{8}|-) +(.+?)\s*$", out, re.M)
    check(out.split("\n", 1)[0].split() == ["Id", "State", "Pri", "Switches", "Start", "Image"], out, m)
    return {int(r[0]): (r[1], int(r[2]), int(r[3]), r[4], r[5]) for r in rows}


def poolmon_diff(m, tag):
    row = re.search(r"^%s Nonp +\d+ +\d+ +(\d+)" % tag, m.command("poolmon"), re.M)
    return int(row.group(1)) if row else 0


def test_a_driver_thread_that_never_waits_leaves_the_console_responsive():
    with Machine(drivers=[driver_image("spinthread")], timeout=30) as m:
        m.wait_prompt()
        check(m.command("load spinthread").startswith("spinthread loaded at"), m.text()[-300:], m)
        before = thread_rows(m)
        mine = {i: r for i, r in before.items() if r[4] == "spinthread"}
        check(len(mine) == 2 and before[8][4] == "kernel (console)" and before[8][0] == "running", str(before), m)
        check(all(r[1] == 8 and r[0] in ("ready", "running", "waiting") for r in mine.values()), str(before), m)
        for _ in range(5):  # the console answers at once while the spinner spins
            check(re.match(r"ticks=\d+", m.command("uptime", timeout=5)), "uptime", m)
        after = thread_rows(m)
        check(all(after[i][2] > before[i][2] for i in mine), "the threads ran:\n%s\n%s" % (before, after), m)
        out = m.command("unload spinthread")
        check(re.search(r"^spinthread: stopped after \d+ wakeups$", out, re.M) and "spinthread unloaded" in out, out, m)
        check(list(thread_rows(m)) == [8], "only the console's thread is left", m)
        check(poolmon_diff(m, "Thre") == 0, "thread objects freed", m)


def test_unloading_an_image_whose_thread_still_runs_is_0xce():
    with Machine(drivers=[driver_image("spinleft")], append="onbugcheck=exit") as m:
        m.wait_prompt()
        out = m.command("load spinleft")
        base = int(re.search(r"^spinleft loaded at (0x[0-9a-f]{8})$", out, re.M).group(1), 16)
        starts = sorted(int(r[3], 16) for r in thread_rows(m).values() if r[4] == "spinleft")
        m.send_line("unload spinleft")
        stop = m.wait_stop()
        check(stop[0] == 0xCE and stop[1] in starts and base <= stop[1] and stop[2] == 0, str([hex(x) for x in stop]), m)
        check(m.wait_exit() == 37, "exit status", m)
        check("DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS" in m.text(), "name", m)


def check_load_stops(name, code_name, expected):
    """Loads the image, whose thread breaks a rule as it ends: the STOP's code and parameters satisfy
    expected, it is named, and QEMU exits with the bugcheck's status."""
    with Machine(drivers=[driver_image(name)], append="onbugcheck=exit") as m:
        m.wait_prompt()
        m.send_line("load " + name)
        stop = m.wait_stop()
        check(expected(stop), str([hex(x) for x in stop]), m)
        check(m.wait_exit() == 37, "exit status", m)
        check(code_name in m.text(), "name", m)


def test_a_thread_that_ends_owning_a_mutex_is_0x4000008a():
    check_load_stops("heldmutex", "THREAD_TERMINATE_HELD_MUTEX",
                     lambda stop: stop[0] == 0x4000008A and stop[1] != 0 and stop[2] != 0)


def test_a_thread_that_ends_at_dispatch_level_is_0x20():
    check_load_stops("exitraised", "KERNEL_APC_PENDING_DURING_EXIT", lambda stop: stop == (0x20, 0, 0, 2, 0))
