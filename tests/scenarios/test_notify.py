"""Notify routines from a real driver image (tests/drivers/notify.c): a load-image routine is told of each
driver image loaded after it registered, with the image's name and what `drivers` shows of it, and of
none after its removal; an image unloaded with its routines still registered is 0xCE (notifyleft).
wdkconform checks the thread routines, the limits and the statuses. A callback registration left at unload
(cbleft) is reported and removed."""
import re

from qemu import Machine, check, driver_image


def test_a_load_image_routine_sees_each_driver_loaded_as_drivers_shows_it():
    with Machine(drivers=[driver_image("notify"), driver_image("probe")], timeout=30) as m:
        m.wait_prompt()
        out = m.command("load notify")
        check("notify: image" not in out, "told of its own image, loaded before it registered: " + out, m)
        out = m.command("load probe")
        seen = re.search(r"^notify: image (\S+) pid 0+ base ([0-9A-F]{8}) size (0x[0-9a-f]+) system 1 mode 3$", out, re.M)
        check(seen and seen.group(1) == "\\SystemRoot\\System32\\drivers\\probe.sys", out, m)
        check(out.find("notify: image") < out.find("probe loaded at"), "told before DriverEntry: " + out, m)
        row = re.search(r"^probe +loaded +(0x[0-9a-f]{8}) +(0x[0-9a-f]+)", m.command("drivers"), re.M)
        check(int(seen.group(2), 16) == int(row.group(1), 16) and int(seen.group(3), 16) == int(row.group(2), 16),
              "%s vs %s" % (seen.groups(), row.groups()), m)
        m.command("unload probe")
        check(m.command("unload notify").strip() == "notify unloaded", m.text()[-300:], m)
        out = m.command("load probe")  # removed: no call into the unloaded image
        check(out.startswith("probe loaded at") and "notify:" not in out, out, m)


def test_unloading_an_image_with_a_notify_routine_registered_is_0xce():
    with Machine(drivers=[driver_image("notifyleft")], append="onbugcheck=exit") as m:
        m.wait_prompt()
        out = m.command("load notifyleft")
        routines = [int(a, 16) for a in re.search(r"^notify: routines ([0-9A-F]{8}) ([0-9A-F]{8})$", out, re.M).groups()]
        m.send_line("unload notifyleft")
        stop = m.wait_stop()
        check(stop[0] == 0xCE and stop[1] in routines and stop[2] == 8 and stop[3] == stop[1],
              str([hex(x) for x in stop]), m)
        check(m.wait_exit() == 37, "exit status", m)
        check("DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS" in m.text(), "name", m)


def test_a_callback_registration_left_at_unload_is_reported_removed_and_never_called():
    with Machine(drivers=[driver_image("cbleft")], timeout=30) as m:
        m.wait_prompt()
        out = m.command("load cbleft")
        check("cbleft: created, registered yes" in out and "cbleft: called context 00000001 argument 00000042" in out,
              out, m)
        routine = re.search(r"routine ([0-9A-F]{8})", out).group(1)
        out = m.command("unload cbleft")
        check(re.search(r"^cbleft: callback %s registered on \\Callback\\CbLeft left at unload; removed$" % routine,
                        out, re.M) is not None, out, m)
        out = m.command("load cbleft")  # the object, still referenced, takes one routine: the old one is gone
        check("cbleft: opened, registered yes" in out, out, m)
        check(re.findall(r"^cbleft: called context (\S+)", out, re.M) == ["00000002"], out, m)
