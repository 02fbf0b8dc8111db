"""The STOP path in GDB: a breakpoint at bugcheck_from_trap's first instruction (so the arguments are
still on the stack, not <optimized out>) breaks into GDB on every bugcheck, as WinDbg does, and keeps
the STOP for `pg-bugcheck`; `pg-trap` shows the trap frame like .trap with a backtrace from it."""
import gdb

from .common import Command, NotReady, internal_breakpoint, parse_number, read_u32, variable

last = None  # {"code", "params", "frame", "caller"} of the STOP caught by the breakpoint

# What the parameters mean, for the codes whose meaning CONTRACT.md's bugcheck table spells out.
MEANING = {
    0x19: "a corrupt pool header found on free or allocate; p1 says which check failed",
    0xC2: "p1 = 0x07 double free, 0x08 allocate at bad IRQL, 0x09 free at bad IRQL, 0x0A wrong tag on free",
    0xC4: "p1 = 0x62: a driver unloaded without freeing its pool (p4 the number of allocations)",
    0xCC: "special pool caught a use after free (p1 the address referenced)",
    0xCD: "special pool caught an overrun (p1 the address referenced)",
    0x50: "p1 the address referenced, p2 0 read / 1 write, p3 the faulting eip",
    0x0A: "p1 the address referenced, p2 the IRQL, p3 0 read / 1 write, p4 the faulting eip",
    0xD1: "p1 the address referenced, p2 the IRQL, p3 0 read / 1 write, p4 the faulting eip",
}


def stop_name(code):
    """The kernel's own name table (kernel/bugcheck.c), so the two never disagree."""
    try:
        names = gdb.parse_and_eval("'bugcheck.c'::names")
        for i in range(names.type.range()[1] + 1):
            if int(names[i]["code"]) == code:
                return names[i]["name"].string()
    except gdb.error:
        pass
    return "(unknown bugcheck code)"


def stop_line(code, params):
    return "*** STOP: 0x%08X (0x%08X,0x%08X,0x%08X,0x%08X)\n%s" % ((code,) + tuple(params) + (stop_name(code),))


class StopBreakpoint(gdb.Breakpoint):
    def __init__(self):
        super().__init__("*bugcheck_from_trap", internal=True)
        self.silent = True

    def stop(self):
        global last
        try:
            esp = int(gdb.parse_and_eval("$esp")) & 0xFFFFFFFF
            words = [read_u32(esp + 4 * i) for i in range(7)]
        except Exception:  # cannot read the stack: still stop, as a STOP must
            print("pagoda: bugcheck (arguments not readable)")
            return True
        last = {"caller": words[0], "code": words[1], "params": words[2:6], "frame": words[6]}
        print("\npagoda: bugcheck, GDB breaks in")
        print(stop_line(last["code"], last["params"]))
        print("pg-bugcheck explains it; %s" % ("pg-trap shows the trap frame" if last["frame"] else "bt shows who called it"))
        return True


def install():
    internal_breakpoint(StopBreakpoint, "no breakpoint on bugchecks")


class BugcheckCommand(Command):
    """pg-bugcheck: the last STOP (code, name, parameters and what they mean), like !analyze -v in short."""
    NAME, USAGE = "pg-bugcheck", "(no arguments)"

    def run(self, args):
        if last is None:
            stopped = int(variable("'bugcheck.c'::in_bugcheck"))
            raise NotReady("a STOP happened before the helpers were loaded; its screen is on the console"
                           if stopped else "no STOP since GDB attached")
        print(stop_line(last["code"], last["params"]))
        if last["code"] in MEANING:
            print(MEANING[last["code"]])
        print("called from " + where(last["caller"]))
        if last["frame"]:
            print("trap frame at 0x%08x (pg-trap)" % last["frame"])


def symbol(pc):
    try:
        sym = gdb.execute("info symbol 0x%x" % pc, to_string=True).strip()
        return "" if sym.startswith("No symbol") else "(%s)" % sym.split(" in section")[0]
    except gdb.error:
        return ""


def where(pc, returning=True):
    """pc with its symbol and line; a return address is looked up one byte back, since a call to a
    noreturn function (KeBugCheckEx) may be the last instruction of its caller."""
    at = pc - 1 if returning else pc
    line = gdb.find_pc_line(at)
    place = " at %s:%d" % (line.symtab.filename, line.line) if line.symtab else ""
    return "0x%08x %s%s" % (pc, symbol(at), place)


# struct trap_frame (kernel/trap.h), word by word
FIELDS = ["gs", "fs", "es", "ds", "edi", "esi", "ebp", "esp_at_pushad", "ebx", "edx", "ecx", "eax",
          "vector", "error_code", "eip", "cs", "eflags"]


class TrapCommand(Command):
    """pg-trap [<frame>]: the registers of a trap frame (the last STOP's by default) and a backtrace from it, like .trap."""
    NAME, USAGE = "pg-trap", "[<trap frame address>]"
    ARGS = (0, 1)

    def run(self, args):
        if args:
            at = parse_number(args[0], "address")
        elif last and last["frame"]:
            at = last["frame"]
        else:
            raise NotReady("no trap frame: the last STOP came from KeBugCheckEx, not a trap" if last
                           else "no STOP since GDB attached; give a trap frame address")
        f = {name: read_u32(at + 4 * i) for i, name in enumerate(FIELDS)}
        esp = f["esp_at_pushad"] if f["vector"] == 8 else at + 4 * len(FIELDS)  # no ss:esp pushed in ring 0
        print("trap 0x%02x error 0x%08x at eip=0x%08x cs=0x%04x eflags=0x%08x" % (
            f["vector"], f["error_code"], f["eip"], f["cs"], f["eflags"]))
        print("eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x" % (f["eax"], f["ebx"], f["ecx"], f["edx"]))
        print("esi=0x%08x edi=0x%08x ebp=0x%08x esp=0x%08x" % (f["esi"], f["edi"], f["ebp"], esp))
        print("#0  " + where(f["eip"], returning=False))
        ebp = f["ebp"]
        for depth in range(1, 17):  # the frame-pointer chain, as the STOP screen walks it
            if not 0x80000000 <= ebp < 0x81000000 or ebp & 3:
                break
            ret, up = read_u32(ebp + 4), read_u32(ebp)
            print("#%-2d %s" % (depth, where(ret)))
            if up <= ebp:
                break
            ebp = up
