#include "pool_tags.h"

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
