#include "pool/pool_tags.h"

static struct hashtab tags = HASHTAB_INIT(struct tag_entry);
static struct tag_entry overflow = { .key = { TAGTAB_OVERFLOW_TAG, 1 } };

struct tag_entry *tagtab_last;

struct tag_entry *tagtab_entry(uint32_t tag)
{
    struct tag_entry *e = hashtab_insert(&tags, tag);
    if (!e)
        return &overflow;
    tagtab_last = e;
    return e;
}

void tagtab_setup(uint32_t tag)
{
    if (tagtab_entry(tag) == &overflow)
        tagtab_last = &overflow;
}

bool tagtab_next_in(const struct hashtab *table, const struct tag_entry *overflow, size_t *cursor,
                    struct tag_entry *out)
{
    KIRQL old = pool_tables_lock(); /* a DPC's allocation may grow the table meanwhile */
    const struct tag_entry *e = hashtab_next(table, cursor);
    if (!e && *cursor == table->capacity && (overflow->pool[0].allocs || overflow->pool[1].allocs)) {
        (*cursor)++;
        e = overflow;
    }
    if (e)
        *out = *e;
    pool_tables_unlock(old);
    return e != 0;
}

bool tagtab_next(size_t *cursor, struct tag_entry *out)
{
    return tagtab_next_in(&tags, &overflow, cursor, out);
}

const struct tag_entry *tagtab_find(uint32_t tag)
{
    return hashtab_find(&tags, tag);
}
