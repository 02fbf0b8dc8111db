"""Ctrl-C that could not arrive: at an IRQL where COM1's interrupt is masked (refused), behind more than
8 KiB typed ahead (the serial driver reads on to find it), and in poolbench."""
import re
import time

from qemu import Machine, check


def booted(append="", timeout=30, memory=128):
    m = Machine(append=append, timeout=timeout, memory=memory)
    m.wait_prompt()
    return m


def test_long_commands_are_refused_where_ctrl_c_cannot_arrive():
    """At COM1's DIRQL (23) and above its interrupt is masked: watch would run forever. Refused with one
    error line; just below, Ctrl-C still stops it."""
    with booted() as m:
        for line in ("at 23 watch 10 uptime", "at HIGH_LEVEL watch 10 uptime", "at 23 memtest 1",
                     "at 23 poolbench 200000", "at 23 stress 1"):
            out = m.command(line, timeout=10)
            check(out.startswith("error: ") and out.count("\n") == 1, "%s:\n%s" % (line, out), m)
        m.send_line("at 22 watch 10 uptime")
        m.expect("run 3 of 'uptime'")
        m.send("\x03")
        m.expect(r"watch: interrupted after \d+ runs\r\npagoda> ", timeout=5)


def _stops_behind_typed_ahead(line, running, stopped, append="", memory=128):
    with booted(append, memory=memory) as m:
        m.send_line(line)
        m.expect(running, timeout=60)
        m.send("x" * 10000 + "\x03")
        m.expect(stopped, timeout=60)
        m.wait_prompt()
        after = len(m.output)
        out = m.command("uptime")
        check(out.startswith("ticks="), "after the Ctrl-C: %r" % out, m)
        check("pagoda> " not in m.text(after)[:-len("pagoda> ")] and "error" not in m.text(after),
              "typed-ahead bytes reached the prompt:\n%r" % m.text(after), m)


def test_ctrl_c_behind_10_kib_typed_ahead_stops_watch():
    _stops_behind_typed_ahead("watch 100 uptime", "run 2 of", r"watch: interrupted after \d+ runs\r\n")


def test_ctrl_c_behind_10_kib_typed_ahead_stops_memtest():
    """A memtest long enough (paging 256 MiB through 16) that it cannot end before the 10 KiB have gone
    through the UART on a loaded machine: 64 MiB sometimes did."""
    _stops_behind_typed_ahead("memtest 256", "memtest: written 64 of", "memtest: interrupted",
                              append="mem=16 pagefile=320", memory=512)


def test_typed_ahead_input_beyond_8_kib_is_kept_for_a_short_command():
    """Without a command that stops on Ctrl-C the UART holds the sender off: nothing is dropped."""
    with booted() as m:
        m.send("tag Qrst\r" * 1200 + "tag Wxyz\r")  # 10.8 KiB
        m.expect(r"tag \"Wxyz\"", timeout=120)
        m.wait_prompt()
        check(m.text().count('tag "Qrst"') == 1200, "lost input: %d of 1200" % m.text().count('tag "Qrst"'), m)


def test_ctrl_c_stops_poolbench():
    with booted() as m:
        m.send_line("poolbench 10000000")
        time.sleep(1)
        m.send("\x03")
        m.expect(r"poolbench: interrupted after \d+ pairs", timeout=10)
        m.wait_prompt()
        out = m.command("poolmon")
        row = re.search(r"Bnch Nonp +(\d+) +(\d+) +0 +0 ", out)
        check(row is not None, "poolbench left blocks behind:\n" + out, m)
