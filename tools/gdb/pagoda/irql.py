"""GDB helper for IRQL: `pg-irql` shows the current IRQL with its NT name, the highest level with an
interrupt held back, and whether the IRQL checker is on, read from the kernel's irql_state
(kernel/wdm.h)."""
from .common import Command, variable

NAMES = {0: "PASSIVE_LEVEL", 1: "APC_LEVEL", 2: "DISPATCH_LEVEL", 27: "PROFILE_LEVEL", 28: "CLOCK2_LEVEL",
         29: "IPI_LEVEL", 30: "POWER_LEVEL", 31: "HIGH_LEVEL"}


def irql_name(level):
    if level in NAMES:
        return NAMES[level]
    return "DIRQL (IRQ %d)" % (27 - level) if 3 <= level <= 26 else "INVALID_LEVEL"


class IrqlCommand(Command):
    """pg-irql: the current IRQL, the highest pending interrupt level, and the IRQL checker's state."""
    NAME, USAGE = "pg-irql", "(no arguments)"

    def run(self, args):
        state = variable("irql_state")
        current, pending = int(state["current"]), int(state["pending_top"])
        checking = int(state["raise_ceiling"]) != 31
        print("irql %d (%s)" % (current, irql_name(current)))
        print("pending_top %d%s" % (pending, " (%s)" % irql_name(pending) if pending else " (nothing held back)"))
        print("irql checking: %s" % ("on" if checking else "off"))
