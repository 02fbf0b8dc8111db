/* The one table of console commands. */
#include "commands.h"

#include "console.h"
#include "shell.h"

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
    { "verifier", "show or switch the IRQL checker (trims pageable memory on every raise to DISPATCH_LEVEL)",
      "verifier [irql on|off]   e.g. verifier irql on", cmd_verifier, {} },
    { "crash", "break a rule on purpose (null, div, ud, gp, df, int3, irql-raise, irql-lower, spinlock, spinlock-release)",
      "crash <kind>   e.g. crash null", cmd_crash, {} },
    { "bugcheck", "stop the machine with KeBugCheckEx(code, p1..p4)",
      "bugcheck <code> [p1 [p2 [p3 [p4]]]]   e.g. bugcheck 0xE2", cmd_bugcheck, {} },
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
