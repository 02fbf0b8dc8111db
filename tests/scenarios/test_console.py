"""The shell of CONTRACT.md: prompt, help, errors, line endings, robustness, poweroff."""
import random

from qemu import Machine, EXIT_POWEROFF, check


def booted(append=""):
    m = Machine(append=append)
    m.wait_prompt()
    return m


def test_help_lists_every_command_with_a_description():
    with booted() as m:
        out = m.command("help")
        names = [line.split()[0] for line in out.splitlines() if line.strip()]
        for cmd in ("help", "mem", "uptime", "crash", "bugcheck", "poweroff"):
            check(cmd in names, "help does not list %s:\n%s" % (cmd, out))
        check(all(len(line.split()) >= 2 for line in out.splitlines() if line.strip()),
              "a help line without a description:\n" + out)
        out = m.command("help mem")
        check("usage: mem" in out, "help mem:\n" + out)
        out = m.command("help nosuch")
        check(out.startswith("error: "), "help nosuch:\n" + out)


def test_unknown_and_empty_lines():
    with booted() as m:
        out = m.command("frobnicate now")
        check(out == "error: unknown command 'frobnicate' (type 'help' for the list)\n", repr(out))
        check(m.command("") == "", "empty line printed something")
        check(m.command("      ") == "", "blank line printed something")


def test_cr_lf_and_crlf_line_endings():
    with booted() as m:
        for end in ("\r", "\n", "\r\n"):
            start = len(m.output)
            m.send_line("uptime", end=end)
            m.wait_prompt()
            text = m.text(start)
            check(text.count("ticks=") == 1 and text.count("pagoda> ") == 1,
                  "ending %r gave:\n%s" % (end, text))


def test_backspace_and_delete_erase():
    with booted() as m:
        out = m.command("memx\x08\x7fm")  # "memx", erase x and m, type m again: "mem"
        check("frames_total=" in out, "backspace/DEL editing failed:\n" + repr(out))


def test_overlong_line_is_one_error_and_the_shell_goes_on():
    with booted() as m:
        out = m.command("x" * 5000)
        check(out.count("error: ") == 1 and "too long" in out, "overlong line:\n" + out[-300:])
        check("frames_total=" in m.command("mem"), "shell did not answer after an overlong line")


def test_too_many_words():
    with booted() as m:
        out = m.command(" ".join(["mem"] * 40))
        check(out.startswith("error: too many words"), out)


def test_wrong_argument_counts_are_usage_errors():
    with booted() as m:
        for line in ("mem extra", "poweroff now", "uptime 1", "crash", "bugcheck"):
            out = m.command(line)
            check(out.startswith("error: usage: "), "%s:\n%s" % (line, out))


def test_garbage_bytes_never_stop_the_shell():
    rng = random.Random(1234)
    with booted() as m:
        m.send(bytes(range(256)))
        # No TAB: with lowercase letters around, completion could turn a random "p" into poweroff.
        m.send(bytes(b for b in (rng.randrange(256) for _ in range(20000)) if b != 0x09))
        m.sync(timeout=120)
        # Whatever the garbage did, a fresh line still works.
        out = m.command("help")
        check("poweroff" in out, "no help after garbage:\n" + out[-500:])
        check("STOP" not in m.text(), "garbage caused a bugcheck")


def test_poweroff_exits_qemu_with_33():
    with booted() as m:
        m.send_line("poweroff")
        status = m.wait_exit()
        check(status == EXIT_POWEROFF, "poweroff exit status %s" % status, m)


def test_uptime_counts_clock_ticks():
    with booted() as m:
        first = int(m.command("uptime").split()[0].split("=")[1])
        import time
        time.sleep(0.5)
        second = int(m.command("uptime").split()[0].split("=")[1])
        check(second > first, "ticks did not advance: %d -> %d" % (first, second))


def test_typed_ahead_input_is_not_lost_while_the_shell_prints():
    with booted() as m:
        m.send("help\r" * 40 + "uptime\r")
        m.expect("ticks=", timeout=60)
        text = m.text()
        check(text.count("poweroff   leave QEMU") == 40, "lost input: %d of 40 help outputs"
              % text.count("poweroff   leave QEMU"))
