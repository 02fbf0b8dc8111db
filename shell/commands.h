/* The one table of console commands, and running a command line through it. The commands that run
 * other commands (help, at, watch) live here too, beside the table they use; every other handler is
 * in the cmd_*.c of the layer it inspects, below this module. */
#ifndef PAGODA_COMMANDS_H
#define PAGODA_COMMANDS_H

#include "shell/args.h"

#define COMMAND_MAX_WORDS 16 /* words of a command line, the command's name included */

/* What a command's arguments are, so TAB can complete them: one kind per argument position. */
enum command_arg {
    ARG_OTHER = 0,    /* nothing to complete */
    ARG_COMMAND,      /* a command name */
    ARG_COMMAND_LINE, /* this word and those after it are a command line of their own (watch, at) */
    ARG_POOL_TYPE,    /* NonPagedPool, PagedPool, ... */
    ARG_IRQL,         /* PASSIVE_LEVEL, DISPATCH_LEVEL, ... */
    ARG_DRIVER,       /* a driver image's name */
};
#define COMMAND_ARG_SLOTS 3

struct command {
    const char *name;
    const char *summary; /* one line for `help` */
    const char *usage;   /* for `help <cmd>` and argument errors: the syntax, then "e.g." and an example */
    args_handler *run;
    enum command_arg args[COMMAND_ARG_SLOTS]; /* {} when no argument completes */
    /* How many words may follow the name; any other count gets the usage line before run is called. */
    unsigned char min_words, max_words;
};

const struct command *commands_table(unsigned *count);

/* Runs one command line (modified in place). Returns the command's status, or -1 on an error. */
int commands_execute(char *line);

#endif
