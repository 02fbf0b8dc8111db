"""IRQL from the console: irql, at, verifier, the IRQL bugchecks, and the bench boot option."""
import re

from qemu import Machine, EXIT_POWEROFF, check, stop_after


def test_irql_and_at_show_the_level():
    with Machine() as m:
        m.wait_prompt()
        check(m.command("irql") == "0 (PASSIVE_LEVEL)\n", "irql at the prompt", m)
        for level, shown in (("DISPATCH_LEVEL", "2 (DISPATCH_LEVEL)"), ("1", "1 (APC_LEVEL)"),
                             ("23", "23 (DEVICE_LEVEL)"), ("CLOCK2_LEVEL", "28 (CLOCK2_LEVEL)"),
                             ("31", "31 (HIGH_LEVEL)")):
            out = m.command("at %s irql" % level)
            check(out == shown + "\n", "at %s irql: %r" % (level, out))
        check(m.command("at 2 at HIGH_LEVEL irql") == "31 (HIGH_LEVEL)\n", "nested at")
        check(m.command("irql") == "0 (PASSIVE_LEVEL)\n", "at did not lower back", m)
        check("ticks=" in m.command("at HIGH_LEVEL uptime"), "a command with its own output at HIGH_LEVEL")
        names = [line.split()[0] for line in m.command("help").splitlines() if line.strip()]
        check({"irql", "at", "verifier"} <= set(names), "help lists %s" % names)


def test_at_refuses_bad_levels_and_lowering():
    with Machine() as m:
        m.wait_prompt()
        for line in ("at 32 irql", "at LOUD_LEVEL irql", "at -1 irql", "at 2", "at"):
            out = m.command(line)
            check(out.startswith("error: ") and out.count("\n") == 1, "%s: %r" % (line, out))
        out = m.command("at DISPATCH_LEVEL at APC_LEVEL irql")
        check(out == "error: at: APC_LEVEL is below the current IRQL DISPATCH_LEVEL\n", repr(out))
        out = m.command("at 2 nosuch")
        check(out.startswith("error: unknown command 'nosuch'"), repr(out))
        check(m.command("irql") == "0 (PASSIVE_LEVEL)\n", "IRQL after the errors", m)


def test_verifier_switches_irql_checking():
    with Machine() as m:
        m.wait_prompt()
        check(m.command("verifier").startswith("irql checking: off\n"), "default", m)
        check(m.command("verifier irql on").startswith("irql checking: on\n"), "on", m)
        check(m.command("at DISPATCH_LEVEL irql") == "2 (DISPATCH_LEVEL)\n", "raise with checking on", m)
        # A legal raise from above DISPATCH_LEVEL: nothing to trim there, and no lock to take.
        check(m.command("at 23 at 28 irql") == "28 (CLOCK2_LEVEL)\n", "raise from a device level", m)
        check(m.command("verifier").startswith("irql checking: on\n"), "stays on", m)
        check(m.command("verifier irql off").startswith("irql checking: off\n"), "off", m)
        check(m.command("verifier irql maybe").startswith("error: usage: verifier"), "bad switch", m)


def in_kernel_text(address):
    return 0x80100000 <= address < 0x81000000


def test_raising_to_a_lower_level_is_0x09_with_levels_and_caller():
    stop, text = stop_after("crash irql-raise")
    check(stop[:4] == (0x09, 0, 2, 0) and in_kernel_text(stop[4]),
          "p1 requested PASSIVE, p2 current DISPATCH, p4 the call: %s" % [hex(x) for x in stop])
    check("IRQL_NOT_GREATER_OR_EQUAL" in text, text)


def test_lowering_to_a_higher_level_is_0x0a_with_levels_and_caller():
    stop, text = stop_after("crash irql-lower")
    check(stop[:4] == (0x0A, 2, 0, 0) and in_kernel_text(stop[4]),
          "p1 requested DISPATCH, p2 current PASSIVE, p4 the call: %s" % [hex(x) for x in stop])
    check("IRQL_NOT_LESS_OR_EQUAL" in text and re.search(r"eip=0x%08x" % stop[4], text), text)


def test_taking_a_held_spinlock_is_0x0f():
    stop, text = stop_after("crash spinlock")
    check(stop[0] == 0x0F and in_kernel_text(stop[1]) and stop[2] == 2,
          "p1 the lock, p2 the IRQL: %s" % [hex(x) for x in stop])
    check("SPIN_LOCK_ALREADY_OWNED" in text, text)


def test_releasing_a_free_spinlock_is_0x10():
    stop, text = stop_after("crash spinlock-release")
    check(stop[0] == 0x10 and in_kernel_text(stop[1]) and stop[2] == 0,
          "p1 the lock, p2 the IRQL: %s" % [hex(x) for x in stop])
    check("SPIN_LOCK_NOT_OWNED" in text, text)


def test_bench_boot_option_reports_and_powers_off():
    with Machine(append="bench=irql") as m:
        status = m.wait_exit()
        check(status == EXIT_POWEROFF, "status %s" % status, m)
        check(re.search(r"bench: irql raise\+lower: \d+\.\d\d instr; pushf/cli/popf: \d+\.\d\d instr; "
                        r"ratio \d+\.\d\d \(the design: five with both checks, so bugcheck 0x09 stays\)", m.text()), m.text())
    with Machine(append="bench=nosuch") as m:
        status = m.wait_exit()
        check(status != EXIT_POWEROFF and "no benchmark named 'nosuch'" in m.text(), m.text())


def test_irql_checker_turns_a_lucky_touch_of_paged_memory_at_dispatch_into_0x0a():
    """Without the checker, paged memory that happens to be resident reads fine at DISPATCH_LEVEL (the bug
    hides); with it, the raise first trims every pageable page, so the same touch is STOP 0x0A."""
    with Machine(append="onbugcheck=exit") as m:
        m.wait_prompt()
        va = m.command("valloc 1").strip()
        check(re.fullmatch(r"0x[0-9a-f]{8}", va) is not None, "valloc gave %r" % va)
        m.command("poke %s 0x5a5a" % va)
        out = m.command("at DISPATCH_LEVEL peek %s" % va)
        check(out.strip() == "0x00005a5a", "lucky touch without the checker: %r" % out)
        check("irql checking: on" in m.command("verifier irql on"), "verifier did not switch on", m)
        m.send_line("at DISPATCH_LEVEL peek %s" % va)
        stop = m.wait_stop()
        check(stop[:3] == (0x0A, int(va, 16), 2), "STOP %s" % [hex(x) for x in stop])
        check(m.wait_exit() == 37, "exit status after the STOP", m)


def test_statistics_read_at_any_irql():
    # mem and poolmon read under the kernel's spinlocks below DISPATCH_LEVEL and take none above it
    # (no DPC runs there, and a spinlock may not be taken): at HIGH_LEVEL they still answer.
    with Machine() as m:
        m.wait_prompt()
        passive = m.command("mem")
        check(m.command("at HIGH_LEVEL mem") == passive, passive, m)
        check(m.command("at 5 poolmon").startswith("Tag  Type"), "poolmon at DIRQL", m)
        check(m.command("irql") == "0 (PASSIVE_LEVEL)\n", "IRQL not restored", m)
