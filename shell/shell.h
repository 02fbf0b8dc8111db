/* The console shell: reads lines from COM1, splits them into words and runs the command named by the
 * first. The commands themselves live in commands.c's table. */
#ifndef PAGODA_SHELL_H
#define PAGODA_SHELL_H

#include <stdbool.h>

struct history;

#define SHELL_PROMPT "pagoda> "
#define SHELL_MAX_ARGS 16

/* What a command's arguments are, so TAB can complete them: one kind per argument position. */
enum shell_arg {
    ARG_OTHER = 0,    /* nothing to complete */
    ARG_COMMAND,      /* a command name */
    ARG_COMMAND_LINE, /* this word and those after it are a command line of their own (watch, at) */
    ARG_POOL_TYPE,    /* NonPagedPool, PagedPool, ... */
    ARG_IRQL,         /* PASSIVE_LEVEL, DISPATCH_LEVEL, ... */
    ARG_DRIVER,       /* a built-in driver's name */
};
#define SHELL_ARG_SLOTS 3

struct shell_command {
    const char *name;
    const char *summary; /* one line for `help` */
    const char *usage;   /* for `help <cmd>` and argument errors: the syntax, then "e.g." and an example */
    int (*run)(int argc, char **argv); /* 0 on success; on failure it has printed its error line */
    enum shell_arg args[SHELL_ARG_SLOTS]; /* {} when no argument completes */
};

/* The table of every command (commands.c). */
const struct shell_command *shell_commands(unsigned *count);
const struct shell_command *shell_find_command(const char *name);

/* The lines entered so far, for `history`. */
const struct history *shell_history(void);

/* For long-running commands, polled as they go: true once Ctrl-C has arrived since the command line
 * began. The shell then drops what was typed up to that Ctrl-C. */
bool shell_interrupt_requested(void);

/* Runs one command line (modified in place). Returns the command's status, or -1 on an error. */
int shell_execute(char *line);
__attribute__((noreturn)) void shell_run(void);

#endif
