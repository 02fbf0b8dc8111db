"""The I/O manager's console side: an error log entry a driver writes is an `eventlog:` line, and
`poweroff` sends IRP_MJ_SHUTDOWN to the devices registered for it (tests/drivers/wdkconform.c does both).
Cancellation misuse (tests/drivers/irpbad.c): completing an IRP whose cancel routine is still set is
0x48 CANCEL_STATE_IN_COMPLETED_IRP (IRP, routine); a cancel routine that returns holding the cancel
spinlock is 0x11B DRIVER_RETURNED_HOLDING_CANCEL_LOCK (IRP, routine). The I/O manager's IRPs, their
buffers, cancellation and device stacks as drivers use them are in wdkconform (test_drivers)."""
from qemu import EXIT_POWEROFF, Machine, check, driver_image
from test_mdl import stop_after_calls

ROUTINES = ("CompleteCancelable", "CancelHolding", "KeepsTheLock")


def test_completing_an_irp_still_cancelable_is_0x48():
    stop, a, text = stop_after_calls("irpbad", ROUTINES, ("CompleteCancelable",))
    check(stop[0] == 0x48 and stop[2] == a["KeepsTheLock"], str([hex(x) for x in stop]))
    check("CANCEL_STATE_IN_COMPLETED_IRP" in text, "no name on the screen")


def test_a_cancel_routine_returning_with_the_cancel_lock_is_0x11b():
    stop, a, text = stop_after_calls("irpbad", ROUTINES, ("CancelHolding",))
    check(stop[0] == 0x11B and stop[2] == a["KeepsTheLock"], str([hex(x) for x in stop]))
    check("DRIVER_RETURNED_HOLDING_CANCEL_LOCK" in text, "no name on the screen")


def test_error_log_entries_print_and_poweroff_tells_registered_devices():
    with Machine(drivers=[driver_image("wdkconform")], timeout=60) as m:
        m.wait_prompt()
        out = m.command("load wdkconform", timeout=60)
        line = ("eventlog: \\Driver\\wdkconform ErrorCode 0xc0040001 UniqueErrorValue 0x2a FinalStatus 0xc00000a3 "
                "MajorFunction 0x03 DumpData 0000d00d 0000f00d")
        check(line in out, out, m)
        m.send_line("poweroff")
        check(m.wait_exit() == EXIT_POWEROFF, "exit status", m)
        text = m.text()
        check(text.find("wdkconform: IRP_MJ_SHUTDOWN") < text.find("powering off"), text[-500:], m)
        check("wdkconform: IRP_MJ_SHUTDOWN" in text, text[-500:], m)
