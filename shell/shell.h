/* The console shell: reads lines from COM1 through the line editor and runs each through the command
 * table (commands.h). */
#ifndef PAGODA_SHELL_H
#define PAGODA_SHELL_H

#define SHELL_PROMPT "pagoda> "

__attribute__((noreturn)) void shell_run(void);

#endif
