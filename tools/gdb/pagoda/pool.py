"""pg-pool <addr>: like the console's `pool` (and WinDbg's !pool): every block of the pool page that
holds an address, the block holding it starred. Read from pool_page_table (pool/pool_page.c), the size
classes (pool_classes, pool/pool_class.c) and the POOL_HEADERs themselves, never by calling the kernel."""
import gdb

from .common import Command, NotReady, Usage, parse_number, read_u32, variable
from .tag import tag_text

POOL_UNIT, POOL_PAGE = 8, 4096
PAGE_SMALL = 1


def page_entries():
    """Every used entry of pool_page_table (hashtab_next's walk)."""
    table = variable("pool_page_table")
    capacity, size = int(table["capacity"]), int(table["entry_size"])
    if capacity == 0:  # no pool page yet (special pool's pages are apart): nothing to walk
        return
    entry_type = gdb.lookup_type("struct page_entry").pointer()
    slots = int(table["slots"])
    for i in range(capacity):
        e = gdb.Value(slots + i * size).cast(entry_type).dereference()
        if int(e["key"]["used"]):
            yield e


def header_at(h):
    """(header, bytes, previous bytes, allocated, tag) of the block whose header is at h, as it reads."""
    word = read_u32(h)
    return h, ((word >> 16) & 0x1FF) * POOL_UNIT, (word & 0x1FF) * POOL_UNIT, (word >> 25) & 0x7F != 0, read_u32(h + 4)


def blocks_of(e):
    """(header, bytes, previous bytes, allocated, tag) of each block, as walk_small_page/visit_big see them:
    a small-block page from where its size class puts its blocks (the record, each block, the tail)."""
    page = int(e["key"]["key"]) & 0xFFFFFFFF
    if int(e["use"]) != PAGE_SMALL:
        yield page, int(e["npages"]) * POOL_PAGE, 0, True, int(e["tag"]) & 0xFFFFFFFF
        return
    c = variable("pool_classes")[int(e["size_class"])]
    units, first, count = int(c["units"]), int(c["first"]), int(c["count"])
    if first:
        yield header_at(page)
    for i in range(count + 1):  # the blocks, then the tail
        yield header_at(page + (first + i * units) * POOL_UNIT)


SPECIAL_POOL_START, SPECIAL_POOL_END = 0xF1000000, 0xF5000000  # mm/layout.h
SPECIAL_RESIDENT, SPECIAL_PAGEABLE = 1, 2  # enum special_page_state (mm/special_pages.h)


