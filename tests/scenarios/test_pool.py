"""The pool from the console: alloc/free, poolmon and its sorting, !pool, poolused, poolfind, a freed
block handed out again, and every pool bugcheck the console can reach."""
import contextlib
import re

from qemu import Machine, EXIT_BUGCHECK, EXIT_POWEROFF, check


def poolmon_rows(text):
    rows = {}
    for line in text.splitlines()[1:]:
        f = line.split()
        if len(f) == 7:
            rows[(f[0], f[1])] = tuple(int(x) for x in f[2:])
    return rows


def alloc(m, line):
    out = m.command(line).strip()
    check(re.fullmatch(r"0x[0-9a-f]{8}", out), "%s printed %r" % (line, out), m)
    return int(out, 16)


@contextlib.contextmanager
def booted_with(*allocs, append=""):
    """A booted machine at its prompt, and the addresses of the alloc commands run on it."""
    with Machine(append=append) as m:
        m.wait_prompt()
        yield m, [alloc(m, line) for line in allocs]


def test_alloc_free_and_poolmon_counts_per_tag_and_pool():
    with booted_with("alloc PagedPool 42 JUNK", "alloc NonPagedPool 100 JUNK", "alloc NonPagedPool 5000") as (m, addrs):
        junk = addrs[0]
        out = m.command("poolmon")
        check(out.split("\n")[0].split() == ["Tag", "Type", "Allocs", "Frees", "Diff", "Bytes", "PerAlloc"], out)
        rows = poolmon_rows(out)
        check(rows.get(("JUNK", "Paged")) == (1, 0, 1, 56, 56), out)
        check(rows.get(("JUNK", "Nonp")) == (1, 0, 1, 112, 112), out)
        check(rows.get(("None", "Nonp")) == (1, 0, 1, 8192, 8192), out)
        check(m.command("free 0x%08x JUNK" % junk) == "", "free printed something", m)
        rows = poolmon_rows(m.command("poolmon"))
        check(rows.get(("JUNK", "Paged")) == (1, 1, 0, 0, 0), str(rows))


def test_poolmon_sorts_by_each_key():
    with booted_with("alloc PagedPool 3000 Big", *["alloc PagedPool 16 Many"] * 3, "alloc PagedPool 500 Mid") as (m, _):
        # "Pool": the pool's own page records (56 bytes a page of small blocks), left out here
        tags = lambda flag: [r.split()[0] for r in m.command("poolmon " + flag).splitlines()[1:] if r.split()[0] != "Pool"]
        check(tags("-b")[:3] == ["Big", "Mid", "Many"], str(tags("-b")))
        check(tags("-a")[0] == "Many" and tags("-d")[0] == "Many", str(tags("-a")))
        check(tags("-t") == sorted(tags("-t")), str(tags("-t")))
        check(m.command("poolmon -x").startswith("error: "), "bad flag accepted", m)


def test_pool_shows_the_page_and_marks_the_block():
    # 200 bytes and the header take the 224-byte class; a page of them starts with its record (56 bytes,
    # tag Pool), so the first block's previous size is 56.
    with booted_with("alloc NonPagedPool 200 Frst", "alloc NonPagedPool 200 Scnd") as (m, (a, b)):
        out = m.command("pool 0x%08x" % (b + 10))
        lines = [l for l in out.splitlines() if "size:" in l]
        marked = [l for l in lines if l.startswith("*")]
        check(len(marked) == 1 and re.fullmatch(r"\*0x%08x size: 224 previous size: (224|56) \(Allocated\) Scnd"
                                                % (b - 8), marked[0]), out)
        check(lines[0] == " 0x%08x size: 56 previous size: 0 (Allocated) Pool" % (b & ~0xFFF), out)
        check(" 0x%08x size: 224 previous size: 56 (Allocated) Frst" % (a - 8) in lines or a & 0xFFF != 64, out)
        check(any("(Free)" in l for l in lines), out)
        check(m.command("pool 0x80100000") == "error: 0x80100000 is in no pool page\n", "not one error line", m)


def test_poolfind_poolused_and_a_freed_block_handed_out_again():
    with booted_with("alloc PagedPool 42 Find", "alloc NonPagedPool 6000 Find") as (m, (a, b)):
        out = m.command("poolfind Find")
        check("0x%08x size: 56 (Allocated) Find (Paged)" % (a - 8) in out, out)
        check("0x%08x size: 8192 (Allocated) Find (Nonp)" % b in out and "2 blocks" in out, out)
        used = m.command("poolused")
        check(re.search(r"^Find Nonp +1 +8192$", used, re.M) and re.search(r"^Find Paged +1 +56$", used, re.M), used)
        m.command("free 0x%08x" % a)
        again = alloc(m, "alloc PagedPool 42 Find")  # its page's free list: last in, first out
        check(again == a, "freed 0x%08x, then got 0x%08x" % (a, again), m)


def test_failures_are_errors_not_crashes():
    with booted_with() as (m, _):
        for line in ("alloc NonPagedPool 100000000", "alloc DontUseThisType 10", "alloc 3 10", "alloc Bogus 1",
                     "alloc PagedPool 10 TooLong", "alloc PagedPool", "free zz", "free 0x1000 Way2Long"):
            out = m.command(line)
            check(out.startswith("error: "), "%s: %r" % (line, out), m)


def stop_after(lines):
    with booted_with(*lines[:-1], append="onbugcheck=exit") as (m, addrs):
        last = lines[-1]
        m.send_line(last(*addrs) if callable(last) else last.format(*addrs))
        stop = m.wait_stop()
        check(m.wait_exit() == EXIT_BUGCHECK, "no bugcheck exit", m)
        return stop, addrs, m.text()


