/* The one table of console commands. */
#include "commands.h"

#include "console.h"
#include "shell.h"

static const struct shell_command commands[] = {
    { "help", "list the commands, or show how to use one", "help [command]   e.g. help mem", cmd_help },
    { "mem", "physical memory and paging figures as key=value", "mem", cmd_mem },
    { "uptime", "clock ticks and seconds since boot", "uptime", cmd_uptime },
    { "crash", "cause a CPU exception on purpose (null, div, ud, gp, df, int3)", "crash <kind>   e.g. crash null",
      cmd_crash },
    { "bugcheck", "stop the machine with KeBugCheckEx(code, p1..p4)",
      "bugcheck <code> [p1 [p2 [p3 [p4]]]]   e.g. bugcheck 0xE2", cmd_bugcheck },
    { "poolmon", "pool use per tag and pool (sort: -t tag, -a allocs, -d diff, -b bytes)",
      "poolmon [-t|-a|-d|-b]   e.g. poolmon -b", cmd_poolmon },
    { "poolused", "what each tag holds now, most bytes first", "poolused", cmd_poolused },
    { "poolfind", "every allocated pool block with a tag", "poolfind <tag>   e.g. poolfind JUNK", cmd_poolfind },
    { "pool", "every block of the pool page holding an address, as !pool", "pool <addr>   e.g. pool 0x81000040",
      cmd_pool },
    { "alloc", "ExAllocatePoolWithTag (ExAllocatePool without a tag); prints the address",
      "alloc <type> <bytes> [<tag>]   e.g. alloc PagedPool 42 JUNK", cmd_alloc },
    { "free", "ExFreePool, or ExFreePoolWithTag when a tag is given", "free <addr> [<tag>]   e.g. free 0x81000040 JUNK",
      cmd_free },
    { "lookaside", "every lookaside list with its depth and hit/miss counters", "lookaside", cmd_lookaside },
    { "poolbench", "time-stamp counts per pool alloc+free pair (64 and 1000 bytes); instructions under -icount",
      "poolbench [pairs]   e.g. poolbench 10000", cmd_poolbench },
    { "poweroff", "leave QEMU (exit status 33)", "poweroff", cmd_poweroff },
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
