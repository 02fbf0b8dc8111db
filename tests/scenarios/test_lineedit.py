"""The console's line editor through a real UART: editing keys, VT100 sequences, history, TAB, and the
VGA mirror of it all. The shell's `unknown command '<word>'` shows exactly which line the editor made."""
import re

from qemu import Machine, check

LEFT, RIGHT, UP, DOWN = "\x1b[D", "\x1b[C", "\x1b[A", "\x1b[B"


def booted(**kw):
    m = Machine(**kw)
    m.wait_prompt()
    return m


def keys(m, typed):
    """Types raw keys and Enter; returns everything the console printed until the next prompt."""
    start = len(m.output)
    m.send(typed + "\r")
    m.pos = max(m.pos, start)
    m.wait_prompt()
    return m.text(start)[:-len("pagoda> ")]


def line_made_by(m, typed):
    """The line the editor made of the keys, as the unknown-command error quotes its first word."""
    out = keys(m, typed)
    found = re.search(r"unknown command '([^']*)'", out)
    check(found is not None, "no unknown-command error for %r:\n%r" % (typed, out))
    return found.group(1)


def test_arrows_move_and_typing_inserts_mid_line():
    with booted() as m:
        check(line_made_by(m, "ac" + LEFT + "b") == "abc", "CSI left")
        check(line_made_by(m, "ac\x1bODb") == "abc", "SS3 left")
        check(line_made_by(m, "ab" + LEFT + LEFT + RIGHT + "X") == "aXb", "right")
        check(line_made_by(m, "ab\x1bOD\x1bOCX") == "abX", "SS3 right")
        check(line_made_by(m, "xy" + RIGHT + RIGHT + "z") == "xyz", "right at the end moves nowhere")
        out = keys(m, "mm" + LEFT + "e")
        check("frames_total=" in out, "mid-line insert did not make 'mem':\n" + out)
        check(out.startswith("mm\bem\b\r\n"), "echo of a mid-line insert: %r" % out)


def test_home_and_end_keys_and_ctrl_a_ctrl_e():
    with booted() as m:
        for home in ("\x01", "\x1b[H", "\x1bOH", "\x1b[1~", "\x1b[7~"):
            check(line_made_by(m, "bc" + home + "a") == "abc", "home key %r" % home)
        for end in ("\x05", "\x1b[F", "\x1bOF", "\x1b[4~", "\x1b[8~"):
            check(line_made_by(m, "ab\x01" + end + "c") == "abc", "end key %r" % end)


def test_backspace_delete_and_ctrl_u_erase():
    with booted() as m:
        check(line_made_by(m, "abxc" + LEFT + "\x7f") == "abc", "DEL mid-line")
        check(line_made_by(m, "abxc" + LEFT + "\b") == "abc", "backspace mid-line")
        check(line_made_by(m, "abxc" + LEFT + LEFT + "\x1b[3~") == "abc", "Delete key")
        check(line_made_by(m, "garbage\x15zz") == "zz", "Ctrl-U at the end kills the line")
        check(line_made_by(m, "xxab\x01" + RIGHT + RIGHT + "\x15") == "ab", "Ctrl-U kills before the cursor")


def test_ctrl_c_abandons_the_line():
    with booted() as m:
        m.send("poweroff\x03")
        m.expect(re.escape("poweroff^C\r\npagoda> "))
        check(m.proc.poll() is None, "the abandoned poweroff ran")
        check("ticks=" in m.command("uptime"), "the shell did not go on after Ctrl-C")


def test_ctrl_l_clears_the_screen_and_redraws_on_serial_and_vga():
    with booted(monitor=True) as m:
        m.command("uptime")
        m.send("abc" + LEFT + "\x0c")
        m.expect(re.escape("\x1b[H\x1b[2Jpagoda> abc\b"))
        rows, _ = m.vga_screen()
        check(rows[0].rstrip() == "pagoda> abc" and not "".join(rows[1:]).strip(),
              "VGA after Ctrl-L: %r" % rows[:3])
        check(line_made_by(m, "d") == "abdc", "the line after Ctrl-L")


def test_unknown_sequences_are_swallowed_whole_and_never_echoed():
    with booted(monitor=True) as m:
        junk = ["\x1b[?25h", "\x1b[200~", "\x1b[12;34R", "\x1bx", "\x1b[1;5P", "\x1bOP", "\x1b[99999999~",
                "\x1b[ q", "\x1b\x1b[Z"]
        out = keys(m, "ab" + "".join(junk) + "c")
        check(out.startswith("abc\r\nerror: unknown command 'abc'"), "junk was echoed or typed: %r" % out)
        m.send("vg" + "".join(junk) + LEFT + "X")
        m.expect(re.escape("vg\bXg\b"))
        rows, _ = m.vga_screen()
        check(any(row.rstrip() == "pagoda> vXg" for row in rows), "VGA line: %r" % rows)
        check(not any("[" in row for row in rows), "a sequence shows on VGA: %r" % rows)


def test_up_and_down_recall_the_history():
    with booted() as m:
        m.command("uptime")
        m.command("tag Test")
        check("ticks=" in keys(m, UP + UP), "up twice did not recall uptime")
        check('"Test"' in keys(m, UP + UP + UP + DOWN), "up three, down one did not recall tag Test")
        check(line_made_by(m, "zz" + UP + DOWN) == "zz", "down did not bring back the typed line")
        check('"Test"' in keys(m, "\x1bOA\x1bOA"), "SS3 up")


def test_history_lists_the_last_lines_in_a_fixed_ring():
    with booted() as m:
        for i in range(20):
            m.command("tag T%d" % i)
        out = m.command("history").splitlines()
        check(len(out) == 16, "history kept %d lines, not 16:\n%s" % (len(out), "\n".join(out)))
        check(re.match(r"^\s+6  tag T5$", out[0]) and re.match(r"^\s+21  history$", out[-1]),
              "history numbering:\n" + "\n".join(out))


def test_tab_completes_commands_and_lists_choices_on_a_second_tab():
    with booted() as m:
        check("ticks=" in keys(m, "upt\t"), "TAB did not complete uptime")
        check("usage: uptime" in keys(m, "help upt\t"), "TAB did not complete help's argument")
        m.send("h\t\t")
        m.expect(r"\r\nhelp +history +\r\npagoda> h")
        check(line_made_by(m, "\x15nosuch\t") == "nosuch", "TAB on no match changed the line")
        m.send("help \t\t")
        listed = m.expect(r"\r\n((?:[a-z]+ +(?:\r\n)?)+)\r\npagoda> help ").group(1).decode()
        check(set(listed.split()) >= {"help", "history", "watch", "mem", "tag", "poweroff"},
              "help TAB TAB did not list the commands: %r" % listed)
        keys(m, "\x03")
