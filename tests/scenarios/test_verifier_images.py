"""Driver Verifier per image, with driver images built by mingw-w64: every pool call is charged to the
image whose code made it (a DPC's too, an innocent driver loaded meanwhile is not blamed, a reload goes
on under the same name), `poolmon <driver>` shows it, a verified driver's lookaside lists do not cache,
and each check on the calls drivers make stops with the code and parameters Microsoft documents
(tests/drivers/violate.c breaks one rule per command when it unloads)."""
import re
import time

from qemu import EXIT_BUGCHECK, Machine, check, driver_image, stop_after
from test_drivers import row_of

# violate.c's commands, in its order.
(ZERO_BYTES, PAGED_AT_DISPATCH, ZERO_TAG, FREE_PAGED_AT_DISPATCH, ACQUIRE_AT_DPC_BELOW, RELEASE_FROM_DPC_BELOW,
 RELEASE_AT_PASSIVE, ACQUIRE_ABOVE_DISPATCH, RAISE_TO_LOWER, LOWER_TO_HIGHER, LOWER_IN_DPC, FREE_SET_TIMER,
 FREE_QUEUED_DPC, FREE_LIVE_LOOKASIDE, KEEP_LOOKASIDE, KEEP_TIMER_IN_POOL, LOOKASIDE_TWICE, DELETE_UNINITIALIZED,
 LOOKASIDE_TOO_SMALL, KEEP_DPC_QUEUED) = range(1, 21)
VIOL = 0x6C6F6956  # 'loiV', shown "Viol"
TIMED_BYTES = 80   # violate.c's TIMED (8 + KTIMER 40 + KDPC 32): a small block of 80 bytes after its header


def rows(out, first):
    """The table rows of a command's output that start with first (a tag, a driver): a driver's DPC may
    print a line of its own in the middle."""
    return [l.split() for l in out.splitlines() if l.split()[:1] == [first]]


def poolmon_rows(m, args, tag):
    return rows(m.command("poolmon " + args), tag)


def poll(m, command, first, done, seconds=20):
    """Runs command until the row starting with first satisfies done (a DPC's work shows); that row."""
    deadline = time.monotonic() + seconds
    while True:
        found = rows(m.command(command), first)
        if (found and done(found[0])) or time.monotonic() > deadline:
            check(found and done(found[0]), "%s: %s" % (command, found), m)
            return found[0]
        time.sleep(0.1)


def violate(command, verified=True, expect_stop=True):
    """Loads violate (verified: pool tracking on for it), sets its command word and unloads it. Returns
    the STOP (or None), the image's base and end, and the console text."""
    with Machine(drivers=[driver_image("violate")], append="onbugcheck=exit") as m:
        m.wait_prompt()
        if verified:
            check("verified drivers: violate\n" in m.command("verifier track violate on"), "verified", m)
        out = m.command("load violate")
        word = int(re.search(r"violate: command word at (0x[0-9a-f]{8})", out).group(1), 16)
        row = row_of(m, "violate")
        base = int(row[2], 16)
        end = base + int(row[3], 16)
        m.command("poke %#x %d" % (word, command))
        if not expect_stop:
            check(m.command("unload violate").endswith("violate unloaded\n"), "a STOP", m)
            return None, base, end, m.text()
        m.send_line("unload violate")
        stop = m.wait_stop()
        check(m.wait_exit() == EXIT_BUGCHECK, "no bugcheck exit", m)
        return stop, base, end, m.text()


def expect(stop, code, *params):
    """Each of params is a value or a predicate."""
    ok = stop[0] == code and all(p(v) if callable(p) else p == v for p, v in zip(params, stop[1:]))
    check(ok, "STOP %s, wanted %#x %s" % ([hex(x) for x in stop], code, params), None)


def test_a_dpcs_allocations_are_charged_to_its_driver_and_an_innocent_driver_is_not_blamed():
    with Machine(drivers=[driver_image("dpcleak"), driver_image("innocent")], append="onbugcheck=exit") as m:
        m.wait_prompt()
        m.command("verifier track dpcleak on")
        out = m.command("verifier track innocent on")
        check("pool tracking: dpcleak innocent\n" in out and "verified drivers: dpcleak innocent\n" in out, out, m)
        # Typed ahead: innocent's DriverEntry (600 ms) starts before dpcleak's DPC (100 ms, then every 10).
        m.send_line("load dpcleak\rload innocent")
        m.expect(r"innocent loaded at")
        m.wait_prompt()
        text = m.text()
        starts, blocks, ends = (text.index(s) for s in ("innocent: DriverEntry starts", "dpcleak: 5 blocks allocated",
                                                        "innocent: DriverEntry ends"))
        check(starts < blocks < ends, "dpcleak's DPC did not run inside innocent's DriverEntry", m)
        out = m.command("poolmon dpcleak")
        check(out.splitlines()[1:] == ["DpcL Nonp           5          0          5          280       56"], out, m)
        check(poolmon_rows(m, "-t innocent", "Inno") == [["Inno", "Nonp", "1", "0", "1", "40", "40"],
                                                         ["Inno", "Paged", "1", "1", "0", "0", "0"]], "innocent's", m)
        check(row_of(m, "innocent")[4:] == ["1", "40"] and row_of(m, "dpcleak")[4:] == ["5", "280"], "drivers", m)
        check(m.command("unload innocent") == "innocent unloaded\n", "innocent blamed", m)
        m.send_line("unload dpcleak")
        stop = m.wait_stop()
        expect(stop, 0xC4, 0x62, lambda name: name != 0, lambda record: record != 0, 5)
        leak = m.text()[m.text().index("unload dpcleak"):m.text().index("*** STOP")]
        check("driver dpcleak leaves 5 allocations (240 bytes) behind" in leak, leak)
        check(sorted(l.split()[:3] for l in leak.splitlines() if l.startswith("DpcL")) == [["DpcL", "Nonp", "48"]] * 5,
              leak)


