/* The console shell: reads lines from COM1, splits them into words and runs the command named by the
 * first. The commands themselves live in commands.c's table. */
#ifndef PAGODA_SHELL_H
#define PAGODA_SHELL_H

struct history;

#define SHELL_PROMPT "pagoda> "
#define SHELL_MAX_ARGS 16

struct shell_command {
    const char *name;
    const char *summary; /* one line for `help` */
    const char *usage;   /* for `help <cmd>` and argument errors */
    int (*run)(int argc, char **argv); /* 0 on success; on failure it has printed its error line */
};

/* The table of every command (commands.c). */
const struct shell_command *shell_commands(unsigned *count);
const struct shell_command *shell_find_command(const char *name);

/* The lines entered so far, for `history`. */
const struct history *shell_history(void);

/* Runs one command line (modified in place). Returns the command's status, or -1 on an error. */
int shell_execute(char *line);
__attribute__((noreturn)) void shell_run(void);

#endif
