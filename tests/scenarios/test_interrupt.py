"""Ctrl-C stops a long-running command (watch), and what was typed before it does not run."""
import re

from qemu import Machine, check


def test_ctrl_c_stops_watch_and_drops_what_was_typed_ahead():
    with Machine() as m:
        m.wait_prompt()
        m.send("watch 50 uptime\r")
        m.expect("run 3 of 'uptime' every 50 ms")
        m.send("tag JUNK\r\x03")
        m.expect(r"watch: interrupted after \d+ runs\r\npagoda> ")
        after = len(m.output)
        check("ticks=" in m.command("uptime"), "no uptime after the interrupt")
        text = m.text(after)
        check(text.startswith("uptime\r\n") and text.count("pagoda> ") == 1,
              "the typed-ahead line or the Ctrl-C reached the next prompt:\n%r" % m.text(after - 200))
        check("JUNK" not in m.text(), "the line typed before Ctrl-C ran")


def test_ctrl_c_interrupts_a_long_wait_at_once():
    with Machine() as m:
        m.wait_prompt()
        m.send("watch 3600000 uptime\r")
        m.expect("ticks=")
        m.send("\x03")
        m.expect(r"watch: interrupted after 1 runs\r\npagoda> ", timeout=3)


def test_nested_watch_stops_on_one_ctrl_c():
    with Machine() as m:
        m.wait_prompt()
        m.send("watch 100 watch 20 uptime\r")
        m.expect("run 2 of 'uptime'")
        m.send("\x03")
        m.expect(r"interrupted after \d+ runs\r\nwatch: interrupted after 1 runs\r\npagoda> ")


def test_watch_stops_when_its_command_fails():
    with Machine() as m:
        m.wait_prompt()
        out = m.command("watch 10 nosuch thing")
        check(out == "watch: run 1 of 'nosuch thing' every 10 ms (Ctrl-C stops)\n"
                     "error: unknown command 'nosuch' (type 'help' for the list)\n", repr(out))
        out = m.command("watch 10")
        check(re.match(r"^error: usage: watch <ms> <command \.\.\.>", out), repr(out))


def test_memtest_shows_progress_and_ctrl_c_stops_it_and_frees_the_memory():
    with Machine(append="mem=16 pagefile=96") as m:
        m.wait_prompt()
        # The pool's first use commits its own reserve and tables: measure after one.
        check("memtest: PASS" in m.command("memtest 1"), "memtest 1 failed", m)
        commit_before = re.search(r"commit=(\d+)", m.command("mem")).group(1)
        start = len(m.output)
        m.send_line("memtest 64")
        m.expect(r"memtest: written 16 of 64 MiB", timeout=120)  # a progress line, a quarter in
        m.send("\x03")
        m.expect(r"memtest: interrupted; the memory is freed", timeout=60)
        m.wait_prompt()
        text = m.text(start)
        check("memtest: PASS" not in text and "written 64 of 64" not in text, "memtest ran to the end", m)
        check(re.search(r"commit=(\d+)", m.command("mem")).group(1) == commit_before, "memtest leaked commit", m)
        row = [line.split() for line in m.command("poolmon").splitlines() if line.startswith("Memt")]
        check(len(row) == 1 and row[0][2:5] == ["2", "2", "0"], "poolmon row for Memt: %s" % row, m)
