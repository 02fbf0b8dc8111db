"""pg-vm: physical memory and paging figures, the console's `mem` lines (mm/mm.c's mm_query), read
from the variables mm_query reads."""
import os
import re

from .common import Command, NotReady, variable
from .mm import ROOT


def resident_minimum():
    """RESIDENT_MINIMUM (mm/resident.h) = WS_MINIMUM + 16: macros are not in the DWARF, so from the headers."""
    text = open(os.path.join(ROOT, "mm", "resident.h")).read() + open(os.path.join(ROOT, "mm", "working_set.h")).read()
    ws = int(re.search(r"#define WS_MINIMUM (\d+)", text).group(1))
    extra = int(re.search(r"#define RESIDENT_MINIMUM \(WS_MINIMUM \+ (\d+)\)", text).group(1))
    return ws + extra


def u(expression):
    return int(variable(expression)) & 0xFFFFFFFF


class VmCommand(Command):
    """pg-vm: physical memory and paging figures as key=value, like the console's mem (and !vm)."""
    NAME, USAGE = "pg-vm", "(no arguments)"

    def run(self, args):
        n = variable("frames_database")["in_state"]
        state = [int(n[i]) for i in range(8)]  # PFN_FREE .. PFN_LOCKED (mm/pfn_db.h)
        total = u("'mm.c'::frames.frames_total")
        if total == 0:
            raise NotReady("the memory manager has not initialised (no frames counted yet)")
        print("frames_total=%u frames_free=%u frames_zeroed=%u frames_standby=%u frames_modified=%u "
              "frames_active=%u frames_kernel=%u frames_locked=%u ranges=%u" % (
                  total, state[0] + state[1] + u("frames_deferred"), state[1], state[2], state[3], state[4],
                  state[5] + state[7] + u("frames_reserved"), state[7], u("'mm.c'::frames.run_count")))
        available = u("'resident.c'::available")
        minimum = resident_minimum()
        print("pagefile_total=%u pagefile_used=%u commit=%u commit_limit=%u resident_available=%u ws_pages=%u "
              "ws_limit=%u ws_storage=%u" % (u("'pager.c'::pagefile.slots.bits"), u("'pager.c'::pagefile.slots.used"),
                                             u("'commit.c'::used"), u("'commit.c'::limit"),
                                             available - minimum if available > minimum else 0,
                                             u("'working_set.c'::policy.count"), u("'working_set.c'::limit"),
                                             u("'working_set.c'::storage_pages")))
        c = variable("mm_counters")
        print("faults_dz=%u faults_soft=%u faults_hard=%u pageouts=%u pageins=%u pageout_errors=%u trimmed=%u" % tuple(
            int(c[f]) & 0xFFFFFFFF for f in ("faults_dz", "faults_soft", "faults_hard", "pageouts", "pageins",
                                            "pageout_errors", "trimmed")))
