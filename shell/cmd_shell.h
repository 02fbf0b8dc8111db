/* Commands about the console itself (those that run a command line are in commands.c). */
#ifndef PAGODA_CMD_SHELL_H
#define PAGODA_CMD_SHELL_H

#include "shell/args.h"

struct history;

/* The lines entered so far: the shell's line editor adds to it, `history` shows it. */
struct history *cmd_shell_history(void);

args_handler cmd_history;

#endif
