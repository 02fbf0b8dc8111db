/* A console command's argument words. The parsers (args_parse_*) each take one whole word: they return
 * NULL and set *out, or return the phrase for the error line that says what was wrong and what was
 * expected. The checks (args_u32, ...) take the command's name too; on a mistake they print one line,
 * `error: <cmd>: '<word>': <what was wrong> (<what was expected>)`, and return false, so a handler can
 * write `if (!args_u32(...)) return -1;`. The parsers are freestanding, so the host tests run them. */
#ifndef PAGODA_ARGS_H
#define PAGODA_ARGS_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/wdm.h"

/* A command's handler: argv[0] is the command's name, then as many words as its table entry allows.
 * It returns 0 on success, -1 after printing its error line, or ARGS_USAGE when its words do not fit
 * its usage (the dispatcher then prints the usage line). */
typedef int args_handler(int argc, char **argv);
#define ARGS_USAGE (-2)

#define ARGS_POOL_TYPES 7
/* POOL_TYPE's names indexed by their WDK values (NonPagedPool 0 ... NonPagedPoolCacheAlignedMustS 6);
 * value 3, DontUseThisType, is NULL: no command takes it. */
extern const char *const args_pool_type_names[ARGS_POOL_TYPES];

/* A pool type by name; *out is its POOL_TYPE value. */
const char *args_parse_pool_type(const char *s, uint32_t *out);
/* A tag of 1 to 4 printable characters in memory byte order, padded with spaces: "Test" gives
 * 0x74736554, which C writes 'tseT'. */
const char *args_parse_tag(const char *s, uint32_t *out);
/* A 32-bit address, 0x hex or decimal. */
const char *args_parse_address(const char *s, uint32_t *out);

/* The tag's four bytes in memory order as poolmon shows them; a byte that is not printable shows as '.'.
 * Returns out. */
const char *args_format_tag(uint32_t tag, char out[5]);

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