def test_double_free_is_c2_07():
    stop, (a,), text = stop_after(["alloc NonPagedPool 600 Dbl", "free {0:#x}\rfree {0:#x}"])
    check(stop[:2] == (0xC2, 0x07) and stop[4] == a and "BAD_POOL_CALLER" in text, str(stop))


def test_double_free_of_a_lookaside_sized_block_is_c2_07():
    stop, (a,), _ = stop_after(["alloc PagedPool 24 Dbl", "free {0:#x}\rfree {0:#x}"])
    check(stop[:2] == (0xC2, 0x07) and stop[4] == a, str(stop))


def test_wrong_tag_is_c2_0a_with_both_tags():
    stop, (a,), _ = stop_after(["alloc PagedPool 64 Mine", "free {0:#x} Your"])
    check(stop == (0xC2, 0x0A, a, 0x656E694D, 0x72756F59), str([hex(x) for x in stop]))


def test_freeing_no_pool_address_is_c2_42_or_46():
    stop, _, _ = stop_after(["free 0x80100000"])
    check(stop == (0xC2, 0x42, 0x80100000, 0, 0), str(stop))
    for address in (0x0, 0x10):  # not a double free: nothing was ever there
        stop, _, _ = stop_after(["free %#x" % address])
        check(stop == (0xC2, 0x42, address, 0, 0), str([hex(x) for x in stop]))
    stop, (a,), _ = stop_after(["alloc NonPagedPool 64 Mid", lambda a: "free %#x" % (a + 4)])
    check(stop[:2] == (0xC2, 0x46) and stop[2] == a + 4, str([hex(x) for x in stop]))


def test_a_dpc_at_any_instruction_of_the_pools_first_call_finds_it_set_up_or_not_at_all():
    """The suite that needs a pool nobody has called yet, so a boot of its own: the first call single-
    stepped with a DPC that allocates at each step (stress's timer DPC once stopped it half set up)."""
    with Machine(append="ktest=pool_first_call onbugcheck=exit", timeout=60) as m:
        status = m.wait_exit()
        text = m.text()
    check(status == EXIT_POWEROFF, "exit status %s" % status, m)
    check("    ok 1 a_dpc_at_every_instruction_of_the_first_call\r\n" in text, "skipped or failed:\n" + text)


def test_must_succeed_that_cannot_be_met_is_0x41():
    stop, _, text = stop_after(["alloc NonPagedPoolMustSucceed 100000000"])
    check(stop[:2] == (0x41, 100000000) and "MUST_SUCCEED_POOL_EMPTY" in text, str(stop))


def test_poolbench_counts_per_pair_and_leaves_nothing_behind():
    with booted_with() as (m, _):
        out = m.command("poolbench 100")
        check(re.fullmatch(r"poolbench: pairs=100 tsc_per_pair_64=\d+ tsc_per_pair_1000=\d+\n", out), out)
        rows = poolmon_rows(m.command("poolmon"))
        check(rows.get(("Bnch", "Nonp"), (0, 0, 1))[2] == 0, str(rows))
        check(m.command("poolbench 0").startswith("error: "), "0 pairs accepted", m)


def test_allocating_at_too_high_an_irql_is_c2_08():
    stop, _, _ = stop_after(["at DISPATCH_LEVEL alloc PagedPool 16 Irql"])
    check(stop == (0xC2, 0x08, 2, 1, 16), str([hex(x) for x in stop]))
    stop, _, _ = stop_after(["at 3 alloc NonPagedPool 32 Irql"])
    check(stop == (0xC2, 0x08, 3, 0, 32), str([hex(x) for x in stop]))


def test_freeing_at_too_high_an_irql_is_c2_09():
    stop, (a,), _ = stop_after(["alloc PagedPool 16 Irql", "at DISPATCH_LEVEL free {0:#x}"])
    check(stop == (0xC2, 0x09, 2, 1, a), str([hex(x) for x in stop]))


def test_a_header_overwritten_with_poke_is_0x19_on_free():
    # The x86 POOL_HEADER's first ULONG: previous size 0-8, pool index 9-15, block size 16-24, pool type
    # 25-31. Zeroing the block size of an allocated block (its type kept) is BAD_POOL_HEADER 0x8.
    with booted_with("alloc NonPagedPool 40 Hdr1", "alloc NonPagedPool 40 Hdr2", append="onbugcheck=exit") as (m, (a, b)):
        header = int(m.command("peek %#x" % (b - 8)).strip(), 16)
        check(header >> 25 != 0 and (header >> 16) & 0x1FF == 48 // 8, "unexpected header %#x" % header, m)
        m.command("poke %#x %#x" % (b - 8, header & ~0x01FF0000))
        m.send_line("free %#x" % b)
        stop = m.wait_stop()
        check(stop[:2] == (0x19, 0x8) and stop[4] == b - 8, str([hex(x) for x in stop]))
        m.expect("BAD_POOL_HEADER")


def test_paged_pool_written_trimmed_and_read_back_through_a_fault():
    with booted_with("alloc PagedPool 3000 Page") as (m, (a,)):
        m.command("poke %#x 0xfeedface" % a)
        m.command("pageout")
        before = dict(kv.split("=") for kv in m.command("mem").split())
        check(m.command("peek %#x" % a).strip() == "0xfeedface", "paged pool lost its value", m)
        after = dict(kv.split("=") for kv in m.command("mem").split())
        check(int(after["faults_hard"]) > int(before["faults_hard"]), "no hard fault: %s -> %s" % (before, after))
