"""Pagoda's GDB helpers (pg- commands): one class per command, loaded once per GDB by
build/kernel.elf-gdb.py (auto-load) or `source tools/gdb/load.py`. `help pagoda` lists them."""
import gdb

from . import bugcheck, common, drivers, irql, lists, mm, pool, tag, verifier, vm

for cls in (irql.IrqlCommand, mm.PteCommand, mm.PfnCommand, drivers.DriversCommand, bugcheck.BugcheckCommand,
            bugcheck.TrapCommand, tag.TagCommand, pool.PoolCommand, pool.PoolusedCommand,
            pool.PoolfindCommand, vm.VmCommand, lists.LookasideCommand, lists.DpcsCommand, lists.TimersCommand,
            lists.ThreadsCommand,
            verifier.VerifierCommand):
    cls()
bugcheck.install()
drivers.install()


class PagodaCommand(gdb.Command):
    def __init__(self):
        width = max(len(name) for name, _ in common.COMMANDS)
        self.__doc__ = "Pagoda's GDB helpers; `help pg-xxx` for one of them.\n\n" + "\n".join(
            "%-*s  %s" % (width, name, summary.split(": ", 1)[-1]) for name, summary in common.COMMANDS) + (
            "\n\nA bugcheck breaks into GDB (a breakpoint at bugcheck_from_trap). A driver image's symbols come and go"
            "\nwith it (a breakpoint at driver_debug_event); set pagoda-driver-path says where its .sys is.")
        super().__init__("pagoda", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        gdb.execute("help pagoda")


PagodaCommand()
