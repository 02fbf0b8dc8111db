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

/* Counts one size-class bucket of nonpaged pool (pool_bucket.h) keeps for the tag it counted last, so
 * that the common allocation and free count with one add in the bucket's own line instead of a second
 * line's three: they reach the tag's entry (settle) when the bucket counts another tag. Its blocks are
 * all of one size, so the bytes follow from the counts. Readers of the counters add them
 * (pool/pool_tag_counts.h), so that what they show never depends on when a bucket settles. A bucket
 * takes a tag only once the tag has its entry (it starts with the tag the pool's set-up counted, as
 * tagtab_last does); its counts settle into that entry, or the overflow entry when there is none. */
struct tag_pending {
    uint32_t tag;
    uint32_t allocs, frees;
};

/* The counting of one allocation (alloc) or free of a block of `bytes` whose tag p did not count last:
 * p's counts settle, and p counts tag from now on if its entry is or can be made (else the overflow
 * entry counts it, as tagtab_count_alloc would). */
void tag_pending_count(struct tag_pending *p, uint32_t tag, uint32_t bytes, bool alloc);
/* Adds to out, a copy of entry e, the counts of p (blocks of `bytes`) that settle into e. */
void tag_pending_add(const struct tag_pending *p, uint32_t bytes, const struct tag_entry *e, struct tag_entry *out);

/* The table's next entry (start with *cursor = 0; the overflow entry last), NULL at the end:
 * the counts settled so far, which tagtab_next completes. Under pool_tables_lock. */
const struct tag_entry *tagtab_step(size_t *cursor);
/* Iteration over another table of tag entries and its overflow entry (a driver's, pool/verifier.h, whose
 * counts are all settled): copies the next entry to *out, false at the end. Takes the pool's lock for
 * each step: call it at any IRQL, never holding that lock. */
bool tagtab_next_in(const struct hashtab *table, const struct tag_entry *overflow, size_t *cursor,
                    struct tag_entry *out);
/* The entry of tag, NULL if it has none: its flags (its counts are tagtab_find's). */
const struct tag_entry *tagtab_lookup(uint32_t tag);

#endif
