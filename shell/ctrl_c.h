/* Ctrl-C for long-running commands. The shell arms it as each command line begins; a long command
 * polls ctrl_c_requested() as it goes, printing progress, and stops when it turns true. */
#ifndef PAGODA_CTRL_C_H
#define PAGODA_CTRL_C_H

#include <stdbool.h>
#include <stdint.h>

void ctrl_c_arm(void);
/* True once Ctrl-C has arrived since ctrl_c_arm. */
bool ctrl_c_requested(void);
/* For the shell when the command is done: if it stopped for Ctrl-C, how many have arrived since
 * ctrl_c_arm (the shell drops what was typed up to the last of them); else 0, and a Ctrl-C typed
 * meanwhile reaches the line editor, which cancels the line with it. */
uint32_t ctrl_c_to_drop(void);

#endif
