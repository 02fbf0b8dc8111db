"""Driver images in GDB. `pg-drivers` lists every image as the console's `drivers` does (name, state,
base and size when loaded, what its code's pool calls are charged with now), read from drivers/driver.c's
table, and gives GDB the symbols of each mapped image: its .sys keeps its DWARF, and add-symbol-file -o
places it at the loaded base (every section moves by base - ImageBase, as the loader relocates it). The
.sys is looked for in `pagoda-driver-path` (default: drivers/ beside kernel.elf); `pg-drivers list` only
lists.

Kept in step by themselves: an internal breakpoint at driver_debug_event (drivers/driver_debug.c), which
the kernel calls after mapping an image and before DriverEntry, before releasing its INIT pages and
before unmapping it, adds or removes the image's symbols (or disables the breakpoints in INIT code) and
lets the kernel go on, so a pending `break JunkUnload` resolves when junk loads; and the first stop on
each connection catches up with images mapped before GDB attached."""
import contextlib
import os

import gdb

from .common import Command, NotReady, Usage, internal_breakpoint, read_u32, variable

STATES = {0: "unloaded", 1: "loaded", 2: "failed"}
DEBUG_MAPPED, DEBUG_INIT_RELEASING = 0, 1  # enum driver_debug_event; any other: about to be unmapped
PAGE_SIZE = 4096


class Symbols:
    """What this GDB added: driver name -> (file, base);
    and driver name -> numbers of the breakpoints whose locations in its INIT code were disabled."""
    added = {}
    init_disabled = {}
    synced_connection = None  # the connection whose first stop has caught up with the table


class DriverPath(gdb.Parameter):
    """Where pg-drivers finds the .sys of a driver image: directories separated by ':'. Empty (the
    default): drivers/ beside the kernel's file (build/drivers)."""
    set_doc = "Set the directories searched for driver images (<name>.sys)."
    show_doc = "Show the directories searched for driver images (<name>.sys)."

    def __init__(self):
        super().__init__("pagoda-driver-path", gdb.COMMAND_FILES, gdb.PARAM_STRING)
        self.value = ""

    def get_set_string(self):
        return ""

    def get_show_string(self, value):
        return "Driver images are looked for in %s." % ":".join(search_path())


def search_path():
    value = gdb.parameter("pagoda-driver-path")
    if value:
        return value.split(":")
    kernel = gdb.current_progspace().filename
    return [os.path.join(os.path.dirname(kernel), "drivers") if kernel else "build/drivers"]


def image_file(name):
    for directory in search_path():
        path = os.path.join(directory, name + ".sys")
        if os.path.isfile(path):
            return os.path.abspath(path)
    return None


def stamp_of_file(path):
    """TimeDateStamp and CheckSum of a PE file's headers."""
    with open(path, "rb") as f:
        head = f.read(4096)
    nt = int.from_bytes(head[0x3C:0x40], "little")
    return int.from_bytes(head[nt + 8:nt + 12], "little"), int.from_bytes(head[nt + 88:nt + 92], "little")


def stamp_in_memory(base):
    """The same two words of the headers the loader copied to the image's base."""
    nt = base + read_u32(base + 0x3C)
    return read_u32(nt + 8), read_u32(nt + 88)


def quoted(path):
    return '"%s"' % path.replace("\\", "\\\\").replace('"', '\\"')


def add(name, image):
    """Loads the symbols of one mapped image (struct loaded_image) at its base."""
    base, linked_base = int(image["base"]), int(image["linked_base"])
    path = image_file(name)
    if not path:
        print("pagoda: no %s.sys in %s: no symbols for %s (set pagoda-driver-path)"
              % (name, ":".join(search_path()), name))
        return
    try:
        differs = stamp_of_file(path) != stamp_in_memory(base)
    except (NotReady, OSError):
        differs = False  # cannot compare: load the symbols all the same
    if differs:
        print("pagoda: warning: %s is not the image loaded as %s (rebuilt since?): its lines may be wrong"
              % (path, name))
    offset = (base - linked_base) & 0xFFFFFFFF
    gdb.execute("add-symbol-file %s -o %#x" % (quoted(path), offset), to_string=True)
    Symbols.added[name] = (path, base)
    print("pagoda: symbols of %s at 0x%08x from %s" % (name, base, path))
    enable_in_image(Symbols.init_disabled.pop(name, ()), base, int(image["size"]))


def enable_in_image(numbers, base, size):
    """GDB carries a disabled location's state over to the same function in the next image: the INIT
    breakpoints disabled in the last load hold again in this one."""
    for b in gdb.breakpoints():
        if b.number in numbers:
            for location in b.locations:
                if 0 <= location.address - base < size:
                    location.enabled = True


def remove(name):
    path, base = Symbols.added.pop(name)
    try:
        gdb.execute("remove-symbol-file %s" % quoted(path), to_string=True)
    except gdb.error:
        pass  # removed by hand already
    print("pagoda: symbols of %s at 0x%08x removed" % (name, base))