def test_a_reload_is_charged_and_tracked_under_the_same_name():
    with Machine(drivers=[driver_image("dpcleak"), driver_image("tick")], append="onbugcheck=exit") as m:
        m.wait_prompt()
        m.command("load dpcleak")
        poll(m, "poolmon dpcleak", "DpcL", lambda row: row[2] == "5")
        check(m.command("unload dpcleak").endswith("dpcleak unloaded\n"), "untracked leak stopped", m)
        check(row_of(m, "dpcleak")[1:] == ["unloaded", "-", "-", "5", "280"], "kept charged after unload", m)
        out = m.command("verifier track dpcleak on")  # for the next load
        check("pool tracking: dpcleak\n" in out, out, m)
        m.command("load dpcleak")
        row = poll(m, "poolmon -a dpcleak", "DpcL", lambda row: row[2] == "10")
        check(row == ["DpcL", "Nonp", "10", "0", "10", "560", "56"], "second load: %s" % row, m)
        check(m.command("poolmon nosuch").startswith("error: poolmon: 'nosuch': no such driver"), "nosuch", m)
        check(m.command("poolmon tick") == "%-4s %-5s %10s %10s %10s %12s %8s\n" % (
            "Tag", "Type", "Allocs", "Frees", "Diff", "Bytes", "PerAlloc"), "tick charged before it loads", m)
        m.send_line("unload dpcleak")
        expect(m.wait_stop(), 0xC4, 0x62, lambda n: n != 0, lambda r: r != 0, 5)  # only what it tracked


def test_switches_wait_for_a_name_and_a_verified_drivers_lookaside_list_does_not_cache():
    with Machine(drivers=[driver_image("tick")]) as m:
        m.wait_prompt()
        out = m.command("verifier special driver tick")  # passed at boot, not loaded yet
        check("special pool drivers: tick\n" in out and "verified drivers: tick\n" in out, out, m)
        out = m.command("verifier lowres driver ghost")  # no image of that name at all, yet
        check("low resources drivers: ghost\n" in out and "verified drivers: tick ghost\n" in out, out, m)
        m.command("load tick")
        row = poll(m, "lookaside", "Tick", lambda row: int(row[6]) >= 1)  # its DPC took a sample
        check(row[3:6] == ["0", "0", "0"], "depth, maximum depth, entries: %s" % row, m)
        allocs = poolmon_rows(m, "tick", "Tick")[0]
        check(int(allocs[2]) >= 1 and int(allocs[5]) == 4096 * int(allocs[4]), "special pool sees every block", m)
        check(m.command("unload tick").endswith("tick unloaded\n"), "unload", m)
        check(row_of(m, "tick")[4:] == ["0", "0"], "all given back", m)
        m.command("verifier special driver tick off")
        m.command("load tick")
        row = poll(m, "lookaside", "Tick", lambda row: int(row[6]) >= 1)
        check(int(row[3]) >= 4 and int(row[4]) == 256, "not verified: it caches again (%s)" % row, m)
        m.command("unload tick")


def in_range(base, end):
    return lambda a: base <= a < end


def test_zero_bytes_is_0xc4_00_for_a_verified_driver_and_0xc2_00_for_anyone():
    stop, _, _, _ = violate(ZERO_BYTES)
    expect(stop, 0xC4, 0x00, 0, 0, 0)
    stop, _, _, _ = violate(ZERO_BYTES, verified=False)
    expect(stop, 0xC2, 0x00, 0, 0, VIOL)
    stop, _ = stop_after("alloc PagedPool 0 Zero")  # the kernel's own call, from the console
    expect(stop, 0xC2, 0x00, 0, 1, 0x6F72655A)


