/* Commands about the console itself: history, with the ring of lines it shows. */
#include "shell/cmd_shell.h"

#include "kernel/console.h"
#include "shell/history.h"

/* Every handler has the table's signature; those that take no words leave argc or argv unused. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

static struct history history;

struct history *cmd_shell_history(void)
{
    return &history;
}

int cmd_history(int argc, char **argv)
{
    for (unsigned age = history_count(&history); age; age--)
        kprintf("%5u  %s\n", (unsigned)(history.added - age + 1), history_recent(&history, age));
    return 0;
}