def sync(table, count):
    """Symbols for exactly the mapped images, each at its current base, from the file the path finds now."""
    mapped = {}
    for i in range(count):
        d = table[i]
        if int(d["image"]["pages"]):
            mapped[d["name"].string()] = d["image"]
    for name, (path, base) in list(Symbols.added.items()):
        if name not in mapped or (path, base) != (image_file(name), int(mapped[name]["base"])):
            remove(name)
    for name, image in mapped.items():
        if name not in Symbols.added:
            add(name, image)


def read_table():
    """drivers/driver.c's table and how many entries are used (named by file: a driver may have a global
    of the same name)."""
    table = variable("'driver.c'::drivers")
    return table, min(int(variable("'driver.c'::driver_count")), table.type.range()[1] + 1)


def disable_in_init(name, image):
    """Breakpoints in INIT code come out before its pages go: an int3 the kernel's stub wrote there would
    stay in a freed frame, and GDB could not put it back (nor take it out) at an unmapped address. The
    next load of the image (symbols anew) has them enabled again."""
    base, runs = int(image["base"]), image["init"]
    ranges = [(base + int(runs[i]["first"]) * PAGE_SIZE, int(runs[i]["count"]) * PAGE_SIZE)
              for i in range(runs.type.range()[1] + 1)]
    for b in gdb.breakpoints():
        for number, location in enumerate(b.locations, 1):
            if location.enabled and any(0 <= location.address - lo < size for lo, size in ranges):
                location.enabled = False
                Symbols.init_disabled.setdefault(name, set()).add(b.number)
                print("pagoda: breakpoint %d.%d disabled: %s's INIT code is released" % (b.number, number, name))


@contextlib.contextmanager
def pager_off():
    """No pager while the kernel is stopped at a breakpoint GDB continues from: nobody may answer it."""
    was = gdb.parameter("pagination")
    gdb.execute("set pagination off")
    try:
        yield
    finally:
        gdb.execute("set pagination %s" % ("on" if was else "off"))


class ImageEventBreakpoint(gdb.Breakpoint):
    """At driver_debug_event's first instruction: the driver and the event are on the stack."""

    def __init__(self):
        super().__init__("*driver_debug_event", internal=True)
        self.silent = True

    def stop(self):
        with pager_off():
            try:
                esp = int(gdb.parse_and_eval("$esp")) & 0xFFFFFFFF
                d = gdb.parse_and_eval("*(struct driver *)%d" % read_u32(esp + 4))
                name, event = d["name"].string(), read_u32(esp + 8)
                if event == DEBUG_INIT_RELEASING:
                    disable_in_init(name, d["image"])
                    return False
                if name in Symbols.added:
                    remove(name)
                if event == DEBUG_MAPPED:
                    add(name, d["image"])
            except Exception as e:  # never a traceback, never a stop: the kernel goes on without symbols
                print("pagoda: driver symbols: %s" % e)
        return False


def on_stop(event):
    """Images mapped before this connection (GDB attached late, or reattached) get their symbols."""
    connection = gdb.selected_inferior().connection_num
    if connection is None or connection == Symbols.synced_connection:
        return
    try:
        sync(*read_table())
    except (NotReady, gdb.MemoryError):
        return  # not readable yet (paging not on): the next stop tries again
    except gdb.error as e:
        print("pagoda: driver symbols: %s" % e)
    Symbols.synced_connection = connection


def install():
    DriverPath()
    gdb.events.stop.connect(on_stop)
    internal_breakpoint(ImageEventBreakpoint, "driver symbols do not follow loads")


class DriversCommand(Command):
    """pg-drivers: the driver images (like lm), state, base, size, charged allocations and bytes; their symbols."""
    NAME, USAGE = "pg-drivers", "[list]  (list: the table only, symbols untouched)"
    ARGS = (0, 1)

    def run(self, args):
        if args and args[0] != "list":
            raise Usage("'%s': only 'list' is an option" % args[0])
        table, count = read_table()
        if not args:
            sync(table, count)
        print("Driver          State     Base        Size     Allocs      Bytes")
        for i in range(count):
            d = table[i]
            state = STATES.get(int(d["status"]), "?")
            image, verifier = d["image"], d["verifier"].dereference()
            if state == "loaded":
                where = "  0x%08x  0x%06x" % (int(image["base"]), int(image["size"]))
            else:
                where = "  %-10s  %-8s" % ("-", "-")
            charged = " %7u %10u" % (int(verifier["allocations"]), int(verifier["bytes"]))
            print("%-15s %-8s%s%s" % (d["name"].string(), state, where, charged))
        for name, (path, base) in sorted(Symbols.added.items()):
            print("symbols: %s at 0x%08x from %s" % (name, base, path))
