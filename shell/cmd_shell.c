/* Commands about the console itself: history, with the ring of lines it shows. */
#include "shell/cmd_shell.h"

#include "kernel/console.h"
#include "shell/history.h"

static struct history history;

struct history *cmd_shell_history(void)
{
    return &history;
}

int cmd_history(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    for (unsigned age = history_count(&history); age; age--)
        kprintf("%5u  %s\n", (unsigned)(history.added - age + 1), history_recent(&history, age));
    return 0;
}
