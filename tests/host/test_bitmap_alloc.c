#include "mm/bitmap_alloc.h"
#include "tests/host/unit.h"

static uint32_t words[BITMAP_WORDS(100)];
static struct bitmap_alloc b;

TEST(bitmap_runs_come_in_order_from_the_hint)
{
    bitmap_alloc_init(&b, words, 100);
    CHECK(bitmap_alloc_run(&b, 3) == 0);
    CHECK(bitmap_alloc_run(&b, 40) == 3);
    CHECK(bitmap_alloc_run(&b, 1) == 43);
    CHECK(b.used == 44 && bitmap_alloc_in_use(&b, 42) && !bitmap_alloc_in_use(&b, 44));
    bitmap_alloc_free_run(&b, 0, 3);
    /* The hint moves on: the freed run at 0 is used only after the end is reached. */
    CHECK(bitmap_alloc_run(&b, 1) == 44);
    CHECK(bitmap_alloc_run(&b, 55) == 45);
    CHECK(bitmap_alloc_run(&b, 2) == 0);
}

TEST(bitmap_full_and_fragmented)
{
    bitmap_alloc_init(&b, words, 100);
    CHECK(bitmap_alloc_run(&b, 100) == 0);
    CHECK(bitmap_alloc_run(&b, 1) == BITMAP_NONE);
    bitmap_alloc_free_run(&b, 10, 2);
    bitmap_alloc_free_run(&b, 50, 3);
    CHECK(bitmap_alloc_run(&b, 4) == BITMAP_NONE); /* 5 free, but not 4 in a row */
    CHECK(bitmap_alloc_run(&b, 3) == 50);
    CHECK(bitmap_alloc_run(&b, 2) == 10);
    CHECK(bitmap_alloc_run(&b, 0) == BITMAP_NONE && b.used == 100);
}

TEST(bitmap_runs_cross_word_boundaries)
{
    bitmap_alloc_init(&b, words, 100);
    CHECK(bitmap_alloc_run(&b, 30) == 0);
    CHECK(bitmap_alloc_run(&b, 40) == 30);
    CHECK(bitmap_alloc_in_use(&b, 31) && bitmap_alloc_in_use(&b, 69) && !bitmap_alloc_in_use(&b, 70));
}
