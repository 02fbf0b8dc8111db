"""GDB helper for driver images: `pg-drivers` lists every image as the console's `drivers` does (name,
state, base and size when loaded, what its code's pool calls are charged with now), read from
drivers/driver.c's table, and for each loaded image the add-symbol-file line that gives GDB its symbols
at the address it was loaded (the .sys keeps its DWARF; the offset is base minus ImageBase)."""
from .common import Command, variable

STATES = {0: "unloaded", 1: "loaded", 2: "failed"}


class DriversCommand(Command):
    """pg-drivers: the driver images (like lm), state, base, size, charged allocations and bytes."""
    NAME, USAGE = "pg-drivers", "(no arguments)"

    def run(self, args):
        count = int(variable("driver_count"))
        table = variable("drivers")
        print("Driver          State     Base        Size     Allocs      Bytes")
        hints = []
        for i in range(count):
            d = table[i]
            name = d["name"].string()
            state = STATES.get(int(d["status"]), "?")
            image, verifier = d["image"], d["verifier"].dereference()
            if state == "loaded":
                base, size = int(image["base"]), int(image["size"])
                where = "  0x%08x  0x%06x" % (base, size)
                hints.append("add-symbol-file build/drivers/%s.sys -o %#x" % (name, (base - int(image["linked_base"])) & 0xFFFFFFFF))
            else:
                where = "  %-10s  %-8s" % ("-", "-")
            charged = " %7u %10u" % (int(verifier["allocations"]), int(verifier["bytes"]))
            print("%-15s %-8s%s%s" % (name, state, where, charged))
        for h in hints:
            print(h)
