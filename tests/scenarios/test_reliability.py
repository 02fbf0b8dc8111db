"""Never hang, never lose a byte: the short soak (stress), paging-file fault injection, and the console's
smaller wrong answers (pool outside the pool, poolbench under low resources, vfree of the pool's pages)."""
import re
import time

from qemu import Machine, EXIT_BUGCHECK, check

STRESS_PASS = re.compile(r"stress: PASS ops=(\d+) verified=(\d+) pageouts=(\d+) pageins=(\d+) leaked=0\r?\n")
STRESS_TAGS = ("SxAa", "SxBb", "SxCc", "SxDd", "SxDp")


def booted(append="", timeout=30):
    m = Machine(append=append, timeout=timeout)
    m.wait_prompt()
    return m


def mem(m):
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.command("mem"))}


def check_stress_tags_balance(m):
    out = m.command("poolmon")
    rows = [line.split() for line in out.splitlines() if line[:4] in STRESS_TAGS]
    check(len(rows) >= 5, "stress tags missing from poolmon:\n" + out, m)
    for row in rows:
        check(row[2] == row[3] and row[4] == "0" and row[5] == "0", "stress tag not balanced: %s" % row, m)


def test_short_soak_stress_20_passes_with_paging_and_leaves_nothing():
    """make test's soak: 20 s on mem=16 pagefile=32, every block verified, page-outs and page-ins."""
    with booted("mem=16 pagefile=32", timeout=60) as m:
        out = m.command("stress 20 12345", timeout=60)
        found = STRESS_PASS.search(out)
        check(found is not None, "stress did not pass:\n" + out, m)
        ops, verified, pageouts, pageins = map(int, found.groups())
        check(ops > 1000 and verified > 100 and pageouts > 0 and pageins > 0, out, m)
        check(len(re.findall(r"stress: \d+ s ops=", out)) >= 3, "no progress lines:\n" + out, m)
        check_stress_tags_balance(m)


def test_ctrl_c_stops_stress_with_everything_freed():
    with booted("mem=16 pagefile=32") as m:
        m.send_line("stress 3600 3")
        m.expect("Ctrl-C stops")
        time.sleep(1)
        m.send("\x03")
        m.expect(r"stress: interrupted after \d+ s", timeout=10)
        m.expect(STRESS_PASS.pattern, timeout=10)
        m.wait_prompt()
        check_stress_tags_balance(m)


def test_stress_and_faultinject_check_their_words():
    with booted() as m:
        for line in ("stress 0", "stress x", "stress 1 y", "faultinject pagefile read 0",
                     "faultinject pagefile read 101", "faultinject pagefile erase 5", "faultinject on",
                     "faultinject pagefile write x", "faultinject off now", "at DISPATCH_LEVEL stress 1"):
            out = m.command(line)
            check(out.startswith("error: ") and out.count("\n") == 1, "%s:\n%s" % (line, out), m)
        check(m.command("faultinject") == "faultinject: reads_failed=0 reads_corrupted=0 writes_failed=0\n",
              "faultinject figures", m)


def test_failed_page_out_writes_lose_nothing():
    """Half the paging file's writes fail: memtest still passes, mem counts the errors."""
    with booted("mem=8 pagefile=32", timeout=120) as m:
        check("writes fail 50%" in m.command("faultinject pagefile write 50 9"), "faultinject", m)
        out = m.command("memtest 12", timeout=120)
        check("memtest: PASS" in out, out, m)
        check(mem(m)["pageout_errors"] > 0, "no pageout_errors", m)
        check(re.search(r"writes_failed=[1-9]", m.command("faultinject")), "no writes failed", m)
        m.command("faultinject off")
        check("memtest: PASS" in m.command("memtest 12", timeout=120), "memtest after injection off", m)


def test_failed_page_in_read_is_0x7a():
    """A read of the paging file that fails or comes back corrupt: KERNEL_DATA_INPAGE_ERROR with the
    status the kernel gives (0xC000009C device error, 0xC000003F checksum)."""
    with booted("mem=16 pagefile=8 onbugcheck=exit") as m:
        va = m.command("valloc 1").strip()
        m.command("poke %s 0x1234" % va)
        m.command("pageout")
        m.command("faultinject pagefile read 100 5")
        m.send_line("peek " + va)
        stop = m.wait_stop()
        check(stop[0] == 0x7A and stop[2] in (0xC000009C, 0xC000003F) and stop[4] == int(va, 16), str(stop), m)
        check(m.wait_exit() == EXIT_BUGCHECK, "exit status", m)


def test_pool_of_a_non_pool_address_is_one_error_line():
    with booted() as m:
        out = m.command("pool 0x80100000")
        check(out == "error: 0x80100000 is in no pool page\n", repr(out), m)


def test_poolbench_under_low_resources_never_frees_null():
    with booted("onbugcheck=exit") as m:
        m.command("verifier lowres 50 7")
        out = m.command("poolbench 1000", timeout=10)
        check(re.fullmatch(r"poolbench: pairs=1000 tsc_per_pair_64=\d+ tsc_per_pair_1000=\d+ null=[1-9]\d*\n", out),
              out, m)
        check("STOP" not in m.text(), "a bugcheck", m)


def test_vfree_of_a_pool_page_is_refused():
    with booted() as m:
        block = int(m.command("alloc NonPagedPool 100 Vfre").strip(), 16)
        out = m.command("vfree 0x%08x 1" % (block & ~0xFFF))
        check(out.startswith("error: vfree: ") and out.count("\n") == 1, out, m)
        paged = int(m.command("alloc PagedPool 8192 Vfre").strip(), 16)
        out = m.command("vfree 0x%08x 2" % paged)
        check(out.startswith("error: vfree: ") and out.count("\n") == 1, out, m)
        m.command("free 0x%08x Vfre" % block)
        m.command("free 0x%08x Vfre" % paged)
        out = m.command("poolmon")
        check(re.search(r"Vfre Nonp +1 +1 +0 +0 ", out) and re.search(r"Vfre Paged +1 +1 +0 +0 ", out), out, m)
        va = m.command("valloc 2").strip()
        check(m.command("vfree %s 2" % va) == "", "vfree of valloc's pages refused", m)
