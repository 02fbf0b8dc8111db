/* The one table of console commands, the dispatcher, and the commands that run a command line of their
 * own: help, at, watch. */
#include "shell/commands.h"

#include "hal/cpu.h"
#include "kernel/clock.h"
#include "kernel/console.h"
#include "kernel/irql.h"
#include "kernel/lib/kparse.h"
#include "kernel/lib/kstring.h"
#include "shell/args.h"
#include "shell/cmd_drivers.h"
#include "shell/cmd_kernel.h"
#include "shell/cmd_mm.h"
#include "shell/cmd_pool.h"
#include "shell/cmd_registry.h"
#include "shell/cmd_replay.h"
#include "shell/cmd_shell.h"
#include "shell/cmd_stress.h"
#include "shell/cmd_verifier.h"
#include "shell/ctrl_c.h"
#include "shell/lineedit.h"

static args_handler cmd_help, cmd_watch, cmd_at;

#define MANY COMMAND_MAX_WORDS /* no upper bound but the line's */

static const struct command commands[] = {
    { "help", "list the commands, or show how to use one", "help [command]   e.g. help mem", cmd_help,
      { ARG_COMMAND }, 0, 1 },
    { "history", "the last lines entered, oldest first (up/down arrows recall them)", "history", cmd_history, {},
      0, 0 },
    { "watch", "run a command every <ms> milliseconds until Ctrl-C",
      "watch <ms> <command ...>   e.g. watch 1000 mem", cmd_watch, { ARG_OTHER, ARG_COMMAND_LINE }, 2, MANY },
    { "mem", "physical memory and paging figures as key=value", "mem", cmd_mem, {}, 0, 0 },
    { "uptime", "clock ticks and seconds since boot", "uptime", cmd_uptime, {}, 0, 0 },
    { "tag", "a pool tag as poolmon shows it and as C writes it", "tag <1-4 characters>   e.g. tag Test",
      cmd_tag, {}, 1, 1 },
    { "irql", "the current IRQL, as <n> (<NAME>)", "irql", cmd_irql, {}, 0, 0 },
    { "at", "run one command at a raised IRQL", "at <irql> <command ...>   e.g. at DISPATCH_LEVEL irql", cmd_at,
      { ARG_IRQL, ARG_COMMAND_LINE }, 2, MANY },
    { "verifier", "show or switch Driver Verifier: IRQL checking, special pool, pool tracking, low resources",
      "verifier [irql on|off | special <tag> [off] | special driver <name> [off] | special off | "
      "track <driver> on|off | lowres <percent> [seed] | lowres off | lowres driver <name> [off]]   "
      "e.g. verifier special Test",
      cmd_verifier, {}, 0, MANY },
    { "drivers", "the driver images: state, base and size when loaded, live allocations and bytes charged", "drivers",
      cmd_drivers, {}, 0, 0 },
    { "threads", "every thread: id, state, priority, times switched to, start routine and its driver image",
      "threads", cmd_threads, {}, 0, 0 },
    { "load", "map a driver image, resolve its imports, run its DriverEntry", "load <driver>   e.g. load sample", cmd_load,
      { ARG_DRIVER }, 1, 1 },
    { "unload", "unload a driver: its DriverUnload runs, the verifier checks what it left, the image goes",
      "unload <driver>   e.g. unload sample", cmd_unload, { ARG_DRIVER }, 1, 1 },
    { "reg", "the registry: query a key (values, subkeys), add a key or a value, delete one",
      "reg query <path> | reg add <path> [<value> <type> <data>] | reg delete <path> [<value>]   "
      "e.g. reg add \\Registry\\Machine\\System\\CurrentControlSet\\Services\\sample\\Parameters Verbose REG_DWORD 1",
      cmd_reg, {}, 2, MANY },
    { "call", "call an ntoskrnl.exe or HAL.dll export, or any address, with up to four arguments; print eax",
      "call <routine|addr> [arg1 [arg2 [arg3 [arg4]]]]   e.g. call MmIsAddressValid 0x80100000", cmd_call, {},
      1, 5 },
    { "crash", "break a rule on purpose (null, div, ud, gp, df, int3, stack, irql-raise, irql-lower, "
      "spinlock, spinlock-release, unmap-io)",
      "crash <kind>   e.g. crash null", cmd_crash, {}, 1, 1 },
    { "bugcheck", "stop the machine with KeBugCheckEx(code, p1..p4)",
      "bugcheck <code> [p1 [p2 [p3 [p4]]]]   e.g. bugcheck 0xE2", cmd_bugcheck, {}, 1, 5 },
    { "trim", "empty the system working set: every pageable page leaves memory", "trim", cmd_trim, {}, 0, 0 },
    { "memtest", "allocate pageable memory, write a pattern, read it back, free it",
      "memtest <MiB>   e.g. memtest 32", cmd_memtest, {}, 1, 1 },
    { "peek", "read 32 bits at a kernel address", "peek <addr>   e.g. peek 0x80100000", cmd_peek, {}, 1, 1 },
    { "poke", "write 32 bits at a kernel address", "poke <addr> <value>   e.g. poke 0xE1000000 0x1234", cmd_poke,
      {}, 2, 2 },
    { "pte", "decode the PDE and PTE of an address, like !pte", "pte <addr>   e.g. pte 0xE1000000", cmd_pte, {},
      1, 1 },
    { "pfn", "one frame's list, PTE and paging-file slot, like !pfn", "pfn <frame>   e.g. pfn 0x200", cmd_pfn, {},
      1, 1 },
    { "valloc", "allocate pages of pageable (default) or nonpaged virtual memory",
      "valloc <pages> [paged|nonpaged]   e.g. valloc 4", cmd_valloc, {}, 1, 2 },
    { "vfree", "free pages from valloc", "vfree <addr> <pages>   e.g. vfree 0xE1000000 4", cmd_vfree, {}, 2, 2 },
    { "pageout", "page out everything pageable: the next touch reads back from the paging file", "pageout",
      cmd_pageout, {}, 0, 0 },
    { "flipslot", "test hook: page out an address and flip a bit of its paging-file copy",
      "flipslot <addr>   e.g. flipslot 0xE1000000", cmd_flipslot, {}, 1, 1 },
    { "faultbench", "rdtsc per demand-zero, soft and hard fault and per 4 KiB copy (use -icount shift=0)",
      "faultbench [pages]   e.g. faultbench 64", cmd_faultbench, {}, 0, 1 },
    { "replay", "run a page-reference trace (a *.trace module) on pageable pages under a working-set limit",
      "replay <frames> [trace]   e.g. replay 100", cmd_replay, {}, 1, 2 },
    { "poolmon", "pool use per tag and pool, or what a driver is charged with (sort: -t tag, -a allocs, -d diff, "
      "-b bytes)",
      "poolmon [-t|-a|-d|-b] [<driver>]   e.g. poolmon -b sample", cmd_poolmon, {}, 0, 2 },
    { "poolused", "what each tag holds now, most bytes first", "poolused", cmd_poolused, {}, 0, 0 },
    { "poolfind", "every allocated pool block with a tag", "poolfind <tag>   e.g. poolfind JUNK", cmd_poolfind, {},
      1, 1 },
    { "pool", "every block of the pool page holding an address, as !pool", "pool <addr>   e.g. pool 0x81000040",
      cmd_pool, {}, 1, 1 },
    { "alloc", "ExAllocatePoolWithTag (ExAllocatePool without a tag); prints the address",
      "alloc <type> <bytes> [<tag>]   e.g. alloc PagedPool 42 JUNK", cmd_alloc, { ARG_POOL_TYPE }, 2, 3 },
    { "free", "ExFreePool, or ExFreePoolWithTag when a tag is given", "free <addr> [<tag>]   e.g. free 0x81000040 JUNK",
      cmd_free, {}, 1, 2 },
    { "lookaside", "every lookaside list with its depth and hit/miss counters", "lookaside", cmd_lookaside, {},
      0, 0 },
    { "poolbench", "time-stamp counts per pool alloc+free pair (64 and 1000 bytes); instructions under -icount",
      "poolbench [pairs]   e.g. poolbench 10000", cmd_poolbench, {}, 0, 1 },
    { "stress", "seeded soak: pool allocations of every size and type verified, trims, page-outs, a timer DPC",
      "stress <seconds> [seed]   e.g. stress 20 7", cmd_stress, {}, 1, 2 },
    { "faultinject", "fail a share of the paging file's reads or writes; no words: what failed so far",
      "faultinject [pagefile read|write <percent> [seed] | off]   e.g. faultinject pagefile write 50",
      cmd_faultinject, {}, 0, 4 },
    { "poweroff", "leave QEMU (exit status 33), after IRP_MJ_SHUTDOWN to the devices registered for it", "poweroff", cmd_poweroff, {}, 0, 0 },
};

