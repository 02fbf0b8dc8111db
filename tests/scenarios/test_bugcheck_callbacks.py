"""Bugcheck callbacks from a real driver image (tests/drivers/bugcb.c): after the STOP text each record
runs once, newest first, at HIGH_LEVEL with interrupts off; one that faults is passed over and the STOP
goes on; a secondary-dump callback's bytes are printed, a dump-I/O one never runs; records removed at
unload are not called; an image unloaded with a record registered is 0xCE (bugcbleft)."""
import re

from qemu import Machine, check, driver_image


def test_callbacks_run_after_the_stop_text_newest_first_and_a_fault_is_passed_over():
    with Machine(drivers=[driver_image("bugcb")], append="onbugcheck=exit", timeout=30) as m:
        m.wait_prompt()
        m.command("load bugcb")
        check(m.command("unload bugcb").strip() == "bugcb unloaded", m.text()[-300:], m)
        m.command("load bugcb")  # the first image's records were removed: none of them is called
        m.send_line("bugcheck 0xE2 1 2 3 4")
        stop = m.wait_stop()
        check(stop == (0xE2, 1, 2, 3, 4), str(stop), m)
        check(m.wait_exit() == 37, "exit status", m)
        text = m.text()
        after = text[text.index("*** STOP: 0x000000E2"):]
        late = after.find("bugcb: late 'late buffer' length 12 state 2 irql 31 if 0")
        faulty = re.search(r"bugcheck callback of bugcb faulty at [0-9A-F]{8} stopped with 0x000000(50|0A|D1) "
                           r"\(0x00000000,[^)]*\); passed over", after)
        early = after.find("bugcb: early length 7, late state 3, faulty state 4, early state 2")
        check(late >= 0 and faulty and early >= 0, after, m)
        check(late < faulty.start() < early, "order: " + after, m)
        check("bugcb: faulty went on" not in after and "dump io" not in after, after, m)
        check(after.count("bugcb: late") == 1 and after.count("bugcb: early") == 1, "each once: " + after, m)
        secondary = after.find("bugcb: secondary reason 2 state 2 length %d max 256" % 36)
        data = after.find("secondary dump data of bugcb secondary {12345678-9ABC-DEF0-0102-030405060708}, 5 bytes:"
                          "\r\n  62 75 67 63 62\r\n")
        check(early < secondary < data, after, m)
        check(after.index("onbugcheck=exit") > data, "callbacks before the action: " + after, m)


def test_unloading_an_image_with_a_callback_registered_is_0xce():
    with Machine(drivers=[driver_image("bugcbleft")], append="onbugcheck=exit", timeout=30) as m:
        m.wait_prompt()
        out = m.command("load bugcbleft")
        early = int(re.search(r"^bugcb: routines ([0-9A-F]{8}) [0-9A-F]{8}$", out, re.M).group(1), 16)
        m.send_line("unload bugcbleft")
        stop = m.wait_stop()
        check(stop == (0xCE, early, 8, early, 0), str([hex(x) for x in stop]), m)
        check(m.wait_exit() == 37, "exit status", m)
