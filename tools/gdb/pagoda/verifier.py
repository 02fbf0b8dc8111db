"""pg-verifier: Driver Verifier's state, the console's `verifier` lines (shell/cmd_verifier.c's show)."""
from .common import Command, variable
from .pool import tag_entries
from .tag import tag_text

SPECIAL_POOL, TRACK_POOL, LOW_RESOURCES = 1, 2, 4  # enum verifier_flags (pool/verifier.h)


def drivers_with(flag, none="none"):
    """Driver Verifier's records by name (pool/verifier.c), in the order they were made."""
    table, count = variable("'verifier.c'::records"), int(variable("'verifier.c'::record_count"))
    names = [table[i]["name"].string() for i in range(count) if int(table[i]["flags"]) & flag]
    return "".join(" " + n for n in names) or " " + none


class VerifierCommand(Command):
    """pg-verifier: Driver Verifier's switches (IRQL checking, special pool, pool tracking, low resources)."""
    NAME, USAGE = "pg-verifier", "(no arguments)"

    def run(self, args):
        print("irql checking: %s" % ("on" if int(variable("irql_state")["raise_ceiling"]) != 31 else "off"))
        tags = [tag_text(tag) for tag, flags, _ in tag_entries() if flags & SPECIAL_POOL]
        print("special pool tags:%s" % ("".join(" " + t for t in tags) or " none"))
        print("special pool drivers:%s" % drivers_with(SPECIAL_POOL))
        print("pool tracking:%s" % drivers_with(TRACK_POOL))
        low = int(variable("'verifier.c'::low_percent"))
        print("low resources: %s" % ("%u%%" % low if low else "off"))
        print("low resources drivers:%s" % drivers_with(LOW_RESOURCES, "all"))
        print("verified drivers:%s" % drivers_with(0xFFFFFFFF))