#define COMMANDS (sizeof(commands) / sizeof(commands[0]))

const struct command *commands_table(unsigned *count)
{
    *count = COMMANDS;
    return commands;
}

static const struct command *find(const char *name)
{
    for (unsigned i = 0; i < COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return 0;
}

/* Shows a word the user typed without sending control bytes back to the terminal. */
static void print_sanitized(const char *s)
{
    for (int n = 0; *s && n < 32; s++, n++)
        console_putc(*s >= ' ' && *s <= '~' ? *s : '?');
    if (*s)
        console_puts("...");
}

int commands_execute(char *line)
{
    char *argv[COMMAND_MAX_WORDS];
    int argc = split_words(line, argv, COMMAND_MAX_WORDS);
    if (argc == 0)
        return 0;
    if (argc < 0) {
        console_error("too many words (at most %d)", COMMAND_MAX_WORDS);
        return -1;
    }
    const struct command *cmd = find(argv[0]);
    if (!cmd) {
        console_puts("error: unknown command '");
        print_sanitized(argv[0]);
        console_puts("' (type 'help' for the list)\n");
        return -1;
    }
    int words = argc - 1;
    int status = words < cmd->min_words || words > cmd->max_words ? ARGS_USAGE : cmd->run(argc, argv);
    if (status != ARGS_USAGE)
        return status;
    console_error("usage: %s", cmd->usage);
    return -1;
}

static int cmd_help(int argc, char **argv)
{
    if (argc == 2) {
        const struct command *cmd = find(argv[1]);
        if (!cmd) {
            console_error("no command named '%s' (type 'help' for the list)", argv[1]);
            return -1;
        }
        kprintf("%s - %s\nusage: %s\n", cmd->name, cmd->summary, cmd->usage);
        return 0;
    }
    for (unsigned i = 0; i < COMMANDS; i++)
        kprintf("%-10s %s\n", commands[i].name, commands[i].summary);
    return 0;
}

/* The words from argv[first] on, joined back into one line for commands_execute. */
static bool join_words(char line[LINEEDIT_MAX], int argc, char **argv, int first)
{
    size_t len = 0;
    line[0] = '\0';
    for (int i = first; i < argc; i++) {
        len += strlcpy(line + len, argv[i], LINEEDIT_MAX - len);
        if (len + 1 >= LINEEDIT_MAX) {
            console_error("%s: command too long", argv[0]);
            return false;
        }
        if (i + 1 < argc)
            line[len++] = ' ';
    }
    return true;
}

/* A level below the current one is refused with an error line rather than a 0x09 bugcheck: the console
 * should not stop the machine by accident (`crash irql-raise` does it on purpose). */
static int cmd_at(int argc, char **argv)
{
    KIRQL level, old;
    char line[LINEEDIT_MAX];
    if (!args_irql("at", argv[1], &level))
        return -1;
    if (level < KeGetCurrentIrql()) {
        console_error("at: %s is below the current IRQL %s", irql_name(level), irql_name(KeGetCurrentIrql()));
        return -1;
    }
    if (!join_words(line, argc, argv, 2))
        return -1;
    KeRaiseIrql(level, &old);
    int status = commands_execute(line);
    KeLowerIrql(old);
    return status;
}

/* Sleeps until the tick `until`, or returns false as soon as Ctrl-C arrives. */
static bool sleep_until(uint64_t until)
{
    while (clock_ticks() < until) {
        if (ctrl_c_requested())
            return false;
        cpu_halt(); /* the next clock tick wakes us */
    }
    return !ctrl_c_requested();
}

static int cmd_watch(int argc, char **argv)
{
    uint32_t ms;
    char line[LINEEDIT_MAX], copy[LINEEDIT_MAX];
    if (!args_u32("watch", argv[1], 10, 3600000, &ms) || !join_words(line, argc, argv, 2) ||
        !ctrl_c_can_arrive("watch"))
        return -1;
    for (unsigned run = 1;; run++) {
        kprintf("watch: run %u of '%s' every %u ms (Ctrl-C stops)\n", run, line, (unsigned)ms);
        memcpy(copy, line, sizeof(copy));
        if (commands_execute(copy) != 0)
            return -1; /* the command has said why */
        if (!sleep_until(clock_ticks() + ((uint64_t)ms * CLOCK_HZ + 999) / 1000)) {
            kprintf("watch: interrupted after %u runs\n", run);
            return 0;
        }
    }
}
