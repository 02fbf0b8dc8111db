/* Commands about the shell itself: history, watch. */
#include "hal/cpu.h"
#include "kernel/clock.h"
#include "kernel/console.h"
#include "kernel/lib/kstring.h"
#include "shell/args_print.h"
#include "shell/commands.h"
#include "shell/history.h"
#include "shell/lineedit.h"
#include "shell/shell.h"

int cmd_history(int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return cmd_usage_error("history");
    const struct history *h = shell_history();
    for (unsigned age = history_count(h); age; age--)
        kprintf("%5u  %s\n", (unsigned)(h->added - age + 1), history_recent(h, age));
    return 0;
}

/* The words back into one line; they came from one, so they fit in one. */
static void join_words(char *line, size_t size, int argc, char **argv)
{
    line[0] = '\0';
    for (size_t used = 0; argc > 0; argc--, argv++) {
        if (used && used + 1 < size)
            line[used++] = ' ';
        used += strlcpy(line + used, *argv, size - used);
        if (used >= size)
            return;
    }
}

/* Sleeps until the tick `until`, or returns false as soon as Ctrl-C arrives. */
static bool sleep_until(uint64_t until)
{
    while (clock_ticks() < until) {
        if (shell_interrupt_requested())
            return false;
        cpu_halt(); /* the next clock tick wakes us */
    }
    return !shell_interrupt_requested();
}

int cmd_watch(int argc, char **argv)
{
    uint32_t ms;
    if (argc < 3)
        return cmd_usage_error("watch");
    if (!args_u32("watch", argv[1], 10, 3600000, &ms))
        return -1;
    char line[LINEEDIT_MAX], copy[LINEEDIT_MAX];
    join_words(line, sizeof(line), argc - 2, argv + 2);
    for (unsigned run = 1;; run++) {
        kprintf("watch: run %u of '%s' every %u ms (Ctrl-C stops)\n", run, line, (unsigned)ms);
        memcpy(copy, line, sizeof(copy));
        if (shell_execute(copy) != 0)
            return -1; /* the command has said why */
        if (!sleep_until(clock_ticks() + ((uint64_t)ms * CLOCK_HZ + 999) / 1000)) {
            kprintf("watch: interrupted after %u runs\n", run);
            return 0;
        }
    }
}
