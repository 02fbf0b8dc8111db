/* The per-tag counters as poolmon, !poolused, `stress` and the tests read them: each tag's entry
 * (pool_tags.h) with the counts the buckets of nonpaged pool keep for it (pool_bucket.h) added, so that
 * a reader never sees when those settle. */
#ifndef PAGODA_POOL_TAG_COUNTS_H
#define PAGODA_POOL_TAG_COUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pool/pool_tags.h"

/* Iteration over every tag seen: start with *cursor = 0; copies the next entry to *out, false at the
 * end (the overflow entry last). Takes the pool's lock for each step: call it at any IRQL, never
 * holding that lock. */
bool tagtab_next(size_t *cursor, struct tag_entry *out);
/* Copies tag's entry to *out; false if the tag has none. The same locking. */
bool tagtab_find(uint32_t tag, struct tag_entry *out);

#endif