def special_block(page):
    """(header, bytes, tag, kind) of the special-pool block on page (special_pool_describe), or None when
    the page holds none; NotReady when its pageable page is out of memory (the kernel would fault it in)."""
    state = int(variable("'special_pages.c'::pair_state")[(page - SPECIAL_POOL_START) // 8192])
    if page & POOL_PAGE or state not in (SPECIAL_RESIDENT, SPECIAL_PAGEABLE):
        return None
    try:
        tag, size, offset = read_u32(page + 4), read_u32(page + 8), read_u32(page + 12)
    except gdb.MemoryError:
        raise NotReady("special pool page 0x%08x is paged out (the console's pool reads it in)" % page)
    return page + offset % POOL_PAGE, size, tag, "Paged" if state == SPECIAL_PAGEABLE else "Nonp"


def special_pages():
    """The special-pool pages that hold a block, in order (special_pages_next)."""
    states = variable("'special_pages.c'::pair_state")
    pairs = int(states.type.sizeof)
    for i in range(pairs):
        if int(states[i]) in (SPECIAL_RESIDENT, SPECIAL_PAGEABLE):
            yield SPECIAL_POOL_START + i * 8192


class PoolCommand(Command):
    """pg-pool <addr>: the blocks of the pool page holding an address, like the console's pool and !pool."""
    NAME, USAGE = "pg-pool", "<address>"
    ARGS = (1, 1)

    def run(self, args):
        addr = parse_number(args[0], "address")
        for e in page_entries():
            page = int(e["key"]["key"]) & 0xFFFFFFFF
            pages = 1 if int(e["use"]) == PAGE_SMALL else int(e["npages"])
            if 0 <= addr - page < pages * POOL_PAGE:
                break
        else:
            block = special_block(addr & ~0xFFF) if SPECIAL_POOL_START <= addr < SPECIAL_POOL_END else None
            if block is None:
                raise NotReady("0x%08x is in no pool page" % addr)
            header, size, tag, _ = block
            print("Pool page 0x%08x" % (addr & ~0xFFF))
            print("%s0x%08x size: %u previous size: 0 (Allocated) %s (Special pool)" % (
                "*" if 0 <= addr - header < size else " ", header, size, tag_text(tag)))
            return
        print("Pool page 0x%08x" % (addr & ~0xFFF))
        for header, size, previous, allocated, tag in blocks_of(e):
            star = "*" if 0 <= addr - header < size else " "
            print("%s0x%08x size: %u previous size: %u (%s) %s" % (
                star, header, size, previous, "Allocated" if allocated else "Free", tag_text(tag)))


def kind_name(kind):
    """pool_kind_name() of pool/pool_type.h."""
    return "Paged" if kind == int(variable("(int)POOL_KIND_PAGED")) else "Nonp"


def pending_counts():
    """{tag: (allocs, frees, bytes)}: the counts nonpaged pool's buckets keep for the tag each counted last
    (struct tag_pending, pool/pool_tags.h), not yet in the tag's entry."""
    buckets, classes = variable("pool_buckets")[int(variable("(int)POOL_KIND_NONPAGED"))], variable("pool_classes")
    counts = {}
    for c in range(int(variable("sizeof(pool_classes) / sizeof(pool_classes[0])"))):
        p = buckets[c]["pending"]
        allocs, frees = int(p["allocs"]), int(p["frees"])
        in_use = (allocs - frees) & 0xFFFFFFFF
        in_use -= (in_use >> 31) << 32  # the difference of counters that wrap alike, as a signed count
        a, f, b = counts.get(int(p["tag"]), (0, 0, 0))
        counts[int(p["tag"])] = (a + allocs, f + frees, b + in_use * int(classes[c]["bytes"]))
    return counts


def tag_entries():
    """Every tag entry as tagtab_next (pool/pool_tag_counts.c) reads it: (tag, flags, [(allocs, frees,
    bytes) of each pool]) of the table's slots, then of the overflow entry; the buckets' pending counts
    added to the entry they settle into (the tag's, else the overflow entry)."""
    table = variable("'pool_tags.c'::tags")
    capacity, size = int(table["capacity"]), int(table["entry_size"])
    entry_type = gdb.lookup_type("struct tag_entry").pointer()
    word = (1 << (8 * gdb.lookup_type("size_t").sizeof)) - 1
    nonpaged = int(variable("(int)POOL_KIND_NONPAGED"))
    entries = []
    for i in range(capacity):
        e = gdb.Value(int(table["slots"]) + i * size).cast(entry_type).dereference()
        if int(e["key"]["used"]):
            entries.append(e)
    entries.append(variable("'pool_tags.c'::overflow"))
    pending = pending_counts()
    keys = set(int(e["key"]["key"]) for e in entries[:-1])
    lost = [c for tag, c in pending.items() if tag not in keys]
    for i, e in enumerate(entries):
        tag = int(e["key"]["key"])
        counts = [[int(e["pool"][k]["allocs"]), int(e["pool"][k]["frees"]), int(e["pool"][k]["bytes"])]
                  for k in range(2)]
        for a, f, b in (lost if i == len(entries) - 1 else [pending.get(tag, (0, 0, 0))]):
            c = counts[nonpaged]
            c[0], c[1], c[2] = (c[0] + a) & 0xFFFFFFFF, (c[1] + f) & 0xFFFFFFFF, (c[2] + b) & word
        yield tag & 0xFFFFFFFF, int(e["flags"]), counts


# pg-poolused's orders: by bytes (the console's poolused), by blocks in use, by tag.
POOLUSED_SORTS = {
    "bytes": lambda r: -r[4],
    "used": lambda r: -((r[2] - r[3]) & 0xFFFFFFFF),
    "tag": lambda r: tag_text(r[0]),
}


class PoolusedCommand(Command):
    """pg-poolused [bytes|used|tag]: what each tag holds now, like !poolused; by bytes it is the console's poolused."""
    NAME, USAGE = "pg-poolused", "[bytes|used|tag]   (the sort; bytes, most first, by default)"
    ARGS = (0, 1)

    def run(self, args):
        key = POOLUSED_SORTS.get(args[0] if args else "bytes")
        if key is None:
            raise Usage("'%s': not a sort (bytes, used or tag)" % args[0])
        rows = []
        for tag, _, counts in tag_entries():
            for k in range(2):
                allocs, frees, used = counts[k]
                if allocs:
                    rows.append((tag, k, allocs, frees, used))
        rows.sort(key=key)  # stable, as the console's insertion sort
        print("%-4s %-5s %10s %12s" % ("Tag", "Type", "Used", "Bytes"))
        for tag, kind, allocs, frees, used in rows:
            if allocs != frees:
                print("%-4s %-5s %10u %12u" % (tag_text(tag), kind_name(kind), (allocs - frees) & 0xFFFFFFFF, used))


class PoolfindCommand(Command):
    """pg-poolfind <tag>: every allocated block with a tag, from every pool page, like poolfind and !poolfind."""
    NAME, USAGE = "pg-poolfind", "<tag>"
    ARGS = (1, 1)

    def run(self, args):
        if not 1 <= len(args[0]) <= 4 or not all(0x20 <= ord(c) < 0x7F for c in args[0]):
            raise Usage("'%s': not a tag (1 to 4 printable characters)" % args[0])
        tag = sum(ord(c) << (8 * i) for i, c in enumerate(args[0].ljust(4)))
        found = 0
        entries = list(page_entries())
        # pool_walk_all's order: the small pages, then the big allocations (their tail pages skipped)
        for e in [e for e in entries if int(e["use"]) == PAGE_SMALL] + [e for e in entries if int(e["use"]) == PAGE_SMALL + 1]:
            try:
                blocks = list(blocks_of(e))
            except NotReady:  # a paged-out paged pool page: the kernel's walk would fault it in
                print("(page 0x%08x not resident: skipped)" % (int(e["key"]["key"]) & 0xFFFFFFFF))
                continue
            for header, size, _, allocated, btag in blocks:
                if allocated and btag == tag:
                    found += 1
                    print("0x%08x size: %u (Allocated) %s (%s)" % (header, size, tag_text(btag), kind_name(int(e["kind"]))))
        for page in special_pages():  # pool_walk_all's last part
            try:
                header, size, btag, kind = special_block(page)
            except NotReady as e:
                print("(%s: skipped)" % e)
                continue
            if btag == tag:
                found += 1
                print("0x%08x size: %u (Allocated) %s (%s, special pool)" % (header, size, tag_text(btag), kind))
        print("%u blocks" % found)
