"""GDB helpers for the memory manager: `pg-pte <va>` (like WinDbg's !pte) and `pg-pfn <frame>` (like !pfn).

The PTE formats are read from mm/pte.h, the one place that defines them, so the decode here cannot
drift from the kernel's. Memory is read through the target's current page tables (the self-map at
0xC0000000), as the kernel's own `pte` command does.
"""
import os
import re

import gdb

from .common import Command, NotReady, parse_number, read_u32, variable

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def read_pte_header():
    text = open(os.path.join(ROOT, "mm", "pte.h")).read()
    flags = {name: int(value, 0) for name, value in re.findall(r"#define PTE_(\w+) (0x[0-9A-Fa-f]+|\d+)u?\b", text)}
    kinds = re.search(r"enum pte_kind \{([^}]*)\}", text).group(1)
    kinds = [k.strip()[len("PTE_KIND_"):].lower().replace("_", "-") for k in kinds.split(",") if k.strip()]
    layout = open(os.path.join(ROOT, "mm", "layout.h")).read()
    tables = int(re.search(r"#define PAGE_TABLES_VA (0x[0-9A-Fa-f]+)u", layout).group(1), 16)
    self_map = int(re.search(r"#define SELF_MAP_PDE (0x[0-9A-Fa-f]+)u", layout).group(1), 16)
    return flags, kinds, tables, tables + self_map * 4096


FLAGS, KINDS, PAGE_TABLES_VA, PAGE_DIRECTORY_VA = read_pte_header()


def kind_of(pte):
    """pte_kind_of() of mm/pte.h."""
    if pte & FLAGS["VALID"]:
        return "valid"
    if pte == 0:
        return "none"
    kind = (pte & FLAGS["SW_KIND_MASK"]) >> FLAGS["SW_KIND_SHIFT"]
    if kind < KINDS.index("demand-zero") or kind > KINDS.index("no-access") or pte & 0xFF1 & ~FLAGS["SW_KIND_MASK"]:
        return "unknown"
    return KINDS[kind]


def describe(pte):
    kind = kind_of(pte)
    if kind == "valid":
        letters = "".join(c if pte & FLAGS[f] else "-" for f, c in
                          (("GLOBAL", "G"), ("DIRTY", "D"), ("ACCESSED", "A"), ("CACHE_DISABLE", "N"),
                           ("WRITE_THROUGH", "T")))
        return "pfn 0x%x %s%sV" % (pte >> 12, letters, "W" if pte & FLAGS["WRITE"] else "R")
    if kind == "pagefile":
        return "pagefile slot 0x%x" % (pte >> 12)
    if kind == "transition":
        return "transition pfn 0x%x" % (pte >> 12)
    if kind == "no-access" and pte >> 12 == FLAGS["NO_ACCESS_FREED"]:
        return "no-access (freed special pool)"
    return kind


class PteCommand(Command):
    """pg-pte <va>: the PDE and PTE that map an address, decoded like WinDbg's !pte."""
    NAME, USAGE = "pg-pte", "<address>"
    ARGS = (1, 1)

    def run(self, args):
        va = parse_number(args[0], "address")
        pde_at = PAGE_DIRECTORY_VA + (va >> 22) * 4
        pde = read_u32(pde_at)
        print("VA 0x%08x" % va)
        print("PDE at 0x%08x contains 0x%08x  %s" % (pde_at, pde, describe(pde)))
        if not pde & FLAGS["VALID"]:
            print("PTE: no page table")
            return
        pte_at = PAGE_TABLES_VA + (va >> 12) * 4
        pte = read_u32(pte_at)
        print("PTE at 0x%08x contains 0x%08x  %s" % (pte_at, pte, describe(pte)))


class PfnCommand(Command):
    """pg-pfn <n>: one frame's record in the PFN database (mm/pfn_db.h), like !pfn."""
    NAME, USAGE = "pg-pfn", "<frame number>"
    ARGS = (1, 1)

    def run(self, args):
        pfn = parse_number(args[0], "frame number")
        db = variable("frames_database")
        first, count = int(db["first"]), int(db["count"])
        if count == 0:
            raise NotReady("the PFN database is not set up yet (mm_init has not run)")
        if pfn < first:
            raise NotReady("0x%x is outside the PFN database (0x%x..)" % (pfn, first))
        if pfn >= first + count:  # records are made as frames are first needed (mm/frames.c)
            raise NotReady("0x%x has no record in the PFN database yet (0x%x..0x%x so far)" % (pfn, first, first + count - 1))
        e = db["entries"][pfn - first]
        pte_va, slot = int(e["pte_va"]) & 0xFFFFFFFF, int(e["slot"]) & 0xFFFFFFFF
        # the console's `pfn` line, word for word (shell/cmd_mm.c)
        line = "pfn 0x%x phys 0x%08x list=%s pte=0x%08x" % (pfn, (pfn << 12) & 0xFFFFFFFF, state_name(int(e["state"])), pte_va)
        if pte_va:
            line += " pte_contents=0x%08x" % read_u32(pte_va)
        if slot != 0xFFFFFFFF:
            line += " slot=0x%x" % slot
        print(line)


def state_name(state):
    """pfn_state_name() of mm/pfn_db.c, from the kernel's own table."""
    try:
        names = gdb.parse_and_eval("pfn_state_name::names")
        if 0 <= state <= names.type.range()[1]:
            return names[state].string()
    except gdb.error:
        pass
    return "invalid"
