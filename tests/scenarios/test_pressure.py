"""Memory pressure that used to hang: a fault that trimmed its own page (fault -> trim -> fault),
nonpaged memory taking every frame, page tables piling up over alloc/free cycles. Each must end in an
answer: the allocation refused with the limit named, or the page kept long enough to be touched."""
import re

from qemu import Machine, check


def mem(m):
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.command("mem"))}


def address(out, m):
    found = re.search(r"0x[0-9a-f]{8}", out)
    check(found is not None, "no address in %r" % out, m)
    return found.group(0)


def test_nonpaged_memory_cannot_take_the_frames_paging_needs():
    """mem=8: 1982 nonpaged pages would leave the working set nothing; refused, and a paged page still
    faults in, even with nonpaged pool taking all it may."""
    with Machine(append="mem=8", timeout=30) as m:
        m.wait_prompt()
        out = m.command("valloc 1982 nonpaged")
        check("error:" in out, "1982 of 2048 frames made resident: " + out, m)
        left = mem(m)["resident_available"]
        check(left > 0, "resident_available=%d" % left, m)
        address(m.command("valloc %d nonpaged" % (left - 8)), m)  # the page tables are resident too
        check(mem(m)["resident_available"] < 8, "all taken, yet some left", m)
        page = address(m.command("valloc 1"), m)
        m.command("poke %s 0x5a5a" % page)
        check("0x00005a5a" in m.command("peek %s" % page), "the paged page lost its word", m)


def test_a_nonpaged_hog_is_refused_by_name_and_paged_pool_still_works():
    with Machine(timeout=30) as m:
        m.wait_prompt()
        out = m.command("alloc NonPagedPool 97894400 Hog")
        check("NULL (refused by the resident-page limit)" in out, out, m)
        tiny = address(m.command("alloc PagedPool 100 Tiny"), m)
        m.command("poke %s 7" % tiny)
        check("0x00000007" in m.command("peek %s" % tiny), "no answer from the paged block", m)


def test_a_working_set_at_its_minimum_pages_without_livelock():
    """The working set squeezed to its minimum: every fault must trim, and must never trim the page it
    is bringing in; 200 pages written and read back through a handful of frames."""
    with Machine(append="mem=8 pagefile=8", timeout=60) as m:
        m.wait_prompt()
        address(m.command("valloc %d nonpaged" % (mem(m)["resident_available"] - 8)), m)
        base = int(address(m.command("valloc 200"), m), 16)
        for i in range(200):
            m.command("poke 0x%08x %d" % (base + i * 4096, i + 1))
        bad = [i for i in range(200) if "0x%08x" % (i + 1) not in m.command("peek 0x%08x" % (base + i * 4096))]
        check(not bad, "pages that came back wrong: %s" % bad[:10], m)
        figures = mem(m)
        check(figures["pageouts"] > 0 and figures["faults_hard"] + figures["faults_soft"] > 0, str(figures), m)


def test_page_tables_of_the_pool_ranges_go_back_after_alloc_free_cycles():
    """-m 64 mem=8 pagefile=0: 70 cycles of 1024 paged pages and 140 of 512 nonpaged ones leave no page
    tables behind; then memory taken to its end is still all there to poke and peek."""
    with Machine(append="mem=8 pagefile=0", memory=64, timeout=120) as m:
        m.wait_prompt()
        before = mem(m)
        for _ in range(70):
            m.command("vfree %s 1024" % address(m.command("valloc 1024"), m))
        for _ in range(140):
            m.command("vfree %s 512" % address(m.command("valloc 512 nonpaged"), m))
        after = mem(m)
        check(after["frames_kernel"] == before["frames_kernel"],
              "frames_kernel %d -> %d" % (before["frames_kernel"], after["frames_kernel"]), m)
        check(after["commit"] == before["commit"] and after["resident_available"] == before["resident_available"],
              "commit or resident pages not given back: %s -> %s" % (before, after), m)
        pages = []
        while True:
            out = m.command("valloc 64")
            if "error:" in out:
                check("commit limit" in out or "resident-page limit" in out, out, m)
                break
            base = int(address(out, m), 16)
            pages += [base + i * 4096 for i in range(64)]
        for i, va in enumerate(pages):
            m.command("poke 0x%08x %d" % (va, i))
        for i, va in enumerate(pages):
            check("0x%08x" % i in m.command("peek 0x%08x" % va), "page %d lost its word" % i, m)
