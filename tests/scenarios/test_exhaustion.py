"""Each limit exhausted from the console: paged pool (its address range), nonpaged pool and resident pages
(the resident-page limit), commit, the paging file. The request is refused with NULL and the limit named;
after everything is freed, mem's figures and poolmon's counters are back at their boot values.

One-time margin, measured: the first pool allocations of a boot take pages for good (the pool's tag table
and page table, lookasides, the page tables of the ranges' first 4 MiB windows): commit and
resident_available move by at most MARGIN pages and frames_free + frames_standby by at most
MARGIN, once (frames_free counts the zeroed frames the idle loop makes). So each scenario runs its cycle twice: the boot values must come back within MARGIN after
the first, and exactly after the second."""
import re

from qemu import Machine, check

MARGIN = 16  # pages; measured: 10 where the pool is used (commit, resident, frames), 0 for valloc alone


def mem(m):
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", m.command("mem"))}


def figures(m):
    f = mem(m)
    # free counts zeroed; the replacement policy's tables keep the frames they grow into (ws_storage, charged
    # at boot), as large as the largest working set so far
    return {"available": f["frames_free"] + f["frames_standby"] + f["ws_storage"], "commit": f["commit"],
            "resident_available": f["resident_available"], "pagefile_used": f["pagefile_used"]}


def tag_rows(m, tag):
    return [line.split() for line in m.command("poolmon").splitlines() if line.startswith(tag)]


def cycle(m, exhaust, free, limit):
    """exhaust() returns the error line of the refused request and what to free; free(what) frees it."""
    error, held = exhaust()
    check(error.startswith("error: ") and ("NULL" in error or "cannot" in error), error, m)
    check("(refused by the %s)" % limit in error, "the limit is not named: " + error, m)
    free(held)


def run(m, exhaust, free, limit, tag=None):
    boot = figures(m)
    cycle(m, exhaust, free, limit)
    m.command("trim")
    first = figures(m)
    for key in boot:
        check(abs(first[key] - boot[key]) <= MARGIN, "%s %d at boot, %d after: %s" % (key, boot[key], first[key], first), m)
    cycle(m, exhaust, free, limit)
    m.command("trim")
    second = figures(m)
    check(second == first, "not back after the second cycle: %s -> %s" % (first, second), m)
    if tag:
        for row in tag_rows(m, tag):
            check(row[2] == row[3] and row[4] == "0" and row[5] == "0", "poolmon row not balanced: %s" % row, m)


def allocs_until_null(m, line, freeing):
    def exhaust():
        held = []
        while True:
            out = m.command(line)
            if out.startswith("error: "):
                return out, held
            held.append(out.strip())
            check(len(held) < 4000, "never refused: " + line, m)

    def free(held):
        for addr in held:
            check(m.command(freeing % addr) == "", "freeing %s" % addr, m)
    return exhaust, free


def test_paged_pool_address_range():
    """256 MiB of paged pool range against a commit limit of more: the range refuses."""
    with Machine(append="mem=64 pagefile=256", memory=512, timeout=60) as m:
        m.wait_prompt()

        def exhaust():
            big = m.command("alloc PagedPool 230000000 ExPg").strip()
            return m.command("alloc PagedPool 60000000 ExPg"), [big]
        run(m, exhaust, lambda held: m.command("free %s ExPg" % held[0]), "pool address range", "ExPg")


def test_nonpaged_pool():
    with Machine(append="mem=8 pagefile=8", timeout=60) as m:
        m.wait_prompt()
        exhaust, free = allocs_until_null(m, "alloc NonPagedPool 1000000 ExNp", "free %s ExNp")
        run(m, exhaust, free, "resident-page limit", "ExNp")


def test_resident_pages():
    with Machine(append="mem=8 pagefile=8", timeout=60) as m:
        m.wait_prompt()
        exhaust, free = allocs_until_null(m, "valloc 128 nonpaged", "vfree %s 128")
        run(m, exhaust, free, "resident-page limit")


def test_commit():
    with Machine(append="mem=8 pagefile=8", timeout=60) as m:
        m.wait_prompt()
        exhaust, free = allocs_until_null(m, "valloc 256", "vfree %s 256")
        run(m, exhaust, free, "commit limit")


def test_paging_file():
    """memtest through 8 MiB of RAM and an 8 MiB paging file fills the paging file; past it, the commit
    limit refuses. The slots all come back."""
    with Machine(append="mem=8 pagefile=8", timeout=120) as m:
        m.wait_prompt()
        total = mem(m)["pagefile_total"]

        def exhaust():
            out = m.command("memtest 13", timeout=120)
            found = re.search(r"memtest: PASS .*pageouts=(\d+)", out)
            check(found and int(found.group(1)) >= total * 3 // 4, "the paging file was not filled: " + out, m)
            return m.command("memtest 16"), []
        run(m, exhaust, lambda held: None, "commit limit", "Memt")
