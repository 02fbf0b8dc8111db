"""Booting: the command line, mem=, the GRUB ISO, in-kernel test selection."""
import re

from qemu import Machine, EXIT_POWEROFF, EXIT_TEST_FAILED, check


def test_cmdline_warnings_and_errors_are_reported_and_boot_goes_on():
    with Machine(append="frob=1 mem=lots onbugcheck=sometimes") as m:
        m.wait_prompt()
        text = m.text()
        check("warning: unknown option 'frob=1' ignored" in text, text)
        check("error: bad value 'lots' for mem=" in text, text)
        check("error: bad value 'sometimes' for onbugcheck=" in text, text)


def test_mem_caps_the_frames():
    with Machine(append="mem=16") as m:
        m.wait_prompt()
        out = m.command("mem")
        total = int(re.search(r"frames_total=(\d+)", out).group(1))
        check(total == 16 * 256, "mem=16 gave frames_total=%d" % total)
    with Machine(append="", memory=64) as m:
        m.wait_prompt()
        out = m.command("mem")
        total = int(re.search(r"frames_total=(\d+)", out).group(1))
        check(3000 < total < 64 * 256, "64 MiB machine gave frames_total=%d" % total)


def test_boot_leaves_the_policys_tables_as_small_at_3584_mib_as_at_64():
    """Boot takes no per-frame cost for the replacement policy's tables: they are mapped as the working
    set grows, not for the limit (3/4 of memory), so the pages mapped at the prompt are the same few."""
    mapped = {}
    for mib in (64, 3584):
        with Machine(append="", memory=mib, timeout=60) as m:
            m.wait_prompt()
            out = m.command("mem")
            mapped[mib] = int(re.search(r"ws_storage=(\d+)", out).group(1))
            limit = int(re.search(r"ws_limit=(\d+)", out).group(1))
            check(limit > 100 * mapped[mib], "ws_limit=%d, ws_storage=%d" % (limit, mapped[mib]), m)
    # The same few, not the same number: the first step of handles is a page of keys and 4 KiB of each
    # link table and 1 KiB of state bytes, which start where the capacity (so the kernel's size and the
    # RAM) puts them and may cross a page boundary: 4 to 7 pages.
    check(all(4 <= n <= 7 for n in mapped.values()), "ws_storage at -m 64, 3584: %s" % mapped)


def test_iso_boots_through_grub_to_the_prompt():
    with Machine(iso=True, timeout=60) as m:
        m.wait_prompt()
        check("frames_total=" in m.command("mem"), "mem failed on the ISO boot")
        m.send_line("poweroff")
        check(m.wait_exit() == EXIT_POWEROFF, "poweroff from the ISO boot", m)


def test_ktest_with_an_unknown_suite_fails():
    with Machine(append="ktest=nosuchsuite") as m:
        status = m.wait_exit()
        check(status == EXIT_TEST_FAILED, "status %s" % status, m)
        check("no test suite named 'nosuchsuite'" in m.text(), m.text())
