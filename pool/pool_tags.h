/* Per-tag counters for poolmon: allocations, frees and bytes in use, for nonpaged and paged pool
 * apart, in a hash table that grows. The entry also holds per-tag switches (Driver Verifier's special
 * pool, verifier.h). */
#ifndef PAGODA_POOL_TAGS_H
#define PAGODA_POOL_TAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pool/hashtab.h"
#include "pool/pool_locks.h"
#include "pool/pool_type.h"

struct tag_counters {
    uint32_t allocs;
    uint32_t frees;
    size_t bytes; /* block bytes in use, headers and page rounding included (a word: the pool's
                     ranges are far below 4 GiB on x86) */
};

struct tag_entry {
    struct hashtab_key key; /* key.key is the tag */
    uint32_t flags;         /* per-tag verifier switches: enum verifier_flags */
    struct tag_counters pool[POOL_KINDS];
};

/* Tags whose entry could not be made (no page to grow the table) are counted under this one. */
#define TAGTAB_OVERFLOW_TAG 0x6C66764Fu /* "Ovfl" */

/* The entry of the tag counted last: most callers use one tag many times in a row. Only an insert
 * moves entries, and every insert sets this again, so it never goes stale. NULL until tagtab_setup. */
extern struct tag_entry *tagtab_last;
/* The entry for tag, made if new (the overflow entry when the table cannot grow). */
struct tag_entry *tagtab_entry(uint32_t tag);
/* Makes tag's entry (or the overflow entry, if no page can be had for the table) the one counted
 * last: tagtab_last is never NULL after this. The pool's first call makes it, under the spinlock. */
void tagtab_setup(uint32_t tag);

/* The entry of tag if it is the one counted last, else NULL: after tagtab_setup only. */
static inline struct tag_entry *tagtab_recent(uint32_t tag)
{
    struct tag_entry *e = tagtab_last;
    return e->key.key == tag ? e : 0;
}

static inline struct tag_counters *tagtab_counters(uint32_t tag, enum pool_kind kind)
{
    struct tag_entry *e = tagtab_last;
    if (!e || e->key.key != tag)
        e = tagtab_entry(tag);
    return &e->pool[kind];
}

static inline void tag_counters_alloc(struct tag_counters *c, uint32_t bytes)
{
    c->allocs++;
    c->bytes += bytes;
}

static inline void tag_counters_free(struct tag_counters *c, uint32_t bytes)
{
    c->frees++;
    c->bytes -= bytes;
}

static inline void tagtab_count_alloc(uint32_t tag, enum pool_kind kind, uint32_t bytes)
{
    tag_counters_alloc(tagtab_counters(tag, kind), bytes);
}

static inline void tagtab_count_free(uint32_t tag, enum pool_kind kind, uint32_t bytes)
{
    tag_counters_free(tagtab_counters(tag, kind), bytes);
}

/* The same, in a call that holds pool_lock(kind). */
static inline void pool_count_alloc(uint32_t tag, enum pool_kind kind, uint32_t bytes)
{
    KIRQL old = pool_shared_begin(kind);
    tagtab_count_alloc(tag, kind, bytes);
    pool_shared_end(kind, old);
}

static inline void pool_count_free(uint32_t tag, enum pool_kind kind, uint32_t bytes)
{
    KIRQL old = pool_shared_begin(kind);
    tagtab_count_free(tag, kind, bytes);
    pool_shared_end(kind, old);
}

/* Iteration over every tag seen: start with *cursor = 0; copies the next entry to *out, false at the
 * end. Takes the pool's lock for each step: call it at any IRQL, never holding that lock. */
bool tagtab_next(size_t *cursor, struct tag_entry *out);
/* The same over another table of tag entries and its overflow entry (a driver's, pool/verifier.h). */
bool tagtab_next_in(const struct hashtab *table, const struct tag_entry *overflow, size_t *cursor,
                    struct tag_entry *out);
const struct tag_entry *tagtab_find(uint32_t tag);

#endif
