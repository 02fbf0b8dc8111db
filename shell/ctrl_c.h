/* Ctrl-C for long-running commands. The shell arms it as each command line begins; a long command
 * polls ctrl_c_requested() as it goes, printing progress, and stops when it turns true. */
#ifndef PAGODA_CTRL_C_H
#define PAGODA_CTRL_C_H

#include <stdbool.h>
#include <stdint.h>

void ctrl_c_arm(void);
/* True once Ctrl-C has arrived since ctrl_c_arm. The first call puts the serial driver in discard mode
 * (drivers/serial.h): a Ctrl-C behind more than 8 KiB typed ahead still arrives. */
bool ctrl_c_requested(void);
/* A long command calls this first: at or above COM1's DIRQL no Ctrl-C can arrive (and at or above the
 * clock's no time passes), so it prints the one error line and returns false; the command refuses. */
bool ctrl_c_can_arrive(const char *cmd);
/* For the shell when the command is done (ends discard mode): if it stopped for Ctrl-C, how many have
 * arrived since ctrl_c_arm (the shell drops what was typed up to the last of them); else 0, and a Ctrl-C
 * typed meanwhile reaches the line editor, which cancels the line with it. */
uint32_t ctrl_c_to_drop(void);
/* Bytes the serial driver dropped in discard mode since ctrl_c_arm. */
uint32_t ctrl_c_discarded(void);

#endif
