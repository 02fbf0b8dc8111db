/* The WDK lookaside calls: hits and misses, the Allocate/Free routines, deletion, adaptive depth. */
#include "pool/lookaside.h"
#include "tests/host/unit.h"

static unsigned allocate_calls, free_calls;

static PVOID counting_allocate(POOL_TYPE type, SIZE_T bytes, ULONG tag)
{
    allocate_calls++;
    return ExAllocatePoolWithTag(type, bytes, tag);
}

static VOID counting_free(PVOID p)
{
    free_calls++;
    ExFreePool(p);
}

TEST(lookaside_second_allocation_is_a_hit_on_the_freed_entry)
{
    NPAGED_LOOKASIDE_LIST l;
    ExInitializeNPagedLookasideList(&l, counting_allocate, counting_free, 0, 200, 'tsiL', 0);
    allocate_calls = free_calls = 0;
    void *a = ExAllocateFromNPagedLookasideList(&l);
    CHECK(a && allocate_calls == 1 && l.L.TotalAllocates == 1 && l.L.AllocateMisses == 1);
    ExFreeToNPagedLookasideList(&l, a);
    CHECK(free_calls == 0 && l.L.TotalFrees == 1 && l.L.FreeMisses == 0 && l.L.ListHead.Depth == 1);
    void *b = ExAllocateFromNPagedLookasideList(&l);
    CHECK(b == a && allocate_calls == 1 && l.L.AllocateMisses == 1 && l.L.TotalAllocates == 2);
    ExFreeToNPagedLookasideList(&l, b);
    ExDeleteNPagedLookasideList(&l);
    CHECK(free_calls == 1);
}

TEST(lookaside_frees_past_the_depth_go_to_the_free_routine)
{
    PAGED_LOOKASIDE_LIST l;
    ExInitializePagedLookasideList(&l, counting_allocate, counting_free, 0, 64, 'tsiL', 0);
    allocate_calls = free_calls = 0;
    void *e[LOOKASIDE_MIN_DEPTH + 3];
    for (unsigned i = 0; i < LOOKASIDE_MIN_DEPTH + 3; i++)
        e[i] = ExAllocateFromPagedLookasideList(&l);
    for (unsigned i = 0; i < LOOKASIDE_MIN_DEPTH + 3; i++)
        ExFreeToPagedLookasideList(&l, e[i]);
    CHECK(free_calls == 3 && l.L.FreeMisses == 3 && l.L.ListHead.Depth == LOOKASIDE_MIN_DEPTH);
    ExDeletePagedLookasideList(&l);
    CHECK(free_calls == LOOKASIDE_MIN_DEPTH + 3);
}

TEST(lookaside_default_routines_are_the_pool_with_the_lists_tag)
{
    NPAGED_LOOKASIDE_LIST l;
    ExInitializeNPagedLookasideList(&l, 0, 0, POOL_RAISE_IF_ALLOCATION_FAILURE, 24, 'fdaL', 0);
    unsigned char *p = ExAllocateFromNPagedLookasideList(&l);
    CHECK(p && p[-4] == 'L' && p[-3] == 'a' && p[-2] == 'd' && p[-1] == 'f');
    ExFreeToNPagedLookasideList(&l, p);
    ExDeleteNPagedLookasideList(&l);
}

TEST(lookaside_depth_grows_with_misses_and_shrinks_when_they_stop)
{
    NPAGED_LOOKASIDE_LIST l;
    ExInitializeNPagedLookasideList(&l, 0, 0, 0, 32, 'pdaL', 0);
    enum { BURST = 100 };
    void *e[BURST];
    for (unsigned round = 0; round < 20; round++) { /* bursts of 100: most miss at depth 4 */
        for (unsigned i = 0; i < BURST; i++)
            e[i] = ExAllocateFromNPagedLookasideList(&l);
        for (unsigned i = 0; i < BURST; i++)
            ExFreeToNPagedLookasideList(&l, e[i]);
    }
    USHORT grown = l.L.Depth;
    CHECK(grown > LOOKASIDE_MIN_DEPTH);
    for (unsigned i = 0; i < 40 * LOOKASIDE_ADAPT_PERIOD; i++) /* one at a time: every one hits */
        ExFreeToNPagedLookasideList(&l, ExAllocateFromNPagedLookasideList(&l));
    CHECK(l.L.Depth < grown);
    CHECK(l.L.Depth == LOOKASIDE_MIN_DEPTH);
    ExDeleteNPagedLookasideList(&l);
}

TEST(lookaside_lists_are_registered_until_deleted)
{
    NPAGED_LOOKASIDE_LIST l;
    ExInitializeNPagedLookasideList(&l, 0, 0, 0, 32, 'geRL', 0);
    bool seen = false;
    for (PGENERAL_LOOKASIDE g = lookaside_next(0); g; g = lookaside_next(g))
        seen |= g == &l.L;
    CHECK(seen);
    ExDeleteNPagedLookasideList(&l);
    seen = false;
    for (PGENERAL_LOOKASIDE g = lookaside_next(0); g; g = lookaside_next(g))
        seen |= g == &l.L;
    CHECK(!seen);
}
