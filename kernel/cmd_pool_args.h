/* What the pool commands share: tags and pool types as the console writes them (CONTRACT.md). */
#ifndef PAGODA_CMD_POOL_ARGS_H
#define PAGODA_CMD_POOL_ARGS_H

#include <stdbool.h>
#include <stdint.h>

#include "../mm/pool_tags.h"
#include "wdm.h"

/* "JUNK" -> 'KNUJ': 1 to 4 printable characters in memory order, padded with spaces. */
bool pool_tag_parse(const char *s, uint32_t *tag);
/* The 4 characters of a tag, unprintable ones as '?', into out[5]. */
const char *pool_tag_text(uint32_t tag, char out[5]);
/* A POOL_TYPE by its WDK name or its number. */
bool pool_type_parse(const char *s, POOL_TYPE *type);
/* poolmon's short pool names: "Nonp" and "Paged". */
const char *pool_kind_name(enum pool_kind kind);
/* Prints the error line for an argument that is no address and returns false. */
bool pool_address_parse(const char *s, uintptr_t *addr);

#endif
