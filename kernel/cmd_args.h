/* Argument helpers shared by the memory commands: a number, or a command's one number argument, with
 * the usage or `error: ` line printed when it is missing or malformed. */
#ifndef PAGODA_CMD_ARGS_H
#define PAGODA_CMD_ARGS_H

#include <stdint.h>

/* 0, or -1 after printing `error: <cmd>: <what> '<text>': <reason>`. */
int cmd_parse_number(const char *cmd, const char *what, const char *text, uint32_t *out);
/* argv must be `<cmd> <number>`: 0 with the number, or -1 after printing the error. */
int cmd_one_number(int argc, char **argv, const char *what, uint32_t *out);

#endif
