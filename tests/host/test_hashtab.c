/* The pool's hash table (growth, backward-shift deletion) and the page arena under it. */
#include "pool/hashtab.h"
#include "host/page_arena.h"
#include "tests/host/unit.h"

struct entry {
    struct hashtab_key key;
    uintptr_t value;
};

TEST(hashtab_grows_and_finds_every_key_after_removals)
{
    struct hashtab t = HASHTAB_INIT(struct entry);
    enum { N = 5000 };
    for (uintptr_t i = 0; i < N; i++) {
        struct entry *e = hashtab_insert(&t, i * 4096);
        CHECK(e && e->value == 0);
        e->value = i;
    }
    CHECK(t.count == N && t.capacity >= N);
    for (uintptr_t i = 0; i < N; i += 2)
        hashtab_remove(&t, hashtab_find(&t, i * 4096));
    for (uintptr_t i = 0; i < N; i++) {
        struct entry *e = hashtab_find(&t, i * 4096);
        CHECK(i % 2 ? e && e->value == i : e == 0);
    }
    size_t cursor = 0, seen = 0;
    while (hashtab_next(&t, &cursor))
        seen++;
    CHECK(seen == N / 2);
}

TEST(page_arena_reuses_freed_runs_and_keeps_its_limit)
{
    static char space[64 * 4096] __attribute__((aligned(4096)));
    static uint8_t owners[64];
    struct page_arena a;
    page_arena_init(&a, (uintptr_t)space, (uintptr_t)space + sizeof(space), owners);
    char *one = page_arena_alloc(&a, 1), *run = page_arena_alloc(&a, 20);
    CHECK(one == space && run == space + 4096 && a.pages_in_use == 21);
    page_arena_free(&a, one, 1);
    CHECK(page_arena_alloc(&a, 1) == one);
    page_arena_free(&a, run, 20);
    CHECK(page_arena_alloc(&a, 17) == run && page_arena_alloc(&a, 3) == run + 17 * 4096);
    CHECK(page_arena_owner(&a, run + 4096) == &owners[2] && page_arena_owner(&a, space + sizeof(space) - 1) == &owners[63]);
    CHECK(!page_arena_owner(&a, space + sizeof(space)) && !page_arena_owner(&a, space - 1));
    CHECK(page_arena_alloc(&a, 64) == 0);
    a.page_limit = a.pages_in_use;
    CHECK(page_arena_alloc(&a, 1) == 0);
}
