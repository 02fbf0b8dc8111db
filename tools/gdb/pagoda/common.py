"""What every pg- command shares: the console's number formats, a usage line instead of a traceback,
and a plain word when the kernel has not set up what a command reads yet."""
import re

import gdb

COMMANDS = []  # (name, one-line summary) for `help pagoda`


class Usage(Exception):
    """A bad argument: the command's usage line is printed."""


class NotReady(Exception):
    """What the command reads does not exist yet (or the target is not stopped)."""


def parse_number(word, what="number"):
    """The console's numbers (decimal or 0x hex, 32 bits); in GDB also a symbol or expression."""
    if re.fullmatch(r"0[xX][0-9a-fA-F]+|[0-9]+", word):
        value = int(word, 0)
        if value > 0xFFFFFFFF:
            raise Usage("'%s': at most 0xFFFFFFFF" % word)
        return value
    try:
        value = gdb.parse_and_eval(word)
        if value.type.strip_typedefs().code == gdb.TYPE_CODE_ARRAY:  # a symbol such as boot_stack_guard
            value = value.address
        return int(value) & 0xFFFFFFFF
    except (gdb.error, RuntimeError, ValueError):
        raise Usage("'%s': not a %s (0x hex or decimal expected)" % (word, what))


def read_u32(address):
    try:
        return int(gdb.parse_and_eval("*(unsigned int *)%d" % address)) & 0xFFFFFFFF
    except gdb.MemoryError:
        raise NotReady("0x%08x cannot be read (not mapped now)" % address)


def variable(expression):
    """A kernel variable; NotReady when the target is not stopped or the symbol is missing."""
    try:
        return gdb.parse_and_eval(expression)
    except gdb.error as e:
        raise NotReady("cannot read %s: %s" % (expression, e))


class Command(gdb.Command):
    """Base of every pg- command: NAME, USAGE (shown on a bad argument) and run(args)."""
    NAME = None
    USAGE = "(no arguments)"
    ARGS = (0, 0)  # how many words it takes, checked before run()

    def __init__(self):
        super().__init__(self.NAME, gdb.COMMAND_DATA)
        COMMANDS.append((self.NAME, (self.__doc__ or "").strip().splitlines()[0]))

    def invoke(self, arg, from_tty):
        try:
            args = gdb.string_to_argv(arg)
            if not self.ARGS[0] <= len(args) <= self.ARGS[1]:
                raise Usage("")
            self.run(args)
        except Usage as e:
            if str(e):
                print("%s: %s" % (self.NAME, e))
            print("usage: %s %s" % (self.NAME, self.USAGE))
        except NotReady as e:
            print("%s: %s" % (self.NAME, e))
        except gdb.MemoryError as e:
            # before paging is on (or after a bad pointer) the kernel's variables are not there to read
            print("%s: not readable yet, the kernel has not initialised it (%s)" % (self.NAME, e))
        except gdb.error as e:  # no process, no symbol: say it plainly, never a traceback
            print("%s: %s" % (self.NAME, e))
        except KeyboardInterrupt:
            print("%s: interrupted" % self.NAME)
        except Exception as e:  # a helper bug: one line, never a traceback
            print("%s: internal error: %s: %s" % (self.NAME, type(e).__name__, e))

    def run(self, args):
        raise NotImplementedError


def internal_breakpoint(cls, without):
    """Sets one of the package's internal breakpoints; if GDB cannot (no symbol, no target), says what
    goes `without` it instead of failing the package's load."""
    try:
        cls()
    except (gdb.error, RuntimeError) as e:
        print("pagoda: %s (%s)" % (without, e))
