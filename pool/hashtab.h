/* An open-addressing hash table (linear probing, deletion by backward shift) keyed by a machine word,
 * whose slots live in pages of the pool's page provider and which doubles when 3/4 full. The pool
 * keeps two: pool pages and big allocations by address, and the per-tag counters. Every entry starts
 * with struct hashtab_key; the rest of it is the user's. */
#ifndef PAGODA_HASHTAB_H
#define PAGODA_HASHTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hashtab_key {
    uintptr_t key;
    uintptr_t used;
};

struct hashtab {
    size_t entry_size;
    unsigned char *slots;
    size_t capacity; /* a power of two, or 0 before the first insert */
    unsigned shift;  /* word bits - log2(capacity) */
    size_t count;
};

#define HASHTAB_INIT(type) { .entry_size = sizeof(type) }

void *hashtab_find(const struct hashtab *t, uintptr_t key);
/* The entry for key, inserted zeroed (but for its key) if absent; NULL if the table is full and no
 * pages are left to grow it. */
void *hashtab_insert(struct hashtab *t, uintptr_t key);
void hashtab_remove(struct hashtab *t, void *entry);
/* Iteration: start with *cursor = 0; NULL at the end. Do not insert or remove meanwhile. */
void *hashtab_next(const struct hashtab *t, size_t *cursor);

#endif
