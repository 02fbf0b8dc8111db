"""The STOP screen: KeBugCheckEx's format, the codes for CPU exceptions, onbugcheck=, the VGA copy."""
import time

from qemu import Machine, check, stop_after


def test_bugcheck_screen_format_and_name():
    stop, text = stop_after("bugcheck 0xA 0xE1000000 2 0 0x80104567")
    check(stop == (0xA, 0xE1000000, 2, 0, 0x80104567), str(stop))
    check("*** STOP: 0x0000000A (0xE1000000,0x00000002,0x00000000,0x80104567)\r\nIRQL_NOT_LESS_OR_EQUAL\r\n"
          in text, text)


def test_unknown_code_still_stops():
    stop, text = stop_after("bugcheck 0x12345")
    check(stop == (0x12345, 0, 0, 0, 0) and "(unknown bugcheck code)" in text, text)


def test_null_reference_is_0x50_with_address_0():
    stop, text = stop_after("crash null")
    check(stop[0] == 0x50 and stop[1] == 0 and stop[2] == 0, str(stop))
    check("PAGE_FAULT_IN_NONPAGED_AREA" in text and "eip=0x80" in text, text)


def test_cpu_exceptions_map_to_1e_with_status():
    for kind, status in (("div", 0xC0000094), ("ud", 0xC000001D), ("gp", 0xC0000005), ("int3", 0x80000003)):
        stop, text = stop_after("crash " + kind)
        check(stop[0] == 0x1E and stop[1] == status and stop[2] >= 0x80100000,
              "crash %s gave %s" % (kind, [hex(x) for x in stop]))
        check("KMODE_EXCEPTION_NOT_HANDLED" in text and "eax=" in text, text)


def test_double_fault_is_0x7f_8_through_its_own_task():
    stop, text = stop_after("crash df")
    check(stop[:2] == (0x7F, 8), str(stop))
    check("UNEXPECTED_KERNEL_MODE_TRAP" in text and "esp=0x00001000" in text, text)


def test_bad_arguments_are_errors_not_crashes():
    with Machine(append="onbugcheck=exit") as m:
        m.wait_prompt()
        for line in ("bugcheck zz", "bugcheck 0x100000000", "crash sideways"):
            out = m.command(line)
            check(out.startswith("error: "), "%s:\n%s" % (line, out))


def test_halt_keeps_the_machine_stopped_and_vga_shows_the_screen():
    with Machine(append="", monitor=True) as m:
        m.wait_prompt()
        m.send_line("bugcheck 0xC2 7 0x1234")
        stop = m.wait_stop()
        check(stop[:3] == (0xC2, 7, 0x1234), str(stop))
        m.expect("System halted")
        time.sleep(0.5)
        check(m.proc.poll() is None, "QEMU exited although onbugcheck=halt")
        # The VGA text buffer: characters with the white-on-blue attribute 0x1F.
        rows, attrs = m.vga_screen()
        screen = "".join(rows)
        check("*** STOP: 0x000000C2" in screen, "VGA does not show the STOP line: %r" % screen)
        check(set(attrs) == {0x1F}, "VGA attributes are not white on blue: %r" % set(attrs))


def test_onbugcheck_debug_says_the_stub_is_not_there_yet():
    with Machine(append="onbugcheck=debug") as m:
        m.wait_prompt()
        m.send_line("bugcheck 0xE2")
        m.wait_stop()
        m.expect("onbugcheck=debug")


def test_unmapping_what_mmmapiospace_never_mapped_is_0xda():
    """MmUnmapIoSpace of a nonpaged pool page: refused with SYSTEM_PTE_MISUSE (0x0F: below the system
    PTEs), never a cleared PTE under the pool's feet."""
    stop, text = stop_after("crash unmap-io")
    check(stop[0] == 0xDA and stop[1] == 0x0F and 0x81000000 <= stop[2] < 0x91000000 and stop[3] == 1,
          str([hex(x) for x in stop]))
    check("SYSTEM_PTE_MISUSE" in text, text)


def test_an_invalid_reference_at_dispatch_level_is_0x0a_not_0x50():
    """Windows checks the IRQL first: the same bad address that is 0x50 at PASSIVE_LEVEL."""
    stop, text = stop_after("at DISPATCH_LEVEL peek 0x10")
    check(stop[:4] == (0x0A, 0x10, 2, 0) and stop[4] >= 0x80100000, str([hex(x) for x in stop]))
    check("IRQL_NOT_LESS_OR_EQUAL" in text, text)
