"""The kernel's lists walked through GDB: pg-lookaside (the console's `lookaside` table), pg-dpcs (the
queued DPCs, kernel/dpc.c), pg-timers (the set timers, kernel/timer.c) and pg-threads (the threads,
kernel/thread.h), routines as symbols."""
import gdb

from .bugcheck import symbol
from .common import Command, variable
from .pool import kind_name
from .tag import tag_text

PAGED_TYPES = (1, 5)  # PagedPool, PagedPoolCacheAligned (pool_kind_of in pool/pool_type.h)


def entries(head_expression, type_name, field, limit=4096):
    """The records of a LIST_ENTRY list, CONTAINING_RECORD style; stops on a broken or endless list."""
    head = variable(head_expression)
    record = gdb.lookup_type(type_name).strip_typedefs()
    offset = next(f.bitpos // 8 for f in record.fields() if f.name == field)
    first = int(head.address)
    link = int(head["Flink"])
    for _ in range(limit):
        if link == first or link == 0:
            return
        yield gdb.Value(link - offset).cast(record.pointer()).dereference()
        link = int(gdb.Value(link).cast(head.type.pointer()).dereference()["Flink"])
    print("(list longer than %d entries: broken?)" % limit)


def kind_of_type(pool_type):
    return kind_name(1 if (pool_type & 7) in PAGED_TYPES else 0)


class LookasideCommand(Command):
    """pg-lookaside: every lookaside list with its depth and hit/miss counters, like the console's lookaside."""
    NAME, USAGE = "pg-lookaside", "(no arguments)"

    def run(self, args):
        print("%-4s %-5s %5s %5s %8s %7s %10s %10s %10s %10s" % ("Tag", "Type", "Size", "Depth", "MaxDepth", "Entries",
                                                              "Allocates", "Misses", "Frees", "FreeMisses"))
        for l in entries("'lookaside.c'::wdk", "GENERAL_LOOKASIDE", "ListEntry"):  # the WDK's lists
            tag = int(l["Tag"]) & 0xFFFFFFFF
            print("%-4s %-5s %5u %5u %8u %7u %10u %10u %10u %10u" % (
                tag_text(tag), kind_of_type(int(l["Type"])), int(l["Size"]), int(l["Depth"]), int(l["MaximumDepth"]),
                int(l["ListHead"]["Depth"]), int(l["TotalAllocates"]), int(l["AllocateMisses"]),
                int(l["TotalFrees"]), int(l["FreeMisses"])))


class DpcsCommand(Command):
    """pg-dpcs: the queued DPCs in the order they will run, with their routines as symbols."""
    NAME, USAGE = "pg-dpcs", "(no arguments)"

    def run(self, args):
        n = 0
        for d in entries("'dpc.c'::queue", "KDPC", "DpcListEntry"):
            routine = int(d["DeferredRoutine"]) & 0xFFFFFFFF
            print("DPC 0x%08x routine 0x%08x%s context 0x%08x args 0x%08x 0x%08x" % (
                int(d.address), routine, (" " + symbol(routine)).rstrip(), int(d["DeferredContext"]) & 0xFFFFFFFF,
                int(d["SystemArgument1"]) & 0xFFFFFFFF, int(d["SystemArgument2"]) & 0xFFFFFFFF))
            n += 1
        print("%u DPCs queued" % n)


class TimersCommand(Command):
    """pg-timers: the set timers, earliest first: due time, period and the DPC routine each one queues."""
    NAME, USAGE = "pg-timers", "(no arguments)"

    def run(self, args):
        n = 0
        for t in entries("'timer.c'::timers", "KTIMER", "TimerListEntry"):
            due = int(t["DueTime"]["QuadPart"])
            dpc = int(t["Dpc"]) & 0xFFFFFFFF
            routine = ""
            if dpc:
                r = int(t["Dpc"].dereference()["DeferredRoutine"]) & 0xFFFFFFFF
                routine = (" routine 0x%08x %s" % (r, symbol(r))).rstrip()
            period = int(t["Period"])
            print("Timer 0x%08x due %u ms %s dpc 0x%08x%s" % (
                int(t.address), due // 10000, "period %u ms" % period if period else "one-shot", dpc, routine))
            n += 1
        print("%u timers set" % n)


THREAD_STATES = {0: "ready", 1: "running", 2: "waiting", 3: "terminated"}


class ThreadsCommand(Command):
    """pg-threads: every thread as the console's threads lists it, its start routine as a symbol."""
    NAME, USAGE = "pg-threads", "(no arguments)"

    def run(self, args):
        boot = variable("ke_boot_thread")
        current = int(variable("ke_current_thread")) & 0xFFFFFFFF
        record = boot.type.strip_typedefs()
        offset = next(f.bitpos // 8 for f in record.fields() if f.name == "link")
        print("  Id State      Pri  Switches  Start")
        thread, n = boot, 0
        while n < 4096:
            start = int(thread["start_routine"]) & 0xFFFFFFFF
            print("%4u %-10s %3d %9u  %s%s" % (
                int(thread["id"]), THREAD_STATES.get(int(thread["state"]), "?"), int(thread["priority"]),
                int(thread["switches"]), ("0x%08x %s" % (start, symbol(start))).rstrip() if start else "-",
                "  (current)" if int(thread.address) == current else ""))
            n += 1
            link = int(thread["link"]["Flink"]) & 0xFFFFFFFF
            if link == int(boot["link"].address) or link == 0:
                return
            thread = gdb.Value(link - offset).cast(record.pointer()).dereference()
