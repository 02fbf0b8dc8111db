#include "pool_tags.h"

static struct hashtab tags = HASHTAB_INIT(struct tag_entry);
static struct tag_entry overflow = { .key = { TAGTAB_OVERFLOW_TAG, 1 } };

/* Most callers use one tag many times in a row: remember the last entry while the table stays put. */
static struct tag_entry *last;
static unsigned last_generation;

static struct tag_entry *entry_for(uint32_t tag)
{
    if (last && last->key.key == tag && last_generation == tags.generation)
        return last;
    struct tag_entry *e = hashtab_insert(&tags, tag);
    if (!e)
        return &overflow;
    last = e;
    last_generation = tags.generation;
    return e;
}

void tagtab_count_alloc(uint32_t tag, enum pool_kind kind, uint32_t bytes)
{
    struct tag_counters *c = &entry_for(tag)->pool[kind];
    c->allocs++;
    c->bytes += bytes;
}

void tagtab_count_free(uint32_t tag, enum pool_kind kind, uint32_t bytes)
{
    struct tag_counters *c = &entry_for(tag)->pool[kind];
    c->frees++;
    c->bytes -= bytes;
}

const struct tag_entry *tagtab_next(size_t *cursor)
{
    const struct tag_entry *e = hashtab_next(&tags, cursor);
    if (!e && *cursor == tags.capacity && (overflow.pool[0].allocs || overflow.pool[1].allocs)) {
        (*cursor)++;
        return &overflow;
    }
    return e;
}

const struct tag_entry *tagtab_find(uint32_t tag)
{
    return hashtab_find(&tags, tag);
}
