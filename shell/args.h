/* Parsers for the words console commands take besides plain numbers (kparse.h): pool tags, pool type
 * names and addresses. Each parses one whole word: it returns NULL and sets *out, or returns a phrase
 * for the error line that says what was wrong and what was expected. */
#ifndef PAGODA_ARGS_H
#define PAGODA_ARGS_H

#include <stdint.h>

#define POOL_TYPE_COUNT 7
/* POOL_TYPE's names indexed by their WDK values (NonPagedPool 0 ... NonPagedPoolCacheAlignedMustS 6);
 * value 3, DontUseThisType, is NULL: no command takes it. */
extern const char *const pool_type_names[POOL_TYPE_COUNT];

/* A pool type by name; *out is its POOL_TYPE value. */
const char *parse_pool_type(const char *s, uint32_t *out);
/* A tag of 1 to 4 printable characters in memory byte order, padded with spaces: "Test" gives
 * 0x74736554, which C writes 'tseT'. */
const char *parse_tag(const char *s, uint32_t *out);
/* A 32-bit address, 0x hex or decimal. */
const char *parse_address(const char *s, uint32_t *out);

/* The tag's four bytes in memory order as poolmon shows them; a byte that is not printable shows as '.'.
 * Returns out. */
const char *format_tag(uint32_t tag, char out[5]);

#endif
