"""The memory manager from the console: mem, memtest with paging, trim and faults, pte/pfn, and the
bugchecks of bad references (0x50, 0xBE, stack overflow, a corrupted paging-file copy: 0x7A)."""
import re

from qemu import Machine, EXIT_BUGCHECK, check

CONTRACT_KEYS = ("frames_total", "frames_free", "frames_standby", "frames_modified", "pagefile_total",
                 "pagefile_used", "faults_dz", "faults_soft", "faults_hard", "pageouts", "pageins")


def mem(m):
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.command("mem"))}


def booted(append):
    m = Machine(append=append, timeout=60)
    m.wait_prompt()
    return m


def stop_after(commands, append="mem=16 pagefile=48 onbugcheck=exit"):
    with booted(append) as m:
        for line in commands[:-1]:
            m.command(line)
        m.send_line(commands[-1])
        stop = m.wait_stop()
        check(m.wait_exit() == EXIT_BUGCHECK, "no exit after the STOP", m)
        return stop, m.text()


def test_mem_has_every_contract_key_and_the_pagefile_size():
    with booted("mem=16 pagefile=48") as m:
        figures = mem(m)
        for key in CONTRACT_KEYS:
            check(key in figures, "mem lacks %s: %s" % (key, figures))
        check(figures["frames_total"] == 4096 and figures["pagefile_total"] == 48 * 256, str(figures))
        check(figures["frames_free"] > 3900 and figures["pagefile_used"] == 0, str(figures))


def test_memtest_32_on_16_mib_pages_out_and_in():
    with booted("mem=16 pagefile=48") as m:
        out = m.command("memtest 32", timeout=120)
        got = re.search(r"memtest: PASS .*pageouts=(\d+) pageins=(\d+)", out)
        check(got and int(got.group(1)) > 0 and int(got.group(2)) > 0, out)
        figures = mem(m)
        check(figures["faults_hard"] > 0 and figures["pagefile_used"] == 0, str(figures))
        check("memtest: PASS" in m.command("memtest 4"), "a second memtest failed")


def test_poked_trimmed_page_reads_back_through_a_counted_fault():
    with booted("mem=16 pagefile=48") as m:
        va = m.command("valloc 1").strip()
        check(re.fullmatch(r"0x[0-9a-f]{8}", va), va)
        m.command("poke %s 0xC0FFEE11" % va)
        check("trimmed 1 pages" in m.command("trim"), "trim did not take the page")
        check("transition" in m.command("pte " + va), "not in transition after trim")
        before = mem(m)
        check(m.command("peek " + va).strip() == "0xc0ffee11", "value lost after trim")
        after = mem(m)
        check(after["faults_soft"] == before["faults_soft"] + 1, "%s -> %s" % (before, after))
        m.command("pageout")
        check("pagefile slot" in m.command("pte " + va), "not in the paging file after pageout")
        check(m.command("peek " + va).strip() == "0xc0ffee11", "value lost after pageout")
        final = mem(m)
        check(final["faults_hard"] == after["faults_hard"] + 1 and final["pageins"] == after["pageins"] + 1,
              "%s -> %s" % (after, final))


def test_pte_and_pfn_decode():
    with booted("mem=16") as m:
        va = m.command("valloc 1").strip()
        out = m.command("pte " + va)
        check("PDE at 0xc0300e10" in out and "PTE at 0xc0384000 contains 0x00000002  demand-zero" in out, out)
        m.command("poke %s 5" % va)
        out = m.command("pte " + va)
        frame = re.search(r"PTE at .* pfn 0x([0-9a-f]+) .*W", out)
        check(frame, out)
        out = m.command("pfn 0x" + frame.group(1))
        check("list=active pte=0xc0384000" in out, out)
        check("no page table" in m.command("pte 0x00001000"), "pte of a low address")


def test_bad_arguments_are_errors_not_crashes():
    with booted("mem=16") as m:
        for line in ("peek", "peek zz", "poke 0x80000000", "poke 1 zz", "memtest 0", "memtest x", "pte",
                     "pfn 0xFFFFFFFF", "valloc 0", "valloc 1 huge", "vfree 1", "flipslot 0xE1000000",
                     "trim now", "pageout x"):
            out = m.command(line)
            check(out.startswith("error: ") and out.count("\n") == 1, "%s:\n%s" % (line, out))
        check("frames_total=" in m.command("mem"), "shell gone after bad arguments")