def test_paged_pool_at_dispatch_level_is_0xc4_01_for_a_verified_driver_else_0xc2_08():
    stop, _, _, _ = violate(PAGED_AT_DISPATCH)
    expect(stop, 0xC4, 0x01, 2, 1, 64)
    stop, _, _, _ = violate(PAGED_AT_DISPATCH, verified=False)
    expect(stop, 0xC2, 0x08, 2, 1, 64)


def test_a_zero_tag_is_0xc2_9b_with_the_callers_address_for_a_verified_driver_only():
    stop, base, end, _ = violate(ZERO_TAG)
    expect(stop, 0xC2, 0x9B, 0, 48, in_range(base, end))
    violate(ZERO_TAG, verified=False, expect_stop=False)


def test_freeing_paged_pool_at_dispatch_level_is_0xc4_11_for_a_verified_driver_else_0xc2_09():
    stop, _, _, _ = violate(FREE_PAGED_AT_DISPATCH)
    expect(stop, 0xC4, 0x11, 2, 1, lambda a: a >> 24 == 0xE1)
    stop, _, _, _ = violate(FREE_PAGED_AT_DISPATCH, verified=False)
    expect(stop, 0xC2, 0x09, 2, 1, lambda a: a >> 24 == 0xE1)


def test_spinlock_calls_at_the_wrong_irql_are_0xc4_40_41_32_42():
    for command, code, irql in ((ACQUIRE_AT_DPC_BELOW, 0x40, 0), (RELEASE_FROM_DPC_BELOW, 0x41, 0),
                                (RELEASE_AT_PASSIVE, 0x32, 0), (ACQUIRE_ABOVE_DISPATCH, 0x42, 4)):
        stop, base, end, _ = violate(command)
        expect(stop, 0xC4, code, irql, in_range(base, end), 0)


def test_raising_down_and_lowering_up_are_0xc4_30_and_31_for_a_verified_driver():
    stop, _, _, _ = violate(RAISE_TO_LOWER)
    expect(stop, 0xC4, 0x30, 2, 0, 0)
    stop, _, _, _ = violate(LOWER_TO_HIGHER)
    expect(stop, 0xC4, 0x31, 0, 2, 0)
    stop, _, _, _ = violate(LOWER_IN_DPC)
    expect(stop, 0xC4, 0x31, 2, 0, 1)
    stop, base, end, _ = violate(RAISE_TO_LOWER, verified=False)  # the kernel's own rule, as before
    expect(stop, 0x09, 0, 2, 0, in_range(base, end))


def test_freeing_a_block_that_holds_a_set_timer_is_0xc4_15_for_a_verified_driver_else_0xc7_0():
    stop, _, _, _ = violate(FREE_SET_TIMER)
    expect(stop, 0xC4, 0x15, lambda timer: timer % 4096 >= 8, 0, lambda block: block == stop[2] - 8)
    stop, _, _, _ = violate(FREE_SET_TIMER, verified=False)
    expect(stop, 0xC7, 0, lambda timer: timer == stop[3] + 8, lambda lo: lo != 0, lambda hi: hi == stop[3] + TIMED_BYTES)


def test_freeing_a_block_that_holds_a_queued_dpc_or_a_live_lookaside_list_stops_whoever_frees_it():
    stop, _, _, _ = violate(FREE_QUEUED_DPC, verified=False)
    expect(stop, 0xC7, 1, lambda dpc: dpc == stop[3] + 48, lambda lo: lo != 0, lambda hi: hi == stop[3] + TIMED_BYTES)
    stop, _, _, _ = violate(FREE_LIVE_LOOKASIDE, verified=False)
    expect(stop, 0xC4, 0xCC, lambda lst: lst == stop[3], lambda block: block != 0, 80)


def test_unloading_with_a_lookaside_list_or_a_pool_timer_or_dpc_into_the_image_left_stops_any_driver():
    stop, base, end, _ = violate(KEEP_LOOKASIDE, verified=False)
    expect(stop, 0xCE, in_range(base, end), 0, 0, 0)
    stop, base, end, text = violate(KEEP_TIMER_IN_POOL, verified=False)
    expect(stop, 0xC7, 2, in_range(base, end), base, end)
    stop, base, end, _ = violate(KEEP_DPC_QUEUED, verified=False)
    expect(stop, 0xC7, 2, in_range(base, end), base, end)
    check("DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS" not in text and "TIMER_OR_DPC_INVALID" in text, text)


def test_lookaside_misuse_by_a_verified_driver_is_0xc4_ca_cb_cd():
    stop, base, end, _ = violate(LOOKASIDE_TWICE)
    expect(stop, 0xC4, 0xCA, in_range(base, end), 0, 0)
    stop, base, end, _ = violate(DELETE_UNINITIALIZED)
    expect(stop, 0xC4, 0xCB, in_range(base, end), 0, 0)
    stop, base, end, text = violate(LOOKASIDE_TOO_SMALL)
    expect(stop, 0xC4, 0xCD, in_range(base, end), 2, 4)
    check("DRIVER_VERIFIER_DETECTED_VIOLATION" in text, text)
