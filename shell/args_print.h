/* Checking a command's argument words. Each takes the command's name (for the message) and one word;
 * on a mistake it prints one line, `error: <cmd>: '<word>': <what was wrong> (<what was expected>)`,
 * and returns false, so a handler can write `if (!args_u32(...)) return -1;`. */
#ifndef PAGODA_ARGS_PRINT_H
#define PAGODA_ARGS_PRINT_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/wdm.h"

/* A number, decimal or 0x hex, from min to max. */
bool args_u32(const char *cmd, const char *word, uint32_t min, uint32_t max, uint32_t *out);
bool args_address(const char *cmd, const char *word, uint32_t *out);
/* A pool tag as poolmon shows it: "Test" gives 'tseT'. */
bool args_tag(const char *cmd, const char *word, ULONG *out);
/* A POOL_TYPE name; *out is its value (cast it to POOL_TYPE). */
bool args_pool_type(const char *cmd, const char *word, uint32_t *out);
/* An IRQL by number or name (irql_parse). */
bool args_irql(const char *cmd, const char *word, KIRQL *out);

#endif