def test_commit_limit_is_paging_file_plus_free_ram_and_fails_cleanly():
    with booted("mem=16 pagefile=1") as m:
        figures = mem(m)
        check(256 + 3800 < figures["commit_limit"] < 256 + 4096, str(figures))
        out = m.command("memtest 17")
        check(out.startswith("error: memtest: cannot commit 17 MiB") and "(refused by the commit limit)" in out,
              "memtest beyond the limit: " + out)
        # Up to the limit, less the memory manager's own tables: a full paging file, the rest in RAM.
        mib = (figures["commit_limit"] - figures["commit"]) // 256
        check(mib >= 15, str(figures))
        out = m.command("memtest %d" % mib, timeout=60)
        check(re.search(r"memtest: PASS .*pageouts=[1-9]", out), out)
    with booted("mem=16 pagefile=0") as m:
        check(m.command("memtest 16").startswith("error: "), "memtest beyond RAM without a paging file")
        figures = mem(m)
        mib = (figures["commit_limit"] - figures["commit"]) // 256
        check(mib >= 14, str(figures))
        check("memtest: PASS" in m.command("memtest %d" % mib, timeout=60), "memtest in RAM without a paging file")


def test_nonpaged_pages_are_charged_too():
    with booted("mem=8 pagefile=0") as m:
        limit = mem(m)["commit_limit"]
        va = m.command("valloc %d nonpaged" % (limit - 300)).strip()
        check(re.fullmatch(r"0x81[0-9a-f]{6}", va), va)
        check(m.command("memtest 2").startswith("error: "), "pageable memory beyond the commit limit")
        check(m.command("valloc 400 nonpaged").startswith("error: "), "nonpaged beyond the commit limit")
        m.command("vfree %s %d" % (va, limit - 300))
        check("memtest: PASS" in m.command("memtest 4"), "memtest after the nonpaged pages went back")


def test_pagefile_larger_than_the_machine_shrinks_with_a_warning():
    with booted("mem=16 pagefile=2048") as m:
        check(re.search(r"warning: pagefile: .* shrunk", m.text()), m.text())
        figures = mem(m)
        check(0 < figures["pagefile_total"] < 2048 * 256 and figures["frames_total"] == 4096, str(figures))


def test_peek_0_is_stop_0x50_with_p1_0():
    stop, text = stop_after(["peek 0"])
    check(stop[0] == 0x50 and stop[1] == 0 and stop[2] == 0, str(stop))


def test_peek_of_unallocated_paged_pool_is_0x50():
    stop, _ = stop_after(["peek 0xE1F00000"])
    check(stop[:2] == (0x50, 0xE1F00000), str(stop))


def test_low_map_above_the_kernel_image_is_0x50():
    stop, _ = stop_after(["peek 0x80F00000"])
    check(stop[:2] == (0x50, 0x80F00000), str(stop))


def test_write_to_kernel_text_is_0xbe():
    stop, text = stop_after(["poke 0x80101000 0"])
    check(stop[:2] == (0xBE, 0x80101000) and "ATTEMPTED_WRITE_TO_READONLY_MEMORY" in text, str(stop))


def test_stack_overflow_hits_the_guard_page_and_bugchecks():
    stop, text = stop_after(["crash stack"])
    check(stop[:2] == (0x7F, 8), str(stop))
    guard = re.search(r"cr2=0x([0-9a-f]{8})", text)
    check(guard and 0x80000000 <= int(guard.group(1), 16) < 0x81000000, text)


def test_flipped_bit_in_the_paging_file_is_0x7a():
    va = "0xe1000000"
    stop, text = stop_after(["valloc 1", "poke %s 0x1234" % va, "flipslot " + va, "peek " + va])
    check(stop[0] == 0x7A and stop[1] == 0xC0384000 and stop[2] == 0xC000003F and stop[4] == 0xE1000000,
          str(stop))
    check("KERNEL_DATA_INPAGE_ERROR" in text, text)


def test_fault_on_pageable_memory_at_dispatch_level_is_0x0a():
    with booted("mem=16 onbugcheck=exit") as m:
        if m.command("help at").startswith("error: "):
            return "the at command (IRQL issue) is not merged yet"
        va = m.command("valloc 1").strip()
        m.send_line("at DISPATCH_LEVEL peek " + va)
        stop = m.wait_stop()
        check(stop[:4] == (0x0A, int(va, 16), 2, 0) and stop[4] >= 0x80100000, str(stop))


def test_double_free_of_pages_is_0x1a():
    stop, text = stop_after(["valloc 2", "vfree 0xE1000000 2", "vfree 0xE1000000 2"])
    check(stop[:4] == (0x1A, 0x3000, 0xE1000000, 2) and "MEMORY_MANAGEMENT" in text, str(stop))


def test_the_default_pagefile_leaves_a_small_machine_half_its_ram():
    """-m 32: the default 32 MiB paging file would leave the memory manager 4 MiB; it is balanced, and the
    boot says what it chose. An explicit pagefile= is taken as asked (up to what the machine holds)."""
    m = Machine(memory=32, timeout=30)
    with m:
        m.wait_prompt()
        figures = mem(m)
        check(figures["frames_total"] >= figures["pagefile_total"] > 0, str(figures), m)
        check(re.search(r"pagefile: the default 32 MiB would leave .* (\d+) MiB chosen", m.text()), m.text())
    with Machine(append="pagefile=24", memory=32, timeout=30) as m:
        m.wait_prompt()
        check(mem(m)["pagefile_total"] == 24 * 256, m.text())
