/* The one table of console commands. */
#include "shell/commands.h"

#include "kernel/console.h"
#include "shell/shell.h"

static const struct shell_command commands[] = {
    { "help", "list the commands, or show how to use one", "help [command]   e.g. help mem", cmd_help,
      { ARG_COMMAND } },
    { "history", "the last lines entered, oldest first (up/down arrows recall them)", "history", cmd_history, {} },
    { "watch", "run a command every <ms> milliseconds until Ctrl-C",
      "watch <ms> <command ...>   e.g. watch 1000 mem", cmd_watch, { ARG_OTHER, ARG_COMMAND_LINE } },
    { "mem", "physical memory and paging figures as key=value", "mem", cmd_mem, {} },
    { "uptime", "clock ticks and seconds since boot", "uptime", cmd_uptime, {} },
    { "tag", "a pool tag as poolmon shows it and as C writes it", "tag <1-4 characters>   e.g. tag Test",
      cmd_tag, {} },
    { "irql", "the current IRQL, as <n> (<NAME>)", "irql", cmd_irql, {} },
    { "at", "run one command at a raised IRQL", "at <irql> <command ...>   e.g. at DISPATCH_LEVEL irql", cmd_at,
      { ARG_IRQL, ARG_COMMAND_LINE } },
    { "verifier", "show or switch Driver Verifier: IRQL checking, special pool, pool tracking, low resources",
      "verifier [irql on|off | special <tag> [off] | special driver <name> [off] | special off | "
      "track <driver> on|off | lowres <percent> [seed] | lowres off]   e.g. verifier special Test",
      cmd_verifier, {} },
    { "drivers", "the built-in drivers: loaded or not, live allocations and bytes when tracked", "drivers",
      cmd_drivers, {} },
    { "load", "load a built-in driver: its DriverEntry runs", "load <driver>   e.g. load sample", cmd_load, { ARG_DRIVER } },
    { "unload", "unload a driver: its DriverUnload runs, then the verifier checks what it left",
      "unload <driver>   e.g. unload sample", cmd_unload, { ARG_DRIVER } },
    { "crash", "break a rule on purpose (null, div, ud, gp, df, int3, stack, irql-raise, irql-lower, "
      "spinlock, spinlock-release)",
      "crash <kind>   e.g. crash null", cmd_crash, {} },
    { "bugcheck", "stop the machine with KeBugCheckEx(code, p1..p4)",
      "bugcheck <code> [p1 [p2 [p3 [p4]]]]   e.g. bugcheck 0xE2", cmd_bugcheck, {} },
    { "trim", "empty the system working set: every pageable page leaves memory", "trim", cmd_trim, {} },
    { "memtest", "allocate pageable memory, write a pattern, read it back, free it",
      "memtest <MiB>   e.g. memtest 32", cmd_memtest, {} },
    { "peek", "read 32 bits at a kernel address", "peek <addr>   e.g. peek 0x80100000", cmd_peek, {} },
    { "poke", "write 32 bits at a kernel address", "poke <addr> <value>   e.g. poke 0xE1000000 0x1234", cmd_poke, {} },
    { "pte", "decode the PDE and PTE of an address, like !pte", "pte <addr>   e.g. pte 0xE1000000", cmd_pte, {} },
    { "pfn", "one frame's list, PTE and paging-file slot, like !pfn", "pfn <frame>   e.g. pfn 0x200", cmd_pfn, {} },
    { "valloc", "allocate pages of pageable (default) or nonpaged virtual memory",
      "valloc <pages> [paged|nonpaged]   e.g. valloc 4", cmd_valloc, {} },
    { "vfree", "free pages from valloc", "vfree <addr> <pages>   e.g. vfree 0xE1000000 4", cmd_vfree, {} },
    { "pageout", "page out everything pageable: the next touch reads back from the paging file", "pageout",
      cmd_pageout, {} },
    { "flipslot", "test hook: page out an address and flip a bit of its paging-file copy",
      "flipslot <addr>   e.g. flipslot 0xE1000000", cmd_flipslot, {} },
    { "faultbench", "rdtsc per demand-zero, soft and hard fault and per 4 KiB copy (use -icount shift=0)",
      "faultbench [pages]   e.g. faultbench 64", cmd_faultbench, {} },
    { "poolmon", "pool use per tag and pool (sort: -t tag, -a allocs, -d diff, -b bytes)",
      "poolmon [-t|-a|-d|-b]   e.g. poolmon -b", cmd_poolmon, {} },
    { "poolused", "what each tag holds now, most bytes first", "poolused", cmd_poolused, {} },
    { "poolfind", "every allocated pool block with a tag", "poolfind <tag>   e.g. poolfind JUNK", cmd_poolfind, {} },
    { "pool", "every block of the pool page holding an address, as !pool", "pool <addr>   e.g. pool 0x81000040",
      cmd_pool, {} },
    { "alloc", "ExAllocatePoolWithTag (ExAllocatePool without a tag); prints the address",
      "alloc <type> <bytes> [<tag>]   e.g. alloc PagedPool 42 JUNK", cmd_alloc, { ARG_POOL_TYPE } },
    { "free", "ExFreePool, or ExFreePoolWithTag when a tag is given", "free <addr> [<tag>]   e.g. free 0x81000040 JUNK",
      cmd_free, {} },
    { "lookaside", "every lookaside list with its depth and hit/miss counters", "lookaside", cmd_lookaside, {} },
    { "poolbench", "time-stamp counts per pool alloc+free pair (64 and 1000 bytes); instructions under -icount",
      "poolbench [pairs]   e.g. poolbench 10000", cmd_poolbench, {} },
    { "poweroff", "leave QEMU (exit status 33)", "poweroff", cmd_poweroff, {} },
};

const struct shell_command *shell_commands(unsigned *count)
{
    *count = sizeof(commands) / sizeof(commands[0]);
    return commands;
}

int cmd_usage_error(const char *name)
{
    const struct shell_command *cmd = shell_find_command(name);
    console_error("usage: %s", cmd ? cmd->usage : name);
    return -1;
}

int cmd_help(int argc, char **argv)
{
    if (argc > 2)
        return cmd_usage_error("help");
    if (argc == 2) {
        const struct shell_command *cmd = shell_find_command(argv[1]);
        if (!cmd) {
            console_error("no command named '%s' (type 'help' for the list)", argv[1]);
            return -1;
        }
        kprintf("%s - %s\nusage: %s\n", cmd->name, cmd->summary, cmd->usage);
        return 0;
    }
    for (unsigned i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        kprintf("%-10s %s\n", commands[i].name, commands[i].summary);
    return 0;
}
