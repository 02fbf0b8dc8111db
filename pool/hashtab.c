#include "pool/hashtab.h"

#include "kernel/lib/kstring.h"
#include "mm/pool_pages.h"

#define WORD_BITS (sizeof(uintptr_t) * 8)
#define FIRST_CAPACITY_BYTES 4096u

static struct hashtab_key *slot(const struct hashtab *t, size_t i)
{
    return (struct hashtab_key *)(t->slots + i * t->entry_size);
}

static size_t home(const struct hashtab *t, uintptr_t key)
{
    /* Fibonacci hashing: the multiply spreads page addresses (low bits all zero) and tags alike. */
    return (size_t)((key * (uintptr_t)0x9E3779B97F4A7C15ull) >> t->shift);
}

static size_t table_pages(size_t capacity, size_t entry_size)
{
    return (capacity * entry_size + FIRST_CAPACITY_BYTES - 1) / FIRST_CAPACITY_BYTES;
}

void *hashtab_find(const struct hashtab *t, uintptr_t key)
{
    if (!t->capacity)
        return 0;
    for (size_t i = home(t, key);; i = (i + 1) & (t->capacity - 1)) {
        struct hashtab_key *k = slot(t, i);
        if (!k->used)
            return 0;
        if (k->key == key)
            return k;
    }
}

static struct hashtab_key *place(struct hashtab *t, uintptr_t key)
{
    size_t i = home(t, key);
    while (slot(t, i)->used)
        i = (i + 1) & (t->capacity - 1);
    struct hashtab_key *k = slot(t, i);
    k->key = key;
    k->used = 1;
    return k;
}

static bool grow(struct hashtab *t)
{
    size_t capacity = t->capacity * 2;
    if (!capacity) /* the largest power of two whose slots fit one page */
        for (capacity = 1; capacity * 2 * t->entry_size <= FIRST_CAPACITY_BYTES; capacity *= 2)
            ;
    size_t pages = table_pages(capacity, t->entry_size);
    unsigned char *slots = pool_pages_alloc(pages, false);
    if (!slots)
        return false;
    memset(slots, 0, pages * FIRST_CAPACITY_BYTES);
    struct hashtab old = *t;
    t->slots = slots;
    t->capacity = capacity;
    t->shift = WORD_BITS - (unsigned)__builtin_ctzl(capacity);
    for (size_t i = 0; i < old.capacity; i++) {
        struct hashtab_key *k = slot(&old, i);
        if (k->used)
            memcpy(place(t, k->key), k, t->entry_size);
    }
    if (old.slots)
        pool_pages_free(old.slots, table_pages(old.capacity, old.entry_size));
    return true;
}

void *hashtab_insert(struct hashtab *t, uintptr_t key)
{
    void *found = hashtab_find(t, key);
    if (found)
        return found;
    if ((t->count + 1) * 4 > t->capacity * 3 && !grow(t))
        return 0;
    struct hashtab_key *k = place(t, key);
    memset(k + 1, 0, t->entry_size - sizeof(*k));
    t->count++;
    return k;
}

void hashtab_remove(struct hashtab *t, void *entry)
{
    size_t hole = (size_t)((unsigned char *)entry - t->slots) / t->entry_size;
    t->count--;
    /* Backward shift: move up every later entry of the probe run that may live in the hole. */
    for (size_t i = (hole + 1) & (t->capacity - 1);; i = (i + 1) & (t->capacity - 1)) {
        struct hashtab_key *k = slot(t, i);
        if (!k->used)
            break;
        size_t h = home(t, k->key);
        bool movable = hole <= i ? (h <= hole || h > i) : (h <= hole && h > i);
        if (movable) {
            memcpy(slot(t, hole), k, t->entry_size);
            hole = i;
        }
    }
    slot(t, hole)->used = 0;
}

void *hashtab_next(const struct hashtab *t, size_t *cursor)
{
    while (*cursor < t->capacity) {
        struct hashtab_key *k = slot(t, (*cursor)++);
        if (k->used)
            return k;
    }
    return 0;
}
