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

/* The entry p's counts settle into. */
static struct tag_entry *settles_into(const struct tag_pending *p)
{
    struct tag_entry *e = hashtab_find(&tags, p->tag);
    return e ? e : &overflow;
}

/* Adds p's counts (blocks of `bytes`) to c: the bytes in use from the difference of two counters that
 * wrap alike. */
static void add_pending(struct tag_counters *c, const struct tag_pending *p, uint32_t bytes)
{
    c->allocs += p->allocs;
    c->frees += p->frees;
    c->bytes += (size_t)(intptr_t)(int32_t)(p->allocs - p->frees) * bytes;
}

void tag_pending_count(struct tag_pending *p, uint32_t tag, uint32_t bytes, bool alloc)
{
    add_pending(&settles_into(p)->pool[POOL_KIND_NONPAGED], p, bytes);
    p->allocs = p->frees = 0;
    struct tag_entry *e = tagtab_entry(tag);
    if (e != &overflow)
        p->tag = tag;
    if (p->tag != tag)
        alloc ? tag_counters_alloc(&e->pool[POOL_KIND_NONPAGED], bytes)
              : tag_counters_free(&e->pool[POOL_KIND_NONPAGED], bytes);
    else if (alloc)
        p->allocs = 1;
    else
        p->frees = 1;
}

void tag_pending_add(const struct tag_pending *p, uint32_t bytes, const struct tag_entry *e, struct tag_entry *out)
{
    if (settles_into(p) == e)
        add_pending(&out->pool[POOL_KIND_NONPAGED], p, bytes);
}

static const struct tag_entry *step_in(const struct hashtab *table, const struct tag_entry *overflow, size_t *cursor)
{
    const struct tag_entry *e = hashtab_next(table, cursor);
    if (!e && *cursor == table->capacity) {
        (*cursor)++;
        e = overflow;
    }
    return e;
}

const struct tag_entry *tagtab_step(size_t *cursor)
{
    return step_in(&tags, &overflow, cursor);
}

bool tagtab_next_in(const struct hashtab *table, const struct tag_entry *overflow, size_t *cursor,
                    struct tag_entry *out)
{
    KIRQL old = pool_tables_lock(); /* a DPC's allocation may grow the table meanwhile */
    const struct tag_entry *e = step_in(table, overflow, cursor);
    if (e)
        *out = *e;
    pool_tables_unlock(old);
    return e != 0;
}

const struct tag_entry *tagtab_lookup(uint32_t tag)
{
    return hashtab_find(&tags, tag);
}
